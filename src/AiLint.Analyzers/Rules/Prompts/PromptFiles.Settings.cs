using AiLint.Analyzers.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A string value of <c>appsettings*.json</c> that the code reads by its key into a system or instruction slot
    /// (<see cref="SettingsPromptReads"/>): read like a text file the code reads by name, so a configured prompt and the
    /// same text in a file say the same thing.
    /// </summary>
    internal static partial class PromptFiles
    {
        /// <summary>
        /// The prompt a settings value holds, or null: text that does not instruct (<see cref="InstructsAModel"/>: a
        /// greeting, a label), a template that only passes its variables, or text over <see cref="MaxReadByNameLength"/>.
        /// Reported on the JSON string (its quotes included), with instructions located where the file writes them (an
        /// escape such as <c>\n</c> maps to its backslash).
        /// </summary>
        public static PromptDeclaration? SettingsValue(AdditionalText file, SourceText source, string id, JsonNode value)
        {
            var text = value.Text;
            if (string.IsNullOrWhiteSpace(text) || text!.Length > MaxReadByNameLength || DataTemplate.OnlyPassesVariables(text) || !InstructsAModel(text))
            {
                return null;
            }

            var map = new PromptFileMap(file.Path, source, EscapedOffsets(source, value.Start + 1, value.End - 1, text.Length));
            return PromptDeclaration.FromFile(id, TypeName(file.Path), text, map.Create(TextSpan.FromBounds(value.Start, value.End)), map);
        }

        /// <summary>
        /// Where each character of a JSON string's value is written between <paramref name="start"/> and <paramref name="end"/>:
        /// an escape (<c>\n</c>, <c>\"</c>, <c>\u00e9</c>) stands for one character at its backslash. When the count does not
        /// come out (a text the reader read differently), every character maps to the string's start.
        /// </summary>
        private static int[] EscapedOffsets(SourceText source, int start, int end, int length)
        {
            var offsets = new int[length];
            var count = 0;
            var i = start;
            while (i < end && count < length)
            {
                offsets[count++] = i;
                i += source[i] != '\\' || i + 1 >= end ? 1 : source[i + 1] == 'u' ? 6 : 2;
            }

            if (count != length || i != end)
            {
                for (var j = 0; j < length; j++)
                {
                    offsets[j] = start;
                }
            }

            return offsets;
        }
    }
}
