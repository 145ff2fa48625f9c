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
        }
        """);

    // Not injected: a list of providers the method builds itself is not the container's (and a plain parameter is
    // its callers' to decide).
    [Fact]
    public Task Providers_the_code_lists_itself_are_not_followed_as_injected() => VerifyAsync(Providers + """
        public class AiConversationService(IChatClient chatClient)
        {
            public Task<ChatResponse> Ask(string message, IEnumerable<IContextProvider> providers) =>
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
