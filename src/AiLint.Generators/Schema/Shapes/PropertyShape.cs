using System;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>One schema property: a public settable (or constructor-bound) instance property of an object shape.</summary>
    internal sealed class PropertyShape : IEquatable<PropertyShape>
    {
        public PropertyShape(string clrName, string jsonName, string? description, ValueShape value, ValueConstraints constraints, int constructorParameterIndex)
        {
            ClrName = clrName;
            JsonName = jsonName;
            Description = description;
            Value = value;
            Constraints = constraints;
            ConstructorParameterIndex = constructorParameterIndex;
        }

        public string ClrName { get; }

        /// <summary><c>[JsonPropertyName]</c> when present, else the camelCase CLR name.</summary>
        public string JsonName { get; }

        /// <summary>From <c>[Description]</c>.</summary>
        public string? Description { get; }

        public ValueShape Value { get; }

        public ValueConstraints Constraints { get; }

        /// <summary>The constructor parameter this property is passed to, or -1 when it is set by an object initializer.</summary>
        public int ConstructorParameterIndex { get; }

        public bool Equals(PropertyShape? other) =>
            other is not null
            && (ClrName, JsonName, Description, ConstructorParameterIndex).Equals((other.ClrName, other.JsonName, other.Description, other.ConstructorParameterIndex))
            && Value.Equals(other.Value)
            && Constraints.Equals(other.Constraints);

        public override bool Equals(object? obj) => Equals(obj as PropertyShape);

        public override int GetHashCode() => (ClrName, JsonName, Value).GetHashCode();
    }
}
