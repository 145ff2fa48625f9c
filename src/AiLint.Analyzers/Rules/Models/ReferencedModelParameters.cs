using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The consumer side of <see cref="ModelParameterSummary"/>: which parameters of the referenced projects' methods and
    /// constructors reach a model slot, and of which provider, read once per compilation from their
    /// <c>AiLint.ModelParameter</c> records. An entry whose detail does not parse as this version writes it (a later
    /// writer's form, an unknown provider) is ignored whole: a helper the reader does not know, never a report.
    /// </summary>
    internal sealed class ReferencedModelParameters
    {
        private static readonly ConditionalWeakTable<Compilation, ReferencedModelParameters> Cache = new();

        // "assembly name|documentation id" → ordinal → provider.
        private readonly Dictionary<string, Dictionary<int, string>> recorded;

        private ReferencedModelParameters(Dictionary<string, Dictionary<int, string>> recorded) => this.recorded = recorded;

        /// <summary>False for nearly every compilation: then no call needs a second look.</summary>
        public bool IsEmpty => recorded.Count == 0;

        public static ReferencedModelParameters For(Compilation compilation) => Cache.GetValue(compilation, Read);

        /// <summary>The recorded parameters of <paramref name="method"/> (a method or constructor from metadata), or null.</summary>
        public Dictionary<int, string>? Of(IMethodSymbol method)
        {
            if (recorded.Count == 0)
            {
                return null;
            }

            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            return definition.ContainingAssembly is { } assembly
                && definition.GetDocumentationCommentId() is { } id
                && recorded.TryGetValue(assembly.Identity.Name + "|" + id, out var parameters)
                    ? parameters
                    : null;
        }

        private static ReferencedModelParameters Read(Compilation compilation)
        {
            var recorded = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                foreach (var attribute in assembly.GetAttributes())
                {
                    // The key first: a string comparison rules out the framework's many AssemblyMetadata attributes.
                    if (attribute.ConstructorArguments.Length != 2
                        || attribute.ConstructorArguments[0].Value is not ModelParameterSummary.Key
                        || attribute.ConstructorArguments[1].Value is not string value
                        || attribute.AttributeClass?.ToDisplayString() != SummaryKeys.AttributeMetadataName
                        || value.LastIndexOf('|') is var bar && bar <= 0
                        || Parse(value.Substring(bar + 1)) is not { } parameters)
                    {
                        continue;
                    }

                    recorded[assembly.Identity.Name + "|" + value.Substring(0, bar)] = parameters;
                }
            }

            return new ReferencedModelParameters(recorded);
        }

        /// <summary>"1:openai,2:anthropic" → {1: openai, 2: anthropic}; null when any part is not this version's form.</summary>
        internal static Dictionary<int, string>? Parse(string detail)
        {
            var parameters = new Dictionary<int, string>();
            foreach (var part in detail.Split(','))
            {
                var colon = part.IndexOf(':');
                if (colon <= 0
                    || !int.TryParse(part.Substring(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal)
                    || part.Substring(colon + 1) is not { } provider
                    || provider is not (ModelParameterSummary.OpenAI or ModelParameterSummary.Anthropic or ModelParameterSummary.Neutral)
                    || parameters.ContainsKey(ordinal))
                {
                    return null;
                }

                parameters.Add(ordinal, provider);
            }

            return parameters.Count > 0 ? parameters : null;
        }
    }
}
