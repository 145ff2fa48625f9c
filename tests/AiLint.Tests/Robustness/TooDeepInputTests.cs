using AiLint.Tests.Verifiers;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Review40: a request body concatenated 2,000 times (a 4,001-operand <c>+</c>, about 4,000 frames deep) and parsed into
/// the time given to <c>Activity.SetStartTime</c> made AIL0101's tracer stop with <c>InsufficientExecutionStackException</c>
/// (its stack guard), which the driver turned into AD0001, a warning that TreatWarningsAsErrors makes an error. Code
/// too deep to follow is now unknown: nothing is reported for that member, and the file's other members are still
/// analysed (the shallow twin beside it is reported).
/// </summary>
public class TooDeepInputTests
{
    private static string Concatenation(int pairs) =>
        "dto.Name" + string.Concat(Enumerable.Range(0, pairs).Select(i => $" + \"{i}\" + dto.Name"));

    [Fact]
    public Task Member_too_deep_to_follow_is_unknown_and_the_next_member_is_still_analysed() =>
        Client.VerifyAnalyzerAsync($$"""
            using System;
            using System.Diagnostics;
            using Microsoft.AspNetCore.Mvc;

            public class Dto { public string Name { get; set; } = ""; }

            [ApiController]
            public class IngestController : ControllerBase
            {
                private static readonly ActivitySource Source = new("stress");

                [HttpPost("deep")]
                public IActionResult Deep([FromBody] Dto dto)
                {
                    using var activity = Source.StartActivity("ingest");
                    var s = {{Concatenation(2000)}};
                    activity?.SetStartTime(DateTime.Parse(s).ToUniversalTime());
                    return Ok();
                }

                [HttpPost("shallow")]
                public IActionResult Shallow([FromBody] Dto dto)
                {
                    using var activity = Source.StartActivity("ingest");
                    var s = {{Concatenation(2)}};
                    activity?.SetStartTime({|#0:DateTime.Parse(s).ToUniversalTime()|});
                    return Ok();
                }
            }
            """,
            Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request body parameter 'dto'"));
}
