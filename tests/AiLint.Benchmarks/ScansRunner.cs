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

        // Session 36 (issue 16): the callers' name sets, each scanned directly (as main does) or answered from one
        // WordIndex of the texts (FileWords); the answers must be the same, set by set.
        var sinkNames = AiLint.Analyzers.Rules.Tools.KnownToolSymbols.TryCreate(compilation) is { } tools
            ? AiLint.Analyzers.Rules.Tools.TypeIndex.SinkNames(tools)
            : new HashSet<string>();
        var callers = new List<(string Name, IReadOnlyCollection<string> Names)>
        {
            ("gate seeds", seedNames.ToList()),
            ("Polly service registrations", registrationNames),
            ("chat-client registrations", registrationNames.Append("AddChatClient").ToList()),
            ("Polly pipeline registrations", new[] { "AddResiliencePipeline", "TryAddBuilder" }),
            ($"{sinkNames.Count} tool sink names", sinkNames.ToList()),
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## {callers.Count} callers' passes: direct scans vs one shared WordIndex"));
        Shared("mixed corpus", callers, mixed, reps);
        Shared("plain files", callers, plain, reps);
        Shared("plain files, gate seeds only", callers.Take(1).ToList(), plain, reps);
        Shared("mixed corpus, Polly service registrations only", callers.Skip(1).Take(1).ToList(), mixed, reps);
        Console.WriteLine($"  index sizes (words, postings, chars): mixed {WordIndex.Build(mixed).Size}, plain {WordIndex.Build(plain).Size}; text chars: mixed {mixed.Sum(t => t.Length)}, plain {plain.Sum(t => t.Length)}");
    }

    private static void Shared(string corpus, List<(string Name, IReadOnlyCollection<string> Names)> callers, List<SourceText> texts, int reps)
    {
        var direct = (Ms: double.MaxValue, Mb: double.MaxValue);
        var shared = (Ms: double.MaxValue, Mb: double.MaxValue);
        var directAnswers = new List<string>();
        var sharedAnswers = new List<string>();
        for (var rep = -1; rep < reps; rep++)
        {
            // Alternated: direct then shared in every rep, so both meet the same load.
            directAnswers.Clear();
            sharedAnswers.Clear();
            var d = ThreadCpu.Measure(() =>
            {
                foreach (var (_, names) in callers)
                {
                    var scan = new IdentifierScan(names);
                    directAnswers.Add(string.Join(",", texts.Select((t, i) => (t, i)).Where(x => scan.Spells(x.t)).Select(x => x.i)));
                }
            });
            var s = ThreadCpu.Measure(() =>
            {
                var index = WordIndex.Build(texts);
                foreach (var (_, names) in callers)
                {
                    var spelled = index.TextsSpellingAny(names);
                    sharedAnswers.Add(string.Join(",", Enumerable.Range(0, spelled.Length).Where(i => spelled[i])));
                }
            });
            if (rep >= 0)
            {
                direct = (Math.Min(direct.Ms, d.Ms), Math.Min(direct.Mb, d.Mb));
                shared = (Math.Min(shared.Ms, s.Ms), Math.Min(shared.Mb, s.Mb));
            }
        }

        for (var i = 0; i < callers.Count; i++)
        {
            var count = directAnswers[i].Length == 0 ? 0 : directAnswers[i].Split(',').Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {corpus}, {callers[i].Name}: {count} texts, {(directAnswers[i] == sharedAnswers[i] ? "same answer" : "DIFFERENT ANSWER")}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {corpus}: direct {direct.Ms:F2} ms / {direct.Mb:F3} MB; shared {shared.Ms:F2} ms / {shared.Mb:F3} MB (answers listed as strings in both)"));
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
