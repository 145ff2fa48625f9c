using System;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>A class, record or struct that maps to a JSON object.</summary>
    internal sealed class ObjectShape : IEquatable<ObjectShape>
    {
        public ObjectShape(string id, string typeName, string displayName, string? description, EquatableArray<PropertyShape> properties, int constructorParameterCount, string? unsupportedReason)
        {
            Id = id;
            TypeName = typeName;
            DisplayName = displayName;
            Description = description;
            Properties = properties;
            ConstructorParameterCount = constructorParameterCount;
            UnsupportedReason = unsupportedReason;
        }

        /// <summary>Unique within one <see cref="SchemaShape"/>; a valid C# identifier fragment.</summary>
        public string Id { get; }

        /// <summary>The fully qualified C# type (<c>global::...</c>).</summary>
        public string TypeName { get; }

        /// <summary>The type name users read in diagnostics (<c>Ticket</c>, <c>Outer.Ticket</c>).</summary>
        public string DisplayName { get; }

        public string? Description { get; }

        /// <summary>Declaration order, base type members first.</summary>
        public EquatableArray<PropertyShape> Properties { get; }

        /// <summary>The parameter count of the constructor the parser calls (0: parameterless or struct default).</summary>
        public int ConstructorParameterCount { get; }

        /// <summary>Why the parser cannot construct this type (abstract, no usable constructor), or null.</summary>
        public string? UnsupportedReason { get; }

        public bool Equals(ObjectShape? other) =>
            other is not null
            && (Id, TypeName, DisplayName, Description, ConstructorParameterCount, UnsupportedReason).Equals((other.Id, other.TypeName, other.DisplayName, other.Description, other.ConstructorParameterCount, other.UnsupportedReason))
            && Properties.Equals(other.Properties);

        public override bool Equals(object? obj) => Equals(obj as ObjectShape);

        public override int GetHashCode() => (Id, TypeName, Properties.Count).GetHashCode();
    }
}
