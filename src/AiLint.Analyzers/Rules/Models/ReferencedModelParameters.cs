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

        // The recorded members' simple names (a constructor's: its type's), asked before a documentation id is built:
        // most calls in a referencing project are to other members.
        private readonly HashSet<string> names = new(StringComparer.Ordinal);

        private ReferencedModelParameters(Dictionary<string, Dictionary<int, string>> recorded)
        {
            this.recorded = recorded;
            foreach (var key in recorded.Keys)
            {
                names.Add(SimpleName(key));
            }
        }

        /// <summary>
        /// The recorded members' simple names (a constructor's: its type's), seeds of the relevance gate: a file whose only
        /// link to LLM code is <c>new OpenAiChatService(key, "gpt-4-0613")</c> must still be read.
        /// </summary>
        public IEnumerable<string> Names => names;

        /// <summary>False for nearly every compilation: then no call needs a second look.</summary>
        public bool IsEmpty => recorded.Count == 0;

        public static ReferencedModelParameters For(Compilation compilation) => Cache.GetValue(compilation, Read);

        /// <summary>
        /// Whether a class or struct of <paramref name="compilation"/> implements <paramref name="contract"/>: a call
        /// through it may then run that implementation (a fake, another provider's service), not the library's. Read
        /// from the per-compilation index of implementing types the prompt rules' contract search builds.
        /// </summary>
        public bool IsImplementedIn(INamedTypeSymbol contract, Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
            AiLint.Analyzers.Rules.Prompts.ImplementingTypes.For(compilation, cancellationToken).Of(contract).Count > 0;

        /// <summary>The recorded parameters of <paramref name="method"/> (a method or constructor from metadata), or null.</summary>
        public Dictionary<int, string>? Of(IMethodSymbol method)
        {
            if (recorded.Count == 0)
            {
                return null;
            }

            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            var name = definition.MethodKind == MethodKind.Constructor ? definition.ContainingType?.Name : definition.Name;
            return name != null && names.Contains(name)
                && definition.ContainingAssembly is { } assembly
                && definition.GetDocumentationCommentId() is { } id
                && recorded.TryGetValue(assembly.Identity.Name + "|" + id, out var parameters)
                    ? parameters
                    : null;
        }

        private static ReferencedModelParameters Read(Compilation compilation)
        {
            var recorded = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
            foreach (var (assembly, value) in SummaryRecords.Of(compilation, ModelParameterSummary.Key))
            {
                if (value.LastIndexOf('|') is var bar && bar > 0 && Parse(value.Substring(bar + 1)) is { } parameters)
                {
                    recorded[assembly.Identity.Name + "|" + value.Substring(0, bar)] = parameters;
                }
            }

            return new ReferencedModelParameters(recorded);
        }

        /// <summary>
        /// "Asm|M:Ns.Type.AskAsync``1(System.String)" → "AskAsync"; "Asm|M:Ns.Outer.Type`1.#ctor(System.String)" → "Type"
        /// (a nested type's documentation id joins it to its outer type with a dot too).
        /// </summary>
        private static string SimpleName(string key)
        {
            var id = key.Substring(key.IndexOf('|') + 1);
            var end = id.IndexOf('(');
            var path = end < 0 ? id : id.Substring(0, end);
            if (path.EndsWith(".#ctor", StringComparison.Ordinal))
            {
                path = path.Substring(0, path.Length - ".#ctor".Length);
            }

            var name = path.Substring(path.LastIndexOf('.') + 1);
            var arity = name.IndexOf('`');
            return arity < 0 ? name : name.Substring(0, arity);
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
