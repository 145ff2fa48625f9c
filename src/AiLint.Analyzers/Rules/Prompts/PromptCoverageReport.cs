using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Renders the prompt coverage model as a markdown report: per prompt, its cases, covered and uncovered instructions
    /// and staleness. Used by the <c>ailint coverage</c> command (AiLint.Tool); kept here (pure text, no I/O) so it is testable.
    /// </summary>
    internal static class PromptCoverageReport
    {
        public static string Render(string projectName, string projectDirectory, IEnumerable<PromptCoverage> prompts, IEnumerable<Diagnostic> malformed)
        {
            var ordered = prompts.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            var malformedList = malformed.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                .ThenBy(d => d.Location.GetLineSpan().StartLinePosition.Line)
                .ToList();
            var builder = new StringBuilder();
            builder.Append("# Prompt eval coverage: ").Append(projectName).AppendLine().AppendLine();
            var instructionCount = ordered.Sum(p => p.Instructions.Length);
            var coveredCount = ordered.Sum(p => p.Instructions.Count(i => i.IsCovered));
            builder.Append(Count(ordered.Count, "prompt")).Append(", ")
                .Append(Count(ordered.Sum(p => p.CoveringCases.Length), "covering case")).Append(", ")
                .Append(coveredCount.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(Count(instructionCount, "instruction")).Append(" covered");
            if (malformedList.Count > 0)
            {
                builder.Append(", ").Append(Count(malformedList.Count, "malformed line"));
            }

            builder.AppendLine(".").AppendLine();
            if (ordered.Count > 0)
            {
                builder.AppendLine("| Prompt | Status | Cases | Todo | Instructions covered |");
                builder.AppendLine("|---|---|---:|---:|---:|");
                foreach (var prompt in ordered)
                {
                    builder.Append("| [`").Append(prompt.Id).Append("`](#").Append(Anchor(prompt.Id)).Append(") | ").Append(Status(prompt))
                        .Append(" | ").Append(prompt.CoveringCases.Length.ToString(CultureInfo.InvariantCulture))
                        .Append(" | ").Append((prompt.Cases.Length - prompt.CoveringCases.Length).ToString(CultureInfo.InvariantCulture))
                        .Append(" | ").Append(prompt.Instructions.Count(i => i.IsCovered).ToString(CultureInfo.InvariantCulture))
                        .Append('/').Append(prompt.Instructions.Length.ToString(CultureInfo.InvariantCulture)).AppendLine(" |");
                }

                builder.AppendLine();
            }

            foreach (var prompt in ordered)
            {
                RenderPrompt(builder, prompt, projectDirectory);
            }

            if (malformedList.Count > 0)
            {
                builder.AppendLine("## Malformed eval cases (AIL0304)").AppendLine();
                foreach (var diagnostic in malformedList)
                {
                    var span = diagnostic.Location.GetLineSpan();
                    builder.Append("- `").Append(Relative(span.Path, projectDirectory)).Append(':')
                        .Append((span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture)).Append("`: ")
                        .AppendLine(Cell(RelativeInText(diagnostic.GetMessage(CultureInfo.InvariantCulture), projectDirectory)));
                }

                builder.AppendLine();
            }

            return builder.ToString();
        }

        private static void RenderPrompt(StringBuilder builder, PromptCoverage prompt, string projectDirectory)
        {
            var declaration = prompt.Declaration.Location.GetLineSpan();
            builder.Append("## ").AppendLine(prompt.Id).AppendLine();
            // A referenced assembly's constant has no declaration here: the report names the read it was found at.
            builder.Append(prompt.Declaration.IsReferencedConstant ? "- Read at `" : "- Declared at `").Append(Relative(declaration.Path, projectDirectory)).Append(':')
                .Append((declaration.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture))
                .AppendLine(prompt.Declaration.IsReferencedConstant ? "` (a constant of a referenced assembly)" : "`");
            builder.Append("- Status: ").AppendLine(StatusSentence(prompt));
            if (prompt.Hash != null)
            {
                builder.Append("- Current text sha256: `").Append(prompt.Hash).AppendLine("`");
            }

            var files = prompt.Cases.Select(c => Relative(c.Path, projectDirectory)).Distinct(StringComparer.Ordinal).ToList();
            if (files.Count > 0)
            {
                builder.Append("- Eval files: ").AppendLine(string.Join(", ", files.Select(f => "`" + f + "`")));
            }

            builder.AppendLine();
            if (!prompt.Instructions.IsEmpty)
            {
                builder.AppendLine("| | Instruction | Covered by |");
                builder.AppendLine("|---|---|---|");
                foreach (var instruction in prompt.Instructions)
                {
                    var line = instruction.Location.GetLineSpan().StartLinePosition.Line + 1;
                    builder.Append("| ").Append(instruction.IsCovered ? "✅" : "❌").Append(" | ")
                        .Append(Cell(PromptInstructions.NormalizeWhitespace(instruction.Instruction.Text)))
                        .Append(" <sub>line ").Append(line.ToString(CultureInfo.InvariantCulture)).Append("</sub> | ")
                        .Append(instruction.IsCovered
                            ? string.Join(", ", instruction.CoveringCases.Select(c => "`" + Cell(c.Case.Id) + "`"))
                            : instruction.HasTodoCase ? "todo case only" : "nothing")
                        .AppendLine(" |");
                }

                builder.AppendLine();
            }

            if (!prompt.Cases.IsEmpty)
            {
                builder.AppendLine("| Case | Rule | Last recorded pass |");
                builder.AppendLine("|---|---|---|");
                foreach (var located in prompt.Cases)
                {
                    var c = located.Case;
                    builder.Append("| `").Append(Cell(c.Id)).Append("` <sub>")
                        .Append(Relative(located.Path, projectDirectory)).Append(':').Append((c.Line + 1).ToString(CultureInfo.InvariantCulture))
                        .Append("</sub> | ").Append(c.Rule == null ? "" : Cell(c.Rule)).Append(" | ").Append(PassState(c, prompt)).AppendLine(" |");
                }

                builder.AppendLine();
            }
        }

        private static string PassState(EvalCase c, PromptCoverage prompt)
        {
            if (c.IsTodo)
            {
                return "todo (does not count)";
            }

            if (!c.IsCovering)
            {
                return "incomplete: needs input and expect";
            }

            if (string.IsNullOrEmpty(c.PromptSha256))
            {
                return "never recorded";
            }

            if (string.Equals(c.PromptSha256!.Trim(), prompt.Hash, StringComparison.OrdinalIgnoreCase))
            {
                return "current text";
            }

            // A pass recorded for another arm of the same id is current for that arm, not an older text of this one.
            return prompt.Texts.IsOtherText(c.PromptSha256!)
                ? "another of the id's texts (`" + Short(c.PromptSha256!) + "`)"
                : "older text (`" + Short(c.PromptSha256!) + "`)";
        }

        private static string Status(PromptCoverage prompt) =>
            prompt.HasNoCases ? "❌ no cases" : prompt.IsStale ? "⚠️ stale" : prompt.Instructions.Any(i => !i.IsCovered) ? "🟡 partial" : "✅ covered";

        private static string StatusSentence(PromptCoverage prompt)
        {
            if (prompt.HasNoCases)
            {
                return "❌ no covering eval case (AIL0301)" + (prompt.Cases.IsEmpty ? string.Empty : "; todo or incomplete cases do not count");
            }

            if (prompt.IsStale)
            {
                return prompt.Texts.Count > 1
                    ? "⚠️ no recorded pass for this text, one of the id's " + prompt.Texts.Count.ToString(CultureInfo.InvariantCulture) + " texts (AIL0302): run a case on it and record its pass"
                    : "⚠️ changed since its cases last passed (AIL0302): re-run the evals and record the passes";
            }

            var uncovered = prompt.Instructions.Count(i => !i.IsCovered);
            return uncovered > 0 ? "🟡 " + Count(uncovered, "instruction") + " without a case (AIL0303)" : "✅ every instruction has a case";
        }

        private static string Relative(string path, string projectDirectory)
        {
            if (!string.IsNullOrEmpty(projectDirectory) && path.StartsWith(projectDirectory, StringComparison.Ordinal))
            {
                path = path.Substring(projectDirectory.Length).TrimStart('/', '\\');
            }

            return path.Replace('\\', '/');
        }

        /// <summary>A message that names another eval file (a duplicate id's first use) names it as the rest of the report does.</summary>
        private static string RelativeInText(string text, string projectDirectory)
        {
            if (string.IsNullOrEmpty(projectDirectory))
            {
                return text;
            }

            var prefix = projectDirectory.TrimEnd('/', '\\');
            return text.Replace(prefix + "/", string.Empty).Replace(prefix + "\\", string.Empty);
        }

        private static string Anchor(string id)
        {
            var builder = new StringBuilder();
            foreach (var c in id.ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c == '-' || c == '_')
                {
                    builder.Append(c);
                }
                else if (c == ' ')
                {
                    builder.Append('-');
                }
            }

            return builder.ToString();
        }

        /// <summary>Text made safe for one markdown table cell.</summary>
        internal static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

        private static string Short(string hash) => hash.Length > 12 ? hash.Substring(0, 12) + "…" : hash;

        private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
    }
}
