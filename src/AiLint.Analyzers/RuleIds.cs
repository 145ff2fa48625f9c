namespace AiLint.Analyzers
{
    /// <summary>Rule IDs, named by intent. IDs are never reused; see docs/design/contract.md.</summary>
    internal static class RuleIds
    {
        public const string RetriedCallWithoutIdempotencyKey = "AIL0001";
        public const string StreamingCallInsideRetry = "AIL0002";
        public const string RetryOverSdkBuiltInRetries = "AIL0003";
        public const string IdempotencyKeyCreatedInsideRetry = "AIL0004";

        public const string SpanTimestampFromClient = "AIL0101";
        public const string NonUtcDateTimeToActivityTime = "AIL0102";

        public const string ToolCatalogExceedsCap = "AIL0201";
        public const string ToolCatalogFromUnboundedSource = "AIL0202";

        public const string PromptWithoutEvalCases = "AIL0301";
        public const string PromptChangedSinceEvalsPassed = "AIL0302";
        public const string PromptInstructionNotCovered = "AIL0303";
        public const string MalformedEvalCase = "AIL0304";

        public const string SchemaNotExpressibleForProvider = "AIL0401";
        public const string SchemaTypeMustBePartial = "AIL0402";
        public const string SchemaExceedsProviderLimit = "AIL0403";

        public const string ModelIdIsFloatingAlias = "AIL0501";
        public const string ModelIsDeprecated = "AIL0502";
        public const string ModelIsRetired = "AIL0503";
        public const string ParameterRejectedByModel = "AIL0504";
        public const string TemperatureAndTopPBothSet = "AIL0505";
        public const string MalformedModelTableFile = "AIL0506";

        /// <summary>The documentation page of a rule.</summary>
        public static string GetHelpUri(string id) => HelpLinks.For(id);
    }

    /// <summary>Rule categories. One <c>.editorconfig</c> line downgrades a whole category.</summary>
    internal static class RuleCategories
    {
        public const string Reliability = "AiLint.Reliability";
        public const string Observability = "AiLint.Observability";
        public const string Agents = "AiLint.Agents";
        public const string Evaluation = "AiLint.Evaluation";
        public const string StructuredOutput = "AiLint.StructuredOutput";
        public const string Models = "AiLint.Models";
    }
}
