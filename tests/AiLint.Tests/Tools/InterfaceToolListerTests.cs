using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// An MCP server's whole list reached through an interface (or abstract) method of the project that takes where the
/// server is: the shape of abossard/can-i-haz-houze's agent service, whose injected <c>IMcpClientService</c> has
/// <c>Task&lt;IList&lt;McpClientTool&gt;&gt; ListToolsAsync(string mcpEndpointUrl, CancellationToken ct = default)</c>,
/// implemented once by a class that creates (and caches, keyed by the URL) an MCP client for that URL and returns
/// <c>await client.ListToolsAsync()</c>; a kernel-builder extension turns every listed tool into a Semantic Kernel
/// function and registers them as one plugin, and the agent runs with <c>ToolCallBehavior.AutoInvokeKernelFunctions</c>.
/// The call is followed into the implementations when every one of them returns the server's whole list; an
/// implementation that filters or caps, one returning a list of its own, or none in the compilation keeps it quiet.
/// </summary>
public class InterfaceToolListerTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        if (code.Contains("Microsoft.SemanticKernel", StringComparison.Ordinal))
        {
            test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    private static string Through(string client, string call) =>
        $"'{client}.ListToolsAsync()' (an MCP server's whole tool list), through '{call}'";

    /// <summary>The interface and its one implementation: a client per URL, created over HTTP and returning the whole list.</summary>
    private const string UrlLister = """
        using Microsoft.Extensions.Logging;

        public interface IServerToolLister
        {
            Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default);
        }

        public sealed class HttpServerToolLister(ILogger<HttpServerToolLister> logger) : IServerToolLister
        {
            public async Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(endpointUrl) }), cancellationToken: cancellationToken);
                var listed = await client.ListToolsAsync(cancellationToken: cancellationToken);
                logger.LogInformation("{Count} tools at {Url}", listed.Count, endpointUrl);
                return listed;
            }
        }

        """;

    [Fact]
    public Task An_injected_lister_given_the_server_url_is_followed_into_its_one_implementation() => VerifyAsync(UrlLister + """
        public sealed class Assistant(IChatClient chat, IServerToolLister lister)
        {
            private static readonly string[] Allowed = ["search", "fetch"];

            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                var tools = await lister.ListToolsAsync("https://tools.example/mcp", ct);
                var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] }, ct);
                return response.Text;
            }

            // The correct code beside it: the caller allow-lists or caps what the lister returns.
            public async Task<string> AskAllowListedAsync(string question, CancellationToken ct)
            {
                var tools = await lister.ListToolsAsync("https://tools.example/mcp", ct);
                var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools.Where(t => Allowed.Contains(t.Name))] }, ct);
                return response.Text;
            }

            public async Task<string> AskCappedAsync(string question, CancellationToken ct)
            {
                var tools = await lister.ListToolsAsync("https://tools.example/mcp", ct);
                var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools.Take(10)] }, ct);
                return response.Text;
            }

            // The list only counted and logged: no catalog.
            public async Task<int> CountAsync(CancellationToken ct)
            {
                var tools = await lister.ListToolsAsync("https://tools.example/mcp", ct);
                Console.WriteLine($"{tools.Count} tools");
                return tools.Count;
            }
        }
        """,
        Unbounded(0, Through("client", "lister.ListToolsAsync()")));

    /// <summary>
    /// The houze shape itself: a client cache keyed by the URL in a private helper, a kernel-builder extension that
    /// converts each listed tool through a helper of its own into a local, and automatic function calling.
    /// </summary>
    [Fact]
    public Task A_kernel_plugin_built_from_an_injected_url_lister_with_a_client_cache_is_reported() => VerifyAsync("""
        using Microsoft.Extensions.Logging;
        using Microsoft.SemanticKernel;

        public interface IToolServerClient
        {
            Task<IList<McpClientTool>> ListToolsAsync(string serverUrl, CancellationToken cancellationToken = default);
            Task<string> InvokeAsync(string serverUrl, string toolName, Dictionary<string, object?> arguments, CancellationToken cancellationToken = default);
        }

        public sealed class ToolServerClient(ILogger<ToolServerClient> logger, ILoggerFactory loggerFactory) : IToolServerClient
        {
            private readonly Dictionary<string, McpClient> _clients = new();

            private async Task<McpClient> ClientForAsync(string serverUrl, CancellationToken cancellationToken)
            {
                if (_clients.TryGetValue(serverUrl, out var known))
                {
                    return known;
                }

                logger.LogInformation("Connecting to {Url}", serverUrl);
                var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(serverUrl) }, loggerFactory);
                var created = await McpClient.CreateAsync(transport, loggerFactory: loggerFactory, cancellationToken: cancellationToken);
                _clients[serverUrl] = created;
                return created;
            }

            public async Task<IList<McpClientTool>> ListToolsAsync(string serverUrl, CancellationToken cancellationToken = default)
            {
                try
                {
                    var client = await ClientForAsync(serverUrl, cancellationToken);
                    var found = await client.ListToolsAsync();
                    logger.LogInformation("{Count} tools from {Url}", found.Count, serverUrl);
                    return found;
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Listing failed for {Url}", serverUrl);
                    throw;
                }
            }

            public async Task<string> InvokeAsync(string serverUrl, string toolName, Dictionary<string, object?> arguments, CancellationToken cancellationToken = default)
            {
                var client = await ClientForAsync(serverUrl, cancellationToken);
                var result = await client.CallToolAsync(toolName, arguments, cancellationToken: cancellationToken);
                return result.Content.Count.ToString();
            }
        }

        public static class KernelToolPlugins
        {
            public static async Task AddServerToolsAsync(this IKernelBuilder builder, IToolServerClient servers, string serverUrl, string pluginName, ILogger logger, CancellationToken cancellationToken = default)
            {
                var serverTools = await servers.ListToolsAsync(serverUrl, cancellationToken);
                if (serverTools.Count == 0)
                {
                    logger.LogWarning("No tools at {Url}", serverUrl);
                    return;
                }

                var functions = new List<KernelFunction>();
                foreach (var serverTool in {|#0:serverTools|})
                {
                    var function = serverTool.AsKernelFunction();
                    functions.Add(function);
                    logger.LogInformation("Registered {Tool}", serverTool.Name);
                }

                builder.Plugins.AddFromFunctions(pluginName, functions);
            }
        }
        """,
        Unbounded(0, Through("client", "servers.ListToolsAsync()")));

    [Fact]
    public Task An_abstract_lister_with_one_override_is_followed() => VerifyAsync("""
        public abstract class ToolListerBase
        {
            public abstract Task<IList<McpClientTool>> ListAsync(Uri endpoint, CancellationToken ct);
        }

        public sealed class HttpToolLister : ToolListerBase
        {
            public override async Task<IList<McpClientTool>> ListAsync(Uri endpoint, CancellationToken ct)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint }), cancellationToken: ct);
                return await client.ListToolsAsync(cancellationToken: ct);
            }
        }

        public sealed class Assistant(IChatClient chat, ToolListerBase lister)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                var options = new ChatOptions { Tools = [] };
                foreach (var tool in {|#0:await lister.ListAsync(new Uri("https://tools.example/mcp"), ct)|})
                {
                    options.Tools.Add(tool);
                }

                return (await chat.GetResponseAsync(question, options, ct)).Text;
            }
        }
        """,
        Unbounded(0, Through("client", "lister.ListAsync()")));

    [Fact]
    public Task Two_implementations_that_both_return_a_whole_list_are_reported() => VerifyAsync(UrlLister + """
        public sealed class StdioServerToolLister : IServerToolLister
        {
            public async Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default)
            {
                var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions { Command = endpointUrl }), cancellationToken: cancellationToken);
                return await client.ListToolsAsync(cancellationToken: cancellationToken);
            }
        }

        public sealed class Assistant(IChatClient chat, IServerToolLister lister)
        {
            public async Task<string> AskAsync(string question, string server, CancellationToken ct)
            {
                var options = new ChatOptions { Tools = [.. {|#0:await lister.ListToolsAsync(server, ct)|}] };
                return (await chat.GetResponseAsync(question, options, ct)).Text;
            }
        }
        """,
        // Both implementations' sources are written the same way, so the one message names it once.
        Unbounded(0, Through("client", "lister.ListToolsAsync()")));

    // ---- quiet twins ----

    private const string QuietCaller = """
        public sealed class Assistant(IChatClient chat, IServerToolLister lister)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                var tools = await lister.ListToolsAsync("https://tools.example/mcp", ct);
                var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] }, ct);
                return response.Text;
            }
        }

        public interface IServerToolLister
        {
            Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default);
        }

        """;

    [Theory]
    // An implementation that allow-lists by name (a fixed list) or caps what the server lists.
    [InlineData("return listed.Where(t => Allowed.Contains(t.Name)).ToList();")]
    [InlineData("return listed.Take(10).ToList();")]
    public Task An_implementation_that_bounds_the_list_is_quiet(string returned) => VerifyAsync(QuietCaller + $$"""
        public sealed class BoundedLister : IServerToolLister
        {
            private static readonly string[] Allowed = ["search", "fetch"];

            public async Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(endpointUrl) }), cancellationToken: cancellationToken);
                var listed = await client.ListToolsAsync(cancellationToken: cancellationToken);
                {{returned}}
            }
        }
        """);

    [Fact]
    public Task An_implementation_that_selects_by_its_input_is_quiet() => VerifyAsync(QuietCaller + """
        public sealed class PrefixLister(McpClient client) : IServerToolLister
        {
            // The string chooses tools here (a prefix), so it is not where the server is: a selection step.
            public async Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default)
            {
                var listed = await client.ListToolsAsync(cancellationToken: cancellationToken);
                return listed.Where(t => t.Name.StartsWith(endpointUrl, StringComparison.Ordinal)).ToList();
            }
        }
        """);

    [Fact]
    public Task A_second_implementation_returning_a_list_of_its_own_is_quiet() => VerifyAsync(QuietCaller + """
        public sealed class HttpLister : IServerToolLister
        {
            public async Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(endpointUrl) }), cancellationToken: cancellationToken);
                return await client.ListToolsAsync(cancellationToken: cancellationToken);
            }
        }

        public sealed class OfflineLister : IServerToolLister
        {
            public Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default)
                => Task.FromResult<IList<McpClientTool>>(new List<McpClientTool>());
        }
        """);

    [Fact]
    public Task An_interface_with_no_implementation_in_the_compilation_is_quiet() => VerifyAsync(QuietCaller);

    [Fact]
    public Task Half_typed_code_does_not_crash_or_report() => VerifyAsync("""
        public interface IServerToolLister
        {
            Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default);
            Task<{|CS0246:MissingTools|}> ListOtherAsync(string endpointUrl);
        }

        public sealed class HttpLister : IServerToolLister
        {
            public async Task<IList<McpClientTool>> ListToolsAsync(string endpointUrl, CancellationToken cancellationToken = default)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new {|CS0246:Url|}(endpointUrl) }), cancellationToken: cancellationToken);
                return await client.ListToolsAsync(cancellationToken: cancellationToken);
            }

            public Task<{|CS0246:MissingTools|}> ListOtherAsync(string endpointUrl) => {|CS0103:Unknown|}(endpointUrl);
        }

        public sealed class Assistant(IChatClient chat, IServerToolLister lister)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                var other = await lister.ListOtherAsync("x");
                var options = new ChatOptions { Tools = [.. await lister.ListToolsAsync({|CS0103:url|}, ct)] };
                return (await chat.GetResponseAsync(question, options, ct)).Text;
            }
        }
        """);
}
