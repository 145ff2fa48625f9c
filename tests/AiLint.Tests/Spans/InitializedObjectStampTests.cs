using Verify = AiLint.Tests.Verifiers.CSharpCodeFixVerifier<
    AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer,
    AiLint.CodeFixes.Rules.Spans.NonUtcActivityTimeCodeFixProvider>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0102: a local time written in the object initializer of a local (<c>new AgentRun { StartedAt = DateTime.Now }</c>)
/// and read back in the same method (<c>activity.SetStartTime(run.StartedAt)</c>), as agent and job runners record runs.
/// </summary>
public class InitializedObjectStampTests
{
    private static string Wrap(string body) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;

        public sealed class AgentRun
        {
            public string Id { get; set; } = "";
            public DateTime StartedAt { get; set; }
            public DateTime? FinishedAt { get; set; }
            public void Restart() => StartedAt = DateTime.UtcNow;
        }

        public static class Runner
        {
            private static readonly ActivitySource Source = new("runner");
            private static readonly List<AgentRun> Runs = new();

            public static void Run(string id)
            {
        {{body}}
            }

            private static void Save(AgentRun run) => Runs.Add(run);
        }
        """;

    [Fact]
    public Task A_local_time_set_in_the_initializer_and_read_back_is_flagged() => Verify.VerifyAnalyzerAsync(
        Wrap("""
                    var run = new AgentRun { Id = id, StartedAt = DateTime.Now };
                    run.Id = id + "-1";
                    using var activity = Source.StartActivity("run");
                    activity?.SetStartTime({|#0:run.StartedAt|});
                    Save(run);
            """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "'run.StartedAt' (from DateTime.Now (Kind Local))"));

    [Fact]
    public Task A_nullable_stamp_read_through_Value_is_flagged() => Verify.VerifyAnalyzerAsync(
        Wrap("""
                    var run = new AgentRun { Id = id, StartedAt = DateTime.UtcNow, FinishedAt = DateTime.Now };
                    using var activity = Source.StartActivity("run");
                    activity?.SetEndTime({|#0:run.FinishedAt.Value|});
            """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "'run.FinishedAt' (from DateTime.Now (Kind Local))"));

    [Fact]
    public Task Utc_values_and_ToUniversalTime_are_not_flagged() => Verify.VerifyAnalyzerAsync(
        Wrap("""
                    var run = new AgentRun { Id = id, StartedAt = DateTime.UtcNow };
                    var local = new AgentRun { Id = id, StartedAt = DateTime.Now };
                    using var activity = Source.StartActivity("run");
                    activity?.SetStartTime(run.StartedAt);
                    activity?.SetEndTime(local.StartedAt.ToUniversalTime());
            """));

    [Fact]
    public Task An_object_shared_or_written_again_before_the_read_is_not_flagged() => Verify.VerifyAnalyzerAsync(
        Wrap("""
                    var passed = new AgentRun { Id = id, StartedAt = DateTime.Now };
                    Save(passed);
                    var restarted = new AgentRun { Id = id, StartedAt = DateTime.Now };
                    restarted.Restart();
                    var rewritten = new AgentRun { Id = id, StartedAt = DateTime.Now };
                    rewritten.StartedAt = DateTime.UtcNow;
                    var reassigned = new AgentRun { Id = id, StartedAt = DateTime.Now };
                    if (id.Length > 3) reassigned = Runs[0];
                    var captured = new AgentRun { Id = id, StartedAt = DateTime.Now };
                    Action reset = () => captured.StartedAt = DateTime.UtcNow;
                    reset();
                    using var activity = Source.StartActivity("run");
                    activity?.SetStartTime(passed.StartedAt);
                    activity?.SetStartTime(restarted.StartedAt);
                    activity?.SetStartTime(rewritten.StartedAt);
                    activity?.SetStartTime(reassigned.StartedAt);
                    activity?.SetStartTime(captured.StartedAt);
            """));

    [Fact]
    public Task A_read_inside_a_loop_is_not_flagged() => Verify.VerifyAnalyzerAsync(
        Wrap("""
                    var run = new AgentRun { Id = id, StartedAt = DateTime.Now };
                    for (var i = 0; i < 3; i++)
                    {
                        using var activity = Source.StartActivity("attempt");
                        activity?.SetStartTime(run.StartedAt);
                        run.Restart();
                    }
            """));

    [Fact]
    public Task The_fix_rewrites_the_initializer_value() => Verify.VerifyCodeFixAsync(
        Wrap("""
                    var run = new AgentRun { Id = id, StartedAt = DateTime.Now };
                    using var activity = Source.StartActivity("run");
                    activity?.SetStartTime([|run.StartedAt|]);
            """),
        Wrap("""
                    var run = new AgentRun { Id = id, StartedAt = DateTime.UtcNow };
                    using var activity = Source.StartActivity("run");
                    activity?.SetStartTime(run.StartedAt);
            """));
}
