using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// A request body written as JSON text, as hobby apps post it: a literal (regular, verbatim or raw), an interpolated
    /// string (<c>$"{{\"model\": \"{_model}\", ...}}"</c>, <c>$$"""{"model":"{{model}}", ...}"""</c>) or a concatenation
    /// (<c>"{\"model\":\"" + model + "\", ...}"</c>). The constant parts are read as the values the compiler folds (escapes
    /// already undone), the interpolated or concatenated values as holes. The text is parsed as JSON from its start:
    /// only text that starts as an object gives one (<see cref="Object"/>), and it holds the members parsed before the
    /// first thing that is not JSON (single quotes, a hole where a key belongs). A string value that is exactly one hole
    /// (<c>"model": "{model}"</c>) is that hole's value; a hole inserted unquoted (<c>"max_tokens": {max}</c>) is not a string.
    /// </summary>
    internal sealed class JsonBodyText
    {
        private const int MaxNesting = 16;

        private readonly List<Segment> segments = new List<Segment>();
        private readonly StringBuilder flat = new StringBuilder();

        // For each character of `flat`: the segment it comes from and its offset in that segment's text (-1 for a hole).
        private readonly List<(int Segment, int Offset)> origins = new List<(int, int)>();
        private int position;
        private bool failed;

        private JsonBodyText()
        {
        }

        /// <summary>The text's constant parts, joined (the whole value when it is a constant).</summary>
        public string Folded { get; private set; } = string.Empty;

        /// <summary>The object the text starts with, or null when it does not start as a JSON object.</summary>
        public JsonTextObject? Object { get; private set; }

        /// <summary>The text <paramref name="value"/> spells, or null when it is not text the code writes.</summary>
        public static JsonBodyText? Of(IOperation value)
        {
            value = OperationValues.Unwrap(value);
            var text = new JsonBodyText();
            switch (value)
            {
                case IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }:
                    text.Add(value);
                    break;
                case { ConstantValue: { HasValue: true, Value: string constant } }:
                    text.AddText(constant, value);
                    break;
                default:
                    return null;
            }

            var folded = new StringBuilder();
            foreach (var segment in text.segments)
            {
                folded.Append(segment.Text);
            }

            text.Folded = value.ConstantValue is { HasValue: true, Value: string whole } ? whole : folded.ToString();
            text.Object = text.Parse();
            return text;
        }

        private void Add(IOperation operand)
        {
            operand = OperationValues.Unwrap(operand);
            switch (operand)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation { Text: { ConstantValue.Value: string literal } spelled }:
                                AddText(literal, spelled);
                                break;
                            case IInterpolationOperation hole:
                                AddHole(hole.Expression);
                                break;
                        }
                    }

                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                    Add(concatenation.LeftOperand);
                    Add(concatenation.RightOperand);
                    return;
                case { ConstantValue: { HasValue: true, Value: string constant } } when operand.Syntax is LiteralExpressionSyntax:
                    AddText(constant, operand);
                    return;
                default:
                    // A value the code inserts: a local, a setting, a call, a number, a constant's name.
                    AddHole(operand);
                    return;
            }
        }

        /// <summary>Constant text and the operation that spells it (a literal, an interpolated string's text part, a constant).</summary>
        private void AddText(string text, IOperation spelled)
        {
            SyntaxToken? token = spelled.Syntax switch
            {
                LiteralExpressionSyntax literal => literal.Token,
                InterpolatedStringTextSyntax part => part.TextToken,
                _ => null,
            };
            segments.Add(new Segment(text, token, spelled));
            for (var i = 0; i < text.Length; i++)
            {
                flat.Append(text[i]);
                origins.Add((segments.Count - 1, i));
            }
        }

        private void AddHole(IOperation hole)
        {
            segments.Add(new Segment(string.Empty, null, hole));
            flat.Append('\0');
            origins.Add((segments.Count - 1, -1));
        }

        private bool IsHole(int at) => origins[at].Offset < 0;

        private IOperation HoleAt(int at) => segments[origins[at].Segment].Operation;

        private JsonTextObject? Parse()
        {
            SkipWhitespace();
            return position < flat.Length && !IsHole(position) && flat[position] == '{' ? ParseObject(0) : null;
        }

        private JsonTextValue? ParseValue(int nesting)
        {
            SkipWhitespace();
            if (position >= flat.Length || nesting > MaxNesting)
            {
                failed = true;
                return null;
            }

            if (IsHole(position))
            {
                // "max_tokens": {max}, "messages": {history}: a value inserted as it is, not a string.
                position++;
                return JsonTextValue.Other;
            }

            switch (flat[position])
            {
                case '{':
                    return ParseObject(nesting + 1);
                case '[':
                    return ParseArray(nesting + 1);
                case '"':
                    return ParseString();
                default:
                    return ParseScalar();
            }
        }

        private JsonTextObject ParseObject(int nesting)
        {
            var result = new JsonTextObject();
            position++;
            SkipWhitespace();
            if (At('}'))
            {
                position++;
                return result;
            }

            while (!failed)
            {
                SkipWhitespace();
                if (!At('"') || ParseString() is not { Constant: { } key } || !Expect(':'))
                {
                    failed = true;
                    break;
                }

                var value = ParseValue(nesting);
                if (value is null || (failed && value is not (JsonTextObject or JsonTextArray)))
                {
                    break;
                }

                result.Add(key, value);
                if (failed || !Separator('}'))
                {
                    break;
                }

                if (At('}'))
                {
                    position++;
                    break;
                }
            }

            return result;
        }

        private JsonTextArray ParseArray(int nesting)
        {
            var result = new JsonTextArray();
            position++;
            SkipWhitespace();
            if (At(']'))
            {
                position++;
                return result;
            }

            while (!failed)
            {
                var value = ParseValue(nesting);
                if (value is null || (failed && value is not (JsonTextObject or JsonTextArray)))
                {
                    break;
                }

                result.Elements.Add(value);
                if (failed || !Separator(']'))
                {
                    break;
                }

                if (At(']'))
                {
                    position++;
                    break;
                }
            }

            return result;
        }

        /// <summary>After a member or element: a comma (consumed), or the closing bracket (left for the caller).</summary>
        private bool Separator(char close)
        {
            SkipWhitespace();
            if (At(','))
            {
                position++;
                return true;
            }

            if (At(close))
            {
                return true;
            }

            failed = true;
            return false;
        }

        private JsonTextString? ParseString()
        {
            var start = ++position;
            var value = new StringBuilder();
            IOperation? hole = null;
            var holes = 0;
            while (position < flat.Length)
            {
                if (IsHole(position))
                {
                    hole = HoleAt(position);
                    holes++;
                    position++;
                    continue;
                }

                var c = flat[position];
                if (c == '"')
                {
                    var end = position++;
                    if (holes == 0)
                    {
                        return new JsonTextString(value.ToString(), null, LocationOf(start, end), SpelledBy(start, end));
                    }

                    // "{prompt}" is the hole's value; "Hello {name}" is text the code assembles: neither constant nor one value.
                    return new JsonTextString(null, holes == 1 && value.Length == 0 ? hole : null, null, null);
                }

                if (c == '\\')
                {
                    if (position + 1 >= flat.Length || IsHole(position + 1) || Unescape(value) is false)
                    {
                        break;
                    }

                    continue;
                }

                value.Append(c);
                position++;
            }

            failed = true;
            return null;
        }

        /// <summary>A JSON escape at the position (a backslash), appended unescaped; false when it is not one.</summary>
        private bool Unescape(StringBuilder value)
        {
            var c = flat[position + 1];
            switch (c)
            {
                case '"':
                case '\\':
                case '/':
                    value.Append(c);
                    break;
                case 'b':
                    value.Append('\b');
                    break;
                case 'f':
                    value.Append('\f');
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case 'u' when position + 5 < flat.Length
                    && int.TryParse(flat.ToString(position + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    for (var i = position + 2; i < position + 6; i++)
                    {
                        if (IsHole(i))
                        {
                            return false;
                        }
                    }

                    value.Append((char)code);
                    position += 6;
                    return true;
                default:
                    return false;
            }

            position += 2;
            return true;
        }

        /// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
        private JsonTextValue? ParseScalar()
        {
            var start = position;
            while (position < flat.Length && !IsHole(position) && (char.IsLetterOrDigit(flat[position]) || flat[position] is '-' or '+' or '.'))
            {
                position++;
            }

            var word = flat.ToString(start, position - start);
            if (word is "true" or "false" or "null"
                || (word.Length > 0 && double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                return JsonTextValue.Other;
            }

            failed = true;
            return null;
        }

        private bool At(char c) => position < flat.Length && !IsHole(position) && flat[position] == c;

        private bool Expect(char c)
        {
            SkipWhitespace();
            if (!At(c))
            {
                return false;
            }

            position++;
            return true;
        }

        private void SkipWhitespace()
        {
            while (position < flat.Length && !IsHole(position) && char.IsWhiteSpace(flat[position]))
            {
                position++;
            }
        }

        /// <summary>
        /// Where the source spells the characters [<paramref name="start"/>, <paramref name="end"/>) of the text: inside the
        /// literal token when one token holds them all and spells them unescaped (the same occurrence of that text in the
        /// token's source as in its value), else the whole token; null without a token (a constant's value).
        /// </summary>
        private Location? LocationOf(int start, int end)
        {
            if (start >= origins.Count)
            {
                return null;
            }

            var (index, from) = origins[start];
            var segment = segments[index];
            if (segment.Token is not { } token || token.SyntaxTree is not { } tree)
            {
                return null;
            }

            if (end <= start || origins[end - 1].Segment != index)
            {
                return token.GetLocation();
            }

            var spelled = segment.Text.Substring(from, origins[end - 1].Offset + 1 - from);
            var occurrence = 0;
            for (var at = segment.Text.IndexOf(spelled, StringComparison.Ordinal); at >= 0 && at < from; at = segment.Text.IndexOf(spelled, at + 1, StringComparison.Ordinal))
            {
                occurrence++;
            }

            var source = token.Text;
            var found = source.IndexOf(spelled, StringComparison.Ordinal);
            for (var i = 0; i < occurrence && found >= 0; i++)
            {
                found = source.IndexOf(spelled, found + 1, StringComparison.Ordinal);
            }

            return found < 0 ? token.GetLocation() : Location.Create(tree, new TextSpan(token.SpanStart + found, spelled.Length));
        }

        /// <summary>The constant operation that spells all the characters [<paramref name="start"/>, <paramref name="end"/>), or null.</summary>
        private IOperation? SpelledBy(int start, int end) =>
            end > start && origins[start].Segment == origins[end - 1].Segment ? segments[origins[start].Segment].Operation : null;

        private readonly struct Segment
        {
            public Segment(string text, SyntaxToken? token, IOperation operation)
            {
                Text = text;
                Token = token;
                Operation = operation;
            }

            /// <summary>The constant text (empty for a hole).</summary>
            public string Text { get; }

            public SyntaxToken? Token { get; }

            /// <summary>The hole's value, or the constant that spells the text.</summary>
            public IOperation Operation { get; }
        }
    }
}
