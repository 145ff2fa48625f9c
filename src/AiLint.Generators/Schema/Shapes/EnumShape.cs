#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>An enum reached from a schema type.</summary>
    /// <param name="Id">Unique within one <see cref="SchemaShape"/>; a valid C# identifier fragment.</param>
    /// <param name="TypeName">The fully qualified C# type (<c>global::...</c>).</param>
    /// <param name="IsNumeric">
    /// Serialised as numbers (<c>[JsonConverter(typeof(JsonNumberEnumConverter&lt;T&gt;))]</c>); otherwise as the
    /// member names (or <c>[JsonStringEnumMemberName]</c>).
    /// </param>
    /// <param name="Members">The members in declaration order.</param>
    internal sealed record EnumShape(string Id, string TypeName, bool IsNumeric, EquatableArray<EnumMemberShape> Members);

    /// <summary>One enum member: its C# name, JSON string value and numeric value (invariant text).</summary>
    /// <param name="ClrName">The member's C# name.</param>
    /// <param name="JsonName">The JSON string value.</param>
    /// <param name="NumericValue">The numeric value, as invariant text.</param>
    internal sealed record EnumMemberShape(string ClrName, string JsonName, string NumericValue);
}
