#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>One schema property: a public settable (or constructor-bound) instance property of an object shape.</summary>
    /// <param name="ClrName">The C# property name.</param>
    /// <param name="JsonName"><c>[JsonPropertyName]</c> when present, else the camelCase CLR name.</param>
    /// <param name="Description">From <c>[Description]</c>.</param>
    /// <param name="Value">The property's type.</param>
    /// <param name="Constraints">Its DataAnnotations constraints.</param>
    /// <param name="ConstructorParameterIndex">The constructor parameter this property is passed to, or -1 when it is set by an object initializer.</param>
    internal sealed record PropertyShape(
        string ClrName,
        string JsonName,
        string? Description,
        ValueShape Value,
        ValueConstraints Constraints,
        int ConstructorParameterIndex);
}
