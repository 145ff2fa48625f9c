using AiLint.Analyzers.Rules.Spans;
using AiLint.CodeFixes.Rules.Spans;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpCodeFixVerifier<
    AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer,
    AiLint.CodeFixes.Rules.Spans.NonUtcActivityTimeCodeFixProvider>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0102 on <c>a ?? b</c>: whenever the left side has a value the span gets it, so a left side that is certainly not
/// UTC (<c>response.CreatedAt?.DateTime</c>, Kind Unspecified) is reported whatever the fallback. A fallback alone that
/// is not UTC, and a <c>?:</c> with only one such arm, are not.
/// </summary>
public class CoalescedStampTests
{
    private const string Header = """
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public static class Turn
        {
            public static async Task Record(IChatClient chat, Activity activity, DateTimeOffset? sent, DateTime? given, bool local)
            {
                var response = await chat.GetResponseAsync("hi");

        """;

    private const string Footer = """

            }
        }
        """;

    [Fact]
    public Task Left_side_not_utc_is_reported_whatever_the_fallback() => Verify.VerifyAnalyzerAsync(
        Header + """
                activity.SetEndTime({|#0:response.CreatedAt?.DateTime ?? DateTime.UtcNow|});
                activity.SetStartTime({|#1:sent?.LocalDateTime ?? DateTime.UtcNow|});
                activity.SetStartTime({|#2:given?.ToLocalTime() ?? DateTime.UtcNow|});
                var ended = response.CreatedAt?.DateTime ?? DateTime.UtcNow;
                activity.SetEndTime({|#3:ended|});
        """ + Footer,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "DateTimeOffset.DateTime (Kind Unspecified)"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Activity.SetStartTime", "DateTimeOffset.LocalDateTime (Kind Local)"),
        Verify.Diagnostic().WithLocation(2).WithArguments("Activity.SetStartTime", "ToLocalTime() (Kind Local)"),
        Verify.Diagnostic().WithLocation(3).WithArguments("Activity.SetEndTime", "'ended' (from DateTimeOffset.DateTime (Kind Unspecified))"));

    [Fact]
    public Task Utc_or_unknown_left_sides_and_one_sided_conditionals_are_not_reported() => Verify.VerifyAnalyzerAsync(
        Header + """
                activity.SetEndTime(response.CreatedAt?.UtcDateTime ?? DateTime.UtcNow);
                activity.SetEndTime((response.CreatedAt ?? DateTimeOffset.UtcNow).UtcDateTime);
                activity.SetStartTime(given?.ToUniversalTime() ?? DateTime.UtcNow);
                // A parameter's Kind is unknown; the local fallback alone decides nothing.
                activity.SetStartTime(given ?? DateTime.Now);
                // Which arm runs is the condition's business (the local one may be dead code).
                activity.SetStartTime(local ? DateTime.Now : DateTime.UtcNow);
        """ + Footer);

    [Fact]
    public Task Fix_rewrites_the_left_side_after_the_null_conditional() => Verify.VerifyCodeFixAsync(
        Header + """
                activity.SetEndTime([|response.CreatedAt?.DateTime ?? DateTime.UtcNow|]);
        """ + Footer,
        Header + """
                activity.SetEndTime(response.CreatedAt?.UtcDateTime ?? DateTime.UtcNow);
        """ + Footer);

    [Fact]
    public Task Half_typed_coalesce_does_not_crash() => new AnalyzerTest<NonUtcActivityTimeAnalyzer>
    {
        TestCode = """
            using System;
            using System.Diagnostics;
            class C
            {
                void M(Activity a, DateTimeOffset? o)
                {
                    a.SetStartTime(o?. ?? DateTime.UtcNow);
                    a.SetEndTime(Missing?.DateTime ?? DateTime.UtcNow);
            """,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();
}
