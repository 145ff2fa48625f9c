using System.Collections.Immutable;
using AiLint.Generators;
using AiLint.Generators.Schema;
using AiLint.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Tests.Schema;

/// <summary>
/// The generator finds [LlmSchema] types itself (behind its declaration key) instead of through
/// <c>ForAttributeWithMetadataName</c>; these tests pin that it finds exactly what FAWMN found, on every
/// [LlmSchema] snippet of the test suite, on damaged (half-typed) versions of them, and on the lookup's corner cases,
/// and that an incremental run after any of those edits equals a fresh run.
/// </summary>
public class GeneratorEquivalenceTests
{
    private static readonly string[] CornerCases =
    {
        // Aliases: local, global (in another file), with and without the Attribute suffix, to a namespace.
        "using S = AiLint.LlmSchemaAttribute;\nnamespace A;\n[S] public partial class T1 { public int X { get; set; } }",
        "namespace A;\n[G] public partial class T2 { public int X { get; set; } }\n//FILE\nglobal using GAttribute = AiLint.LlmSchemaAttribute;",
        "using N = AiLint;\nnamespace A;\n[N.LlmSchema] public partial class T3 { public int X { get; set; } }\n[N::LlmSchemaAttribute] public partial class T4 { public int X { get; set; } }",
        "namespace A;\n[global::AiLint.LlmSchemaAttribute] public partial struct T5 { public int X { get; set; } }",
        // Nested, generic, non-partial, interfaces, records.
        "namespace A;\npublic partial class Outer { [AiLint.LlmSchema] public partial record Inner(int X); public partial class Mid { [AiLint.LlmSchema] public partial record struct Deep(int Y); } }",
        "namespace A;\npublic partial class Outer<T> { [AiLint.LlmSchema] public partial record Inner(int X); }",
        "namespace A;\npublic class NotPartial { [AiLint.LlmSchema] public partial record Inner(int X); }",
        "namespace A;\n[AiLint.LlmSchema] public partial class Generic<T> { public T? X { get; set; } }\n[AiLint.LlmSchema] public partial interface IShape { int X { get; } }\n[AiLint.LlmSchema] public record Plain(int X);",
        // A partial type over several files, the attribute in one; and in the second file only.
        "namespace A;\n[AiLint.LlmSchema(\"split\")] public partial class Split { public int A1 { get; set; } }\n//FILE\nnamespace A;\npublic partial class Split { public string? B1 { get; set; } }",
        "namespace A;\npublic partial class Late { public int A1 { get; set; } }\n//FILE\nnamespace A;\n[System.Serializable]\n[AiLint.LlmSchema]\npublic partial class Late { public string? B1 { get; set; } }",
        // Another attribute named LlmSchema (not AiLint's), an unresolved one, a type named like the attribute.
        "namespace Other { public class LlmSchemaAttribute : System.Attribute { } }\nnamespace A { using Other; [LlmSchema] public partial class Fake { public int X { get; set; } } }",
        "namespace A;\n[Missing.LlmSchema] public partial class Unresolved { public int X { get; set; } }\n[LlmSchemaX] public partial class Near { public int X { get; set; } }",
        // Source-declared AiLint.LlmSchemaAttribute shadowing nothing but matching by metadata name.
        "namespace A;\n[AiLint.LlmSchema(Providers = new[] { AiLint.LlmProvider.Gemini })] public partial record WithArgs(string Name);",
        // Types in member bodies and top-level statements (error recovery), file-scoped namespace, no namespace.
        "System.Console.WriteLine();\n[AiLint.LlmSchema] public partial record TopLevel(int X);",
        "namespace A;\npublic class Host { void M() { [AiLint.LlmSchema] partial class Local { } } }",
        "[AiLint.LlmSchema] public partial record GlobalNs(int X, System.Collections.Generic.List<string> Y);",
        // Constants from another file in attribute arguments.
        "namespace A;\n[AiLint.LlmSchema(Names.Schema)] public partial record Named([property: System.ComponentModel.Description(Names.Text)] string V);\n//FILE\nnamespace A;\npublic static class Names { public const string Schema = \"named\"; public const string Text = \"A value.\"; }",
    };

