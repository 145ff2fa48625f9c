using static AiLint.Tests.RealCode.RealCodeHarness;

namespace AiLint.Tests.RealCode;

/// <summary>
/// Shapes taken (paraphrased, never copied) from public .NET apps that call LLMs. Each test holds the bug as real
/// code writes it and, next to it, the correct code those apps write; the expected diagnostics are the
/// <c>// expect</c> markers. Every AiLint analyzer runs over each file, so a test also fails on a diagnostic from
/// an unrelated rule.
/// </summary>
public class RealCodeShapesTests
{
    // ---- Retries written in code ---------------------------------------------------------------------------------

    /// <summary>A Polly v7 retry policy built by a factory method into a field; the client is a Lazy of the SDK client.</summary>
    [Fact]
    public Task Polly_v7_policy_field_around_a_lazy_OpenAI_client() => AssertMarkedAsync(
        """
        using Polly;
        using Polly.Retry;

        public sealed class ReleaseNotesWriter
        {
            private readonly Lazy<OpenAI.Chat.ChatClient> chat;
            private readonly AsyncRetryPolicy retry;

            public ReleaseNotesWriter(string model, string key)
            {
                chat = new Lazy<OpenAI.Chat.ChatClient>(() => new OpenAI.Chat.ChatClient(model, key));
                retry = CreatePolicy();
            }

            private readonly AsyncRetryPolicy rateLimitOnly =
                Policy.Handle<ClientResultException>(e => e.Status == 429).WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            public Task<ClientResult<OpenAI.Chat.ChatCompletion>> WriteAsync(params OpenAI.Chat.ChatMessage[] messages) =>
                retry.ExecuteAsync(async () =>
                {
                    await Task.Yield();
                    return await chat.Value.CompleteChatAsync(messages); // expect AIL0001
                });

            // Only 429s: the refused request is sent again, nothing is duplicated.
            public Task<ClientResult<OpenAI.Chat.ChatCompletion>> WriteSlowlyAsync(params OpenAI.Chat.ChatMessage[] messages) =>
                rateLimitOnly.ExecuteAsync(() => chat.Value.CompleteChatAsync(messages));

            // A 5xx may come after the model has answered, so this policy counts as a retry.
            private static AsyncRetryPolicy CreatePolicy() =>
                Policy.Handle<ClientResultException>(e => e.Status == 429 || e.Status >= 500)
                    .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));
        }
        """);

    /// <summary>A Polly v7 circuit breaker in a field is not a retry.</summary>
    [Fact]
    public Task Polly_v7_circuit_breaker_field_is_not_a_retry() => AssertMarkedAsync(
        """
        using Polly;
        using Polly.CircuitBreaker;

        public sealed class GuardedChat(IChatClient client)
        {
            private readonly AsyncCircuitBreakerPolicy breaker =
                Policy.Handle<HttpRequestException>().CircuitBreakerAsync(3, TimeSpan.FromSeconds(30));

            public Task<ChatResponse> AskAsync(string question, CancellationToken ct) =>
                breaker.ExecuteAsync(token => client.GetResponseAsync(question, cancellationToken: token), ct);
        }
        """);

    /// <summary>A retrying DelegatingChatClient whose Polly v8 pipeline is built in the constructor.</summary>
    [Fact]
    public Task Delegating_chat_client_with_a_pipeline_built_in_its_constructor() => AssertMarkedAsync(
        """
        using Polly;
        using Polly.Retry;

        internal sealed class RetryingChatClient : DelegatingChatClient
        {
            private readonly ResiliencePipeline pipeline;

            public RetryingChatClient(IChatClient inner, int retries) : base(inner) =>
                pipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = retries, ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>() })
                    .Build();

            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                pipeline.ExecuteAsync(ct => new ValueTask<ChatResponse>(base.GetResponseAsync(messages, options, ct)), cancellationToken).AsTask(); // expect AIL0001
        }
        """);

    /// <summary>The pipeline arrives through the constructor from an extension method; streaming passes straight through.</summary>
    [Fact]
    public Task Delegating_chat_client_given_a_typed_pipeline_streaming_passes_through() => AssertMarkedAsync(
        """
        using Polly;
        using Polly.Retry;

        internal static class ChatResilience
        {
            public static IChatClient WithRetries(this IChatClient client)
            {
                var pipeline = new ResiliencePipelineBuilder<ChatResponse>()
                    .AddRetry(new RetryStrategyOptions<ChatResponse> { MaxRetryAttempts = 3 })
                    .Build();
                return new Retrying(client, pipeline);
            }

            private sealed class Retrying(IChatClient inner, ResiliencePipeline<ChatResponse> pipeline) : DelegatingChatClient(inner)
            {
                public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                    await pipeline.ExecuteAsync(async token => await InnerClient.GetResponseAsync(messages, options, token), cancellationToken); // expect AIL0001

                public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                    InnerClient.GetStreamingResponseAsync(messages, options, cancellationToken);
            }
        }
        """);

