using System;

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
    internal sealed class ValueShape : IEquatable<ValueShape>
    {
        public ValueShape(ValueShapeKind kind, string typeName, bool isNullable, bool isValueType, CollectionKind collection = CollectionKind.None, ValueShape? element = null, string? referenceId = null, string? unsupportedReason = null)
        {
            Kind = kind;
            TypeName = typeName;
            IsNullable = isNullable;
            IsValueType = isValueType;
            Collection = collection;
            Element = element;
            ReferenceId = referenceId;
            UnsupportedReason = unsupportedReason;
        }

        public ValueShapeKind Kind { get; }

        /// <summary>The fully qualified C# type (<c>global::...</c>), without a nullable marker.</summary>
        public string TypeName { get; }

        /// <summary>Whether <c>null</c> is a valid value (<c>T?</c> for value types, an annotated reference type).</summary>
        public bool IsNullable { get; }

        /// <summary>
        /// Whether <see cref="TypeName"/> is a value type, so its <c>?</c> means <c>Nullable&lt;T&gt;</c> (needed in every C#
        /// version) rather than a nullable reference annotation (C# 8 and later only).
        /// </summary>
        public bool IsValueType { get; }

        public CollectionKind Collection { get; }

        /// <summary>The item shape of an array or map.</summary>
        public ValueShape? Element { get; }

        /// <summary>The id of the <see cref="ObjectShape"/> or <see cref="EnumShape"/> this value refers to.</summary>
        public string? ReferenceId { get; }

        /// <summary>Why the CLR type has no schema mapping, for <see cref="ValueShapeKind.Unsupported"/>.</summary>
        public string? UnsupportedReason { get; }

        /// <summary>The C# type the generated reader returns, with <c>?</c> when nullable.</summary>
        public string CSharpType => IsNullable ? TypeName + "?" : TypeName;

        /// <summary><see cref="CSharpType"/> for a compilation without nullable reference annotations (C# 7.3): <c>?</c> on value types only.</summary>
        public string CSharpTypeWithoutAnnotations => IsNullable && IsValueType ? TypeName + "?" : TypeName;

        public bool Equals(ValueShape? other) =>
            other is not null
            && (Kind, TypeName, IsNullable, IsValueType, Collection, ReferenceId, UnsupportedReason).Equals((other.Kind, other.TypeName, other.IsNullable, other.IsValueType, other.Collection, other.ReferenceId, other.UnsupportedReason))
            && Equals(Element, other.Element);

        public override bool Equals(object? obj) => Equals(obj as ValueShape);

        public override int GetHashCode() => (Kind, TypeName, IsNullable, Collection, ReferenceId, Element).GetHashCode();
    }
}
