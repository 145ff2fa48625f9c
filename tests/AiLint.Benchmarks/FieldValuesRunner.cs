using System.Globalization;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--field-values" mode: what <see cref="SourceFieldValues"/> (the single value a source field can hold) costs per
/// compilation of the mixed corpus, single-threaded, apart from the rules that ask it. Each rep takes a fresh clone,
/// runs the shared gate and builds the operation blocks of the relevant files (untimed: the compiler and the first
/// analyzer pay for those), then times <see cref="SourceFieldValues.Of"/> for every field reference of those blocks, in
/// block order (the first ask of a field computes and keeps its answer, later asks read it, as when the rules trace the
/// same client and URL fields), and prints how many references had a value with a hash of the answers' spans, so two
/// analyzer assemblies swapped under one benchmark build can be compared (same hash: same answers).
/// </summary>
public static class FieldValuesRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var options = new AnalyzerOptions(additional);
        var (bestMs, bestMb) = (double.MaxValue, double.MaxValue);
        var references = 0;
        var answers = string.Empty;
        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, metadata).
            var clone = SharedModels(compilation.Clone());
            GC.KeepAlive(clone.Assembly);
            var gate = RelevantFiles.For(clone, options);
            var fields = new List<IFieldSymbol>();
            foreach (var tree in clone.SyntaxTrees.Where(gate.IsRelevant))
            {
                foreach (var (_, blocks) in OperationBlocksOfFile.Of(clone.GetSemanticModel(tree), CancellationToken.None))
                {
                    fields.AddRange(blocks.SelectMany(b => b.DescendantsAndSelf()).OfType<IFieldReferenceOperation>().Select(r => r.Field));
                }
            }

            var values = new IOperation?[fields.Count];
            var (ms, mb) = ThreadCpu.Measure(() =>
            {
                for (var i = 0; i < fields.Count; i++)
                {
                    values[i] = SourceFieldValues.Of(fields[i], clone, CancellationToken.None);
                }
            });
            if (rep >= 0)
            {
                (bestMs, bestMb) = (Math.Min(bestMs, ms), Math.Min(bestMb, mb));
            }

            references = fields.Count;
            answers = Hash(values);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## SourceFieldValues.Of, {files} files, best of {reps} (this thread's CPU ms / allocated MB), {(Shared ? "shared semantic models" : "a new semantic model per read")}; load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {references} field references of relevant files: {bestMs:F1} ms / {bestMb:F2} MB; answers {answers}"));
    }

    /// <summary>
    /// The clone with Roslyn's caching semantic-model provider, as the analyzer driver gives analyzers: a tree's model is
    /// then one object, so what the blocks bound (untimed) is not bound again when a constructor or an initializer is
    /// read. Internal API, reached by reflection; without it every read binds afresh (printed, so a run says which).
    /// </summary>
    private static Compilation SharedModels(Compilation clone)
    {
        var assembly = typeof(Compilation).Assembly;
        var providerType = assembly.GetType("Microsoft.CodeAnalysis.Diagnostics.CachingSemanticModelProvider");
        var with = typeof(Compilation).GetMethod("WithSemanticModelProvider", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
        if (providerType is null || with is null)
        {
            Shared = false;
            return clone;
        }

        Shared = true;
        var provider = Activator.CreateInstance(providerType, nonPublic: true);
        return (Compilation)with.Invoke(clone, new[] { provider })!;
    }

    private static bool Shared { get; set; }

    // The answers by where their syntax is (an IOperation of another clone is another object): count with a value, hash.
    private static string Hash(IOperation?[] values)
    {
        var lines = values.Select(v => v is null ? "-" : v.Syntax.SyntaxTree.FilePath + ":" + v.Syntax.Span + ":" + v.Kind).ToList();
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        return $"{values.Count(v => v is not null)} with a value, {Convert.ToHexString(digest)[..12]}";
    }
}
