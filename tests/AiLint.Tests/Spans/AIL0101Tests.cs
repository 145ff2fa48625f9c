using AiLint.Analyzers.Rules.Spans;
using AiLint.CodeFixes.Rules.Spans;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>AIL0101: span timestamps that come from the client.</summary>
public class AIL0101Tests
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

        public sealed record ChatTurn(string Text, DateTimeOffset SentAt, DateTime StartedUtc, long SentAtUnixMs, string SentAtText);
        """;

    // ---- Sources ----

    [Fact]
    public Task FromBody_property_read_into_SetStartTime() => Verify.VerifyAnalyzerAsync(Usings + """
        public class TurnsController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                using var activity = Source.StartActivity("turn");
                activity?.SetStartTime({|#0:turn.SentAt.UtcDateTime|});
                return Ok();
            }
        }
        """ + Dto,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request body parameter 'turn'"));

    [Theory]
    [InlineData("FromHeader(Name = \"X-Sent-At\")", "the request header parameter 'sentAt'")]
    [InlineData("FromQuery", "the query string parameter 'sentAt'")]
    [InlineData("FromRoute", "the route parameter 'sentAt'")]
    [InlineData("FromForm", "the form parameter 'sentAt'")]
    public Task Binding_attributes_are_client_sources(string attribute, string description) => Verify.VerifyAnalyzerAsync(Usings + $$"""
        public static class Handlers
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Handle([{{attribute}}] DateTimeOffset sentAt)
            {
                using var activity = Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), startTime: {|#0:sentAt|});
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", description));

    [Fact]
    public Task Implicitly_bound_action_parameter_through_locals_and_conversions() => Verify.VerifyAnalyzerAsync(Usings + """
        [ApiController]
        [Route("turns")]
        public class TurnsController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post(ChatTurn turn)
            {
                var sent = DateTimeOffset.FromUnixTimeMilliseconds(turn.SentAtUnixMs);
                var adjusted = sent.AddMilliseconds(-5);
                using var activity = Source.StartActivity("turn");
                activity?.SetStartTime({|#0:adjusted.UtcDateTime|});
                return Ok();
            }
        }
        """ + Dto,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound action parameter 'turn'"));

    [Fact]
    public Task Minimal_api_lambda_parameter_with_parse() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/turns", (ChatTurn turn) =>
                {
                    var started = DateTime.Parse(turn.SentAtText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                    using var activity = Source.StartActivity("turn");
                    activity?.SetEndTime({|#0:started|});
                    return Results.Ok();
                });
            }
        }
        """ + Dto,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "the request-bound handler parameter 'turn'"));

    [Fact]
    public Task HttpRequest_headers_and_ReadFromJsonAsync() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/raw", async (HttpRequest request) =>
                {
                    using var activity = Source.StartActivity("turn");
                    if (DateTimeOffset.TryParse(request.Headers["X-Sent-At"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var sentAt))
                    {
                        activity?.AddEvent(new ActivityEvent("sent", {|#0:sentAt|}));
                    }

                    var turn = await request.ReadFromJsonAsync<ChatTurn>();
                    activity?.AddException(new InvalidOperationException(), default, {|#1:turn!.SentAt|});
                });
            }
        }
        """ + Dto,
        Verify.Diagnostic().WithLocation(0).WithArguments("new ActivityEvent", "HttpRequest.Headers"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Activity.AddException", "the request body read by ReadFromJsonAsync"));

    [Fact]
    public Task SignalR_hub_method_argument() => Verify.VerifyAnalyzerAsync(Usings + """
        public class ChatHub : Microsoft.AspNetCore.SignalR.Hub
        {
            private static readonly ActivitySource Source = new("Chat");

            public void Typing(DateTimeOffset startedAt)
            {
                using var activity = Source.StartActivity("typing");
                activity?.SetStartTime({|#0:startedAt.UtcDateTime|});
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the SignalR hub method argument 'startedAt'"));

    [Fact]
    public Task Grpc_request_message_of_a_generated_service_base() => Verify.VerifyAnalyzerAsync(Usings + """
        namespace Chat
        {
            public sealed class TurnRequest { public long SentAtUnixMs { get; set; } }
            public sealed class TurnReply { }

            public static partial class TurnService
            {
                [Grpc.Core.BindServiceMethod(typeof(TurnService), "BindService")]
                public abstract partial class TurnServiceBase
                {
                    public virtual Task<TurnReply> Record(TurnRequest request, Grpc.Core.ServerCallContext context) => Task.FromResult(new TurnReply());
                }
            }

            public sealed class TurnServiceImpl : TurnService.TurnServiceBase
            {
                private static readonly ActivitySource Source = new("Chat");

                public override Task<TurnReply> Record(TurnRequest request, Grpc.Core.ServerCallContext context)
                {
                    using var activity = Source.StartActivity("turn");
                    activity?.SetStartTime({|#0:DateTimeOffset.FromUnixTimeMilliseconds(request.SentAtUnixMs).UtcDateTime|});
                    return Task.FromResult(new TurnReply());
                }
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the gRPC request message 'request'"));

    // ---- Sinks ----

    [Fact]
    public Task OpenTelemetry_tracer_and_span_sinks() => Verify.VerifyAnalyzerAsync(Usings + """
        using OpenTelemetry.Trace;

        public static class Endpoints
        {
            public static void Map(IEndpointRouteBuilder app, Tracer tracer)
            {
                app.MapPost("/turns", ([FromBody] ChatTurn turn) =>
                {
                    using var span = tracer.StartActiveSpan("turn", SpanKind.Server, default(SpanContext), startTime: {|#0:turn.SentAt|});
                    using var child = tracer.StartSpan("child", SpanKind.Internal, default(SpanContext), startTime: {|#1:turn.SentAt|});
                    using var root = tracer.StartRootSpan("root", SpanKind.Internal, null, null, {|#2:turn.SentAt|});
                    span.AddEvent("sent", {|#3:turn.SentAt|});
                    span.End({|#4:turn.SentAt.AddSeconds(1)|});
                });
            }
        }
        """ + Dto,
        Verify.Diagnostic().WithLocation(0).WithArguments("Tracer.StartActiveSpan", "the request body parameter 'turn'"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Tracer.StartSpan", "the request body parameter 'turn'"),
        Verify.Diagnostic().WithLocation(2).WithArguments("Tracer.StartRootSpan", "the request body parameter 'turn'"),
        Verify.Diagnostic().WithLocation(3).WithArguments("TelemetrySpan.AddEvent", "the request body parameter 'turn'"),
        Verify.Diagnostic().WithLocation(4).WithArguments("TelemetrySpan.End", "the request body parameter 'turn'"));

    [Fact]
    public Task Helper_method_of_the_compilation_is_followed() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class TurnTelemetry
        {
            public static void Stamp(Activity? activity, DateTimeOffset when) => StampUtc(activity, ToUtc(when));

            private static void StampUtc(Activity? activity, DateTime utc) => activity?.SetStartTime(utc);

            private static DateTime ToUtc(DateTimeOffset value) => value.UtcDateTime;
        }

        public class TurnsController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                using var activity = Source.StartActivity("turn");
                TurnTelemetry.Stamp(activity, {|#0:turn.SentAt|});
                TurnTelemetry.Stamp(activity, DateTimeOffset.UtcNow);
                return Ok();
            }
        }
        """ + Dto,
        Verify.Diagnostic().WithLocation(0).WithArguments("TurnTelemetry.Stamp → Activity.SetStartTime", "the request body parameter 'turn'"));

    private const string DeepHelpers = """
        public static class Deep
        {
            public static void H1(Activity? a, DateTimeOffset t) => H2(a, t);
            public static void H2(Activity? a, DateTimeOffset t) => H3(a, t);
            public static void H3(Activity? a, DateTimeOffset t) => H4(a, t);
            public static void H4(Activity? a, DateTimeOffset t) => H5(a, t);
            public static void H5(Activity? a, DateTimeOffset t) => a?.SetStartTime(t.UtcDateTime);
        }
        """;

    private const string CallsThroughFiveHelpers = """
        public class FarController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                using var activity = Source.StartActivity("turn");
                Deep.H1(activity, turn.SentAt); // five helpers deep: past the summary depth limit, not followed
                return Ok();
            }
        }
        """;

    private const string CallsThroughThreeHelpers = """
        public class NearController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                using var activity = Source.StartActivity("turn");
                Deep.H3(activity, {|#0:turn.SentAt|});
                return Ok();
            }
        }
        """;

    // Helper summaries cut by the depth limit must not leak through the cache into other call sites' answers, or the
    // result would depend on which method happens to be analysed first (and so on concurrent scheduling).
    [Fact]
    public async Task Depth_limited_helper_chains_give_the_same_answer_in_any_analysis_order()
    {
        await Verify.VerifyAnalyzerAsync(Usings + DeepHelpers + CallsThroughFiveHelpers + CallsThroughThreeHelpers + Dto, Verify.Diagnostic().WithLocation(0));
        await Verify.VerifyAnalyzerAsync(Usings + CallsThroughThreeHelpers + CallsThroughFiveHelpers + DeepHelpers + Dto, Verify.Diagnostic().WithLocation(0));
    }

    // ---- Exclusions ----

    [Fact]
    public Task Server_clocks_are_not_flagged() => Verify.VerifyAnalyzerAsync(Usings + """
        public class TurnsController(TimeProvider clock) : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                var watch = Stopwatch.StartNew();
                using var activity = Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), startTime: clock.GetUtcNow());
                activity?.SetStartTime(DateTime.UtcNow);
                activity?.AddEvent(new ActivityEvent("sent", DateTimeOffset.UtcNow));
                activity?.SetEndTime(activity.StartTimeUtc + watch.Elapsed);
                return Ok();
            }
        }
        """ + Dto);

    [Fact]
    public Task Client_time_recorded_as_a_tag_is_not_flagged() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/turns", ([FromBody] ChatTurn turn) =>
                {
                    using var activity = Source.StartActivity("turn");
                    activity?.SetTag("client.timestamp", turn.SentAt);
                    activity?.AddEvent(new ActivityEvent("sent", tags: new ActivityTagsCollection { { "client.timestamp", turn.SentAt } }));
                });
            }
        }
        """ + Dto);

    [Fact]
    public Task Client_measured_duration_added_to_the_server_clock_is_not_flagged() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/turns", ([FromBody] ChatTurn turn, [FromQuery] int typingMs) =>
                {
                    using var activity = Source.StartActivity("turn");
                    activity?.SetStartTime(DateTime.UtcNow - TimeSpan.FromMilliseconds(typingMs));
                });
            }
        }
        """ + Dto);

    [Fact]
    public Task Database_and_provider_response_times_are_not_flagged() => Verify.VerifyAnalyzerAsync(Usings + """
        using System.Collections.Generic;
        using OpenAI.Chat;

        public interface ITurnStore { Task<DateTimeOffset> GetStartedAtAsync(string turnId); }

        public class TurnsController(ITurnStore store, ChatClient chat) : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost("{turnId}")]
            public async Task<IActionResult> Post([FromRoute] string turnId, [FromBody] ChatTurn turn)
            {
                var startedAt = await store.GetStartedAtAsync(turnId);
                ChatCompletion completion = await chat.CompleteChatAsync(new List<ChatMessage> { new UserChatMessage(turn.Text) });
                using var activity = Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), startTime: startedAt);
                activity?.AddEvent(new ActivityEvent("completion.created", completion.CreatedAt));
                return Ok();
            }
        }
        """ + Dto);

    [Fact]
    public Task Services_and_non_handler_parameters_are_not_client_sources() => Verify.VerifyAnalyzerAsync(Usings + """
        public sealed class Backfill
        {
            private static readonly ActivitySource Source = new("Import");

            // A plain method: its caller decides where the value comes from (durable history here).
            public void Replay(DateTimeOffset recordedAt)
            {
                using var activity = Source.StartActivity("replay", ActivityKind.Internal, default(ActivityContext), startTime: recordedAt);
            }
        }

        public class TurnsController : ControllerBase
        {
            [NonAction]
            public void Replay(DateTimeOffset recordedAt) => new Backfill().Replay(recordedAt);

            [HttpPost]
            public IActionResult Post([FromServices] TimeProvider clock)
            {
                new Backfill().Replay(clock.GetUtcNow());
                return Ok();
            }
        }
        """);

    [Fact]
    public Task No_diagnostic_without_span_apis()
    {
        var test = new AnalyzerTest<ClientTimestampAnalyzer>
        {
            TestCode = """
                public class C { public void M(System.DateTime t) { } }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Half_typed_code_does_not_crash()
    {
        var test = new AnalyzerTest<ClientTimestampAnalyzer>
        {
            TestCode = Usings + """
                public static class Endpoints
                {
                    public static void Map(IEndpointRouteBuilder app)
                    {
                        app.MapPost("/turns", ([FromBody] Missing turn) =>
                        {
                            using var activity = new ActivitySource("x").StartActivity(
                            activity?.SetStartTime(turn.SentAt.
                            activity?.SetEndTime(Unknown(turn));
                            Helper(activity, turn
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    // ---- Code fix ----

    [Fact]
    public Task Fix_uses_the_injected_TimeProvider_and_tags_the_client_time() => CSharpCodeFixVerifier<ClientTimestampAnalyzer, ClientTimestampCodeFixProvider>.VerifyCodeFixAsync(
        Usings + """
        public class TurnsController(TimeProvider clock) : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                using var activity = Source.StartActivity("turn");
                activity?.SetStartTime([|turn.SentAt.UtcDateTime|]);
                activity?.AddException(new InvalidOperationException(), default, [|turn.SentAt|]);
                return Ok();
            }
        }
        """ + Dto,
        Usings + """
        public class TurnsController(TimeProvider clock) : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                using var activity = Source.StartActivity("turn");
                activity?.SetTag("client.timestamp", turn.SentAt.UtcDateTime);
                activity?.SetStartTime(clock.GetUtcNow().UtcDateTime);
                activity?.SetTag("client.exception_timestamp", turn.SentAt);
                activity?.AddException(new InvalidOperationException(), default, clock.GetUtcNow());
                return Ok();
            }
        }
        """ + Dto);

    [Fact]
    public Task Fix_uses_UtcNow_for_StartActivity_events_and_end_time() => CSharpCodeFixVerifier<ClientTimestampAnalyzer, ClientTimestampCodeFixProvider>.VerifyCodeFixAsync(
        Usings + """
        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/turns", ([FromBody] ChatTurn turn) =>
                {
                    using var activity = Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), startTime: [|turn.SentAt|]);
                    activity?.AddEvent(new ActivityEvent("sent", [|turn.SentAt|]));
                    activity?.SetEndTime([|turn.StartedUtc|]);
                });
            }
        }
        """ + Dto,
        Usings + """
        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/turns", ([FromBody] ChatTurn turn) =>
                {
                    using var activity = Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), startTime: DateTimeOffset.UtcNow);
                    activity?.SetTag("client.timestamp", turn.SentAt);
                    activity?.AddEvent(new ActivityEvent("sent", DateTimeOffset.UtcNow, tags: new ActivityTagsCollection { { "client.timestamp", turn.SentAt } }));
                    activity?.SetTag("client.end_timestamp", turn.StartedUtc);
                    activity?.SetEndTime(DateTime.UtcNow);
                });
            }
        }
        """ + Dto);

    [Fact]
    public Task Fix_on_an_OpenTelemetry_span_records_an_ISO_8601_attribute() => CSharpCodeFixVerifier<ClientTimestampAnalyzer, ClientTimestampCodeFixProvider>.VerifyCodeFixAsync(
        """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using OpenTelemetry.Trace;

        public static class Endpoints
        {
            public static void Map(IEndpointRouteBuilder app, Tracer tracer)
            {
                app.MapPost("/turns", ([FromBody] ChatTurn turn, TimeProvider clock) =>
                {
                    using var span = tracer.StartActiveSpan("turn", SpanKind.Server, default(SpanContext), startTime: [|turn.SentAt|]);
                    span.End([|turn.SentAt.AddSeconds(1)|]);
                });
            }
        }
        """ + Dto,
        """
        using System;
        using System.Globalization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using OpenTelemetry.Trace;

        public static class Endpoints
        {
            public static void Map(IEndpointRouteBuilder app, Tracer tracer)
            {
                app.MapPost("/turns", ([FromBody] ChatTurn turn, TimeProvider clock) =>
                {
                    using var span = tracer.StartActiveSpan("turn", SpanKind.Server, default(SpanContext), startTime: clock.GetUtcNow());
                    span.SetAttribute("client.timestamp", turn.SentAt.ToString("O", CultureInfo.InvariantCulture));
                    span.SetAttribute("client.end_timestamp", turn.SentAt.AddSeconds(1).ToString("O", CultureInfo.InvariantCulture));
                    span.End(clock.GetUtcNow());
                });
            }
        }
        """ + Dto);

    [Fact]
    public async Task No_fix_through_a_helper_or_without_a_place_for_the_tag()
    {
        const string code = Usings + """
            public static class TurnTelemetry
            {
                public static void Stamp(Activity? activity, DateTimeOffset when) => activity?.SetStartTime(when.UtcDateTime);
            }

            public class TurnsController : ControllerBase
            {
                private static readonly ActivitySource Source = new("Chat");

                [HttpPost]
                public IActionResult Post([FromBody] ChatTurn turn)
                {
                    TurnTelemetry.Stamp(Source.StartActivity("turn"), [|turn.SentAt|]);
                    Source.StartActivity("a")?.SetStartTime([|turn.StartedUtc|]);
                    return Ok();
                }
            }
            """ + Dto;
        await new CodeFixTest<ClientTimestampAnalyzer, ClientTimestampCodeFixProvider> { TestCode = code, FixedCode = code }.RunAsync();
    }
}
