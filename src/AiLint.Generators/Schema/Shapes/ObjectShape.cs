#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>A class, record or struct that maps to a JSON object.</summary>
    /// <param name="Id">Unique within one <see cref="SchemaShape"/>; a valid C# identifier fragment.</param>
    /// <param name="TypeName">The fully qualified C# type (<c>global::...</c>).</param>
    /// <param name="DisplayName">The type name users read in diagnostics (<c>Ticket</c>, <c>Outer.Ticket</c>).</param>
    /// <param name="Description">From <c>[Description]</c>.</param>
    /// <param name="Properties">Declaration order, base type members first.</param>
    /// <param name="ConstructorParameterCount">The parameter count of the constructor the parser calls (0: parameterless or struct default).</param>
    /// <param name="UnsupportedReason">Why the parser cannot construct this type (abstract, no usable constructor), or null.</param>
    internal sealed record ObjectShape(
        string Id,
        string TypeName,
        string DisplayName,
        string? Description,
        EquatableArray<PropertyShape> Properties,
        int ConstructorParameterCount,
        string? UnsupportedReason);
}
