using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A helper of the project handed the request's options object fills its <c>Tools</c>
/// (<c>var options = toolsService.RegisterTools(new ChatCompletionOptions());</c>, a classic <c>this</c> extension or a
/// C# 14 <c>extension(IToolsService s) { ... }</c> block): its body is read as if written at the call, one level deep,
/// with its inputs holding what the caller passes, when the options then reach a model call. The helper's own
/// registry receiver is then the caller's injected registry. A helper adding few tools, or options that never reach a
/// request, stay quiet.
/// </summary>
public class OptionsFillingHelperTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, LanguageVersion.Latest, expected);

    private static Task VerifyAsync(string code, LanguageVersion version, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { LanguageVersion = version };
        test.TestState.Sources.Add(ToolTestCode.Usings + code);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, string.Empty);

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    private static string ChatTools(int count) =>
        string.Join(", ", Enumerable.Range(1, count).Select(i => $"ChatTool.CreateFunctionTool(\"t{i}\")"));

    /// <summary>An app's tool service whose one implementation returns <paramref name="count"/> fixed tools.</summary>
    private static string ToolService(int count) => $$"""
        public interface IAppToolsService
        {
            ChatTool[] GetRegisteredTools();
        }

        public sealed class AppToolsService : IAppToolsService
        {
            public ChatTool[] GetRegisteredTools() => [{{ChatTools(count)}}];
        }
        """;

    private const string ClassicHelper = """
        public static class AppToolsExtensions
        {
            public static ChatCompletionOptions RegisterTools(this IAppToolsService service, ChatCompletionOptions options)
            {
                options.ToolChoice = ChatToolChoice.CreateAutoChoice();
                foreach (var tool in service.GetRegisteredTools())
                {
                    options.Tools.Add(tool);
                }

                return options;
            }
        }
        """;

    // ---- reported at the call ----

    [Fact]
    public Task A_classic_extension_filling_the_options_from_the_injected_registry_is_counted_at_the_call() => VerifyAsync($$"""
        using OpenAI.Chat;

        {{ToolService(22)}}
        {{ClassicHelper}}

        public sealed class ChatService(ChatClient chatClient, IAppToolsService toolsService)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = toolsService.RegisterTools({|#0:new ChatCompletionOptions()|});
                ChatCompletion completion = await chatClient.CompleteChatAsync([new UserChatMessage(question)], options);
                return completion.Content[0].Text;
            }
        }
        """,
        OverCap(0, "22"));

    [Fact]
    public Task An_extension_block_member_filling_the_options_is_counted_at_the_call() => VerifyAsync($$"""
        using OpenAI.Chat;

        {{ToolService(22)}}

        public static class AppToolsExtensions
        {
            extension(IAppToolsService service)
            {
                public ChatCompletionOptions RegisterTools(ChatCompletionOptions options)
                {
                    foreach (var tool in service.GetRegisteredTools())
                    {
                        options.Tools.Add(tool);
                    }

                    return options;
                }
            }
        }

        public sealed class ChatService(ChatClient chatClient, IAppToolsService toolsService)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = toolsService.RegisterTools({|#0:new ChatCompletionOptions()|});
                ChatCompletion completion = await chatClient.CompleteChatAsync([new UserChatMessage(question)], options);
                return completion.Content[0].Text;
            }
        }
        """,
        LanguageVersion.Preview,
        OverCap(0, "22"));

    // `options.AddAppTools(registry)` on a local the request is then given.
    [Fact]
    public Task An_extension_on_the_options_local_is_counted_at_the_local() => VerifyAsync($$"""
        using OpenAI.Chat;

        {{ToolService(22)}}

        public static class OptionsExtensions
        {
            public static void AddAppTools(this ChatCompletionOptions options, IAppToolsService service)
            {
                foreach (var tool in service.GetRegisteredTools())
                {
                    options.Tools.Add(tool);
                }
            }
        }

        public sealed class ChatService(ChatClient chatClient, IAppToolsService toolsService)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = {|#0:new ChatCompletionOptions { Temperature = 0.2f }|};
                options.AddAppTools(toolsService);
                ChatCompletion completion = await chatClient.CompleteChatAsync([new UserChatMessage(question)], options);
                return completion.Content[0].Text;
            }
        }
        """,
        OverCap(0, "22"));

    [Fact]
    public Task An_extension_block_filling_the_options_from_an_mcp_backed_registry_reports_the_whole_list() => VerifyAsync("""
        public interface IMcpToolsService
        {
            Task<IList<McpClientTool>> GetRegisteredToolsAsync(CancellationToken cancellationToken = default);
        }

        public sealed class McpToolsService(McpClient mcpClient) : IMcpToolsService
        {
            public async Task<IList<McpClientTool>> GetRegisteredToolsAsync(CancellationToken cancellationToken = default)
                => await mcpClient.ListToolsAsync(cancellationToken: cancellationToken);
        }

        public static class McpToolsExtensions
        {
            extension(IMcpToolsService toolsService)
            {
                public async Task<ChatOptions> RegisterToolsAsync(ChatOptions options, CancellationToken cancellationToken = default)
                {
                    options.Tools ??= [];
                    foreach (var tool in await toolsService.GetRegisteredToolsAsync(cancellationToken))
                    {
                        options.Tools.Add(tool);
                    }

                    return options;
                }
            }
        }

        public sealed class ChatService(IChatClient chatClient, IMcpToolsService toolsService)
        {
            public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
            {
                var options = await toolsService.RegisterToolsAsync({|#0:new ChatOptions()|}, cancellationToken);
                var response = await chatClient.GetResponseAsync(question, options, cancellationToken: cancellationToken);
                return response.Text;
            }
        }
        """,
        LanguageVersion.Preview,
        Unbounded(0, "'mcpClient.ListToolsAsync()' (an MCP server's whole tool list), through 'toolsService.GetRegisteredToolsAsync()', through 'toolsService.RegisterToolsAsync()'"));

    // ---- quiet twins ----

    [Fact]
    public Task A_helper_adding_few_tools_is_not_reported() => VerifyAsync($$"""
        using OpenAI.Chat;

        {{ToolService(4)}}
        {{ClassicHelper}}

        public sealed class ChatService(ChatClient chatClient, IAppToolsService toolsService)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = toolsService.RegisterTools(new ChatCompletionOptions());
                ChatCompletion completion = await chatClient.CompleteChatAsync([new UserChatMessage(question)], options);
                return completion.Content[0].Text;
            }
        }
        """);

    // The filled options are only inspected (a diagnostics page listing the registered tools), never sent.
    [Fact]
    public Task Options_filled_by_a_helper_that_never_reach_a_request_are_not_reported() => VerifyAsync($$"""
        using OpenAI.Chat;

        {{ToolService(22)}}
        {{ClassicHelper}}

        public sealed class ToolsPage(IAppToolsService toolsService)
        {
            public IReadOnlyList<string> Names()
            {
                var options = toolsService.RegisterTools(new ChatCompletionOptions());
                return options.Tools.Select(t => t.FunctionName).ToList();
            }
        }
        """);

    // The registry handed to the helper is built by the caller with a few tools, not injected.
    [Fact]
    public Task A_helper_given_a_registry_the_caller_builds_is_not_reported() => VerifyAsync($$"""
        using OpenAI.Chat;

        {{ToolService(22)}}
        {{ClassicHelper}}

        public sealed class ChatService(ChatClient chatClient)
        {
            public async Task<string> AskAsync(string question, IAppToolsService chosen)
            {
                var options = chosen.RegisterTools(new ChatCompletionOptions());
                ChatCompletion completion = await chatClient.CompleteChatAsync([new UserChatMessage(question)], options);
                return completion.Content[0].Text;
            }
        }
        """);

    // ---- half-typed code ----

    [Fact]
    public async Task A_half_typed_helper_call_reports_nothing_and_does_not_crash()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { LanguageVersion = LanguageVersion.Preview, CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + $$"""
            using OpenAI.Chat;

            {{ToolService(22)}}

            public static class AppToolsExtensions
            {
                extension(IAppToolsService service)
                {
                    public ChatCompletionOptions RegisterTools(ChatCompletionOptions options)
                    {
                        foreach (var tool in service.GetRegisteredTools()
                            options.Tools.Add(
                        return options;
                    }
                }

                public static ChatCompletionOptions Broken(this IAppToolsService service, ChatCompletionOptions options, )
                {
                    foreach (var tool in service.GetRegisteredTools()) options.Tools.Add(tool);
                    return options;
                }
            }

            public sealed class ChatService(ChatClient chatClient, IAppToolsService toolsService)
            {
                public async Task<string> AskAsync(string question)
                {
                    var options = toolsService.RegisterTools(;
                    var other = toolsService.Broken(new ChatCompletionOptions(), );
                    var third = toolsService.Missing(new ChatCompletionOptions());
                    ChatCompletion completion = await chatClient.CompleteChatAsync([new UserChatMessage(question)], options);
                    await chatClient.CompleteChatAsync([new UserChatMessage(question)], third);
                    return completion.Content[0].Text;
                }
            }
            """);
        await test.RunAsync();
    }
}
