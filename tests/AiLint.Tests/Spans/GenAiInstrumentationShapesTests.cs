using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;
using NonUtc = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer>;
using NonUtcFix = AiLint.Tests.Verifiers.CSharpCodeFixVerifier<
    AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer,
    AiLint.CodeFixes.Rules.Spans.NonUtcActivityTimeCodeFixProvider>;

namespace AiLint.Tests.Spans;

/// <summary>
/// OpenTelemetry GenAI-style instrumentation as apps write it: a telemetry class in one file (an ActivitySource, a
/// helper that starts a "chat {model}" span with the full StartActivity overload, helpers that backdate or end a span)
/// and the code that calls the model in another. Each shape has the bug and the correct code real apps write next to it.
/// </summary>
public class GenAiInstrumentationShapesTests
{
    private const string Telemetry = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        namespace Llm;
        public static class GenAiTelemetry
        {
            public static readonly ActivitySource Source = new("Llm.GenAI");

            public static Activity? StartChat(string model, DateTimeOffset startedAt) =>
                Source.StartActivity(
                    "chat " + model,
                    ActivityKind.Client,
                    default(ActivityContext),
                    new[] { new KeyValuePair<string, object?>("gen_ai.request.model", model) },
                    null,
                    startedAt);

            public static void Backdate(Activity? activity, DateTime start) => activity?.SetStartTime(start);

            public static Activity? EndedAt(this Activity? activity, DateTime end)
            {
                activity?.SetEndTime(end);
                return activity;
            }

