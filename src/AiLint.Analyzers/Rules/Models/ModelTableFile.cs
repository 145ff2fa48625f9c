using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using AiLint.Analyzers.Json;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>A problem in a model table file, at the line it is on (AIL0506).</summary>
    internal sealed class MalformedModelRow
    {
        public MalformedModelRow(TextSpan span, LinePositionSpan lineSpan, string message)
        {
            Span = span;
            LineSpan = lineSpan;
            Message = message;
        }

        public TextSpan Span { get; }

        public LinePositionSpan LineSpan { get; }

        public string Message { get; }
    }

    /// <summary>The well-formed rows and the problems of one <c>*.ailint-models.json</c> file.</summary>
    internal sealed class ModelTableFile
    {
        public const string FileSuffix = ".ailint-models.json";

        private static readonly ConditionalWeakTable<SourceText, ModelTableFile> Cache = new ConditionalWeakTable<SourceText, ModelTableFile>();

        private static readonly HashSet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "provider", "id", "alias", "snapshot", "reasoning", "deprecationDate", "shutdownDate", "successor",
            "rejectsTemperatureWithTopP", "source",
        };

        private ModelTableFile(ImmutableArray<ModelRow> rows, ImmutableArray<MalformedModelRow> malformed)
        {
            Rows = rows;
            Malformed = malformed;
        }

        public ImmutableArray<ModelRow> Rows { get; }

        public ImmutableArray<MalformedModelRow> Malformed { get; }

        public static bool IsModelTableFile(string? path) =>
            path != null && path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase);

        /// <summary>Parsed once per <see cref="SourceText"/> instance (immutable; the IDE reuses it until the file is edited).</summary>
        public static ModelTableFile ParseCached(SourceText text) => Cache.GetValue(text, Parse);

        public static ModelTableFile Parse(SourceText text)
        {
            var content = text.ToString();
            var rows = ImmutableArray.CreateBuilder<ModelRow>();
            var malformed = ImmutableArray.CreateBuilder<MalformedModelRow>();
            if (content.Trim().Length == 0)
            {
                malformed.Add(At(text, 0, "the file is empty; expected {\"models\": [ ... ]}"));
                return new ModelTableFile(rows.ToImmutable(), malformed.ToImmutable());
            }

            var root = JsonTree.Parse(content, out var errorOffset, out var error);
            if (root == null)
            {
                malformed.Add(At(text, errorOffset, "the file is not valid JSON: " + error));
                return new ModelTableFile(rows.ToImmutable(), malformed.ToImmutable());
            }

            JsonNode? models = null;
            if (root.Kind == JsonNodeKind.Object)
            {
                foreach (var property in root.Properties)
                {
                    if (property.Key == "models")
                    {
                        models = property.Value;
                    }
                }
            }

            if (models == null || models.Kind != JsonNodeKind.Array)
            {
                malformed.Add(At(text, root.Start, "expected a JSON object with a \"models\" array"));
                return new ModelTableFile(rows.ToImmutable(), malformed.ToImmutable());
            }

            foreach (var item in models.Items)
            {
                if (TryReadRow(item, out var row, out var problem))
                {
                    rows.Add(row!);
                }
                else
                {
                    malformed.Add(At(text, problem.Offset, problem.Message));
                }
            }

            return new ModelTableFile(rows.ToImmutable(), malformed.ToImmutable());
        }

        private static bool TryReadRow(JsonNode item, out ModelRow? row, out (int Offset, string Message) problem)
        {
            row = null;
            problem = (item.Start, string.Empty);
            if (item.Kind != JsonNodeKind.Object)
            {
                problem = (item.Start, "a row must be a JSON object");
                return false;
            }

            string? provider = null, id = null, snapshot = null, deprecation = null, shutdown = null, successor = null, source = null;
            bool alias = false, reasoning = false, exclusiveSampling = false;
            foreach (var property in item.Properties)
            {
                var name = property.Key;
                var value = property.Value;
                if (!KnownFields.Contains(name))
                {
                    problem = (value.Start, "unknown field \"" + name + "\"");
                    return false;
                }

                var isBoolField = name == "alias" || name == "reasoning" || name == "rejectsTemperatureWithTopP";
                if (isBoolField)
                {
                    if (value.Kind != JsonNodeKind.True && value.Kind != JsonNodeKind.False)
                    {
                        problem = (value.Start, "the field \"" + name + "\" must be true or false");
                        return false;
                    }

                    var flag = value.Kind == JsonNodeKind.True;
                    if (name == "alias") alias = flag;
                    else if (name == "reasoning") reasoning = flag;
                    else exclusiveSampling = flag;
                    continue;
                }

                if (value.Kind == JsonNodeKind.Null && name != "provider" && name != "id")
                {
                    continue;
                }

                if (value.Kind != JsonNodeKind.String || string.IsNullOrWhiteSpace(value.Text))
                {
                    problem = (value.Start, "the field \"" + name + "\" must be a non-empty string");
                    return false;
                }

                var text = value.Text!.Trim();
                if ((name == "deprecationDate" || name == "shutdownDate") && !IsDate(text))
                {
                    problem = (value.Start, "the field \"" + name + "\" must be a date written yyyy-MM-dd");
                    return false;
                }

                switch (name)
                {
                    case "provider": provider = text.ToLowerInvariant(); break;
                    case "id": id = text; break;
                    case "snapshot": snapshot = text; break;
                    case "deprecationDate": deprecation = text; break;
                    case "shutdownDate": shutdown = text; break;
                    case "successor": successor = text; break;
                    default: source = text; break;
                }
            }

            var missing = provider == null ? "provider" : id == null ? "id" : null;
            if (missing != null)
            {
                problem = (item.Start, "the required field \"" + missing + "\" is missing");
                return false;
            }

            if (deprecation != null && shutdown != null && string.CompareOrdinal(deprecation, shutdown) > 0)
            {
                problem = (item.Start, "the shutdown date " + shutdown + " is before the deprecation date " + deprecation);
                return false;
            }

            if (snapshot != null && !alias)
            {
                problem = (item.Start, "\"snapshot\" is only meaningful on an alias (\"alias\": true)");
                return false;
            }

            row = new ModelRow(provider!, id!, alias, snapshot, reasoning, deprecation, shutdown, successor, exclusiveSampling, source, isUserRow: true);
            return true;
        }

        private static bool IsDate(string text) =>
            text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

        private static MalformedModelRow At(SourceText text, int offset, string message)
        {
            offset = Math.Max(0, Math.Min(offset, text.Length));
            var line = text.Lines.GetLineFromPosition(offset);
            var span = line.Span;
            return new MalformedModelRow(span, text.Lines.GetLinePositionSpan(span), message);
        }
    }
}