    /// <summary>A project retry helper class (RetryHandler.ExecuteAsync(Func&lt;Task&lt;T&gt;&gt;)) around an injected OpenAI client.</summary>
    [Fact]
    public Task Retry_handler_class_with_a_func_delegate() => AssertMarkedAsync(
        """
        public sealed class RetrySettings
        {
            public int MaxRetries { get; init; } = 3;
            public int InitialDelayMs { get; init; } = 500;
        }

        public sealed class RetryHandler(RetrySettings settings)
        {
            public async Task<T> ExecuteAsync<T>(Func<Task<T>> operation, CancellationToken ct = default)
            {
                var delay = settings.InitialDelayMs;
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (HttpRequestException) when (attempt < settings.MaxRetries)
                    {
                        await Task.Delay(delay, ct);
                        delay *= 2;
                    }
                }
            }
        }

        public sealed class Example(OpenAI.Chat.ChatClient chat)
        {
            public async Task<string> RunAsync()
            {
                var handler = new RetryHandler(new RetrySettings { MaxRetries = 3 });
                return await handler.ExecuteAsync(async () =>
                {
                    var response = await chat.CompleteChatAsync("What is a key vault, in one sentence?"); // expect AIL0001
                    return response.Value.Content[0].Text;
                });
            }
        }
        """);

    /// <summary>A "WithRetry" extension that calls itself from its catch with one retry fewer.</summary>
    [Fact]
    public Task Recursive_retry_extension() => AssertMarkedAsync(
        """
        public static class ChatRetryExtensions
        {
            public static async Task<ChatResponse> GetResponseWithRetryAsync(this IChatClient client, IList<ChatMessage> messages, ChatOptions? options = null, int maxRetry = 5, CancellationToken ct = default)
            {
                try
                {
                    return await client.GetResponseAsync(messages, options, ct); // expect AIL0001
                }
                catch (HttpRequestException) when (maxRetry > 0)
                {
                    await Task.Delay(1000, ct);
                    return await client.GetResponseWithRetryAsync(messages, options, maxRetry - 1, ct);
                }
            }
        }
        """);

    /// <summary>
    /// Hand-written loops around the Anthropic SDK, whose own retries are on: one that waits out rate limits only (a
    /// refused request duplicates nothing), and one that retries any overload or server error.
    /// </summary>
    [Fact]
    public Task Anthropic_loops_on_a_default_client_and_a_quiet_one() => AssertMarkedAsync(
        """
        using Anthropic;
        using Anthropic.Models.Messages;

        public sealed class Summarizer
        {
            private readonly AnthropicClient claude = new();
            private readonly AnthropicClient quiet = new() { MaxRetries = 0 };

            public async Task<Message> SummarizeAsync(MessageCreateParams request, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 4; attempt++)
                {
                    try
                    {
                        return await claude.Messages.Create(request, ct);
                    }
                    catch (Anthropic.Exceptions.AnthropicRateLimitException) when (attempt < 4)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt * 2), ct);
                    }
                }

                throw new InvalidOperationException("unreachable");
            }

            public async Task<Message> SummarizeOnServerErrorsAsync(MessageCreateParams request, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 4; attempt++)
                {
                    try
                    {
                        return await claude.Messages.Create(request, ct); // expect AIL0001, AIL0003
                    }
                    catch (Anthropic.Exceptions.Anthropic5xxException) when (attempt < 4)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt * 2), ct);
                    }
                }

                throw new InvalidOperationException("unreachable");
            }

            public async Task<Message> SummarizeQuietlyAsync(MessageCreateParams request, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 4; attempt++)
                {
                    try
                    {
                        return await quiet.Messages.Create(request, ct); // expect AIL0001
                    }
                    catch (Anthropic.Exceptions.AnthropicApiException) when (attempt < 4)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt * 2), ct);
                    }
                }

                throw new InvalidOperationException("unreachable");
            }
        }
        """);

    // ---- Loops that are not retries ----------------------------------------------------------------------------------

