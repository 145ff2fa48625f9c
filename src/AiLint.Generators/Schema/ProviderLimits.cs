#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>What a documented provider limit counts.</summary>
    internal enum LimitKind
    {
        /// <summary>Levels of object nesting, the root object being level 1.</summary>
        NestingDepth,

        /// <summary>Object properties summed over the whole schema.</summary>
        TotalProperties,

        /// <summary>Enum values summed over the whole schema.</summary>
        TotalEnumValues,

        /// <summary>Properties left out of <c>required</c>.</summary>
        OptionalProperties,

        /// <summary>Schema nodes that use <c>anyOf</c> or a type array.</summary>
        UnionProperties,
    }

    /// <summary>One documented limit of one provider.</summary>
    internal sealed class ProviderLimit
    {
        public ProviderLimit(SchemaProviders provider, LimitKind kind, int maximum, string what, string source)
        {
            Provider = provider;
            Kind = kind;
            Maximum = maximum;
            What = what;
            Source = source;
        }

        public SchemaProviders Provider { get; }

        public LimitKind Kind { get; }

        public int Maximum { get; }

        /// <summary>Plural noun phrase for messages: "levels of object nesting".</summary>
        public string What { get; }

        public string Source { get; }
    }

    /// <summary>
    /// THE table of provider limits AIL0403 checks. Limits change: edit them here only, and keep
    /// docs/rules/AIL0403.md in step. Anthropic counts per request over all strict schemas; AiLint counts one type,
    /// so it reports only what is certainly over.
    /// </summary>
    internal static class ProviderLimits
    {
        private const string OpenAISource = "https://developers.openai.com/api/docs/guides/structured-outputs (Supported schemas: limitations)";
        private const string AnthropicSource = "https://platform.claude.com/docs/en/build-with-claude/structured-outputs (Schema complexity limits)";

        public static readonly ProviderLimit[] All =
        {
            new(SchemaProviders.OpenAI, LimitKind.NestingDepth, 10, "levels of object nesting", OpenAISource),
            new(SchemaProviders.OpenAI, LimitKind.TotalProperties, 5000, "object properties in total", OpenAISource),
            new(SchemaProviders.OpenAI, LimitKind.TotalEnumValues, 1000, "enum values in total", OpenAISource),
            new(SchemaProviders.Anthropic, LimitKind.OptionalProperties, 24, "optional properties", AnthropicSource),
            new(SchemaProviders.Anthropic, LimitKind.UnionProperties, 16, "properties that use anyOf or a type array", AnthropicSource),
        };
    }
}
