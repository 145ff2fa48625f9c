using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Exit points of a control-flow analysis that end the method: a <c>return</c>, and in an iterator a
    /// <c>yield break</c>. Retry middleware written as an iterator (<c>async IAsyncEnumerable&lt;ChatResponseUpdate&gt;
    /// GetStreamingResponseAsync</c>, review 68) cannot <c>return</c> out of its retry loop: it replays the buffered
    /// updates and leaves with <c>yield break</c>, which is the same way out of the loop on success.
    /// </summary>
    internal static class MethodExits
    {
        public static bool EndsMethod(SyntaxNode exit) =>
            exit is ReturnStatementSyntax || exit.IsKind(SyntaxKind.YieldBreakStatement);
    }
}
