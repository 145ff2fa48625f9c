using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// The other forms of review 78 FP-2 (see <see cref="SdkWrappedHttpFailureTests"/>): a Polly v8 pipeline whose
/// <c>ShouldHandle</c> admits only <c>HttpRequestException</c>, a hand-written <c>catch (HttpRequestException)</c> retry
/// loop, and Azure.AI.OpenAI's chat client (which wraps transport failures like OpenAI's). Twins that keep reporting: a pipeline that also handles a timeout or uses Polly's default
/// <c>ShouldHandle</c>, a loop that also goes round on <c>ClientResultException</c> or turns it into an
/// <c>HttpRequestException</c>, a policy that handles Anthropic's own 5xx exception; and half-typed code.
/// </summary>
public class SdkWrappedHttpFailureShapeTests
{
    private const string LocalUsings = SdkWrappedHttpFailureTests.LocalUsings;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", LocalUsings + source, expected);

    private static string PipelineService(string shouldHandle) => $$"""
        public class SummaryService
        {
            private readonly ChatClient _chat = new ChatClient("gpt-4o-2024-08-06", "key");
            private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { {{shouldHandle}}MaxRetryAttempts = 3, Delay = TimeSpan.FromSeconds(1) })
                .AddTimeout(TimeSpan.FromSeconds(60))
                .Build();

            public async Task<string> SummarizeAsync(string text, CancellationToken cancellationToken)
            {
                var messages = new List<ChatMessage> { new UserChatMessage("Summarize: " + text) };
                var completion = await _pipeline.ExecuteAsync(async ct => await _chat.{|#0:CompleteChatAsync|}(messages, cancellationToken: ct), cancellationToken);
                return completion.Value.Content[0].Text;
            }
        }
        """;

    private static DiagnosticResult[] PipelineReports() => new[]
    {
        Diagnostic("AIL0001").WithLocation(0).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic("AIL0003").WithLocation(0).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync", "OpenAI", "3 retries by default", "4 × 4 = 16 requests"),
    };

    [Fact]
    public Task V8_pipeline_handling_only_HttpRequestException_is_quiet() => VerifyAsync(
        PipelineService("ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(), "));

    [Fact]
    public Task V8_pipeline_that_also_handles_a_timeout_keeps_both_reports() => VerifyAsync(
        PipelineService("ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<Polly.Timeout.TimeoutRejectedException>(), "),
        PipelineReports());

    [Fact]
    public Task V8_pipeline_with_the_default_ShouldHandle_keeps_both_reports() => VerifyAsync(
        PipelineService(""),
        PipelineReports());

    private static string LoopService(string catches) => $$"""
        public class TicketClassifier
        {
            private readonly ChatClient _chat = new ChatClient("gpt-4o-2024-08-06", "key");

            public async Task<ChatCompletion> ClassifyAsync(string ticket)
            {
                var messages = new List<ChatMessage> { new UserChatMessage(ticket) };
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await _chat.{|#0:CompleteChatAsync|}(messages);
                    }
                    {{catches}}
                }
            }
        }
        """;

    [Fact]
    public Task Catch_HttpRequestException_retry_loop_around_OpenAI_is_quiet() => VerifyAsync(
        LoopService("""
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000 * attempt);
                    }
        """));

    [Fact]
    public Task Loop_that_rethrows_the_SDK_exception_after_logging_stays_quiet() => VerifyAsync(
        // The catch of the SDK's own exception leaves the loop: only the HttpRequestException catch goes round.
        LoopService("""
                    catch (ClientResultException ex)
                    {
                        Console.Error.WriteLine($"OpenAI failed: {ex.Status}");
                        throw;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000 * attempt);
                    }
        """));

    [Fact]
    public Task Loop_that_also_goes_round_on_ClientResultException_is_reported() => VerifyAsync(
        LoopService("""
                    catch (ClientResultException ex) when (attempt < 3 && ex.Status >= 500)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000 * attempt);
                    }
        """),
        Diagnostic("AIL0001").WithLocation(0).WithArguments("CompleteChatAsync", "for loop"),
        Diagnostic("AIL0003").WithLocation(0).WithArguments("CompleteChatAsync", "for loop", "OpenAI", "3 retries by default", "3 × 4 = 12 requests"));

