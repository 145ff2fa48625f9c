using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AiLint.Generators.Inputs;
using AiLint.Generators.Schema;

namespace AiLint.Generators.Emit
{
    /// <summary>
    /// Emits the private reader methods of one schema type: one per object type, one per enum, and one per distinct
    /// value shape (type + nullability + constraints). Each reader reports violations to the context and returns a
    /// placeholder on failure; a failed parse never exposes the placeholder.
    /// </summary>
    internal sealed class ReaderEmitter
    {
        private const string Runtime = "global::AiLint.Generated.LlmJsonRuntime";
        private const string Context = "global::AiLint.Generated.LlmJsonContext";
        private const string Element = "global::System.Text.Json.JsonElement";
        private const string Kind = "global::AiLint.SchemaViolationKind";
        private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

        private readonly SourceWriter writer;
        private readonly SchemaShape shape;
        private readonly OutputLanguage language;
        private readonly Dictionary<string, string> valueMethods = new(System.StringComparer.Ordinal);
        private readonly Queue<(string Name, ValueShape Value, ValueConstraints Constraints)> pendingValues = new();

        public ReaderEmitter(SourceWriter writer, SchemaShape shape, OutputLanguage language)
        {
            this.writer = writer;
            this.shape = shape;
            this.language = language;
        }

        public static string ObjectMethod(string id) => "__AiLintReadObject_" + id;

        private static string EnumMethod(string id) => "__AiLintReadEnum_" + id;

        public void WriteAll()
        {
            foreach (var objectShape in shape.Objects)
            {
                WriteObject(objectShape);
            }

            foreach (var enumShape in shape.Enums)
            {
                WriteEnum(enumShape);
            }

            while (pendingValues.Count > 0)
            {
                var (name, value, constraints) = pendingValues.Dequeue();
                WriteValue(name, value, constraints);
            }
        }

        private string ValueMethod(ValueShape value, ValueConstraints constraints)
        {
            var key = Key(value) + "|" + constraints.Minimum + "|" + constraints.Maximum + "|" + constraints.MinLength + "|" + constraints.MaxLength + "|"
                + constraints.MinItems + "|" + constraints.MaxItems + "|" + constraints.Pattern;
            if (!valueMethods.TryGetValue(key, out var name))
            {
                name = "__AiLintReadValue" + valueMethods.Count.ToString(CultureInfo.InvariantCulture);
                valueMethods.Add(key, name);
                pendingValues.Enqueue((name, value, constraints));
            }

            return name;
        }

        private static string Key(ValueShape value) =>
            value.Kind + ":" + value.CSharpType + ":" + value.Collection + ":" + value.ReferenceId + (value.Element is null ? string.Empty : "[" + Key(value.Element) + "]");

        private void WriteObject(ObjectShape objectShape)
        {
            writer.Line();
            writer.Open("private static " + objectShape.TypeName + " " + ObjectMethod(objectShape.Id) + "(" + Element + " element, string path, " + Context + " context)");
            writer.Open("if (!" + Runtime + ".TryGetObject(ref element, path, context))");
            writer.Line(ReturnDefault);
            writer.Close();
            writer.Line();
            var properties = objectShape.Properties;
            for (var i = 0; i < properties.Count; i++)
            {
                writer.Line("var has" + I(i) + " = false;");
                writer.Line(Type(properties[i].Value) + " value" + I(i) + " = default" + language.Bang + ";");
            }

            writer.Open("foreach (var property in element.EnumerateObject())");
            writer.Line("var name = " + Runtime + ".PropertyName(property, path, context);");
            writer.Open("switch (name)");
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                writer.Line("case " + Literal(property.JsonName) + ":");
                writer.Indent();
                writer.Open("if (has" + I(i) + ")");
                writer.Line(Runtime + ".Duplicate(path, name, context);");
                writer.Line("break;");
                writer.Close();
                writer.Line();
                writer.Line("has" + I(i) + " = true;");
                writer.Line("value" + I(i) + " = " + ValueMethod(property.Value, property.Constraints) + "(property.Value, path + " + Literal("/" + EscapePointer(property.JsonName)) + ", context);");
                writer.Line("break;");
                writer.Unindent();
            }

            writer.Line("case null:");
            writer.Line("    break;");
            writer.Line("default:");
            writer.Line("    " + Runtime + ".Unexpected(path, name, context);");
            writer.Line("    break;");
            writer.Close();
            writer.Close();
            writer.Line();
            for (var i = 0; i < properties.Count; i++)
            {
                var condition = "!has" + I(i) + (properties[i].Value.IsNullable ? " && !context.NullableMayBeMissing" : string.Empty);
                writer.Open("if (" + condition + ")");
                writer.Line(Runtime + ".Missing(path, " + Literal(properties[i].JsonName) + ", context);");
                writer.Close();
                writer.Line();
            }

