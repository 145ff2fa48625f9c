using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// An injected <c>IEnumerable&lt;IChatTool&gt;</c> of an app-defined tool interface, each element converted to the SDK's
/// tool by a member of the interface (<c>_chatTools.Select(tool =&gt; tool.Get())</c>, <c>.Select(t =&gt; t.ToAITool())</c>),
/// is an injected tool collection of unknown size, as an injected <c>IEnumerable&lt;ChatTool&gt;</c> is. The interface
/// is a tool interface only through that conversion: its member returns an SDK tool type. A collection of app services
/// whose members are not converted to SDK tools stays quiet.
/// </summary>
public class InjectedAppToolInterfaceTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string name) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments($"the injected tool collection '{name}'", 20);

    [Fact]
    public Task Injected_app_tools_converted_to_openai_tools_are_an_injected_tool_collection() => VerifyAsync("""
        using OpenAI.Chat;

        public interface IChatTool
        {
            string Name { get; }
            ChatTool Get();
        }

        public sealed class ChatService
        {
            private readonly IEnumerable<IChatTool> _chatTools;

            public ChatService(IEnumerable<IChatTool> chatTools) => _chatTools = chatTools;

            public async Task<string> Interact(ChatClient chatClient, string message)
            {
                var completion = await chatClient.CompleteChatAsync([new UserChatMessage(message)], GetOptions());
                return completion.Value.Content[0].Text;
            }

            private ChatCompletionOptions GetOptions()
            {
                var options = new ChatCompletionOptions { Temperature = 0.7f };
                var chatTools = {|#0:_chatTools|}.Select(tool => tool.Get()).ToList();
                foreach (var tool in chatTools)
                {
                    options.Tools.Add(tool);
                }

                return options;
            }
        }
        """,
        Unbounded(0, "_chatTools"));

    [Fact]
    public Task Injected_agent_tools_converted_to_ai_functions_are_an_injected_tool_collection() => VerifyAsync("""
        public interface IAgentTool
        {
            AIFunction ToAIFunction();
        }

        public sealed class Agent(IChatClient client, IEnumerable<IAgentTool> agentTools)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = new ChatOptions { Tools = [.. {|#0:agentTools|}.Select(t => t.ToAIFunction())] };
                return (await client.GetResponseAsync(question, options)).Text;
            }
        }
        """,
        Unbounded(0, "agentTools"));

    // ---- quiet twins ----

    // Injected app services whose members give names and descriptions, not SDK tools; and an injected collection of
    // tool types capped with Take.
    [Fact]
    public Task Injected_services_not_converted_to_sdk_tools_are_not_reported() => VerifyAsync("""
        public interface IToolDescriber
        {
            string Describe();
            AIFunction ToAIFunction();
        }

        public interface IGreeter
        {
            string Name { get; }
        }

        public sealed class Agent(IChatClient client, IEnumerable<IGreeter> greeters, IEnumerable<IToolDescriber> describers, AIFunction search)
        {
            public async Task<string> AskAsync(string question)
            {
                var names = string.Join(", ", greeters.Select(g => g.Name));
                var hints = describers.Select(d => d.Describe()).ToList();
                var options = new ChatOptions { Tools = [search, .. describers.Select(d => d.ToAIFunction()).Take(5)] };
                return (await client.GetResponseAsync(names + hints.Count + question, options)).Text;
            }
        }
        """);

    // A list the caller builds (not what the container injects) is a selection handed in, as for tool lists.
    [Fact]
    public Task An_app_tool_list_parameter_of_a_plain_method_is_not_an_injected_collection() => VerifyAsync("""
        public interface IAgentTool
        {
            AIFunction ToAIFunction();
        }

        public sealed class Agent(IChatClient client)
        {
            public async Task<string> AskAsync(string question, IEnumerable<IAgentTool> chosen)
            {
                var options = new ChatOptions { Tools = [.. chosen.Select(t => t.ToAIFunction())] };
                return (await client.GetResponseAsync(question, options)).Text;
            }
        }
        """);

    // ---- half-typed code ----

    [Fact]
    public async Task A_half_typed_conversion_reports_nothing_and_does_not_crash()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + """
            public interface IAgentTool
            {
                AIFunction ToAIFunction(
            }

            public sealed class Agent(IChatClient client, IEnumerable<IAgentTool> agentTools)
            {
                public async Task<string> AskAsync(string question)
                {
                    var options = new ChatOptions { Tools = [.. agentTools.Select(t => t.)] };
                    var other = new ChatOptions { Tools = [.. agentTools.Select(t => t.Missing())] };
                    var third = new ChatOptions { Tools = [.. agentTools.Select()] };
                    return (await client.GetResponseAsync(question, options)).Text;
                }
            }
            """);
        await test.RunAsync();
    }
}
