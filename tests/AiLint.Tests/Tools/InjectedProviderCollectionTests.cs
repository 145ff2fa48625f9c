using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0202 for the tools of every provider the container injects as <c>IEnumerable&lt;IContextProvider&gt;</c> (review80
/// repro-1, shinyorg/aiconversation): each provider is an injected registry, so its <c>GetTools()</c> is followed into
/// the project's implementations exactly as for one injected <c>IContextProvider</c>; reached through
/// <c>SelectMany(p =&gt; p.GetTools())</c>, a <c>Select</c> gathered and looped over, or a nested <c>foreach</c>.
/// </summary>
public class InjectedProviderCollectionTests
{
    private const string InjectedTools = "the injected tool collection 'tools'";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, CompilerDiagnostics = compilerDiagnostics };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    /// <summary>The library's interface and its default provider, which hands on every AITool the container holds.</summary>
    private const string Providers = """
        public interface IContextProvider
        {
            IEnumerable<AITool> GetTools();
        }

        public class DefaultContextProvider(IEnumerable<AITool> tools) : IContextProvider
        {
            public IEnumerable<AITool> GetTools() => tools;
        }

        """;

    [Fact]
    public Task Every_providers_tools_through_SelectMany_are_reported() => VerifyAsync(Providers + """
        public class AiConversationService(IChatClient chatClient, IEnumerable<IContextProvider> contextProviders)
        {
            public Task<ChatResponse> Plain(string message) =>
                chatClient.GetResponseAsync(message, new ChatOptions { Tools = [.. {|#0:contextProviders.SelectMany(p => p.GetTools())|}] });
        }
        """,
        Unbounded(0, InjectedTools + ", through 'p.GetTools()'"));

    [Fact]
    public Task Every_providers_tools_through_a_nested_foreach_are_reported() => VerifyAsync(Providers + """
        public class AiConversationService(IChatClient chatClient, IEnumerable<IContextProvider> contextProviders)
        {
            public Task<ChatResponse> Nested(string message)
            {
                var options = new ChatOptions { Tools = [] };
                foreach (var provider in contextProviders)
                    foreach (var t in {|#0:provider.GetTools()|})
                        options.Tools.Add(t);
                return chatClient.GetResponseAsync(message, options);
            }
        }
        """,
        Unbounded(0, InjectedTools + ", through 'provider.GetTools()'"));

    // The real code's shape (AiConversationService.ProcessMessage, reduced): the providers' lists gathered with a Select,
    // then each list copied into the options with List<T>.ForEach.
    [Fact]
    public Task Every_providers_tools_gathered_and_copied_with_ForEach_are_reported() => VerifyAsync(Providers + """
        public class AiConversationService(IChatClient chatClient, IEnumerable<IContextProvider> contextProviders)
        {
            public async Task<ChatResponse> ProcessMessage(string message, CancellationToken cancellationToken)
            {
                var options = new ChatOptions();
                var context = contextProviders
                    .Select(x => x.GetTools())
                    .ToList();

                options.Tools = new List<AITool>();
                foreach (var cp in context)
                    {|#0:cp.ToList()|}.ForEach(x => options.Tools.Add(x));

                return await chatClient.GetResponseAsync([new ChatMessage(ChatRole.User, message)], options, cancellationToken);
            }
        }
        """,
        Unbounded(0, InjectedTools + ", through 'x.GetTools()'"));

    // Verbatim from the repository: each provider's prompts and tools selected as a tuple, the tools read as Item2;
    // and one provider taken with First().
    [Fact]
    public Task A_tuple_element_of_the_gathered_providers_and_the_first_provider_are_reported() => VerifyAsync("""
        public interface IContextProvider
        {
            IEnumerable<string> GetSystemPrompts(bool acknowledge);
            IEnumerable<AITool> GetTools();
        }

        public class DefaultContextProvider(IEnumerable<AITool> tools) : IContextProvider
        {
            public IEnumerable<string> GetSystemPrompts(bool acknowledge) => ["Be brief."];
            public IEnumerable<AITool> GetTools() => tools;
        }

        public class AiConversationService(IChatClient chatClient, IEnumerable<IContextProvider> contextProviders)
        {
            public bool Acknowledgement { get; set; }

            public async Task<ChatResponse> ProcessMessage(string message, CancellationToken cancellationToken)
            {
                var options = new ChatOptions();
                var messages = new List<ChatMessage>();
                var context = contextProviders
                    .Select(x => (x.GetSystemPrompts(this.Acknowledgement), x.GetTools()))
                    .ToList();

                options.Tools = new List<AITool>();
                foreach (var cp in context)
                {
                    messages.AddRange(cp.Item1.Select(x => new ChatMessage(ChatRole.System, x)));
                    {|#0:cp.Item2.ToList()|}.ForEach(x => options.Tools.Add(x));
                }

                messages.Add(new ChatMessage(ChatRole.User, message));
                return await chatClient.GetResponseAsync(messages, options, cancellationToken);
            }

            public Task<ChatResponse> FirstOnly(string message) =>
                chatClient.GetResponseAsync(message, new ChatOptions { Tools = {|#1:contextProviders.First().GetTools().ToList()|} });
        }
        """,
        Unbounded(0, InjectedTools + ", through 'x.GetTools()'"),
        Unbounded(1, InjectedTools + ", through 'contextProviders.First().GetTools()'"));

    // List<T>.ForEach(t => options.Tools.Add(t)) copies every element, as a foreach does; with an allow-list test in
    // the lambda it copies only named tools.
    [Fact]
    public Task A_ForEach_copy_of_a_server_list_is_reported_and_an_allow_listed_one_is_not() => VerifyAsync("""
        class Assistant(IChatClient chatClient)
        {
            private static readonly HashSet<string> Allowed = ["search", "fetch"];

            public async Task<ChatResponse> AskAsync(McpClient mcp, string question)
            {
                var options = new ChatOptions { Tools = [] };
                {|#0:(await mcp.ListToolsAsync()).ToList()|}.ForEach(t => options.Tools.Add(t));
                return await chatClient.GetResponseAsync(question, options);
            }

            public async Task<ChatResponse> AllowedAsync(McpClient mcp, string question)
            {
                var options = new ChatOptions { Tools = [] };
                (await mcp.ListToolsAsync()).ToList().ForEach(t =>
                {
                    if (Allowed.Contains(t.Name))
                    {
                        options.Tools.Add(t);
                    }
                });
                return await chatClient.GetResponseAsync(question, options);
            }
        }
        """,
        Unbounded(0, "'mcp.ListToolsAsync()' (an MCP server's whole tool list)"));

    // Quiet twin: each implementation returns a fixed list of two tools (the providers' number is the container's,
    // but every tool in the catalog is one someone wrote in this project).
    [Fact]
    public Task Providers_that_each_return_a_fixed_small_list_are_not_reported() => VerifyAsync("""
        public interface IContextProvider
        {
            IEnumerable<AITool> GetTools();
        }

        public class ClockProvider : IContextProvider
        {
            public IEnumerable<AITool> GetTools() => [AIFunctionFactory.Create(() => DateTime.UtcNow, "now"), AIFunctionFactory.Create(() => TimeZoneInfo.Local.Id, "zone")];
        }

        public class WeatherProvider : IContextProvider
        {
            public IEnumerable<AITool> GetTools() => [AIFunctionFactory.Create((string city) => "sunny", "weather")];
        }

        public class AiConversationService(IChatClient chatClient, IEnumerable<IContextProvider> contextProviders)
        {
            public Task<ChatResponse> Plain(string message) =>
                chatClient.GetResponseAsync(message, new ChatOptions { Tools = [.. contextProviders.SelectMany(p => p.GetTools())] });

            public Task<ChatResponse> Nested(string message)
            {
                var options = new ChatOptions { Tools = [] };
                foreach (var provider in contextProviders)
                    foreach (var t in provider.GetTools())
                        options.Tools.Add(t);
                return chatClient.GetResponseAsync(message, options);
            }

            public Task<ChatResponse> Gathered(string message)
            {
                var options = new ChatOptions { Tools = new List<AITool>() };
                foreach (var cp in contextProviders.Select(x => x.GetTools()).ToList())
                    cp.ToList().ForEach(x => options.Tools.Add(x));
                return chatClient.GetResponseAsync(message, options);
            }
        }
        """);

    // Not the container's: a plain parameter is its callers' to decide, and an injected IReadOnlyList<T> may be a
    // list a caller wrote.
    [Fact]
    public Task Providers_the_code_lists_itself_are_not_followed_as_injected() => VerifyAsync(Providers + """
        public class AiConversationService(IChatClient chatClient)
        {
            public Task<ChatResponse> Ask(string message, IEnumerable<IContextProvider> providers) =>
                chatClient.GetResponseAsync(message, new ChatOptions { Tools = [.. providers.SelectMany(p => p.GetTools())] });
        }

        // An injected list of providers is as likely built by a caller (`new Service(client, [a, b])`): only IEnumerable<T>
        // is the container's every registration.
        public class ListedProvidersService(IChatClient chatClient, IReadOnlyList<IContextProvider> providers)
        {
            public Task<ChatResponse> Ask(string message) =>
                chatClient.GetResponseAsync(message, new ChatOptions { Tools = [.. providers.SelectMany(p => p.GetTools())] });
        }
        """);

    [Fact]
    public Task Half_typed_provider_loops_are_not_reported_and_do_not_crash() => VerifyAsync(Providers + """
        public class AiConversationService(IChatClient chatClient, IEnumerable<IContextProvider> contextProviders)
        {
            public Task<ChatResponse> Plain(string message) =>
                chatClient.GetResponseAsync(message, new ChatOptions { Tools = [.. contextProviders.SelectMany(p => p.GetToolz())] });

            public Task<ChatResponse> Nested(string message)
            {
                var options = new ChatOptions { Tools = [] };
                foreach (var provider in missingProviders)
                    foreach (var t in provider.GetTools())
                        options.Tools.Add(t);
                return chatClient.GetResponseAsync(message, options);
            }
        }
        """, CompilerDiagnostics.None);
}
