using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0101's value tracing through nested null-conditional chains (<c>a?.B?.C</c>). A real controller of a hobby
/// web API (review30) passed its request body to a helper returning <c>JsonNode.Parse(json)?["name"]?.ToString()</c>
/// and the compiler died with a stack overflow in the tracer: the inner <c>?.</c> was taken for the access whose value
/// the outer instance stands for.
/// </summary>
public class NestedConditionalAccessTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Text.Json.Nodes;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;

        """;

    [Fact]
    public Task Request_body_through_a_helper_with_a_nested_null_conditional_chain_has_no_span_and_is_quiet() =>
        Client.VerifyAnalyzerAsync(Usings + """
        [ApiController]
        [Route("api/[controller]")]
        public class ItemsController : ControllerBase
        {
            [HttpPost]
            public IActionResult Post([FromBody] string json) => Ok(ReadName(json));

            private static string? ReadName(string json) => JsonNode.Parse(json)?["name"]?.ToString();
        }
        """);

    [Fact]
    public Task Nested_chain_over_the_request_body_reaching_a_span_is_still_reported() =>
        Client.VerifyAnalyzerAsync(Usings + """
        public sealed record Turn(DateTimeOffset SentAt);
        public sealed record Envelope(Turn? Turn, Envelope? Previous);

        public static class Endpoints
        {
            private static readonly ActivitySource Source = new("Chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/turn", (Envelope body) =>
                {
                    using var activity = Source.StartActivity("turn");
                    var sentAt = PreviousSentAt(body);
                    if (sentAt is not null)
                    {
                        activity?.SetStartTime({|#0:sentAt.Value.UtcDateTime|});
                    }

                    var own = body.Previous?.Turn?.SentAt;
                    if (own.HasValue)
                    {
                        activity?.SetEndTime({|#1:own.Value.UtcDateTime|});
                    }
                });
            }

            private static DateTimeOffset? PreviousSentAt(Envelope? envelope) => envelope?.Previous?.Turn?.SentAt;
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'body'"),
        Client.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "the request-bound handler parameter 'body'"));

    [Fact]
    public Task Half_typed_nested_chain_does_not_crash()
    {
        var test = new AnalyzerTest<ClientTimestampAnalyzer>
        {
            TestCode = Usings + """
                public static class Endpoints
                {
                    private static readonly ActivitySource Source = new("Chat");

                    public static void Map(IEndpointRouteBuilder app)
                    {
                        app.MapPost("/turn", ([FromBody] Envelope body) =>
                        {
                            using var activity = Source.StartActivity("turn");
                            activity?.SetStartTime(body?.Previous?.Turn?.);
                            activity?.SetEndTime(Read(body)?.Missing?.SentAt
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
