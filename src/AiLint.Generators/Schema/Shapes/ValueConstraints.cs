using System;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>DataAnnotations constraints on a property. The generated parser enforces all of them for every provider.</summary>
    internal sealed class ValueConstraints : IEquatable<ValueConstraints>
    {
        public static readonly ValueConstraints None = new(null, null, null, null, null, null, null);

        public ValueConstraints(double? minimum, double? maximum, int? minLength, int? maxLength, int? minItems, int? maxItems, string? pattern)
        {
            Minimum = minimum;
            Maximum = maximum;
            MinLength = minLength;
            MaxLength = maxLength;
            MinItems = minItems;
            MaxItems = maxItems;
            Pattern = pattern;
        }

        /// <summary>From <c>[Range]</c>, inclusive.</summary>
        public double? Minimum { get; }

        public double? Maximum { get; }

        /// <summary>From <c>[StringLength]</c>, <c>[MinLength]</c>, <c>[MaxLength]</c> on a string.</summary>
        public int? MinLength { get; }

        public int? MaxLength { get; }

        /// <summary>From <c>[MinLength]</c>, <c>[MaxLength]</c> on a collection.</summary>
        public int? MinItems { get; }

        public int? MaxItems { get; }

        /// <summary>From <c>[RegularExpression]</c>; like DataAnnotations, it must match the whole string.</summary>
        public string? Pattern { get; }

        public bool IsEmpty => Equals(None);

        public bool Equals(ValueConstraints? other) =>
            other is not null && (Minimum, Maximum, MinLength, MaxLength, MinItems, MaxItems, Pattern).Equals((other.Minimum, other.Maximum, other.MinLength, other.MaxLength, other.MinItems, other.MaxItems, other.Pattern));

        public override bool Equals(object? obj) => Equals(obj as ValueConstraints);

        public override int GetHashCode() => (Minimum, Maximum, MinLength, MaxLength, MinItems, MaxItems, Pattern).GetHashCode();
    }
}
