using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;
using NonUtc = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0101/AIL0102 messages name a helper declared in a C# 14 <c>extension(Activity a) { ... }</c> block after the
/// static class that declares it (<c>ActivityExt.Mark</c>), as they name a classic extension method: the block is an
/// unnamed type, and naming it gave <c>.Mark</c> (review47, debatable 2). The test compiler (Roslyn 4.14) parses
/// extension blocks under <c>LanguageVersion.Preview</c>.
/// </summary>
public class ExtensionBlockHelperNameTests
{
    private static Task VerifyAsync<TAnalyzer>(string source, OutputKind outputKind, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer> { TestCode = source, LanguageVersion = LanguageVersion.Preview, OutputKind = outputKind };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>review47 Repro/ExtensionBlockHelperName, with UTC twins beside each reported call.</summary>
    [Fact]
    public Task Extension_block_member_is_named_like_a_classic_extension_method() => VerifyAsync<NonUtcActivityTimeAnalyzer>("""
        using System;
        using System.Diagnostics;

        var source = new ActivitySource("repro");
        using var activity = source.StartActivity("x");
        activity.Mark({|#0:DateTime.Now|});
        activity.Mark2({|#1:DateTime.Now|});
        activity.Mark(DateTime.UtcNow);
        activity.Mark2(DateTime.UtcNow);

        static class ActivityExt
        {
            public static void Mark2(this Activity? a, DateTime when) => a?.SetEndTime(when);

            extension(Activity? a)
            {
                public void Mark(DateTime when) => a?.SetEndTime(when);
            }
        }
        """,
        OutputKind.ConsoleApplication,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("ActivityExt.Mark → Activity.SetEndTime", "DateTime.Now (Kind Local)"),
        NonUtc.Diagnostic().WithLocation(1).WithArguments("ActivityExt.Mark2 → Activity.SetEndTime", "DateTime.Now (Kind Local)"));

    [Fact]
    public Task Static_generic_and_chained_extension_block_members() => VerifyAsync<NonUtcActivityTimeAnalyzer>("""
        using System;
        using System.Diagnostics;

        namespace Llm;

        public static class SpanTimes
        {
            extension(Activity)
            {
                public static void Backdate(Activity activity, DateTime start) => activity.SetStartTime(start);
            }

            extension<TActivity>(TActivity activity) where TActivity : Activity
            {
                public TActivity Ended(DateTime end) { activity.SetEndTime(end); return activity; }
            }

            extension(Activity activity)
            {
                // Through a classic helper: the chain is named after the member the caller called.
                public void StampStart(DateTime start) => Stamp(activity, start);

                // Converts: not a sink.
                public void StampConverted(DateTime start) => activity.SetStartTime(start.ToUniversalTime());
            }

            private static void Stamp(Activity activity, DateTime start) => activity.SetStartTime(start);
        }

        public static class Caller
        {
            public static void Run(Activity activity)
            {
                Activity.Backdate(activity, {|#0:DateTime.Now|});
                activity.Ended({|#1:DateTime.Today|});
                activity.StampStart({|#2:DateTime.Now|});
                Activity.Backdate(activity, DateTime.UtcNow);
                activity.Ended(DateTime.UtcNow);
                activity.StampStart(DateTime.UtcNow);
                activity.StampConverted(DateTime.Now);
            }
        }
        """,
        OutputKind.DynamicallyLinkedLibrary,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("SpanTimes.Backdate → Activity.SetStartTime", "DateTime.Now (Kind Local)"),
        NonUtc.Diagnostic().WithLocation(1).WithArguments("SpanTimes.Ended → Activity.SetEndTime", "DateTime.Today (Kind Local)"),
        NonUtc.Diagnostic().WithLocation(2).WithArguments("SpanTimes.StampStart → Activity.SetStartTime", "DateTime.Now (Kind Local)"));

    /// <summary>A classic helper that calls an extension-block member: the inner name is not shown, the outer one is.</summary>
    [Fact]
    public Task Classic_helper_through_an_extension_block_member() => VerifyAsync<NonUtcActivityTimeAnalyzer>("""
        using System;
        using System.Diagnostics;

        namespace Llm;

        public static class SpanTimes
        {
            extension(Activity activity)
            {
                public void StampStart(DateTime start) => activity.SetStartTime(start);
            }
        }

        public static class LlmTelemetry
        {
            public static void TrackCall(Activity activity, DateTime start) => activity.StampStart(start);

            public static void Run(Activity activity)
            {
                TrackCall(activity, {|#0:DateTime.Now|});
                TrackCall(activity, DateTime.UtcNow);
            }
        }
        """,
        OutputKind.DynamicallyLinkedLibrary,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("LlmTelemetry.TrackCall → Activity.SetStartTime", "DateTime.Now (Kind Local)"));

    /// <summary>AIL0101 names an extension-block helper the same way, in the sink chain and in "read by".</summary>
    [Fact]
    public Task Client_time_through_extension_block_helpers() => VerifyAsync<ClientTimestampAnalyzer>("""
        using System;
        using System.Diagnostics;
        using System.Globalization;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public sealed record ChatTurn(string Text, DateTimeOffset SentAt);

        public static class LlmTelemetry
        {
            extension(ActivitySource source)
            {
                public Activity? TrackCall(string name, DateTimeOffset start) =>
                    source.StartActivity(name, ActivityKind.Client, default(ActivityContext), startTime: start);
            }

            extension(HttpRequest)
            {
                public static DateTimeOffset ReadSentAt(HttpRequest request) =>
                    DateTimeOffset.Parse(request.Headers["X-Sent-At"].ToString(), CultureInfo.InvariantCulture);
            }
        }

        public class TurnsController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                using var a = Source.TrackCall("chat", {|#0:turn.SentAt|});
                using var b = Source.TrackCall("chat", DateTimeOffset.UtcNow);
                using var c = Source.StartActivity("chat", ActivityKind.Server, default(ActivityContext), startTime: {|#1:HttpRequest.ReadSentAt(Request)|});
                return Ok();
            }
        }
        """,
        OutputKind.DynamicallyLinkedLibrary,
        Client.Diagnostic().WithLocation(0).WithArguments("LlmTelemetry.TrackCall → ActivitySource.StartActivity", "the request body parameter 'turn'"),
        Client.Diagnostic().WithLocation(1).WithArguments("ActivitySource.StartActivity", "HttpRequest.Headers, read by LlmTelemetry.ReadSentAt"));

    /// <summary>The request as the receiver of an extension-block member, as the page promises for classic extension methods.</summary>
    [Fact]
    public Task Client_time_read_by_an_extension_block_member_on_the_request() => VerifyAsync<ClientTimestampAnalyzer>("""
        using System;
        using System.Diagnostics;
        using System.Globalization;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public static class RequestTimes
        {
            extension(HttpRequest request)
            {
                public DateTimeOffset ClientSentAt() =>
                    DateTimeOffset.Parse(request.Headers["X-Sent-At"].ToString(), CultureInfo.InvariantCulture);

                public DateTimeOffset ReceivedAt() => DateTimeOffset.UtcNow;
            }
        }

        public class TurnsController : ControllerBase
        {
            private static readonly ActivitySource Source = new("Chat");

            [HttpPost]
            public IActionResult Post()
            {
                using var a = Source.StartActivity("chat", ActivityKind.Server, default(ActivityContext), startTime: {|#0:Request.ClientSentAt()|});
                using var b = Source.StartActivity("chat", ActivityKind.Server, default(ActivityContext), startTime: Request.ReceivedAt());
                return Ok();
            }
        }
        """,
        OutputKind.DynamicallyLinkedLibrary,
        Client.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", "HttpRequest.Headers, read by RequestTimes.ClientSentAt"));

    [Theory]
    [InlineData("activity.Mark(DateTime.Now")]
    [InlineData("activity.Mark(DateTime.Now); static class E { extension(Activity a) { public void Mark(DateTime t) => a.SetEndTime(t) }")]
    [InlineData("activity.Mark(DateTime.Now); static class E { extension(Activity a) { public void Mark(DateTime t) => a.SetEndTime(t); } extension( { }")]
    [InlineData("activity.Mark(DateTime.Now); static class E { extension<T>(T a) where T : { public void Mark(DateTime t) => a.SetEndTime(t); } }")]
    public async Task Half_typed_extension_blocks_do_not_crash(string statement)
    {
        var code = "using System; using System.Diagnostics; Activity activity = new(\"x\"); " + statement;
        foreach (var test in new Func<Task>[]
        {
            () => new AnalyzerTest<NonUtcActivityTimeAnalyzer> { TestCode = code, LanguageVersion = LanguageVersion.Preview, OutputKind = OutputKind.ConsoleApplication, CompilerDiagnostics = CompilerDiagnostics.None }.RunAsync(),
            () => new AnalyzerTest<ClientTimestampAnalyzer> { TestCode = code, LanguageVersion = LanguageVersion.Preview, OutputKind = OutputKind.ConsoleApplication, CompilerDiagnostics = CompilerDiagnostics.None }.RunAsync(),
        })
        {
            try
            {
                await test();
            }
            catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
            {
                // Only "no analyzer exception" is asserted here; the reported cases are pinned above.
            }
        }
    }
}
