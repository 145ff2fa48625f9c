using System;
using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A label that introduces the app's instruction at a single-turn request (review67): <c>"Task: Summarize the text
    /// below in three bullet points.\n{text}"</c>, <c>"Instructions: Classify the ticket above ..."</c>, or the label alone
    /// on the line above the instruction (<c>"Instructions:\nWrite a limerick ..."</c>). The single-turn test reads an
    /// imperative at the opening of a sentence, where the label stands, so the label is blanked out first.
    /// Only a label that opens a line (after markdown <c>#</c> or <c>**</c>, not a list marker or a quote), is written
    /// capitalised or in capitals (<c>Task:</c>, <c>TASK:</c>; lowercase <c>task:</c> is how YAML and JSON keys are
    /// written) and opens one line of the text only: the same label on several lines titles records of data (a to-do
    /// list sent for triage: <c>"Task: Write the quarterly report.\nTask: Call the bank."</c>), not the instruction.
    /// </summary>
    internal static class InstructionLabels
    {
        private static readonly string[] Labels = { "Task", "Instructions", "Instruction" };

        /// <summary>The text with each label that opens exactly one of its lines replaced by spaces; the text itself when there is none.</summary>
        public static string Unlabel(string text)
        {
            if (text.IndexOf(':') < 0)
            {
                return text;
            }

            var lines = text.Split('\n');
            var opened = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var ends = new int[lines.Length];
            for (var i = 0; i < lines.Length; i++)
            {
                if (LabelOf(lines[i], out var end) is { } label)
                {
                    ends[i] = end;
                    opened[label] = opened.TryGetValue(label, out var count) ? count + 1 : 1;
                }
            }

            if (opened.Count == 0)
            {
                return text;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                if (LabelOf(lines[i], out var end) is { } label && opened[label] == 1)
                {
                    lines[i] = new string(' ', end) + lines[i].Substring(end);
                }
            }

            return string.Join("\n", lines);
        }

        /// <summary>The label that opens <paramref name="line"/> (<c>Task:</c>, <c>## Task:</c>, <c>**Instructions:**</c>), and where it ends.</summary>
        private static string? LabelOf(string line, out int end)
        {
            end = 0;
            var i = Skip(line, 0, " \t#*");
            foreach (var label in Labels)
            {
                if (!(StartsWithWord(line, i, label) || StartsWithWord(line, i, label.ToUpperInvariant())))
                {
                    continue;
                }

                var after = Skip(line, i + label.Length, "*");
                if (after < line.Length && line[after] == ':')
                {
                    end = Skip(line, after + 1, "*");
                    return label;
                }
            }

            return null;
        }

        private static bool StartsWithWord(string line, int at, string word) =>
            string.CompareOrdinal(line, at, word, 0, word.Length) == 0;

        private static int Skip(string line, int at, string characters)
        {
            while (at < line.Length && characters.IndexOf(line[at]) >= 0)
            {
                at++;
            }

            return at;
        }
    }
}
