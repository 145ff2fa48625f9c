using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// The correct code real apps write around a catalog handed to the method that calls the model: the callee caps or
/// filters what it is given, callers choose a subset per request, the same argument reaches two gateways, callers in
/// generated code. Each positive here sits next to a negative of the same shape.
/// </summary>
public class CatalogHandOverFalsePositiveTests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyFilesAsync(IEnumerable<(string Path, string Code)> files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>();
        foreach (var (path, code) in files)
        {
            test.TestState.Sources.Add((path, ToolTestCode.Usings + code));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyFilesAsync([("/0/Test0.cs", code)], expected);

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    // The callee caps or filters the parameter it was given before it sets Tools (a reassignment, ??=, RemoveAll):
    // the parameter no longer holds what the caller passed, so the callers are not reported.
    [Fact]
    public Task A_callee_that_reassigns_or_shrinks_its_parameter_is_not_reported_at_the_callers() => VerifyAsync("""
        class Gateway(IChatClient client)
        {
            private const int MaxTools = 20;
            private static readonly HashSet<string> Allowed = ["search_issues", "get_issue"];
            private static readonly AITool[] Defaults = [];

            public Task<ChatResponse> CappedAsync(string question, IList<AITool> tools)
            {
                if (tools.Count > MaxTools)
                {
                    tools = tools.Take(MaxTools).ToList();
                }

                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            public Task<ChatResponse> FilteredAsync(string question, IEnumerable<AITool> tools)
            {
                tools = Limit(tools);
                return client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }

            public Task<ChatResponse> PrunedAsync(string question, List<AITool> tools)
            {
                tools.RemoveAll(t => !Allowed.Contains(t.Name));
                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            public Task<ChatResponse> PrunedByHelperAsync(string question, List<AITool> tools)
            {
                Prune(tools);
                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            public Task<ChatResponse> TernaryAsync(string question, IList<AITool> tools) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = tools.Count > MaxTools ? [.. tools.Take(MaxTools)] : tools });

            private static IEnumerable<AITool> Limit(IEnumerable<AITool> tools) => tools.Where(t => Allowed.Contains(t.Name));

            private static void Prune(List<AITool> tools) => tools.RemoveAll(t => !Allowed.Contains(t.Name));
        }

        class Caller(Gateway gateway, McpClient mcp)
        {
            public async Task RunAsync(string question)
            {
                var all = await mcp.ListToolsAsync();
                await gateway.CappedAsync(question, [.. all]);
                await gateway.FilteredAsync(question, all);
                await gateway.PrunedAsync(question, [.. all]);
                await gateway.PrunedByHelperAsync(question, [.. all]);
                await gateway.TernaryAsync(question, [.. all]);
            }
        }
        """);

    // The positives next to it: reading the parameter (a count check that only logs, a test for an empty list) does not
    // change what is sent, and a count test above the cap lets more than the cap through.
    [Fact]
    public Task A_callee_that_only_reads_its_parameter_is_reported_at_the_caller() => VerifyAsync("""
        class Gateway(IChatClient client)
        {
            public Task<ChatResponse> AskAsync(string question, IList<AITool> tools)
            {
                if (tools.Count > 20)
                {
                    Console.WriteLine($"{tools.Count} tools");
                }

                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            public Task<ChatResponse> NonEmptyAsync(string question, IList<AITool> tools) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = tools.Count > 0 ? tools : null });

            public Task<ChatResponse> LooselyCappedAsync(string question, IList<AITool> tools) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = tools.Count > 128 ? [.. tools.Take(128)] : tools });
        }

        class Caller(Gateway gateway, McpClient mcp)
        {
            public async Task RunAsync(string question)
            {
                await gateway.AskAsync(question, [.. {|#0:await mcp.ListToolsAsync()|}]);
                await gateway.NonEmptyAsync(question, [.. {|#1:await mcp.ListToolsAsync()|}]);
                await gateway.LooselyCappedAsync(question, [.. {|#2:await mcp.ListToolsAsync()|}]);
            }
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, McpList),
        Unbounded(2, McpList));

    // A service picks the gateway of the configured provider and hands both the same catalog: one diagnostic at the
    // page that passes the whole server, not one per gateway.
    [Fact]
    public Task A_catalog_passed_on_to_two_gateways_is_reported_once_at_its_caller() => VerifyAsync("""
        class OpenAIGateway(IChatClient client)
        {
            public Task<ChatResponse> AskAsync(string question, IList<AITool> tools) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = tools });
        }

        class OllamaGateway(IChatClient client)
        {
            public Task<ChatResponse> AskAsync(string question, IList<AITool> tools) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = tools });
        }

        class ChatService(OpenAIGateway openAI, OllamaGateway ollama, bool local)
        {
            public Task<ChatResponse> RunAsync(string question, IList<AITool> tools) =>
                local ? ollama.AskAsync(question, tools) : openAI.AskAsync(question, tools);
        }

        class Page(ChatService service, McpClient mcp)
        {
            public async Task<ChatResponse> AskAsync(string question) =>
                await service.RunAsync(question, [.. {|#0:await mcp.ListToolsAsync()|}]);
        }
        """,
        Unbounded(0, McpList));

    // The service between the page and the gateway caps the list before it passes it on: the page is not reported.
    [Fact]
    public Task A_service_that_caps_its_parameter_before_passing_it_on_hides_its_callers() => VerifyAsync("""
        class Gateway(IChatClient client)
        {
            public Task<ChatResponse> SendAsync(string prompt, IList<AITool> tools) =>
                client.GetResponseAsync(prompt, new ChatOptions { Tools = tools });
        }

        class AgentService(Gateway gateway)
        {
            public Task<ChatResponse> RunAsync(string prompt, IList<AITool> tools)
            {
                tools = [.. tools.Take(20)];
                return gateway.SendAsync(prompt, tools);
            }
        }

        class Page(AgentService service, McpClient mcp)
        {
            public async Task<ChatResponse> AskAsync(string question) => await service.RunAsync(question, [.. await mcp.ListToolsAsync()]);
        }
        """);

    // Callers that choose the catalog per request: a lookup by intent, a conditional between two small lists, a
    // recursive retry that passes its own parameter on.
    [Fact]
    public Task Callers_that_choose_a_subset_per_request_are_not_reported() => VerifyAsync($$"""
        class Gateway(IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question, IList<AITool> tools, int attempt = 0)
            {
                var response = await client.GetResponseAsync(question, new ChatOptions { Tools = tools });
                return response.Text.Length == 0 && attempt < 2 ? await AskAsync(question, tools, attempt + 1) : response;
            }
        }

        class Caller(Gateway gateway)
        {
            private static readonly AITool[] Admin = [{{ToolTestCode.Functions(5)}}];
            private static readonly AITool[] Public = [{{ToolTestCode.Functions(3)}}];
            private readonly Dictionary<string, IList<AITool>> _byIntent = new();

            public Task<ChatResponse> RunAsync(string question, string intent, bool isAdmin) =>
                isAdmin ? gateway.AskAsync(question, isAdmin ? Admin : Public) : gateway.AskAsync(question, _byIntent[intent]);
        }
        """);

    // Gateways written as extension methods or generic methods are followed like any method; params arrays are not.
    [Fact]
    public Task Extension_and_generic_gateways_are_followed_and_params_arrays_are_not() => VerifyAsync("""
        static class ChatClientExtensions
        {
            public static Task<ChatResponse> AskWithToolsAsync(this IChatClient client, string question, IList<AITool> tools) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = tools });

            public static Task<ChatResponse> AskAsync<TState>(this IChatClient client, TState state, IList<AITool> tools) =>
                client.GetResponseAsync(state!.ToString()!, new ChatOptions { Tools = tools });

            public static Task<ChatResponse> AskWithAsync(this IChatClient client, string question, params AITool[] tools) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = tools });
        }

        class Caller(IChatClient client, McpClient mcp)
        {
            public async Task RunAsync(string question)
            {
                await client.AskWithToolsAsync(question, [.. {|#0:await mcp.ListToolsAsync()|}]);
                await client.AskAsync(42, [.. {|#1:await mcp.ListToolsAsync()|}]);
                await client.AskWithAsync(question, [.. await mcp.ListToolsAsync()]);
            }
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, McpList));

    // A caller in a generated file (a .g.cs source, a region under #line hidden) is code the user does not edit:
    // the driver drops diagnostics there, and the analyzer must neither throw nor report it twice.
    [Fact]
    public Task Callers_in_generated_or_hidden_code_are_not_reported() => VerifyFilesAsync(
        [
            ("/0/Gateway.cs", """
                class Gateway(IChatClient client)
                {
                    public Task<ChatResponse> AskAsync(string question, IList<AITool> tools) =>
                        client.GetResponseAsync(question, new ChatOptions { Tools = tools });
                }
                """),
            ("/0/Page.g.cs", """
                partial class Page(Gateway gateway, McpClient mcp)
                {
                    public async Task<ChatResponse> GeneratedAsync(string question) =>
                        await gateway.AskAsync(question, [.. await mcp.ListToolsAsync()]);
                }
                """),
            ("/0/Page.cs", """
                partial class Page
                {
                    public async Task<ChatResponse> HiddenAsync(string question)
                    {
                #line hidden
                        return await gateway.AskAsync(question, [.. await mcp.ListToolsAsync()]);
                #line default
                    }

                    public async Task<ChatResponse> VisibleAsync(string question) =>
                        await gateway.AskAsync(question, [.. {|#0:await mcp.ListToolsAsync()|}]);
                }
                """),
        ],
        Unbounded(0, McpList));

    // Conversion helpers that may drop a tool inside (a type test, OfType, DistinctBy, a try) are selection steps.
    [Fact]
    public Task Conversion_helpers_that_may_drop_tools_stay_opaque() => VerifyAsync("""
        using OpenAI.Chat;

        static class Conversions
        {
            public static List<ChatTool> FunctionsOnly(this IEnumerable<AITool> tools)
            {
                var result = new List<ChatTool>();
                foreach (var tool in tools)
                {
                    if (tool is AIFunction function)
                    {
                        result.Add(function.AsOpenAIChatTool());
                    }
                }

                return result;
            }

            public static List<ChatTool> Distinct(this IEnumerable<AIFunction> tools) =>
                tools.DistinctBy(t => t.Name).Select(t => t.AsOpenAIChatTool()).ToList();

            public static List<ChatTool> Typed(this IEnumerable<AITool> tools) =>
                tools.OfType<AIFunction>().Select(t => t.AsOpenAIChatTool()).ToList();

            public static IEnumerable<ChatTool> Lazily(this IEnumerable<AIFunction> tools)
            {
                foreach (var tool in tools)
                {
                    yield return tool.AsOpenAIChatTool();
                }
            }
        }

        class Assistant(McpClient mcp)
        {
            public async Task<ChatCompletionOptions> BuildAsync()
            {
                var all = await mcp.ListToolsAsync();
                var options = new ChatCompletionOptions();
                foreach (var tool in all.FunctionsOnly()) options.Tools.Add(tool);
                foreach (var tool in all.Distinct().Take(10)) options.Tools.Add(tool);
                foreach (var tool in all.Typed().Take(10)) options.Tools.Add(tool);
                return options;
            }
        }
        """);

    // Two tool lists that share tools, merged into a set keyed by name: the set may hold fewer than the two together.
    // The same merge into a list keeps every copy and is counted.
    [Fact]
    public Task A_catalog_deduplicated_by_a_set_is_not_counted_as_the_sum() => VerifyAsync($$"""
        sealed class ByName : IEqualityComparer<AITool>
        {
            public bool Equals(AITool? x, AITool? y) => x?.Name == y?.Name;
            public int GetHashCode(AITool tool) => tool.Name.GetHashCode();
        }

        class Assistant(IChatClient client)
        {
            private static readonly AITool[] Common = [{{ToolTestCode.Functions(12)}}];
            private static readonly AITool[] Admin = [{{ToolTestCode.Functions(12)}}];

            public Task<ChatResponse> DeduplicatedAsync(string question)
            {
                var tools = new HashSet<AITool>([.. Common, .. Admin], new ByName());
                return client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }

            public Task<ChatResponse> MergedAsync(string question)
            {
                var tools = {|#0:new List<AITool>([.. Common, .. Admin])|};
                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("24", 20, string.Empty));

    [Theory]
    [InlineData("tools = ")]
    [InlineData("tools.RemoveAll(")]
    [InlineData("tools ??= ")]
    [InlineData("Touch(ref tools")]
    [InlineData("var capped = tools.Count > 20 ? [.. tools.Take(20)] : ")]
    [InlineData("tools = tools.Count > ? tools : tools;")]
    [InlineData("tools = tools.Count() >= 20 ? tools[..20] : tools;")]
    [InlineData("var set = new HashSet<AITool>(tools, ;")]
    [InlineData("tools = [.. new SortedSet<AITool>(")]
    public async Task Half_typed_writes_to_a_forwarded_parameter_do_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                class Gateway(IChatClient client)
                {
                    static void Touch(ref List<AITool> t) { }
                    public Task<ChatResponse> AskAsync(string question, List<AITool> tools)
                    {
                """ + statement + """

                        return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
                    }
                }
                class Caller(Gateway gateway, McpClient mcp)
                {
                    async Task RunAsync(string question) => await gateway.AskAsync(question, [.. await mcp.ListToolsAsync()]);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
            // Only "no analyzer exception" is asserted: half-typed code may or may not report.
        }
    }
}
