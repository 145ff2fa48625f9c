using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Finds every analyzer, code fix provider and generator that AiLint ships, by reflection over its assemblies,
/// so the robustness suite covers each rule family as soon as it lands, without naming any of them.
/// </summary>
internal static class AiLintComponents
{
    public static Assembly AnalyzersAssembly { get; } = typeof(global::AiLint.Analyzers.Descriptors).Assembly;

    public static Assembly CodeFixesAssembly { get; } = Assembly.Load("AiLint.CodeFixes");

    public static Assembly GeneratorsAssembly { get; } = Assembly.Load("AiLint.Generators");

    public static IReadOnlyList<Assembly> All { get; } = new[] { AnalyzersAssembly, CodeFixesAssembly, GeneratorsAssembly };

    /// <summary>A fresh instance of every exported analyzer (fresh, so no run can see another run's instance state).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() =>
        ExportedTypes(AnalyzersAssembly, typeof(DiagnosticAnalyzer), typeof(DiagnosticAnalyzerAttribute))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> CreateCodeFixProviders() =>
        ExportedTypes(CodeFixesAssembly, typeof(CodeFixProvider), typeof(ExportCodeFixProviderAttribute))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>Every <c>[Generator]</c>, as the incremental generators the driver runs.</summary>
    public static ImmutableArray<ISourceGenerator> CreateGenerators() =>
        GeneratorsAssembly.GetTypes()
            .Concat(AnalyzersAssembly.GetTypes())
            .Where(t => !t.IsAbstract && t.GetCustomAttribute<GeneratorAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => Activator.CreateInstance(t) switch
            {
                IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
                ISourceGenerator classic => classic,
                var other => throw new InvalidOperationException($"{other?.GetType()} has [Generator] but is no generator."),
            })
            .ToImmutableArray();

    private static IEnumerable<Type> ExportedTypes(Assembly assembly, Type baseType, Type attribute) =>
        assembly.GetTypes()
            .Where(t => !t.IsAbstract && baseType.IsAssignableFrom(t) && t.GetCustomAttributes(attribute, inherit: false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
}
