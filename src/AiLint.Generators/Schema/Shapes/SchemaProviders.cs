using System;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>
    /// The providers a schema type targets, as flags. Mirrors <c>AiLint.LlmProvider</c> (OpenAI = 0, Anthropic = 1,
    /// Gemini = 2) as <c>1 &lt;&lt; value</c>; the generator and analyzers do not reference AiLint.Annotations.
    /// </summary>
    [Flags]
    internal enum SchemaProviders
    {
        None = 0,
        OpenAI = 1 << 0,
        Anthropic = 1 << 1,
        Gemini = 1 << 2,
        All = OpenAI | Anthropic | Gemini,
    }

    internal static class SchemaProvidersExtensions
    {
        public static readonly SchemaProviders[] Each = { SchemaProviders.OpenAI, SchemaProviders.Anthropic, SchemaProviders.Gemini };

        /// <summary>The <c>AiLint.LlmProvider</c> member name of a single provider.</summary>
        public static string Name(this SchemaProviders provider) => provider switch
        {
            SchemaProviders.OpenAI => "OpenAI",
            SchemaProviders.Anthropic => "Anthropic",
            SchemaProviders.Gemini => "Gemini",
            _ => provider.ToString(),
        };

        /// <summary>"OpenAI", "OpenAI and Gemini", "OpenAI, Anthropic and Gemini".</summary>
        public static string Names(this SchemaProviders providers)
        {
            var names = new System.Collections.Generic.List<string>();
            foreach (var provider in Each)
            {
                if ((providers & provider) != 0)
                {
                    names.Add(provider.Name());
                }
            }

            return names.Count <= 1
                ? string.Concat(names)
                : string.Join(", ", names.GetRange(0, names.Count - 1)) + " and " + names[names.Count - 1];
        }

        /// <summary>Converts an <c>AiLint.LlmProvider</c> value (0, 1, 2) to its flag; unknown values give None.</summary>
        public static SchemaProviders FromLlmProviderValue(int value) => value is >= 0 and <= 2 ? (SchemaProviders)(1 << value) : SchemaProviders.None;
    }
}
