using Verify = AiLint.Tests.Verifiers.CSharpCodeFixVerifier<
    AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer,
    AiLint.CodeFixes.Rules.Spans.NonUtcActivityTimeCodeFixProvider>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0102 (review 15): a time converted into a zone other than UTC with TimeZoneInfo is Kind Local (the local zone) or
/// Unspecified (any other zone), which SetStartTime/SetEndTime ignore. Checked on .NET 10 with the server in Etc/UTC and
/// in Europe/Berlin: ConvertTimeFromUtc(utc, Local) is Local, to "Europe/Berlin" Unspecified, to TimeZoneInfo.Utc or
/// FindSystemTimeZoneById("UTC") Utc, and SetStartTime kept the original start for the Berlin value.
/// </summary>
public class TimeZoneConversionTests
{
    private static string Wrap(string body) => $$"""
        using System;
        using System.Diagnostics;

        public static class Turn
        {
            public static void Record(Activity activity, DateTimeOffset offset, TimeZoneInfo userZone, string zoneId)
            {
        {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.Local)", "TimeZoneInfo.ConvertTimeFromUtc to TimeZoneInfo.Local (Kind Local)")]
    [InlineData("TimeZoneInfo.ConvertTimeFromUtc(offset.UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById(\"Europe/Berlin\"))", "TimeZoneInfo.ConvertTimeFromUtc to \"Europe/Berlin\" (Kind Unspecified)")]
    [InlineData("TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.Local)", "TimeZoneInfo.ConvertTime to TimeZoneInfo.Local (Kind Local)")]
    [InlineData("TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.Utc, TimeZoneInfo.FindSystemTimeZoneById(\"Pacific Standard Time\"))", "TimeZoneInfo.ConvertTime to \"Pacific Standard Time\" (Kind Unspecified)")]
    [InlineData("TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, \"Tokyo Standard Time\")", "TimeZoneInfo.ConvertTimeBySystemTimeZoneId to \"Tokyo Standard Time\" (Kind Unspecified)")]
    [InlineData("TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.Local).AddSeconds(-2)", "TimeZoneInfo.ConvertTimeFromUtc to TimeZoneInfo.Local (Kind Local)")]
    public Task Conversion_into_a_non_utc_zone_is_reported(string value, string description) =>
        Verify.VerifyAnalyzerAsync(
            Wrap($"        activity.SetStartTime({{|#0:{value}|}});"),
            Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", description));

    [Theory]
    [InlineData("TimeZoneInfo.ConvertTimeToUtc(DateTime.Now)")]
    [InlineData("TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 1, 1), userZone)")]
    [InlineData("TimeZoneInfo.ConvertTime(DateTime.Now, TimeZoneInfo.Utc)")]
    [InlineData("TimeZoneInfo.ConvertTime(DateTime.Now, TimeZoneInfo.Local, TimeZoneInfo.Utc)")]
    [InlineData("TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.Utc)")]
    [InlineData("TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(\"UTC\"))")]
    [InlineData("TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(\"Etc/UTC\"))")]
    [InlineData("TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, \"UTC\")")]
    [InlineData("TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, zoneId)")]
    [InlineData("TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, userZone)")]
    [InlineData("TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zoneId))")]
    [InlineData("TimeZoneInfo.ConvertTime(offset, TimeZoneInfo.Local).UtcDateTime")]
    public Task Conversion_to_utc_or_to_a_zone_that_may_be_utc_is_not_reported(string value) =>
        Verify.VerifyAnalyzerAsync(Wrap($"        activity.SetStartTime({value});"));

    [Fact]
    public Task Zone_in_a_local_is_followed_when_every_write_is_a_non_utc_zone() => Verify.VerifyAnalyzerAsync(
        Wrap("""
                    var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
                    var local = TimeZoneInfo.ConvertTimeFromUtc(offset.UtcDateTime, zone);
                    activity.SetEndTime({|#0:local|});

                    var maybeUtc = TimeZoneInfo.Local;
                    if (userZone is not null)
                    {
                        maybeUtc = userZone;
                    }

                    activity.SetStartTime(TimeZoneInfo.ConvertTimeFromUtc(offset.UtcDateTime, maybeUtc));
            """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "'local' (from TimeZoneInfo.ConvertTimeFromUtc to \"Europe/Berlin\" (Kind Unspecified))"));

    [Fact]
    public Task Zone_in_a_static_readonly_field_is_followed_and_a_display_copy_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Diagnostics;

        public sealed class TurnTimes
        {
            private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
            private static readonly TimeZoneInfo Configured = TimeZoneInfo.FindSystemTimeZoneById(Environment.GetEnvironmentVariable("APP_TZ") ?? "UTC");

            public static void Finish(Activity activity, DateTime completedUtc)
            {
                activity.SetEndTime({|#0:TimeZoneInfo.ConvertTimeFromUtc(completedUtc, Berlin)|});
                activity.SetStartTime(TimeZoneInfo.ConvertTimeFromUtc(completedUtc, Configured));
            }

            public static void FinishCorrectly(Activity activity, DateTime completedUtc)
            {
                // The local time is for people; the span gets the UTC one.
                var display = TimeZoneInfo.ConvertTimeFromUtc(completedUtc, Berlin);
                activity.SetTag("completed.local", display.ToString("O"));
                activity.SetEndTime(completedUtc);
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "TimeZoneInfo.ConvertTimeFromUtc to \"Europe/Berlin\" (Kind Unspecified)"));

    [Fact]
    public Task Half_typed_conversion_does_not_crash() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer>
    {
        TestCode = Wrap("""
                    activity.SetStartTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, ));
                    activity.SetEndTime(TimeZoneInfo.ConvertTime(, TimeZoneInfo.FindSystemTimeZoneById()));
                    var zone = TimeZoneInfo.FindSystemTimeZoneById(missing);
                    activity.SetEndTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
            """),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
