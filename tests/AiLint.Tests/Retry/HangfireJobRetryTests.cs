using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// A Hangfire job whose public method (or class) carries <c>[AutomaticRetry(Attempts = n)]</c>: any exception, also one
/// after the model answered (sending the answer to a chat, a database write), makes Hangfire run the whole method again,
/// so the model call reached from it is asked and billed again. Beside it, the jobs that are not retried or whose call
/// already carries a key.
/// </summary>
public class HangfireJobRetryTests
{
    private const string Id = "AIL0001";

    private const string JobUsings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using AiLint;
        using Hangfire;
        using Microsoft.Extensions.AI;

        public record DigestRequest(long ChatId, string Text, string RequestId);

        public interface IChatPoster
        {
            Task PostAsync(long chatId, string text, CancellationToken ct);
        }

        public interface IDigestService
        {
            Task<string> BuildAndPostAsync(DigestRequest request, CancellationToken ct);
        }

        public class DigestService(IChatClient chat, IChatPoster poster) : IDigestService
        {
            public async Task<string> BuildAndPostAsync(DigestRequest request, CancellationToken ct)
            {
                var answer = await chat.GetResponseAsync("Write a digest of:\n" + request.Text, cancellationToken: ct);
                await poster.PostAsync(request.ChatId, answer.Text, ct);
                return answer.Text;
            }
        }

        """;

    private const string RetryName = "Hangfire's [AutomaticRetry(Attempts = 3)]";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, JobUsings + source, expected);

    private static DiagnosticResult Diagnostic() => RetryTestSupport.Diagnostic(Id);

    [Fact]
    public Task Job_method_with_automatic_retry_reports_the_service_call_that_reaches_the_model() => VerifyAsync(
        """
        public class DigestJob(IDigestService digests)
        {
            [AutomaticRetry(Attempts = 3, DelaysInSeconds = new[] { 30, 60, 300 })]
            [Queue("default")]
            public async Task RunAsync(DigestRequest request, CancellationToken ct)
            {
                var text = await digests.{|#0:BuildAndPostAsync|}(request, ct);
                Console.WriteLine(text.Length);
            }
        }
        """,
        Diagnostic().WithLocation(0).WithArguments("BuildAndPostAsync", RetryName));

    [Fact]
    public Task Attribute_on_the_job_class_covers_its_public_methods() => VerifyAsync(
        """
        [AutomaticRetry(Attempts = 5)]
        public class TranslateJob(IChatClient chat, IChatPoster poster)
        {
            public async Task TranslateAsync(long chatId, string text)
            {
                var answer = await chat.{|#0:GetResponseAsync|}("Translate to English:\n" + text);
                await poster.PostAsync(chatId, answer.Text, CancellationToken.None);
            }
        }
        """,
        Diagnostic().WithLocation(0).WithArguments("GetResponseAsync", "Hangfire's [AutomaticRetry(Attempts = 5)]"));

    [Fact]
    public Task Jobs_that_are_not_retried_stay_quiet() => VerifyAsync(
        """
        public class NoRetryJob(IDigestService digests)
        {
            [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
            public Task RunAsync(DigestRequest request, CancellationToken ct) => digests.BuildAndPostAsync(request, ct);
        }

        // The method's own attribute wins over the class's.
        [AutomaticRetry(Attempts = 3)]
        public class OverriddenJob(IDigestService digests)
        {
            [AutomaticRetry(Attempts = 0)]
            public Task RunAsync(DigestRequest request, CancellationToken ct) => digests.BuildAndPostAsync(request, ct);
        }

        // Hangfire's global default (10 attempts unless a global filter changes it) is not visible in the code.
        public class PlainJob(IDigestService digests)
        {
            public Task RunAsync(DigestRequest request, CancellationToken ct) => digests.BuildAndPostAsync(request, ct);
        }

        // Every failure is caught and logged: the job never fails, so Hangfire never runs it again.
        public class CatchingJob(IDigestService digests)
        {
            [AutomaticRetry(Attempts = 3)]
            public async Task RunAsync(DigestRequest request, CancellationToken ct)
            {
                try
                {
                    await digests.BuildAndPostAsync(request, ct);
                }
                catch (Exception ex)
                {
                    Console.WriteLine(ex.Message);
                }
            }
        }
        """);

    [Fact]
    public Task Job_whose_call_carries_a_key_from_the_job_arguments_stays_quiet() => VerifyAsync(
        """
        public class KeyedDigestService(IChatClient chat, IChatPoster poster)
        {
            public async Task<string> BuildAndPostAsync(string text, long chatId, [IdempotencyKey] string requestId, CancellationToken ct)
            {
                var answer = await chat.GetResponseAsync("Write a digest of:\n" + text, cancellationToken: ct);
                await poster.PostAsync(chatId, answer.Text, ct);
                return answer.Text;
            }
        }

        public class KeyedDigestJob(KeyedDigestService digests)
        {
            [AutomaticRetry(Attempts = 3)]
            public Task RunAsync(DigestRequest request, CancellationToken ct) =>
                digests.BuildAndPostAsync(request.Text, request.ChatId, request.RequestId, ct);
        }
        """);

    [Fact]
    public async Task Half_typed_attribute_does_not_crash_or_report()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = JobUsings + """
                public class BrokenJob(IDigestService digests)
                {
                    [AutomaticRetry(Attempts = )]
                    public Task RunAsync(DigestRequest request, CancellationToken ct) => digests.BuildAndPostAsync(request, ct);

                    [AutomaticRetry(Attempts = "three")]
                    public Task OtherAsync(DigestRequest request, CancellationToken ct) => digests.BuildAndPostAsync(request, ct);

                    [AutomaticRetry(Attempts = 3
                    public Task ThirdAsync(DigestRequest request, CancellationToken ct) => digests.BuildAndPostAsync(request,
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }

    [Fact]
    public Task No_key_fix_is_offered_for_a_job_retry() => new CodeFixTest<RetryAnalyzer, AddIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = JobUsings + SlotJob,
        FixedCode = JobUsings + SlotJob,
    }.RunAsync();

    [Fact]
    public Task No_run_once_fix_is_offered_for_a_job_retry() => new CodeFixTest<RetryAnalyzer, RunOnceWithRuntimeCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        References = AiLint.Tests.Runtime.RuntimeTestSupport.WithRuntime,
        TestCode = JobUsings + RuntimeJob,
        FixedCode = JobUsings + RuntimeJob,
    }.RunAsync();

    // A key created at the top of the job would be new on every run Hangfire makes: the fix has nowhere to put it.
    private const string SlotJob = """
        public class SlotService(IChatClient chat)
        {
            public async Task<string> AskAsync(string text, [IdempotencyKey] string? requestId = null) =>
                (await chat.GetResponseAsync(text)).Text;
        }

        public class SlotJob(SlotService service, IChatPoster poster)
        {
            [AutomaticRetry(Attempts = 3)]
            public async Task RunAsync(long chatId, string text)
            {
                var answer = await service.[|AskAsync|](text);
                await poster.PostAsync(chatId, answer, CancellationToken.None);
            }
        }
        """;

    private const string RuntimeJob = """
        public class CachedJob(IChatClient chat, IChatPoster poster, Microsoft.Extensions.Caching.Distributed.IDistributedCache cache)
        {
            [AutomaticRetry(Attempts = 3)]
            public async Task RunAsync(long chatId, string text)
            {
                var answer = await chat.[|GetResponseAsync|](text);
                await poster.PostAsync(chatId, answer.Text, CancellationToken.None);
            }
        }
        """;
}
