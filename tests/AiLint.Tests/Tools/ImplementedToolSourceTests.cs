using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0202 for an injected tool source whose interface the project implements (review38 FP1, the CvManager agents'
/// <c>IMcpToolSource</c>): the implementation's returned value is judged as inline code would be. A <c>Take(n)</c>, an
/// allow-list filter, or a selection helper of the project bounds it, also through a field cache (<c>_tools is { } cached</c>,
/// <c>_tools ??= ...</c>); an implementation that returns the server's whole list is reported through the call; one the
/// analyzer cannot read (nothing it can count or bound) keeps the "injected registry" verdict.
/// </summary>
public class ImplementedToolSourceTests
{
    private const string McpList = "'client.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    /// <summary>The agent of the repository: the tools of an injected <c>IToolSource</c>, handed to a <c>ChatClientAgent</c>.</summary>
    private static string Agent(string marked = "tools.ToList()") => $$"""
        public interface IToolSource
        {
            Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default);
        }

        public sealed class RosterAgent(IChatClient chatClient, IToolSource toolSource)
        {
            public async Task<Microsoft.Agents.AI.AIAgent> CreateAsync(CancellationToken ct = default)
            {
                var tools = await toolSource.GetToolsAsync(ct);
                return new Microsoft.Agents.AI.ChatClientAgent(chatClient, name: "RosterQa", tools: {{marked}});
            }
        }
        """;

    /// <summary>The repository's allow-list helper: a configured set of names, "empty means all".</summary>
    private const string Allowlist = """
        public sealed class Allowlist(IEnumerable<string> names)
        {
            private readonly HashSet<string> _allowed = new(names, StringComparer.Ordinal);

            public bool ShowsEverything => _allowed.Count == 0;

            public IReadOnlyList<AITool> Apply(IReadOnlyList<AITool> offered) =>
                ShowsEverything ? offered : offered.Where(t => _allowed.Contains(t.Name)).ToList();
        }
        """;

    // ---- Quiet: the only implementation bounds what it returns ----

    // Repro/AllowlistedToolSourceCache: the list narrowed by a helper of the project and cached in a field, returned
    // through the pattern locals of the cache checks and the field itself (the CvManager McpToolSource shape).
    [Fact]
    public Task An_implementation_that_caches_an_allow_listed_list_is_not_reported() => VerifyAsync(Agent() + Allowlist + """
        public sealed class CachedToolSource(McpClient client, Allowlist allowlist) : IToolSource
        {
            private readonly SemaphoreSlim _gate = new(1, 1);
            private IReadOnlyList<AITool>? _tools;

            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default)
            {
                if (_tools is { } cached)
                {
                    return cached;
                }

                await _gate.WaitAsync(ct);
                try
                {
                    if (_tools is { } stillCached)
                    {
                        return stillCached;
                    }

                    var advertised = (await client.ListToolsAsync(cancellationToken: ct)).Cast<AITool>().ToList();
                    _tools = allowlist.Apply(advertised);
                    return _tools;
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        """);

    // Repro/CappedToolSourceImpl: the page's own fix, one hop away.
    [Fact]
    public Task An_implementation_that_caps_the_server_list_with_take_is_not_reported() => VerifyAsync(Agent() + """
        public sealed class McpToolSource(McpClient client) : IToolSource
        {
            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default)
            {
                var advertised = (await client.ListToolsAsync(cancellationToken: ct)).Cast<AITool>().ToList();
                return advertised.Take(10).ToList();
            }
        }
        """);

    // The allow-list written in the implementation, against configured names (the page's "configured list of names").
    [Fact]
    public Task An_implementation_that_filters_against_configured_names_is_not_reported() => VerifyAsync(Agent() + """
        public sealed class ToolSettings { public List<string> AllowedTools { get; set; } = []; }

        public sealed class McpToolSource(McpClient client, Microsoft.Extensions.Options.IOptions<ToolSettings> settings) : IToolSource
        {
            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default)
            {
                var advertised = await client.ListToolsAsync(cancellationToken: ct);
                return advertised.Where(t => settings.Value.AllowedTools.Contains(t.Name)).Cast<AITool>().ToList();
            }
        }
        """);

    // A lazily filled field (`??=`) whose value is capped; the cached read is the field itself.
    [Fact]
    public Task An_implementation_that_caches_a_capped_list_with_coalesce_assignment_is_not_reported() => VerifyAsync(Agent() + """
        public sealed class McpToolSource(McpClient client) : IToolSource
        {
            private IReadOnlyList<AITool>? _tools;

            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) =>
                _tools ??= (await client.ListToolsAsync(cancellationToken: ct)).Take(10).Cast<AITool>().ToList();
        }
        """);

    // ---- Reported twins ----

    // The cached twin of the first test with the allow-list taken out: the field holds the whole server list.
    [Fact]
    public Task An_implementation_that_caches_the_whole_server_list_is_reported_through_the_call() => VerifyAsync(Agent("{|#0:tools.ToList()|}") + """
        public sealed class CachedToolSource(McpClient client) : IToolSource
        {
            private IReadOnlyList<AITool>? _tools;

            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default)
            {
                if (_tools is { } cached)
                {
                    return cached;
                }

                var advertised = (await client.ListToolsAsync(cancellationToken: ct)).Cast<AITool>().ToList();
                _tools = advertised;
                return _tools;
            }
        }
        """,
        Unbounded(0, McpList + ", through 'toolSource.GetToolsAsync()'"));

    // The `??=` twin: the lazily filled field holds the whole list.
    [Fact]
    public Task An_implementation_that_caches_the_whole_list_with_coalesce_assignment_is_reported() => VerifyAsync(Agent("{|#0:tools.ToList()|}") + """
        public sealed class McpToolSource(McpClient client) : IToolSource
        {
            private IReadOnlyList<AITool>? _tools;

            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) =>
                _tools ??= (await client.ListToolsAsync(cancellationToken: ct)).Cast<AITool>().ToList();
        }
        """,
        Unbounded(0, McpList + ", through 'toolSource.GetToolsAsync()'"));

    // A cap above ailint.max_tools caps nothing, as inline.
    [Fact]
    public Task An_implementation_that_takes_more_than_the_cap_is_reported() => VerifyAsync(Agent("{|#0:tools.ToList()|}") + """
        public sealed class McpToolSource(McpClient client) : IToolSource
        {
            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) =>
                (await client.ListToolsAsync(cancellationToken: ct)).Take(50).Cast<AITool>().ToList();
        }
        """,
        Unbounded(0, McpList + ", through 'toolSource.GetToolsAsync()'"));

    // Two implementations, one capped and one whole: the call may reach either.
    [Fact]
    public Task One_of_two_implementations_returning_the_whole_list_is_reported() => VerifyAsync(Agent("{|#0:tools.ToList()|}") + """
        public sealed class CappedSource(McpClient client) : IToolSource
        {
            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) =>
                (await client.ListToolsAsync(cancellationToken: ct)).Take(10).Cast<AITool>().ToList();
        }

        public sealed class WholeSource(McpClient client) : IToolSource
        {
            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) =>
                (await client.ListToolsAsync(cancellationToken: ct)).Cast<AITool>().ToList();
        }
        """,
        Unbounded(0, McpList + ", through 'toolSource.GetToolsAsync()'"));

    // A test that is not a list of names (a prefix) bounds nothing: an opaque list filtered so stays a registry.
    [Fact]
    public Task An_implementation_that_prefix_filters_an_opaque_list_keeps_the_registry_verdict() => VerifyAsync(Agent("{|#0:tools.ToList()|}") + """
        public sealed class Wrapped(Func<IReadOnlyList<AITool>> load) : IToolSource
        {
            public Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) =>
                Task.FromResult<IReadOnlyList<AITool>>(load().Where(t => t.Name.StartsWith("get_")).ToList());
        }
        """,
        Unbounded(0, "the injected tool registry 'toolSource.GetToolsAsync()'"));

    // One bounded implementation beside one the analyzer cannot read: the registry verdict stays.
    [Fact]
    public Task A_capped_implementation_beside_an_unreadable_one_keeps_the_registry_verdict() => VerifyAsync(Agent("{|#0:tools.ToList()|}") + """
        public sealed class CappedSource(McpClient client) : IToolSource
        {
            public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) =>
                (await client.ListToolsAsync(cancellationToken: ct)).Take(10).Cast<AITool>().ToList();
        }

        public sealed class Loaded(Func<IReadOnlyList<AITool>> load) : IToolSource
        {
            public Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) => Task.FromResult(load());
        }
        """,
        Unbounded(0, "the injected tool registry 'toolSource.GetToolsAsync()'"));

    // No implementation in the project (it lives in another assembly, or the container is given one): the page's
    // "an implementation it cannot read keeps the registry verdict".
    [Fact]
    public Task An_interface_with_no_implementation_in_the_project_stays_an_injected_registry() => VerifyAsync(Agent("{|#0:tools.ToList()|}"),
        Unbounded(0, "the injected tool registry 'toolSource.GetToolsAsync()'"));

    // ---- The same cache shapes inline (read by the same code as in an implementation) ----

    [Fact]
    public Task An_inline_cache_of_the_whole_list_is_reported_where_it_enters_the_catalog() => VerifyAsync("""
        public sealed class Chat(McpClient mcp)
        {
            private IList<McpClientTool>? _tools;
            private IList<McpClientTool>? _listed;

            public async Task<ChatOptions> LazyAsync() => new() { Tools = [.. {|#0:_tools ??= await mcp.ListToolsAsync()|}] };

            public async Task<ChatOptions> CheckedAsync()
            {
                if (_listed is { } cached)
                {
                    return new() { Tools = [.. {|#1:cached|}] };
                }

                _listed = await mcp.ListToolsAsync();
                return new() { Tools = [.. {|#2:_listed|}] };
            }
        }
        """,
        Unbounded(0, "'mcp.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(1, "'mcp.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(2, "'mcp.ListToolsAsync()' (an MCP server's whole tool list)"));

    [Fact]
    public Task An_inline_cache_of_a_capped_or_allow_listed_list_is_not_reported() => VerifyAsync("""
        public sealed class Chat(McpClient mcp)
        {
            private static readonly HashSet<string> Allowed = ["get_order", "list_orders"];
            private IList<McpClientTool>? _tools;
            private IList<McpClientTool>? _listed;

            public async Task<ChatOptions> LazyAsync() => new() { Tools = [.. _tools ??= (await mcp.ListToolsAsync()).Take(10).ToList()] };

            public async Task<ChatOptions> CheckedAsync()
            {
                if (_listed is { } cached)
                {
                    return new() { Tools = [.. cached] };
                }

                _listed = (await mcp.ListToolsAsync()).Where(t => Allowed.Contains(t.Name)).ToList();
                return new() { Tools = [.. _listed] };
            }
        }
        """);

    // ---- Half-typed code ----

    [Theory]
    [InlineData("if (_tools is { } cached) return cached; _tools = allowlist.Apply(")]
    [InlineData("return _tools ??= ")]
    [InlineData("return _tools ??= (await client.ListToolsAsync()).Take(")]
    [InlineData("if (_tools is Undefined cached) return cached; return _tools = (await client.ListToolsAsync()).Cast<AITool>().ToList();")]
    [InlineData("return allowlist.Apply(await client.ListToolsAsync(), unknown);")]
    public async Task Half_typed_implementations_do_not_crash(string body)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + Agent() + Allowlist + """
                public sealed class Source(McpClient client, Allowlist allowlist) : IToolSource
                {
                    private IReadOnlyList<AITool>? _tools;

                    public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default)
                    {
                """ + body + " } }",
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };

        // Only "no analyzer exception" is asserted: what half-typed code reports is not specified.
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
        }
    }
}
