using System;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The lines of a prompt that show examples rather than instruct (kbeaugrand/SemanticKernel.Agents.DatabaseAgent's
    /// Prompts/*.md): a fenced code block (<c>```</c>, <c>~~~</c>), a <c>[START OF EXAMPLE]</c> ... <c>[END OF
    /// EXAMPLE]</c> or <c>&lt;example&gt;</c> ... <c>&lt;/example&gt;</c> block, and a markdown section whose heading
    /// opens with "Example" (<c># Examples</c>, <c>## Example 1</c>) up to the next heading of the same or a higher
    /// level. A block not closed yet runs to the end of the text.
    /// </summary>
    internal static class ExampleBlocks
    {
        /// <summary>For each line of <paramref name="lines"/>, whether it lies inside an example block (its opening and closing lines included).</summary>
        public static bool[] Of(PromptLines lines)
        {
            var inside = new bool[lines.Count];
            string? closing = null;
            var sectionLevel = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines.Trimmed(i);
                if (closing != null)
                {
                    inside[i] = true;
                    if (line.StartsWith(closing, StringComparison.OrdinalIgnoreCase))
                    {
                        closing = null;
                    }

                    continue;
                }

                closing = Opening(line);
                if (closing != null)
                {
                    // A block opened and closed on one line (<example>...</example>) holds only that line.
                    inside[i] = true;
                    if (line.IndexOf(closing, 3, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        closing = null;
                    }

                    continue;
                }

                var level = HeadingLevel(line);
                if (level > 0)
                {
                    if (sectionLevel > 0 && level <= sectionLevel)
                    {
                        sectionLevel = 0;
                    }

                    if (sectionLevel == 0 && EmphasisMarkers.Strip(line.Substring(level)).TrimStart().StartsWith("example", StringComparison.OrdinalIgnoreCase))
                    {
                        sectionLevel = level;
                    }
                }

                inside[i] = sectionLevel > 0;
            }

            return inside;
        }

        /// <summary>The line that closes the block <paramref name="line"/> opens, or null when it opens none.</summary>
        private static string? Opening(string line)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                return "```";
            }

            if (line.StartsWith("~~~", StringComparison.Ordinal))
            {
                return "~~~";
            }

            if (line.StartsWith("[START OF EXAMPLE", StringComparison.OrdinalIgnoreCase))
            {
                return "[END OF EXAMPLE";
            }

            if (line.StartsWith("<example>", StringComparison.OrdinalIgnoreCase) || line.StartsWith("<examples>", StringComparison.OrdinalIgnoreCase))
            {
                return "</example";
            }

            return null;
        }

        /// <summary>The level of a markdown heading line (<c>## Steps</c> is 2), or 0.</summary>
        private static int HeadingLevel(string line)
        {
            var level = 0;
            while (level < line.Length && line[level] == '#')
            {
                level++;
            }

            return level > 0 && level <= 6 && level < line.Length && line[level] == ' ' ? level : 0;
        }
    }
}
