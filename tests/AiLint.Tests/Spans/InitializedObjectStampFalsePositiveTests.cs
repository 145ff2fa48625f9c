using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0102 on local-time stamps written in an object initializer, false-positive hunt: job and agent-run entities whose
/// status setter restamps the start time, records copied with <c>with</c>, entities handed to EF Core, times converted
/// at the read. Each shape sits next to the plain bug, which stays reported.
/// </summary>
public class InitializedObjectStampFalsePositiveTests
{
    private static readonly (string, string)[] EfCore =
    {
        ("Microsoft.EntityFrameworkCore", "10.0.15"),
        ("Microsoft.EntityFrameworkCore.Abstractions", "10.0.15"),
    };

    private static Task Run(string code, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<NonUtcActivityTimeAnalyzer> { TestCode = code, References = OlderSdkReferences.Adding(EfCore) };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static string Wrap(string body) => $$"""
        using System;
        using System.Diagnostics;
        using Microsoft.EntityFrameworkCore;

        public sealed class JobRun
        {
            private string status = "queued";
            public string Id { get; set; } = "";
            public DateTime StartedAt { get; set; }
            public string Note { get; set; } = "";

            // Domain entities often restamp on a state change.
            public string Status
            {
                get => status;
                set
                {
                    status = value;
                    if (value == "running") StartedAt = DateTime.UtcNow;
                }
            }
        }

        public sealed record RunRecord
        {
            public DateTime StartedAt { get; init; }
            public string Name { get; init; } = "";
        }

        public struct Stamp
        {
            public DateTime At { get; set; }
            public void Reset() => At = DateTime.UtcNow;
        }

        public sealed class JobsDb(DbContextOptions<JobsDb> options) : DbContext(options)
        {
            public DbSet<JobRun> Runs => Set<JobRun>();
        }

        public static class Worker
        {
            private static readonly ActivitySource Source = new("worker");

            public static async System.Threading.Tasks.Task Run(string id, JobsDb db)
            {
                using var activity = Source.StartActivity("job");
        {{body}}
            }
        }
        """;

    [Fact]
    public Task A_side_effecting_setter_set_after_the_stamp_is_not_flagged() => Run(Wrap("""
                var started = new JobRun { Id = id, StartedAt = DateTime.Now };
                started.Status = "running";
                activity?.SetStartTime(started.StartedAt);
                var inInitializer = new JobRun { StartedAt = DateTime.Now, Status = "running" };
                activity?.SetStartTime(inInitializer.StartedAt);
        """));

    [Fact]
    public Task An_auto_property_set_after_the_stamp_or_a_side_effecting_setter_before_it_is_still_flagged() => Run(Wrap("""
                var noted = new JobRun { Id = id, StartedAt = DateTime.Now };
                noted.Note = "started";
                activity?.SetStartTime({|#0:noted.StartedAt|});
                var first = new JobRun { Status = "running", StartedAt = DateTime.Now };
                activity?.SetEndTime({|#1:first.StartedAt|});
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "'noted.StartedAt' (from DateTime.Now (Kind Local))"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "'first.StartedAt' (from DateTime.Now (Kind Local))"));

    [Fact]
    public Task An_entity_added_to_EF_Core_and_a_converted_read_are_not_flagged() => Run(Wrap("""
                var run = new JobRun { Id = id, StartedAt = DateTime.Now };
                db.Runs.Add(run);
                await db.SaveChangesAsync();
                activity?.SetStartTime(run.StartedAt);
                var converted = new JobRun { Id = id, StartedAt = DateTime.Now };
                activity?.SetStartTime(TimeZoneInfo.ConvertTimeToUtc(converted.StartedAt));
                activity?.SetEndTime(converted.StartedAt.ToUniversalTime());
        """));

    [Fact]
    public Task A_record_restamped_with_with_and_a_struct_reset_are_not_flagged() => Run(Wrap("""
                var record = new RunRecord { Name = id, StartedAt = DateTime.Now };
                record = record with { StartedAt = DateTime.UtcNow };
                activity?.SetStartTime(record.StartedAt);
                var stamp = new Stamp { At = DateTime.Now };
                stamp.Reset();
                activity?.SetEndTime(stamp.At);
        """));

    [Fact]
    public Task An_init_only_record_and_a_struct_read_as_built_are_flagged() => Run(Wrap("""
                var record = new RunRecord { Name = id, StartedAt = DateTime.Now };
                activity?.SetStartTime({|#0:record.StartedAt|});
                var stamp = new Stamp { At = DateTime.Today };
                activity?.SetEndTime({|#1:stamp.At|});
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "'record.StartedAt' (from DateTime.Now (Kind Local))"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "'stamp.At' (from DateTime.Today (Kind Local))"));
}
