#pragma warning disable CS0618 // SemanticModelAnalysisContext's public constructor: the runner calls the callback itself, as the tests' SameThreadDriver does
using System.Globalization;
using System.Reflection;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Rules.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--tools" mode: ToolCatalog's own work (AIL0201/AIL0202) per compilation of the mixed corpus, single-threaded,
/// as "--spans" does for AIL0101. One clone, untimed: a semantic model per file with every member's operation blocks
/// bound (the CA analyzers and the driver pay for those in a build), and an untimed warm-up rep; then each rep times what
/// <see cref="ToolCatalogAnalyzer"/> does: its per-compilation objects (tool symbols, the sink text prefilter, the
/// project's catalogs) and its semantic-model callback on every file (this thread's CPU time and allocations, best of N).
/// The callback and the prefilter's constructor are found by reflection, so an analyzer assembly built before a change
/// and one built after can be swapped under one benchmark build; the diagnostics' count and hash show whether their
/// findings are the same. Then the project-wide function-choice question alone (<see cref="KernelFunctionChoice"/>) and
/// the number of files that spell one of its names, the files a scan limited by the shared words reads.
/// </summary>
public static class ToolsRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var options = new AnalyzerOptions(additional);
        var analyzeFile = typeof(ToolCatalogAnalyzer).GetMethod("AnalyzeFile", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("ToolCatalogAnalyzer.AnalyzeFile not found");
        var prefilterType = analyzeFile.GetParameters()[2].ParameterType;
        var projectType = analyzeFile.GetParameters()[3].ParameterType;
        var best = (Ms: double.MaxValue, Mb: double.MaxValue);
        var diagnostics = new List<Diagnostic>();
        // One clone, bound once (untimed): binding 1,000 files per rep made a run take minutes on a loaded machine, and
        // the analyzer's own objects are made afresh in every rep anyway.
        var clone = compilation.Clone();
        GC.KeepAlive(clone.Assembly);
        var models = new List<SemanticModel>();
        foreach (var tree in clone.SyntaxTrees)
        {
            var model = clone.GetSemanticModel(tree);
            foreach (var _ in OperationBlocksOfFile.Of(model, CancellationToken.None))
            {
            }

            models.Add(model);
        }

        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, metadata, the models' first operation trees).
            diagnostics.Clear();
            var (ms, mb) = ThreadCpu.Measure(() =>
            {
                var symbols = KnownToolSymbols.TryCreate(clone);
                if (symbols is null)
                {
                    return;
                }

                var names = TypeIndex.SinkNames(symbols);
                var prefilter = NewPrefilter(prefilterType, names, clone);
                var project = Activator.CreateInstance(projectType, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, null, new object[] { clone, symbols, CancellationToken.None }, null);
                foreach (var model in models)
                {
                    var context = new SemanticModelAnalysisContext(model, options, diagnostics.Add, _ => true, CancellationToken.None);
                    analyzeFile.Invoke(null, new object?[] { context, symbols, prefilter, project });
                }
            });
            if (rep >= 0)
            {
                best = (Math.Min(best.Ms, ms), Math.Min(best.Mb, mb));
            }
        }

        // The project-wide question "does any code ask for automatic choice among a whole kernel's functions?", alone, on
        // fresh objects over the same bound clone: a scan of the project's files, asked on first need (assembly scans,
        // kernel totals). The files that spell one of its names are what a scan limited by the shared words reads.
        var choiceBest = (Ms: double.MaxValue, Mb: double.MaxValue);
        var offers = false;
        for (var rep = -1; rep < reps; rep++)
        {
            var (ms, mb) = ThreadCpu.Measure(() => offers = new KernelFunctionChoice(clone).OffersWholeKernels);
            if (rep >= 0)
            {
                choiceBest = (Math.Min(choiceBest.Ms, ms), Math.Min(choiceBest.Mb, mb));
            }
        }

        var choiceNames = new[] { "Auto", "Required", "AutoInvokeKernelFunctions", "EnableKernelFunctions" };
        var spelling = FileWords.For(clone).Spelling(choiceNames);
        var spellingChoice = clone.SyntaxTrees.Count(tree => spelling.Contains(tree, CancellationToken.None));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## ToolCatalog, {files} files, best of {reps}; load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ToolCatalogAnalyzer's objects and file callback: {best.Ms:F1} ms / {best.Mb:F2} MB; {Hash(diagnostics)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  KernelFunctionChoice's project question alone: {choiceBest.Ms:F1} ms / {choiceBest.Mb:F2} MB; whole-kernel choice: {offers}; files spelling a choice name: {spellingChoice} of {clone.SyntaxTrees.Count()}"));
    }

    /// <summary>The prefilter over the compilation's trees, whichever constructor the analyzer assembly has.</summary>
    private static object NewPrefilter(Type type, HashSet<string> names, Compilation compilation)
    {
        foreach (var constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            var parameters = constructor.GetParameters();
            if (parameters.Length == 2 && parameters[1].ParameterType == typeof(int))
            {
                return constructor.Invoke(new object[] { names, compilation.SyntaxTrees.Count() });
            }

            if (parameters.Length == 2 && parameters[1].ParameterType == typeof(IEnumerable<SyntaxTree>))
            {
                return constructor.Invoke(new object[] { names, compilation.SyntaxTrees });
            }
        }

        throw new InvalidOperationException("no known SinkTextPrefilter constructor");
    }

    private static string Hash(List<Diagnostic> diagnostics)
    {
        var lines = diagnostics
            .Select(d => d.Id + "|" + d.Location.GetLineSpan() + "|" + d.GetMessage(CultureInfo.InvariantCulture) + "|" + string.Join(";", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)))
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        return $"{lines.Count} diagnostics, {Convert.ToHexString(digest)[..12]}";
    }
}
