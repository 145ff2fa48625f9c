using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0101: a handler that replaces the client's time with the server clock before stamping the span (a record DTO
/// copied with <c>with</c>, a mutable DTO stamped on arrival, a bound parameter reassigned) uses the server's time. Only a
/// write that runs on every path before the read clears it; a conditional write, a write after the read and a write
/// that puts the client's value back do not.
/// </summary>
public class ServerOverwrittenValueTests
{
    private static string App(string handlers) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;

        public static class TurnEndpoints
        {
            private static readonly ActivitySource Source = new("Repro");

            public static void Map(IEndpointRouteBuilder app)
            {
        {{handlers}}
            }
        }

        public sealed record TurnDto(string Text, DateTimeOffset SentAt);
        public sealed class TurnBody
        {
            public string Text { get; set; } = "";
            public DateTimeOffset ReceivedAt { get; set; }
            public DateTimeOffset ClientSentAt { get; set; }
            public List<DateTimeOffset> Marks { get; set; } = new();
        }
        """;

    [Fact]
    public Task A_record_copied_with_the_server_clock_is_not_reported() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/a", (TurnDto dto, TimeProvider clock) =>
                {
                    dto = dto with { SentAt = clock.GetUtcNow() };
                    using var a = Source.StartActivity("a");
                    a?.SetStartTime(dto.SentAt.UtcDateTime);
                    return Results.Ok();
                });
        """));

    [Fact]
    public Task A_mutable_body_stamped_on_arrival_is_not_reported() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/b", (TurnBody body, TimeProvider clock) =>
                {
                    body.ReceivedAt = clock.GetUtcNow();
                    using var a = Source.StartActivity("b");
                    a?.SetStartTime(body.ReceivedAt.UtcDateTime);
                    return Results.Ok();
                });
        """));

    [Fact]
    public Task The_value_used_as_is_is_still_reported() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/c", (TurnDto dto, TurnBody body) =>
                {
                    using var a = Source.StartActivity("c");
                    a?.SetStartTime({|#0:dto.SentAt.UtcDateTime|});
                    a?.SetEndTime({|#1:body.ReceivedAt.UtcDateTime|});
                    return Results.Ok();
                });
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'dto'"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "the request-bound handler parameter 'body'"));

    [Fact]
    public Task Only_the_member_the_server_wrote_is_cleared() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/d", (TurnBody body, TimeProvider clock) =>
                {
                    body.ReceivedAt = clock.GetUtcNow();
                    using var a = Source.StartActivity("d");
                    a?.SetStartTime({|#0:body.ClientSentAt.UtcDateTime|});
                    a?.SetEndTime(body.ReceivedAt.UtcDateTime);
                    return Results.Ok();
                });
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'body'"));

    [Fact]
    public Task A_with_that_replaces_another_member_keeps_the_client_time() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/e", (TurnDto dto) =>
                {
                    dto = dto with { Text = dto.Text.Trim() };
                    var copy = dto with { Text = "" };
                    using var a = Source.StartActivity("e");
                    a?.SetStartTime({|#0:dto.SentAt.UtcDateTime|});
                    a?.SetEndTime({|#1:copy.SentAt.UtcDateTime|});
                    return Results.Ok();
                });
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'dto'"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "the request-bound handler parameter 'dto'"));

    [Fact]
    public Task A_server_stamped_copy_in_a_local_is_not_reported() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/f", (TurnDto dto, TimeProvider clock) =>
                {
                    var stamped = dto with { SentAt = clock.GetUtcNow() };
                    Console.WriteLine(stamped);
                    using var a = Source.StartActivity("f");
                    a?.SetStartTime(stamped.SentAt.UtcDateTime);
                    return Results.Ok();
                });
        """));

    [Fact]
    public Task A_write_under_a_condition_does_not_clear_the_client_time() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/g", (TurnBody body, TimeProvider clock) =>
                {
                    if (body.ReceivedAt == default)
                    {
                        body.ReceivedAt = clock.GetUtcNow();
                    }

                    using var a = Source.StartActivity("g");
                    a?.SetStartTime({|#0:body.ReceivedAt.UtcDateTime|});
                    return Results.Ok();
                });
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'body'"));

    [Fact]
    public Task A_write_after_the_read_or_one_that_puts_the_client_time_back_does_not_clear_it() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/h", (TurnBody body, TimeProvider clock) =>
                {
                    using var a = Source.StartActivity("h");
                    a?.SetStartTime({|#0:body.ReceivedAt.UtcDateTime|});
                    body.ReceivedAt = clock.GetUtcNow();
                    body.ClientSentAt = clock.GetUtcNow();
                    body.ClientSentAt = body.Marks[0];
                    a?.SetEndTime({|#1:body.ClientSentAt.UtcDateTime|});
                    return Results.Ok();
                });
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'body'"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "the request-bound handler parameter 'body'"));

    [Fact]
    public Task A_client_write_later_in_a_loop_reaches_the_next_iteration() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/i", (TurnBody body, TimeProvider clock) =>
                {
                    body.ReceivedAt = clock.GetUtcNow();
                    foreach (var mark in body.Marks)
                    {
                        using var a = Source.StartActivity("i");
                        a?.SetStartTime({|#0:body.ReceivedAt.UtcDateTime|});
                        body.ReceivedAt = mark;
                    }

                    return Results.Ok();
                });
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'body'"));

    [Fact]
    public Task A_reassigned_query_parameter_is_cleared_only_when_reassigned_on_every_path() => Verify.VerifyAnalyzerAsync(App("""
                app.MapGet("/j", ([FromQuery] DateTimeOffset since, [FromQuery] DateTimeOffset until, TimeProvider clock) =>
                {
                    since = clock.GetUtcNow();
                    if (until > clock.GetUtcNow())
                    {
                        until = clock.GetUtcNow();
                    }

                    using var a = Source.StartActivity("j");
                    a?.SetStartTime(since.UtcDateTime);
                    a?.SetEndTime({|#0:until.UtcDateTime|});
                    return Results.Ok();
                });
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "the query string parameter 'until'"));

    [Fact]
    public Task A_body_read_from_the_request_and_stamped_by_the_server_is_not_reported() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/k", async (HttpRequest request, TimeProvider clock) =>
                {
                    var body = await request.ReadFromJsonAsync<TurnBody>();
                    body!.ReceivedAt = clock.GetUtcNow();
                    using var a = Source.StartActivity("k");
                    a?.SetStartTime(body.ReceivedAt.UtcDateTime);
                    a?.SetEndTime({|#0:body.ClientSentAt.UtcDateTime|});
                    return Results.Ok();
                });
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "the request body read by ReadFromJsonAsync"));

    [Fact]
    public Task A_read_in_a_local_function_does_not_trust_a_write_outside_it() => Verify.VerifyAnalyzerAsync(App("""
                app.MapPost("/l", (TurnBody body, TimeProvider clock) =>
                {
                    void Stamp()
                    {
                        using var a = Source.StartActivity("l");
                        a?.SetStartTime({|#0:body.ReceivedAt.UtcDateTime|});
                    }

                    Stamp();
                    body.ReceivedAt = clock.GetUtcNow();
                    Stamp();
                    return Results.Ok();
                });
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'body'"));

    [Fact]
    public Task A_controller_action_that_stamps_its_dto_and_a_helper_that_does_are_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Diagnostics;
        using Microsoft.AspNetCore.Mvc;

        public sealed class TurnBody
        {
            public DateTimeOffset ReceivedAt { get; set; }
        }

        [ApiController]
        public class TurnsController(TimeProvider clock) : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post([FromBody] TurnBody turn)
            {
                turn.ReceivedAt = clock.GetUtcNow();
                Track(turn);
                using var activity = Source.StartActivity("turn");
                activity?.SetStartTime(turn.ReceivedAt.UtcDateTime);
                return Ok();
            }

            [HttpPut]
            public IActionResult Put([FromBody] TurnBody turn)
            {
                Track(turn);
                Track2({|#0:turn|});
                return Ok();
            }

            private static void Track(TurnBody body)
            {
                body.ReceivedAt = DateTimeOffset.UtcNow;
                using var activity = Source.StartActivity("track");
                activity?.SetStartTime(body.ReceivedAt.UtcDateTime);
            }

            private static void Track2(TurnBody body)
            {
                using var activity = Source.StartActivity("track");
                activity?.SetStartTime(body.ReceivedAt.UtcDateTime);
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("TurnsController.Track2 → Activity.SetStartTime", "the request body parameter 'turn'"));

    [Fact]
    public Task Half_typed_overwrites_do_not_crash()
    {
        var test = new AnalyzerTest<ClientTimestampAnalyzer>
        {
            TestCode = App("""
                        app.MapPost("/m", (TurnDto dto, TurnBody body, TimeProvider clock) =>
                        {
                            dto = dto with { SentAt = };
                            body.ReceivedAt = ;
                            body. = clock.GetUtcNow();
                            dto = dto with { Missing = clock.GetUtcNow() };
                            using var a = Source.StartActivity("m");
                            a?.SetStartTime(dto.SentAt.UtcDateTime);
                            a?.SetEndTime(body.ReceivedAt.
                """),
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
