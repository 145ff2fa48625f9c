using System;
using System.Text;

namespace AiLint.Generators.Emit
{
    /// <summary>An indented text writer for generated C# (four spaces, '\n' line endings for deterministic output).</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder builder = new();
        private int indent;

        public SourceWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                builder.Append(' ', indent * 4).Append(text);
            }

            builder.Append('\n');
            return this;
        }

        /// <summary>Writes several lines, each at the current indentation.</summary>
        public SourceWriter Lines(string text)
        {
            foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
            {
                Line(line);
            }

            return this;
        }

        public SourceWriter Open(string header)
        {
            Line(header);
            Line("{");
            indent++;
            return this;
        }

        public SourceWriter Close(string suffix = "")
        {
            indent = Math.Max(0, indent - 1);
            Line("}" + suffix);
            return this;
        }

        public SourceWriter Indent()
        {
            indent++;
            return this;
        }

        public SourceWriter Unindent()
        {
            indent = Math.Max(0, indent - 1);
            return this;
        }

        public override string ToString() => builder.ToString();
    }
}
