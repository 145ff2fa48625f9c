using System.Globalization;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--sites" mode: the node walks of Evaluation's and AIL0102's semantic-model actions over the shared gate's relevant
/// files of the mixed corpus, as they were (each walks every node and asks the operation of its calls) and as they are
/// (one <see cref="CallSitesOfFile"/> walk shared by both). Single-threaded, trees built once beforehand (as the SDK's
/// CA analyzers leave them), process CPU time and this thread's allocations, best of N; the rules' own work on each
/// operation is left out, so the difference is the walk and look-ups saved. Needs the analyzer assembly that has
/// CallSitesOfFile (run it with the changed build only; the --focus mode compares the two assemblies).
/// </summary>
public static class CallSitesRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var clone = compilation.Clone();
        var gate = RelevantFiles.For(clone, new AnalyzerOptions(additional));
        var models = clone.SyntaxTrees.Where(gate.IsRelevant).Select(t => clone.GetSemanticModel(t)).ToList();
        GC.KeepAlive(EvaluationWalk(models) + SpanWalk(models)); // builds the trees once

        var evaluation = new Best();
        var spans = new Best();
        var both = new Best();
        var shared = new Best();
        var sharedEvaluation = new Best();
        var sharedSpans = new Best();
        var walkAlone = new Best();
        for (var i = 0; i < reps; i++)
        {
            walkAlone.Add(() => models.Sum(m => CallSitesOfFile.Walk(m, CancellationToken.None).Nodes.Length));
            evaluation.Add(() => EvaluationWalk(models));
            spans.Add(() => SpanWalk(models));
            both.Add(() => EvaluationWalk(models) + SpanWalk(models));
            List<CallSitesOfFile>? sites = null;
            shared.Add(() =>
            {
                var walked = models.Select(m => CallSitesOfFile.Walk(m, CancellationToken.None)).ToList();
                return EvaluationRead(walked) + SpanRead(walked);
            });
            sharedEvaluation.Add(() =>
            {
                sites = models.Select(m => CallSitesOfFile.Walk(m, CancellationToken.None)).ToList();
                return EvaluationRead(sites);
            });
            sharedSpans.Add(() => SpanRead(sites!));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Call sites, {files} files, {models.Count} relevant, best of {reps} (CPU ms / allocated MB on this thread); load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Console.WriteLine($"  before: Evaluation's walk {evaluation}; AIL0102's walk {spans}; both {both}");
        Console.WriteLine($"  after: the shared walk read by both {shared}; of which the walk and Evaluation's reads {sharedEvaluation}, AIL0102's reads of the kept walk {sharedSpans}");
        // The walk alone, and which nodes it gives (kind and span of each, in order, hashed): two analyzer assemblies swapped
        // under one benchmark build must give the same nodes.
        var nodes = string.Join("\n", models.SelectMany(m => CallSitesOfFile.Walk(m, CancellationToken.None).Nodes).Select(n => n.RawKind + "@" + n.SyntaxTree.FilePath + n.Span));
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(nodes));
        Console.WriteLine($"  CallSitesOfFile.Walk alone over the relevant files {walkAlone}; nodes {Convert.ToHexString(digest)[..12]}");
    }

    /// <summary>What Evaluation's action did per node before the change (without the rule's work on each operation).</summary>
    private static int EvaluationWalk(List<SemanticModel> models)
    {
        var count = 0;
        foreach (var model in models)
        {
            foreach (var node in model.SyntaxTree.GetRoot().DescendantNodes())
            {
                if (node is FieldDeclarationSyntax || node is PropertyDeclarationSyntax)
                {
                    count++;
                    continue;
                }

                if ((node is BaseObjectCreationExpressionSyntax || node is InvocationExpressionSyntax || node is AssignmentExpressionSyntax)
                    && model.GetOperation(node) is not null)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>What AIL0102's action did per node before the change.</summary>
    private static int SpanWalk(List<SemanticModel> models)
    {
        var count = 0;
        foreach (var model in models)
        {
            foreach (var node in model.SyntaxTree.GetRoot().DescendantNodes())
            {
                if (node is InvocationExpressionSyntax && model.GetOperation(node) is Microsoft.CodeAnalysis.Operations.IInvocationOperation)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static int EvaluationRead(List<CallSitesOfFile> files)
    {
        var count = 0;
        foreach (var sites in files)
        {
            for (var i = 0; i < sites.Nodes.Length; i++)
            {
                if (sites.Nodes[i] is FieldDeclarationSyntax || sites.Nodes[i] is PropertyDeclarationSyntax || sites.Operation(i, CancellationToken.None) is not null)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static int SpanRead(List<CallSitesOfFile> files)
    {
        var count = 0;
        foreach (var sites in files)
        {
            for (var i = 0; i < sites.Nodes.Length; i++)
            {
                if (sites.Nodes[i] is InvocationExpressionSyntax && sites.Operation(i, CancellationToken.None) is Microsoft.CodeAnalysis.Operations.IInvocationOperation)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Best (least disturbed) CPU time and allocation of repeated runs of one action.</summary>
    private sealed class Best
    {
        private double cpu = double.MaxValue;
        private double megabytes = double.MaxValue;
        private int result;

        public void Add(Func<int> action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var process = System.Diagnostics.Process.GetCurrentProcess();
            var start = process.TotalProcessorTime;
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            result = action();
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1e6;
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - start).TotalMilliseconds);
            megabytes = Math.Min(megabytes, allocated);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{cpu:F1} ms / {megabytes:F2} MB ({result} nodes)");
    }
}