            // The user's constructor and setters run only on valid data (they may validate and throw on placeholders).
            writer.Open("if (!context.Succeeded)");
            writer.Line(ReturnDefault);
            writer.Close();
            writer.Line();
            // A constructor parameter no payload property fills belongs to an ignored property: it gets its default,
            // as System.Text.Json gives it.
            var arguments = string.Join(", ", Enumerable.Range(0, objectShape.ConstructorParameterCount).Select(p => properties.ToList().FindIndex(x => x.ConstructorParameterIndex == p) is var index and >= 0 ? "value" + I(index) : "default" + language.Bang));
            var initializers = properties.Select((p, i) => (p, i)).Where(x => x.p.ConstructorParameterIndex < 0).Select(x => "@" + x.p.ClrName + " = value" + I(x.i)).ToList();
            writer.Open("try");
            writer.Line("return new " + objectShape.TypeName + "(" + arguments + ")" + (initializers.Count == 0 ? ";" : " { " + string.Join(", ", initializers) + " };"));
            writer.Close();
            writer.Open("catch (global::System.Exception exception)");
            writer.Line("// TryParseLlmJson never throws: a constructor or setter that rejects the data is a violation.");
            writer.Line("context.Report(path, " + Kind + ".ConstraintViolated, " + Literal("Creating '" + objectShape.DisplayName + "' failed: ") + " + exception.Message);");
            writer.Line(ReturnDefault);
            writer.Close();
            writer.Close();
        }

        private void WriteEnum(EnumShape enumShape)
        {
            writer.Line();
            writer.Open("private static " + enumShape.TypeName + "? " + EnumMethod(enumShape.Id) + "(" + Element + " element, string path, " + Context + " context)");
            var allowed = string.Join(", ", enumShape.Members.Select(m => enumShape.IsNumeric ? m.NumericValue : "\"" + m.JsonName + "\""));
            if (enumShape.IsNumeric)
            {
                writer.Line("var number = " + Runtime + ".ReadInteger(element, path, context, -9223372036854775808m, 18446744073709551615m, \"an enum\");");
                writer.Open("if (number is null)");
                writer.Line("return null;");
                writer.Close();
                writer.Line();
                writer.Open("switch (number.Value)");
                foreach (var member in enumShape.Members.GroupBy(m => m.NumericValue).Select(g => g.First()))
                {
                    writer.Line("case " + member.NumericValue + "m: return " + enumShape.TypeName + ".@" + member.ClrName + ";");
                }

                writer.Close();
                writer.Line();
                writer.Line("context.Report(path, " + Kind + ".UnknownEnumValue, \"The value \" + number.Value.ToString(" + Invariant + ") + " + Literal(" is not one of: " + allowed + ".") + ");");
                writer.Line("return null;");
                writer.Close();
                return;
            }

            writer.Line("var text = " + Runtime + ".ReadString(element, path, context, \"one of the enum values\");");
            writer.Open("if (text is null)");
            writer.Line("return null;");
            writer.Close();
            writer.Line();
            writer.Open("switch (text)");
            var distinct = enumShape.Members.GroupBy(m => m.JsonName).Select(g => g.First()).ToList();
            foreach (var member in distinct)
            {
                writer.Line("case " + Literal(member.JsonName) + ": return " + enumShape.TypeName + ".@" + member.ClrName + ";");
            }

            writer.Close();
            writer.Line();

            // Case drift is repaired only when it points to exactly one value.
            foreach (var member in distinct.GroupBy(m => m.JsonName.ToUpperInvariant()).Where(g => g.Count() == 1).Select(g => g.Single()))
            {
                writer.Open("if (string.Equals(text, " + Literal(member.JsonName) + ", global::System.StringComparison.OrdinalIgnoreCase))");
                writer.Line("context.Repairable(path, " + Kind + ".EnumCaseMismatch, \"\\\"\" + text + " + Literal("\" matches \"" + member.JsonName + "\" only when case is ignored.") + ");");
                writer.Line("return " + enumShape.TypeName + ".@" + member.ClrName + ";");
                writer.Close();
                writer.Line();
            }

            writer.Line("context.Report(path, " + Kind + ".UnknownEnumValue, \"\\\"\" + text + " + Literal("\" is not one of: " + allowed + ".") + ");");
            writer.Line("return null;");
            writer.Close();
        }

