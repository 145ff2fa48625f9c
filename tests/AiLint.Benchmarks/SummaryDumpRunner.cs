using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Robustness.Corpus;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--summary-dump DIR" mode: writes the summary the project summary generator emits for the benchmark corpora and
/// for every C# snippet of the test suite, so a change that must not change behaviour can be checked byte for byte
/// (`diff -r before/ after/`). Each test snippet (a string literal of tests/AiLint.Tests that declares a type, with the
/// verifiers' markup removed) is compiled alone as a library, errors and all: broken code must give the same answer too.
/// </summary>
public static class SummaryDumpRunner
{
    // A second, "everything public" variant of each snippet records far more of them (most test types and methods are
    // private or internal): access modifiers become public, and type and method heads without one get it.
    private static readonly Regex Private = new(@"\b(private protected|protected internal|private|internal)\s", RegexOptions.Compiled);

    private static readonly Regex Head = new(@"^(\s*)(?!(?:public|protected|return|await|var|using|namespace|new|throw|yield)\b)((?:(?:static|sealed|abstract|partial|async|override|virtual|readonly|unsafe)\s+)*(?:class|interface|record|struct|enum|(?:[\w.]+(?:<[^;=()]*>)?\??)\s+\w+\s*(?:<[^;=()]*>)?\s*\())", RegexOptions.Compiled | RegexOptions.Multiline);

    private static readonly Regex Markup = new(@"\{\|[^:|{}\s]*:|\|\}|\[\||\|\]", RegexOptions.Compiled);

    public static void Run(string directory, int files, string testsRoot)
    {
        Directory.CreateDirectory(directory);

        // The corpora, through the generator itself (rendering included).
        File.WriteAllText(Path.Combine(directory, "mixed.txt"), Generate(BenchInputs.Mixed(files).Compilation));
        File.WriteAllText(Path.Combine(directory, "layered.txt"), Generate(BenchInputs.Compile(SummaryRunner.LayeredCorpus(files))));
        foreach (var shape in LlmAppCorpus.Shapes.Keys)
        {
            File.WriteAllText(Path.Combine(directory, "shape-" + shape + ".txt"), Generate(BenchInputs.Compile(LlmAppCorpus.GenerateShape(shape, 20))));
        }

        // What the syntax pass leaves for the symbol phase on the mixed corpus (the counts that say where the work is).
        Console.WriteLine(CandidateCounts(BenchInputs.Mixed(files).Compilation));
        Console.WriteLine(CandidateCounts(BenchInputs.Compile(SummaryRunner.LayeredCorpus(files))));

        // The sample app and the CI's cross-project library, each compiled as one library.
        foreach (var project in new[] { "samples/SupportAssistant", "tests/PackageConsumer/CrossProject" })
        {
            if (Directory.Exists(project))
            {
                var sources = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                    .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
                    .OrderBy(p => p, StringComparer.Ordinal)
                    .Select(p => (p, File.ReadAllText(p)));
                File.WriteAllText(Path.Combine(directory, project.Replace('/', '-') + ".txt"), Generate(BenchInputs.Compile(sources)));
            }
        }

        // Every snippet of the test suite, alone; with nullable analysis on and off (the benchmark's and the generator's paths).
        var text = new StringBuilder();
        var snippets = 0;
        var withEntries = 0;
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        foreach (var path in Directory.EnumerateFiles(testsRoot, "*.cs", SearchOption.AllDirectories).Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetRoot();
            foreach (var token in root.DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
                {
                    continue;
                }

                var source = token.ValueText;
                if (source.Length < 40 || !Regex.IsMatch(source, @"\b(class|interface|record|struct)\s"))
                {
                    continue;
                }

                snippets++;
                source = Markup.Replace(source, string.Empty);
                foreach (var (variant, code) in new[] { ("", source), (" (public)", Head.Replace(Private.Replace(source, "public "), "$1public $2")) })
                {
                    var compilation = CSharpCompilation.Create(
                        "Shared",
                        new[] { CSharpSyntaxTree.ParseText(code, BenchInputs.ParseOptions, "/snippet.cs") },
                        ReferenceAssemblies.Default,
                        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                    var off = ProjectSummaryBuilder.Build(compilation, options, CancellationToken.None);
                    var on = ProjectSummaryBuilder.Build(compilation.Clone(), options, CancellationToken.None, nullableAnalysis: true);
                    if (off.IsEmpty && on.IsEmpty)
                    {
                        continue;
                    }

                    withEntries++;
                    text.Append("### ").Append(Path.GetRelativePath(testsRoot, path)).Append(':').Append(token.GetLocation().GetLineSpan().StartLinePosition.Line + 1).Append(variant).Append('\n');
                    foreach (var entry in off)
                    {
                        text.Append(entry.Key).Append(' ').Append(entry.Value).Append('\n');
                    }

                    if (!off.SequenceEqual(on))
                    {
                        text.Append("!!! with nullable analysis:\n");
                        foreach (var entry in on)
                        {
                            text.Append(entry.Key).Append(' ').Append(entry.Value).Append('\n');
                        }
                    }
                }
            }
        }

        File.WriteAllText(Path.Combine(directory, "test-snippets.txt"), text.ToString());
        Console.WriteLine($"wrote {directory}: corpora of {files} files, {snippets} test snippets ({withEntries} with entries)");
    }

    private static string CandidateCounts(Compilation compilation)
    {
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        var recognizer = AiLint.Analyzers.LlmCalls.LlmCallRecognizer.TryGetCompilationInstance(compilation, options)!;
        var names = MayCallModelNames.Compute(compilation, recognizer.DirectCallNames(), CancellationToken.None);
        int methods = 0, mayCall = 0, mayRetry = 0, partial = 0, withUses = 0, mayCallWithUses = 0;
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var method in FileSyntaxFacts.Of(tree, CancellationToken.None).Methods)
            {
                methods++;
                var may = names.Contains(method.Name);
                mayCall += may ? 1 : 0;
                mayRetry += method.MayRetryParameter ? 1 : 0;
                partial += method.Declaration.Modifiers.Any(SyntaxKind.PartialKeyword) ? 1 : 0;
                withUses += method.StringParameterUses.Length > 0 ? 1 : 0;
                mayCallWithUses += may && method.StringParameterUses.Length > 0 ? 1 : 0;
                if (may)
                {
                    byName[method.Name] = byName.GetValueOrDefault(method.Name) + 1;
                }
            }
        }

        return $"{methods} methods: {mayCall} may call a model by name ({string.Join(", ", byName.OrderByDescending(p => p.Value).Take(12).Select(p => p.Key + " " + p.Value))}), {mayRetry} may retry a parameter, {partial} partial; {withUses} with string-parameter uses, {mayCallWithUses} of them may call a model; {names.Count} names in the filter";
    }

    private static string Generate(Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new ProjectSummaryGenerator());
        driver = driver.RunGenerators(compilation);
        return driver.GetRunResult().GeneratedTrees.SingleOrDefault()?.ToString() ?? string.Empty;
    }
}
