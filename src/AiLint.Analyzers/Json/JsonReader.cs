using System;

namespace AiLint.Analyzers.Json
{
    /// <summary>What a value is, and whether it is "empty" (eval lines only count a non-empty <c>input</c>/<c>expect</c>).</summary>
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

    /// <summary>The two places the analyzers read JSON differ in these points only.</summary>
    [Flags]
    internal enum JsonReaderOptions
    {
        None = 0,

        /// <summary><c>//</c> comments to the end of the line count as whitespace (model table files allow them).</summary>
        LineComments = 1,

        /// <summary>
        /// A number must not run on into more number characters (<c>01</c>, <c>1-2</c>, <c>1.2.3</c>): the whole run is
        /// reported as an invalid number. Without it the number ends where the grammar ends it and the next character
        /// is what fails (the eval-line messages point at that column).
        /// </summary>
        WholeNumberRuns = 2,

        /// <summary>
        /// <c>/* ... */</c> comments count as whitespace (settings files: .NET's JSON configuration provider skips them).
        /// One left open is not skipped, so the value or separator expected there fails at its <c>/</c>.
        /// </summary>
        BlockComments = 4,

        /// <summary>One comma may follow the last member of an object or array (<c>{ "a": 1, }</c>), as in settings files.</summary>
        TrailingCommas = 8,

        /// <summary>
        /// What .NET's JSON configuration provider accepts (<c>JsonConfigurationFileParser</c> parses with
        /// <c>CommentHandling = JsonCommentHandling.Skip</c> and <c>AllowTrailingCommas = true</c>): both comment forms and
        /// trailing commas. Numbers stay strict, as System.Text.Json reads them.
        /// </summary>
        ConfigurationFile = LineComments | BlockComments | TrailingCommas | WholeNumberRuns,
    }

    /// <summary>
    /// The one JSON reader of the analyzers (model table files, appsettings, eval lines): the analyzer cannot ship
    /// System.Text.Json, because analyzer dependencies are not loaded from the package. A forward-only cursor over
    /// <c>text[start, end)</c> that validates against the JSON grammar (RFC 8259) and either skips a value, allocating
    /// nothing, or builds a <see cref="JsonNode"/> tree. It never throws: a failing call returns <see langword="false"/>
    /// and sets <see cref="Error"/> and <see cref="ErrorOffset"/>. Nesting is capped so recursion stays shallow.
    /// </summary>
    /// <remarks>
    /// Two positions tell where a failure is. <see cref="Position"/> stops at the start of the token that failed (a
    /// string, number or literal) or where a structural character was expected; <see cref="ErrorOffset"/> is the
    /// character that gave the failure away (past a bad escape, at the end of an unterminated string). A mutable
    /// struct: keep it in a local and never copy it by accident (a copy is a look-ahead that leaves the original).
    /// </remarks>
    internal struct JsonReader
    {
        /// <summary>The deepest value <see cref="TrySkipValue"/> and <see cref="TryReadNode"/> accept, counted from the depth passed in.</summary>
        public const int MaxDepth = 64;

        private readonly string text;
        private readonly int end;
        private readonly JsonReaderOptions options;

        public JsonReader(string text, int start, int end, JsonReaderOptions options)
        {
            this.text = text;
            this.end = end;
            this.options = options;
            Position = start;
            Error = null;
            ErrorOffset = -1;
        }

        /// <summary>The offset in the text of the next character to read.</summary>
        public int Position { get; private set; }

        /// <summary>Why the last failing call failed, worded for a whole file.</summary>
        public string? Error { get; private set; }

        /// <summary>The offset that gave the last failure away (see the remarks).</summary>
        public int ErrorOffset { get; private set; }

        public bool IsAtEnd => Position >= end;

        /// <summary>Whether the next character is <paramref name="c"/>.</summary>
        public bool IsAt(char c) => Position < end && text[Position] == c;

        /// <summary>Whether the next character is <paramref name="c"/>; consumes it when it is.</summary>
        public bool TryConsume(char c)
        {
            if (IsAt(c))
            {
                Position++;
                return true;
            }

            return false;
        }

        /// <summary>
        /// Skips spaces, tabs, line ends, byte order marks and, with <see cref="JsonReaderOptions.LineComments"/>, <c>//</c>
        /// comments; with <see cref="JsonReaderOptions.BlockComments"/>, closed <c>/* */</c> comments.
        /// </summary>
        public void SkipWhitespace()
        {
            var pos = Position;
            while (pos < end)
            {
                var c = text[pos];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF')
                {
                    pos++;
                }
                else if (c == '/' && (options & JsonReaderOptions.LineComments) != 0 && pos + 1 < end && text[pos + 1] == '/')
                {
                    while (pos < end && text[pos] != '\n')
                    {
                        pos++;
                    }
                }
                else if (c == '/' && (options & JsonReaderOptions.BlockComments) != 0 && pos + 1 < end && text[pos + 1] == '*'
                    && BlockCommentEnd(pos + 2) is var close && close > 0)
                {
                    pos = close;
                }
                else
                {
                    break;
                }
            }

            Position = pos;
        }