    public static IEnumerable<object[]> Snippets()
    {
        var sources = RobustnessCorpus.TestSources
            .Where(s => s.Code.Contains("LlmSchema", StringComparison.Ordinal))
            .Select(s => s.Code)
            .Concat(CornerCases)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < sources.Count; i++)
        {
            yield return new object[] { i, sources[i] };
        }
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Finds_what_ForAttributeWithMetadataName_found(int index, string code)
    {
        _ = index;
        var random = new Random(Mutations.Seed + index);
        var variants = new List<(string Kind, string Text)> { ("original", code) };
        variants.AddRange(Mutations.Truncations(code, random, evenlySpaced: 3, randomPoints: 1));
        variants.Add(Mutations.DeleteTokens(code, random, 2));

        var original = Compile(code);
        var incremental = GeneratorHarness.CreateDriver().RunGenerators(original);
        foreach (var (kind, text) in variants)
        {
            var compilation = Compile(text);
            var expected = Outputs(CSharpGeneratorDriver.Create(new[] { new FawmnReferenceGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions), compilation);
            var actual = Outputs(GeneratorHarness.CreateDriver(), compilation);
            Assert.True(expected.SequenceEqual(actual), $"{kind}: FAWMN gave [{string.Join(", ", expected.Select(e => e.Hint))}], the generator [{string.Join(", ", actual.Select(e => e.Hint))}]\n{text}");

            // The same edit applied to a warm driver: the state carried over must not make a difference.
            var edited = original.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees);
            var fromWarm = Outputs(incremental, edited);
            Assert.True(expected.OrderBy(e => e.Hint, StringComparer.Ordinal).SequenceEqual(fromWarm.OrderBy(e => e.Hint, StringComparer.Ordinal)), $"{kind}: the incremental run differs from a fresh one\n{text}");
        }
    }

    private static Compilation Compile(string code) =>
        GeneratorHarness.CreateCompilation(code.Split("//FILE\n"));

    private static List<(string Hint, string Text)> Outputs(GeneratorDriver driver, Compilation compilation)
    {
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.True(result.Exception is null, result.Exception?.ToString());
        return result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToList();
    }

    /// <summary>The generator's pipeline before the declaration key: FAWMN driving the same Discovery and Emitter.</summary>
    private sealed class FawmnReferenceGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var types = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "AiLint.LlmSchemaAttribute",
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, cancellationToken) => ctx.TargetSymbol is INamedTypeSymbol type && ctx.TargetNode is TypeDeclarationSyntax declaration
                        ? LlmSchemaGenerator.Discovery.ReadModel(type, declaration, ctx.Attributes.Length > 0 ? ctx.Attributes[0] : null, SchemaKnownSymbols.Create(ctx.SemanticModel.Compilation), cancellationToken)
                        : null)
                .Where(static model => model is not null)
                .Select(static (model, _) => model!);
            var sdk = context.CompilationProvider.Select(static (compilation, _) => LlmSchemaGenerator.Discovery.ReadSdkFlags(compilation));
            context.RegisterSourceOutput(types.Combine(sdk), static (output, pair) =>
            {
                if (pair.Right.HasSystemTextJson)
                {
                    output.AddSource(pair.Left.HintName, LlmSchemaGenerator.Emitter.EmitType(pair.Left, pair.Right, AiLint.Generators.Inputs.OutputLanguage.Latest));
                }
            });
            var runtimeNeeded = types.Collect().Combine(sdk).Select(static (pair, _) => pair.Left.Length > 0 && pair.Right.HasSystemTextJson);
            context.RegisterSourceOutput(runtimeNeeded, static (output, needed) =>
            {
                if (needed)
                {
                    output.AddSource(AiLint.Generators.Emit.RuntimeSource.HintName, AiLint.Generators.Emit.RuntimeSource.For(AiLint.Generators.Inputs.OutputLanguage.Latest));
                }
            });
        }
    }
}
