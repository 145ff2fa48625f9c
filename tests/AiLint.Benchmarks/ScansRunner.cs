using System.Globalization;
using AiLint.Analyzers.Gating;
using AiLint.Tests.Robustness.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--scans" mode: <see cref="IdentifierScan.Spells"/> alone, the text pass that session 35's profile ranks first
/// among AiLint's own items (the gate's seed names, and Retry's and ToolCatalog's whole-compilation passes with their own
/// names, each over every file). Single-threaded, this thread's CPU time and allocations best of N, over the texts of
/// the mixed corpus (the gate's seed names, the six DI registration names Retry searches for) and of 1,000 plain files
/// (no name found: every character read). Prints which texts each scan let through, hashed, so two analyzer
/// assemblies swapped under one benchmark build can be compared.
/// </summary>
public static class ScansRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var mixed = compilation.SyntaxTrees.Select(t => t.GetText()).ToList();
        var plain = LlmAppCorpus.GenerateShape("plain", files).Select(s => SourceText.From(s.Content)).ToList();
        var seedNames = RelevanceSeeds.Compute(compilation, new AnalyzerOptions(additional)).Names;
        var registrationNames = new[] { "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient" };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## IdentifierScan.Spells, {files} files, best of {reps}; load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Row($"{seedNames.Count} seed names, mixed corpus", seedNames, mixed, reps);
        Row("6 registration names, mixed corpus", registrationNames, mixed, reps);
        Row($"{seedNames.Count} seed names, plain files", seedNames, plain, reps);
    }

    private static void Row(string name, IEnumerable<string> names, List<SourceText> texts, int reps)
    {
        var best = (Ms: double.MaxValue, Mb: double.MaxValue);
        var spelled = new List<int>();
        for (var rep = -1; rep < reps; rep++)
        {
            spelled.Clear();
            var (ms, mb) = ThreadCpu.Measure(() =>
            {
                var scan = new IdentifierScan(names);
                for (var i = 0; i < texts.Count; i++)
                {
                    if (scan.Spells(texts[i]))
                    {
                        spelled.Add(i);
                    }
                }
            });
            if (rep >= 0)
            {
                best = (Math.Min(best.Ms, ms), Math.Min(best.Mb, mb));
            }
        }

        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(",", spelled)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: {best.Ms:F2} ms / {best.Mb:F3} MB; {spelled.Count} of {texts.Count} texts spell one, {Convert.ToHexString(digest)[..12]}"));
    }
}
