using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Verifiers;

/// <summary>An expected diagnostic, in the shape of Microsoft.CodeAnalysis.Testing's <c>DiagnosticResult</c>.</summary>
public readonly record struct DiagnosticResult
{
    public DiagnosticResult(string id, DiagnosticSeverity? severity = null)
    {
        Id = id;
        Severity = severity;
    }

    public DiagnosticResult(DiagnosticDescriptor descriptor)
        : this(descriptor.Id, descriptor.DefaultSeverity)
    {
        MessageFormat = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Id { get; init; }

    public DiagnosticSeverity? Severity { get; init; }

    public string? MessageFormat { get; init; }

    /// <summary>The markup location index (<c>{|#n:...|}</c>) this diagnostic is expected at.</summary>
    public int? LocationIndex { get; init; }

    /// <summary>An explicit span, when the location comes from markup <c>[|...|]</c> or <c>{|ID:...|}</c>.</summary>
    public TextSpan? Span { get; init; }

    /// <summary>The file the diagnostic is expected in; null for the first source file.</summary>
    public string? Path { get; init; }

    /// <summary>An expected 1-based line, for diagnostics in additional files (eval files) that have no markup.</summary>
    public int? Line { get; init; }

    public object[]? Arguments { get; init; }

    public string? Message { get; init; }

    public DiagnosticResult WithLocation(int markupIndex) => this with { LocationIndex = markupIndex };

    public DiagnosticResult WithSpan(TextSpan span) => this with { Span = span };

    /// <summary>Expects the diagnostic in the file <paramref name="path"/> at 1-based <paramref name="line"/>.</summary>
    public DiagnosticResult WithLocation(string path, int line) => this with { Path = path, Line = line };

    public DiagnosticResult WithArguments(params object[] arguments) => this with { Arguments = arguments };

    public DiagnosticResult WithMessage(string message) => this with { Message = message };

    public DiagnosticResult WithSeverity(DiagnosticSeverity severity) => this with { Severity = severity };

    public override string ToString() =>
        $"{Id}{(LocationIndex is { } i ? $" at #{i}" : Span is { } s ? $" at {s}" : Line is { } l ? $" at {Path}:{l}" : string.Empty)}"
        + (Arguments is null ? string.Empty : $" ({string.Join(", ", Arguments)})");
}
