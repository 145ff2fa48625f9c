using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Per-turn tool selection as public .NET apps write it, which AIL0202 must not report (a router picks a few tools, a
/// method of the app decides tool by tool, an agent class is built by the app with a fixed list), each next to the
/// neighbouring shape that is still unbounded.
/// </summary>
public class ToolSelectionShapeTests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    // ---- a router's top-K ----

    // Shape of openai/openai-dotnet's ChatTools utility (src/Utility/ChatTools.cs): the tools are ranked by embedding
    // distance to the prompt and `.Take(options.MaxTools)` keep the closest, a number the caller chooses per request.
    [Fact]
    public Task A_router_keeping_a_chosen_number_of_the_closest_tools_is_not_reported() => VerifyAsync("""
        sealed class ToolSelectionOptions
        {
            public int MaxTools { get; set; } = 3;
        }

        sealed class ToolRouter(McpClient mcp)
        {
            public async Task<ChatOptions> ForPromptAsync(string prompt, ToolSelectionOptions options, CancellationToken ct)
            {
                var all = await mcp.ListToolsAsync(cancellationToken: ct);
                var closest = all.OrderBy(t => Distance(t.Description, prompt)).Take(options.MaxTools);
                return new ChatOptions { Tools = [.. closest] };
            }

            public async Task<ChatOptions> TopAsync(string prompt, int topK) =>
                new ChatOptions { Tools = [.. (await mcp.ListToolsAsync()).OrderBy(t => Distance(t.Description, prompt)).Take(topK)] };

            private static int Distance(string description, string prompt) => Math.Abs(description.Length - prompt.Length);
        }
        """);

    // The neighbour: ranking alone keeps every tool.
    [Fact]
    public Task A_ranking_without_a_cut_is_still_reported() => VerifyAsync("""
        sealed class ToolRouter(McpClient mcp)
        {
            public async Task<ChatOptions> ForPromptAsync(string prompt) =>
                new ChatOptions { Tools = [.. {|#0:(await mcp.ListToolsAsync()).OrderBy(t => Distance(t.Description, prompt))|}] };

            private static int Distance(string description, string prompt) => Math.Abs(description.Length - prompt.Length);
        }
        """,
        Unbounded(0, McpList));

    // A `static readonly` limit declared in another file is read, not trusted: 10 caps, 50 does not.
    [Fact]
    public async Task A_static_readonly_limit_in_another_file_is_read()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                sealed class Assistant(McpClient mcp)
                {
                    public async Task<ChatOptions> FewAsync() => new ChatOptions { Tools = [.. (await mcp.ListToolsAsync()).Take(Limits.Few)] };

                    public async Task<ChatOptions> ManyAsync() => new ChatOptions { Tools = [.. {|#0:(await mcp.ListToolsAsync()).Take(Limits.Many)|}] };
                }
                """,
            MarkupDiagnosticId = "AIL0202",
        };
        test.Sources.Add(("/0/Limits.cs", "static class Limits\n{\n    public static readonly int Few = 10;\n    public static readonly int Many = 50;\n}\n"));
        test.ExpectedDiagnostics.Add(Unbounded(0, McpList));
        await test.RunAsync();
    }

    // ---- a method of the app decides tool by tool ----

    // The client-side form of the per-session tool filter in stephentoub/mcp's AspNetCoreMcpPerSessionTools sample: a
    // method or policy of the app says, for each tool, whether this caller may use it.
    [Fact]
    public Task A_filter_through_a_method_of_the_app_is_not_reported() => VerifyAsync("""
        interface IToolPolicy
        {
            bool IsAllowed(string user, string toolName);
        }

        sealed class Assistant(McpClient mcp, IToolPolicy policy)
        {
            private static readonly HashSet<string> ClockTools = ["get_time", "get_date", "convert_time_zone"];

            private static bool IsClockTool(McpClientTool tool) => ClockTools.Contains(tool.Name);

            public async Task<ChatOptions> ClockAsync() =>
                new ChatOptions { Tools = [.. (await mcp.ListToolsAsync()).Where(IsClockTool)] };

            public async Task<ChatOptions> ForUserAsync(string user) =>
                new ChatOptions { Tools = [.. (await mcp.ListToolsAsync()).Where(t => policy.IsAllowed(user, t.Name))] };

            public async Task<ChatOptions> LoopAsync(string user)
            {
                var options = new ChatOptions { Tools = [] };
                foreach (var tool in await mcp.ListToolsAsync())
                {
                    if (policy.IsAllowed(user, tool.Name))
                    {
                        options.Tools.Add(tool);
                    }
                }

                return options;
            }
        }
        """);

    // The neighbours: a method of the app used as a deny-list (negated), and a library test that is not a list of names.
    [Fact]
    public Task A_negated_app_method_or_a_library_test_is_still_reported() => VerifyAsync("""
        sealed class Assistant(McpClient mcp)
        {
            private static bool IsDestructive(McpClientTool tool) => tool.Name.StartsWith("delete_", StringComparison.Ordinal);

            public async Task<ChatOptions> SafeAsync() =>
                new ChatOptions { Tools = [.. {|#0:(await mcp.ListToolsAsync()).Where(t => !IsDestructive(t))|}] };

            public async Task<ChatOptions> NamedAsync() =>
                new ChatOptions { Tools = [.. {|#1:(await mcp.ListToolsAsync()).Where(t => !string.IsNullOrEmpty(t.Name))|}] };
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, McpList));

    // ---- other spellings of a configured list of names ----

    // The same bound as `settings.Allowed.Contains(t.Name)` (accepted already), written with Any/Exists, a dictionary of
    // per-tool switches, or a normalised name.
    [Theory]
    [InlineData("all.Where(t => settings.Allowed.Any(n => n == t.Name))")]
    [InlineData("all.Where(t => settings.Allowed.Any(n => string.Equals(n, t.Name, StringComparison.OrdinalIgnoreCase)))")]
    [InlineData("all.Where(t => settings.Names.Exists(n => n.Equals(t.Name, StringComparison.Ordinal)))")]
    [InlineData("all.Where(t => settings.Enabled.ContainsKey(t.Name))")]
    [InlineData("all.Where(t => settings.Enabled.TryGetValue(t.Name, out var on) && on)")]
    [InlineData("all.Where(t => settings.Enabled[t.Name])")]
    [InlineData("all.Where(t => settings.Names.Contains(t.Name.ToLowerInvariant()))")]
    [InlineData("all.Where(t => t.Name switch { \"search_issues\" or \"get_issue\" => true, _ => false })")]
    public Task Other_spellings_of_a_configured_list_are_not_reported(string filtered) => VerifyAsync(ConfiguredFilter(filtered, marked: false));

    // The neighbours: a deny-list and a prefix test written the same ways still bound nothing.
    [Theory]
    [InlineData("all.Where(t => !settings.Allowed.Any(n => n == t.Name))")]
    [InlineData("all.Where(t => settings.Allowed.Any(prefix => t.Name.StartsWith(prefix, StringComparison.Ordinal)))")]
    [InlineData("all.Where(t => !settings.Enabled.ContainsKey(t.Name))")]
    [InlineData("all.Where(t => t.Name switch { \"delete_repo\" => false, _ => true })")]
    [InlineData("all.Where(t => t.Name switch { \"search_issues\" => true, var n when n.StartsWith(\"get_\") => true, _ => false })")]
    public Task A_deny_list_or_a_prefix_written_the_same_ways_is_still_reported(string filtered) =>
        VerifyAsync(ConfiguredFilter(filtered, marked: true), Unbounded(0, McpList));

    private static string ConfiguredFilter(string filtered, bool marked) => $$"""
        sealed class Settings
        {
            public string[] Allowed { get; set; } = [];
            public List<string> Names { get; set; } = [];
            public Dictionary<string, bool> Enabled { get; set; } = [];
        }

        sealed class Assistant(McpClient mcp, Settings settings)
        {
            public async Task<ChatOptions> BuildAsync()
            {
                var all = await mcp.ListToolsAsync();
                return new ChatOptions { Tools = [.. {{(marked ? "{|#0:" : "")}}{{filtered}}{{(marked ? "|}" : "")}}] };
            }
        }
        """;

    // ---- an agent class built by the app with a fixed list ----

    // An agent class that takes its tools in its constructor and is built by the app (not by the container) with a list
    // written there, as the Agent Framework samples build their agents: the constructor parameter holds what the callers
    // pass. Every creation is visible, so AiLint reads them instead of assuming an injected collection.
    [Fact]
    public Task An_agent_class_the_app_builds_with_fixed_lists_is_not_reported() => VerifyAsync("""
        sealed class SupportAgent(IChatClient client, IList<AITool> tools)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = tools });
        }

        sealed class Derived(IChatClient client, IEnumerable<AITool> tools) : Base(client, tools);

        class Base(IChatClient client, IEnumerable<AITool> tools)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
        }

        static class Agents
        {
            public static SupportAgent Orders(IChatClient client) =>
                new SupportAgent(client, [AIFunctionFactory.Create(() => "shipped", "get_order_status"), AIFunctionFactory.Create(() => "ok", "cancel_order")]);

            public static SupportAgent Accounts(IChatClient client) =>
                new(client, new List<AITool> { AIFunctionFactory.Create(() => "a@b.c", "get_email") });

            public static Derived Billing(IChatClient client) => new(client, [AIFunctionFactory.Create(() => 3, "get_invoice")]);
        }
        """);

    // The neighbours: one creation passes a whole MCP server's list, or the type is also resolved from the container
    // (which fills an IEnumerable<AITool> with every registered tool): the injected verdict stays.
    [Fact]
    public Task An_agent_class_given_a_whole_server_or_built_by_the_container_is_still_reported() => VerifyAsync("""
        using Microsoft.Extensions.DependencyInjection;

        sealed class SupportAgent(IChatClient client, IList<AITool> tools)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = {|#0:tools|} });
        }

        sealed class DeskAgent(IChatClient client, IEnumerable<AITool> tools)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#1:tools|}] });
        }

        static class Agents
        {
            public static SupportAgent Fixed(IChatClient client) => new(client, [AIFunctionFactory.Create(() => 1, "one")]);

            public static async Task<SupportAgent> Everything(IChatClient client, McpClient mcp) =>
                new(client, [.. await mcp.ListToolsAsync()]);

            public static DeskAgent Desk(IChatClient client) => new(client, [AIFunctionFactory.Create(() => 1, "one")]);

            public static void Register(IServiceCollection services) => services.AddSingleton<DeskAgent>();
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"),
        Unbounded(1, "the injected tool collection 'tools'"));

    // Half-typed code: no crash. A creation that does not bind is not one AiLint can read, so the injected verdict stays;
    // a Where or Take whose argument does not bind is no call AiLint can follow, so nothing is said about that catalog.
    [Fact]
    public Task Half_typed_creations_and_predicates_do_not_crash() => VerifyAsync("""
        sealed class SupportAgent(IChatClient client, IList<AITool> tools)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = {|#0:tools|} });
        }

        static class Agents
        {
            public static SupportAgent Broken(IChatClient client) => new(client, {|CS0103:missingTools|});

            public static async Task<ChatOptions> Filtered(McpClient mcp) =>
                new ChatOptions { Tools = [.. (await mcp.ListToolsAsync()).Where(t => {|CS0103:Unknown|}(t))] };

            public static async Task<ChatOptions> Capped(McpClient mcp) =>
                new ChatOptions { Tools = [.. (await mcp.ListToolsAsync()).Take({|CS0103:undefinedCount|})] };
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"));
}