        /// <summary>Skips one value, allocating nothing on the way (only an error message), and tells its kind.</summary>
        public bool TrySkipValue(int depth, out JsonValueKind kind) => TryValue(depth, build: false, out kind, out _);

        /// <summary>Reads one value as a tree.</summary>
        public bool TryReadNode(int depth, out JsonNode? node) => TryValue(depth, build: true, out _, out node);

        /// <summary>Reads a string at its opening quote, unescaping it only when asked. On failure <see cref="Position"/> stays at the quote.</summary>
        public bool TryReadString(bool materialize, out string? value, out bool isEmpty)
        {
            value = null;
            isEmpty = false;
            var pos = Position;
            if (pos >= end || text[pos] != '"')
            {
                return Fail("expected a string", pos);
            }

            var contentStart = pos + 1;
            var i = contentStart;
            var hasEscapes = false;
            while (true)
            {
                if (i >= end)
                {
                    return Fail("unterminated string", end);
                }

                var c = text[i];
                if (c == '"')
                {
                    break;
                }

                if (c < ' ')
                {
                    return Fail("control character in a string", i + 1);
                }

                if (c != '\\')
                {
                    i++;
                    continue;
                }

                hasEscapes = true;
                if (i + 1 >= end)
                {
                    return Fail("unterminated string", end);
                }

                var e = text[i + 1];
                if (e == 'u')
                {
                    if (i + 5 >= end || !IsHex(text[i + 2]) || !IsHex(text[i + 3]) || !IsHex(text[i + 4]) || !IsHex(text[i + 5]))
                    {
                        return Fail("invalid \\u escape", i + 2);
                    }

                    i += 6;
                    continue;
                }

                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                {
                    return Fail("invalid escape '\\" + e + "'", i + 2);
                }

                i += 2;
            }

            isEmpty = i == contentStart;
            if (materialize)
            {
                value = hasEscapes ? Unescape(contentStart, i) : text.Substring(contentStart, i - contentStart);
            }

            Position = i + 1;
            return true;
        }

        private bool TryValue(int depth, bool build, out JsonValueKind kind, out JsonNode? node)
        {
            kind = JsonValueKind.Missing;
            node = null;
            var start = Position;
            if (depth > MaxDepth)
            {
                return Fail("the JSON is nested too deeply", start);
            }

            if (start >= end)
            {
                return Fail("the file ends too early", start);
            }

            bool ok;
            var c = text[start];
            switch (c)
            {
                case '{':
                    ok = TryContainer(depth, build, isObject: true, out kind, out node);
                    break;
                case '[':
                    ok = TryContainer(depth, build, isObject: false, out kind, out node);
                    break;
                case '"':
                    ok = TryReadString(build, out var value, out var isEmpty);
                    kind = isEmpty ? JsonValueKind.EmptyString : JsonValueKind.String;
                    node = ok && build ? new JsonNode(JsonNodeKind.String, start) { Text = value } : null;
                    break;
                case 't':
                    kind = JsonValueKind.Boolean;
                    ok = TryLiteral("true", build, JsonNodeKind.True, out node);
                    break;
                case 'f':
                    kind = JsonValueKind.Boolean;
                    ok = TryLiteral("false", build, JsonNodeKind.False, out node);
                    break;
                case 'n':
                    kind = JsonValueKind.Null;
                    ok = TryLiteral("null", build, JsonNodeKind.Null, out node);
                    break;
                default:
                    kind = JsonValueKind.Number;
                    ok = c == '-' || IsDigit(c)
                        ? TryNumber(build, out node)
                        : Fail("unexpected character '" + c + "'", start);
                    break;
            }

            if (ok && node != null)
            {
                node.End = Position;
            }

            return ok;
        }

