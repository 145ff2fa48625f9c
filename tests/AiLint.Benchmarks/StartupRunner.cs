using System.Collections.Immutable;
using System.Globalization;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Robustness.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--startup" mode: the compilation-start check every retry analyzer and the project summary generator run in a
/// project that references no LLM SDK and applies no <c>[LlmCall]</c> (AiLint.Annotations referenced, as the package
/// does): <see cref="LlmCallRecognizer.TryGetCompilationInstance"/>, whose last test reads the assembly attributes of
/// every reference to find project summaries (<see cref="ReferencedSummaries"/>).
/// </summary>
public static class StartupRunner
{
    public static void Run(int files, int reps)
    {
        var sources = LlmAppCorpus.GenerateShape("plain", files);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Content, BenchInputs.ParseOptions, "/corpus/" + s.Path)).ToArray();
        var paths = AiLint.Tests.Verifiers.ReferenceAssemblies.FrameworkOnly.Select(r => r.Display!)
            .Append(typeof(global::AiLint.PromptAttribute).Assembly.Location).ToArray();
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        Console.WriteLine($"## Start-up check, {files} plain files, {paths.Length} references (framework + AiLint.Annotations), no SDK, median of {reps}, load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");

        // Fresh MetadataReferences each time: nothing decoded yet, as in a cold build. A warm compiler server keeps the
        // decoded metadata (and the attributes ReferencedSummaries reads) between builds, so its cost is lower.
        Compilation Fresh() => CSharpCompilation.Create("Plain", trees, paths.Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var check = new List<double>();
        var summaries = new List<double>();
        var warmCheck = new List<double>();
        var declarations = new List<double>();
        for (var i = 0; i < reps + 1; i++)
        {
            var a = Fresh();
            var b = Fresh();
            var c = Fresh();
            var d1 = QuickRunner.Time(() => a.GetDeclarationDiagnostics());
            LlmCallRecognizer? recognizer = null;
            var d2 = QuickRunner.Time(() => recognizer = LlmCallRecognizer.TryGetCompilationInstance(b, options));
            var d3 = QuickRunner.Time(() => GC.KeepAlive(ReferencedSummaries.For(c).HasLlmCalls));

            // The same check on a clone: the reference manager (and the decoded attributes) are shared, as in a server.
            var clone = b.Clone();
            var d4 = QuickRunner.Time(() => LlmCallRecognizer.TryGetCompilationInstance(clone, options));
            if (recognizer is not null)
            {
                throw new InvalidOperationException("The plain project should have no LLM call recogniser.");
            }

            if (i == 0)
            {
                continue; // JIT warm-up
            }

            declarations.Add(d1);
            check.Add(d2);
            summaries.Add(d3);
            warmCheck.Add(d4);
        }

        string F(List<double> values) => string.Create(CultureInfo.InvariantCulture, $"{QuickRunner.Median(values):F1} ms");
        Console.WriteLine($"| compiler: declaration diagnostics of the same compilation (fresh references) | {F(declarations)} |");
        Console.WriteLine($"| LlmCallRecognizer.TryGetCompilationInstance, fresh references | {F(check)} |");
        Console.WriteLine($"| of which ReferencedSummaries (assembly attributes of every reference), fresh references | {F(summaries)} |");
        Console.WriteLine($"| LlmCallRecognizer.TryGetCompilationInstance on a clone (decoded metadata shared) | {F(warmCheck)} |");
    }
}