        private void WriteValue(string name, ValueShape value, ValueConstraints constraints)
        {
            writer.Line();
            writer.Open("private static " + Type(value) + " " + name + "(" + Element + " element, string path, " + Context + " context)");
            if (value.IsNullable)
            {
                writer.Open("if (" + Runtime + ".IsNull(element, path, context))");
                writer.Line("return null;");
                writer.Close();
            }
            else
            {
                writer.Open("if (!" + Runtime + ".CheckNotNull(element, path, context))");
                writer.Line(ReturnDefault);
                writer.Close();
            }

            writer.Line();
            WriteValueBody(value, constraints);
            writer.Line("return value;");
            writer.Close();
        }

        private void WriteValueBody(ValueShape value, ValueConstraints constraints)
        {
            switch (value.Kind)
            {
                case ValueShapeKind.String:
                    writer.Line("var value = " + Runtime + ".ReadString(element, path, context, \"a string\");");
                    Fail("value is null");
                    if (constraints.MinLength is not null || constraints.MaxLength is not null)
                    {
                        writer.Line(Runtime + ".CheckLength(value, path, context, " + I(constraints.MinLength ?? 0) + ", " + I(constraints.MaxLength ?? int.MaxValue) + ");");
                    }

                    if (constraints.Pattern is { } pattern)
                    {
                        writer.Line(Runtime + ".CheckPattern(value, path, context, " + Literal(pattern) + ");");
                    }

                    break;

                case ValueShapeKind.Boolean:
                    writer.Line("var read = " + Runtime + ".ReadBoolean(element, path, context);");
                    Fail("read is null");
                    writer.Line("var value = read.Value;");
                    break;

                case ValueShapeKind.Decimal:
                    writer.Line("var read = " + Runtime + ".ReadDecimal(element, path, context);");
                    Fail("read is null");
                    writer.Line("var value = read.Value;");
                    Range(constraints, "(double)value");
                    break;

                case ValueShapeKind.Single or ValueShapeKind.Double:
                    var single = value.Kind == ValueShapeKind.Single;
                    writer.Line("var read = " + Runtime + ".ReadDouble(element, path, context, " + (single ? "3.4028234663852886E+38" : "1.7976931348623157E+308") + ", " + Literal(single ? "Single" : "Double") + ");");
                    Fail("read is null");
                    writer.Line("var value = " + (single ? "(float)read.Value" : "read.Value") + ";");
                    Range(constraints, "value");
                    break;

                case ValueShapeKind.DateTimeOffset or ValueShapeKind.DateTime:
                    writer.Line("var read = " + Runtime + ".ReadDateTimeOffset(element, path, context);");
                    Fail("read is null");

                    // A DateTime is returned in UTC (Kind Utc), so the offset the model sent is not lost or reinterpreted.
                    writer.Line("var value = " + (value.Kind == ValueShapeKind.DateTime ? "read.Value.UtcDateTime" : "read.Value") + ";");
                    break;

                case ValueShapeKind.DateOnly or ValueShapeKind.TimeOnly:
                    var dateOnly = value.Kind == ValueShapeKind.DateOnly;
                    writer.Line("var text = " + Runtime + ".ReadString(element, path, context, " + Literal(dateOnly ? "a date string" : "a time string") + ");");
                    Fail("text is null");
                    writer.Open(dateOnly
                        ? "if (!global::System.DateOnly.TryParseExact(text, \"yyyy-MM-dd\", " + Invariant + ", global::System.Globalization.DateTimeStyles.None, out var value))"
                        : "if (!global::System.TimeOnly.TryParseExact(text, new[] { \"HH:mm:ss\", \"HH:mm:ss.FFFFFFF\" }, " + Invariant + ", global::System.Globalization.DateTimeStyles.None, out var value))");
                    writer.Line("context.Report(path, " + Kind + ".ConstraintViolated, \"\\\"\" + text + " + Literal(dateOnly ? "\" is not a date (format date, yyyy-MM-dd)." : "\" is not a time (format time, HH:mm:ss).") + ");");
                    writer.Line(ReturnDefault);
                    writer.Close();
                    writer.Line();
                    break;

                case ValueShapeKind.Guid:
                    writer.Line("var read = " + Runtime + ".ReadGuid(element, path, context);");
                    Fail("read is null");
                    writer.Line("var value = read.Value;");
                    break;

                case ValueShapeKind.Enum:
                    writer.Line("var read = " + EnumMethod(value.ReferenceId!) + "(element, path, context);");
                    Fail("read is null");
                    writer.Line("var value = read.Value;");
                    break;

                case ValueShapeKind.Object:
                    writer.Line("var value = " + ObjectMethod(value.ReferenceId!) + "(element, path, context);");
                    break;

                case ValueShapeKind.Array:
                    WriteArrayBody(value, constraints);
                    break;

                case ValueShapeKind.Map:
                    var mapItem = value.Element!;
                    writer.Line("var value = new global::System.Collections.Generic.Dictionary<string, " + Type(mapItem) + ">(global::System.StringComparer.Ordinal);");
                    writer.Open("if (!" + Runtime + ".TryGetObject(ref element, path, context))");
                    writer.Line(ReturnDefault);
                    writer.Close();
                    writer.Line();
                    writer.Open("foreach (var property in element.EnumerateObject())");
                    writer.Line("var name = " + Runtime + ".PropertyName(property, path, context);");
                    writer.Open("if (name != null)");
                    writer.Line("value[name] = " + ValueMethod(mapItem, ValueConstraints.None) + "(property.Value, " + Runtime + ".Child(path, name), context);");
                    writer.Close();
                    writer.Close();
                    writer.Line();
                    break;

                default:
                    // Integral types.
                    var (min, max) = IntegralRange(value.Kind);
                    writer.Line("var read = " + Runtime + ".ReadInteger(element, path, context, " + min + "m, " + max + "m, " + Literal(value.Kind.ToString()) + ");");
                    Fail("read is null");
                    writer.Line("var value = (" + value.TypeName + ")read.Value;");
                    Range(constraints, "value");
                    break;
            }
        }