    /// <summary>Re-asking after invalid JSON with the parse error appended: every pass sends a new conversation.</summary>
    [Fact]
    public Task Json_repair_reask_that_appends_the_error_is_not_a_retry() => AssertMarkedAsync(
        """
        public sealed record Plan(string Title, string[] Steps);

        public sealed class Planner(IChatClient client)
        {
            public async Task<Plan?> PlanAsync(string goal, CancellationToken ct)
            {
                var messages = new List<ChatMessage> { new(ChatRole.User, goal) };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await client.GetResponseAsync(messages, cancellationToken: ct);
                    try
                    {
                        return JsonSerializer.Deserialize<Plan>(response.Text);
                    }
                    catch (JsonException ex)
                    {
                        messages.AddMessages(response);
                        messages.Add(new ChatMessage(ChatRole.User, "That was not valid JSON: " + ex.Message));
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>
    /// Re-sampling after an unparseable answer with the same messages, with the call before the try: only a parse
    /// failure goes round, and it sends the same messages again (a result retry loop, docs/rules/AIL0001.md; the same
    /// loop with the call inside the try is reported too, see Parse_retry_with_the_call_inside_the_try).
    /// </summary>
    [Fact]
    public Task Resampling_with_the_call_before_the_try_is_reported() => AssertMarkedAsync(
        """
        public sealed record Verdict(bool Ok, string Reason);

        public sealed class Judge(IChatClient client)
        {
            public async Task<Verdict?> JudgeAsync(IList<ChatMessage> messages, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await client.GetResponseAsync(messages, cancellationToken: ct); // expect AIL0001
                    try
                    {
                        return JsonSerializer.Deserialize<Verdict>(response.Text);
                    }
                    catch (JsonException)
                    {
                        // the model sometimes wraps the JSON in prose; ask again
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>A catch that logs and rethrows inside a work-item loop: nothing is sent twice.</summary>
    [Fact]
    public Task Catch_that_logs_and_rethrows_in_a_loop_is_not_a_retry() => AssertMarkedAsync(
        """
        public sealed class Batch(IChatClient client)
        {
            public async Task<List<string>> SummarizeAllAsync(IEnumerable<string> documents, Action<Exception> log, CancellationToken ct)
            {
                var results = new List<string>();
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        var response = await client.GetResponseAsync("Summarize the release notes.", cancellationToken: ct);
                        results.Add(response.Text);
                        break;
                    }
                    catch (Exception ex)
                    {
                        log(ex);
                        throw;
                    }
                }

                return results;
            }
        }
        """);

    /// <summary>A cursor-paginated source, one model call per page.</summary>
    [Fact]
    public Task Pagination_loop_is_not_a_retry() => AssertMarkedAsync(
        """
        public sealed record Page(string Text, string? Next);

        public sealed class Digest(IChatClient client, Func<string?, CancellationToken, Task<Page>> fetch)
        {
            public async Task<List<string>> DigestAsync(CancellationToken ct)
            {
                var summaries = new List<string>();
                string? cursor = null;
                do
                {
                    var page = await fetch(cursor, ct);
                    try
                    {
                        var response = await client.GetResponseAsync(page.Text, cancellationToken: ct);
                        summaries.Add(response.Text);
                    }
                    catch (HttpRequestException)
                    {
                        summaries.Add("(skipped)");
                    }

                    cursor = page.Next;
                }
                while (cursor is not null);

                return summaries;
            }
        }
        """);

    /// <summary>A retry of the database write after the model answered: the model call is outside the retry.</summary>
    [Fact]
    public Task Retry_of_non_llm_work_after_the_call() => AssertMarkedAsync(
        """
        using Polly;
        using Polly.Retry;

        public sealed class Tagger(IChatClient client, Func<string, CancellationToken, Task> save)
        {
            private readonly ResiliencePipeline dbRetry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            public async Task TagAsync(string ticket, CancellationToken ct)
            {
                var response = await client.GetResponseAsync(ticket, cancellationToken: ct);
                var tags = response.Text;
                await dbRetry.ExecuteAsync(async token => await save(tags, token), ct);
            }
        }
        """);

    /// <summary>A console agent streaming each turn; the loop reads new input every pass.</summary>
    [Fact]
    public Task Streaming_agent_turn_loop_is_not_a_retry() => AssertMarkedAsync(
        """
        using Microsoft.Agents.AI;

        public sealed class AgentConsole(AIAgent agent)
        {
            public async Task RunAsync(Func<string?> read, Action<string> write, CancellationToken ct)
            {
                var session = await agent.CreateSessionAsync(ct);
                while (true)
                {
                    var input = read();
                    if (string.IsNullOrWhiteSpace(input)) break;
                    try
                    {
                        await foreach (var update in agent.RunStreamingAsync(input, session, cancellationToken: ct))
                        {
                            write(update.Text);
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        write("error: " + ex.Message);
                    }
                }
            }
        }
        """);

    /// <summary>A per-attempt timeout loop around a streaming agent run re-sends the same request: AIL0002.</summary>
    [Fact]
    public Task Agent_streaming_retried_on_timeout() => AssertMarkedAsync(
        """
        using Microsoft.Agents.AI;

        public sealed class Narrator(AIAgent agent)
        {
            public async Task<string> NarrateAsync(string scene, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    try
                    {
                        var text = "";
                        // Collected into a local and returned whole: nobody watched the stream, so a retry is AIL0001's.
                        await foreach (var update in agent.RunStreamingAsync(scene, cancellationToken: timeout.Token)) // expect AIL0001
                        {
                            text += update.Text;
                        }

                        return text;
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                    }
                }

                throw new TimeoutException();
            }
        }
        """);

    /// <summary>Semantic Kernel with automatic function calling in a chat loop, the way the SK samples write it.</summary>
    [Fact]
    public Task Semantic_kernel_auto_function_calling_chat_loop() => AssertMarkedAsync(
        """
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        public sealed class KernelAssistant(Kernel kernel)
        {
            public async Task ChatAsync(Func<string?> read, Action<string> write, CancellationToken ct)
            {
                var chat = kernel.GetRequiredService<IChatCompletionService>();
                var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                var history = new ChatHistory();
                string? input;
                while ((input = read()) is not null)
                {
                    history.AddUserMessage(input);
                    var reply = await chat.GetChatMessageContentAsync(history, settings, kernel, ct);
                    history.Add(reply);
                    write(reply.Content ?? "");
                }
            }
        }
        """);

    /// <summary>A function-invoking IChatClient built with ChatClientBuilder: its tool loop is not a retry.</summary>
    [Fact]
    public Task Function_invocation_builder_is_not_a_retry() => AssertMarkedAsync(
        """
        public static class ChatSetup
        {
            public static IChatClient Build(IChatClient inner) =>
                new ChatClientBuilder(inner).UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 5).Build();

            public static Task<ChatResponse> AskAsync(IChatClient client, string question) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = [AIFunctionFactory.Create(() => DateTime.UtcNow, "now")] });
        }
        """);

    // ---- HTTP resilience on the HttpClient an SDK uses ---------------------------------------------------------------

    /// <summary>
    /// The Aspire-style defaults handler on every factory client, and a named client from that factory given to the
    /// OpenAI SDK's transport: every chat POST is re-sent by the handler (and by the SDK's own retries on top).
    /// </summary>
    [Fact]
    public Task Default_resilience_handler_on_a_factory_client_given_to_the_OpenAI_transport() => AssertMarkedAsync(
        """
        using Microsoft.Extensions.Http.Resilience;
        using OpenAI;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddHttpClient("openai");
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(o => o.Retry.MaxRetryAttempts = 3)); // expect AIL0001
            }

            public static IChatClient CreateChat(IServiceProvider provider, string key, string model)
            {
                var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("openai");
                var openAi = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });
                return openAi.GetChatClient(model).AsIChatClient();
            }
        }
        """);

    /// <summary>The same defaults handler with unsafe-method retries turned off, next to the same OpenAI client.</summary>
    [Fact]
    public Task Default_resilience_handler_that_skips_posts() => AssertMarkedAsync(
        """
        using Microsoft.Extensions.Http.Resilience;
        using OpenAI;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods()));
            }

            public static IChatClient CreateChat(IHttpClientFactory factory, string key, string model)
            {
                var openAi = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(factory.CreateClient("openai")) });
                return openAi.GetChatClient(model).AsIChatClient();
            }
        }
        """);

    /// <summary>A named client with the standard handler, given to a Semantic Kernel OpenAI connector.</summary>
    [Fact]
    public Task Named_client_with_the_standard_handler_given_to_a_kernel_connector() => AssertMarkedAsync(
        """
        using Microsoft.Extensions.Http.Resilience;
        using Microsoft.SemanticKernel;

        public static class KernelSetup
        {
            public static Kernel Build(IServiceCollection services, IServiceProvider provider, string key)
            {
                services.AddHttpClient("llm").AddStandardResilienceHandler(); // expect AIL0001
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("gpt-4o", key, httpClient: provider.GetRequiredService<IHttpClientFactory>().CreateClient("llm")); // expect AIL0501
                return builder.Build();
            }
        }
        """);

    /// <summary>
    /// The documented Microsoft.Extensions.Http.Polly setup (a GetRetryPolicy() helper over HandleTransientHttpError,
    /// then a circuit breaker) on a typed client that gives its HttpClient to the OpenAI SDK: chat POSTs are re-sent.
    /// </summary>
    [Fact]
    public Task Polly_retry_policy_handler_on_a_typed_client_given_to_the_OpenAI_transport() => AssertMarkedAsync(
        """
        using System.Net;
        using OpenAI;
        using Polly;
        using Polly.Extensions.Http;

        public sealed class ChatGateway(HttpClient http)
        {
            private readonly OpenAIClient client = new(new ApiKeyCredential("key"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });

            public IChatClient Chat(string model) => client.GetChatClient(model).AsIChatClient();
        }

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddHttpClient<ChatGateway>()
                    .AddPolicyHandler(GetRetryPolicy()) // expect AIL0001
                    .AddPolicyHandler(GetCircuitBreakerPolicy());
            }

            private static IAsyncPolicy<HttpResponseMessage> GetRetryPolicy() =>
                HttpPolicyExtensions.HandleTransientHttpError()
                    .OrResult(msg => msg.StatusCode == HttpStatusCode.NotFound)
                    .WaitAndRetryAsync(6, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)));

            private static IAsyncPolicy<HttpResponseMessage> GetCircuitBreakerPolicy() =>
                HttpPolicyExtensions.HandleTransientHttpError().CircuitBreakerAsync(5, TimeSpan.FromSeconds(30));
        }
        """);

    /// <summary>The same client with a Polly policy that waits out 429s only: the refused request produced nothing.</summary>
    [Fact]
    public Task Polly_rate_limit_only_policy_handler_next_to_the_same_client() => AssertMarkedAsync(
        """
        using System.Net;
        using OpenAI;
        using Polly;

        public sealed class ChatGateway(HttpClient http)
        {
            private readonly OpenAIClient client = new(new ApiKeyCredential("key"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });

            public IChatClient Chat(string model) => client.GetChatClient(model).AsIChatClient();
        }

        public static class Startup
        {
            public static void Configure(IServiceCollection services) =>
                services.AddHttpClient<ChatGateway>().AddPolicyHandler(
                    Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                        .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt * 2)));
        }
        """);

    // ---- Tool catalogs -------------------------------------------------------------------------------------------

    /// <summary>An MCP service converts the server's whole list to OpenAI tools; the agent loop adds them all.</summary>
    [Fact]
    public Task Mcp_tools_converted_in_a_service_and_added_in_the_agent_loop() => AssertMarkedAsync(
        """
        using ModelContextProtocol.Client;
        using OpenAI.Chat;

        public interface IToolSource
        {
            Task<IList<ChatTool>> GetChatToolsAsync();
        }

        public sealed class McpToolSource(McpClient mcp) : IToolSource
        {
            public async Task<IList<ChatTool>> GetChatToolsAsync()
            {
                var result = new List<ChatTool>();
                foreach (var tool in await mcp.ListToolsAsync())
                {
                    result.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
                }

                return result;
            }
        }

        public sealed class VoiceAgent(IToolSource tools, ChatClient chat)
        {
            public async Task<string> AnswerAsync(List<OpenAI.Chat.ChatMessage> messages)
            {
                var available = await tools.GetChatToolsAsync();
                var options = new ChatCompletionOptions();
                foreach (var tool in available) // expect AIL0202
                {
                    options.Tools.Add(tool);
                }

                var completion = await chat.CompleteChatAsync(messages, options);
                return completion.Value.Content[0].Text;
            }
        }
        """);

    /// <summary>The MCP list filtered by a configured allow-list before it reaches the agent.</summary>
    [Fact]
    public Task Mcp_tools_filtered_by_configured_names() => AssertMarkedAsync(
        """
        using ModelContextProtocol.Client;
        using Microsoft.Agents.AI;

        public sealed class McpSettings
        {
            public List<string> AllowedTools { get; set; } = [];
        }

        public sealed class AgentFactory(IOptions<McpSettings> settings)
        {
            public async Task<AIAgent> CreateAsync(IChatClient chat, McpClient mcp, CancellationToken ct)
            {
                var all = await mcp.ListToolsAsync(cancellationToken: ct);
                var allowed = settings.Value.AllowedTools;
                var tools = all.Where(t => allowed.Contains(t.Name)).Cast<AITool>().ToList();
                return chat.AsAIAgent(instructions: null, tools: tools);
            }
        }
        """);

    /// <summary>A static tool registry built in one method and handed to a ChatOptions in another type.</summary>
    [Fact]
    public Task Tool_registry_built_in_one_method_used_in_another() => AssertMarkedAsync(
        """
        public static class ToolRegistry
        {
            public static IList<AITool> BuildTools()
            {
                var tools = new List<AITool>();
                for (var i = 0; i < 1; i++) { }
                tools.Add(AIFunctionFactory.Create(() => "a", "t01"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t02"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t03"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t04"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t05"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t06"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t07"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t08"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t09"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t10"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t11"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t12"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t13"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t14"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t15"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t16"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t17"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t18"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t19"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t20"));
                tools.Add(AIFunctionFactory.Create(() => "a", "t21"));
                return tools;
            }
        }

        public sealed class Assistant(IChatClient client)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = ToolRegistry.BuildTools() }); // expect AIL0201
        }
        """);

    // ---- Prompts ---------------------------------------------------------------------------------------------------

    /// <summary>A system prompt default on an options class bound with IOptions, read at the system slot.</summary>
    [Fact]
    public Task System_prompt_default_in_an_options_class() => AssertMarkedAsync(
        """
        public sealed class AssistantOptions
        {
            public string Model { get; set; } = "";
            public string SystemPrompt { get; set; } = "You are a support assistant for Contoso. Never promise refunds."; // expect AIL0301
        }

        public sealed class SupportChat(IChatClient client, IOptions<AssistantOptions> options)
        {
            public Task<ChatResponse> AnswerAsync(string question, CancellationToken ct) =>
                client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, options.Value.SystemPrompt), new ChatMessage(ChatRole.User, question)],
                    cancellationToken: ct);
        }
        """);

    /// <summary>The same prompt with an eval case: nothing is reported.</summary>
    [Fact]
    public Task System_prompt_default_in_an_options_class_with_evals() => AssertMarkedAsync(
        """
        namespace Support;

        public sealed class AssistantOptions
        {
            public string SystemPrompt { get; set; } = "You are a support assistant for Contoso. Never promise refunds.";
        }

        public sealed class SupportChat(IChatClient client, IOptionsMonitor<AssistantOptions> options)
        {
            public Task<ChatResponse> AnswerAsync(string question, CancellationToken ct)
            {
                var current = options.CurrentValue;
                return client.GetResponseAsync([new ChatMessage(ChatRole.System, current.SystemPrompt), new ChatMessage(ChatRole.User, question)], cancellationToken: ct);
            }
        }
        """,
        evals: """{"prompt":"Support.AssistantOptions.SystemPrompt","id":"no-refunds","input":"Refund me.","expect":{"promisesRefund":false}}""");

    /// <summary>
    /// A unit-test project (it references xUnit) feeding a fake client system messages: the texts are fixtures, not
    /// prompts the app sends, even in a helper class of the test project. The app's prompts are reported in the project
    /// that ships them.
    /// </summary>
    [Fact]
    public Task System_messages_in_a_unit_test_project_are_fixtures() => AssertMarkedAsync(
        """
        using Xunit;

        public sealed class Triage(IChatClient client)
        {
            private const string Instructions = "You triage support tickets. Always answer with one label.";

            public Task<ChatResponse> LabelAsync(string ticket) =>
                client.GetResponseAsync([new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, ticket)]);
        }

        public class TriageTests
        {
            private const string FakePrompt = "You are a helpful assistant. Always reply with OK.";

            [Fact]
            public async Task Sends_the_system_message_first()
            {
                IChatClient client = null!;
                await client.GetResponseAsync([new ChatMessage(ChatRole.System, "You are a test double. Never answer."), new ChatMessage(ChatRole.User, "hi")]);
                await client.GetResponseAsync([new ChatMessage(ChatRole.System, FakePrompt)]);
            }

            private static ChatMessage System() => new(ChatRole.System, "You are a fixture. Only say yes.");
        }
        """,
        evals: null,
        Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));

    // ---- Span timestamps -------------------------------------------------------------------------------------------

    /// <summary>An LLM telemetry helper stamping spans with local time and with a time the client posted.</summary>
    [Fact]
    public Task Llm_span_helper_with_local_and_client_times() => AssertMarkedAsync(
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public sealed record ChatRequest(string Message, DateTimeOffset SentAt);

        public static class LlmTelemetry
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Record(string model, DateTime started, TimeSpan took)
            {
                using var activity = Source.StartActivity("chat " + model);
                activity?.SetStartTime(started);
                activity?.SetEndTime(started + took);
            }

            public static void MapChat(WebApplication app) =>
                app.MapPost("/chat", async ([FromBody] ChatRequest request, IChatClient client) =>
                {
                    var started = DateTime.Now;
                    var response = await client.GetResponseAsync(request.Message);
                    Record("gpt", started, TimeSpan.FromSeconds(1)); // expect AIL0102
                    using var span = Source.StartActivity("client-view");
                    span?.SetStartTime(request.SentAt.UtcDateTime); // expect AIL0101
                    span?.SetEndTime(DateTime.UtcNow);
                    return response.Text;
                });
        }
        """);

    // ---- More loops --------------------------------------------------------------------------------------------------

    /// <summary>On a context-length error the loop drops the oldest turns and sends the shorter history: not a retry.</summary>
    [Fact]
    public Task Trimming_history_after_a_context_length_error_is_not_a_retry() => AssertMarkedAsync(
        """
        public sealed class LongChat(OpenAI.Chat.ChatClient chat)
        {
            public async Task<string> AskAsync(List<OpenAI.Chat.ChatMessage> history, CancellationToken ct)
            {
                while (history.Count > 1)
                {
                    try
                    {
                        var completion = await chat.CompleteChatAsync(history, cancellationToken: ct);
                        return completion.Value.Content[0].Text;
                    }
                    catch (ClientResultException e) when (e.Status == 400)
                    {
                        history.RemoveAt(1);
                    }
                }

                return "";
            }
        }
        """);

    /// <summary>A retry that raises the temperature on each attempt sends a different request each time.</summary>
    [Fact]
    public Task Retry_that_changes_the_options_each_attempt_is_not_a_retry() => AssertMarkedAsync(
        """
        public sealed class Creative(IChatClient client)
        {
            public async Task<string> TitleAsync(string text, CancellationToken ct)
            {
                var options = new ChatOptions { Temperature = 0.2f };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(text, options, ct);
                        return response.Text;
                    }
                    catch (InvalidOperationException)
                    {
                        options.Temperature += 0.3f;
                    }
                }

                return text;
            }
        }
        """);

    /// <summary>A stream retried only until its first update arrives: the request is still sent again on failure.</summary>
    [Fact]
    public Task Stream_retried_before_the_first_update() => AssertMarkedAsync(
        """
        public sealed class FirstTokenRetry(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
                IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                for (var attempt = 1; ; attempt++)
                {
                    // Only the wait for the first update is retried: no partial answer is shown twice, so no AIL0002.
                    var enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    ChatResponseUpdate? first = null;
                    try
                    {
                        if (await enumerator.MoveNextAsync())
                        {
                            first = enumerator.Current;
                        }
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await enumerator.DisposeAsync();
                        continue;
                    }

                    try
                    {
                        if (first is not null)
                        {
                            yield return first;
                            while (await enumerator.MoveNextAsync())
                            {
                                yield return enumerator.Current;
                            }
                        }
                    }
                    finally
                    {
                        await enumerator.DisposeAsync();
                    }

                    yield break;
                }
            }
        }
        """);

    /// <summary>A Semantic Kernel prompt invoked through a pipeline from DI, and an OpenAI client with retries off.</summary>
    [Fact]
    public Task Kernel_prompt_and_quiet_OpenAI_client_in_pipelines() => AssertMarkedAsync(
        """
        using Microsoft.SemanticKernel;
        using OpenAI;
        using Polly;

