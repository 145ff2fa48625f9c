using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// An MCP list fetched through a helper of the project that runs a lambda and returns its result: a retry wrapper
/// (<c>await RetryAsync(() =&gt; mcp.ListToolsAsync())</c>), or the client-cache wrapper of
/// almirbanjanovic/dotnet-agent-framework's later crm-agent (<c>provider.ExecuteWithClientRetryAsync(static (client, ct)
/// =&gt; client.ListToolsAsync(cancellationToken: ct), ct)</c>, whose <c>ValueTask</c> overload wraps the delegate and
/// calls the <c>Task</c> overload; review32 "Misses not promised"). Each positive sits beside the correct code.
/// </summary>
public class DelegateHelperCatalogTests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";
    private const string ClientList = "'client.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    private const string RetryHelper = """
        static class Retry
        {
            public static async Task<T> RetryAsync<T>(Func<Task<T>> action, int attempts = 3)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await action();
                    }
                    catch (System.Net.Http.HttpRequestException) when (attempt < attempts)
                    {
                        await Task.Delay(200 * attempt);
                    }
                }
            }
        }

        """;

    [Fact]
    public Task A_list_fetched_through_a_retry_helper_is_reported_where_it_enters() => VerifyAsync(RetryHelper + """
        class Chat(IChatClient client, McpClient mcp)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var options = new ChatOptions { Tools = [.. {|#0:await Retry.RetryAsync(async () => await mcp.ListToolsAsync())|}] };
                return await client.GetResponseAsync(question, options);
            }
        }
        """,
        Unbounded(0, McpList));

    // The correct code beside it: the caller allow-lists or caps the result, or the lambda caps what it returns.
    [Fact]
    public Task A_retried_list_that_is_allow_listed_or_capped_is_not_reported() => VerifyAsync(RetryHelper + """
        class Chat(IChatClient client, McpClient mcp)
        {
            private static readonly HashSet<string> Allowed = ["get_customer", "get_orders"];

            public async Task<ChatResponse> ChosenAsync(string question)
            {
                var all = await Retry.RetryAsync(async () => await mcp.ListToolsAsync());
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. all.Where(t => Allowed.Contains(t.Name))] });
            }

            public async Task<ChatResponse> FirstAsync(string question) =>
                await client.GetResponseAsync(question, new ChatOptions { Tools = [.. (await Retry.RetryAsync(async () => await mcp.ListToolsAsync())).Take(5)] });

            public async Task<ChatResponse> CappedInsideAsync(string question) =>
                await client.GetResponseAsync(question, new ChatOptions
                {
                    Tools = [.. await Retry.RetryAsync(async () => (await mcp.ListToolsAsync()).Take(10).ToList())],
                });
        }
        """);

    // A fixed list through the same helper is counted, not reported, when it is small.
    [Fact]
    public Task A_small_fixed_list_through_a_retry_helper_is_not_reported() => VerifyAsync(RetryHelper + $$"""
        class Chat(IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = await Retry.RetryAsync(() => Task.FromResult<IList<AITool>>([{{ToolTestCode.Functions(3)}}]));
                return await client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """);

    // A helper that does not return what the delegate returns (it picks tools by the question) stays opaque.
    [Fact]
    public Task A_helper_that_returns_its_own_choice_is_not_followed() => VerifyAsync("""
        static class Picker
        {
            public static async Task<IList<AITool>> PickAsync(Func<Task<IList<McpClientTool>>> load, string question)
            {
                var all = await load();
                return Rank(all, question);
            }

            private static IList<AITool> Rank(IList<McpClientTool> all, string question) =>
                [.. all.OrderBy(t => t.Name.Length - question.Length).Take(question.Length)];
        }

        class Chat(IChatClient client, McpClient mcp)
        {
            public async Task<ChatResponse> AskAsync(string question) =>
                await client.GetResponseAsync(question, new ChatOptions { Tools = await Picker.PickAsync(async () => await mcp.ListToolsAsync(), question) });
        }
        """);

    // A helper that runs the delegate but returns a list of its own (a warm-up, then a fixed set) is read as that list.
    [Fact]
    public Task A_helper_that_runs_the_delegate_but_returns_its_own_list_is_counted_as_that_list() => VerifyAsync($$"""
        static class Warmed
        {
            private static readonly IList<AITool> Few = [{{ToolTestCode.Functions(3)}}];

            public static async Task<IList<AITool>> AfterWarmUpAsync(Func<Task<IList<McpClientTool>>> warmUp)
            {
                await warmUp();
                return Few;
            }
        }

        class Chat(IChatClient client, McpClient mcp)
        {
            public async Task<ChatResponse> AskAsync(string question) =>
                await client.GetResponseAsync(question, new ChatOptions { Tools = await Warmed.AfterWarmUpAsync(async () => await mcp.ListToolsAsync()) });
        }
        """);

    /// <summary>The later crm-agent's provider: a Task and a ValueTask overload, the second wrapping the delegate.</summary>
    private const string ClientProvider = """
        abstract class McpClientProvider
        {
            private McpClient? _client;

            public async Task<T> ExecuteWithClientRetryAsync<T>(Func<McpClient, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
            {
                var attempt = 0;
                while (true)
                {
                    attempt++;
                    var client = await GetClientAsync(cancellationToken);
                    try
                    {
                        return await operation(client, cancellationToken);
                    }
                    catch (Exception ex) when (attempt == 1 && ex is System.Net.Http.HttpRequestException)
                    {
                        _client = null;
                    }
                }
            }

            public async Task<T> ExecuteWithClientRetryAsync<T>(Func<McpClient, CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken)
            {
                var wrappedOperation = new Func<McpClient, CancellationToken, Task<T>>((client, ct) => operation(client, ct).AsTask());
                return await ExecuteWithClientRetryAsync(wrappedOperation, cancellationToken);
            }

            public async Task<McpClient> GetClientAsync(CancellationToken cancellationToken) =>
                _client ??= await McpClient.CreateAsync(null!, cancellationToken: cancellationToken);
        }

        sealed class CrmMcpClientProvider : McpClientProvider;

        sealed class KnowledgeMcpClientProvider : McpClientProvider;

        """;

    // The later crm-agent: both servers' lists through the provider, handed to the agent factory's parameter.
    [Fact]
    public Task Lists_fetched_through_the_client_provider_and_handed_to_the_agent_factory_are_reported() => VerifyAsync("using Microsoft.Agents.AI;\n\n" + ClientProvider + """
        sealed class CrmAgentFactory(IChatClient chatClient)
        {
            public AIAgent CreateAgent(string instructions, IList<AITool> tools) => chatClient.AsAIAgent(instructions: instructions, tools: tools);
        }

        static class ChatEndpoint
        {
            private static readonly HashSet<string> Allowed = ["get_customer"];

            public static async Task<string> HandleAsync(string message, CrmAgentFactory agentFactory, CrmMcpClientProvider crmProvider,
                KnowledgeMcpClientProvider knowledgeProvider, CancellationToken cancellationToken)
            {
                var tools = new List<AITool>();
                tools.AddRange({|#0:await crmProvider.ExecuteWithClientRetryAsync(
                    static (client, ct) => client.ListToolsAsync(cancellationToken: ct),
                    cancellationToken)|});
                tools.AddRange({|#1:await knowledgeProvider.ExecuteWithClientRetryAsync(
                    static (client, ct) => client.ListToolsAsync(cancellationToken: ct),
                    cancellationToken)|});
                var agent = agentFactory.CreateAgent("You help customers.", tools);
                return (await agent.RunAsync(message, cancellationToken: cancellationToken)).ToString();
            }

            // The correct code: the same provider, the tools chosen by name.
            public static async Task<string> HandleChosenAsync(string message, CrmAgentFactory agentFactory, CrmMcpClientProvider crmProvider, CancellationToken cancellationToken)
            {
                var all = await crmProvider.ExecuteWithClientRetryAsync(static (client, ct) => client.ListToolsAsync(cancellationToken: ct), cancellationToken);
                var agent = agentFactory.CreateAgent("You help customers.", [.. all.Where(t => Allowed.Contains(t.Name))]);
                return (await agent.RunAsync(message, cancellationToken: cancellationToken)).ToString();
            }

        }
        """,
        Unbounded(0, ClientList),
        Unbounded(1, ClientList));

    [Theory]
    [InlineData("options.Tools = [.. await Retry.RetryAsync(async () => await mcp.ListToolsAsync()")]
    [InlineData("options.Tools = [.. await Retry.RetryAsync(async () => { await mcp.ListToolsAsync(); })];")]
    [InlineData("options.Tools = [.. await Retry.RetryAsync(Load)];")]
    [InlineData("options.Tools = [.. await Retry.RetryAsync(async () => await undefined.ListToolsAsync())];")]
    [InlineData("options.Tools = [.. await Retry.RetryAsync(async () => await mcp.ListToolsAsync(), async () => null)];")]
    [InlineData("options.Tools = [.. await Unknown.RetryAsync(async () => await mcp.ListToolsAsync())];")]
    public async Task Half_typed_code_does_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + RetryHelper + "class C { async Task M(McpClient mcp, ChatOptions options) { " + statement + " }",
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

    // A wrapper that hands the delegate on inline, wrapped in a lambda of its own, to the overload that runs it.
    [Fact]
    public Task A_wrapper_that_hands_the_delegate_on_inline_is_followed() => VerifyAsync("""
        class Prov
        {
            public async Task<T> RunAsync<T>(Func<McpClient, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
            {
                return await operation(null!, cancellationToken);
            }

            public async Task<T> RunAsync<T>(Func<McpClient, CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken)
            {
                return await RunAsync((client, ct) => operation(client, ct).AsTask(), cancellationToken);
            }
        }
        class Chat(IChatClient client, Prov p)
        {
            public async Task<ChatResponse> AskAsync(string question, CancellationToken token)
            {
                var options = new ChatOptions { Tools = [.. {|#0:await p.RunAsync(static (client, ct) => client.ListToolsAsync(cancellationToken: ct), token)|}] };
                return await client.GetResponseAsync(question, options);
            }
        }
        """,
        Unbounded(0, ClientList));
}
