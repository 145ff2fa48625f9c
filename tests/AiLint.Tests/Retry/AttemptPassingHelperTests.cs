using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Project retry helpers that hand their delegate the attempt number (or another per-attempt value):
/// <c>Task&lt;T&gt; RetryWithBackoffAsync&lt;T&gt;(Func&lt;int, Task&lt;T&gt;&gt; operation)</c> looping over
/// <c>return await operation(attempt);</c> (review 63 M1, Lithuaningo AIService). The helper re-runs the delegate; a
/// callback that ignores the attempt, logs it or waits on it sends the same request again, one that picks its model or
/// prompt with it does not.
/// </summary>
public class AttemptPassingHelperTests
{
    private const string Id = "AIL0001";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    /// <summary>Lithuaningo's helper (counter from 1, delay and rethrow on the last attempt), as a member of the service.</summary>
    internal const string Helper = """
            private static async Task<T> RetryWithBackoffAsync<T>(Func<int, Task<T>> operation, int maxAttempts = 3)
            {
                for (int attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    try
                    {
                        return await operation(attempt);
                    }
                    catch (Exception)
                    {
                        if (attempt >= maxAttempts)
                        {
                            throw;
                        }

                        await Task.Delay(100 * attempt);
                    }
                }

                throw new InvalidOperationException("unreachable");
            }
        """;

    [Fact]
    public Task A_lambda_that_ignores_the_attempt_is_retried() => VerifyAsync(
        $$"""
        public sealed class FlashcardService(ChatClient chat)
        {
            public Task<string> WithAttemptAsync(string word) =>
                RetryWithBackoffAsync(async (attempt) =>
                {
                    var completion = await chat.{|#0:CompleteChatAsync|}(new UserChatMessage(word));
                    return completion.Value.Content[0].Text;
                });

        {{Helper}}
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "FlashcardService.RetryWithBackoffAsync"));

    [Fact]
    public Task A_lambda_that_only_logs_the_attempt_or_waits_on_it_is_retried() => VerifyAsync(
        $$"""
        public sealed class FlashcardService(ChatClient chat)
        {
            public Task<string> LoggedAsync(string word) =>
                RetryWithBackoffAsync(async attempt =>
                {
                    Console.WriteLine($"Calling the model, attempt {attempt} of 3");
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Pow(2, attempt) * 100));
                    return (await chat.{|#0:CompleteChatAsync|}(new UserChatMessage(word))).Value.Content[0].Text;
                });

        {{Helper}}
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "FlashcardService.RetryWithBackoffAsync"));

    /// <summary>The correct code beside the two above: each attempt sends a different request.</summary>
    [Fact]
    public Task A_lambda_that_picks_its_model_or_prompt_with_the_attempt_is_not_a_retry() => VerifyAsync(
        $$"""
        public sealed class FlashcardService(ChatClient primary, ChatClient fallback)
        {
            public Task<string> FallbackModelAsync(string word) =>
                RetryWithBackoffAsync(async attempt =>
                    (await (attempt > 1 ? fallback : primary).CompleteChatAsync(new UserChatMessage(word))).Value.Content[0].Text);

            public Task<string> RephrasedAsync(string word) =>
                RetryWithBackoffAsync(async attempt =>
                {
                    var prompt = attempt == 1 ? word : $"{word}\nAnswer with a single word (attempt {attempt}).";
                    return (await primary.CompleteChatAsync(new UserChatMessage(prompt))).Value.Content[0].Text;
                });

            public Task<string> TemperatureAsync(string word) =>
                RetryWithBackoffAsync(async attempt =>
                {
                    var options = new ChatCompletionOptions { Temperature = 0.2f * attempt };
                    return (await primary.CompleteChatAsync([new UserChatMessage(word)], options)).Value.Content[0].Text;
                });

        {{Helper}}
        }
        """);