        public sealed class Drafts(Kernel kernel, ResiliencePipeline pipeline)
        {
            private readonly OpenAI.Chat.ChatClient quiet = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }).GetChatClient("gpt-5.4-mini-2026-03-17");
            private readonly OpenAI.Chat.ChatClient loud = new("gpt-5.4-mini-2026-03-17", "k");

            public async Task<string> DraftAsync(string topic, CancellationToken ct)
            {
                var result = await pipeline.ExecuteAsync(async token => await kernel.InvokePromptAsync("Write a haiku about " + topic, cancellationToken: token), ct); // expect AIL0001, AIL0301
                var a = await pipeline.ExecuteAsync(async token => await quiet.CompleteChatAsync([topic], cancellationToken: token), ct); // expect AIL0001
                var b = await pipeline.ExecuteAsync(async token => await loud.CompleteChatAsync([topic], cancellationToken: token), ct); // expect AIL0001, AIL0003
                return result.ToString() + a.Value.Content[0].Text + b.Value.Content[0].Text;
            }
        }
        """);

    /// <summary>OllamaSharp's streaming generate in a hand-written retry loop, and collected to the end in another.</summary>
    [Fact]
    public Task Ollama_generate_in_retry_loops() => AssertMarkedAsync(
        """
        using OllamaSharp;
        using OllamaSharp.Models;

        public sealed class LocalWriter(OllamaApiClient ollama)
        {
            public async Task<string> WriteAsync(string prompt, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var text = "";
                        // Collected into a local and returned whole: nobody watched the stream, so a retry is AIL0001's.
                        await foreach (var chunk in ollama.GenerateAsync(new GenerateRequest { Model = "llama3.1:8b", Prompt = prompt }, ct)) // expect AIL0001
                        {
                            text += chunk?.Response;
                        }

                        return text;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(500, ct);
                    }
                }

                return "";
            }
        }
        """);

    /// <summary>An injected Polly v7 policy wrap (from DI) around the call, the way older apps register them.</summary>
    [Fact]
    public Task Injected_polly_v7_policy_around_an_agent_run() => AssertMarkedAsync(
        """
        using Microsoft.Agents.AI;
        using Polly;

        public sealed class Concierge(AIAgent agent, IAsyncPolicy policy)
        {
            public async Task<string> AskAsync(string question) =>
                (await policy.ExecuteAsync(() => agent.RunAsync(question))).Text; // expect AIL0001
        }
        """);

    /// <summary>A tool provider interface whose only implementation in the project returns two fixed tools.</summary>
    [Fact]
    public Task Injected_tool_provider_with_a_fixed_implementation() => AssertMarkedAsync(
        """
        public interface IToolProvider
        {
            IReadOnlyList<AITool> GetTools();
        }

        public sealed class ClockTools : IToolProvider
        {
            public IReadOnlyList<AITool> GetTools() =>
                [AIFunctionFactory.Create(() => DateTime.UtcNow, "now"), AIFunctionFactory.Create(() => TimeZoneInfo.Local.Id, "zone")];
        }

        public sealed class ClockChat(IChatClient client, IToolProvider provider)
        {
            public Task<ChatResponse> AskAsync(string question, CancellationToken ct) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = [.. provider.GetTools()] }, ct);
        }
        """);

    /// <summary>The same interface implemented by an MCP-backed provider that returns the server's whole list.</summary>
    [Fact]
    public Task Injected_tool_provider_backed_by_an_mcp_server() => AssertMarkedAsync(
        """
        using ModelContextProtocol.Client;

        public interface IToolProvider
        {
            Task<IList<McpClientTool>> GetToolsAsync(CancellationToken ct);
        }

        public sealed class McpTools(McpClient mcp) : IToolProvider
        {
            public Task<IList<McpClientTool>> GetToolsAsync(CancellationToken ct) => mcp.ListToolsAsync(cancellationToken: ct).AsTask();
        }

        public sealed class McpChat(IChatClient client, IToolProvider provider)
        {
            public async Task<ChatResponse> AskAsync(string question, CancellationToken ct) =>
                await client.GetResponseAsync(question, new ChatOptions { Tools = [.. await provider.GetToolsAsync(ct)] }, ct); // expect AIL0202
        }
        """);

    // ---- Agent framework -------------------------------------------------------------------------------------------

    /// <summary>An agent built with options (instructions and tools in ChatOptions) and run through a retry helper.</summary>
    [Fact]
    public Task Agent_built_with_options_and_run_through_a_retry_helper() => AssertMarkedAsync(
        """
        using Microsoft.Agents.AI;

        public static class Retry
        {
            public static async Task<T> WithBackoffAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct, int attempts = 3)
            {
                for (var i = 1; ; i++)
                {
                    try
                    {
                        return await work(ct);
                    }
                    catch (Exception) when (i < attempts && !ct.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(i), ct);
                    }
                }
            }
        }

        public sealed class TravelAgent
        {
            private const string Instructions = "You plan trips. Never book anything without asking."; // expect AIL0301
            private readonly AIAgent agent;

            public TravelAgent(IChatClient chat) =>
                agent = new ChatClientAgent(chat, new ChatClientAgentOptions
                {
                    Name = "travel",
                    ChatOptions = new ChatOptions
                    {
                        Instructions = Instructions,
                        Tools = [AIFunctionFactory.Create((string city) => $"Sunny in {city}", "weather")],
                    },
                });

            public Task<AgentResponse> PlanAsync(string request, AgentSession session, CancellationToken ct) =>
                Retry.WithBackoffAsync(token => agent.RunAsync(request, session, cancellationToken: token), ct); // expect AIL0001

            public async Task<string> StreamAsync(string request, CancellationToken ct)
            {
                var text = "";
                await foreach (var update in agent.RunStreamingAsync(request, cancellationToken: ct))
                {
                    text += update.Text;
                }

                return text;
            }
        }
        """);

    /// <summary>MCP tools capped with Take, and reflection over a plugin type with an allow-list.</summary>
    [Fact]
    public Task Mcp_tools_capped_and_reflection_filtered() => AssertMarkedAsync(
        """
        using System.Reflection;
        using ModelContextProtocol.Client;
        using Microsoft.Agents.AI;

        public sealed class Ops
        {
            public string Restart(string service) => "ok";
            public string Status(string service) => "up";
        }

        public sealed class OpsAgent
        {
            private static readonly string[] Allowed = ["Restart", "Status"];

            public async Task<AIAgent> CreateAsync(IChatClient chat, McpClient mcp, CancellationToken ct)
            {
                var fromServer = (await mcp.ListToolsAsync(cancellationToken: ct)).Take(10);
                var local = typeof(Ops).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .Where(m => Allowed.Contains(m.Name))
                    .Select(m => AIFunctionFactory.Create(m, new Ops()));
                var everything = typeof(Ops).GetMethods().Select(m => AIFunctionFactory.Create(m, new Ops()));
                var unsafeAgent = chat.AsAIAgent(tools: [.. everything]); // expect AIL0202
                return chat.AsAIAgent(tools: [.. fromServer, .. local]);
            }
        }
        """);

    /// <summary>Semantic Kernel prompt with automatic tool calls, retried by a pipeline from DI, next to a kernel built with a named HttpClient.</summary>
    [Fact]
    public Task Kernel_invoke_prompt_with_auto_function_calling_in_a_keyed_pipeline() => AssertMarkedAsync(
        """
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;
        using Polly;
        using Polly.Registry;

        public static class Setup
        {
            public static void Add(IServiceCollection services) =>
                services.AddResiliencePipeline("llm", b => b.AddTimeout(TimeSpan.FromSeconds(60)));
        }

        public sealed class Summaries(Kernel kernel, ResiliencePipelineProvider<string> pipelines)
        {
            public async Task<string> SummarizeAsync(string text, CancellationToken ct)
            {
                var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                var pipeline = pipelines.GetPipeline("llm");
                var result = await pipeline.ExecuteAsync(async token => await kernel.InvokePromptAsync(text, new KernelArguments(settings), cancellationToken: token), ct);
                return result.ToString();
            }
        }
        """);

    /// <summary>
    /// Test-run results replayed as spans from DateTimeOffset values, and an activity wrapper whose SetStartTime
    /// forwards to the Activity (the shapes of tracing helpers in real code).
    /// </summary>
    [Fact]
    public Task Spans_replayed_from_offsets_and_through_a_wrapper() => AssertMarkedAsync(
        """
        public sealed record RunResult(string Name, DateTimeOffset? Start, DateTimeOffset? End);

        public sealed class ScopedActivity(Activity? activity) : IDisposable
        {
            public void SetStartTime(DateTime startTime) => activity?.SetStartTime(startTime);

            public void Dispose() => activity?.Dispose();
        }

        public static class Replay
        {
            private static readonly ActivitySource Source = new("Evals");

            public static void Record(RunResult result)
            {
                using var activity = Source.StartActivity(result.Name);
                if (result.Start != null)
                {
                    activity?.SetStartTime(result.Start.Value.DateTime); // expect AIL0102
                }

                if (result.End != null)
                {
                    activity?.SetEndTime(result.End.Value.UtcDateTime);
                }
            }

            public static void Wrapped()
            {
                using var scope = new ScopedActivity(Source.StartActivity("llm"));
                scope.SetStartTime(DateTime.Now); // expect AIL0102
                scope.SetStartTime(DateTime.UtcNow);
            }
        }
        """);

    /// <summary>
    /// A parse retry with the call inside the try. Sending the same messages again after a JsonException is a retry
    /// by AiLint's rules (docs/rules/AIL0001.md: only a re-ask that changes the prompt is a self-correction), and so is
    /// the variant that catches everything.
    /// </summary>
    [Fact]
    public Task Parse_retry_with_the_call_inside_the_try() => AssertMarkedAsync(
        """
        public sealed record Invoice(string Number, decimal Total);

        public sealed class Extractor(IChatClient client)
        {
            public async Task<Invoice?> ExtractAsync(IList<ChatMessage> messages, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: ct); // expect AIL0001
                        return JsonSerializer.Deserialize<Invoice>(response.Text);
                    }
                    catch (JsonException)
                    {
                    }
                }

                return null;
            }

            public async Task<Invoice?> ExtractAnywayAsync(IList<ChatMessage> messages, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: ct); // expect AIL0001
                        return JsonSerializer.Deserialize<Invoice>(response.Text);
                    }
                    catch (Exception)
                    {
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>
    /// The AI chat web template's shape: a DI-registered function-invoking client streamed to the browser from a
    /// minimal-API endpoint, and a Blazor-style component that retries the stream on a dropped connection.
    /// </summary>
    [Fact]
    public Task Chat_endpoint_streaming_and_a_component_retrying_the_stream() => AssertMarkedAsync(
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public static class ChatEndpoint
        {
            public static void Register(IServiceCollection services, IChatClient inner) =>
                services.AddChatClient(inner).UseFunctionInvocation();

            public static void Map(WebApplication app) =>
                app.MapPost("/api/chat", async ([FromServices] IChatClient chat, [FromBody] List<ChatMessage> history, HttpResponse response, CancellationToken ct) =>
                {
                    await foreach (var update in chat.GetStreamingResponseAsync(history, cancellationToken: ct))
                    {
                        await response.WriteAsync(update.Text, ct);
                    }
                });
        }

        public sealed class ChatPanel(OpenAI.Chat.ChatClient chat)
        {
            public string Answer { get; private set; } = "";

            public async Task SendAsync(string question, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    try
                    {
                        Answer = "";
                        await foreach (var update in chat.CompleteChatStreamingAsync([new OpenAI.Chat.UserChatMessage(question)], cancellationToken: ct)) // expect AIL0002
                        {
                            foreach (var part in update.ContentUpdate)
                            {
                                Answer += part.Text;
                            }
                        }

                        return;
                    }
                    catch (System.IO.IOException)
                    {
                    }
                }
            }
        }
        """);

    // ---- Half-typed code through the new paths ---------------------------------------------------------------------

    [Theory]
    [InlineData("for (;;) { try { return await client.GetResponseAsync(\"x\"); } catch (ClientResultException e) when (e.Status == ) { } }")]
    [InlineData("for (;;) { try { return await client.GetResponseAsync(\"x\"); } catch (ClientResultException e) { if (e.Status != 429) } }")]
    [InlineData("var p = Polly.Policy.Handle<ClientResultException>(e => e.Status == ).WaitAndRetryAsync(")]
    [InlineData("var p = new Polly.ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions { ShouldHandle = new Polly.PredicateBuilder().Handle<ClientResultException>(e => ) }).Build(); return await p.ExecuteAsync(async t => await client.GetResponseAsync(\"x\"));")]
    [InlineData("services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(); var h = factory.CreateClient(")]
    [InlineData("services.ConfigureHttpClientDefaults(http => http.); new OpenAI.OpenAIClientOptions { Transport = new HttpClientPipelineTransport(factory.CreateClient()) };")]
    [InlineData("return await client.GetResponseAsync(\"x\", new ChatOptions { Tools = [.. provider.GetTools(] });")]
    [InlineData("new Scope(null).SetStartTime(DateTime.Now")]
    public Task Half_typed_code_in_the_new_paths_does_not_crash(string statement) => AssertNoCrashAsync(
        $$"""
        using Microsoft.Extensions.Http.Resilience;
        using Xunit;

        public interface IProvider { IReadOnlyList<AITool> GetTools(); }
        public sealed class Fixed : IProvider { public IReadOnlyList<AITool> GetTools() => [AIFunctionFactory.Create(() => 1, ]; }
        public sealed class Scope(Activity? a) { public void SetStartTime(DateTime t) => a?.SetStartTime(t }

        public class Tests
        {
            [Fact]
            public async Task<ChatResponse> Run(IChatClient client, IProvider provider, IServiceCollection services, IHttpClientFactory factory)
            {
                await client.GetResponseAsync([new ChatMessage(ChatRole.System, "You are a fixture.")]);
                {{statement}}
            }
        }
        """,
        Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));
}
