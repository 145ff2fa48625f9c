namespace AiLint
{
    /// <summary>How a generated parser treats output that diverges from the schema.</summary>
    public enum LlmParseMode
    {
        /// <summary>Every divergence is a violation and parsing fails.</summary>
        Strict = 0,

        /// <summary>
        /// Known, lossless model slips (a number sent as a string, a single value for an array, JSON encoded in a string,
        /// enum case drift, the string "null") are repaired and reported with <see cref="SchemaViolation.Coerced"/> set.
        /// </summary>
        Coerce = 1,
    }
}
