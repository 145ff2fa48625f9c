using System;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A sentence that opens with a conditional clause before its main clause: "When I paste C# code, review it in 3
    /// sections:", "If the diff touches the public API, list:". The main clause is what the sentence asks, so a heading
    /// whose main clause opens with the imperative asks for the items under it as "Review it in 3 sections:" would.
    /// Only "When", "Whenever" and "If" open the clause, and its first comma ends it: without a comma ("When I paste
    /// code review it ...") the two clauses are not told apart.
    /// </summary>
    internal static class LeadingConditions
    {
        private static readonly string[] Openers = { "when", "whenever", "if" };

        /// <summary>The text after the leading conditional clause and its comma, or null when the sentence opens with none.</summary>
        public static string? MainClause(string sentence)
        {
            var trimmed = sentence.TrimStart();
            var end = 0;
            while (end < trimmed.Length && char.IsLetter(trimmed[end]))
            {
                end++;
            }

            if (end == trimmed.Length || !char.IsWhiteSpace(trimmed[end]) || Array.IndexOf(Openers, trimmed.Substring(0, end).ToLowerInvariant()) < 0)
            {
                return null;
            }

            var comma = trimmed.IndexOf(',', end);
            if (comma < 0)
            {
                return null;
            }

            var main = trimmed.Substring(comma + 1).Trim();
            return main.Length == 0 ? null : main;
        }
    }
}
