using AiLint.Analyzers.Rules.Spans;
using AiLint.CodeFixes.Rules.Spans;
using AiLint.Tests.Verifiers;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;
using NonUtc = AiLint.Tests.Verifiers.CSharpCodeFixVerifier<
    AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer,
    AiLint.CodeFixes.Rules.Spans.NonUtcActivityTimeCodeFixProvider>;

namespace AiLint.Tests.Spans;

/// <summary>AIL0101/AIL0102 through the project's own helpers: request readers and Track*-style span stampers.</summary>
public class SpanHelperTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Globalization;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;

        """;

    private const string Dto = """

        public sealed record ChatTurn(string Text, DateTimeOffset SentAt);
        """;

    // ---- AIL0101: a helper that reads the request ----

    [Fact]
    public Task Helper_parsing_a_header_of_an_HttpRequest_argument() => Client.VerifyAnalyzerAsync(Usings + """
        public static class RequestTimes
        {
            public static DateTimeOffset ReadSentAt(HttpRequest request) =>
                DateTimeOffset.TryParse(request.Headers["X-Sent-At"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var sentAt)
                    ? sentAt
                    : DateTimeOffset.UtcNow;

            public static DateTimeOffset? ClientSentAt(this HttpContext context) => ParseHeader(context.Request, "X-Sent-At");

            private static DateTimeOffset? ParseHeader(HttpRequest request, string name) =>
                DateTimeOffset.TryParse(request.Headers[name].ToString(), out var value) ? value : null;
        }

        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/turn", (HttpRequest request) =>
                {
                    using var activity = Source.StartActivity("turn");
                    activity?.SetStartTime({|#0:RequestTimes.ReadSentAt(request).UtcDateTime|});
                });
            }
        }

        public class TurnsController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post()
            {
                using var activity = Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), startTime: {|#1:HttpContext.ClientSentAt() ?? DateTimeOffset.UtcNow|});
                return Ok();
            }
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "HttpRequest.Headers, read by RequestTimes.ReadSentAt"),
        Client.Diagnostic().WithLocation(1).WithArguments("ActivitySource.StartActivity", "HttpRequest.Headers, read by RequestTimes.ParseHeader"));

    [Fact]
    public Task Helper_that_reads_the_request_but_returns_a_server_time_is_not_flagged() => Client.VerifyAnalyzerAsync(Usings + """
        public static class RequestTimes
        {
            public static DateTimeOffset ReceivedAt(HttpRequest request)
            {
                var correlation = request.Headers["X-Correlation-Id"].ToString();
                return correlation.Length > 0 ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.AddTicks(-1);
            }

            public static DateTimeOffset StoredStart(HttpContext context) =>
                context.Items["start"] is DateTimeOffset start ? start : DateTimeOffset.UtcNow;
        }

        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/turn", (HttpContext context) =>
                {
                    using var activity = Source.StartActivity("turn");
                    activity?.SetStartTime(RequestTimes.ReceivedAt(context.Request).UtcDateTime);
                    activity?.SetEndTime(RequestTimes.StoredStart(context).UtcDateTime);
                });
            }
        }
        """);

    // ---- AIL0101: a Track*-style helper that stamps the span from its argument ----

    [Fact]
    public Task Track_helper_given_a_client_start_time() => Client.VerifyAnalyzerAsync(Usings + """
        public static class LlmTelemetry
        {
            private static readonly ActivitySource Source = new("Llm");

            public static void TrackCall(string name, DateTimeOffset start, TimeSpan duration)
            {
                using var activity = Source.StartActivity(name, ActivityKind.Client, default(ActivityContext), startTime: start);
                activity?.SetEndTime((start + duration).UtcDateTime);
            }
        }

        public class TurnsController : ControllerBase
        {
            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                var stopwatch = Stopwatch.StartNew();
                LlmTelemetry.TrackCall("chat", {|#0:turn.SentAt|}, stopwatch.Elapsed);
                LlmTelemetry.TrackCall("chat", DateTimeOffset.UtcNow - stopwatch.Elapsed, stopwatch.Elapsed);
                LlmTelemetry.TrackCall("chat", DateTimeOffset.Now, stopwatch.Elapsed);
                return Ok();
            }
        }
        """ + Dto,
        Client.Diagnostic().WithLocation(0).WithArguments("LlmTelemetry.TrackCall → ActivitySource.StartActivity", "the request body parameter 'turn'"));

    // ---- AIL0102: a non-UTC DateTime handed to a helper that stamps the span ----

    private const string Tracker = """
        using System;
        using System.Diagnostics;

        public static class LlmTelemetry
        {
            private static readonly ActivitySource Source = new("Llm");

            public static void TrackCall(string name, DateTime start, TimeSpan duration)
            {
                using var activity = Source.StartActivity(name);
                var began = start;
                activity?.SetStartTime(began);
                activity?.SetEndTime(start + duration);
            }

            public static void TrackTurn(DateTime start) => TrackCall("turn", start.AddMilliseconds(-5), TimeSpan.Zero);

            public static void TrackConverted(string name, DateTime start) => Source.StartActivity(name)?.SetStartTime(start.ToUniversalTime());

            public static void TrackReassigned(string name, DateTime start)
            {
                start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
                Source.StartActivity(name)?.SetStartTime(start);
            }
        }

        """;

    [Fact]
    public Task Non_utc_time_passed_to_a_track_helper() => NonUtc.VerifyAnalyzerAsync(Tracker + """
        public static class Caller
        {
            public static void Run(TimeSpan elapsed)
            {
                LlmTelemetry.TrackCall("chat", {|#0:DateTime.Now|}, elapsed);
                var started = DateTime.Today;
                LlmTelemetry.TrackTurn({|#1:started|});
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("LlmTelemetry.TrackCall → Activity.SetStartTime", "DateTime.Now (Kind Local)"),
        NonUtc.Diagnostic().WithLocation(1).WithArguments("LlmTelemetry.TrackTurn → Activity.SetStartTime", "'started' (from DateTime.Today (Kind Local))"));

    [Fact]
    public Task Utc_times_and_converting_helpers_are_not_flagged() => NonUtc.VerifyAnalyzerAsync(Tracker + """
        public static class Caller
        {
            public static void Run(TimeSpan elapsed, DateTime unknown)
            {
                LlmTelemetry.TrackCall("chat", DateTime.UtcNow, elapsed);
                LlmTelemetry.TrackCall("chat", unknown, elapsed);
                LlmTelemetry.TrackConverted("chat", DateTime.Now);
                LlmTelemetry.TrackReassigned("chat", DateTime.Now);
            }
        }
        """);

    private const string Wrapper = """
        public sealed class ScopedActivity(Activity? activity)
        {
            public void SetStartTime(DateTime startTime) => activity?.SetStartTime(startTime);

            public void SetEndTime(DateTime endTime) => activity?.SetEndTime(endTime.ToUniversalTime());
        }

        """;

    [Fact]
    public Task Wrapper_mirroring_the_activity_api_is_a_helper() => NonUtc.VerifyAnalyzerAsync(Usings + Wrapper + """
        public static class Caller
        {
            public static void Run(ScopedActivity scope)
            {
                scope.SetStartTime({|#0:DateTime.Now|});
                scope.SetStartTime(DateTime.UtcNow);
                scope.SetEndTime(DateTime.Now);
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("ScopedActivity.SetStartTime → Activity.SetStartTime", "DateTime.Now (Kind Local)"));

    [Fact]
    public Task Fix_rewrites_the_time_given_to_the_helper() => NonUtc.VerifyCodeFixAsync(
        Tracker + """
        public static class Caller
        {
            public static void Run(TimeSpan elapsed) => LlmTelemetry.TrackCall("chat", [|DateTime.Now|], elapsed);
        }
        """,
        Tracker + """
        public static class Caller
        {
            public static void Run(TimeSpan elapsed) => LlmTelemetry.TrackCall("chat", DateTime.UtcNow, elapsed);
        }
        """);

    [Theory]
    [InlineData("activity?.SetStartTime(RequestTimes.ReadSentAt(")]
    [InlineData("LlmTelemetry.TrackCall(\"chat\", DateTime.Now")]
    [InlineData("LlmTelemetry.TrackCall(\"chat\", DateTime.Now, TimeSpan.Zero); } static class RequestTimes { public static DateTimeOffset ReadSentAt(HttpRequest r) => DateTimeOffset.Parse(r.Headers[")]
    public async Task Half_typed_helper_calls_do_not_crash(string statement)
    {
        foreach (var code in new[]
        {
            Usings + "public class C : ControllerBase { [HttpPost] public void Post(Activity? activity) { " + statement + " } }",
        })
        {
            var clientTest = new AnalyzerTest<ClientTimestampAnalyzer> { TestCode = code, CompilerDiagnostics = CompilerDiagnostics.None };
            var nonUtcTest = new AnalyzerTest<NonUtcActivityTimeAnalyzer> { TestCode = Tracker.Replace("using System;\nusing System.Diagnostics;\n", string.Empty) + code, CompilerDiagnostics = CompilerDiagnostics.None };
            foreach (var run in new Func<Task>[] { () => clientTest.RunAsync(), () => nonUtcTest.RunAsync() })
            {
                try
                {
                    await run();
                }
                catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
                {
                    // Only "no analyzer exception" is asserted.
                }
            }
        }
    }
}
