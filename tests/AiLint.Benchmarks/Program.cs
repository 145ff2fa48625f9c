using System.Globalization;
using AiLint.Benchmarks;
using AiLint.Tests.Robustness.Corpus;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project tests/AiLint.Benchmarks -- --quick [--reps N] [--sizes 200,2000]
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --alloc [--files 2000] [--reps 3] [--family Reliability]
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --focus NonUtcActivityTimeAnalyzer,ModelAnalyzer [--files 1000] [--reps 8]   (named analyzers vs the trees alone, alternated; --alloc-types: what they allocate, by type)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --telemetry [--files 2000] [--reps 3] [--family Models]
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --sites [--files 1000] [--reps 20]   (Evaluation's and AIL0102's node walks, before and shared; changed analyzer build only)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --gate-parts [--files 1000] [--reps 10]   (the shared gate's parts, this thread's CPU time)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --models [--files 1000] [--reps 10]   (the Models family's own work, single-threaded, trees built beforehand; ModelUses alone and with the raw-HTTP check)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --spans [--files 1000] [--reps 10]   (AIL0101's own work, single-threaded, trees built beforehand)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --contracts [--files 1000] [--reps 10]   (the prompts rule's unimplemented-contract search in a project without an SDK, single-threaded, vs a syntax check)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --callbacks [--files 1000] [--reps 10]   (Schema's symbol action, the Razor guard and the report filter, single-threaded; CallbackCostsRunner.cs)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --text-passes [--files 1000] [--reps 20]   (the gate and Retry's InvocationsNamed searches, this thread's CPU time; swap analyzer assemblies to compare)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --field-values [--files 1000] [--reps 10]   (SourceFieldValues.Of for every field reference of the relevant files, single-threaded)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --scans [--files 1000] [--reps 30]   (IdentifierScan.Spells alone over the corpus texts, single-threaded)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --profile [--files 1000] [--reps 5] [--what both|analyzers|summary]   (a loop for dotnet-trace)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --cold [--files 100] [--family All]   (one fresh process per call)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --summary [--files 2000] [--reps 5] [--layered]   (project summary generator; --layered: wrappers with helper chains)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --summary-dump DIR [--files 1000]   (the summary text of the corpora and every test snippet, to diff before/after)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --plain [--files 1000] [--reps 5]   (files without an LLM API)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --startup [--files 1000] [--reps 5]   (no-SDK start-up check)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --gate [--files 1000] [--reps 5]   (the shared relevance gate's own cost)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --compile-generated WORK [--reps 5]   (after GENERATOR_VS_STJ=1 WORK=... scripts/bench-build.sh)
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --write-corpus DIR [--files N]
// dotnet run -c Release --project tests/AiLint.Benchmarks -- --filter '*'      (any BenchmarkDotNet arguments)
if (args.Contains("--alloc"))
{
    AllocationRunner.Run(IntOption("--files", 2000), IntOption("--reps", 3), Option("--family"));
    return 0;
}

if (Option("--focus") is { } focused)
{
    FocusRunner.Run(IntOption("--files", 1000), IntOption("--reps", 8), focused, args.Contains("--alloc-types"));
    return 0;
}

if (args.Contains("--walk"))
{
    WalkRunner.Run(IntOption("--files", 1000), IntOption("--reps", 20));
    return 0;
}

if (args.Contains("--gate-parts"))
{
    GatePartsRunner.Run(IntOption("--files", 1000), IntOption("--reps", 10));
    return 0;
}

if (args.Contains("--field-values"))
{
    FieldValuesRunner.Run(IntOption("--files", 1000), IntOption("--reps", 10));
    return 0;
}

if (args.Contains("--models"))
{
    ModelsRunner.Run(IntOption("--files", 1000), IntOption("--reps", 10));
    return 0;
}

if (args.Contains("--spans"))
{
    SpansRunner.Run(IntOption("--files", 1000), IntOption("--reps", 10));
    return 0;
}

if (args.Contains("--schema"))
{
    SchemaRunner.Run(IntOption("--files", 1000), IntOption("--reps", 10));
    return 0;
}

if (args.Contains("--callbacks"))
{
    CallbackCostsRunner.Run(IntOption("--files", 1000), IntOption("--reps", 10));
    return 0;
}

if (args.Contains("--contracts"))
{
    ContractsRunner.Run(IntOption("--files", 1000), IntOption("--reps", 10));
    return 0;
}

if (args.Contains("--text-passes"))
{
    TextPassesRunner.Run(IntOption("--files", 1000), IntOption("--reps", 20));
    return 0;
}

if (args.Contains("--scans"))
{
    ScansRunner.Run(IntOption("--files", 1000), IntOption("--reps", 30));
    return 0;
}

if (args.Contains("--tools"))
{
    ToolsRunner.Run(IntOption("--files", 1000), IntOption("--reps", 10));
    return 0;
}

if (args.Contains("--sites"))
{
    CallSitesRunner.Run(IntOption("--files", 1000), IntOption("--reps", 20));
    return 0;
}

if (args.Contains("--profile"))
{
    ProfileRunner.Run(IntOption("--files", 1000), IntOption("--reps", 5), Option("--what") ?? "both");
    return 0;
}

if (args.Contains("--cold"))
{
    ColdStartRunner.Run(IntOption("--files", 100), Option("--family") ?? "All");
    return 0;
}

if (args.Contains("--telemetry"))
{
    TelemetryRunner.Run(IntOption("--files", 2000), IntOption("--reps", 3), Option("--family"));
    return 0;
}

if (Option("--summary-dump") is { } dumpDirectory)
{
    SummaryDumpRunner.Run(dumpDirectory, IntOption("--files", 1000), Option("--tests") ?? "tests/AiLint.Tests");
    return 0;
}

if (args.Contains("--summary-phases")) return SummaryPhasesRunner.Run(args);   // phase breakdown of the project summary, nullable analysis on/off (SummaryPhasesRunner.cs)
if (args.Contains("--summary"))
{
    SummaryRunner.Run(IntOption("--files", 2000), IntOption("--reps", 5), args.Contains("--layered"));
    return 0;
}

if (args.Contains("--plain"))
{
    PlainFilesRunner.Run(IntOption("--files", 1000), IntOption("--reps", 5));
    return 0;
}

if (args.Contains("--gate"))
{
    GateRunner.Run(IntOption("--files", 1000), IntOption("--reps", 5));
    return 0;
}

if (args.Contains("--startup"))
{
    StartupRunner.Run(IntOption("--files", 1000), IntOption("--reps", 5));
    return 0;
}

if (Option("--compile-generated") is { } benchWork)
{
    GeneratedCodeRunner.Run(benchWork, IntOption("--reps", 5));
    return 0;
}

if (args.Contains("--quick"))
{
    var reps = IntOption("--reps", 5);
    var sizes = Option("--sizes")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? new[] { 200, 2000 };
    QuickRunner.Run(sizes, reps);
    return 0;
}

if (Option("--write-corpus") is { } directory)
{
    var (sources, evals) = LlmAppCorpus.Generate(IntOption("--files", 1000));
    foreach (var (path, content) in sources.Concat(evals))
    {
        var full = Path.Combine(directory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    Console.WriteLine($"Wrote {sources.Count} source files and {evals.Count} eval files to {directory}");
    return 0;
}

// In-process: no generated benchmark project to restore and build (central package management, shared 2-core machine).
var config = ManualConfig.CreateMinimumViable()
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5))
    .AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(BenchInputs).Assembly).Run(args, config);
return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int IntOption(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
