using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.CodeFixes
{
    /// <summary>Line ends a fix writes: the file's own (LF or CRLF), so a fix never mixes styles in one file.</summary>
    internal static class LineEnds
    {
        /// <summary>The first end-of-line trivia written under <paramref name="node"/>, or <c>default</c> when there is none.</summary>
        public static SyntaxTrivia FirstIn(SyntaxNode node) =>
            node.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
    }
}
