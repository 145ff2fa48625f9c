using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retry helper of the project that goes round only when its delegate throws (GinoCanessa/JiraFhirUtils:
/// <c>ExecuteWithRetryAsync&lt;T&gt;(Func&lt;Task&lt;T&gt;&gt; operation, int maxRetries, int delaySeconds)</c>, a <c>for</c> loop
/// whose try does <c>return await operation();</c> and whose catch logs and waits), called with a lambda whose method
/// wraps the whole LLM call in <c>try { ... } catch (Exception ex) { return new LlmResponse("", false, ex.Message); }</c>.
/// No exception ever reaches the helper after the request is sent, so it never re-sends: no AIL0001 and no AIL0003, as
/// for the same catch-all inside a hand-written loop. Beside it, the twins where an exception does leave (a rethrow, a
/// filter, a narrower catch, a catch that calls a throwing method, a parse after the try) and a helper that also goes
/// round on the answer stay reported.
/// </summary>
public class ExceptionOnlyHelperTests
{
    private const string LocalUsings = """
        using System.Diagnostics.CodeAnalysis;
        using System.Net.Http;
        using System.Runtime.ExceptionServices;
        using System.Text.Json;

        """;

    // JiraFhirUtils' helper: the loop goes round only through its catch; a success returns the delegate's value.
    private const string Helper = """
        public record LlmResponse(string Content, bool Success, string? Error = null);

        public static class RetryHelper
        {
            public static async Task<T> ExecuteWithRetryAsync<T>(Func<Task<T>> operation, int maxRetries, int delaySeconds)
            {
                for (int attempt = 0; attempt <= maxRetries; attempt++)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (Exception ex) when (attempt < maxRetries)
                    {
                        Console.WriteLine($"Attempt {attempt + 1} failed: {ex.Message}");
                        await Task.Delay(TimeSpan.FromSeconds(delaySeconds * Math.Pow(2, attempt)));
                    }
                }

                throw new InvalidOperationException("All retry attempts failed");
            }
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", Usings + LocalUsings + Helper + source, expected);

    /// <summary>
    /// The reviewer's repro: <c>() =&gt; GenerateInternalAsync(prompt)</c>, and the await-forwarding form. The client is
    /// built in the class, so AIL0003's "4 × 4" would have been reported beside AIL0001 too.
    /// </summary>
    [Fact]
    public Task Helper_around_a_method_that_swallows_every_exception_is_quiet() => VerifyAsync(
        """
        public class Provider(string apiKey, int maxRetries)
        {
            private readonly ChatClient chat = new("gpt-4o-2024-08-06", apiKey);

            public Task<LlmResponse> GenerateAsync(string prompt) =>
                RetryHelper.ExecuteWithRetryAsync(() => GenerateInternalAsync(prompt), 3, 2);

            public async Task<LlmResponse> GenerateAwaitedAsync(string prompt) =>
                await RetryHelper.ExecuteWithRetryAsync(async () => await GenerateInternalAsync(prompt), maxRetries, 2);

            public Task<LlmResponse> GenerateInBlockAsync(string prompt) =>
                RetryHelper.ExecuteWithRetryAsync(() => { return GenerateInternalAsync(prompt); }, maxRetries, 2);

            private async Task<LlmResponse> GenerateInternalAsync(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(prompt)]);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (TaskCanceledException)
                {
                    return new LlmResponse("", false, "timed out");
                }
                catch (Exception ex)
                {
                    return new LlmResponse("", false, ex.Message);
                }
            }
        }
        """);

    /// <summary>
    /// The twin of the repro whose catch logs and rethrows: the helper re-sends, and the client built in the class
    /// already retries, so AIL0003's count is reported beside AIL0001 (the helper's bound is the constant 3 retries
    /// from 0 with <c>&lt;=</c>: 4 attempts).
    /// </summary>
    [Fact]
    public Task Rethrowing_twin_of_the_repro_reports_AIL0001_and_AIL0003() => VerifyAsync(
        """
        public class Provider(string apiKey)
        {
            private readonly ChatClient chat = new("gpt-4o-2024-08-06", apiKey);

            public Task<LlmResponse> GenerateAsync(string prompt) =>
                RetryHelper.ExecuteWithRetryAsync(() => {|#0:GenerateInternalAsync|}(prompt), 3, 2);

            private async Task<LlmResponse> GenerateInternalAsync(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(prompt)]);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    Console.WriteLine(ex.Message);
                    throw;
                }
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GenerateInternalAsync", "RetryHelper.ExecuteWithRetryAsync"),
        Diagnostic("AIL0003").WithLocation(0).WithArguments("GenerateInternalAsync", "RetryHelper.ExecuteWithRetryAsync", "OpenAI", "3 retries by default", "4 × 4 = 16 requests"));

    /// <summary>The catch-all written in the lambda itself, a bare <c>catch</c>, and a helper that awaits with ConfigureAwait.</summary>
    [Fact]
    public Task Swallowing_lambda_body_bare_catch_and_configure_await_are_quiet() => VerifyAsync(
        """
        public static class QuietRetry
        {
            public static async Task<T> RunAsync<T>(Func<Task<T>> operation, int attempts)
            {
                for (var i = 0; i < attempts; i++)
                {
                    try
                    {
                        var result = await operation().ConfigureAwait(false);
                        return result;
                    }
                    catch (Exception) when (i + 1 < attempts)
                    {
                        await Task.Delay(200).ConfigureAwait(false);
                    }
                }

                throw new InvalidOperationException("unreachable");
            }
        }

        public class Provider(ChatClient chat)
        {
            public Task<LlmResponse> InLambdaAsync(string prompt) => RetryHelper.ExecuteWithRetryAsync(async () =>
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    return new LlmResponse("", false, ex.Message);
                }
            }, 3, 1);

            public Task<string> BareCatchAsync(string prompt) => QuietRetry.RunAsync(() => AskAsync(prompt), 3);

            private async Task<string> AskAsync(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return completion.Content[0].Text;
                }
                catch
                {
                    return "";
                }
            }
        }
        """);

    /// <summary>A helper for actions (<c>Func&lt;Task&gt;</c>) whose try does <c>await action(); return;</c>.</summary>
    [Fact]
    public Task Action_helper_around_a_swallowing_method_is_quiet() => VerifyAsync(
        """
        public static class ActionRetry
        {
            public static async Task RunAsync(Func<Task> action, int maxAttempts)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await action();
                        return;
                    }
                    catch (Exception) when (attempt < maxAttempts)
                    {
                        await Task.Delay(500 * attempt);
                    }
                }
            }
        }

        public class Summarizer(ChatClient chat)
        {
            public string Summary { get; private set; } = "";

            public Task RefreshAsync(string text) => ActionRetry.RunAsync(() => SummarizeAsync(text), 3);

            private async Task SummarizeAsync(string text)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync("Summarize: " + text);
                    Summary = completion.Content[0].Text;
                }
                catch (Exception ex)
                {
                    Console.WriteLine(ex.Message);
                }
            }
        }
        """);

    /// <summary>
    /// Where an exception does leave after the send: a catch that logs and rethrows, a catch-all with a filter, a catch
    /// of <c>HttpRequestException</c> alone, a parse after the try. The helper re-sends: reported.
    /// </summary>
    [Fact]
    public Task Rethrowing_filtered_narrow_or_parsing_methods_are_reported() => VerifyAsync(
        """
        public class Provider(ChatClient chat)
        {
            public Task<LlmResponse> RethrowAsync(string p) => RetryHelper.ExecuteWithRetryAsync(() => {|AIL0001:Rethrowing|}(p), 3, 2);

            public Task<LlmResponse> FilteredAsync(string p) => RetryHelper.ExecuteWithRetryAsync(() => {|AIL0001:Filtered|}(p), 3, 2);

            public Task<LlmResponse> NarrowAsync(string p) => RetryHelper.ExecuteWithRetryAsync(() => {|AIL0001:Narrow|}(p), 3, 2);

            public Task<string[]> ParsedAsync(string p) => RetryHelper.ExecuteWithRetryAsync(() => {|AIL0001:Parsed|}(p), 3, 2);

            private async Task<LlmResponse> Rethrowing(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    Console.WriteLine(ex.Message);
                    throw;
                }
            }

            private async Task<LlmResponse> Filtered(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex) when (ex is not HttpRequestException)
                {
                    return new LlmResponse("", false, ex.Message);
                }
            }

            private async Task<LlmResponse> Narrow(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (HttpRequestException ex)
                {
                    return new LlmResponse("", false, ex.Message);
                }
            }

            private async Task<string[]> Parsed(string prompt)
            {
                string text;
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    text = completion.Content[0].Text;
                }
                catch (Exception)
                {
                    return [];
                }

                return JsonSerializer.Deserialize<string[]>(text)!;
            }
        }
        """);

    /// <summary>
    /// A catch-all whose handler calls something that throws: <c>ExceptionDispatchInfo.Capture(ex).Throw()</c>, a
    /// <c>[DoesNotReturn]</c> helper, a project method that always throws. The exception leaves: reported.
    /// </summary>
    [Fact]
    public Task Catch_that_calls_a_throwing_method_is_reported() => VerifyAsync(
        """
        public class Provider(ChatClient chat)
        {
            public Task<LlmResponse> CapturedAsync(string p) => RetryHelper.ExecuteWithRetryAsync(() => {|AIL0001:Captured|}(p), 3, 2);

            public Task<LlmResponse> MarkedAsync(string p) => RetryHelper.ExecuteWithRetryAsync(() => {|AIL0001:Marked|}(p), 3, 2);

            public Task<LlmResponse> WrappedAsync(string p) => RetryHelper.ExecuteWithRetryAsync(() => {|AIL0001:Wrapped|}(p), 3, 2);

            private async Task<LlmResponse> Captured(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    ExceptionDispatchInfo.Capture(ex).Throw();
                    return null!;
                }
            }

            private async Task<LlmResponse> Marked(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    Fail(ex);
                    return null!;
                }
            }

            private async Task<LlmResponse> Wrapped(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    Wrap(ex);
                    return null!;
                }
            }

            [DoesNotReturn]
            private static void Fail(Exception ex) => throw new InvalidOperationException("LLM call failed", ex);

            private static void Wrap(Exception ex)
            {
                Console.WriteLine(ex.Message);
                throw new InvalidOperationException("LLM call failed", ex);
            }
        }
        """);

    /// <summary>
    /// The same throwing catch in a method a hand-written loop retries: the inline reading takes the same view, so the
    /// loop's re-send is reported (it was taken for a swallowing catch before). Its twin, whose catch only logs and
    /// returns the error result, stays quiet.
    /// </summary>
    [Fact]
    public Task Inline_loop_around_a_method_whose_catch_all_calls_a_throwing_method_is_reported() => VerifyAsync(
        """
        public class Provider(ChatClient chat)
        {
            public async Task<LlmResponse> AskAsync(string prompt)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await {|AIL0001:Rethrowing|}(prompt);
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                        await Task.Delay(1000);
                    }
                }

                return new LlmResponse("", false);
            }

            public async Task<LlmResponse> SwallowedAsync(string prompt)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await Swallowing(prompt);
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                        await Task.Delay(1000);
                    }
                }

                return new LlmResponse("", false);
            }

            private async Task<LlmResponse> Rethrowing(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    ExceptionDispatchInfo.Throw(ex);
                    return new LlmResponse("", false, ex.Message);
                }
            }

            private async Task<LlmResponse> Swallowing(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    Console.WriteLine(ex.Message);
                    return new LlmResponse("", false, ex.Message);
                }
            }
        }
        """);

    /// <summary>
    /// A helper that also goes round on the answer (<c>if (!result.Success) continue;</c>): the error result the
    /// swallowing method returns is retried, so the request is re-sent. Reported on the call inside the lambda.
    /// </summary>
    [Fact]
    public Task Helper_that_goes_round_on_a_failed_result_is_reported() => VerifyAsync(
        """
        public static class ResultRetry
        {
            public static async Task<LlmResponse> UntilSuccessAsync(Func<Task<LlmResponse>> operation, int maxRetries)
            {
                for (var attempt = 0; attempt < maxRetries; attempt++)
                {
                    try
                    {
                        var result = await operation();
                        if (!result.Success)
                        {
                            await Task.Delay(1000);
                            continue;
                        }

                        return result;
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                        await Task.Delay(1000);
                    }
                }

                return new LlmResponse("", false, "gave up");
            }
        }

        public class Provider(ChatClient chat)
        {
            public Task<LlmResponse> GenerateAsync(string prompt) => ResultRetry.UntilSuccessAsync(() => {|AIL0001:GenerateInternalAsync|}(prompt), 3);

            private async Task<LlmResponse> GenerateInternalAsync(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    return new LlmResponse("", false, ex.Message);
                }
            }
        }
        """);

    /// <summary>
    /// A helper reached through an interface is not read for this (another implementation may test the answer), and a
    /// helper that hands the delegate on to another method is not followed: both stay reported.
    /// </summary>
    [Fact]
    public Task Helpers_through_an_interface_or_handing_the_delegate_on_stay_reported() => VerifyAsync(
        """
        public interface IRetryService
        {
            Task<T> ExecuteAsync<T>(Func<Task<T>> operation);
        }

        public sealed class RetryService : IRetryService
        {
            public Task<T> ExecuteAsync<T>(Func<Task<T>> operation) => RetryHelper.ExecuteWithRetryAsync(operation, 3, 1);
        }

        public class Provider(ChatClient chat, IRetryService retry)
        {
            public Task<LlmResponse> ThroughInterfaceAsync(string p) => retry.ExecuteAsync(() => {|AIL0001:GenerateInternalAsync|}(p));

            public Task<LlmResponse> HandedOnAsync(string p) => new RetryService().ExecuteAsync(() => {|AIL0001:GenerateInternalAsync|}(p));

            private async Task<LlmResponse> GenerateInternalAsync(string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                    return new LlmResponse(completion.Content[0].Text, true);
                }
                catch (Exception ex)
                {
                    return new LlmResponse("", false, ex.Message);
                }
            }
        }
        """);

    /// <summary>Half-typed code: an unfinished lambda, an unknown method, a catch of an unknown type. No crash, no report.</summary>
    [Fact]
    public async Task Half_typed_helper_calls_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + LocalUsings + Helper + """
                public class Provider(ChatClient chat)
                {
                    public Task<LlmResponse> A(string p) => RetryHelper.ExecuteWithRetryAsync(() => Missing(p), 3, 2);

                    public Task<LlmResponse> B(string p) => RetryHelper.ExecuteWithRetryAsync(() => Broken(p, 3, 2);

                    public Task<LlmResponse> C(string p) => RetryHelper.ExecuteWithRetryAsync(() => Unknown(p), , 2);

                    private async Task<LlmResponse> Broken(string prompt)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                            return new LlmResponse(completion.Content[0].Text, true);
                        }
                        catch (
                    }

                    private async Task<LlmResponse> Unknown(string prompt)
                    {
                        try
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(prompt);
                            return new LlmResponse(completion.Content[0].Text, true);
                        }
                        catch (NoSuchException ex)
                        {
                            return new LlmResponse("", false, ex.Message);
                        }
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0001",
        };
        await test.RunAsync();
    }
}
