using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>One entry written in a prompt dictionary's initializer.</summary>
    internal sealed class DictionaryEntry
    {
        public DictionaryEntry(IOperation key, IOperation value)
        {
            Key = key;
            Value = value;
        }

        public IOperation Key { get; }

        public IOperation Value { get; }
    }

    /// <summary>A dictionary member whose initializer writes all the values it holds.</summary>
    internal sealed class PromptDictionary
    {
        public PromptDictionary(ISymbol member, List<DictionaryEntry> entries)
        {
            Member = member;
            Entries = entries;
        }

        /// <summary>The field or property, the prompts are named after (<c>Namespace.Type.Prompts[key]</c>).</summary>
        public ISymbol Member { get; }

        public IReadOnlyList<DictionaryEntry> Entries { get; }
    }

    /// <summary>A lookup of a prompt dictionary: the entries it may give (only the one a constant key names) and a fallback.</summary>
    internal sealed class DictionaryRead
    {
        public DictionaryRead(PromptDictionary dictionary, IOperation? key, IOperation? fallback)
        {
            Dictionary = dictionary;
            Fallback = fallback;
            var chosen = new List<DictionaryEntry>();
            var constantKey = key == null ? null : KnownPromptSymbols.Unwrap(key).ConstantValue;
            foreach (var entry in dictionary.Entries)
            {
                if (constantKey is { HasValue: true } known && entry.Key.ConstantValue.HasValue && !SameKey(known.Value, entry.Key.ConstantValue.Value))
                {
                    continue;
                }

                chosen.Add(entry);
            }

            Entries = chosen;
        }

        /// <summary>Keys compared without case: the dictionary may be built with a case-insensitive comparer.</summary>
        private static bool SameKey(object? key, object? entry) =>
            key is string a && entry is string b ? string.Equals(a, b, System.StringComparison.OrdinalIgnoreCase) : Equals(key, entry);

        public PromptDictionary Dictionary { get; }

        /// <summary>The entries the lookup may give: all of them, or the one a constant key names.</summary>
        public IReadOnlyList<DictionaryEntry> Entries { get; }

        /// <summary><c>GetValueOrDefault</c>'s default value, when the call gives one.</summary>
        public IOperation? Fallback { get; }
    }
}
