using System.Collections.Generic;

namespace AiLint.Analyzers.Json
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

        /// <summary>A string's unescaped value, or a number's text.</summary>
        public string? Text { get; set; }

        /// <summary>The offset just past the value.</summary>
        public int End { get; set; }

        public List<KeyValuePair<string, JsonNode>> Properties { get; } = new List<KeyValuePair<string, JsonNode>>();

        public List<JsonNode> Items { get; } = new List<JsonNode>();
    }

    /// <summary>
    /// Whole JSON files as trees, read with <see cref="JsonReader"/>: model table files (<c>//</c> comments allowed, as the
    /// contract says) and, through <see cref="ConfigurationJson"/>, settings files (read as .NET's configuration reads them).
    /// </summary>
    internal static class JsonTree
    {
        /// <summary>
        /// The file's one value, or <see langword="null"/> with the offset of the error (clamped into the text, so it
        /// is on a line of the file) and a message.
        /// </summary>
        public static JsonNode? Parse(string text, out int errorOffset, out string? error) =>
            Parse(text, JsonReaderOptions.LineComments | JsonReaderOptions.WholeNumberRuns, out errorOffset, out error);

        /// <summary><see cref="Parse(string, out int, out string?)"/> with the reader's leniencies spelled out.</summary>
        public static JsonNode? Parse(string text, JsonReaderOptions options, out int errorOffset, out string? error)
        {
            var reader = new JsonReader(text, 0, text.Length, options);
            reader.SkipWhitespace();
            var ok = reader.TryReadNode(0, out var root);
            error = reader.Error;
            var offset = reader.ErrorOffset;
            if (ok)
            {
                reader.SkipWhitespace();
                if (!reader.IsAtEnd)
                {
                    ok = false;
                    error = "unexpected text after the JSON value";
                    offset = reader.Position;
                }
            }

            errorOffset = ok ? -1 : System.Math.Min(offset, System.Math.Max(0, text.Length - 1));
            return ok ? root : null;
        }
    }
}
