using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Issue 16: "does this call only log or wait" was answered by three copies (read-only project helpers, result loops,
/// the callbacks of attempt-passing helpers) that disagreed at the edges; one recogniser over resolved symbols
/// (<c>LogAndWaitCalls</c>) now answers for all. These tests pin the cases the copies decided differently, each beside
/// its twin that must stay as it was.
/// </summary>
public class LogAndWaitRecognitionTests
{
    private const string Id = "AIL0001";

    private const string LocalUsings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, LocalUsings + source, expected);

    /// <summary>
    /// A result loop (the answer rejected when it is not JSON) that hands the conversation to a helper of the project
    /// between attempts: the loop is a retry only when the helper leaves the conversation as it was.
    /// </summary>
    private static string Asker(string name, string call, string backoffBody) => $$"""
        public sealed class {{name}}(IChatClient chat)
        {
            public async Task<string> AskJsonAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    var response = await chat.{{call}}(messages, cancellationToken: ct);
                    if (response.Text.TrimStart().StartsWith('{'))
                    {
                        return response.Text;
                    }

                    Backoff(messages, attempt);
                }

                throw new InvalidOperationException("No JSON after 3 attempts.");
            }

            private static void Backoff(List<ChatMessage> messages, int attempt)
            {
        {{backoffBody}}
            }
        }

        """;

    /// <summary>
    /// A helper handed the conversation that only writes trace output or sleeps leaves it as it was, so the loop sends
    /// the same request again. The read-only reading of project helpers used to take <c>Debug</c>/<c>Trace</c> for the
    /// outside world and <c>Thread.Sleep</c> for an unsteady thread call, and stayed quiet, while the callback reading
    /// already took them for tracing and waiting. Reported now: neither can change the conversation.
    /// </summary>
    [Fact]
    public Task Helper_that_only_traces_or_sleeps_leaves_the_request_unchanged() => VerifyAsync(
        Asker("TracingAsker", "[|GetResponseAsync|]", """
                    Debug.WriteLine($"Retrying {messages.Count} messages after attempt {attempt}");
                    Trace.TraceWarning("Retrying");
            """)
        + Asker("SleepingAsker", "[|GetResponseAsync|]", """
                    Thread.Sleep(250 * attempt);
            """));

    /// <summary>
    /// The twins: a helper that appends to the conversation (traced or not) changes the request, and one that starts a
    /// process is not only tracing: both stay quiet.
    /// </summary>
    [Fact]
    public Task Helper_that_appends_or_does_more_than_trace_stays_quiet() => VerifyAsync(
        Asker("AppendingAsker", "GetResponseAsync", """
                    Debug.WriteLine($"attempt {attempt}");
                    messages.Add(new ChatMessage(ChatRole.User, "Answer with JSON only."));
            """)
        + Asker("ProcessAsker", "GetResponseAsync", """
                    Debug.WriteLine($"attempt {attempt}");
                    Process.Start("notify-send", "retrying " + messages.Count);
            """));

    private const string Helper = """
            private static async Task<T> RetryAsync<T>(Func<int, Task<T>> operation)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await operation(attempt);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(100 * attempt);
                    }
                }
            }
        """;

    /// <summary>
    /// A retry helper's callback that only writes the attempt to trace output (<c>Trace.TraceWarning</c>,
    /// <c>Debug.Print</c>) or sleeps on it sends the same request: reported. The callback reading used to accept only the
    /// <c>Write</c> methods of <c>Debug</c> and <c>Trace</c>.
    /// </summary>
    [Fact]
    public Task Callback_that_traces_or_sleeps_on_the_attempt_is_a_retry() => VerifyAsync(
        $$"""
        public sealed class Summaries(IChatClient chat)
        {
            public Task<string> TracedAsync(string text) =>
                RetryAsync(async attempt =>
                {
                    Trace.TraceWarning("Summary attempt {0}", attempt);
                    Debug.Print($"attempt {attempt}");
                    return (await chat.{|#0:GetResponseAsync|}(text)).Text;
                });

            public Task<string> SleptAsync(string text) =>
                RetryAsync(async attempt =>
                {
                    Thread.Sleep(TimeSpan.FromMilliseconds(100 * attempt));
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), TimeProvider.System);
                    return (await chat.{|#1:GetResponseAsync|}(text)).Text;
                });

        {{Helper}}
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "Summaries.RetryAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "Summaries.RetryAsync"));

    /// <summary>
    /// The callback twins: a logger scope or message is logging, but a logger factory asked for a logger per attempt is
    /// not a log call (the callback reading used to take every type of Microsoft.Extensions.Logging for one); and an
    /// attempt read into the prompt changes the request. Only the logged one is reported.
    /// </summary>
    [Fact]
    public Task Callback_that_builds_with_the_attempt_stays_quiet_and_a_logged_one_does_not() => VerifyAsync(
        $$"""
        public sealed class Summaries(IChatClient chat, ILogger<Summaries> logger, ILoggerFactory loggers)
        {
            public Task<string> LoggedAsync(string text) =>
                RetryAsync(async attempt =>
                {
                    using var scope = logger.BeginScope("attempt {Attempt}", attempt);
                    logger.LogInformation("Summarising, attempt {Attempt}", attempt);
                    return (await chat.{|#0:GetResponseAsync|}(text)).Text;
                });

            public Task<string> PerAttemptLoggerAsync(string text) =>
                RetryAsync(async attempt =>
                {
                    var attemptLogger = loggers.CreateLogger("summary-" + attempt);
                    return (await chat.GetResponseAsync(text)).Text;
                });

            public Task<string> RephrasedAsync(string text) =>
                RetryAsync(async attempt =>
                    (await chat.GetResponseAsync(attempt == 1 ? text : "Briefly: " + text)).Text);

        {{Helper}}
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "Summaries.RetryAsync"));
}
