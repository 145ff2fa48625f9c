using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Summaries;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0201 across projects (reviewer 13): a library's public static catalog spread into the app's request. The library's
/// project summary records the count its own catalog evaluator finds (ToolCatalogSummary); the app reads it where it
/// reads the member. The library is compiled with the real summary generator and referenced as metadata.
/// </summary>
public class CrossProjectCatalogTests
{
    private static readonly string Library = $$"""
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Microsoft.Extensions.AI;

        namespace Lib
        {
            public static class AdminTools
            {
                public static readonly IReadOnlyList<AITool> All = [{{ToolTestCode.Functions(22)}}];

                public static AITool[] Array { get; } = [{{ToolTestCode.Functions(21)}}];

                public static readonly ImmutableArray<AITool> Few = [{{ToolTestCode.Functions(3)}}];

                // Any project can add to or remove from a public List: its count is not recorded.
                public static readonly List<AITool> Mutable = [{{ToolTestCode.Functions(22)}}];
            }

            // An instance member and a member of a type other assemblies cannot see are not recorded.
            public sealed class Toolbox
            {
                public readonly IReadOnlyList<AITool> Instance = [{{ToolTestCode.Functions(22)}}];
            }

            internal static class HiddenTools
            {
                public static readonly IReadOnlyList<AITool> All = [{{ToolTestCode.Functions(22)}}];
            }
        }
        """;

    private static readonly string DeferredLibrary = $$"""
        using System.Collections.Generic;
        using Anthropic.Models.Messages;

        namespace Lib
        {
            public static class SearchTools
            {
                public static readonly IReadOnlyList<ToolUnion> Deferred =
                [
                    {{string.Join(",\n", Enumerable.Range(1, 22).Select(i => $"new Tool {{ Name = \"d{i}\", InputSchema = new InputSchema(), DeferLoading = true }}"))}}
                ];
            }
        }
        """;

    [Fact]
    public void The_library_records_the_counts_of_its_public_static_catalogs_only()
    {
        Assert.Equal(
            [
                "F:Lib.AdminTools.All|22|1|0|0",
                "F:Lib.AdminTools.Few|3|1|0|0",
                "P:Lib.AdminTools.Array|21|1|0|0",
            ],
            Recorded(Library));

        // Tools deferred for Anthropic's tool search count nothing, so nothing is recorded.
        Assert.Empty(Recorded(DeferredLibrary));
    }

    [Fact]
    public Task A_library_catalog_over_the_cap_is_reported_where_the_app_sends_it() => VerifyAppAsync("""
        using Lib;
        using Microsoft.Extensions.AI;

        static class App
        {
            public static ChatOptions All() => new() { Tools = {|#0:[.. AdminTools.All]|} };

            public static ChatOptions Array() => new() { Tools = {|#1:AdminTools.Array|} };

            public static ChatOptions Combined() => new() { Tools = {|#2:[.. AdminTools.Few, .. AdminTools.Array]|} };
        }
        """,
        OverCap(0, "22"),
        OverCap(1, "21"),
        OverCap(2, "24"));

    // The neighbours that stay silent: a library catalog within the cap, capped by the app, or one whose count the
    // library did not record (a mutable List, an internal type's member).
    [Fact]
    public Task A_library_catalog_within_the_cap_or_not_recorded_is_not_reported() => VerifyAppAsync("""
        using System.Linq;
        using Lib;
        using Microsoft.Extensions.AI;

        static class App
        {
            public static ChatOptions Few() => new() { Tools = [.. AdminTools.Few] };

            public static ChatOptions Capped() => new() { Tools = [.. AdminTools.All.Take(10)] };

            public static ChatOptions Mutable() => new() { Tools = [.. AdminTools.Mutable] };
        }
        """);

    // A library that does not compile (a half-typed catalog) does not make the generator fail. (What it records does not
    // matter: a library with errors emits no assembly for anyone to read.)
    [Theory]
    [InlineData("public static class T { public static readonly IReadOnlyList<AITool> All = [Undefined, AIFunctionFactory.Create(() => 1, \"a\")")]
    [InlineData("public static class T { public static readonly IReadOnlyList<AITool> All = [.. Missing.Tools]; }")]
    [InlineData("public static class T { public static AITool[] All { get; } = new AITool[] { ")]
    public void A_half_typed_library_catalog_does_not_break_the_generator(string declaration)
    {
        var compilation = CSharpCompilation.Create(
            "Shared",
            [CSharpSyntaxTree.ParseText("using System.Collections.Generic;\nusing Microsoft.Extensions.AI;\n" + declaration, new CSharpParseOptions(LanguageVersion.Latest))],
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(compilation).GetRunResult();

        Assert.NotEmpty(result.Results);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
    }

    private static string[] Recorded(string source)
    {
        var tree = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(ProjectSummaryTests.CreateLibrary(source)).GetRunResult().GeneratedTrees.SingleOrDefault();
        return tree == null
            ? []
            : tree.ToString().Split('\n')
                .Where(l => l.Contains(ToolCatalogSummary.Key, StringComparison.Ordinal))
                .Select(l => l.Substring(l.IndexOf(", \"", StringComparison.Ordinal) + 3).TrimEnd('\r', ')', ']', '"'))
                .ToArray();
    }

    private static async Task VerifyAppAsync(string source, params DiagnosticResult[] expected)
    {
        ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(ProjectSummaryTests.CreateLibrary(Library), out var library, out _);
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = source,
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit((CSharpCompilation)library)),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, string.Empty);
}
