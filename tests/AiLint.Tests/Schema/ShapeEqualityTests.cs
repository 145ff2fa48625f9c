using AiLint.Generators.Schema;

namespace AiLint.Tests.Schema;

/// <summary>
/// The schema shapes are the generator's pipeline values: the incremental driver caches a step's output only when the
/// new value equals the old one, so two shapes built separately from equal data must be equal, with equal hash codes,
/// and must differ as soon as any nested value differs. Built by hand here so each field can be varied on its own.
/// </summary>
public class ShapeEqualityTests
{
    // Every call allocates new objects and new arrays: equality can only come from the contents.
    private static SchemaShape Build(string priorityJsonName = "urgency", int? maxPriority = 5, string elementType = "string", string enumJsonName = "open")
    {
        var title = new PropertyShape("Title", "title", null, new ValueShape(ValueShapeKind.String, "string", false, false), ValueConstraints.None, -1);
        var priority = new PropertyShape(
            "Priority",
            priorityJsonName,
            "How soon.",
            new ValueShape(ValueShapeKind.Int32, "int", false, true),
            new ValueConstraints(1, maxPriority, null, null, null, null, null),
            0);
        var tags = new PropertyShape(
            "Tags",
            "tags",
            null,
            new ValueShape(ValueShapeKind.Array, "global::System.Collections.Generic.List<string>", true, false, CollectionKind.List, new ValueShape(ValueShapeKind.String, elementType, false, false)),
            new ValueConstraints(null, null, null, null, 1, null, null),
            -1);
        var status = new PropertyShape("Status", "status", null, new ValueShape(ValueShapeKind.Enum, "global::Demo.Status", false, true, ReferenceId: "Status"), ValueConstraints.None, -1);
        var root = new ObjectShape("Ticket", "global::Demo.Ticket", "Ticket", "A ticket.", new EquatableArray<PropertyShape>(new[] { title, priority, tags, status }), 1, null);
        var statusEnum = new EnumShape(
            "Status",
            "global::Demo.Status",
            false,
            new EquatableArray<EnumMemberShape>(new[] { new EnumMemberShape("Open", enumJsonName, "0"), new EnumMemberShape("Closed", "closed", "1") }));
        return new SchemaShape(
            "Ticket",
            "ticket",
            SchemaProviders.OpenAI | SchemaProviders.Gemini,
            new EquatableArray<ObjectShape>(new[] { root }),
            new EquatableArray<EnumShape>(new[] { statusEnum }),
            new EquatableArray<string>(new[] { "Ticket" }));
    }

    [Fact]
    public void Shapes_built_separately_from_equal_data_are_equal_with_equal_hash_codes()
    {
        var first = Build();
        var second = Build();

        Assert.NotSame(first, second);
        Assert.NotSame(first.Root, second.Root);
        Assert.Equal(first, second);
        Assert.True(first.Equals((object)second));
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.Root.Properties.GetHashCode(), second.Root.Properties.GetHashCode());
    }

    [Theory]
    [InlineData("priority", 5, "string", "open")]
    [InlineData("urgency", 4, "string", "open")]
    [InlineData("urgency", null, "string", "open")]
    [InlineData("urgency", 5, "global::System.String", "open")]
    [InlineData("urgency", 5, "string", "OPEN")]
    public void A_difference_in_one_nested_value_makes_the_shapes_differ(string priorityJsonName, int? maxPriority, string elementType, string enumJsonName)
    {
        var changed = Build(priorityJsonName, maxPriority, elementType, enumJsonName);

        Assert.NotEqual(Build(), changed);
        Assert.False(Build().Equals((object)changed));
    }

    [Fact]
    public void Array_order_and_length_count()
    {
        var a = new EquatableArray<string>(new[] { "x", "y" });

        Assert.Equal(a, new EquatableArray<string>(new[] { "x", "y" }));
        Assert.Equal(a.GetHashCode(), new EquatableArray<string>(new[] { "x", "y" }).GetHashCode());
        Assert.NotEqual(a, new EquatableArray<string>(new[] { "y", "x" }));
        Assert.NotEqual(a, new EquatableArray<string>(new[] { "x" }));
        Assert.Equal(default(EquatableArray<string>), EquatableArray<string>.Empty);
        Assert.Equal(default(EquatableArray<string>).GetHashCode(), EquatableArray<string>.Empty.GetHashCode());
    }

    [Fact]
    public void The_analyzers_copy_of_the_shapes_compares_the_same_way()
    {
        static AiLint.Analyzers.Schema.ValueShape List(string element) => new(
            AiLint.Analyzers.Schema.ValueShapeKind.Array,
            "global::System.Collections.Generic.List<string>",
            false,
            false,
            AiLint.Analyzers.Schema.CollectionKind.List,
            new AiLint.Analyzers.Schema.ValueShape(AiLint.Analyzers.Schema.ValueShapeKind.String, element, false, false));

        Assert.Equal(List("string"), List("string"));
        Assert.Equal(List("string").GetHashCode(), List("string").GetHashCode());
        Assert.NotEqual(List("string"), List("global::System.String"));
    }
}
