using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Schema;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Schema;

/// <summary>Runs <see cref="LlmSchemaAnalyzer"/> over code that may not compile, failing if it throws.</summary>
internal static class SchemaAnalyzerRunner
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(string source)
    {
        var project = TestProjectBuilder.Create(
            new[] { (TestProjectBuilder.SourcePath(0), source) },
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);
        return await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new LlmSchemaAnalyzer()));
    }
}