        private void WriteArrayBody(ValueShape value, ValueConstraints constraints)
        {
            var item = value.Element!;
            var itemReader = ValueMethod(item, ValueConstraints.None);
            writer.Line("var items = new global::System.Collections.Generic.List<" + Type(item) + ">();");
            writer.Line("var array = element;");
            writer.Open("if (" + Runtime + ".TryGetArray(ref array, path, context))");
            writer.Line("var index = 0;");
            writer.Open("foreach (var item in array.EnumerateArray())");
            writer.Line("items.Add(" + itemReader + "(item, " + Runtime + ".Index(path, index), context));");
            writer.Line("index++;");
            writer.Close();
            writer.Close();
            writer.Open("else");
            writer.Line(Runtime + ".SingleValue(path, context);");
            writer.Line("items.Add(" + itemReader + "(element, path, context));");
            writer.Close();
            writer.Line();
            if (constraints.MinItems is not null || constraints.MaxItems is not null)
            {
                writer.Line(Runtime + ".CheckCount(items.Count, path, context, " + I(constraints.MinItems ?? 0) + ", " + I(constraints.MaxItems ?? int.MaxValue) + ");");
            }

            writer.Line(value.Collection == CollectionKind.Array ? "var value = items.ToArray();" : "var value = items;");
        }

        /// <summary>The placeholder a failed read returns (never exposed: a failed parse returns no value).</summary>
        private string ReturnDefault => "return default" + language.Bang + ";";

        /// <summary>The C# type of a value in this compilation's language version.</summary>
        private string Type(ValueShape value) => language.NullableAnnotations ? value.CSharpType : value.CSharpTypeWithoutAnnotations;

        private void Fail(string condition)
        {
            writer.Open("if (" + condition + ")");
            writer.Line(ReturnDefault);
            writer.Close();
            writer.Line();
        }

        private void Range(ValueConstraints constraints, string expression)
        {
            if (constraints.Minimum is not null || constraints.Maximum is not null)
            {
                writer.Line(Runtime + ".CheckRange(" + expression + ", path, context, " + D(constraints.Minimum ?? double.NegativeInfinity) + ", " + D(constraints.Maximum ?? double.PositiveInfinity) + ");");
            }
        }

        private static (string Min, string Max) IntegralRange(ValueShapeKind kind) => kind switch
        {
            ValueShapeKind.Byte => ("0", "255"),
            ValueShapeKind.SByte => ("-128", "127"),
            ValueShapeKind.Int16 => ("-32768", "32767"),
            ValueShapeKind.UInt16 => ("0", "65535"),
            ValueShapeKind.Int32 => ("-2147483648", "2147483647"),
            ValueShapeKind.UInt32 => ("0", "4294967295"),
            ValueShapeKind.Int64 => ("-9223372036854775808", "9223372036854775807"),
            _ => ("0", "18446744073709551615"),
        };

        private static string D(double value) =>
            double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
            : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
            : value.ToString("R", CultureInfo.InvariantCulture) + "d";

        private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Literal(string value) => Generators.LlmSchemaGenerator.Emitter.Literal(value);

        private static string EscapePointer(string name) => new StringBuilder(name).Replace("~", "~0").Replace("/", "~1").ToString();
    }
}
