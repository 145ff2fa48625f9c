#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>DataAnnotations constraints on a property. The generated parser enforces all of them for every provider.</summary>
    /// <param name="Minimum">From <c>[Range]</c>, inclusive.</param>
    /// <param name="Maximum">From <c>[Range]</c>, inclusive.</param>
    /// <param name="MinLength">From <c>[StringLength]</c>, <c>[MinLength]</c>, <c>[MaxLength]</c> on a string.</param>
    /// <param name="MaxLength">From <c>[StringLength]</c>, <c>[MaxLength]</c> on a string.</param>
    /// <param name="MinItems">From <c>[MinLength]</c> on a collection.</param>
    /// <param name="MaxItems">From <c>[MaxLength]</c> on a collection.</param>
    /// <param name="Pattern">From <c>[RegularExpression]</c>; like DataAnnotations, it must match the whole string.</param>
    internal sealed record ValueConstraints(
        double? Minimum,
        double? Maximum,
        int? MinLength,
        int? MaxLength,
        int? MinItems,
        int? MaxItems,
        string? Pattern)
    {
        public static readonly ValueConstraints None = new(null, null, null, null, null, null, null);

        public bool IsEmpty => Equals(None);
    }
}
