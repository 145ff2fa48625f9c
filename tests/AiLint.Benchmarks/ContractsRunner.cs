using System.Globalization;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Robustness.Corpus;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--contracts" mode: the prompts rule's compilation-end search for unimplemented contract methods
/// (<see cref="UnimplementedContractPrompts.Find"/>) in a project that references no LLM SDK, where it is the only C#
/// work the rule does (the Application project of a clean-architecture solution), single-threaded. Two 1,000-file
/// projects with framework references only: 900 plain files and 100 contract files (repository interfaces, abstract
/// formatters, their implementations, none with a parameter named for instructions), and the same with one
/// <c>ILlmClient.CompleteAsync(string systemPrompt, ...)</c> that only another project implements, 20 services passing
/// it a prompt, and an abstract <c>Ask(string instructions, ...)</c> that one class here overrides (not a finding).
/// Each rep takes a fresh clone whose declarations are bound untimed (the compiler has bound them when a
/// compilation-end action runs); then this thread's CPU time and allocations (best of N) of the search, of
/// <see cref="AbstractImplementations.Find"/> asked for every interface and abstract method of the source (what the
/// other callers of that search pay per contract), and, as the reference a file without an LLM API should cost no
/// more than, a syntax check reading every token of every file. Signatures are the same across the session's analyzer
/// assemblies, so they can be swapped under one benchmark build; the findings' hash shows whether they agree.
/// </summary>
public static class ContractsRunner
{
    public static void Run(int files, int reps)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Unimplemented contracts, no SDK referenced, {files} files, best of {reps}; load {Load()}"));
        Measure("no instruction-named parameter", Corpus(files, withLlmContract: false), reps);
        Measure("one ILlmClient(systemPrompt) + 20 callers", Corpus(files, withLlmContract: true), reps);
        Console.WriteLine($"load after: {Load()}");
    }

    private static void Measure(string name, CSharpCompilation compilation, int reps)
    {
        var search = (Ms: double.MaxValue, Mb: double.MaxValue);
        var implementations = (Ms: double.MaxValue, Mb: double.MaxValue);
        var syntax = (Ms: double.MaxValue, Mb: double.MaxValue);
        var found = new List<PromptDeclaration>();
        var contracts = 0;
        var implementationsFound = 0;
        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, metadata).
            var clone = compilation.Clone();
            GC.KeepAlive(clone.GetDeclarationDiagnostics());
            var symbols = KnownPromptSymbols.Create(clone);
            var methods = ContractMethods(clone);
            contracts = methods.Count;
            found.Clear();
            var s = ThreadCpu.Measure(() => found.AddRange(UnimplementedContractPrompts.Find(clone, () => new PromptFlow(clone, symbols), CancellationToken.None)));
            // A clone of its own: a per-compilation index the search made must not serve this row.
            var other = compilation.Clone();
            GC.KeepAlive(other.GetDeclarationDiagnostics());
            var otherMethods = ContractMethods(other);
            var i = ThreadCpu.Measure(() =>
            {
                implementationsFound = 0;
                foreach (var method in otherMethods)
                {
                    implementationsFound += AbstractImplementations.Find(method, other, CancellationToken.None)?.Count ?? -1000;
                }
            });
            var t = ThreadCpu.Measure(() => GC.KeepAlive(ReadEveryToken(clone)));
            if (rep >= 0)
            {
                search = Best(search, s);
                implementations = Best(implementations, i);
                syntax = Best(syntax, t);
            }
        }

        var lines = found
            .Select(d => d.Location.GetLineSpan() + "|" + d.Member?.ToDisplayString() + "|" + d.Text)
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### {name} ({compilation.SyntaxTrees.Count()} files)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  UnimplementedContractPrompts.Find: {search.Ms:F2} ms / {search.Mb:F3} MB; {lines.Count} prompts, {Convert.ToHexString(digest)[..12]}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  AbstractImplementations.Find for each of {contracts} contract methods: {implementations.Ms:F2} ms / {implementations.Mb:F3} MB; {implementationsFound} implementations (an unknown one counts -1000)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  reference, a syntax check (every token of every file): {syntax.Ms:F2} ms / {syntax.Mb:F3} MB"));
    }

    private static (double Ms, double Mb) Best((double Ms, double Mb) a, (double Ms, double Mb) b) => (Math.Min(a.Ms, b.Ms), Math.Min(a.Mb, b.Mb));

    private static int ReadEveryToken(Compilation compilation)
    {
        var identifiers = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (token.RawKind == (int)SyntaxKind.IdentifierToken && token.ValueText.Length > 0)
                {
                    identifiers++;
                }
            }
        }

        return identifiers;
    }

    /// <summary>Every interface method and abstract method declared in the source, in declaration order of the walk.</summary>
    private static List<IMethodSymbol> ContractMethods(Compilation compilation)
    {
        var result = new List<IMethodSymbol>();
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    pending.Push(container);
                }
                else if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method
                    && (method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface))
                {
                    result.Add(method);
                }
            }
        }

        return result;
    }

    private static CSharpCompilation Corpus(int files, bool withLlmContract)
    {
        var contractFiles = files / 10;
        var sources = LlmAppCorpus.GenerateShape("plain", files - contractFiles)
            .Concat(Enumerable.Range(0, contractFiles).Select(i => ($"Application/Contracts{i:D5}.cs", ContractFile(i, withLlmContract && i < 20))))
            .ToList();
        if (withLlmContract)
        {
            sources.Add(("Application/ILlmClient.cs", """
                using System.Threading;
                using System.Threading.Tasks;
                namespace Coach.Application;
                public interface ILlmClient
                {
                    Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default);
                }
                public abstract class Assistant
                {
                    public abstract Task<string> AskAsync(string instructions, string question);
                }
                public sealed class EchoAssistant : Assistant
                {
                    public override Task<string> AskAsync(string instructions, string question) => Task.FromResult(question);
                }
                """));
        }

        return CSharpCompilation.Create(
            "Application",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Item2, BenchInputs.ParseOptions, "/corpus/" + s.Item1)),
            ReferenceAssemblies.FrameworkOnly,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>A clean-architecture contract file: a repository interface, an abstract formatter and their implementations.</summary>
    private static string ContractFile(int i, bool callsLlm) => $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        namespace Coach.Application.Area{{i}};

        public sealed record Item{{i}}(int Id, string Name, string Notes);

        public interface IItemRepository{{i}}
        {
            Task<Item{{i}}?> FindAsync(int id, CancellationToken ct = default);
            Task<IReadOnlyList<Item{{i}}>> SearchAsync(string text, int take, CancellationToken ct = default);
            Task SaveAsync(Item{{i}} item, CancellationToken ct = default);
            string Describe(Item{{i}} item, string format);
        }

        public abstract class ItemFormatter{{i}}
        {
            public abstract string Format(Item{{i}} item, string culture);
            public virtual string Header(string title) => title;
        }

        public sealed class PlainItemFormatter{{i}} : ItemFormatter{{i}}
        {
            public override string Format(Item{{i}} item, string culture) => item.Name + " (" + culture + ")";
        }

        public sealed class MemoryItemRepository{{i}} : IItemRepository{{i}}
        {
            private readonly Dictionary<int, Item{{i}}> items = new();
            public Task<Item{{i}}?> FindAsync(int id, CancellationToken ct = default) => Task.FromResult(items.TryGetValue(id, out var item) ? item : null);
            public Task<IReadOnlyList<Item{{i}}>> SearchAsync(string text, int take, CancellationToken ct = default) =>
                Task.FromResult<IReadOnlyList<Item{{i}}>>(new List<Item{{i}}>(items.Values));
            public Task SaveAsync(Item{{i}} item, CancellationToken ct = default) { items[item.Id] = item; return Task.CompletedTask; }
            public string Describe(Item{{i}} item, string format) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, item.Name);
        }
        {{(callsLlm ? $$"""

        public sealed class ItemAdvisor{{i}}(Coach.Application.ILlmClient llm)
        {
            private const string AdvisorSystemPrompt{{i}} = "You are a careful catalog editor. Return ONLY one sentence that improves the item's notes.";

            public Task<string> AdviseAsync(Item{{i}} item, CancellationToken ct = default) => llm.CompleteAsync(AdvisorSystemPrompt{{i}}, item.Notes, ct);
        }
        """ : string.Empty)}}
        """;

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
