using AiLint.Analyzers.Rules.Spans;
using AiLint.CodeFixes.Rules.Spans;
using AiLint.Tests.Verifiers;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;
using NonUtc = AiLint.Tests.Verifiers.CSharpCodeFixVerifier<
    AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer,
    AiLint.CodeFixes.Rules.Spans.NonUtcActivityTimeCodeFixProvider>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0101 in the shapes of endpoints that turn what a client sends into spans: a batch of recorded LLM events replayed
/// one span each, a request DTO mapped into a record before the span is stamped, a SignalR message DTO, a telemetry
/// class injected into a controller. Each positive sits next to the server-clock code real apps write beside it.
/// </summary>
public class ClientEventIngestionTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Linq;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;

        """;

    private const string Events = """

        public sealed record LlmEvent(string Operation, string Model, DateTimeOffset StartedAt, DateTimeOffset EndedAt);
        public sealed record LlmEventBatch(string Session, List<LlmEvent> Events);
        """;

    // An ingestion endpoint replays each client event as a span, stamping it with the event's own times (filtered and
    // ordered with LINQ first); the full StartActivity overload is called with named tags, links and startTime.
    [Fact]
    public Task Replayed_client_events_stamp_spans_with_client_times() => Client.VerifyAnalyzerAsync(Usings + """
        public static class IngestEndpoints
        {
            private static readonly ActivitySource Source = new("ingest");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/v1/llm-events", (LlmEventBatch batch) =>
                {
                    foreach (var evt in batch.Events.Where(e => e.Model.Length > 0).OrderBy(e => e.StartedAt))
                    {
                        using var span = Source.StartActivity(evt.Operation, ActivityKind.Client, parentContext: default, tags: null, links: null, startTime: {|#0:evt.StartedAt|});
                        span?.SetTag("gen_ai.request.model", evt.Model);
                        span?.SetEndTime({|#1:evt.EndedAt.UtcDateTime|});
                    }

                    return Results.Accepted();
                });
            }
        }
        """ + Events,
        Client.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", "the request-bound handler parameter 'batch'"),
        Client.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "the request-bound handler parameter 'batch'"));

    // The same endpoint done right: the server's receive time starts each span, the client's times become tags, and the
    // client-measured duration (which carries no clock skew) sets the end. A parent context parsed from the client's
    // traceparent header is not a timestamp.
    [Fact]
    public Task Replayed_events_on_the_server_clock_with_client_times_as_tags_are_fine() => Client.VerifyAnalyzerAsync(Usings + """
        public static class IngestEndpoints
        {
            private static readonly ActivitySource Source = new("ingest");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/v1/llm-events", (LlmEventBatch batch, HttpRequest request, TimeProvider clock) =>
                {
                    var received = clock.GetUtcNow();
                    ActivityContext.TryParse(request.Headers["traceparent"], request.Headers["tracestate"], out var parent);
                    foreach (var evt in batch.Events)
                    {
                        var tags = new ActivityTagsCollection { { "client.started_at", evt.StartedAt } };
                        using var span = Source.StartActivity(evt.Operation, ActivityKind.Client, parent, tags, links: null, startTime: received);
                        span?.SetTag("client.ended_at", evt.EndedAt);
                        span?.SetEndTime(received.UtcDateTime + (evt.EndedAt - evt.StartedAt));
                    }

                    return Results.Accepted();
                });
            }
        }
        """ + Events);

    private const string Mapped = """

        public sealed record ChatTurnDto(string Model, string Prompt, DateTimeOffset ClientSentAt);

        public sealed class LlmCallRecord
        {
            public string Model { get; set; } = "";
            public DateTimeOffset ClientSentAt { get; set; }
            public DateTimeOffset ReceivedAt { get; set; }
        }

        public sealed record LlmCall(string Model, DateTimeOffset SentAt, DateTimeOffset ReceivedAt);
        """;

    // The request DTO is mapped into a record, a positional record or an anonymous object before the span is stamped:
    // the member that was given the client's time is reported, the member given the server clock is not.
    [Fact]
    public Task Members_of_an_object_mapped_from_the_request_carry_what_was_put_in_them() => Client.VerifyAnalyzerAsync(Usings + """
        public class TurnsController(TimeProvider clock) : ControllerBase
        {
            private static readonly ActivitySource Source = new("chat");

            [HttpPost("turns")]
            public IActionResult Post([FromBody] ChatTurnDto dto)
            {
                var record = new LlmCallRecord { Model = dto.Model, ClientSentAt = dto.ClientSentAt, ReceivedAt = clock.GetUtcNow() };
                using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext), startTime: record.ReceivedAt);
                activity?.SetTag("client.sent_at", record.ClientSentAt);
                activity?.AddEvent(new ActivityEvent("client.sent", {|#0:record.ClientSentAt|}));

                var call = new LlmCall(dto.Model, dto.ClientSentAt, clock.GetUtcNow());
                activity?.SetStartTime(call.ReceivedAt.UtcDateTime);
                activity?.SetStartTime({|#1:call.SentAt.UtcDateTime|});

                var shape = new { dto.Model, Sent = dto.ClientSentAt, Now = clock.GetUtcNow() };
                activity?.SetEndTime(shape.Now.UtcDateTime);
                activity?.SetEndTime({|#2:shape.Sent.UtcDateTime|});
                return Ok();
            }
        }
        """ + Mapped,
        Client.Diagnostic().WithLocation(0).WithArguments("new ActivityEvent", "the request body parameter 'dto'"),
        Client.Diagnostic().WithLocation(1).WithArguments("Activity.SetStartTime", "the request body parameter 'dto'"),
        Client.Diagnostic().WithLocation(2).WithArguments("Activity.SetEndTime", "the request body parameter 'dto'"));

    // The mapping lives in a method of the project (an extension on the DTO, a static mapper): each member read is traced
    // through the mapper to the argument it came from, so the server time the mapper is given is not the client's.
    [Fact]
    public Task Members_of_an_object_built_by_a_project_mapper_are_traced_through_it() => Client.VerifyAnalyzerAsync(Usings + """
        public static class LlmCallMapping
        {
            public static LlmCallRecord ToRecord(this ChatTurnDto dto, DateTimeOffset receivedAt) =>
                new LlmCallRecord { Model = dto.Model, ClientSentAt = dto.ClientSentAt, ReceivedAt = receivedAt };

            public static LlmCall? ToCall(ChatTurnDto? dto)
            {
                if (dto is null)
                {
                    return null;
                }

                return new(dto.Model, dto.ClientSentAt, DateTimeOffset.UtcNow);
            }
        }

        public class TurnsController(TimeProvider clock) : ControllerBase
        {
            private static readonly ActivitySource Source = new("chat");

            [HttpPost("turns")]
            public IActionResult Post([FromBody] ChatTurnDto dto)
            {
                var record = dto.ToRecord(clock.GetUtcNow());
                using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext), startTime: record.ReceivedAt);
                activity?.SetEndTime({|#0:record.ClientSentAt.UtcDateTime|});
                activity?.SetStartTime(LlmCallMapping.ToCall(dto)!.ReceivedAt.UtcDateTime);
                activity?.SetStartTime({|#1:LlmCallMapping.ToCall(dto)!.SentAt.UtcDateTime|});
                return Ok();
            }
        }
        """ + Mapped,
        Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "the request body parameter 'dto'"),
        Client.Diagnostic().WithLocation(1).WithArguments("Activity.SetStartTime", "the request body parameter 'dto'"));

    // A mapped object whose member is overwritten with the server clock, or that a method may change, is not judged by
    // what it was built with.
    [Fact]
    public Task Mapped_objects_changed_after_they_are_built_are_not_reported() => Client.VerifyAnalyzerAsync(Usings + """
        public class TurnsController(TimeProvider clock) : ControllerBase
        {
            private static readonly ActivitySource Source = new("chat");

            [HttpPost("turns")]
            public IActionResult Post([FromBody] ChatTurnDto dto)
            {
                using var activity = Source.StartActivity("chat.turn");
                var record = new LlmCallRecord { ClientSentAt = dto.ClientSentAt };
                record.ClientSentAt = clock.GetUtcNow();
                activity?.SetStartTime(record.ClientSentAt.UtcDateTime);

                var other = new LlmCallRecord { ClientSentAt = dto.ClientSentAt };
                Normalize(other);
                activity?.SetEndTime(other.ClientSentAt.UtcDateTime);
                return Ok();
            }

            private void Normalize(LlmCallRecord record) => record.ClientSentAt = clock.GetUtcNow();
        }
        """ + Mapped);

    // A SignalR hub method takes a message DTO and starts the span at the time the browser put in it.
    [Fact]
    public Task SignalR_message_dto_time_is_reported_the_server_clock_is_not() => Client.VerifyAnalyzerAsync(Usings + """
        public sealed record TypingEvent(string ConversationId, DateTimeOffset StartedAt);

        public class ChatHub(TimeProvider clock) : Microsoft.AspNetCore.SignalR.Hub
        {
            private static readonly ActivitySource Source = new("chat");

            public void Typing(TypingEvent message)
            {
                using var client = Source.StartActivity("typing", ActivityKind.Server, default(ActivityContext), startTime: {|#0:message.StartedAt|});
                using var server = Source.StartActivity("typing", ActivityKind.Server, default(ActivityContext), startTime: clock.GetUtcNow());
                server?.SetTag("client.started_at", message.StartedAt);
            }
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", "the SignalR hub method argument 'message'"));

    // A telemetry class of the project, injected into the controller, stamps the span with the time it is given.
    [Fact]
    public Task Injected_telemetry_class_given_the_client_time_is_reported() => Client.VerifyAnalyzerAsync(Usings + """
        public sealed class LlmTelemetry
        {
            private static readonly ActivitySource Source = new("llm");

            public void TrackCall(string model, DateTimeOffset startedAt, TimeSpan elapsed)
            {
                using var activity = Source.StartActivity("llm.call", ActivityKind.Client, default(ActivityContext), startTime: startedAt);
                activity?.SetTag("gen_ai.request.model", model);
            }
        }

        public class TurnsController(LlmTelemetry telemetry, TimeProvider clock) : ControllerBase
        {
            [HttpPost("turns")]
            public IActionResult Post([FromBody] ChatTurnDto dto)
            {
                var started = clock.GetTimestamp();
                var elapsed = clock.GetElapsedTime(started);
                telemetry.TrackCall(dto.Model, {|#0:dto.ClientSentAt|}, elapsed);
                telemetry.TrackCall(dto.Model, clock.GetUtcNow() - elapsed, elapsed);
                return Ok();
            }
        }
        """ + Mapped,
        Client.Diagnostic().WithLocation(0).WithArguments("LlmTelemetry.TrackCall → ActivitySource.StartActivity", "the request body parameter 'dto'"));

    // eShop-style endpoint class: the registration method maps its own static methods as handlers (method groups), and
    // their parameters are bound from the request like a lambda's. A helper of the same class that is not mapped, and a
    // mapped handler's services, are not client sources.
    [Fact]
    public Task Method_group_handlers_mapped_by_their_own_class_are_request_bound() => Client.VerifyAnalyzerAsync(Usings + """
        public sealed record TurnRequest(string Model, DateTimeOffset SentAt);

        public static class TurnEndpoints
        {
            private static readonly ActivitySource Source = new("chat");

            public static RouteGroupBuilder MapTurnEndpoints(this IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/api/turns");
                group.MapPost("/", RecordTurn);
                group.MapPost("/server", RecordOnServerClock);
                return group;
            }

            private static IResult RecordTurn(TurnRequest turn, TimeProvider clock)
            {
                using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext), startTime: {|#0:turn.SentAt|});
                Backfill(activity, clock.GetUtcNow());
                return Results.Ok();
            }

            private static IResult RecordOnServerClock(TurnRequest turn, TimeProvider clock)
            {
                using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext), startTime: clock.GetUtcNow());
                activity?.SetTag("client.sent_at", turn.SentAt);
                return Results.Ok();
            }

            // Not mapped: its caller decides where the time comes from.
            private static void Backfill(Activity? activity, DateTimeOffset at) => activity?.SetStartTime(at.UtcDateTime);
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", "the request-bound handler parameter 'turn'"));

    // Top-level Program.cs mapping a local function.
    [Fact]
    public Task Local_function_handler_of_top_level_statements_is_request_bound() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings + """
            var app = WebApplication.Create(args);
            app.MapPost("/turns", Record);
            app.MapPost("/turns/server", RecordOnServer);
            app.Run();

            static void Record(TurnRequest turn) =>
                Source.Instance.StartActivity("t", ActivityKind.Server, default(ActivityContext), startTime: {|#0:turn.SentAt|})?.Dispose();

            static void RecordOnServer(TurnRequest turn, TimeProvider clock) =>
                Source.Instance.StartActivity("t", ActivityKind.Server, default(ActivityContext), startTime: clock.GetUtcNow())?.Dispose();

            public sealed record TurnRequest(string Model, DateTimeOffset SentAt);

            public static class Source
            {
                public static readonly ActivitySource Instance = new("chat");
            }
            """,
        OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
        ExpectedDiagnostics = { Client.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", "the request-bound handler parameter 'turn'") },
    }.RunAsync();

    [Fact]
    public Task Half_typed_mapped_objects_do_not_crash() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings + """
            public class TurnsController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post([FromBody] ChatTurnDto dto)
                {
                    using var activity = new ActivitySource("x").StartActivity("t");
                    var record = new LlmCallRecord { ClientSentAt = , Missing = dto.ClientSentAt };
                    activity?.SetStartTime(record.ClientSentAt.UtcDateTime);
                    var call = new LlmCall(dto.Model, );
                    activity?.SetEndTime(call.SentAt.
                    var shape = new { Sent = dto. };
                    activity?.SetEndTime(shape.Sent.UtcDateTime);
            """ + Mapped,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();
}

/// <summary>
/// AIL0102 in the shapes of LLM-call timers and clock code: a private start stamp set in one method and read when the
/// span closes, the UTC clocks read through <c>.DateTime</c> (Kind Unspecified), and the UTC-producing calls next to them.
/// </summary>
public class NonUtcTimerAndClockShapesTests
{
    private static string Wrap(string body, string usings = "using System;\nusing System.Diagnostics;\nusing System.Globalization;\n") => usings + $$"""

        public static class Turn
        {
            public static void Record(Activity activity, TimeProvider clock, long unixMs, long bits, string text)
            {
        {{body}}
            }
        }
        """;

    // DateTimeOffset.DateTime is always Kind Unspecified, even on a UTC offset: the server clock read this way is
    // dropped just like DateTime.Now.
    [Theory]
    [InlineData("clock.GetUtcNow().DateTime")]
    [InlineData("clock.GetLocalNow().DateTime")]
    [InlineData("DateTimeOffset.UtcNow.DateTime")]
    [InlineData("DateTimeOffset.FromUnixTimeMilliseconds(unixMs).DateTime")]
    public Task Utc_clocks_read_through_DateTime_are_reported(string value) => NonUtc.VerifyAnalyzerAsync(
        Wrap($"        activity.SetStartTime({{|#0:{value}|}});"),
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "DateTimeOffset.DateTime (Kind Unspecified)"));

    [Fact]
    public Task Utc_clocks_read_through_DateTime_are_fixed_with_UtcDateTime() => NonUtc.VerifyCodeFixAsync(
        Wrap("""
                    activity.SetStartTime([|clock.GetUtcNow().DateTime|]);
                    activity.SetEndTime([|DateTimeOffset.FromUnixTimeMilliseconds(unixMs).DateTime|]);
            """),
        Wrap("""
                    activity.SetStartTime(clock.GetUtcNow().UtcDateTime);
                    activity.SetEndTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime);
            """));

    [Fact]
    public Task Date_only_constructor_without_a_kind_is_reported() => NonUtc.VerifyAnalyzerAsync(
        Wrap("        activity.SetStartTime({|#0:new DateTime(2026, 5, 1)|});"),
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "new DateTime(...) without DateTimeKind.Utc (Kind Unspecified)"));

    // FromBinary restores the Kind that ToBinary stored, so its Kind is unknown here, not "not Utc".
    [Theory]
    [InlineData("DateTime.FromBinary(bits)")]
    [InlineData("DateTime.FromFileTimeUtc(bits)")]
    [InlineData("DateTime.UnixEpoch.AddMilliseconds(unixMs)")]
    [InlineData("DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)")]
    [InlineData("DateTime.ParseExact(text, \"O\", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)")]
    [InlineData("DateTime.SpecifyKind(new DateTime(2026, 5, 1), DateTimeKind.Utc)")]
    [InlineData("new DateTime(unixMs, DateTimeKind.Utc)")]
    [InlineData("DateTime.Now.ToUniversalTime()")]
    [InlineData("clock.GetUtcNow().UtcDateTime")]
    [InlineData("clock.GetLocalNow().UtcDateTime")]
    [InlineData("DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime")]
    public Task Utc_and_unknown_kind_values_are_not_reported(string value) =>
        NonUtc.VerifyAnalyzerAsync(Wrap($"        activity.SetStartTime({value});"));

    // dotnet/sdk starts its main activity in one fluent chain off CreateActivity.
    [Fact]
    public Task Fluent_chain_off_CreateActivity_is_checked() => NonUtc.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        public static class Cli
        {
            private static readonly ActivitySource Source = new("cli");
            public static Activity? Start() =>
                Source.CreateActivity("main", ActivityKind.Internal)?.Start()?.SetStartTime({|#0:DateTime.Now|})?.AddTag("process.pid", 1);
            public static Activity? StartUtc() =>
                Source.CreateActivity("main", ActivityKind.Internal)?.Start()?.SetStartTime(DateTime.UtcNow)?.AddTag("process.pid", 1);
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "DateTime.Now (Kind Local)"));

    // An LLM-call scope stamps its start in one method and closes the span in Dispose: a private field (or a property
    // with a private setter) that only its own type writes, with DateTime.Now each time.
    [Fact]
    public Task Private_start_stamp_set_to_local_now_elsewhere_in_the_type_is_reported_and_fixed() => NonUtc.VerifyCodeFixAsync(
        """
        using System;
        using System.Diagnostics;
        public sealed class LlmCallScope : IDisposable
        {
            private static readonly ActivitySource Source = new("llm");
            private readonly Activity? activity = Source.StartActivity("llm.call");
            private DateTime started;
            private DateTime firstToken;
            private DateTime StartedUtc { get; set; }
            public DateTime Finished { get; private set; }

            public void Begin()
            {
                started = DateTime.Now;
                StartedUtc = DateTime.UtcNow;
            }

            public void OnFirstToken() => firstToken = DateTime.Now;

            public void Dispose()
            {
                Finished = DateTime.Now;
                activity?.SetStartTime({|#0:started|});
                activity?.AddEvent(new ActivityEvent("first_token", firstToken));
                activity?.SetStartTime(StartedUtc);
                activity?.SetEndTime({|#1:Finished|});
                activity?.Dispose();
            }
        }
        """,
        """
        using System;
        using System.Diagnostics;
        public sealed class LlmCallScope : IDisposable
        {
            private static readonly ActivitySource Source = new("llm");
            private readonly Activity? activity = Source.StartActivity("llm.call");
            private DateTime started;
            private DateTime firstToken;
            private DateTime StartedUtc { get; set; }
            public DateTime Finished { get; private set; }

            public void Begin()
            {
                started = DateTime.UtcNow;
                StartedUtc = DateTime.UtcNow;
            }

            public void OnFirstToken() => firstToken = DateTime.Now;

            public void Dispose()
            {
                Finished = DateTime.UtcNow;
                activity?.SetStartTime(started);
                activity?.AddEvent(new ActivityEvent("first_token", firstToken));
                activity?.SetStartTime(StartedUtc);
                activity?.SetEndTime(Finished);
                activity?.Dispose();
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "'started' (from DateTime.Now (Kind Local))"),
        NonUtc.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "'Finished' (from DateTime.Now (Kind Local))"));

    // Members others can write, members written once with a UTC or unknown value, never written, passed by ref, or
    // carrying a serializer attribute are not reported.
    [Fact]
    public Task Private_members_with_a_utc_or_unknown_write_and_members_others_can_write_are_not_reported() => NonUtc.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        using System.Runtime.Serialization;
        public sealed class Timers
        {
            private DateTime mixed = DateTime.Now;
            private DateTime never;
            private DateTime given = DateTime.Now;
            internal DateTime shared = DateTime.Now;
            [DataMember] private DateTime serialized = DateTime.Now;
            private DateTime byRef = DateTime.Now;
            private DateTime shifted = DateTime.Now;
            public DateTime Settable { get; set; } = DateTime.Now;
            public DateTime Initable { get; init; } = DateTime.Now;
            protected DateTime Inherited { get; private protected set; } = DateTime.Now;
            private DateTime Computed { get => shifted; set => shifted = value; }

            public void Reset(DateTime at)
            {
                mixed = DateTime.UtcNow;
                given = at;
                Touch(ref byRef);
                shifted += TimeSpan.FromSeconds(1);
            }

            private static void Touch(ref DateTime value) => value = DateTime.UtcNow;

            public void Close(Activity activity)
            {
                activity.SetStartTime(mixed);
                activity.SetStartTime(never);
                activity.SetStartTime(given);
                activity.SetStartTime(shared);
                activity.SetStartTime(serialized);
                activity.SetStartTime(byRef);
                activity.SetStartTime(shifted);
                activity.SetEndTime(Settable);
                activity.SetEndTime(Initable);
                activity.SetEndTime(Inherited);
                activity.SetEndTime(Computed);
            }
        }
        """);

    // A nullable stamp, set when the call starts and read with .Value (or through ??) when the span closes.
    [Fact]
    public Task Nullable_stamps_read_with_Value_or_coalesced_are_followed() => NonUtc.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        public sealed class StreamingCall
        {
            private DateTime? firstToken;
            private DateTime? firstTokenUtc;
            private DateTime? resettable;

            public void OnToken()
            {
                firstToken ??= DateTime.Now;
                firstTokenUtc = DateTime.UtcNow;
                resettable = DateTime.Now;
            }

            public void Reset() => resettable = null;

            public void Close(Activity activity)
            {
                DateTime? started = DateTime.Now;
                activity.SetStartTime({|#0:started.Value|});
                activity.SetStartTime({|#1:started ?? DateTime.Now|});
                // Left side set, so the local time is what the span gets; the UTC fallback is never used here.
                activity.SetStartTime({|#3:started ?? DateTime.UtcNow|});
                activity.SetStartTime({|#2:started.GetValueOrDefault()|});
                activity.SetStartTime(firstToken ?? DateTime.UtcNow);
                activity.SetEndTime(firstTokenUtc.Value);
                activity.SetEndTime(resettable.Value);
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "'started' (from DateTime.Now (Kind Local))"),
        NonUtc.Diagnostic().WithLocation(1).WithArguments("Activity.SetStartTime", "'started' (from DateTime.Now (Kind Local))"),
        NonUtc.Diagnostic().WithLocation(2).WithArguments("Activity.SetStartTime", "'started' (from DateTime.Now (Kind Local))"),
        NonUtc.Diagnostic().WithLocation(3).WithArguments("Activity.SetStartTime", "'started' (from DateTime.Now (Kind Local))"));

    [Fact]
    public Task Half_typed_private_stamps_do_not_crash() => new AnalyzerTest<NonUtcActivityTimeAnalyzer>
    {
        TestCode = """
            using System;
            using System.Diagnostics;
            public sealed class Scope
            {
                private DateTime started;
                private DateTime Ended { get; private set; }
                public void Begin() { started = ; Ended = DateTime.; (started, ) = (DateTime.Now, 1); }
                public void Close(Activity a)
                {
                    a.SetStartTime(started);
                    a.SetEndTime(Ended.
                    a.SetEndTime(this.Missing);
            """,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();
}
