using System;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>One well-formed line of an eval file: a case with a prompt id and a case id.</summary>
    internal sealed class EvalCase
    {
        public EvalCase(string prompt, string id, string? rule, string? promptSha256, string? status, bool hasInput, bool hasExpect, int line, TextSpan span)
        {
            Prompt = prompt;
            Id = id;
            Rule = rule;
            PromptSha256 = promptSha256;
            Status = status;
            HasInput = hasInput;
            HasExpect = hasExpect;
            Line = line;
            Span = span;
        }

        public string Prompt { get; }

        public string Id { get; }

        /// <summary>A verbatim fragment (case-insensitive) of the instruction this case exercises.</summary>
        public string? Rule { get; }

        public string? PromptSha256 { get; }

        public string? Status { get; }

        public bool HasInput { get; }

        public bool HasExpect { get; }

        /// <summary>0-based line in its file.</summary>
        public int Line { get; }

        /// <summary>The line's span in its file (without the line break).</summary>
        public TextSpan Span { get; }

        /// <summary><c>"status":"todo"</c> never counts (contract.md).</summary>
        public bool IsTodo => string.Equals(Status, "todo", StringComparison.OrdinalIgnoreCase);

        /// <summary>A case covers its prompt only with non-empty input and expect and not todo.</summary>
        public bool IsCovering => HasInput && HasExpect && !IsTodo;
    }

    /// <summary>A line AIL0304 reports.</summary>
    internal sealed class MalformedEvalLine
    {
        public MalformedEvalLine(int line, TextSpan span, LinePositionSpan lineSpan, string message)
        {
            Line = line;
            Span = span;
            LineSpan = lineSpan;
            Message = message;
        }

        /// <summary>0-based line.</summary>
        public int Line { get; }

        public TextSpan Span { get; }

        public LinePositionSpan LineSpan { get; }

        public string Message { get; }
    }
}
