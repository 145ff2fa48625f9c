using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The texts one prompt id holds. An id is a member's name, and a member can hold several texts: the arms of a
    /// <c>switch</c> expression, the branches of <c>?:</c>, several returns (AIL0301 names each after the member). Each
    /// text has its own hash, so each needs its own recorded pass; a recorded hash that is another current text's is a
    /// pass for that text, not an older version of this one (review87 D1).
    /// </summary>
    internal sealed class PromptTexts
    {
        private readonly HashSet<string> otherHashes;

        private PromptTexts(int count, HashSet<string> otherHashes)
        {
            Count = count;
            this.otherHashes = otherHashes;
        }

        /// <summary>One text, no others known.</summary>
        public static PromptTexts None { get; } = new PromptTexts(1, new HashSet<string>(StringComparer.OrdinalIgnoreCase));

        /// <summary>How many texts the id holds, this one included (texts whose hash is unknown count too).</summary>
        public int Count { get; }

        /// <summary>Whether <paramref name="sha256"/> is the hash of another text the id holds now.</summary>
        public bool IsOtherText(string sha256) => otherHashes.Contains(sha256.Trim());

        /// <summary>
        /// The texts with <paramref name="declaration"/>'s id among <paramref name="reportedTogether"/>. The texts of one
        /// member are found together (the arms of one switch reach the slot together), so the batch the analyzer reports
        /// at once is where they are; a text found elsewhere is not counted, which leaves the one-text message.
        /// </summary>
        public static PromptTexts Of(PromptDeclaration declaration, IEnumerable<PromptDeclaration>? reportedTogether)
        {
            if (reportedTogether == null)
            {
                return None;
            }

            // The same text read at several places under one id (a referenced assembly's constant given to two agents,
            // ReferencedConstants, is reported where each reads it) is one text, not several.
            var own = PromptHash.OfKnownText(declaration);
            var count = 1;
            var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var other in reportedTogether)
            {
                if (ReferenceEquals(other, declaration) || other.Location == declaration.Location
                    || !string.Equals(other.Id, declaration.Id, StringComparison.Ordinal))
                {
                    continue;
                }

                var hash = PromptHash.OfKnownText(other);
                if (hash != null && string.Equals(hash, own, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (hash == null || hashes.Add(hash))
                {
                    count++;
                }
            }

            return count == 1 ? None : new PromptTexts(count, hashes);
        }
    }
}
