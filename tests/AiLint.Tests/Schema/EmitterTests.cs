using System.IO;
using System.Runtime.Loader;
using System.Text.Json;
using AiLint.Generators;
using AiLint.Generators.Emit;
using AiLint.Generators.Inputs;
using AiLint.Generators.Schema;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Schema;

/// <summary>
/// The emitter on its own, from a model built by hand (no symbols, no discovery): what it writes follows the model, so
/// the facts below are ones no C# declaration would give (a JSON name unrelated to the property name, one provider).
/// </summary>
public class EmitterTests
{
    // A partial type with no [LlmSchema]: the generator is not run, only the emitter's text is compiled next to it.
    private const string Declaration = """
        namespace Demo
        {
            public static partial class Outer
            {
                public partial class Ticket
                {
                    public string Title { get; set; } = "";

                    public int Priority { get; set; }
                }
            }
        }
        """;

    private static SchemaTypeModel Model(string? @namespace = "Demo")
    {
        var title = new PropertyShape("Title", "title", null, new ValueShape(ValueShapeKind.String, "string", IsNullable: false, IsValueType: false), ValueConstraints.None, -1);
        var priority = new PropertyShape(
            "Priority",
            "urgency",
            "How soon.",
            new ValueShape(ValueShapeKind.Int32, "int", IsNullable: false, IsValueType: true),
            new ValueConstraints(1, 5, null, null, null, null, null),
            -1);
        var root = new ObjectShape("Ticket", "global::Demo.Outer.Ticket", "Ticket", null, new EquatableArray<PropertyShape>(new[] { title, priority }), 0, null);
        var shape = new SchemaShape(
            "Ticket",
            "support_ticket",
            SchemaProviders.OpenAI,
            new EquatableArray<ObjectShape>(new[] { root }),
            EquatableArray<EnumShape>.Empty,
            EquatableArray<string>.Empty);
        return new SchemaTypeModel(@namespace, new EquatableArray<string>(new[] { "partial class Outer" }), "partial class Ticket", "Ticket", "Demo.Outer.Ticket.LlmSchema.g.cs", false, shape);
    }

    private static readonly SdkFlags SystemTextJsonOnly = new(HasSystemTextJson: true, HasOpenAI: false, HasMicrosoftExtensionsAI: false, HasAnthropic: false);

    [Fact]
    public void Writes_the_declarations_the_model_names_outermost_first()
    {
        var text = LlmSchemaGenerator.Emitter.EmitType(Model(), SystemTextJsonOnly, OutputLanguage.Latest);

        var ns = text.IndexOf("namespace Demo", StringComparison.Ordinal);
        var outer = text.IndexOf("partial class Outer", StringComparison.Ordinal);
        var type = text.IndexOf("partial class Ticket", StringComparison.Ordinal);
        Assert.True(ns >= 0 && ns < outer && outer < type, text);
        Assert.Contains("#nullable enable", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Follows_the_language_and_the_namespace_of_the_model()
    {
        var text = LlmSchemaGenerator.Emitter.EmitType(Model(@namespace: null), SystemTextJsonOnly, new OutputLanguage(NullableAnnotations: false, InitOnlySetters: false));

        Assert.DoesNotContain("namespace ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#nullable enable", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiled_output_uses_the_model_names_constraints_and_providers()
    {
        var emitted = LlmSchemaGenerator.Emitter.EmitType(Model(), SystemTextJsonOnly, OutputLanguage.Latest);
        using var loaded = Compile(Declaration, emitted, RuntimeSource.For(OutputLanguage.Latest));
        var ticket = loaded.Type("Demo.Outer+Ticket");

        using var schema = JsonDocument.Parse(ticket.GetJsonSchema(LlmProvider.OpenAI));
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal(new[] { "title", "urgency" }, properties.EnumerateObject().Select(p => p.Name));
        var urgency = properties.GetProperty("urgency");
        Assert.Equal("integer", urgency.GetProperty("type").GetString());
        Assert.Equal(1, urgency.GetProperty("minimum").GetInt32());
        Assert.Equal(5, urgency.GetProperty("maximum").GetInt32());
        Assert.Equal("How soon.", urgency.GetProperty("description").GetString());
        Assert.Equal(new[] { "title", "urgency" }, schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        // The model targets OpenAI only.
        Assert.Throws<NotSupportedException>(() => ticket.GetJsonSchema(LlmProvider.Anthropic));

        // The reader maps the model's JSON name onto the model's CLR property and checks the model's range.
        var (ok, value, violations) = ticket.TryParse("""{"title":"Printer jam","urgency":3}""");
        Assert.True(ok, string.Join("; ", violations.Select(v => v.Path + " " + v.Message)));
        Assert.Equal(3, value!.GetType().GetProperty("Priority")!.GetValue(value));
        Assert.Equal("Printer jam", value.GetType().GetProperty("Title")!.GetValue(value));

        var (outOfRange, _, reported) = ticket.TryParse("""{"title":"Printer jam","urgency":9}""");
        Assert.False(outOfRange);
        Assert.Contains(reported, v => v.Path == "/urgency");
    }

    private static LoadedAssembly Compile(params string[] sources)
    {
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("emitter-test", isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }
}
