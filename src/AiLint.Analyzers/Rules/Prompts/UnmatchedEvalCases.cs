using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Eval cases whose <c>prompt</c> id names no prompt of the report's projects. They are not malformed (AIL0304), so the
    /// build says nothing about them; after a namespace or class rename every case of a suite silently stops counting and
    /// the prompt only shows AIL0301. The <c>ailint coverage</c> report lists them, with the prompt id they probably meant.
    /// </summary>
    internal static class UnmatchedEvalCases
    {
        /// <summary>The report section, or an empty string when every case names a known prompt.</summary>
        public static string Render(IEnumerable<LocatedEvalCase> cases, IReadOnlyCollection<string> knownIds, Func<string, string> displayPath)
        {
            var known = new HashSet<string>(knownIds, StringComparer.Ordinal);
            var unmatched = cases.Where(c => !known.Contains(c.Case.Prompt)).ToList();
            if (unmatched.Count == 0)
            {
                return string.Empty;
            }

            var builder = new StringBuilder();
            builder.AppendLine("## Eval cases that name no prompt").AppendLine();
            builder.AppendLine("These cases count for nothing: no prompt of this report has their `prompt` id (a renamed class or namespace changes the id).").AppendLine();
            builder.AppendLine("| Case | Prompt id | Did you mean |");
            builder.AppendLine("|---|---|---|");
            foreach (var located in unmatched)
            {
                var nearest = Nearest(located.Case.Prompt, knownIds);
                builder.Append("| `").Append(PromptCoverageReport.Cell(located.Case.Id)).Append("` <sub>").Append(displayPath(located.Path)).Append(':')
                    .Append((located.Case.Line + 1).ToString(CultureInfo.InvariantCulture)).Append("</sub> | `")
                    .Append(PromptCoverageReport.Cell(located.Case.Prompt)).Append("` | ")
                    .Append(nearest == null ? string.Empty : "`" + PromptCoverageReport.Cell(nearest) + "`").AppendLine(" |");
            }

            return builder.AppendLine().ToString();
        }

        /// <summary>
        /// The one known id that shares the most trailing dot-separated parts with <paramref name="id"/> (at least the
        /// type and member, or the whole id ignoring case); none when two ids tie.
        /// </summary>
        internal static string? Nearest(string id, IEnumerable<string> knownIds)
        {
            string? best = null;
            var bestScore = 0;
            var tie = false;
            var parts = id.Split('.');
            foreach (var candidate in knownIds)
            {
                var score = string.Equals(candidate, id, StringComparison.OrdinalIgnoreCase) ? int.MaxValue : SharedTail(parts, candidate.Split('.'));
                if (score < 2 && score != int.MaxValue)
                {
                    continue;
                }

                if (score > bestScore)
                {
                    best = candidate;
                    bestScore = score;
                    tie = false;
                }
                else if (score == bestScore)
                {
                    tie = true;
                }
            }

            return tie ? null : best;
        }

        private static int SharedTail(string[] a, string[] b)
        {
            var shared = 0;
            while (shared < a.Length && shared < b.Length && string.Equals(a[a.Length - 1 - shared], b[b.Length - 1 - shared], StringComparison.Ordinal))
            {
                shared++;
            }

            return shared;
        }
    }
}
