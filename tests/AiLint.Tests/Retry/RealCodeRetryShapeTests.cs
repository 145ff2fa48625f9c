using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Retry shapes found in public .NET LLM apps through the code search, paraphrased (names, types and bodies are ours;
/// only the control flow is kept). Each test names the repository the shape comes from. Positives are real misses
/// closed here; negatives are the correct code real apps write next to them.
/// </summary>
public class RealCodeRetryShapeTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.Net;
        using System.Net.Http;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source, expected);

    // ---- Rate-limit waits written the way apps write them ------------------------------------------------------------

    /// <summary>
    /// An evaluation sample's <c>RetryOnRateLimitChatClient</c> (a DelegatingChatClient, namespace Evaluation) waits and
    /// goes round when the exception's message contains "HTTP 429": a rate-limit wait, not a retry. The same client
    /// filtering on a timeout message re-sends a request the provider may have processed.
    /// </summary>
    [Fact]
    public Task A_delegating_client_that_waits_on_a_429_message_is_not_a_retry_but_one_on_a_timeout_message_is() => VerifyAsync(
        """
        sealed class WaitOnRateLimit(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                while (true)
                {
                    try
                    {
                        return await base.GetResponseAsync(messages, options, cancellationToken);
                    }
                    catch (ClientResultException ex) when (ex.Message.Contains("HTTP 429"))
                    {
                        Console.WriteLine("rate limited, waiting");
                        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                    }
                }
            }
        }

        sealed class WaitOnTimeout(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                while (true)
                {
                    try
                    {
                        return await base.[|GetResponseAsync|](messages, options, cancellationToken);
                    }
                    catch (ClientResultException ex) when (ex.Message.ToLowerInvariant().Contains("timed out"))
                    {
                        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                    }
                }
            }
        }
        """);

    /// <summary>
    /// LittleLittleCloud/AgentChat (GroupChatExample helper): a recursive retry whose catch recurses only under
    /// <c>if (ex.Status == 429 &amp;&amp; maxRetry &gt; 0)</c> and throws otherwise; the loop form with <c>continue</c> under the
    /// 429 test and a <c>throw</c> after it. Both only wait out rate limits.
    /// </summary>
    [Fact]
    public Task Catches_that_go_round_only_under_a_429_test_and_throw_otherwise_are_not_retries() => VerifyAsync(
        """
        static class ChatRetries
        {
            public static async Task<ClientResult<ChatCompletion>> CompleteWithRetryAsync(this ChatClient chat, IList<OpenAI.Chat.ChatMessage> messages, CancellationToken ct = default, int maxRetry = 5)
            {
                try
                {
                    return await chat.CompleteChatAsync(messages, cancellationToken: ct);
                }
                catch (ClientResultException ex)
                {
                    if (ex.Status == 429 && maxRetry > 0)
                    {
                        await Task.Delay(10000, ct);
                        return await chat.CompleteWithRetryAsync(messages, ct, maxRetry - 1);
                    }
                    else
                    {
                        throw;
                    }
                }
            }

            public static async Task<ChatResponse> AskAsync(IChatClient client, string prompt)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await client.GetResponseAsync(prompt);
                    }
                    catch (HttpRequestException e)
                    {
                        Console.WriteLine(e.Message);
                        if (e.StatusCode == HttpStatusCode.TooManyRequests && attempt < 4)
                        {
                            await Task.Delay(1000 << attempt);
                            continue;
                        }

                        throw;
                    }
                }
            }
        }
        """);

    /// <summary>
    /// LittleLittleCloud/AgentChat (ChatLLMExtension): the same recursive helper catching every exception re-sends the same
    /// messages after any failure. And a 429 branch whose <c>else</c> also goes round is no rate-limit wait either.
    /// </summary>
    [Fact]
    public Task Recursion_from_a_catch_of_every_exception_is_a_retry() => VerifyAsync(
        """
        static class ChatRetries
        {
            public static async Task<ChatResponse> AskWithRetryAsync(this IChatClient client, IList<ChatMessage> messages, ChatOptions? options = null, CancellationToken ct = default, int maxRetry = 5)
            {
                try
                {
                    return await client.[|GetResponseAsync|](messages, options, ct);
                }
                catch (Exception)
                {
                    await Task.Delay(1000, ct);
                    return await client.AskWithRetryAsync(messages, options, ct, maxRetry - 1);
                }
            }

            public static async Task<ChatResponse> AskBothWaysAsync(IChatClient client, string prompt)
            {
                while (true)
                {
                    try
                    {
                        return await client.[|GetResponseAsync|](prompt);
                    }
                    catch (HttpRequestException e)
                    {
                        if (e.StatusCode == HttpStatusCode.TooManyRequests)
                        {
                            await Task.Delay(5000);
                        }
                        else
                        {
                            await Task.Delay(1000);
                        }
                    }
                }
            }
        }
        """);

    /// <summary>
    /// A console chat app's static <c>RetryHandler.ExecuteWithRetryAsync</c> (namespace CoffeeTalk.Services): two catches,
    /// filtered by project predicates that test the status for 429, or the message for "429" / "rate limit" (walking the
    /// inner exceptions). Only rate limits go round.
    /// </summary>
    [Fact]
    public Task A_helper_filtered_by_project_rate_limit_predicates_is_not_a_retry() => VerifyAsync(
        """
        static class RetryHandler
        {
            public static async Task<T> ExecuteWithRetryAsync<T>(Func<Task<T>> operation, int maxRetries = 3)
            {
                var retries = 0;
                while (true)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (HttpRequestException ex) when (IsRateLimitStatus(ex))
                    {
                        if (++retries > maxRetries) throw;
                        await Task.Delay(TimeSpan.FromSeconds(2 * retries));
                    }
                    catch (Exception ex) when (LooksRateLimited(ex))
                    {
                        if (++retries > maxRetries) throw;
                        await Task.Delay(TimeSpan.FromSeconds(2 * retries));
                    }
                }
            }

            private static bool IsRateLimitStatus(HttpRequestException ex) => ex.StatusCode == HttpStatusCode.TooManyRequests;

            private static bool LooksRateLimited(Exception ex)
            {
                return ex.Message.Contains("429")
                    || ex.Message.ToLower().Contains("rate limit")
                    || (ex.InnerException != null && LooksRateLimited(ex.InnerException));
            }
        }

        sealed class Barista(IChatClient client)
        {
            public Task<ChatResponse> AskAsync(string prompt) => RetryHandler.ExecuteWithRetryAsync(() => client.GetResponseAsync(prompt));
        }
        """);

    /// <summary>
    /// Property patterns as apps write them in filters and predicates (a market-data app's <c>IsRateLimited(ex)</c>:
    /// <c>ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } || ex.Message.Contains("429", ...)</c>):
    /// a rate-limit wait. A pattern that also admits server errors is a retry.
    /// </summary>
    [Fact]
    public Task Property_patterns_on_429_are_rate_limit_waits_but_on_server_errors_are_retries() => VerifyAsync(
        """
        sealed class Quotes(IChatClient client)
        {
            public async Task<ChatResponse> WaitAsync(string prompt)
            {
                while (true)
                {
                    try
                    {
                        return await client.GetResponseAsync(prompt);
                    }
                    catch (Exception ex) when (IsRateLimited(ex))
                    {
                        await Task.Delay(2000);
                    }
                }
            }

            public async Task<ChatResponse> InlineAsync(string prompt)
            {
                while (true)
                {
                    try
                    {
                        return await client.GetResponseAsync(prompt);
                    }
                    catch (Exception ex) when (ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests })
                    {
                        await Task.Delay(2000);
                    }
                }
            }

            public async Task<ChatResponse> ServerErrorsAsync(string prompt)
            {
                while (true)
                {
                    try
                    {
                        return await client.[|GetResponseAsync|](prompt);
                    }
                    catch (Exception ex) when (ex is HttpRequestException { StatusCode: >= HttpStatusCode.InternalServerError })
                    {
                        await Task.Delay(2000);
                    }
                }
            }

            private static bool IsRateLimited(Exception ex) =>
                ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests }
                || ex.Message.Contains("429", StringComparison.OrdinalIgnoreCase)
                || ex.Message.Contains("rate limit", StringComparison.OrdinalIgnoreCase);
        }
        """);

    /// <summary>
    /// KirillOsenkov/MSBuildStructuredLog (StructuredLogViewer.LLM ResilientChatClient): an IChatClient wrapper whose retry
    /// helper goes round while a multi-line <c>IsRetryable(ex)</c> accepts 429, 502, 503, 504 and network errors. A real
    /// retry of the generation request.
    /// </summary>
    [Fact]
    public Task A_wrapper_retrying_transient_errors_through_a_multi_line_predicate_is_a_retry() => VerifyAsync(
        """
        sealed class ResilientClient(IChatClient inner, int maxRetries = 3)
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken ct = default) =>
                WithRetriesAsync(() => inner.[|GetResponseAsync|](messages, options, ct), ct);

            private async Task<ChatResponse> WithRetriesAsync(Func<Task<ChatResponse>> operation, CancellationToken ct)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (Exception ex) when (IsRetryable(ex) && attempt < maxRetries)
                    {
                        attempt++;
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), ct);
                        continue;
                    }
                }
            }

            private static bool IsRetryable(Exception ex)
            {
                if (ex is ClientResultException result)
                {
                    return result.Status is 429 or 502 or 503 or 504;
                }

                return ex is HttpRequestException or TimeoutException;
            }
        }
        """);

    // ---- Polly pipelines from DI, across files ----------------------------------------------------------------------

    /// <summary>
    /// The usual ASP.NET Core layout: <c>Program.cs</c> registers keyed pipelines with keys from a constants class, a
    /// service in another file resolves them in field initializers from <c>ResiliencePipelineProvider&lt;string&gt;</c>. The
    /// pipeline registered with a retry is reported; the timeout-only one and the one whose key comes from a settings
    /// object (not a constant) are not.
    /// </summary>
    [Fact]
    public Task Keyed_pipelines_registered_in_another_file_are_judged_by_their_registration()
    {
        var test = new AnalyzerTest<RetryAnalyzer> { MarkupDiagnosticId = Id };
        test.Sources.Add(Usings + """
            using Microsoft.Extensions.DependencyInjection;
            using Polly.Retry;
            using Polly.Timeout;

            static class PipelineKeys
            {
                public const string Chat = "chat-retry";
                public const string Guard = "chat-guard";
            }

            static class Registration
            {
                public static void AddPipelines(IServiceCollection services)
                {
                    services.AddResiliencePipeline<string, ChatResponse>(PipelineKeys.Chat, builder => builder
                        .AddRetry(new RetryStrategyOptions<ChatResponse> { MaxRetryAttempts = 2 })
                        .AddTimeout(TimeSpan.FromSeconds(30)));
                    services.AddResiliencePipeline(PipelineKeys.Guard, builder => builder.AddTimeout(TimeSpan.FromSeconds(30)));
                }
            }
            """);
        test.Sources.Add(Usings + """
            using Microsoft.Extensions.Options;
            using Polly.Registry;

            sealed class AiSettings
            {
                public string PipelineName { get; set; } = "chat-retry";
            }

            sealed class SupportService(IChatClient client, ResiliencePipelineProvider<string> provider, IOptions<AiSettings> settings)
            {
                private readonly ResiliencePipeline<ChatResponse> chat = provider.GetPipeline<ChatResponse>(PipelineKeys.Chat);
                private readonly ResiliencePipeline guard = provider.GetPipeline(PipelineKeys.Guard);
                private readonly ResiliencePipeline configured = provider.GetPipeline(settings.Value.PipelineName);

                public ValueTask<ChatResponse> AnswerAsync(string question) =>
                    chat.ExecuteAsync(async ct => await client.[|GetResponseAsync|](question, cancellationToken: ct));

                public ValueTask<ChatResponse> GuardedAsync(string question) =>
                    guard.ExecuteAsync(async ct => await client.GetResponseAsync(question, cancellationToken: ct));

                public ValueTask<ChatResponse> ConfiguredAsync(string question) =>
                    configured.ExecuteAsync(async ct => await client.GetResponseAsync(question, cancellationToken: ct));
            }
            """);
        return test.RunAsync();
    }

    // ---- Inputs appended to on the way out ---------------------------------------------------------------------------

    /// <summary>
    /// A Semantic Kernel planner's <c>StepwiseLoopRunner</c> (namespace TILSOFTAI.Orchestration.SK.Planning): a bounded
    /// loop whose catch counts failures and goes round, and whose success adds the answer to the history and returns it.
    /// The history grows only on the way out, so a failed call re-sends the same history: a retry.
    /// </summary>
    [Fact]
    public Task A_planner_loop_that_appends_the_answer_only_on_its_way_out_retries_the_same_history() => VerifyAsync(
        """
        sealed class StepRunner
        {
            public async Task<string> RunAsync(Kernel kernel, ChatHistory history, int maxIterations, CancellationToken ct)
            {
                var chat = kernel.GetRequiredService<IChatCompletionService>();
                var failures = 0;
                for (var i = 0; i < maxIterations; i++)
                {
                    try
                    {
                        var result = await chat.[|GetChatMessageContentAsync|](history, null, kernel, ct);
                        var content = result.Content?.Trim();
                        if (string.IsNullOrWhiteSpace(content))
                        {
                            continue;
                        }

                        history.AddAssistantMessage(content);
                        return content;
                    }
                    catch (OperationCanceledException)
                    {
                        throw;
                    }
                    catch (Exception)
                    {
                        if (++failures >= 3)
                        {
                            return "The assistant is unavailable.";
                        }
                    }
                }

                return "No answer.";
            }
        }
        """);

    /// <summary>
    /// Next to it, the correct code (the same repository's note says to keep errors out of the history; apps that do put
    /// them in self-correct): the catch tells the model what failed, so the next pass is a new request; and an append
    /// followed by more work that may fail (parsing) could send the grown history, so it stays unreported.
    /// </summary>
    [Fact]
    public Task A_planner_loop_that_appends_the_error_or_works_after_the_append_is_not_reported() => VerifyAsync(
        """
        sealed class StepRunner
        {
            public async Task<string> SelfCorrectingAsync(IChatCompletionService chat, Kernel kernel, ChatHistory history, CancellationToken ct)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        var result = await chat.GetChatMessageContentAsync(history, null, kernel, ct);
                        history.AddAssistantMessage(result.Content ?? "");
                        return result.Content ?? "";
                    }
                    catch (KernelException ex)
                    {
                        history.AddUserMessage("That failed: " + ex.Message + ". Try again.");
                    }
                }

                return "No answer.";
            }

            public async Task<int> ParsedAsync(IChatCompletionService chat, Kernel kernel, ChatHistory history, CancellationToken ct)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        var result = await chat.GetChatMessageContentAsync(history, null, kernel, ct);
                        history.AddAssistantMessage(result.Content ?? "");
                        var score = int.Parse(result.Content ?? "");
                        return score;
                    }
                    catch (FormatException)
                    {
                    }
                }

                return 0;
            }
        }
        """);

    // ---- goto retries ------------------------------------------------------------------------------------------------

    /// <summary>
    /// MariaMam/Microservices-System-Constructor (APIGateway RetryWithExponentialBackoff): a helper that runs its delegate
    /// under a label and, on a timeout or HTTP error, waits and jumps back with <c>goto</c>. Every lambda handed to it is
    /// retried; the same shape written inline around the model call too.
    /// </summary>
    [Fact]
    public Task A_goto_retry_in_a_helper_and_inline_is_a_retry() => VerifyAsync(
        """
        sealed class Backoff(int maxRetries)
        {
            private int tries;

            public async Task RunAsync(Func<Task> action)
            {
            retry:
                try
                {
                    await action();
                }
                catch (Exception ex) when (ex is TimeoutException || ex is HttpRequestException)
                {
                    if (++tries > maxRetries) throw;
                    await Task.Delay(200 * tries);
                    goto retry;
                }
            }
        }

        sealed class Gateway(IChatClient client, Backoff backoff)
        {
            public Task SummarizeAsync(string text) => backoff.RunAsync(() => client.[|GetResponseAsync|]("Summarize: " + text));

            public async Task<ChatResponse> AskAsync(string prompt)
            {
                var attempt = 0;
            again:
                attempt++;
                try
                {
                    return await client.[|GetResponseAsync|](prompt);
                }
                catch (HttpRequestException) when (attempt < 3)
                {
                    goto again;
                }
            }
        }
        """);

    /// <summary>
    /// Near the goto retry: a catch that edits the prompt before jumping back (self-correction), a catch that jumps back
    /// only on 429, and a label also jumped to after a success (a hand-written loop over turns) are not retries.
    /// </summary>
    [Fact]
    public Task Goto_self_correction_rate_limit_waits_and_goto_loops_are_not_retries() => VerifyAsync(
        """
        sealed class Gateway(IChatClient client)
        {
            public async Task<ChatResponse> FixJsonAsync(string prompt)
            {
            retry:
                try
                {
                    return await client.GetResponseAsync(prompt);
                }
                catch (FormatException ex)
                {
                    prompt += "\nYour last answer was not valid JSON: " + ex.Message;
                    goto retry;
                }
            }

            public async Task<ChatResponse> WaitAsync(string prompt)
            {
            retry:
                try
                {
                    return await client.GetResponseAsync(prompt);
                }
                catch (ClientResultException ex) when (ex.Status == 429)
                {
                    await Task.Delay(1000);
                    goto retry;
                }
            }

            public async Task TurnsAsync(List<ChatMessage> history, Func<string?> read)
            {
            next:
                try
                {
                    var response = await client.GetResponseAsync(history);
                    Console.WriteLine(response.Text);
                }
                catch (HttpRequestException)
                {
                    goto next;
                }

                if (read() is { } line)
                {
                    goto next;
                }
            }
        }
        """);

    // ---- continue-based retries ---------------------------------------------------------------------------------------

    /// <summary>
    /// A retry whose success exit is after the try (not found in a public repository with this exact layout; the brief's
    /// "continue-based retry"): the catch waits and <c>continue</c>s, the statement after the try returns the answer.
    /// The same layout in a turn loop, where the code after the try goes round again, is not a retry.
    /// </summary>
    [Fact]
    public Task A_retry_that_returns_after_its_try_is_a_retry_but_a_turn_loop_of_the_same_layout_is_not() => VerifyAsync(
        """
        sealed class Asker(IChatClient client)
        {
            public async Task<string> AskAsync(string prompt, int maxAttempts)
            {
                for (var attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    string text;
                    try
                    {
                        text = (await client.[|GetResponseAsync|](prompt)).Text;
                    }
                    catch (HttpRequestException) when (attempt < maxAttempts)
                    {
                        await Task.Delay(500 * attempt);
                        continue;
                    }

                    return text;
                }

                throw new InvalidOperationException("unreachable");
            }

            public async Task ChatAsync(List<ChatMessage> history, Func<string?> read)
            {
                while (read() is { } line)
                {
                    history.Add(new ChatMessage(ChatRole.User, line));
                    ChatResponse response;
                    try
                    {
                        response = await client.GetResponseAsync(history);
                    }
                    catch (HttpRequestException)
                    {
                        continue;
                    }

                    history.AddMessages(response);
                }
            }
        }
        """);

    // ---- Agent loops ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// A hand-written tool loop (the shape of the ReAct / tool-call loops in agent samples such as
    /// StephenDenisEdwards/micro-x-agent-loop-dotnet's Agent): on a tool-call answer a project method runs the tools and
    /// appends their results to the conversation, then <c>continue</c>s; a failed call waits and goes round. Each pass
    /// after a tool call sends a longer conversation: a turn loop, not a retry.
    /// </summary>
    [Fact]
    public Task A_tool_loop_that_hands_the_conversation_to_a_project_tool_runner_is_not_a_retry() => VerifyAsync(
        """
        sealed class ToolAgent(IChatClient client)
        {
            public async Task<string> RunAsync(List<ChatMessage> messages, ChatOptions options)
            {
                for (var step = 0; step < 10; step++)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(messages, options);
                        if (response.FinishReason == Microsoft.Extensions.AI.ChatFinishReason.ToolCalls)
                        {
                            await RunToolsAsync(response, messages);
                            continue;
                        }

                        return response.Text;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                return "Too many steps.";
            }

            private static Task RunToolsAsync(ChatResponse response, List<ChatMessage> messages)
            {
                messages.AddMessages(response);
                messages.Add(new ChatMessage(ChatRole.Tool, "42"));
                return Task.CompletedTask;
            }
        }
        """);

    /// <summary>
    /// The same layout where the project method only reads the conversation (counts it for a log line) and the
    /// <c>continue</c> re-asks with it unchanged: a failed or rejected pass re-sends the same request, a retry.
    /// </summary>
    [Fact]
    public Task A_loop_handing_the_conversation_to_a_project_method_that_only_reads_it_is_still_a_retry() => VerifyAsync(
        """
        sealed class ToolAgent(IChatClient client)
        {
            public async Task<string> RunAsync(List<ChatMessage> messages, ChatOptions options)
            {
                for (var step = 0; step < 10; step++)
                {
                    try
                    {
                        var response = await client.[|GetResponseAsync|](messages, options);
                        if (response.FinishReason == Microsoft.Extensions.AI.ChatFinishReason.Length)
                        {
                            Report(response, messages);
                            continue;
                        }

                        return response.Text;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                return "Too many steps.";
            }

            private static void Report(ChatResponse response, List<ChatMessage> messages) =>
                Console.WriteLine($"cut off after {messages.Count} messages: {response.Text.Length} chars");
        }
        """);

    /// <summary>Half-typed goto and rate-limit code: no crash, nothing reported.</summary>
    [Fact]
    public Task Broken_goto_and_rate_limit_code_does_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + """
                sealed class Gateway(IChatClient client)
                {
                    public async Task<ChatResponse> AskAsync(string prompt)
                    {
                    retry:
                        try
                        {
                            return await client.GetResponseAsync(prompt);
                        }
                        catch (Exception ex) when (Missing(ex) || ex.Message.Contains(
                        {
                            goto nowhere;
                        }
                        catch (ClientResultException ex)
                        {
                            if (ex.Status == 429 &&) { goto retry; }
                            throw
                        }
                    }

                    private static bool Missing(Exception ex) => ex.Message.Contains(UnknownConstant);
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
