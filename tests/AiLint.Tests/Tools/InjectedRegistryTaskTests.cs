using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A registry injected as <c>Task&lt;IMcpService&gt;</c> (lazy asynchronous initialisation) is the injected registry
/// once awaited: <c>await _serviceTask</c>, or a no-input helper of the type that unwraps it
/// (<c>private async Task&lt;IMcpService&gt; GetService() =&gt; await _serviceTask;</c>, also caching it in a field), so
/// <c>Tools = [.. await (await GetService()).GetTools(ct)]</c> reads the registry's implementations as the registry
/// injected directly does.
/// </summary>
public class InjectedRegistryTaskTests
{
    private const string Through = "'mcpClient.ListToolsAsync()' (an MCP server's whole tool list), through '{0}'";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string via) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(string.Format(Through, via), 20);

    private const string Registry = """
        public interface IMcpService
        {
            ValueTask<IList<McpClientTool>> GetTools(CancellationToken cancellationToken = default);
        }

        internal sealed class McpService(McpClient mcpClient) : IMcpService
        {
            public async ValueTask<IList<McpClientTool>> GetTools(CancellationToken cancellationToken = default)
            {
                var tools = await mcpClient.ListToolsAsync(cancellationToken: cancellationToken);
                return tools;
            }
        }
        """;

    // The cached unwrap of the real shape: checked field, awaited task, Interlocked publication.
    [Fact]
    public Task A_registry_unwrapped_from_an_injected_task_by_a_caching_helper_is_read_like_the_registry() => VerifyAsync(Registry + """
        public sealed class MessageService
        {
            private readonly Task<IMcpService> _serviceTask;
            private IMcpService? _service;

            public MessageService(Task<IMcpService> serviceTask) => _serviceTask = serviceTask;

            private async ValueTask<IMcpService> GetServiceAsync()
            {
                if (_service is not null)
                {
                    return _service;
                }

                var service = await _serviceTask.ConfigureAwait(false);
                Interlocked.CompareExchange(ref _service, service, null);
                return _service;
            }

            public async Task<string> AskAsync(IChatClient client, string text, CancellationToken ct = default)
            {
                var tools = await (await GetServiceAsync()).GetTools(ct);
                var response = await client.GetResponseAsync(text, new ChatOptions { ToolMode = ChatToolMode.Auto, Tools = [.. {|#0:tools|}] }, cancellationToken: ct);
                return response.Text;
            }
        }
        """,
        Unbounded(0, "(await GetServiceAsync()).GetTools()"));

    [Fact]
    public Task A_registry_awaited_from_an_injected_task_directly_is_read_like_the_registry() => VerifyAsync(Registry + """
        public sealed class MessageService(Task<IMcpService> serviceTask)
        {
            private async Task<IMcpService> GetService() => await serviceTask;

            public async Task<string> AskAsync(IChatClient client, string text, CancellationToken ct = default)
            {
                var direct = await (await serviceTask).GetTools(ct);
                var viaHelper = await (await GetService()).GetTools(ct);
                var first = await client.GetResponseAsync(text, new ChatOptions { Tools = [.. {|#0:direct|}] }, cancellationToken: ct);
                var second = await client.GetResponseAsync(text, new ChatOptions { Tools = [.. {|#1:viaHelper|}] }, cancellationToken: ct);
                return first.Text + second.Text;
            }
        }
        """,
        Unbounded(0, "(await serviceTask).GetTools()"),
        Unbounded(1, "(await GetService()).GetTools()"));

    // ---- quiet twins ----

    // The task is made here from a service the type builds with a fixed list: not the container's.
    [Fact]
    public Task A_task_the_type_creates_itself_is_not_an_injected_registry() => VerifyAsync(Registry + """
        internal sealed class FixedService : IMcpService
        {
            public ValueTask<IList<McpClientTool>> GetTools(CancellationToken cancellationToken = default) => new(new List<McpClientTool>());
        }

        public sealed class MessageService(McpClient mcpClient)
        {
            private readonly Task<IMcpService> _serviceTask = Task.FromResult<IMcpService>(new McpService(mcpClient));

            private async Task<IMcpService> GetService(string tenant) => await _serviceTask;

            public async Task<string> AskAsync(IChatClient client, string text, CancellationToken ct = default)
            {
                var tools = await (await _serviceTask).GetTools(ct);
                var chosen = await (await GetService(text)).GetTools(ct);
                var first = await client.GetResponseAsync(text, new ChatOptions { Tools = [.. tools.Take(5)] }, cancellationToken: ct);
                var second = await client.GetResponseAsync(text, new ChatOptions { Tools = [.. chosen.Take(5)] }, cancellationToken: ct);
                return first.Text + second.Text;
            }
        }
        """);

    // ---- half-typed code ----

    [Fact]
    public async Task A_half_typed_unwrap_reports_nothing_and_does_not_crash()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + Registry + """
            public sealed class MessageService(Task<IMcpService> serviceTask)
            {
                private async Task<IMcpService> GetService() => await ;
                private async Task<IMcpService> Other() { return await serviceTask. }

                public async Task<string> AskAsync(IChatClient client, string text, CancellationToken ct = default)
                {
                    var tools = await (await GetService()).GetTools(ct);
                    var more = await (await Other()).GetTools(ct);
                    var first = await client.GetResponseAsync(text, new ChatOptions { Tools = [.. tools, .. more] }, cancellationToken: ct);
                    return first.Text;
                }
            }
            """);
        await test.RunAsync();
    }
}
