using System.Diagnostics;
using System.Globalization;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Benchmarks;

/// <summary>
/// The project summary generator's cost (docs/design/project-summaries.md) against the compiler's own binding of the same
/// corpus: a first run, and a re-run after a method-body edit (the generator recomputes from the compilation).
/// Wall-clock times swing with the machine's load; the process CPU time, the bytes allocated and the counts of what was
/// bound are the steadier figures.
/// </summary>
public static class SummaryRunner
{
    public static void Run(int files, int reps, bool layered = false)
    {
        var compilation = layered ? BenchInputs.Compile(LayeredCorpus(files)) : BenchInputs.Mixed(files).Compilation;
        if (layered && compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw new InvalidOperationException("The layered corpus does not compile: " + error);
        }

        Console.WriteLine($"## Project summary generator, {files} {(layered ? "layered-wrapper" : "mixed")} files, median of {reps} reps, {Environment.ProcessorCount} cores, load {Load()}");

        var binding = new Samples();
        var first = new Samples();
        var rerun = new Samples();
        var entries = 0;
        for (var rep = 0; rep < reps; rep++)
        {
            // Fresh compilations of freshly parsed trees each rep, so no semantic model, recognizer or per-tree cache is
            // shared between measurements (a build parses its files anew).
            var bound = Reparsed(compilation);
            binding.Measure(() => bound.GetDiagnostics());

            var input = Reparsed(compilation);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new ProjectSummaryGenerator());
            first.Measure(() => driver = driver.RunGenerators(input));
            if (Environment.GetEnvironmentVariable("AILINT_SUMMARY_OUT") is { } outPath)
            {
                File.WriteAllText(outPath, driver.GetRunResult().GeneratedTrees.SingleOrDefault()?.ToString() ?? string.Empty);
            }

            entries = driver.GetRunResult().GeneratedTrees.SingleOrDefault()?.ToString().Split('\n').Count(l => l.StartsWith("[assembly:", StringComparison.Ordinal)) ?? 0;

            var tree = input.SyntaxTrees.First();
            var edited = input.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(tree.Length, 0), "\n// edit\n"))));
            rerun.Measure(() => driver = driver.RunGenerators(edited));
        }

        Console.WriteLine("| | wall ms | CPU ms | allocated MB | share of binding (CPU) |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(binding.Row("compiler binding (GetDiagnostics)", binding));
        Console.WriteLine(first.Row("summary generator, first run", binding));
        Console.WriteLine(rerun.Row("summary generator, after an edit", binding));
        Console.WriteLine($"entries recorded: {entries}");

        // Where the first run's time goes (one run each, fresh compilations).
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty);
        var c1 = Reparsed(compilation);
        LlmCallRecognizer? recognizer = null;
        var gate = QuickRunner.Time(() => recognizer = LlmCallRecognizer.TryGetCompilationInstance(c1, options));
        var names = new Samples();
        names.Measure(() => MayCallModelNames.Compute(c1, recognizer!.DirectCallNames(), CancellationToken.None));
        var c2 = Reparsed(compilation);
        var probe = new BindingProbe();
        var build = new Samples();
        build.Measure(() => ProjectSummaryBuilder.Build(c2, options, CancellationToken.None, probe));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phases: recognizer gate {gate:F0} ms; name filter {names.Summary()}; whole build on a fresh compilation {build.Summary()}"));
        Console.WriteLine($"bound: {probe.Candidates} candidate methods, {probe.Explored.Count} methods explored, {probe.WholeBodies} bodies bound whole, {probe.Invocations} calls bound one by one");
        Console.WriteLine($"load at the end: {Load()}");
    }

    /// <summary>
    /// Wrappers as services write them: a public method builds the prompt, logs, calls a private helper chain that reaches
    /// the SDK, parses and logs again. Half the files are plain services with the same helpers and no model.
    /// </summary>
    internal static IEnumerable<(string Path, string Content)> LayeredCorpus(int files)
    {
        for (var i = 0; i < files; i++)
        {
            var model = i % 2 == 0;
            var send = model
                ? "var response = await chat.GetResponseAsync(messages, cancellationToken: ct); return response.Text;"
                : "await Task.Yield(); return string.Join(\"\\n\", messages.Select(m => m.Text));";
            yield return ($"Layered/File{i:D5}.cs", $$"""
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Text;
                using System.Text.Json;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                namespace Layered{{i}};

                public sealed record Ticket{{i}}(int Id, string Title, string Body, IReadOnlyList<string> Tags);

                public sealed class TicketAssistant{{i}}(IChatClient chat)
                {
                    public async Task<string> SummarizeAsync(Ticket{{i}} ticket, CancellationToken ct)
                    {
                        var prompt = BuildPrompt(ticket);
                        LogPrompt(ticket.Id, prompt);
                        var answer = await Send{{(model ? "" : "Local")}}Async(prompt, ct);
                        var parsed = ParseAnswer(answer);
                        LogAnswer(ticket.Id, parsed);
                        return parsed;
                    }

                    public async Task<IReadOnlyList<string>> ClassifyAsync(Ticket{{i}} ticket, CancellationToken ct)
                    {
                        var prompt = BuildPrompt(ticket) + "\nReturn the tags as a JSON array.";
                        var answer = await Send{{(model ? "" : "Local")}}Async(prompt, ct);
                        return ParseTags(answer);
                    }

                    private Task<string> Send{{(model ? "" : "Local")}}Async(string prompt, CancellationToken ct) =>
                        Complete{{i}}Async(new[] { new ChatMessage(ChatRole.System, "You triage support tickets."), new ChatMessage(ChatRole.User, prompt) }, ct);

                    private async Task<string> Complete{{i}}Async(ChatMessage[] messages, CancellationToken ct)
                    {
                        {{send}}
                    }

                    private static string BuildPrompt(Ticket{{i}} ticket)
                    {
                        var text = new StringBuilder();
                        text.Append("Title: ").AppendLine(ticket.Title);
                        foreach (var line in ticket.Body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(40))
                        {
                            text.Append("> ").AppendLine(line);
                        }

                        if (ticket.Tags.Count > 0)
                        {
                            text.Append("Tags: ").AppendLine(string.Join(", ", ticket.Tags.OrderBy(t => t, StringComparer.Ordinal)));
                        }

                        return text.ToString();
                    }

                    private static void LogPrompt(int id, string prompt) =>
                        Console.WriteLine($"ticket {id}: prompt of {prompt.Length} chars, {prompt.Count(c => c == '\n')} lines");

                    private static void LogAnswer(int id, string answer) => Console.WriteLine($"ticket {id}: answer of {answer.Length} chars");

                    private static string ParseAnswer(string answer)
                    {
                        var lines = answer.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)).ToList();
                        return lines.Count == 0 ? string.Empty : string.Join(" ", lines.Take(3));
                    }

                    private static IReadOnlyList<string> ParseTags(string answer)
                    {
                        try
                        {
                            return JsonSerializer.Deserialize<List<string>>(answer) ?? new List<string>();
                        }
                        catch (JsonException)
                        {
                            return answer.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
                        }
                    }
                }
                """);
        }
    }

    private static Compilation Reparsed(Compilation compilation) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)));

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Wall time, process CPU time and allocated bytes of repeated measurements.</summary>
    private sealed class Samples
    {
        private readonly List<double> wall = new();
        private readonly List<double> cpu = new();
        private readonly List<double> megabytes = new();

        public double Cpu => QuickRunner.Median(cpu);

        public void Measure(Action action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            action();
            wall.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            megabytes.Add((GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / 1e6);
        }

        public string Row(string name, Samples baseline) => string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {QuickRunner.Median(wall):F0} | {Cpu:F0} | {QuickRunner.Median(megabytes):F0} | {Cpu / baseline.Cpu:P1} |");

        public string Summary() => string.Create(
            CultureInfo.InvariantCulture,
            $"{QuickRunner.Median(wall):F0} ms wall, {Cpu:F0} ms CPU, {QuickRunner.Median(megabytes):F0} MB");
    }
}
