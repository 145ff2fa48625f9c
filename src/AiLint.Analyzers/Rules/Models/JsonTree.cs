using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AiLint.Analyzers.Rules.Models
{
    internal enum JsonNodeKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>A JSON value with the text offset where it starts, so a malformed row can be reported at its line.</summary>
    internal sealed class JsonNode
    {
        public JsonNode(JsonNodeKind kind, int start)
        {
            Kind = kind;
            Start = start;
        }

        public JsonNodeKind Kind { get; }

        public int Start { get; }

        public string? Text { get; set; }

        /// <summary>The offset just past the value.</summary>
        public int End { get; set; }

        public List<KeyValuePair<string, JsonNode>> Properties { get; } = new List<KeyValuePair<string, JsonNode>>();

        public List<JsonNode> Items { get; } = new List<JsonNode>();
    }

    /// <summary>
    /// A small JSON reader (plus <c>//</c> line comments) for model table files (the analyzer cannot ship System.Text.Json). It never throws: a
    /// syntax error yields <see langword="null"/>, the offset of the error and a message. Nesting is capped.
    /// </summary>
    internal sealed class JsonTreeReader
    {
        private const int MaxDepth = 64;
        private readonly string s;
        private int pos;

        private JsonTreeReader(string text)
        {
            s = text;
        }

        public static JsonNode? Parse(string text, out int errorOffset, out string? error)
        {
            var reader = new JsonTreeReader(text);
            reader.SkipWhitespace();
            var root = reader.ReadValue(0, out error);
            if (root != null)
            {
                reader.SkipWhitespace();
                if (reader.pos < text.Length)
                {
                    error = "unexpected text after the JSON value";
                    root = null;
                }
            }

            errorOffset = root == null ? System.Math.Min(reader.pos, System.Math.Max(0, text.Length - 1)) : -1;
            return root;
        }

        private JsonNode? ReadValue(int depth, out string? error)
        {
            var node = ReadValueCore(depth, out error);
            if (node != null)
            {
                node.End = pos;
            }

            return node;
        }

        private JsonNode? ReadValueCore(int depth, out string? error)
        {
            error = null;
            if (depth > MaxDepth)
            {
                error = "the JSON is nested too deeply";
                return null;
            }

            if (pos >= s.Length)
            {
                error = "the file ends too early";
                return null;
            }

            var c = s[pos];
            switch (c)
            {
                case '{':
                    return ReadObject(depth, out error);
                case '[':
                    return ReadArray(depth, out error);
                case '"':
                    var start = pos;
                    var text = ReadString(out error);
                    return text == null ? null : new JsonNode(JsonNodeKind.String, start) { Text = text };
                case 't':
                    return ReadWord("true", JsonNodeKind.True, out error);
                case 'f':
                    return ReadWord("false", JsonNodeKind.False, out error);
                case 'n':
                    return ReadWord("null", JsonNodeKind.Null, out error);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber(out error);
                    }

                    error = "unexpected character '" + c + "'";
                    return null;
            }
        }

        private JsonNode? ReadObject(int depth, out string? error)
        {
            var node = new JsonNode(JsonNodeKind.Object, pos);
            pos++;
            SkipWhitespace();
            if (pos < s.Length && s[pos] == '}')
            {
                pos++;
                error = null;
                return node;
            }

            while (true)
            {
                SkipWhitespace();
                if (pos >= s.Length || s[pos] != '"')
                {
                    error = "expected a property name in double quotes";
                    return null;
                }

                var name = ReadString(out error);
                if (name == null)
                {
                    return null;
                }

                SkipWhitespace();
                if (pos >= s.Length || s[pos] != ':')
                {
                    error = "expected ':' after property \"" + name + "\"";
                    return null;
                }

                pos++;
                SkipWhitespace();
                var value = ReadValue(depth + 1, out error);
                if (value == null)
                {
                    return null;
                }

                node.Properties.Add(new KeyValuePair<string, JsonNode>(name, value));
                SkipWhitespace();
                if (pos < s.Length && s[pos] == ',')
                {
                    pos++;
                    continue;
                }

                if (pos < s.Length && s[pos] == '}')
                {
                    pos++;
                    return node;
                }

                error = "expected ',' or '}'";
                return null;
            }
        }

        private JsonNode? ReadArray(int depth, out string? error)
        {
            var node = new JsonNode(JsonNodeKind.Array, pos);
            pos++;
            SkipWhitespace();
            if (pos < s.Length && s[pos] == ']')
            {
                pos++;
                error = null;
                return node;
            }

            while (true)
            {
                SkipWhitespace();
                var item = ReadValue(depth + 1, out error);
                if (item == null)
                {
                    return null;
                }

                node.Items.Add(item);
                SkipWhitespace();
                if (pos < s.Length && s[pos] == ',')
                {
                    pos++;
                    continue;
                }

                if (pos < s.Length && s[pos] == ']')
                {
                    pos++;
                    return node;
                }

                error = "expected ',' or ']'";
                return null;
            }
        }

        private string? ReadString(out string? error)
        {
            error = null;
            pos++; // opening quote
            var builder = new StringBuilder();
            while (pos < s.Length)
            {
                var c = s[pos++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c < ' ')
                {
                    error = "control character in a string";
                    return null;
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (pos >= s.Length)
                {
                    break;
                }

                var escape = s[pos++];
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (pos + 4 <= s.Length
                            && int.TryParse(s.Substring(pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            builder.Append((char)code);
                            pos += 4;
                            break;
                        }

                        error = "invalid \\u escape";
                        return null;
                    default:
                        error = "invalid escape '\\" + escape + "'";
                        return null;
                }
            }

            error = "unterminated string";
            return null;
        }

        private JsonNode? ReadWord(string word, JsonNodeKind kind, out string? error)
        {
            if (string.CompareOrdinal(s, pos, word, 0, word.Length) == 0)
            {
                var node = new JsonNode(kind, pos);
                pos += word.Length;
                error = null;
                return node;
            }

            error = "invalid value";
            return null;
        }

        private JsonNode? ReadNumber(out string? error)
        {
            var start = pos;
            if (s[pos] == '-')
            {
                pos++;
            }

            var digits = pos;
            while (pos < s.Length && (char.IsDigit(s[pos]) || s[pos] == '.' || s[pos] == 'e' || s[pos] == 'E' || s[pos] == '+' || s[pos] == '-'))
            {
                pos++;
            }

            var text = s.Substring(start, pos - start);
            if (pos == digits
                || (s[digits] == '0' && pos > digits + 1 && char.IsDigit(s[digits + 1]))
                || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                error = "invalid number";
                return null;
            }

            error = null;
            return new JsonNode(JsonNodeKind.Number, start) { Text = text };
        }

        /// <summary>Skips whitespace and <c>//</c> comments to the end of their line (model table files allow them).</summary>
        private void SkipWhitespace()
        {
            while (pos < s.Length)
            {
                if (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r' || s[pos] == '\n' || s[pos] == '\uFEFF')
                {
                    pos++;
                }
                else if (s[pos] == '/' && pos + 1 < s.Length && s[pos + 1] == '/')
                {
                    while (pos < s.Length && s[pos] != '\n')
                    {
                        pos++;
                    }
                }
                else
                {
                    return;
                }
            }
        }
    }
}