        private bool TryContainer(int depth, bool build, bool isObject, out JsonValueKind kind, out JsonNode? node)
        {
            var close = isObject ? '}' : ']';
            node = build ? new JsonNode(isObject ? JsonNodeKind.Object : JsonNodeKind.Array, Position) : null;
            kind = isObject ? JsonValueKind.EmptyObject : JsonValueKind.EmptyArray;
            Position++;
            SkipWhitespace();
            if (TryConsume(close))
            {
                return true;
            }

            kind = isObject ? JsonValueKind.Object : JsonValueKind.Array;
            while (true)
            {
                SkipWhitespace();
                string? name = null;
                if (isObject)
                {
                    var nameStart = Position;
                    if (!IsAt('"'))
                    {
                        return Fail("expected a property name in double quotes", Position);
                    }

                    if (!TryReadString(build, out name, out _))
                    {
                        return false;
                    }

                    SkipWhitespace();
                    if (!TryConsume(':'))
                    {
                        return Fail("expected ':' after property \"" + (name ?? NameAt(nameStart)) + "\"", Position);
                    }

                    SkipWhitespace();
                }

                if (!TryValue(depth + 1, build, out _, out var item))
                {
                    return false;
                }

                if (node != null)
                {
                    if (isObject)
                    {
                        node.Properties.Add(new System.Collections.Generic.KeyValuePair<string, JsonNode>(name!, item!));
                    }
                    else
                    {
                        node.Items.Add(item!);
                    }
                }

                SkipWhitespace();
                if (TryConsume(','))
                {
                    // `{ "a": 1, }`: only where trailing commas are allowed, and only one (`[1,,]` still fails at the second).
                    if ((options & JsonReaderOptions.TrailingCommas) != 0)
                    {
                        SkipWhitespace();
                        if (TryConsume(close))
                        {
                            return true;
                        }
                    }

                    continue;
                }

                if (TryConsume(close))
                {
                    return true;
                }

                return Fail(isObject ? "expected ',' or '}'" : "expected ',' or ']'", Position);
            }
        }

        private bool TryLiteral(string literal, bool build, JsonNodeKind nodeKind, out JsonNode? node)
        {
            node = null;
            var start = Position;
            if (end - start < literal.Length || string.CompareOrdinal(text, start, literal, 0, literal.Length) != 0)
            {
                return Fail("invalid value", start);
            }

            Position = start + literal.Length;
            node = build ? new JsonNode(nodeKind, start) : null;
            return true;
        }

        /// <summary>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
        private bool TryNumber(bool build, out JsonNode? node)
        {
            node = null;
            var start = Position;
            var i = start;
            if (text[i] == '-')
            {
                i++;
            }

            var valid = i < end && IsDigit(text[i]);
            if (valid)
            {
                i = text[i] == '0' ? i + 1 : SkipDigits(i);
                if (i < end && text[i] == '.')
                {
                    valid = i + 1 < end && IsDigit(text[i + 1]);
                    i = SkipDigits(i + 1);
                }

                if (valid && i < end && (text[i] == 'e' || text[i] == 'E'))
                {
                    i++;
                    if (i < end && (text[i] == '+' || text[i] == '-'))
                    {
                        i++;
                    }

                    valid = i < end && IsDigit(text[i]);
                    i = SkipDigits(i);
                }
            }

            var run = (options & JsonReaderOptions.WholeNumberRuns) != 0 || !valid ? RunEnd(start) : i;
            if (!valid || ((options & JsonReaderOptions.WholeNumberRuns) != 0 && run != i))
            {
                return Fail("invalid number", run);
            }

            Position = i;
            node = build ? new JsonNode(JsonNodeKind.Number, start) { Text = text.Substring(start, i - start) } : null;
            return true;
        }

        // The offset just past the `*/` that closes a block comment whose text starts at `from`; -1 when none does.
        private int BlockCommentEnd(int from)
        {
            for (var i = from; i + 1 < end; i++)
            {
                if (text[i] == '*' && text[i + 1] == '/')
                {
                    return i + 2;
                }
            }

            return -1;
        }

        private int SkipDigits(int i)
        {
            while (i < end && IsDigit(text[i]))
            {
                i++;
            }

            return i;
        }

        // The characters a number is made of (char.IsDigit: a stray non-ASCII digit belongs to the run it breaks).
        private int RunEnd(int start)
        {
            var i = text[start] == '-' ? start + 1 : start;
            while (i < end && (char.IsDigit(text[i]) || text[i] == '.' || text[i] == 'e' || text[i] == 'E' || text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            return i;
        }

        // Only for an error message about a name that was skipped without being unescaped.
        private string NameAt(int nameStart)
        {
            var again = this;
            again.Position = nameStart;
            return again.TryReadString(materialize: true, out var name, out _) ? name! : string.Empty;
        }

        // Only called on text TryReadString has validated.
        private string Unescape(int start, int stop)
        {
            var builder = new System.Text.StringBuilder(stop - start);
            for (var i = start; i < stop; i++)
            {
                var c = text[i];
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var e = text[++i];
                switch (e)
                {
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        builder.Append((char)((HexValue(text[i + 1]) << 12) | (HexValue(text[i + 2]) << 8) | (HexValue(text[i + 3]) << 4) | HexValue(text[i + 4])));
                        i += 4;
                        break;
                    default: builder.Append(e); break;
                }
            }

            return builder.ToString();
        }

        private bool Fail(string message, int offset)
        {
            Error = message;
            ErrorOffset = offset;
            return false;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsHex(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
