using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using AiLint.Tests.Verifiers;

// In the root test namespace so every test namespace sees the extensions without a using.
namespace AiLint.Tests;

/// <summary>What the kit's <see cref="DiagnosticResult"/> lacks for diagnostics in additional files.</summary>
public static class DiagnosticResultExtensions
{
    /// <summary>
    /// Expects the diagnostic at the start of 1-based <paramref name="line"/> of the file <paramref name="path"/>
    /// (relative paths are under <c>/0/</c>). AiLint reports a diagnostic in a line-based file (eval JSONL, model table,
    /// appsettings.json) at the start of the offending line; the kit compares the start position, not the length.
    /// </summary>
    public static DiagnosticResult WithLocation(this DiagnosticResult result, string path, int line) =>
        result.WithLocation(KitState.Rooted(path), line, 1);

    /// <summary>Expects the diagnostic exactly on <paramref name="span"/> of the file <paramref name="path"/> whose text is <paramref name="content"/>.</summary>
    public static DiagnosticResult WithSpan(this DiagnosticResult result, string path, string content, TextSpan span) =>
        result.WithSpan(new FileLinePositionSpan(KitState.Rooted(path), SourceText.From(content).Lines.GetLinePositionSpan(span)));
}