    [Fact]
    public Task Loop_that_turns_the_SDK_exception_into_HttpRequestException_is_reported() => VerifyAsync(
        LoopService("""
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000 * attempt);
                    }
        """).Replace("return await _chat.{|#0:CompleteChatAsync|}(messages);", """
                        try
                        {
                            return await _chat.{|#0:CompleteChatAsync|}(messages);
                        }
                        catch (ClientResultException ex)
                        {
                            throw new HttpRequestException(ex.Message, ex);
                        }
        """),
        Diagnostic("AIL0001").WithLocation(0).WithArguments("CompleteChatAsync", "for loop"),
        Diagnostic("AIL0003").WithLocation(0).WithArguments("CompleteChatAsync", "for loop", "OpenAI", "3 retries by default", "3 × 4 = 12 requests"));

    [Fact]
    public Task HttpRequestException_only_policy_around_Azure_OpenAI_chat_client_is_quiet() => VerifyAsync(
        """
        public class AzureAssistant
        {
            private readonly ChatClient _chat = new Azure.AI.OpenAI.AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential("key"))
                .GetChatClient("gpt-4o-prod");
            private readonly AsyncRetryPolicy _retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));

            public async Task<string> AskAsync(string question)
            {
                var completion = await _retry.ExecuteAsync(() => _chat.{|#0:CompleteChatAsync|}(new UserChatMessage(question)));
                return completion.Value.Content[0].Text;
            }
        }
        """);

    private static string AnthropicService(string handled) => $$"""
        public class ClaudeClassifier
        {
            private readonly Anthropic.AnthropicClient _client = new Anthropic.AnthropicClient();
            private readonly AsyncRetryPolicy _retry = Policy{{handled}}.WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));

            public Task<Anthropic.Models.Messages.Message> ClassifyAsync(string ticket) =>
                _retry.ExecuteAsync(() => _client.Messages.{|#0:Create|}(new Anthropic.Models.Messages.MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = "claude-haiku-4-5",
                    Messages = new Anthropic.Models.Messages.MessageParam[] { new Anthropic.Models.Messages.UserMessageParam { Content = ticket } },
                }));
        }
        """;

    // Anthropic 13.15 surfaces a 5xx answer as Anthropic5xxException and a transport failure as AnthropicIOException
    // (measured, docs/design/sdk-surfaced-exceptions.md): a policy on HttpRequestException alone never goes round.
    [Fact]
    public Task Policy_that_handles_only_HttpRequestException_around_Anthropic_is_quiet() => VerifyAsync(
        AnthropicService(".Handle<HttpRequestException>()"));

    [Fact]
    public Task Policy_that_also_handles_Anthropic_5xx_is_reported() => VerifyAsync(
        AnthropicService(".Handle<HttpRequestException>().Or<Anthropic.Exceptions.Anthropic5xxException>()"),
        Diagnostic("AIL0001").WithLocation(0).WithArguments("Create", "AsyncRetryPolicy.ExecuteAsync"),
        Diagnostic("AIL0003").WithLocation(0).WithArguments("Create", "AsyncRetryPolicy.ExecuteAsync", "Anthropic", "2 retries by default", "4 × 3 = 12 requests"));

    [Fact]
    public async Task Half_typed_policies_and_calls_do_not_crash_and_an_unresolved_handled_type_is_not_taken_for_narrow()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = LocalUsings + """
                public class Probe
                {
                    private readonly ChatClient _chat = new ChatClient("gpt-4o-2024-08-06", "key");
                    private readonly AsyncRetryPolicy _misspelled = Policy.Handle<HttpRequestExceptoin>().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));
                    private readonly AsyncRetryPolicy _narrow = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));

                    // The handled type does not resolve: nothing says the SDK cannot surface it.
                    public Task<ClientResult<ChatCompletion>> Misspelled(string q) => _misspelled.ExecuteAsync(() => _chat.{|#0:CompleteChatAsync|}(new UserChatMessage(q)));

                    // A receiver that does not resolve is no SDK call.
                    public Task<string> Unresolved(string q) => _narrow.ExecuteAsync(async () => (await missing.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text);

                    // Typed half-way: still the narrow policy around the OpenAI call, so it stays quiet (and does not crash).
                    public Task<ClientResult<ChatCompletion>> Unfinished(string q) => _narrow.ExecuteAsync(() => _chat.CompleteChatAsync(
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0001").WithLocation(0).WithArguments("CompleteChatAsync", "AsyncRetryPolicy.ExecuteAsync"));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0003").WithLocation(0).WithArguments("CompleteChatAsync", "AsyncRetryPolicy.ExecuteAsync", "OpenAI", "3 retries by default", "4 × 4 = 16 requests"));
        await test.RunAsync();
    }
}
