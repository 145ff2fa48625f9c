using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A tool set that keeps an MCP server's list in a field its constructor fills: the <c>McpToolSet</c> of the Teams SDK
/// C# guide ("Adding remote MCP tools"). A static factory lists the server's tools and passes them to the type's
/// private constructor, which stores them in <c>private readonly IList&lt;McpClientTool&gt; _tools</c>; a no-input
/// <c>GetTools() =&gt; [.. _tools]</c> feeds the request. When every creation of the type is in view (a private
/// constructor, or one no other assembly can call) and each passes an unbounded source at that parameter, the
/// parameter holds that source. A constructor other projects may call, or a creation that passes a list of its own,
/// keeps the parameter what its callers pass, and quiet.
/// </summary>
public class ToolSetCreatedInViewTests
{
    private const string ServerList = "'client.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    /// <summary>The asking side: a request whose tools are the set's <c>GetTools()</c>.</summary>
    private const string Assistant = """

        public sealed class Assistant(IChatClient chat)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                await using var toolSet = await McpToolSet.CreateAsync(ct);
                var options = new ChatOptions { Tools = [.. {|#0:toolSet.GetTools()|}] };
                return (await chat.GetResponseAsync(question, options, ct)).Text;
            }
        }

        """;

    /// <summary>The set's members besides its constructor and factory: the field, the getter and the disposal.</summary>
    private const string SetMembers = """
            private readonly McpClient _client;
            private readonly IList<McpClientTool> _tools;

            public IList<AITool> GetTools() => [.. _tools];

            public ValueTask DisposeAsync() => _client.DisposeAsync();
        """;

    private const string Connect = """
                McpClient client = await McpClient.CreateAsync(
                    new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri("https://learn.microsoft.com/api/mcp") }),
                    cancellationToken: ct);
        """;

    // The reviewer's repro, cut from the guide: the factory's local holds the whole list.
    [Fact]
    public Task A_server_list_passed_to_a_private_constructor_and_kept_in_a_field_is_reported() => VerifyAsync(Assistant + $$"""
        internal sealed class McpToolSet : IAsyncDisposable
        {
        {{SetMembers}}

            private McpToolSet(McpClient client, IList<McpClientTool> tools)
            {
                _client = client;
                _tools = tools;
            }

            public static async Task<McpToolSet> CreateAsync(CancellationToken ct = default)
            {
        {{Connect}}
                IList<McpClientTool> tools = await client.ListToolsAsync(cancellationToken: ct);
                return new McpToolSet(client, tools);
            }
        }
        """,
        Unbounded(0, ServerList + ", through 'toolSet.GetTools()'"));

    // An internal constructor (no InternalsVisibleTo): every creation is in this project; here a factory class makes
    // the set with the listed tools written at the creation, as a target-typed `new(...)`.
    [Fact]
    public Task A_server_list_passed_to_an_internal_constructor_from_a_factory_class_is_reported() => VerifyAsync(Assistant + $$"""
        public sealed class McpToolSet : IAsyncDisposable
        {
        {{SetMembers}}

            internal McpToolSet(McpClient client, IList<McpClientTool> tools)
            {
                _client = client;
                _tools = tools;
            }

            public static Task<McpToolSet> CreateAsync(CancellationToken ct = default) => McpToolSetFactory.ConnectAsync(ct);
        }

        internal static class McpToolSetFactory
        {
            public static async Task<McpToolSet> ConnectAsync(CancellationToken ct)
            {
        {{Connect}}
                McpToolSet set = new(client, await client.ListToolsAsync(cancellationToken: ct));
                return set;
            }
        }
        """,
        Unbounded(0, ServerList + ", through 'toolSet.GetTools()'"));

    // The correct code beside it: the factory allow-lists or caps what it keeps.
    [Fact]
    public Task A_capped_or_fixed_list_passed_to_a_private_constructor_is_not_reported() => VerifyAsync(Assistant + $$"""
        internal sealed class McpToolSet : IAsyncDisposable
        {
        {{SetMembers}}

            private McpToolSet(McpClient client, IList<McpClientTool> tools)
            {
                _client = client;
                _tools = tools;
            }

            public static async Task<McpToolSet> CreateAsync(CancellationToken ct = default)
            {
        {{Connect}}
                var tools = await client.ListToolsAsync(cancellationToken: ct);
                return new McpToolSet(client, [.. tools.Take(10)]);
            }

            public static async Task<McpToolSet> CreateAllowListedAsync(CancellationToken ct = default)
            {
        {{Connect}}
                string[] allowed = ["microsoft_docs_search", "microsoft_docs_fetch"];
                var tools = await client.ListToolsAsync(cancellationToken: ct);
                return new McpToolSet(client, tools.Where(t => allowed.Contains(t.Name)).ToList());
            }
        }
        """);