            public static void BackdateUtc(Activity? activity, DateTime start) => activity?.SetStartTime(start.ToUniversalTime());
        }
        """;

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

    // ---- AIL0102: non-UTC times given to helpers of another file, and parsed times ----

    [Fact]
    public Task Local_and_parsed_times_given_to_span_helpers_of_another_file_are_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Telemetry,
                """
                using System;
                using System.Diagnostics;
                using System.Globalization;
                namespace Llm;
                public sealed record Completion(string Text, string FinishedAt, string StartedAt);
                public sealed class ChatCaller
                {
                    public void Record(Completion completion, string model)
                    {
                        using var activity = GenAiTelemetry.StartChat(model, DateTimeOffset.UtcNow);
                        GenAiTelemetry.Backdate(activity, {|#0:DateTime.Now|});
                        activity.EndedAt({|#1:DateTime.Parse(completion.FinishedAt)|});

                        DateTime.TryParseExact(completion.StartedAt, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started);
                        activity?.SetStartTime({|#2:started|});
                        activity?.SetEndTime({|#3:DateTimeOffset.Parse(completion.FinishedAt, CultureInfo.InvariantCulture).LocalDateTime|});
                        activity?.SetEndTime({|#4:DateTime.ParseExact(completion.FinishedAt, "O", CultureInfo.InvariantCulture).ToLocalTime()|});
                    }
                }
                """,
            },
            NonUtc.Diagnostic().WithLocation(0).WithArguments("GenAiTelemetry.Backdate → Activity.SetStartTime", "DateTime.Now (Kind Local)"),
            NonUtc.Diagnostic().WithLocation(1).WithArguments("GenAiTelemetry.EndedAt → Activity.SetEndTime", "DateTime.Parse without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified)"),
            NonUtc.Diagnostic().WithLocation(2).WithArguments("Activity.SetStartTime", "'started' (from DateTime.TryParseExact without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified))"),
            NonUtc.Diagnostic().WithLocation(3).WithArguments("Activity.SetEndTime", "DateTimeOffset.LocalDateTime (Kind Local)"),
            NonUtc.Diagnostic().WithLocation(4).WithArguments("Activity.SetEndTime", "ToLocalTime() (Kind Local)"));

    // The correct code next to it: UtcNow, UtcDateTime, SpecifyKind(Utc), ToUniversalTime, AdjustToUniversal,
    // RoundtripKind (its Kind depends on the text), and a helper that converts before stamping.
    [Fact]
    public Task Utc_times_given_to_the_same_helpers_and_sinks_are_not_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Telemetry,
                """
                using System;
                using System.Diagnostics;
                using System.Globalization;
                namespace Llm;
                public sealed record Completion(string Text, string FinishedAt, string StartedAt);
                public sealed class ChatCaller(TimeProvider clock)
                {
                    public void Record(Completion completion, string model)
                    {
                        using var activity = GenAiTelemetry.StartChat(model, clock.GetUtcNow());
                        GenAiTelemetry.Backdate(activity, DateTime.UtcNow);
                        GenAiTelemetry.Backdate(activity, clock.GetUtcNow().UtcDateTime);
                        GenAiTelemetry.BackdateUtc(activity, DateTime.Now);
                        activity.EndedAt(DateTime.SpecifyKind(DateTime.Parse(completion.FinishedAt, CultureInfo.InvariantCulture), DateTimeKind.Utc));
                        activity.EndedAt(DateTimeOffset.Parse(completion.FinishedAt, CultureInfo.InvariantCulture).UtcDateTime);

                        DateTime.TryParseExact(completion.StartedAt, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var started);
                        activity?.SetStartTime(started);
                        activity?.SetEndTime(DateTime.Parse(completion.FinishedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
                        activity?.SetEndTime(DateTime.ParseExact(completion.FinishedAt, "O", CultureInfo.InvariantCulture).ToUniversalTime());
                    }
                }
                """,
            });

    // ---- AIL0101: the client's time given to the GenAI span helper ----

    [Fact]
    public Task Client_time_given_to_a_span_helper_of_another_file_is_reported() =>
        VerifyAsync<ClientTimestampAnalyzer>(
            new[]
            {
                Telemetry,
                """
                using System;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.AspNetCore.Routing;
                namespace Llm;
                public sealed record ChatRequest(string Model, string Message, DateTimeOffset SentAt);
                public static class ChatEndpoints
                {
                    public static void Map(IEndpointRouteBuilder app)
                    {
                        app.MapPost("/chat", ([FromBody] ChatRequest request, TimeProvider clock) =>
                        {
                            using var activity = GenAiTelemetry.StartChat(request.Model, {|#0:request.SentAt|});
                            activity?.SetTag("client.timestamp", request.SentAt);
                            GenAiTelemetry.Backdate(activity, {|#1:request.SentAt.UtcDateTime|});
                            using var server = GenAiTelemetry.StartChat(request.Model, clock.GetUtcNow());
                            return Results.Ok();
                        });
                    }
                }
                """,
            },
            Client.Diagnostic().WithLocation(0).WithArguments("GenAiTelemetry.StartChat → ActivitySource.StartActivity", "the request body parameter 'request'"),
            Client.Diagnostic().WithLocation(1).WithArguments("GenAiTelemetry.Backdate → Activity.SetStartTime", "the request body parameter 'request'"));

    // ---- False-positive hunt: conversions that end in UTC, and values re-stamped before they reach the span ----

    [Fact]
    public Task Values_converted_to_utc_before_the_span_are_not_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Telemetry,
                """
                using System;
                using System.Diagnostics;
                using System.Globalization;
                namespace Llm;
                public sealed class Replay
                {
                    public void Stamp(Activity? activity, DateTimeOffset sentAt, string text, DateTime local)
                    {
                        activity?.SetStartTime(sentAt.ToLocalTime().UtcDateTime);
                        activity?.SetStartTime(TimeZoneInfo.ConvertTimeToUtc(local));
                        activity?.SetStartTime(DateTime.Now.AddSeconds(-3).ToUniversalTime());

                        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var started))
                        {
                            started = DateTime.UtcNow;
                        }
                        activity?.SetStartTime(started);

                        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
                        parsed = parsed.ToUniversalTime();
                        activity?.SetEndTime(parsed);

                        var kind = local.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : local.Kind;
                        activity?.SetEndTime(DateTime.SpecifyKind(local, kind));
                        GenAiTelemetry.Backdate(activity, DateTime.SpecifyKind(DateTime.Now, DateTimeKind.Utc));
                    }
                }
                """,
            });

    // The other side of the same conversions: an offset turned local and read through DateTime, and an offset's
    // Unspecified DateTime given to the extension helper.
    [Fact]
    public Task Offsets_read_through_DateTime_after_a_local_conversion_are_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Telemetry,
                """
                using System;
                using System.Diagnostics;
                namespace Llm;
                public sealed class Replay
                {
                    public void Stamp(Activity? activity, DateTimeOffset sentAt)
                    {
                        activity?.SetStartTime({|#0:sentAt.ToLocalTime().DateTime|});
                        activity.EndedAt({|#1:DateTimeOffset.UtcNow.DateTime|});
                    }
                }
                """,
            },
            NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "DateTimeOffset.DateTime (Kind Unspecified)"),
            NonUtc.Diagnostic().WithLocation(1).WithArguments("GenAiTelemetry.EndedAt → Activity.SetEndTime", "DateTimeOffset.DateTime (Kind Unspecified)"));

    // ---- AIL0102: helpers that take an optional (nullable) start time ----

    // Telemetry extensions often take `DateTime? startTime` and stamp it only when given. A caller's local or parsed
    // time reaches the span as it was given; the caller that gives nothing, or a UTC time, is fine, and so is a helper
    // that converts first.
    [Fact]
    public Task Non_utc_times_given_to_a_nullable_start_time_helper_are_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                """
                using System;
                using System.Diagnostics;
                namespace Llm;
                public static class ActivityTimes
                {
                    public static Activity WithStartTime(this Activity activity, DateTime? startTime)
                    {
                        if (startTime.HasValue)
                        {
                            activity.SetStartTime(startTime.Value);
                        }
                        return activity;
                    }

                    public static void EndAt(Activity? activity, DateTime? end = null) => activity?.SetEndTime(end ?? DateTime.UtcNow);

                    public static void EndAtOrDefault(Activity? activity, DateTime? end) => activity?.SetEndTime(end.GetValueOrDefault());

                    public static void StartUtc(Activity? activity, DateTime? start)
                    {
                        if (start is not null)
                        {
                            activity?.SetStartTime(start.Value.ToUniversalTime());
                        }
                    }
                }
                """,
                """
                using System;
                using System.Diagnostics;
                using System.Globalization;
                namespace Llm;
                public sealed class Caller
                {
                    public void Run(Activity activity, string finished)
                    {
                        activity.WithStartTime({|#0:DateTime.Now|});
                        ActivityTimes.EndAt(activity, {|#1:DateTime.Parse(finished, CultureInfo.InvariantCulture)|});
                        ActivityTimes.EndAtOrDefault(activity, {|#2:DateTime.Today|});

                        activity.WithStartTime(DateTime.UtcNow);
                        activity.WithStartTime(null);
                        ActivityTimes.EndAt(activity);
                        ActivityTimes.EndAt(activity, DateTime.Parse(finished, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
                        ActivityTimes.StartUtc(activity, DateTime.Now);
                    }
                }
                """,
            },
            NonUtc.Diagnostic().WithLocation(0).WithArguments("ActivityTimes.WithStartTime → Activity.SetStartTime", "DateTime.Now (Kind Local)"),
            NonUtc.Diagnostic().WithLocation(1).WithArguments("ActivityTimes.EndAt → Activity.SetEndTime", "DateTime.Parse without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified)"),
            NonUtc.Diagnostic().WithLocation(2).WithArguments("ActivityTimes.EndAtOrDefault → Activity.SetEndTime", "DateTime.Today (Kind Local)"));

    private const string NullableHelper = """
        using System;
        using System.Diagnostics;
        public static class ActivityTimes
        {
            public static Activity WithStartTime(this Activity activity, DateTime? startTime)
            {
                if (startTime.HasValue) activity.SetStartTime(startTime.Value);
                return activity;
            }
        }

        """;

    // The fix rewrites the value where the caller makes it, as for a helper of DateTime.
    [Fact]
    public Task Fix_rewrites_the_time_given_to_a_nullable_start_time_helper() => NonUtcFix.VerifyCodeFixAsync(
        NullableHelper + """
        public static class Caller
        {
            public static void Run(Activity activity) => activity.WithStartTime([|DateTime.Now|]);
        }
        """,
        NullableHelper + """
        public static class Caller
        {
            public static void Run(Activity activity) => activity.WithStartTime(DateTime.UtcNow);
        }
        """);

    // Half-typed nullable helpers and calls do not crash.
    [Fact]
    public Task Half_typed_nullable_helper_calls_do_not_crash() =>
        new Verifiers.AnalyzerTest<NonUtcActivityTimeAnalyzer>
        {
            TestCode = NullableHelper + """
                public static class Caller
                {
                    public static void Run(Activity activity)
                    {
                        activity.WithStartTime(DateTime.Now
                        ActivityTimes.WithStartTime(activity, );
                    }
                    public static void Stamp(Activity a, DateTime? s) => a.SetStartTime(s.Value.
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();

    // ---- AIL0102: the app's own clock ----

    private const string Clocks = """
        using System;
        namespace Llm;
        public static class Clock
        {
            public static DateTime Now => DateTime.Now;
            public static DateTime Today() => DateTime.Today;
            public static DateTime UtcNow => DateTime.UtcNow;
            public static DateTime Pick(bool utc)
            {
                if (utc) return DateTime.UtcNow;
                return DateTime.Now;
            }
        }
        public interface IClock { DateTime Now(); }
        public class LocalClock : IClock
        {
            public DateTime Now() => DateTime.Now;
            public virtual DateTime Stamp() => DateTime.Now;
        }
        """;

    // A clock class of the app in another file, read statically or through the concrete class: its body says Local.
    [Fact]
    public Task Local_time_of_an_app_clock_class_is_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Clocks,
                """
                using System.Diagnostics;
                namespace Llm;
                public sealed class Caller(LocalClock clock)
                {
                    public void Stamp(Activity? activity)
                    {
                        activity?.SetStartTime({|#0:Clock.Now|});
                        activity?.SetEndTime({|#1:clock.Now()|});
                        GenAiTelemetryLike.Backdate(activity, {|#2:Clock.Today()|});
                    }
                }
                public static class GenAiTelemetryLike
                {
                    public static void Backdate(Activity? activity, System.DateTime start) => activity?.SetStartTime(start);
                }
                """,
            },
            NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "'Clock.Now' (returns DateTime.Now (Kind Local))"),
            NonUtc.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "'LocalClock.Now()' (returns DateTime.Now (Kind Local))"),
            NonUtc.Diagnostic().WithLocation(2).WithArguments("GenAiTelemetryLike.Backdate → Activity.SetStartTime", "'Clock.Today()' (returns DateTime.Today (Kind Local))"));

    // Through an interface or a virtual method another clock may run; a clock that can return UTC, a UTC clock, and a
    // stamp kept by an entity and read off another instance (an ORM may have filled it) are not reported.
    [Fact]
    public Task Interface_virtual_mixed_and_entity_clocks_are_not_reported() =>
        VerifyAsync<NonUtcActivityTimeAnalyzer>(
            new[]
            {
                Clocks,
                """
                using System;
                using System.Diagnostics;
                namespace Llm;
                public sealed class ChatSession
                {
                    private DateTime _startedAt;
                    public DateTime StartedAt => _startedAt;
                    public void Begin() => _startedAt = DateTime.Now;
                }
                public sealed class Caller(IClock clock, LocalClock local)
                {
                    public void Stamp(Activity? activity, ChatSession session)
                    {
                        activity?.SetStartTime(clock.Now());
                        activity?.SetStartTime(local.Stamp());
                        activity?.SetStartTime(Clock.Pick(false));
                        activity?.SetStartTime(Clock.UtcNow);
                        activity?.SetStartTime(session.StartedAt);
                        activity?.SetEndTime(Clock.Now.ToUniversalTime());
                    }
                }
                """,
            });

    // Half-typed clocks do not crash.
    [Fact]
    public Task Half_typed_clocks_do_not_crash() =>
        new Verifiers.AnalyzerTest<NonUtcActivityTimeAnalyzer>
        {
            TestCode = """
                using System;
                using System.Diagnostics;
                public static class Clock
                {
                    public static DateTime Now => DateTime.
                    public static DateTime Later() { return }
                    public static DateTime Loop() => Loop();
                }
                public static class Caller
                {
                    public static void Run(Activity a) { a.SetStartTime(Clock.Now); a.SetStartTime(Clock.Later()); a.SetStartTime(Clock.Loop()); }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
}
