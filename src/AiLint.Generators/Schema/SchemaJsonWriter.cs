using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>Counts taken while writing one provider's schema; AIL0403 compares them with <see cref="ProviderLimits"/>.</summary>
    internal sealed class SchemaStatistics
    {
        public int NestingDepth { get; set; }

        public int TotalProperties { get; set; }

        public int TotalEnumValues { get; set; }

        public int OptionalProperties { get; set; }

        public int UnionProperties { get; set; }

        public int Get(LimitKind kind) => kind switch
        {
            LimitKind.NestingDepth => NestingDepth,
            LimitKind.TotalProperties => TotalProperties,
            LimitKind.TotalEnumValues => TotalEnumValues,
            LimitKind.OptionalProperties => OptionalProperties,
            _ => UnionProperties,
        };
    }

    /// <summary>
    /// Writes the compact JSON schema of a <see cref="SchemaShape"/> in one provider's dialect, deterministically
    /// (properties in declaration order). Keywords a provider cannot take are not dropped: they are appended to the
    /// description as a hint for the model, and the generated parser enforces them.
    /// </summary>
    /// <remarks>
    /// OpenAI (strict): every property required, optional as a union with null, additionalProperties:false, recursion via $defs.
    /// Anthropic: nullable properties are optional (not required) and accept null; additionalProperties:false.
    /// Gemini: the OpenAPI-subset <c>responseSchema</c> field: upper-case types, <c>nullable</c>, <c>propertyOrdering</c>.
    /// </remarks>
    internal sealed class SchemaJsonWriter
    {
        private readonly SchemaShape shape;
        private readonly SchemaProviders provider;
        private readonly StringBuilder json = new();
        private readonly HashSet<string> inProgress = new(StringComparer.Ordinal);

        private SchemaJsonWriter(SchemaShape shape, SchemaProviders provider)
        {
            this.shape = shape;
            this.provider = provider;
        }

        public SchemaStatistics Statistics { get; } = new();

        public static (string Json, SchemaStatistics Statistics) Write(SchemaShape shape, SchemaProviders provider)
        {
            var writer = new SchemaJsonWriter(shape, provider);
            writer.WriteRoot();
            return (writer.json.ToString(), writer.Statistics);
        }

        private bool IsGemini => provider == SchemaProviders.Gemini;

        private bool UsesDefinitions => provider == SchemaProviders.OpenAI;

        private void WriteRoot()
        {
            json.Append('{');
            WriteObjectMembers(shape.Root, shape.Root.Description, depth: 1);
            if (UsesDefinitions)
            {
                var first = true;
                foreach (var id in shape.RecursiveIds)
                {
                    if (id == shape.RootId || shape.FindObject(id) is not { } definition)
                    {
                        continue;
                    }

                    json.Append(first ? ",\"$defs\":{" : ",");
                    first = false;
                    WriteString(id);
                    json.Append(":{");
                    WriteObjectMembers(definition, definition.Description, depth: 1);
                    json.Append('}');
                }

                if (!first)
                {
                    json.Append('}');
                }
            }

            json.Append('}');
        }

        private void WriteObjectMembers(ObjectShape shapeObject, string? description, int depth)
        {
            Statistics.NestingDepth = Math.Max(Statistics.NestingDepth, depth);
            inProgress.Add(shapeObject.Id);
            WriteType("object");
            WriteDescription(description, null);
            json.Append(",\"properties\":{");
            for (var i = 0; i < shapeObject.Properties.Count; i++)
            {
                var property = shapeObject.Properties[i];
                Statistics.TotalProperties++;
                if (i > 0)
                {
                    json.Append(',');
                }

                WriteString(property.JsonName);
                json.Append(':');
                WriteValue(property.Value, property.Constraints, property.Description, depth);
            }

            json.Append("},\"required\":[");
            var firstRequired = true;
            foreach (var property in shapeObject.Properties)
            {
                // Anthropic allows truly optional properties; a nullable C# member may be omitted there.
                if (provider == SchemaProviders.Anthropic && property.Value.IsNullable)
                {
                    Statistics.OptionalProperties++;
                    continue;
                }

                if (!firstRequired)
                {
                    json.Append(',');
                }

                firstRequired = false;
                WriteString(property.JsonName);
            }

            json.Append(']');
            if (IsGemini)
            {
                // Gemini 2.0 needs an explicit order; 2.5+ follows it too.
                json.Append(",\"propertyOrdering\":[");
                for (var i = 0; i < shapeObject.Properties.Count; i++)
                {
                    if (i > 0)
                    {
                        json.Append(',');
                    }

                    WriteString(shapeObject.Properties[i].JsonName);
                }

                json.Append(']');
            }
            else
            {
                json.Append(",\"additionalProperties\":false");
            }

            inProgress.Remove(shapeObject.Id);
        }

        private void WriteValue(ValueShape value, ValueConstraints constraints, string? description, int depth)
        {
            if (value.IsNullable && !IsGemini)
            {
                Statistics.UnionProperties++;
                if (value.Kind is ValueShapeKind.Enum or ValueShapeKind.Object)
                {
                    json.Append("{\"anyOf\":[");
                    WriteCore(value, constraints, null, withNull: false, depth);
                    json.Append(",{\"type\":\"null\"}]");
                    WriteDescription(description, null);
                    json.Append('}');
                    return;
                }

                WriteCore(value, constraints, description, withNull: true, depth);
                return;
            }

            WriteCore(value, constraints, description, withNull: false, depth);
        }

        private void WriteCore(ValueShape value, ValueConstraints constraints, string? description, bool withNull, int depth)
        {
            var hints = new List<string>();
            json.Append('{');
            switch (value.Kind)
            {
                case ValueShapeKind.Object:
                    var target = shape.FindObject(value.ReferenceId)!;
                    if (UsesDefinitions && shape.IsRecursive(target.Id))
                    {
                        json.Append("\"$ref\":");
                        WriteString(target.Id == shape.RootId ? "#" : "#/$defs/" + target.Id);
                        WriteDescription(description, null);
                    }
                    else if (inProgress.Contains(target.Id))
                    {
                        // Recursion in a dialect without $ref: AIL0401 reports it and GetJsonSchema refuses this provider.
                        WriteType("object");
                    }
                    else
                    {
                        WriteObjectMembers(target, description ?? target.Description, depth + 1);
                    }

                    WriteGeminiNullable(value);
                    json.Append('}');
                    return;

                case ValueShapeKind.Enum:
                    var enumShape = shape.FindEnum(value.ReferenceId)!;
                    WriteType(enumShape.IsNumeric ? "integer" : "string", withNull);
                    if (IsGemini && !enumShape.IsNumeric)
                    {
                        json.Append(",\"format\":\"enum\"");
                    }

                    WriteDescription(description, null);
                    json.Append(",\"enum\":[");
                    for (var i = 0; i < enumShape.Members.Count; i++)
                    {
                        Statistics.TotalEnumValues++;
                        if (i > 0)
                        {
                            json.Append(',');
                        }

                        if (enumShape.IsNumeric)
                        {
                            json.Append(enumShape.Members[i].NumericValue);
                        }
                        else
                        {
                            WriteString(enumShape.Members[i].JsonName);
                        }
                    }

                    json.Append(']');
                    break;

                case ValueShapeKind.Array:
                    WriteType("array", withNull);
                    AddItemCountKeywords(constraints, hints);
                    WriteDescription(description, hints);
                    WriteItemCountKeywords(constraints);
                    json.Append(",\"items\":");
                    WriteValue(value.Element!, ValueConstraints.None, null, depth);
                    break;

                case ValueShapeKind.Map:
                    // Never sent: every provider rejects it (AIL0401), and GetJsonSchema refuses.
                    WriteType("object", withNull);
                    WriteDescription(description, null);
                    json.Append(",\"additionalProperties\":");
                    WriteValue(value.Element!, ValueConstraints.None, null, depth);
                    break;

                case ValueShapeKind.Unsupported:
                    WriteDescription(description, null);
                    json.Append('}');
                    return;

                case ValueShapeKind.String:
                    WriteType("string", withNull);
                    WriteStringKeywords(constraints, description, hints);
                    break;

                case ValueShapeKind.Boolean:
                    WriteType("boolean", withNull);
                    WriteDescription(description, null);
                    break;

                case ValueShapeKind.DateTime or ValueShapeKind.DateTimeOffset:
                    WriteFormatted("date-time", withNull, description, hints);
                    break;

                case ValueShapeKind.DateOnly:
                    WriteFormatted("date", withNull, description, hints);
                    break;

                case ValueShapeKind.TimeOnly:
                    WriteFormatted("time", withNull, description, hints);
                    break;

                case ValueShapeKind.Guid:
                    WriteFormatted("uuid", withNull, description, hints);
                    break;

                default:
                    WriteType(value.Kind.IsIntegral() ? "integer" : "number", withNull);
                    WriteNumberKeywords(constraints, description, hints);
                    break;
            }

            WriteGeminiNullable(value);
            json.Append('}');
        }

        private void WriteFormatted(string format, bool withNull, string? description, List<string> hints)
        {
            WriteType("string", withNull);

            // Gemini's responseSchema takes only "enum" and "date-time" as string formats.
            if (IsGemini && format != "date-time")
            {
                hints.Add("format " + format);
                WriteDescription(description, hints);
                return;
            }

            json.Append(",\"format\":");
            WriteString(format);
            WriteDescription(description, null);
        }

        private void WriteStringKeywords(ValueConstraints constraints, string? description, List<string> hints)
        {
            // minLength/maxLength: not in OpenAI's supported list, rejected by Anthropic, absent from Gemini's responseSchema.
            if (constraints.MinLength is { } minLength)
            {
                hints.Add("minLength " + Number(minLength));
            }

            if (constraints.MaxLength is { } maxLength)
            {
                hints.Add("maxLength " + Number(maxLength));
            }

            var pattern = constraints.Pattern is { } raw ? AnchoredPattern(raw) : null;
            var writePattern = pattern is not null && (provider == SchemaProviders.OpenAI || (provider == SchemaProviders.Anthropic && IsSimpleRegex(pattern)));
            if (pattern is not null && !writePattern)
            {
                hints.Add("pattern " + pattern);
            }

            WriteDescription(description, hints);
            if (writePattern)
            {
                json.Append(",\"pattern\":");
                WriteString(pattern!);
            }
        }

        private void WriteNumberKeywords(ValueConstraints constraints, string? description, List<string> hints)
        {
            var express = provider == SchemaProviders.OpenAI;
            if (!express)
            {
                if (constraints.Minimum is { } min)
                {
                    hints.Add("minimum " + Number(min));
                }

                if (constraints.Maximum is { } max)
                {
                    hints.Add("maximum " + Number(max));
                }
            }

            WriteDescription(description, hints);
            if (express)
            {
                if (constraints.Minimum is { } min)
                {
                    json.Append(",\"minimum\":").Append(Number(min));
                }

                if (constraints.Maximum is { } max)
                {
                    json.Append(",\"maximum\":").Append(Number(max));
                }
            }
        }

        private void AddItemCountKeywords(ValueConstraints constraints, List<string> hints)
        {
            if (constraints.MinItems is { } min && !CanWriteMinItems(min))
            {
                hints.Add("minItems " + Number(min));
            }

            if (constraints.MaxItems is { } max && provider == SchemaProviders.Anthropic)
            {
                hints.Add("maxItems " + Number(max));
            }
        }

        private void WriteItemCountKeywords(ValueConstraints constraints)
        {
            if (constraints.MinItems is { } min && CanWriteMinItems(min))
            {
                json.Append(",\"minItems\":").Append(Number(min));
            }

            if (constraints.MaxItems is { } max && provider != SchemaProviders.Anthropic)
            {
                json.Append(",\"maxItems\":").Append(Number(max));
            }
        }

        // Anthropic accepts minItems of 0 or 1 only.
        private bool CanWriteMinItems(int min) => provider != SchemaProviders.Anthropic || min <= 1;

        private void WriteGeminiNullable(ValueShape value)
        {
            if (IsGemini && value.IsNullable)
            {
                json.Append(",\"nullable\":true");
            }
        }

        private void WriteType(string type, bool withNull = false)
        {
            json.Append("\"type\":");
            if (IsGemini)
            {
                WriteString(type.ToUpperInvariant());
            }
            else if (withNull)
            {
                json.Append("[\"").Append(type).Append("\",\"null\"]");
            }
            else
            {
                WriteString(type);
            }
        }

        private void WriteDescription(string? description, List<string>? hints)
        {
            var text = description ?? string.Empty;
            if (hints is { Count: > 0 })
            {
                text += (text.Length == 0 ? string.Empty : " ") + "Constraints: " + string.Join("; ", hints) + ".";
            }

            if (text.Length > 0)
            {
                json.Append(",\"description\":");
                WriteString(text);
            }
        }

        /// <summary>DataAnnotations' [RegularExpression] must match the whole value; JSON Schema's pattern searches.</summary>
        public static string AnchoredPattern(string pattern) =>
            pattern.StartsWith("^", StringComparison.Ordinal) && pattern.EndsWith("$", StringComparison.Ordinal) ? pattern : "^(?:" + pattern + ")$";

        /// <summary>Anthropic's regex subset: no backreferences, no lookaround, no word boundaries.</summary>
        public static bool IsSimpleRegex(string pattern)
        {
            for (var i = 0; i < pattern.Length - 1; i++)
            {
                if (pattern[i] == '\\')
                {
                    var next = pattern[i + 1];
                    if (next is 'b' or 'B' or 'k' || (next >= '1' && next <= '9'))
                    {
                        return false;
                    }

                    i++;
                }
                else if (pattern[i] == '(' && pattern[i + 1] == '?' && i + 2 < pattern.Length && pattern[i + 2] is '=' or '!' or '<')
                {
                    return false;
                }
            }

            return true;
        }

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private void WriteString(string value) => json.Append(JsonString(value));

        /// <summary>A JSON string literal (quotes included), escaping per RFC 8259.</summary>
        public static string JsonString(string value)
        {
            var builder = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }
    }
}
