using System.Globalization;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--text-passes" mode (session 36, issue 16): the whole-compilation text searches of one compilation, through
/// entry points both the old and the new analyzer assembly have, so the two can be swapped under one benchmark build:
/// the gate (<see cref="RelevantFiles"/>, on a fresh clone whose seeds were looked up just before, untimed), then
/// <see cref="SourceBodies.InvocationsNamed"/> with the name sets Retry searches for every compilation (Polly's service
/// and pipeline registrations, chat-client registrations, keyed HttpClient registrations and look-ups). On the mixed
/// corpus no file spells a registration name, so on main each of those is a pass over every character. This thread's
/// CPU time and allocations, best and median of N; prints the relevant files and the invocations found, to compare.
/// </summary>
public static class TextPassesRunner
{
    private static readonly HashSet<string>[] RetrySets =
    {
        new(StringComparer.Ordinal) { "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient" },
        new(StringComparer.Ordinal) { "AddResiliencePipeline", "TryAddBuilder" },
        new(StringComparer.Ordinal) { "AddChatClient", "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient" },
        new(StringComparer.Ordinal) { "AddAsKeyed", "RemoveAsKeyed" },
        new(StringComparer.Ordinal) { "GetRequiredKeyedService", "GetKeyedService" },
    };

    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var options = new AnalyzerOptions(additional);
        var gate = new List<(double Ms, double Mb)>();
        var searches = new List<(double Ms, double Mb)>();
        var relevant = 0;
        var found = 0;
        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, metadata).
            var clone = compilation.Clone();
            GC.KeepAlive(clone.Assembly);
            GC.KeepAlive(RelevanceSeeds.Compute(clone, options));
            var g = ThreadCpu.Measure(() =>
            {
                var gateOfClone = RelevantFiles.For(clone, options);
                relevant = clone.SyntaxTrees.Count(gateOfClone.IsRelevant);
            });
            var s = ThreadCpu.Measure(() =>
            {
                found = 0;
                foreach (var names in RetrySets)
                {
                    found += SourceBodies.InvocationsNamed(clone, names, CancellationToken.None).Count();
                }
            });
            if (rep >= 0)
            {
                gate.Add(g);
                searches.Add(s);
            }
        }

        var both = gate.Zip(searches, (a, b) => (a.Ms + b.Ms, a.Mb + b.Mb)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Text passes, {files} files ({relevant} relevant, {found} registrations found), {reps} reps, this thread's CPU ms / allocated MB, best (median); load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Console.WriteLine($"  gate after the seeds {Show(gate)}; then Retry's {RetrySets.Length} searches {Show(searches)}; both {Show(both)}");
    }

    private static string Show(List<(double Ms, double Mb)> runs)
    {
        var ms = runs.Select(r => r.Ms).OrderBy(v => v).ToList();
        var mb = runs.Select(r => r.Mb).OrderBy(v => v).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{ms[0]:F1} ms ({ms[ms.Count / 2]:F1}) / {mb[0]:F2} MB ({mb[mb.Count / 2]:F2})");
    }
}
