using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Review40: a request body concatenated 2,000 times (a 4,001-operand <c>+</c>, about 4,000 frames deep) and parsed into
/// the time given to <c>Activity.SetStartTime</c> made AIL0101's tracer stop with <c>InsufficientExecutionStackException</c>
/// (its stack guard), which the driver turned into AD0001, a warning that TreatWarningsAsErrors makes an error. Code
/// too deep to follow is now unknown: nothing is reported for that member, and the file's other members are still
/// analysed (the shallow twin beside it is reported).
/// </summary>
/// <remarks>
/// Whether 4,000 frames exhaust a thread's stack depends on the machine: the stack size and the JIT tier (optimised
/// frames are smaller; CI, after tier-up, followed the deep member to the end on a pool thread's 8 MB). The analysis
/// therefore runs on a thread of a fixed small stack (<see cref="SameThreadDriver"/>), so the guard fires on every machine.
/// </remarks>
public class TooDeepInputTests
{
    private const int SmallStack = 256 * 1024;

    private static string Concatenation(int pairs) =>
        "dto.Name" + string.Concat(Enumerable.Range(0, pairs).Select(i => $" + \"{i}\" + dto.Name"));

    private static string Controller(int deepPairs) => $$"""
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
                var s = {{Concatenation(deepPairs)}};
                activity?.SetStartTime(DateTime.Parse(s).ToUniversalTime());
                return Ok();
            }

            [HttpPost("shallow")]
            public IActionResult Shallow([FromBody] Dto dto)
            {
                using var activity = Source.StartActivity("ingest");
                var s = {{Concatenation(2)}};
                activity?.SetStartTime(DateTime.Parse(s).ToUniversalTime());
                return Ok();
            }
        }
        """;

    [Fact]
    public async Task Member_too_deep_to_follow_is_unknown_and_the_next_member_is_still_analysed()
    {
        var (diagnostics, exceptions) = await AnalyseOnSmallStackAsync(Controller(deepPairs: 5000));

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var reported = Assert.Single(diagnostics, d => d.Id == "AIL0101");
        Assert.Equal("Shallow", EnclosingMethod(reported));
    }

    /// <summary>The control: on the same small stack, a deep member of ordinary size is followed and reported.</summary>
    [Fact]
    public async Task Same_member_of_ordinary_depth_is_reported_on_the_same_stack()
    {
        var (diagnostics, exceptions) = await AnalyseOnSmallStackAsync(Controller(deepPairs: 20));

        Assert.Empty(exceptions);
        Assert.Equal(
            new[] { "Deep", "Shallow" },
            diagnostics.Where(d => d.Id == "AIL0101").Select(EnclosingMethod).OrderBy(m => m, StringComparer.Ordinal));
    }

    private static string EnclosingMethod(Diagnostic diagnostic)
    {
        var node = diagnostic.Location.SourceTree!.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First().Identifier.Text;
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyCollection<string> Exceptions)> AnalyseOnSmallStackAsync(string source)
    {
        var project = TestProjectBuilder.Create(
            new[] { (TestProjectBuilder.SourcePath(0), source) },
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);
        var compilation = (await project.GetCompilationAsync(CancellationToken.None))!;
        Assert.Empty(compilation.GetDiagnostics(CancellationToken.None).Where(d => d.Severity == DiagnosticSeverity.Error));

        // SameThreadDriver: the actions run on this small-stack thread (Roslyn's driver would use pool threads).
        var analyzer = new ClientTimestampAnalyzer();
        var diagnostics = ImmutableArray<Diagnostic>.Empty;
        Exception? thrown = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    diagnostics = SameThreadDriver.Run(analyzer, compilation, project.AnalyzerOptions);
                }
                catch (Exception ex)
                {
                    thrown = ex; // what the driver would have reported as AD0001
                }
            },
            SmallStack);
        thread.Start();
        thread.Join();
        var exceptions = thrown is null ? Array.Empty<string>() : new[] { thrown.ToString() };
        return (diagnostics, exceptions);
    }
}
