using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0101 (review 15, M1): a client value read from the request's collections with <c>TryGetValue(key, out var v)</c>
/// is as much the client's as the indexer's result. Each positive has the correct code (server clock, the activity's
/// own time, server-side <c>HttpContext.Items</c>, an outgoing <c>HttpRequestMessage</c>) beside it.
/// </summary>
public class RequestCollectionTryGetValueTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Globalization;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;

        """;

    // ---- The repro (review15/Repro/HeaderTryGetValue, endpoint /trygetvalue) ----

    [Fact]
    public Task Header_read_with_TryGetValue_then_TryParse_is_reported() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Repro");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/trygetvalue", (HttpRequest request) =>
                {
                    using var activity = Source.StartActivity("trygetvalue");
                    if (request.Headers.TryGetValue("X-Sent-At", out var raw) && DateTimeOffset.TryParse(raw.ToString(), out var sentAt))
                        activity?.SetStartTime({|#0:sentAt.UtcDateTime|});
                    return Results.NoContent();
                });
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "HttpRequest.Headers"));

    [Fact]
    public Task Header_read_with_TryGetValue_kept_as_a_tag_while_the_span_uses_the_server_clock_is_not_reported() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Repro");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/trygetvalue", (HttpRequest request, TimeProvider clock) =>
                {
                    using var activity = Source.StartActivity("trygetvalue");
                    var started = clock.GetTimestamp();
                    if (request.Headers.TryGetValue("X-Sent-At", out var raw) && DateTimeOffset.TryParse(raw.ToString(), out var sentAt))
                    {
                        activity?.SetTag("client.timestamp", sentAt);
                        activity?.SetStartTime(clock.GetUtcNow().UtcDateTime);
                    }

                    // The activity's own clock, plus a duration the server measured.
                    activity?.SetEndTime(activity.StartTimeUtc + clock.GetElapsedTime(started));
                    return Results.NoContent();
                });
            }
        }
        """);

    // ---- Other collections of the request and other ways to read the entry ----

    [Fact]
    public Task Middleware_header_in_unix_milliseconds_through_FirstOrDefault_and_long_TryParse_is_reported() => Verify.VerifyAnalyzerAsync(Usings + """
        public sealed class ClientTimingMiddleware
        {
            private static readonly ActivitySource Source = new("Gateway");
            private readonly RequestDelegate next;

            public ClientTimingMiddleware(RequestDelegate next) => this.next = next;

            public async Task InvokeAsync(HttpContext context)
            {
                DateTimeOffset start = DateTimeOffset.UtcNow;
                if (context.Request.Headers.TryGetValue("X-Sent-At-Ms", out var values) && long.TryParse(values.FirstOrDefault(), out var ms))
                {
                    start = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                }

                using var activity = Source.StartActivity("gateway", ActivityKind.Server, default(ActivityContext), startTime: {|#0:start|});
                await next(context);
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", "HttpRequest.Headers"));

    [Fact]
    public Task Middleware_start_time_from_HttpContext_Items_is_the_servers_and_not_reported() => Verify.VerifyAnalyzerAsync(Usings + """
        public sealed class LlmTimingMiddleware
        {
            private static readonly ActivitySource Source = new("Gateway");
            private readonly RequestDelegate next;

            public LlmTimingMiddleware(RequestDelegate next) => this.next = next;

            public async Task InvokeAsync(HttpContext context)
            {
                // Stored by the app's own earlier middleware: the server's clock.
                using var activity = Source.StartActivity("llm");
                if (context.Items.TryGetValue("RequestStart", out var stored) && stored is DateTimeOffset started)
                {
                    activity?.SetStartTime(started.UtcDateTime);
                }

                // The client's header is only recorded.
                if (context.Request.Headers.TryGetValue("X-Sent-At", out var sent))
                {
                    activity?.SetTag("client.timestamp", sent.ToString());
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Query_form_and_cookie_entries_read_with_TryGetValue_are_reported() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/replay", async (HttpRequest request) =>
                {
                    using var activity = Source.StartActivity("replay");
                    if (request.Query.TryGetValue("since", out var since))
                    {
                        activity?.SetStartTime({|#0:DateTime.Parse(since.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)|});
                    }

                    if (request.Cookies.TryGetValue("typing-started", out var typing) && DateTimeOffset.TryParse(typing, out var typedAt))
                    {
                        activity?.AddEvent(new ActivityEvent("typing", {|#1:typedAt|}));
                    }

                    var form = await request.ReadFormAsync();
                    if (form.TryGetValue("sentAt", out var sentAt))
                    {
                        activity?.SetEndTime({|#2:DateTimeOffset.Parse(sentAt!).UtcDateTime|});
                    }
                });
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "HttpRequest.Query"),
        Verify.Diagnostic().WithLocation(1).WithArguments("new ActivityEvent", "HttpRequest.Cookies"),
        Verify.Diagnostic().WithLocation(2).WithArguments("Activity.SetEndTime", "the request body read by ReadFormAsync"));

    [Fact]
    public Task Controller_Request_Form_and_RouteValues_read_with_TryGetValue_are_reported() => Verify.VerifyAnalyzerAsync(Usings + """
        [ApiController]
        [Route("turns")]
        public class TurnsController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost("{sentAt}")]
            public IActionResult Post()
            {
                using var activity = Source.StartActivity("turn");
                if (Request.Form.TryGetValue("startedAt", out var started) && DateTime.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var startedUtc))
                {
                    activity?.SetStartTime({|#0:startedUtc|});
                }

                if (Request.RouteValues.TryGetValue("sentAt", out var route) && route is string text)
                {
                    activity?.SetEndTime({|#1:DateTimeOffset.Parse(text).UtcDateTime|});
                }

                return Ok();
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "HttpRequest.Form"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "HttpRequest.RouteValues"));

    [Fact]
    public Task Same_controller_on_the_server_clock_is_not_reported() => Verify.VerifyAnalyzerAsync(Usings + """
        [ApiController]
        [Route("turns")]
        public class TurnsController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost("{sentAt}")]
            public IActionResult Post()
            {
                using var activity = Source.StartActivity("turn");
                if (Request.Form.TryGetValue("startedAt", out var started))
                {
                    activity?.SetTag("client.started_at", started.ToString());
                    activity?.SetStartTime(DateTime.UtcNow);
                }

                if (Request.RouteValues.TryGetValue("sentAt", out var route))
                {
                    activity?.SetTag("client.sent_at", route);
                    activity?.SetEndTime(DateTimeOffset.UtcNow.UtcDateTime);
                }

                return Ok();
            }
        }
        """);

    [Fact]
    public Task Outgoing_HttpRequestMessage_header_read_with_TryGetValues_is_not_a_client_source() => Verify.VerifyAnalyzerAsync(Usings + """
        // A DelegatingHandler sees the request this app is sending, built by the app: not the client's data.
        public sealed class LlmTimingHandler : DelegatingHandler
        {
            private static readonly ActivitySource Source = new("Outbound");

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                using var activity = Source.StartActivity("llm.http");
                if (request.Headers.TryGetValues("X-Queued-At", out var values) && DateTimeOffset.TryParse(values.First(), out var queuedAt))
                {
                    activity?.SetStartTime(queuedAt.UtcDateTime);
                }

                return await base.SendAsync(request, cancellationToken);
            }
        }
        """);

    [Fact]
    public Task Half_typed_TryGetValue_does_not_crash() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>
    {
        TestCode = Usings + """
            public static class Endpoints
            {
                private static readonly ActivitySource Source = new("Repro");

                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapPost("/broken", (HttpRequest request) =>
                    {
                        using var activity = Source.StartActivity("broken");
                        if (request.Headers.TryGetValue("X-Sent-At", out ) && DateTimeOffset.TryParse(raw, out var sentAt))
                            activity?.SetStartTime(sentAt.UtcDateTime);
                        request.Headers.TryGetValue(out var other);
                        activity?.SetEndTime(other);
                    });
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
