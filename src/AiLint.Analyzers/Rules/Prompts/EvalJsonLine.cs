using AiLint.Analyzers.Json;

namespace AiLint.Analyzers.Rules.Prompts
{
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
    /// One line of an eval file, read with <see cref="JsonReader"/>: validates the whole line against the JSON grammar,
    /// materialises only the top-level string fields AiLint reads and skips everything else without allocating. It
    /// never throws: malformed input yields <see langword="false"/> and a message naming the column.
    /// </summary>
    internal static class EvalJsonLine
    {
        /// <summary>Reads the object in <paramref name="s"/>[<paramref name="start"/>, <paramref name="end"/>).</summary>
        public static bool TryRead(string s, int start, int end, out EvalJsonFields fields, out string? error)
        {
            fields = default;
            error = null;
            var reader = new JsonReader(s, start, end, JsonReaderOptions.None);
            reader.SkipWhitespace();
            if (!reader.TryConsume('{'))
            {
                var probe = reader;
                var isOtherJson = probe.TrySkipValue(0, out _) && IsAtEnd(ref probe);
                error = isOtherJson ? "the line is a JSON value but not a JSON object" : "the line is not a JSON object" + Describe(reader, start);
                return false;
            }

            reader.SkipWhitespace();
            if (!reader.TryConsume('}'))
            {
                while (true)
                {
                    reader.SkipWhitespace();
                    if (!reader.TryReadString(materialize: true, out var key, out _))
                    {
                        error = "expected a property name in quotes" + Describe(reader, start);
                        return false;
                    }

                    reader.SkipWhitespace();
                    if (!reader.TryConsume(':'))
                    {
                        error = "expected ':' after property \"" + key + "\"" + Describe(reader, start);
                        return false;
                    }

                    reader.SkipWhitespace();
                    if (!TryReadField(ref reader, key!, ref fields))
                    {
                        error = "invalid value for property \"" + key + "\"" + Describe(reader, start);
                        return false;
                    }

                    reader.SkipWhitespace();
                    if (reader.TryConsume(','))
                    {
                        continue;
                    }

                    if (reader.TryConsume('}'))
                    {
                        break;
                    }

                    error = "expected ',' or '}'" + Describe(reader, start);
                    return false;
                }
            }

            if (!IsAtEnd(ref reader))
            {
                error = "unexpected text after the JSON object" + Describe(reader, start);
                return false;
            }

            return true;
        }

        private static bool TryReadField(ref JsonReader reader, string key, ref EvalJsonFields fields)
        {
            switch (key)
            {
                case "prompt":
                    return TryReadStringField(ref reader, out fields.Prompt, out fields.PromptKind);
                case "id":
                    return TryReadStringField(ref reader, out fields.Id, out fields.IdKind);
                case "rule":
                    return TryReadStringField(ref reader, out fields.Rule, out _);
                case "promptSha256":
                    return TryReadStringField(ref reader, out fields.PromptSha256, out _);
                case "status":
                    return TryReadStringField(ref reader, out fields.Status, out _);
                case "input":
                    return reader.TrySkipValue(0, out fields.Input);
                case "expect":
                    return reader.TrySkipValue(0, out fields.Expect);
                default:
                    return reader.TrySkipValue(0, out _);
            }
        }

        // A string-typed field keeps its value; any other JSON value is accepted (and its kind recorded) but yields null.
        private static bool TryReadStringField(ref JsonReader reader, out string? value, out JsonValueKind kind)
        {
            value = null;
            if (!reader.IsAt('"'))
            {
                return reader.TrySkipValue(0, out kind);
            }

            if (!reader.TryReadString(materialize: true, out value, out _))
            {
                kind = JsonValueKind.Missing;
                return false;
            }

            kind = value!.Length == 0 ? JsonValueKind.EmptyString : JsonValueKind.String;
            return true;
        }

        private static bool IsAtEnd(ref JsonReader reader)
        {
            reader.SkipWhitespace();
            return reader.IsAtEnd;
        }

        private static string Describe(JsonReader reader, int start) =>
            reader.IsAtEnd ? " (the line ends too early)" : " (at column " + (reader.Position - start + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }
}
