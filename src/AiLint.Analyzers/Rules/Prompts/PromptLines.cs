using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>The lines of a prompt text, with where each starts and ends and, for a list item, where its marker and its text start.</summary>
    internal sealed class PromptLines
    {
        private readonly string text;
        private readonly List<int> starts = new List<int>();
        private readonly List<int> ends = new List<int>();

        public PromptLines(string text)
        {
            this.text = text;
            var start = 0;
            while (true)
            {
                var end = start;
                while (end < text.Length && text[end] != '\n' && text[end] != '\r')
                {
                    end++;
                }

                starts.Add(start);
                ends.Add(end);
                if (end >= text.Length)
                {
                    break;
                }

                start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
            }
        }

        public int Count => starts.Count;

        public int Start(int line) => starts[line];

        public int End(int line) => ends[line];

        /// <summary>The line that holds <paramref name="offset"/>.</summary>
        public int LineOf(int offset)
        {
            var index = starts.BinarySearch(offset);
            return index >= 0 ? index : ~index - 1;
        }

        /// <summary>The offset of the line's first character that is not whitespace (its end when blank).</summary>
        public int First(int line)
        {
            var i = starts[line];
            while (i < ends[line] && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i;
        }

        public bool IsBlank(int line) => First(line) == ends[line];

        public int Indent(int line) => First(line) - starts[line];

        public string Trimmed(int line) => text.Substring(First(line), ends[line] - First(line)).TrimEnd();

        /// <summary>Where the list item's text starts after its marker (<c>-</c>, <c>*</c>, <c>1.</c>), or -1 when the line is not an item.</summary>
        public int ItemContentStart(int line) => PromptInstructions.ListItemContentStart(text, First(line), ends[line]);
    }
}
