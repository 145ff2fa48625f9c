namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>How much a JSON value says: <c>input</c>/<c>expect</c> only count when they are not "empty".</summary>
    internal enum JsonValueKind
    {
        Missing,
        Null,
        String,
        EmptyString,
        Number,
        Boolean,
        Object,
        EmptyObject,
        Array,
        EmptyArray,
    }

    /// <summary>The fields of one eval-case line that AiLint reads (contract.md, "Eval-case files").</summary>
    internal struct EvalJsonFields
    {
        public string? Prompt;
        public string? Id;
        public string? Rule;
        public string? PromptSha256;
        public string? Status;
        public JsonValueKind PromptKind;
        public JsonValueKind IdKind;
        public JsonValueKind Input;
        public JsonValueKind Expect;
    }

    /// <summary>
    /// A small JSON reader for one line of an eval file. The analyzer cannot ship System.Text.Json (analyzer
    /// dependencies are not loaded from the package), so this validates the whole line against the JSON grammar,
    /// materialises only the top-level string fields AiLint reads and skips everything else. It never throws:
    /// malformed input yields <see langword="false"/> and a message; nesting is capped so recursion stays shallow.
    /// </summary>
    internal static class EvalJsonLine
    {
        private const int MaxDepth = 64;

        /// <summary>Reads the object in <paramref name="s"/>[<paramref name="start"/>, <paramref name="end"/>).</summary>
        public static bool TryRead(string s, int start, int end, out EvalJsonFields fields, out string? error)
        {
            fields = default;
            error = null;
            var pos = start;
            SkipWhitespace(s, ref pos, end);
            if (pos >= end || s[pos] != '{')
            {
                var probe = pos;
                var isOtherJson = TrySkipValue(s, ref probe, end, 0, out _) && IsAtEnd(s, probe, end);
                error = isOtherJson ? "the line is a JSON value but not a JSON object" : "the line is not a JSON object" + Describe(s, pos, end, start);
                return false;
            }

            pos++;
            SkipWhitespace(s, ref pos, end);
            if (pos < end && s[pos] == '}')
            {
                pos++;
            }
            else
            {
                while (true)
                {
                    SkipWhitespace(s, ref pos, end);
                    if (!TryReadString(s, ref pos, end, materialize: true, out var key, out _))
                    {
                        error = "expected a property name in quotes" + Describe(s, pos, end, start);
                        return false;
                    }

                    SkipWhitespace(s, ref pos, end);
                    if (pos >= end || s[pos] != ':')
                    {
                        error = "expected ':' after property \"" + key + "\"" + Describe(s, pos, end, start);
                        return false;
                    }

                    pos++;
                    SkipWhitespace(s, ref pos, end);
                    if (!TryReadField(s, ref pos, end, key!, ref fields))
                    {
                        error = "invalid value for property \"" + key + "\"" + Describe(s, pos, end, start);
                        return false;
                    }

                    SkipWhitespace(s, ref pos, end);
                    if (pos < end && s[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    if (pos < end && s[pos] == '}')
                    {
                        pos++;
                        break;
                    }

                    error = "expected ',' or '}'" + Describe(s, pos, end, start);
                    return false;
                }
            }

            SkipWhitespace(s, ref pos, end);
            if (pos < end)
            {
                error = "unexpected text after the JSON object" + Describe(s, pos, end, start);
                return false;
            }

            return true;
        }

        private static bool TryReadField(string s, ref int pos, int end, string key, ref EvalJsonFields fields)
        {
            switch (key)
            {
                case "prompt":
                    return TryReadStringField(s, ref pos, end, out fields.Prompt, out fields.PromptKind);
                case "id":
                    return TryReadStringField(s, ref pos, end, out fields.Id, out fields.IdKind);
                case "rule":
                    return TryReadStringField(s, ref pos, end, out fields.Rule, out _);
                case "promptSha256":
                    return TryReadStringField(s, ref pos, end, out fields.PromptSha256, out _);
                case "status":
                    return TryReadStringField(s, ref pos, end, out fields.Status, out _);
                case "input":
                    return TrySkipValue(s, ref pos, end, 0, out fields.Input);
                case "expect":
                    return TrySkipValue(s, ref pos, end, 0, out fields.Expect);
                default:
                    return TrySkipValue(s, ref pos, end, 0, out _);
            }
        }

        // A string-typed field keeps its value; any other JSON value is accepted (and its kind recorded) but yields null.
        private static bool TryReadStringField(string s, ref int pos, int end, out string? value, out JsonValueKind kind)
        {
            value = null;
            if (pos < end && s[pos] == '"')
            {
                if (!TryReadString(s, ref pos, end, materialize: true, out value, out _))
                {
                    kind = JsonValueKind.Missing;
                    return false;
                }

                kind = value!.Length == 0 ? JsonValueKind.EmptyString : JsonValueKind.String;
                return true;
            }

            return TrySkipValue(s, ref pos, end, 0, out kind);
        }

        private static bool TrySkipValue(string s, ref int pos, int end, int depth, out JsonValueKind kind)
        {
            kind = JsonValueKind.Missing;
            if (pos >= end || depth > MaxDepth)
            {
                return false;
            }

            switch (s[pos])
            {
                case '"':
                    if (!TryReadString(s, ref pos, end, materialize: false, out _, out var empty))
                    {
                        return false;
                    }

                    kind = empty ? JsonValueKind.EmptyString : JsonValueKind.String;
                    return true;
                case '{':
                    return TrySkipContainer(s, ref pos, end, depth, isObject: true, out kind);
                case '[':
                    return TrySkipContainer(s, ref pos, end, depth, isObject: false, out kind);
                case 't':
                    kind = JsonValueKind.Boolean;
                    return TryLiteral(s, ref pos, end, "true");
                case 'f':
                    kind = JsonValueKind.Boolean;
                    return TryLiteral(s, ref pos, end, "false");
                case 'n':
                    kind = JsonValueKind.Null;
                    return TryLiteral(s, ref pos, end, "null");
                default:
                    kind = JsonValueKind.Number;
                    return TrySkipNumber(s, ref pos, end);
            }
        }

        private static bool TrySkipContainer(string s, ref int pos, int end, int depth, bool isObject, out JsonValueKind kind)
        {
            var close = isObject ? '}' : ']';
            kind = isObject ? JsonValueKind.EmptyObject : JsonValueKind.EmptyArray;
            pos++;
            SkipWhitespace(s, ref pos, end);
            if (pos < end && s[pos] == close)
            {
                pos++;
                return true;
            }

            kind = isObject ? JsonValueKind.Object : JsonValueKind.Array;
            while (true)
            {
                SkipWhitespace(s, ref pos, end);
                if (isObject)
                {
                    if (!TryReadString(s, ref pos, end, materialize: false, out _, out _))
                    {
                        return false;
                    }

                    SkipWhitespace(s, ref pos, end);
                    if (pos >= end || s[pos] != ':')
                    {
                        return false;
                    }

                    pos++;
                    SkipWhitespace(s, ref pos, end);
                }

                if (!TrySkipValue(s, ref pos, end, depth + 1, out _))
                {
                    return false;
                }

                SkipWhitespace(s, ref pos, end);
                if (pos >= end)
                {
                    return false;
                }

                if (s[pos] == ',')
                {
                    pos++;
                    continue;
                }

                if (s[pos] == close)
                {
                    pos++;
                    return true;
                }

                return false;
            }
        }

        /// <summary>Reads a JSON string starting at the opening quote; unescapes it only when asked.</summary>
        private static bool TryReadString(string s, ref int pos, int end, bool materialize, out string? value, out bool isEmpty)
        {
            value = null;
            isEmpty = false;
            if (pos >= end || s[pos] != '"')
            {
                return false;
            }

            var contentStart = pos + 1;
            var i = contentStart;
            var hasEscapes = false;
            while (i < end && s[i] != '"')
            {
                var c = s[i];
                if (c < ' ')
                {
                    return false;
                }

                if (c == '\\')
                {
                    hasEscapes = true;
                    if (i + 1 >= end)
                    {
                        return false;
                    }

                    var e = s[i + 1];
                    if (e == 'u')
                    {
                        if (i + 5 >= end || !IsHex(s[i + 2]) || !IsHex(s[i + 3]) || !IsHex(s[i + 4]) || !IsHex(s[i + 5]))
                        {
                            return false;
                        }

                        i += 6;
                        continue;
                    }

                    if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                    {
                        return false;
                    }

                    i += 2;
                    continue;
                }

                i++;
            }

            if (i >= end)
            {
                return false;
            }

            isEmpty = i == contentStart;
            if (materialize)
            {
                value = hasEscapes ? Unescape(s, contentStart, i) : s.Substring(contentStart, i - contentStart);
            }

            pos = i + 1;
            return true;
        }

        // Only called on text TryReadString has validated.
        private static string Unescape(string s, int start, int end)
        {
            var builder = new System.Text.StringBuilder(end - start);
            for (var i = start; i < end; i++)
            {
                var c = s[i];
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var e = s[++i];
                switch (e)
                {
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        builder.Append((char)((HexValue(s[i + 1]) << 12) | (HexValue(s[i + 2]) << 8) | (HexValue(s[i + 3]) << 4) | HexValue(s[i + 4])));
                        i += 4;
                        break;
                    default: builder.Append(e); break;
                }
            }

            return builder.ToString();
        }

        private static bool TrySkipNumber(string s, ref int pos, int end)
        {
            var i = pos;
            if (i < end && s[i] == '-')
            {
                i++;
            }

            if (i >= end || !IsDigit(s[i]))
            {
                return false;
            }

            if (s[i] == '0')
            {
                i++;
            }
            else
            {
                while (i < end && IsDigit(s[i]))
                {
                    i++;
                }
            }

            if (i < end && s[i] == '.')
            {
                i++;
                if (i >= end || !IsDigit(s[i]))
                {
                    return false;
                }

                while (i < end && IsDigit(s[i]))
                {
                    i++;
                }
            }

            if (i < end && (s[i] == 'e' || s[i] == 'E'))
            {
                i++;
                if (i < end && (s[i] == '+' || s[i] == '-'))
                {
                    i++;
                }

                if (i >= end || !IsDigit(s[i]))
                {
                    return false;
                }

                while (i < end && IsDigit(s[i]))
                {
                    i++;
                }
            }

            pos = i;
            return true;
        }

        private static bool TryLiteral(string s, ref int pos, int end, string literal)
        {
            if (end - pos < literal.Length || string.CompareOrdinal(s, pos, literal, 0, literal.Length) != 0)
            {
                return false;
            }

            pos += literal.Length;
            return true;
        }

        private static bool IsAtEnd(string s, int pos, int end)
        {
            SkipWhitespace(s, ref pos, end);
            return pos >= end;
        }

        private static void SkipWhitespace(string s, ref int pos, int end)
        {
            while (pos < end && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r' || s[pos] == '\n' || s[pos] == '\uFEFF'))
            {
                pos++;
            }
        }

        private static string Describe(string s, int pos, int end, int start) =>
            pos >= end ? " (the line ends too early)" : " (at column " + (pos - start + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsHex(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
