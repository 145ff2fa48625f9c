using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;
using NonUtc = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// The code real apps write next to the AIL0101/AIL0102 shapes added on 2026-12-05 (the app's own clock, <c>DateTime?</c>
/// helper parameters): clocks that convert, helpers that convert or fall back to UTC, parsed UTC times, entity stamps,
/// and client timestamps that are only logged or tagged. Each kept as a negative, or pinned as a positive.
/// </summary>
public class SpanFalsePositiveHuntTests
{
    private static Task VerifyAsync<TAnalyzer>(string[] sources, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new Verifiers.AnalyzerTest<TAnalyzer>();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string Clocks = """
        using System;
        namespace Llm;
        public static class SystemClock
        {
            // Named UTC, but local: still the bug.
            public static DateTime UtcNow => DateTime.Now;
            public static DateTime Now => DateTime.Now;
            public static DateTime Utc() => DateTime.Now.ToUniversalTime();
            public static DateTime Marked() => DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Utc);
        }
        public sealed class AppTimeProvider : TimeProvider
        {
            public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow;
        }
        """;

    // ---- AIL0102: clocks ----

    [Fact]
    public Task A_clock_named_utc_that_returns_local_time_is_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Clocks,
                """
                using System.Diagnostics;
                namespace Llm;
                public static class Caller
                {
                    public static void Stamp(Activity? activity) => activity?.SetStartTime({|#0:SystemClock.UtcNow|});
                }
                """,
            },
            NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "'SystemClock.UtcNow' (returns DateTime.Now (Kind Local))"));

    [Fact]
    public Task Clocks_that_convert_and_time_providers_are_not_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Clocks,
                """
                using System;
                using System.Diagnostics;
                namespace Llm;
                public sealed class Caller(TimeProvider time, AppTimeProvider app)
                {
                    public void Stamp(Activity? activity)
                    {
                        activity?.SetStartTime(SystemClock.Utc());
                        activity?.SetStartTime(SystemClock.Marked());
                        activity?.SetStartTime(SystemClock.Now.ToUniversalTime());
                        activity?.SetStartTime(time.GetUtcNow().UtcDateTime);
                        activity?.SetEndTime(app.GetUtcNow().UtcDateTime);
                        activity?.SetEndTime(time.GetLocalNow().UtcDateTime);
                        activity?.SetEndTime(TimeProvider.System.GetUtcNow().DateTime.ToUniversalTime());
                        activity?.SetEndTime(TimeZoneInfo.ConvertTimeToUtc(SystemClock.Now));
                        activity?.SetEndTime(new DateTimeOffset(SystemClock.Now).UtcDateTime);
                    }
                }
                """,
            });

    // ---- AIL0102: helpers that convert or fall back to UTC ----

    private const string Helpers = """
        using System;
        using System.Diagnostics;
        namespace Llm;
        public static class SpanTimes
        {
            public static Activity? StartedAt(this Activity? activity, DateTime at)
            {
                var utc = at.Kind == DateTimeKind.Utc ? at : at.ToUniversalTime();
                activity?.SetStartTime(utc);
                return activity;
            }

            public static Activity? StampedUtc(this Activity? activity, DateTime at) => activity?.SetStartTime(DateTime.SpecifyKind(at, DateTimeKind.Utc));

            public static void EndAt(Activity? activity, DateTime? end) => activity?.SetEndTime(end ?? DateTime.UtcNow);

            public static void EndOr(Activity? activity, DateTime? end) => activity?.SetEndTime(end.HasValue ? end.Value : DateTime.UtcNow);

            public static void EndConverted(Activity? activity, DateTime? end) => activity?.SetEndTime(end?.ToUniversalTime() ?? DateTime.UtcNow);

            public static void EndIfUtc(Activity? activity, DateTime? end)
            {
                if (end is not { Kind: DateTimeKind.Utc })
                {
                    return;
                }

                activity?.SetEndTime(end.Value);
            }

            public static void EndNormalised(Activity? activity, DateTime end)
            {
                if (end.Kind != DateTimeKind.Utc)
                {
                    end = end.ToUniversalTime();
                }

                activity?.SetEndTime(end);
            }

            public static void EndChecked(Activity? activity, DateTime? end)
            {
                if (end is null)
                {
                    end = DateTime.UtcNow;
                }

                activity?.SetEndTime(end.Value);
            }
        }
        """;

    [Fact]
    public Task Helpers_that_convert_or_fall_back_to_utc_are_not_reported_for_utc_or_null() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Helpers,
                """
                using System;
                using System.Diagnostics;
                using System.Globalization;
                namespace Llm;
                public static class Caller
                {
                    public static void Stamp(Activity? activity, string sentAt, DateTime stored)
                    {
                        activity.StartedAt(DateTime.Now);
                        activity.StampedUtc(stored);
                        SpanTimes.EndAt(activity, null);
                        SpanTimes.EndOr(activity, default);
                        SpanTimes.EndChecked(activity, null);
                        SpanTimes.EndAt(activity, DateTime.UtcNow);
                        SpanTimes.EndConverted(activity, DateTime.Now);
                        SpanTimes.EndNormalised(activity, DateTime.Now);
                        activity?.SetStartTime(DateTime.Parse(sentAt, null, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
                        activity?.SetStartTime(DateTime.Parse(sentAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
                        activity?.SetStartTime(DateTime.ParseExact(sentAt, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
                    }
                }
                """,
            });

    // The neighbours: a local time handed to the null-coalescing helper still reaches SetEndTime; a helper that sets
    // only UTC times drops it, and the span keeps its original time, as the message says.
    [Fact]
    public Task A_local_time_handed_to_a_nullable_helper_is_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Helpers,
                """
                using System;
                using System.Diagnostics;
                namespace Llm;
                public static class Caller
                {
                    public static void Stamp(Activity? activity)
                    {
                        SpanTimes.EndAt(activity, {|#0:DateTime.Now|});
                        SpanTimes.EndIfUtc(activity, {|#1:DateTime.Now|});
                    }
                }
                """,
            },
            NonUtc.Diagnostic().WithLocation(0).WithArguments("SpanTimes.EndAt → Activity.SetEndTime", "DateTime.Now (Kind Local)"),
            NonUtc.Diagnostic().WithLocation(1).WithArguments("SpanTimes.EndIfUtc → Activity.SetEndTime", "DateTime.Now (Kind Local)"));

    // ---- AIL0102: an entity's stamp ----

    // An EF entity's CreatedAt read back from the database: a value converter (configured in OnModelCreating, often in
    // another project) may mark it UTC, which AiLint cannot see; an entity's state read off an instance is not judged.
    [Fact]
    public Task An_entity_stamp_read_off_an_instance_is_not_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                """
                using System;
                using System.Diagnostics;
                namespace Llm;
                public sealed class Conversation
                {
                    public DateTime CreatedAt { get; set; } = DateTime.Now;
                    public DateTime UpdatedAt { get; set; }
                }
                public static class Replay
                {
                    public static void Stamp(Activity? activity, Conversation conversation)
                    {
                        activity?.SetStartTime(conversation.CreatedAt);
                        activity?.SetEndTime(conversation.UpdatedAt);
                    }
                }
                """,
            });

    // ---- AIL0101: client timestamps that never become the span's times ----

    private const string AspNetUsings = """
        using System;
        using System.Diagnostics;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Logging;

        """;

    [Fact]
    public Task A_client_timestamp_only_logged_or_tagged_is_not_reported() => Client.VerifyAnalyzerAsync(AspNetUsings + """
        public sealed record ChatTurn(string Text, DateTimeOffset SentAt);

        [ApiController]
        public class TurnsController(ILogger<TurnsController> logger) : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost("turns")]
            public IActionResult Post([FromBody] ChatTurn turn, [FromHeader(Name = "X-Sent-At")] DateTimeOffset? sentAt)
            {
                logger.LogInformation("Turn sent at {SentAt}", turn.SentAt);
                using var activity = Source.StartActivity("turn");
                activity?.SetTag("client.sent_at", turn.SentAt.ToString("O"));
                activity?.AddTag("client.header_sent_at", sentAt);
                activity?.AddEvent(new ActivityEvent("client.sent", tags: new ActivityTagsCollection { ["at"] = turn.SentAt }));
                activity?.SetTag("client.lag_ms", (DateTimeOffset.UtcNow - turn.SentAt).TotalMilliseconds);
                return Ok();
            }
        }
        """);
}
