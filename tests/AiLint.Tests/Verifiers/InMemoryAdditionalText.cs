using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Verifiers;

/// <summary>An additional file held in memory, for tests that call a reader directly; a null text is an unreadable file.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly string? content;

    public InMemoryAdditionalText(string path, string? content)
    {
        Path = path;
        this.content = content;
    }

    public override string Path { get; }

    public override SourceText? GetText(CancellationToken cancellationToken = default) =>
        content == null ? null : SourceText.From(content);
}
