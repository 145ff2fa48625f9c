using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// An injected <c>IEnumerable&lt;ITool&gt;</c> of the app's own tool interface turned into SDK tools one element at a
/// time by the SDK's factory, named after the element (<c>ChatTool.CreateFunctionTool(tool.Name, tool.Description,
/// tool.Parameters)</c> in a <c>foreach</c> or a <c>Select</c>), is the injected tool collection of unknown size, as
/// <c>_chatTools.Select(tool =&gt; tool.Get())</c> is (<see cref="InjectedAppToolInterfaceTests"/>).
/// </summary>
public class InjectedAppToolFactoryTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string name) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments($"the injected tool collection '{name}'", 20);

    private const string AppTool = """
        using OpenAI.Chat;

        public interface ITool
        {
            string Name { get; }
            string Description { get; }
            BinaryData Parameters { get; }
        }

        """;

    [Fact]
    public Task Injected_app_tools_made_into_chat_tools_in_a_foreach_are_reported() => VerifyAsync(AppTool + """
        public sealed class Agent(ChatClient chat, IEnumerable<ITool> tools)
        {
            public async Task<string> AskAsync(string prompt)
            {
                var options = new ChatCompletionOptions();
                foreach (var tool in {|#0:tools|})
                    options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, tool.Parameters));
                var response = await chat.CompleteChatAsync([new UserChatMessage(prompt)], options);
                return response.Value.Content[0].Text;
            }
        }
        """,
        Unbounded(0, "tools"));

    [Fact]
    public Task Injected_app_tools_made_into_tools_by_a_Select_or_a_body_local_are_reported() => VerifyAsync(AppTool + """
        public sealed class Agent
        {
            private readonly IEnumerable<ITool> _tools;
            private readonly ChatClient _chat;

            public Agent(ChatClient chat, IEnumerable<ITool> tools)
            {
                _chat = chat;
                _tools = tools;
            }

            public async Task<string> AskAsync(string prompt)
            {
                var options = new ChatCompletionOptions();
                foreach (var chatTool in {|#0:_tools|}.Select(t => ChatTool.CreateFunctionTool(t.Name, t.Description, t.Parameters)))
                    options.Tools.Add(chatTool);
                return (await _chat.CompleteChatAsync([new UserChatMessage(prompt)], options)).Value.Content[0].Text;
            }

            public async Task<string> AskLocalAsync(string prompt)
            {
                var options = new ChatCompletionOptions();
                foreach (var tool in {|#1:_tools|})
                {
                    var chatTool = ChatTool.CreateFunctionTool(functionName: tool.Name, functionDescription: tool.Description);
                    options.Tools.Add(chatTool);
                }

                return (await _chat.CompleteChatAsync([new UserChatMessage(prompt)], options)).Value.Content[0].Text;
            }
        }
        """,
        Unbounded(0, "_tools"),
        Unbounded(1, "_tools"));

    // ---- quiet twins ----

    // A registry the class fills itself, an allow-list around the Add, a Take(n) cap, a plain method's parameter (the
    // caller's selection), one fixed name instead of the element's, and an injected collection of services that are
    // not tools (their names only described in the prompt).
    [Fact]
    public Task Fixed_allow_listed_capped_and_handed_in_app_tools_are_not_reported() => VerifyAsync(AppTool + """
        public sealed class WeatherTool : ITool
        {
            public string Name => "weather";
            public string Description => "Weather.";
            public BinaryData Parameters => BinaryData.FromString("{}");
        }

        public interface IGreeter { string Name { get; } }

        public sealed class Agent(ChatClient chat, IEnumerable<ITool> tools, IEnumerable<IGreeter> greeters)
        {
            private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "weather", "time" };
            private readonly List<ITool> _own = [new WeatherTool()];

            public async Task<string> AskAsync(string prompt, ITool[] chosen)
            {
                var options = new ChatCompletionOptions();
                foreach (var tool in _own)
                    options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, tool.Parameters));
                foreach (var tool in tools)
                {
                    if (Allowed.Contains(tool.Name))
                        options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, tool.Parameters));
                }

                foreach (var tool in tools.Take(5))
                    options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, tool.Parameters));
                foreach (var tool in chosen)
                    options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, tool.Parameters));
                var greeting = string.Join(", ", greeters.Select(g => g.Name));
                return (await chat.CompleteChatAsync([new UserChatMessage(greeting + prompt)], options)).Value.Content[0].Text;
            }

            public async Task<string> AskFixedNameAsync(string prompt)
            {
                var options = new ChatCompletionOptions();
                foreach (var greeter in greeters)
                    options.Tools.Add(ChatTool.CreateFunctionTool("greet", greeter.Name));
                return (await chat.CompleteChatAsync([new UserChatMessage(prompt)], options)).Value.Content[0].Text;
            }
        }
        """);

    // ---- half-typed code ----

    [Fact]
    public async Task A_half_typed_conversion_reports_nothing_and_does_not_crash()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + AppTool + """
            public sealed class Agent(ChatClient chat, IEnumerable<ITool> tools, IEnumerable<IMissing> missing)
            {
                public async Task<string> AskAsync(string prompt)
                {
                    var options = new ChatCompletionOptions();
                    foreach (var tool in tools)
                        options.Tools.Add(ChatTool.CreateFunctionTool(tool.Nam, tool.Description));
                    foreach (var tool in missing)
                        options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description));
                    foreach (var tool in tools)
                        options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, ));
                    return (await chat.CompleteChatAsync([new UserChatMessage(prompt)], options)).Value.Content[0].Text;
                }
            }
            """);
        await test.RunAsync();
    }
}
