using AiLint.Analyzers.Rules.Spans;
using AiLint.CodeFixes.Rules.Spans;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpCodeFixVerifier<
    AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer,
    AiLint.CodeFixes.Rules.Spans.NonUtcActivityTimeCodeFixProvider>;

namespace AiLint.Tests.Spans;

/// <summary>AIL0102: a DateTime that is not of Kind Utc reaches Activity.SetStartTime/SetEndTime.</summary>
public class AIL0102Tests
{
    private static string Wrap(string body, string usings = "using System;\nusing System.Diagnostics;\n") => usings + $$"""

        public static class Turn
        {
            public static void Record(Activity activity, DateTimeOffset offset, string text)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged shapes ----

    [Theory]
    [InlineData("DateTime.Now", "DateTime.Now (Kind Local)")]
    [InlineData("DateTime.Today", "DateTime.Today (Kind Local)")]
    [InlineData("offset.DateTime", "DateTimeOffset.DateTime (Kind Unspecified)")]
    [InlineData("offset.LocalDateTime", "DateTimeOffset.LocalDateTime (Kind Local)")]
    [InlineData("DateTime.UtcNow.ToLocalTime()", "ToLocalTime() (Kind Local)")]
    [InlineData("DateTime.Parse(text)", "DateTime.Parse without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified)")]
    [InlineData("DateTime.ParseExact(text, \"O\", null, System.Globalization.DateTimeStyles.AssumeUniversal)", "DateTime.ParseExact without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified)")]
    [InlineData("new DateTime(2026, 1, 1, 0, 0, 0)", "new DateTime(...) without DateTimeKind.Utc (Kind Unspecified)")]
    [InlineData("new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)", "new DateTime(...) with DateTimeKind.Local")]
    [InlineData("DateTime.SpecifyKind(offset.UtcDateTime, DateTimeKind.Unspecified)", "DateTime.SpecifyKind(..., DateTimeKind.Unspecified)")]
    [InlineData("DateTime.Now.AddSeconds(-2)", "DateTime.Now (Kind Local)")]
    [InlineData("DateTime.Now - TimeSpan.FromSeconds(2)", "DateTime.Now (Kind Local)")]
    public Task Non_utc_shapes_are_flagged(string value, string description) =>
        Verify.VerifyAnalyzerAsync(
            Wrap($"        activity.SetStartTime({{|#0:{value}|}});"),
            Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", description));

    [Fact]
    public Task Locals_and_TryParse_are_followed() => Verify.VerifyAnalyzerAsync(
        Wrap("""
                    var started = DateTime.Now;
                    activity.SetStartTime({|#0:started|});
                    if (DateTime.TryParse(text, out var ended))
                    {
                        activity?.SetEndTime({|#1:ended|});
                    }
            """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "'started' (from DateTime.Now (Kind Local))"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "'ended' (from DateTime.TryParse without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified))"));

    // ---- Not flagged ----

    [Theory]
    [InlineData("DateTime.UtcNow")]
    [InlineData("offset.UtcDateTime")]
    [InlineData("offset.DateTime.ToUniversalTime()")]
    [InlineData("DateTime.SpecifyKind(offset.DateTime, DateTimeKind.Utc)")]
    [InlineData("new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)")]
    [InlineData("DateTime.Parse(text, null, System.Globalization.DateTimeStyles.AdjustToUniversal)")]
    [InlineData("DateTime.Parse(text, null, System.Globalization.DateTimeStyles.RoundtripKind)")]
    [InlineData("DateTime.UtcNow.AddSeconds(-2)")]
    [InlineData("activity.StartTimeUtc + TimeSpan.FromSeconds(1)")]
    public Task Utc_values_are_not_flagged(string value) =>
        Verify.VerifyAnalyzerAsync(Wrap($"        activity.SetStartTime({value});"));

    [Fact]
    public Task Unknown_kind_and_other_sinks_are_not_flagged() => Verify.VerifyAnalyzerAsync(
        Wrap("""
                    // A parameter or a deserialised value: its Kind is unknown here (AIL0101 covers client values).
                    Helpers.Stamp(activity, offset.DateTime.AddHours(1).ToUniversalTime());
                    var maybe = DateTime.Now;
                    if (text.Length > 0) { maybe = DateTime.UtcNow; }
                    activity.SetStartTime(maybe);
                    // DateTimeOffset sinks convert a local DateTime correctly.
                    activity.AddEvent(new ActivityEvent("sent", DateTime.Now));
                    using var child = new ActivitySource("x").StartActivity("child", ActivityKind.Internal, default(ActivityContext), startTime: DateTime.Now);
            """) + """

        static class Helpers
        {
            public static void Stamp(Activity a, DateTime t) => a.SetStartTime(t);
        }
        """);

    [Fact]
    public Task Half_typed_code_does_not_crash()
    {
        var test = new AnalyzerTest<NonUtcActivityTimeAnalyzer>
        {
            TestCode = """
                using System;
                using System.Diagnostics;
                class C
                {
                    void M(Activity a, string s)
                    {
                        a.SetStartTime(DateTime.
                        a.SetEndTime(new DateTime(
                        DateTime.TryParse(s, out var t
                        a.SetStartTime(t);
                        a.SetEndTime(Unknown.Now);
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    // ---- Fixes ----

    [Fact]
    public Task Fix_Now_and_Today() => Verify.VerifyCodeFixAsync(
        Wrap("""
                    activity.SetStartTime([|DateTime.Now|]);
                    activity.SetEndTime([|DateTime.Today|]);
            """),
        Wrap("""
                    activity.SetStartTime(DateTime.UtcNow);
                    activity.SetEndTime(DateTime.UtcNow.Date);
            """));

    [Fact]
    public Task Fix_offset_members_and_ToLocalTime() => Verify.VerifyCodeFixAsync(
        Wrap("""
                    activity.SetStartTime([|offset.DateTime|]);
                    activity.SetEndTime([|offset.LocalDateTime|]);
                    activity.SetEndTime([|DateTime.UtcNow.ToLocalTime()|]);
            """),
        Wrap("""
                    activity.SetStartTime(offset.UtcDateTime);
                    activity.SetEndTime(offset.UtcDateTime);
                    activity.SetEndTime(DateTime.UtcNow.ToUniversalTime());
            """));

    // Code in a [GeneratedCode] type or member is left alone, as in generated files, now that the rule reads whole
    // semantic models rather than operation callbacks: the driver drops diagnostics located in such code.
    [Fact]
    public Task Generated_code_types_in_an_ordinary_file_are_not_reported() => Verify.VerifyAnalyzerAsync(
        """
        using System;
        using System.CodeDom.Compiler;
        using System.Diagnostics;

        [GeneratedCode("SomeTool", "1.0")]
        public static class GeneratedTurn
        {
            public static void Record(Activity activity) => activity.SetStartTime(DateTime.Now);
        }

        public static class Turn
        {
            [GeneratedCode("SomeTool", "1.0")]
            public static void Generated(Activity activity) => activity.SetStartTime(DateTime.Now);

            public static void Written(Activity activity) => activity.SetStartTime([|DateTime.Now|]);
        }
        """);

    [Fact]
    public Task Fix_rewrites_the_origin_of_a_local() => Verify.VerifyCodeFixAsync(
        Wrap("""
                    var started = DateTime.Now;
                    activity.SetStartTime([|started|]);
            """),
        Wrap("""
                    var started = DateTime.UtcNow;
                    activity.SetStartTime(started);
            """));

    [Fact]
    public Task Fix_parse_adds_styles_and_the_using() => Verify.VerifyCodeFixAsync(
        Wrap("""
                    activity.SetStartTime([|DateTime.Parse(text)|]);
                    if (DateTime.TryParse(text, out var ended))
                    {
                        activity.SetEndTime([|ended|]);
                    }
            """),
        Wrap("""
                    activity.SetStartTime(DateTime.Parse(text, CultureInfo.CurrentCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
                    if (DateTime.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var ended))
                    {
                        activity.SetEndTime(ended);
                    }
            """, "using System;\nusing System.Diagnostics;\nusing System.Globalization;\n"));

    [Fact]
    public Task Fix_parse_keeps_existing_styles() => new CodeFixTest<NonUtcActivityTimeAnalyzer, NonUtcActivityTimeCodeFixProvider>
    {
        TestCode = Wrap("""
                    activity.SetStartTime([|DateTime.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces)|]);
                    activity.SetEndTime([|DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal)|]);
                    activity.SetEndTime([|DateTime.Parse(text, CultureInfo.InvariantCulture)|]);
            """, "using System;\nusing System.Diagnostics;\nusing System.Globalization;\n"),
        FixedCode = Wrap("""
                    activity.SetStartTime(DateTime.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
                    activity.SetEndTime(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal));
                    activity.SetEndTime(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
            """, "using System;\nusing System.Diagnostics;\nusing System.Globalization;\n"),
    }.RunAsync();

    [Fact]
    public async Task No_fix_for_constructor_shapes()
    {
        var test = new CodeFixTest<NonUtcActivityTimeAnalyzer, NonUtcActivityTimeCodeFixProvider>
        {
            TestCode = Wrap("        activity.SetStartTime([|new DateTime(2026, 1, 1, 0, 0, 0)|]);"),
            FixedCode = Wrap("        activity.SetStartTime([|new DateTime(2026, 1, 1, 0, 0, 0)|]);"),
        };
        await test.RunAsync();
    }
}