    // One creation passes the whole list, another (an offline fallback) a list of its own: which set reaches the request
    // is not known, so the parameter stays what its callers pass.
    [Fact]
    public Task A_private_constructor_also_given_an_empty_fallback_list_is_not_reported() => VerifyAsync(Assistant + $$"""
        internal sealed class McpToolSet : IAsyncDisposable
        {
        {{SetMembers}}

            private McpToolSet(McpClient client, IList<McpClientTool> tools)
            {
                _client = client;
                _tools = tools;
            }

            public static async Task<McpToolSet> CreateAsync(CancellationToken ct = default)
            {
        {{Connect}}
                try
                {
                    return new McpToolSet(client, await client.ListToolsAsync(cancellationToken: ct));
                }
                catch (System.Net.Http.HttpRequestException)
                {
                    return new McpToolSet(client, new List<McpClientTool>());
                }
            }
        }
        """);

    // A factory that hands on a list its own caller gives: what the set holds is decided further out, not here.
    [Fact]
    public Task A_private_constructor_given_the_factory_input_is_not_reported() => VerifyAsync(Assistant + $$"""
        internal sealed class McpToolSet : IAsyncDisposable
        {
        {{SetMembers}}

            private McpToolSet(McpClient client, IList<McpClientTool> tools)
            {
                _client = client;
                _tools = tools;
            }

            public static async Task<McpToolSet> CreateAsync(CancellationToken ct = default)
            {
        {{Connect}}
                return From(client, [.. (await client.ListToolsAsync(cancellationToken: ct)).Take(5)]);
            }

            public static McpToolSet From(McpClient client, IList<McpClientTool> chosen) => new(client, chosen);
        }
        """);

    // The fix caps the list where the set's tools enter the request.
    [Fact]
    public Task The_fix_caps_the_call_that_reads_the_field()
    {
        const string Set = $$"""
            internal sealed class McpToolSet : IAsyncDisposable
            {
            {{SetMembers}}

                private McpToolSet(McpClient client, IList<McpClientTool> tools)
                {
                    _client = client;
                    _tools = tools;
                }

                public static async Task<McpToolSet> CreateAsync(CancellationToken ct = default)
                {
            {{Connect}}
                    return new McpToolSet(client, await client.ListToolsAsync(cancellationToken: ct));
                }
            }
            """;
        var test = new CodeFixTest<ToolCatalogAnalyzer, AiLint.CodeFixes.Rules.Tools.CapToolSourceCodeFixProvider>
        {
            TestCode = ToolTestCode.Usings + Assistant.Replace("{|#0:toolSet.GetTools()|}", "[|toolSet.GetTools()|]") + Set,
            FixedCode = ToolTestCode.Usings + Assistant.Replace("{|#0:toolSet.GetTools()|}", "toolSet.GetTools().Take(20)") + Set,
            MarkupDiagnosticId = "AIL0202",
            CodeActionEquivalenceKey = AiLint.CodeFixes.Rules.Tools.CapToolSourceCodeFixProvider.EquivalenceKey,
        };
        return test.RunAsync();
    }

    // A public constructor of a public type: another project of the solution may create the set with a list of its own
    // (unknown callers), so the one creation in view does not decide what the parameter holds.
    [Fact]
    public Task A_server_list_passed_to_a_public_constructor_is_not_reported() => VerifyAsync(Assistant + $$"""
        public sealed class McpToolSet : IAsyncDisposable
        {
        {{SetMembers}}

            public McpToolSet(McpClient client, IList<McpClientTool> tools)
            {
                _client = client;
                _tools = tools;
            }

            public static async Task<McpToolSet> CreateAsync(CancellationToken ct = default)
            {
        {{Connect}}
                return new McpToolSet(client, await client.ListToolsAsync(cancellationToken: ct));
            }
        }
        """);

    // An internal constructor of an assembly that shows its internals to another (its tests, a second app): callers
    // there are not in view.
    [Fact]
    public Task A_server_list_passed_to_an_internal_constructor_of_an_assembly_with_friends_is_not_reported() => VerifyAsync(
        "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Teams.Bot.Tests\")]\n" + Assistant + $$"""
        internal sealed class McpToolSet : IAsyncDisposable
        {
        {{SetMembers}}

            internal McpToolSet(McpClient client, IList<McpClientTool> tools)
            {
                _client = client;
                _tools = tools;
            }

            public static async Task<McpToolSet> CreateAsync(CancellationToken ct = default)
            {
        {{Connect}}
                return new McpToolSet(client, await client.ListToolsAsync(cancellationToken: ct));
            }
        }
        """);

