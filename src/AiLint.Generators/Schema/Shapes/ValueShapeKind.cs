#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>The CLR shape of a schema value; decides both its JSON schema and how the generated parser reads it.</summary>
    internal enum ValueShapeKind
    {
        Unsupported,
        String,
        Boolean,
        Byte,
        SByte,
        Int16,
        UInt16,
        Int32,
        UInt32,
        Int64,
        UInt64,
        Single,
        Double,
        Decimal,
        DateTime,
        DateTimeOffset,
        DateOnly,
        TimeOnly,
        Guid,
        Enum,
        Object,
        Array,
        Map,
    }

    /// <summary>How a collection value is materialised.</summary>
    internal enum CollectionKind
    {
        None,

        /// <summary><c>T[]</c>.</summary>
        Array,

        /// <summary><c>List&lt;T&gt;</c> or an interface it implements (IList, ICollection, IEnumerable, IReadOnlyList, IReadOnlyCollection).</summary>
        List,

        /// <summary><c>Dictionary&lt;string, T&gt;</c> or IDictionary / IReadOnlyDictionary of it.</summary>
        Dictionary,
    }

    internal static class ValueShapeKindExtensions
    {
        public static bool IsIntegral(this ValueShapeKind kind) => kind is >= ValueShapeKind.Byte and <= ValueShapeKind.UInt64;

        public static bool IsFloating(this ValueShapeKind kind) => kind is ValueShapeKind.Single or ValueShapeKind.Double or ValueShapeKind.Decimal;

        public static bool IsNumeric(this ValueShapeKind kind) => kind.IsIntegral() || kind.IsFloating();
    }
}