    [Fact]
    public Task A_method_group_that_ignores_the_attempt_is_retried_and_one_that_uses_it_is_not() => VerifyAsync(
        $$"""
        public sealed class FlashcardService(ChatClient chat)
        {
            public Task<ClientResult<ChatCompletion>> SameAsync() => RetryWithBackoffAsync({|#0:AskOnceAsync|});

            public Task<ClientResult<ChatCompletion>> ChangingAsync() => RetryWithBackoffAsync(AskNumberedAsync);

            private Task<ClientResult<ChatCompletion>> AskOnceAsync(int attempt) => chat.CompleteChatAsync(new UserChatMessage("duona"));

            private Task<ClientResult<ChatCompletion>> AskNumberedAsync(int attempt) => chat.CompleteChatAsync(new UserChatMessage("duona #" + attempt));

        {{Helper}}
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("AskOnceAsync", "FlashcardService.RetryWithBackoffAsync"));

    [Fact]
    public Task A_context_object_handed_per_attempt_is_judged_by_what_the_callback_reads() => VerifyAsync(
        """
        public sealed record AttemptContext(int Number, string Model);

        public sealed class Retrier
        {
            public async Task<T> RunAsync<T>(Func<AttemptContext, Task<T>> operation)
            {
                var models = new[] { "gpt-4o", "gpt-4o-mini", "gpt-4.1" };
                for (var i = 0; ; i++)
                {
                    try { return await operation(new AttemptContext(i + 1, models[i])); }
                    catch (TimeoutException) when (i < 2) { }
                }
            }
        }

        public sealed class Service(OpenAIClient client, Retrier retrier)
        {
            public Task<ClientResult<ChatCompletion>> SameAsync(string q) =>
                retrier.RunAsync(ctx =>
                {
                    Console.WriteLine("attempt " + ctx.Number);
                    return client.GetChatClient("gpt-4o").{|#0:CompleteChatAsync|}(new UserChatMessage(q));
                });

            // The model changes with the attempt: each attempt is a new request.
            public Task<ClientResult<ChatCompletion>> FailoverAsync(string q) =>
                retrier.RunAsync(ctx => client.GetChatClient(ctx.Model).CompleteChatAsync(new UserChatMessage(q)));
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "Retrier.RunAsync"));

    /// <summary>A helper handing the delegate to another one that gives it the attempt: the callers inherit the judgement.</summary>
    [Fact]
    public Task A_helper_that_forwards_to_an_attempt_passing_helper_is_judged_the_same() => VerifyAsync(
        $$"""
        public sealed class FlashcardService(ChatClient chat)
        {
            public Task<string> SameAsync(string word) =>
                WithRetryAsync(async attempt => (await chat.{|#0:CompleteChatAsync|}(new UserChatMessage(word))).Value.Content[0].Text);

            public Task<string> ChangingAsync(string word) =>
                WithRetryAsync(async attempt => (await chat.CompleteChatAsync(new UserChatMessage(word + " #" + attempt))).Value.Content[0].Text);

            private static Task<T> WithRetryAsync<T>(Func<int, Task<T>> operation) => RetryWithBackoffAsync(operation, 4);

        {{Helper}}
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "FlashcardService.WithRetryAsync"));

    /// <summary>
    /// A failover helper handing each candidate client to the delegate: a callback that sends with the client it is
    /// given switches providers; one that ignores it repeats its own request.
    /// </summary>
    [Fact]
    public Task A_failover_helper_is_a_retry_only_for_a_callback_that_ignores_the_candidate() => VerifyAsync(
        """
        public sealed class Failover(IReadOnlyList<ChatClient> clients)
        {
            public async Task<T> FirstAsync<T>(Func<ChatClient, Task<T>> send)
            {
                foreach (var client in clients)
                {
                    try { return await send(client); }
                    catch (ClientResultException) { }
                }

                throw new InvalidOperationException("every client failed");
            }
        }

        public sealed class Service(Failover failover, ChatClient own)
        {
            public Task<ClientResult<ChatCompletion>> SwitchesAsync(string q) => failover.FirstAsync(c => c.CompleteChatAsync(new UserChatMessage(q)));

            public Task<ClientResult<ChatCompletion>> RepeatsAsync(string q) => failover.FirstAsync(_ => own.{|#0:CompleteChatAsync|}(new UserChatMessage(q)));
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "Failover.FirstAsync"));

    /// <summary>The attempt handed on to the project's own code, or read in a condition: it may change the request.</summary>
    [Fact]
    public Task An_attempt_handed_to_project_code_or_tested_in_a_condition_keeps_it_quiet() => VerifyAsync(
        $$"""
        public sealed class FlashcardService(ChatClient chat)
        {
            public Task<string> BuiltAsync(string word) =>
                RetryWithBackoffAsync(async attempt => (await chat.CompleteChatAsync(BuildMessages(word, attempt))).Value.Content[0].Text);

            public Task<string> BranchedAsync(string word) =>
                RetryWithBackoffAsync(async attempt =>
                {
                    if (attempt > 2) { word = word.ToUpperInvariant(); }
                    return (await chat.CompleteChatAsync(new UserChatMessage(word))).Value.Content[0].Text;
                });

            private static List<OpenAI.Chat.ChatMessage> BuildMessages(string word, int attempt) => [new UserChatMessage(attempt > 1 ? word + "!" : word)];

        {{Helper}}
        }
        """);

    [Fact]
    public Task Half_typed_helper_and_lambda_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + """
                public sealed class FlashcardService(ChatClient chat)
                {
                    public Task<string> A(string word) => RetryAsync(async (attempt, ) => (await chat.CompleteChatAsync(word)).Value.Content[0].Text);

                    private static async Task<T> RetryAsync<T>(Func<int, Task<T>> operation)
                    {
                        for (int attempt = 1; attempt <= ; attempt++)
                        {
                            try { return await operation(attempt, ); }
                            catch { }
                        }
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
