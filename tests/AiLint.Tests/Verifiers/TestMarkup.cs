using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Verifiers;

/// <summary>A span marked in test source: <c>[|x|]</c>, <c>{|AIL0001:x|}</c> or <c>{|#0:x|}</c>.</summary>
public sealed record MarkedSpan(TextSpan Span, string? DiagnosticId, int? LocationIndex);

/// <summary>
/// Parses the markup of Microsoft.CodeAnalysis.Testing: <c>[|...|]</c> for a diagnostic of the rule under test,
/// <c>{|AIL0002:...|}</c> for a diagnostic with that ID, <c>{|#0:...|}</c> for location 0 of an explicitly built
/// <see cref="DiagnosticResult"/>. Markup nests.
/// </summary>
public static class TestMarkup
{
    public static (string Source, IReadOnlyList<MarkedSpan> Spans) Parse(string markup)
    {
        var output = new StringBuilder(markup.Length);
        var open = new Stack<(int Start, string? Id, int? Index)>();
        var spans = new List<MarkedSpan>();

        for (var i = 0; i < markup.Length; i++)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((output.Length, null, null));
                i += 1;
            }
            else if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|' && TryReadLabel(markup, i + 2, out var label, out var next))
            {
                if (label.StartsWith('#'))
                {
                    open.Push((output.Length, null, int.Parse(label.AsSpan(1))));
                }
                else
                {
                    open.Push((output.Length, label, null));
                }

                i = next - 1;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"Unbalanced markup closing at offset {i}.");
                }

                var (start, id, index) = open.Pop();
                spans.Add(new MarkedSpan(TextSpan.FromBounds(start, output.Length), id, index));
                i += 1;
            }
            else
            {
                output.Append(markup[i]);
            }
        }

        if (open.Count != 0)
        {
            throw new FormatException("Unclosed markup span.");
        }

        return (output.ToString(), spans.OrderBy(s => s.Span.Start).ThenBy(s => s.Span.End).ToList());
    }

    private static bool Starts(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    // A label is "#<digits>" or an identifier (a diagnostic ID), followed by ':'.
    private static bool TryReadLabel(string text, int start, out string label, out int next)
    {
        var end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '#' || text[end] == '_'))
        {
            end++;
        }

        label = text.Substring(start, end - start);
        next = end + 1;
        return end > start && end < text.Length && text[end] == ':';
    }
}
