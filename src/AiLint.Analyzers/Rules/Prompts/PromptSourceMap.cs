using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Maps offsets of a folded prompt text back to the source characters of the string literals that produced them,
    /// so AIL0303 can underline an instruction inside a regular, verbatim or raw literal. Text that comes from another
    /// constant (a shared fragment) or an interpolation is unmapped; instructions there fall back to the declaration.
    /// </summary>
    internal sealed class PromptSourceMap
    {
        private readonly SyntaxTree tree;
        private readonly ImmutableArray<Segment> segments;

        private PromptSourceMap(SyntaxTree tree, ImmutableArray<Segment> segments)
        {
            this.tree = tree;
            this.segments = segments;
        }

        /// <summary>Builds the map of <paramref name="initializer"/>, or null when its pieces do not add up to <paramref name="foldedText"/>.</summary>
        public static PromptSourceMap? Create(ExpressionSyntax initializer, string foldedText, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            var builder = ImmutableArray.CreateBuilder<Segment>();
            var offset = 0;
            if (!Walk(initializer, foldedText, model, builder, ref offset, cancellationToken) || offset != foldedText.Length)
            {
                return null;
            }

            return new PromptSourceMap(initializer.SyntaxTree, builder.ToImmutable());
        }

        /// <summary>
        /// The map of an assembled prompt (see <see cref="AssembledText"/>), piece by piece: a piece spelled by a string
        /// literal or an interpolated-text token maps character by character into it (escapes, doubled braces and a raw
        /// template's indentation included), when what the token spells is the piece's text; separators, line breaks
        /// added by <c>AppendLine()</c>, members and holes are unmapped.
        /// </summary>
        public static PromptSourceMap ForTokens(SyntaxTree tree, System.Collections.Generic.IEnumerable<(string Text, SyntaxToken? Token)> pieces)
        {
            var builder = ImmutableArray.CreateBuilder<Segment>();
            var offset = 0;
            foreach (var (text, token) in pieces)
            {
                var length = text.Length;
                var map = token is { } t
                    ? t.IsKind(SyntaxKind.InterpolatedStringTextToken) ? Interpolated(t, text) : LiteralCharMap.Create(t)
                    : null;
                builder.Add(map is { } m && m.Starts.Length == length
                    ? new Segment(offset, length, m.Starts, m.Ends)
                    : new Segment(offset, length, default, default));
                offset += length;
            }

            return new PromptSourceMap(tree, builder.ToImmutable());
        }

        /// <summary>An interpolated-text token's map, when the text it spells is <paramref name="value"/>.</summary>
        private static (ImmutableArray<int> Starts, ImmutableArray<int> Ends)? Interpolated(SyntaxToken token, string value) =>
            token.Parent is InterpolatedStringTextSyntax text && InterpolatedTextCharMap.Create(text) is { } map && map.Value == value
                ? (map.Starts, map.Ends)
                : null;

        /// <summary>The source location of the prompt text [<paramref name="start"/>, <paramref name="end"/>), when one literal holds all of it.</summary>
        public Location? TryGetLocation(int start, int end)
        {
            foreach (var segment in segments)
            {
                if (start < segment.TextStart || end > segment.TextStart + segment.Length || end <= start)
                {
                    continue;
                }

                if (segment.Starts.IsDefault)
                {
                    return null;
                }

                var span = TextSpan.FromBounds(segment.Starts[start - segment.TextStart], segment.Ends[end - 1 - segment.TextStart]);
                return Location.Create(tree, span);
            }

            return null;
        }

        private static bool Walk(ExpressionSyntax expression, string foldedText, SemanticModel model, ImmutableArray<Segment>.Builder builder, ref int offset, System.Threading.CancellationToken cancellationToken)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Walk(parenthesized.Expression, foldedText, model, builder, ref offset, cancellationToken);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    return Walk(binary.Left, foldedText, model, builder, ref offset, cancellationToken)
                        && Walk(binary.Right, foldedText, model, builder, ref offset, cancellationToken);
                case InterpolatedStringExpressionSyntax interpolated:
                    return WalkInterpolation(interpolated, foldedText, model, builder, ref offset, cancellationToken);
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    var token = literal.Token;
                    var map = LiteralCharMap.Create(token);
                    var length = token.ValueText.Length;
                    builder.Add(map is null
                        ? new Segment(offset, length, default, default)
                        : new Segment(offset, length, map.Value.Starts, map.Value.Ends));
                    offset += length;
                    return true;
                default:
                    // Another constant (a shared fragment, nameof, a constant interpolation): its text is not in this literal.
                    var constant = model.GetConstantValue(expression, cancellationToken);
                    if (!constant.HasValue || !(constant.Value is string value || constant.Value is null))
                    {
                        return false;
                    }

                    var valueLength = (constant.Value as string)?.Length ?? 0;
                    builder.Add(new Segment(offset, valueLength, default, default));
                    offset += valueLength;
                    return true;
            }
        }

        /// <summary>
        /// A constant template (<c>const string Chef = $"""... {Shared} ..."""</c>): its text parts map into the source
        /// (<see cref="InterpolatedTextCharMap"/>), its holes are other constants (a shared fragment) and stay unmapped.
        /// </summary>
        private static bool WalkInterpolation(InterpolatedStringExpressionSyntax interpolated, string foldedText, SemanticModel model, ImmutableArray<Segment>.Builder builder, ref int offset, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var content in interpolated.Contents)
            {
                string? value;
                if (content is InterpolatedStringTextSyntax text)
                {
                    if (InterpolatedTextCharMap.Create(text) is { } map
                        && offset + map.Value.Length <= foldedText.Length
                        && string.CompareOrdinal(foldedText, offset, map.Value, 0, map.Value.Length) == 0)
                    {
                        builder.Add(new Segment(offset, map.Value.Length, map.Starts, map.Ends));
                        offset += map.Value.Length;
                        continue;
                    }

                    value = (model.GetOperation(text, cancellationToken) as Microsoft.CodeAnalysis.Operations.IInterpolatedStringTextOperation)?.Text.ConstantValue.Value as string;
                }
                else if (content is InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole)
                {
                    var constant = model.GetConstantValue(hole.Expression, cancellationToken);
                    if (!constant.HasValue)
                    {
                        return false;
                    }

                    value = constant.Value as string ?? string.Empty;
                }
                else
                {
                    return false;
                }

                if (value == null)
                {
                    return false;
                }

                builder.Add(new Segment(offset, value.Length, default, default));
                offset += value.Length;
            }

            return true;
        }

        private readonly struct Segment
        {
            public Segment(int textStart, int length, ImmutableArray<int> starts, ImmutableArray<int> ends)
            {
                TextStart = textStart;
                Length = length;
                Starts = starts;
                Ends = ends;
            }

            public int TextStart { get; }

            public int Length { get; }

            /// <summary>Per value character, the source position where it starts (default when unmapped).</summary>
            public ImmutableArray<int> Starts { get; }

            public ImmutableArray<int> Ends { get; }
        }
    }

    /// <summary>Per character of a string literal's value, the source span that spells it (escapes, doubled quotes, raw indentation).</summary>
    internal static class LiteralCharMap
    {
        public static (ImmutableArray<int> Starts, ImmutableArray<int> Ends)? Create(SyntaxToken token)
        {
            var source = token.Text;
            var origin = token.SpanStart;
            var value = new StringBuilder(source.Length);
            var starts = ImmutableArray.CreateBuilder<int>(source.Length);
            var ends = ImmutableArray.CreateBuilder<int>(source.Length);
            bool ok;
            if (token.IsKind(SyntaxKind.StringLiteralToken))
            {
                ok = source.StartsWith("@", System.StringComparison.Ordinal)
                    ? Verbatim(source, value, starts, ends)
                    : Regular(source, value, starts, ends);
            }
            else if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
            {
                ok = SingleLineRaw(source, value, starts, ends);
            }
            else if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
            {
                ok = MultiLineRaw(source, value, starts, ends);
            }
            else
            {
                ok = false;
            }

            // Any disagreement with the compiler's own value means this map is wrong: better no squiggle than a wrong one.
            if (!ok || value.ToString() != token.ValueText)
            {
                return null;
            }

            for (var i = 0; i < starts.Count; i++)
            {
                starts[i] += origin;
                ends[i] += origin;
            }

            return (starts.ToImmutable(), ends.ToImmutable());
        }

        internal static void Emit(StringBuilder value, ImmutableArray<int>.Builder starts, ImmutableArray<int>.Builder ends, char c, int start, int end)
        {
            value.Append(c);
            starts.Add(start);
            ends.Add(end);
        }

        private static bool Regular(string s, StringBuilder value, ImmutableArray<int>.Builder starts, ImmutableArray<int>.Builder ends)
        {
            if (s.Length < 2 || s[0] != '"' || s[s.Length - 1] != '"')
            {
                return false;
            }

            return RegularContent(s, 1, s.Length - 1, interpolated: false, value, starts, ends);
        }

        /// <summary>
        /// Decodes <paramref name="s"/>[<paramref name="from"/>, <paramref name="end"/>) as the content of a regular
        /// literal; in an interpolated string's text (<paramref name="interpolated"/>) <c>{{</c> and <c>}}</c> are one brace.
        /// </summary>
        internal static bool RegularContent(string s, int from, int end, bool interpolated, StringBuilder value, ImmutableArray<int>.Builder starts, ImmutableArray<int>.Builder ends)
        {
            for (var i = from; i < end;)
            {
                if (interpolated && IsDoubledBrace(s, i, end))
                {
                    Emit(value, starts, ends, s[i], i, i + 2);
                    i += 2;
                    continue;
                }

                if (s[i] != '\\')
                {
                    Emit(value, starts, ends, s[i], i, i + 1);
                    i++;
                    continue;
                }

                if (i + 1 >= end)
                {
                    return false;
                }

                var e = s[i + 1];
                int length;
                string decoded;
                switch (e)
                {
                    case 'x':
                        length = 2;
                        while (length < 6 && i + length < end && IsHex(s[i + length]))
                        {
                            length++;
                        }

                        decoded = length > 2 ? ((char)Hex(s, i + 2, length - 2)).ToString() : string.Empty;
                        break;
                    case 'u':
                        length = 6;
                        decoded = HasHex(s, i + 2, 4, end) ? ((char)Hex(s, i + 2, 4)).ToString() : string.Empty;
                        break;
                    case 'U':
                        length = 10;
                        var codePoint = HasHex(s, i + 2, 8, end) ? Hex(s, i + 2, 8) : -1;
                        decoded = codePoint >= 0 && codePoint <= 0x10FFFF && (codePoint < 0xD800 || codePoint > 0xDFFF)
                            ? char.ConvertFromUtf32(codePoint)
                            : string.Empty;
                        break;
                    default:
                        length = 2;
                        decoded = Simple(e);
                        break;
                }

                if (decoded.Length == 0)
                {
                    return false;
                }

                foreach (var c in decoded)
                {
                    Emit(value, starts, ends, c, i, i + length);
                }

                i += length;
            }

            return true;
        }

        private static string Simple(char e)
        {
            switch (e)
            {
                case '\'': return "'";
                case '"': return "\"";
                case '\\': return "\\";
                case '0': return "\0";
                case 'a': return "\a";
                case 'b': return "\b";
                case 'e': return "\u001b";
                case 'f': return "\f";
                case 'n': return "\n";
                case 'r': return "\r";
                case 't': return "\t";
                case 'v': return "\v";
                default: return string.Empty;
            }
        }

        private static bool Verbatim(string s, StringBuilder value, ImmutableArray<int>.Builder starts, ImmutableArray<int>.Builder ends)
        {
            if (s.Length < 3 || s[1] != '"' || s[s.Length - 1] != '"')
            {
                return false;
            }

            return VerbatimContent(s, 2, s.Length - 1, interpolated: false, value, starts, ends);
        }

        /// <summary>Decodes the content of a verbatim literal (<c>""</c> is one quote; <c>{{</c>, <c>}}</c> one brace when <paramref name="interpolated"/>).</summary>
        internal static bool VerbatimContent(string s, int from, int end, bool interpolated, StringBuilder value, ImmutableArray<int>.Builder starts, ImmutableArray<int>.Builder ends)
        {
            for (var i = from; i < end; i++)
            {
                if ((s[i] == '"' && i + 1 < end && s[i + 1] == '"') || (interpolated && IsDoubledBrace(s, i, end)))
                {
                    Emit(value, starts, ends, s[i], i, i + 2);
                    i++;
                    continue;
                }

                Emit(value, starts, ends, s[i], i, i + 1);
            }

            return true;
        }

        private static bool IsDoubledBrace(string s, int i, int end) =>
            (s[i] == '{' || s[i] == '}') && i + 1 < end && s[i + 1] == s[i];

        private static int CountQuotes(string s, int from, int step)
        {
            var n = 0;
            for (var i = from; i >= 0 && i < s.Length && s[i] == '"'; i += step)
            {
                n++;
            }

            return n;
        }

        private static bool SingleLineRaw(string s, StringBuilder value, ImmutableArray<int>.Builder starts, ImmutableArray<int>.Builder ends)
        {
            var quotes = CountQuotes(s, 0, 1);
            if (quotes < 3 || s.Length < 2 * quotes)
            {
                return false;
            }

            for (var i = quotes; i < s.Length - quotes; i++)
            {
                Emit(value, starts, ends, s[i], i, i + 1);
            }

            return true;
        }

        // A multi-line raw literal drops its first and last lines and the closing line's indentation from every content line.
        private static bool MultiLineRaw(string s, StringBuilder value, ImmutableArray<int>.Builder starts, ImmutableArray<int>.Builder ends)
        {
            var quotes = CountQuotes(s, 0, 1);
            if (quotes < 3 || s.Length < 2 * quotes + 2 || CountQuotes(s, s.Length - 1, -1) != quotes)
            {
                return false;
            }

            var closingStart = s.Length - quotes;
            var lastLineStart = s.LastIndexOfAny(new[] { '\n', '\r' }, closingStart - 1) + 1;
            var firstBreak = s.IndexOfAny(new[] { '\n', '\r' }, quotes);
            if (quotes < 3 || firstBreak < 0 || lastLineStart <= firstBreak)
            {
                return false;
            }

            var indentation = s.Substring(lastLineStart, closingStart - lastLineStart);
            var lineStart = firstBreak + (s[firstBreak] == '\r' && s[firstBreak + 1] == '\n' ? 2 : 1);
            var first = true;
            while (lineStart < lastLineStart)
            {
                var lineEnd = s.IndexOfAny(new[] { '\n', '\r' }, lineStart);
                var breakLength = s[lineEnd] == '\r' && lineEnd + 1 < s.Length && s[lineEnd + 1] == '\n' ? 2 : 1;
                if (!first)
                {
                    // The line break before this line belongs to the value; it is the source's own break.
                    var previousBreak = lineStart - 1;
                    var previousBreakStart = s[previousBreak] == '\n' && previousBreak > 0 && s[previousBreak - 1] == '\r' ? previousBreak - 1 : previousBreak;
                    for (var k = previousBreakStart; k < lineStart; k++)
                    {
                        Emit(value, starts, ends, s[k], k, k + 1);
                    }
                }

                first = false;
                var isWhitespaceOnly = true;
                for (var k = lineStart; k < lineEnd; k++)
                {
                    if (!char.IsWhiteSpace(s[k]))
                    {
                        isWhitespaceOnly = false;
                        break;
                    }
                }

                if (!isWhitespaceOnly)
                {
                    if (lineEnd - lineStart < indentation.Length || string.CompareOrdinal(s, lineStart, indentation, 0, indentation.Length) != 0)
                    {
                        return false;
                    }

                    for (var k = lineStart + indentation.Length; k < lineEnd; k++)
                    {
                        Emit(value, starts, ends, s[k], k, k + 1);
                    }
                }

                lineStart = lineEnd + breakLength;
            }

            return true;
        }

        private static bool HasHex(string s, int start, int count, int end)
        {
            if (start + count > end)
            {
                return false;
            }

            for (var i = start; i < start + count; i++)
            {
                if (!IsHex(s[i]))
                {
                    return false;
                }
            }

            return true;
        }

        // Only called on validated hex digits; at most 8 digits, so a long keeps every value in range.
        private static int Hex(string s, int start, int count)
        {
            long result = 0;
            for (var i = start; i < start + count; i++)
            {
                var c = s[i];
                result = (result << 4) | (long)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            }

            return result > int.MaxValue ? -1 : (int)result;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