    // The guide's whole shape: a hosted service creates the set at start-up and the agent asks for the tools with a
    // citation collector that each tool is wrapped with (one wrapper per tool, no filtering).
    [Fact]
    public Task The_guide_tool_set_held_by_a_hosted_service_and_wrapped_per_tool_is_reported() => VerifyAsync("""
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;

        internal sealed class Agent(IChatClient chatClient, McpToolSetLifetimeService mcpTools)
        {
            public async Task<string> RunAsync(string userText, CancellationToken cancellationToken)
            {
                var citations = new CitationCollector();
                McpToolSet toolSet = mcpTools.Value;
                ChatOptions options = new()
                {
                    Tools =
                    [
                        AIFunctionFactory.Create(() => "clarify", "request_clarification"),
                        .. {|#0:toolSet.GetTools(citations)|}
                    ]
                };
                return (await chatClient.GetResponseAsync(userText, options, cancellationToken)).Text;
            }
        }

        internal sealed class McpToolSet : IAsyncDisposable
        {
            private readonly McpClient _client;
            private readonly IList<McpClientTool> _tools;
            private readonly ILogger<McpToolSet> _logger;

            private McpToolSet(McpClient client, IList<McpClientTool> tools, ILogger<McpToolSet> logger)
            {
                _client = client;
                _tools = tools;
                _logger = logger;
            }

            public static async Task<McpToolSet> CreateAsync(ILogger<McpToolSet> logger, CancellationToken cancellationToken = default)
            {
                McpClient client = await McpClient.CreateAsync(
                    new HttpClientTransport(new HttpClientTransportOptions
                    {
                        Endpoint = new Uri("https://learn.microsoft.com/api/mcp"),
                        Name = "MSLearn",
                        TransportMode = HttpTransportMode.StreamableHttp
                    }),
                    cancellationToken: cancellationToken);

                IList<McpClientTool> tools =
                    await client.ListToolsAsync(cancellationToken: cancellationToken);

                return new McpToolSet(client, tools, logger);
            }

            // Returns each MCP tool wrapped so its results feed into the CitationCollector.
            public IList<AITool> GetTools(CitationCollector citations) =>
                [.. _tools.Select(t => new CitationCapturingTool(t, citations, _logger))];

            public ValueTask DisposeAsync() => _client.DisposeAsync();
        }

        internal sealed class McpToolSetLifetimeService(ILogger<McpToolSet> logger) : IHostedService
        {
            private McpToolSet? _value;

            public McpToolSet Value => _value ?? throw new InvalidOperationException("MCP tool set is not initialized.");

            public async Task StartAsync(CancellationToken cancellationToken) => _value = await McpToolSet.CreateAsync(logger, cancellationToken);

            public async Task StopAsync(CancellationToken cancellationToken)
            {
                if (_value is null) return;
                await _value.DisposeAsync();
                _value = null;
            }
        }

        file sealed class CitationCapturingTool(McpClientTool inner, CitationCollector citations, ILogger logger) : DelegatingAIFunction(inner)
        {
            protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
            {
                logger.LogInformation("[tool] {Name}", inner.Name);
                object? result = await inner.InvokeAsync(arguments, cancellationToken);
                if (result?.ToString() is string text)
                    citations.TryExtract(text);
                return result;
            }
        }

        internal sealed class CitationCollector
        {
            public List<string> Seen { get; } = [];
            public void TryExtract(string result) => Seen.Add(result);
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'toolSet.GetTools()'"));

    [Theory]
    [InlineData("return new McpToolSet(client, ")]
    [InlineData("return new McpToolSet(client, await client.ListToolsAsync(cancellationToken: ct), extra);")]
    [InlineData("return new McpToolSet(await client.ListToolsAsync(cancellationToken: ct));")]
    [InlineData("return new(client, await client.ListToolsAsync(cancellationToken: ct), 3);")]
    [InlineData("return new Undefined(client, await client.ListToolsAsync(cancellationToken: ct));")]
    public Task Half_typed_creations_do_not_crash_or_report(string creation)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + Assistant.Replace("{|#0:", "").Replace("|}]", "]") + $$"""
                internal sealed class McpToolSet : IAsyncDisposable
                {
                {{SetMembers}}

                    private McpToolSet(McpClient client, IList<McpClientTool> tools)
                    {
                        _client = client;
                        _tools = tools;
                    }

                    public static async Task<McpToolSet> CreateAsync(CancellationToken ct = default)
                    {
                {{Connect}}
                        {{creation}}
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };
        return test.RunAsync();
    }
}
