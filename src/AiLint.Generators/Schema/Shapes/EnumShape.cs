using System;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>An enum reached from a schema type.</summary>
    internal sealed class EnumShape : IEquatable<EnumShape>
    {
        public EnumShape(string id, string typeName, bool isNumeric, EquatableArray<EnumMemberShape> members)
        {
            Id = id;
            TypeName = typeName;
            IsNumeric = isNumeric;
            Members = members;
        }

        public string Id { get; }

        public string TypeName { get; }

        /// <summary>
        /// Serialised as numbers (<c>[JsonConverter(typeof(JsonNumberEnumConverter&lt;T&gt;))]</c>); otherwise as the
        /// member names (or <c>[JsonStringEnumMemberName]</c>).
        /// </summary>
        public bool IsNumeric { get; }

        public EquatableArray<EnumMemberShape> Members { get; }

        public bool Equals(EnumShape? other) =>
            other is not null && (Id, TypeName, IsNumeric).Equals((other.Id, other.TypeName, other.IsNumeric)) && Members.Equals(other.Members);

        public override bool Equals(object? obj) => Equals(obj as EnumShape);

        public override int GetHashCode() => (Id, TypeName, Members.Count).GetHashCode();
    }

    /// <summary>One enum member: its C# name, JSON string value and numeric value (invariant text).</summary>
    internal sealed class EnumMemberShape : IEquatable<EnumMemberShape>
    {
        public EnumMemberShape(string clrName, string jsonName, string numericValue)
        {
            ClrName = clrName;
            JsonName = jsonName;
            NumericValue = numericValue;
        }

        public string ClrName { get; }

        public string JsonName { get; }

        public string NumericValue { get; }

        public bool Equals(EnumMemberShape? other) =>
            other is not null && (ClrName, JsonName, NumericValue).Equals((other.ClrName, other.JsonName, other.NumericValue));

        public override bool Equals(object? obj) => Equals(obj as EnumMemberShape);

        public override int GetHashCode() => (ClrName, JsonName, NumericValue).GetHashCode();
    }
}
