#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>
    /// The type of one schema value (a property, or an array's or map's items). Pure data: names are strings, nested
    /// objects and enums are referenced by id, so the model compares structurally and holds no symbols.
    /// </summary>
    /// <param name="Kind">The CLR shape, which decides the JSON schema and how the parser reads the value.</param>
    /// <param name="TypeName">The fully qualified C# type (<c>global::...</c>), without a nullable marker.</param>
    /// <param name="IsNullable">Whether <c>null</c> is a valid value (<c>T?</c> for value types, an annotated reference type).</param>
    /// <param name="IsValueType">
    /// Whether <paramref name="TypeName"/> is a value type, so its <c>?</c> means <c>Nullable&lt;T&gt;</c> (needed in every C#
    /// version) rather than a nullable reference annotation (C# 8 and later only).
    /// </param>
    /// <param name="Collection">How an array or map value is materialised.</param>
    /// <param name="Element">The item shape of an array or map.</param>
    /// <param name="ReferenceId">The id of the <see cref="ObjectShape"/> or <see cref="EnumShape"/> this value refers to.</param>
    /// <param name="UnsupportedReason">Why the CLR type has no schema mapping, for <see cref="ValueShapeKind.Unsupported"/>.</param>
    internal sealed record ValueShape(
        ValueShapeKind Kind,
        string TypeName,
        bool IsNullable,
        bool IsValueType,
        CollectionKind Collection = CollectionKind.None,
        ValueShape? Element = null,
        string? ReferenceId = null,
        string? UnsupportedReason = null)
    {
        /// <summary>The C# type the generated reader returns, with <c>?</c> when nullable.</summary>
        public string CSharpType => IsNullable ? TypeName + "?" : TypeName;

        /// <summary><see cref="CSharpType"/> for a compilation without nullable reference annotations (C# 7.3): <c>?</c> on value types only.</summary>
        public string CSharpTypeWithoutAnnotations => IsNullable && IsValueType ? TypeName + "?" : TypeName;
    }
}
