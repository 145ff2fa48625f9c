using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The recursive retry written with the call of itself after the <c>try</c> rather than in the catch:
    /// <code>
    /// if (attempt &gt;= 3) throw new InvalidOperationException("gave up");
    /// try { return (await chat.GetResponseAsync(prompt)).Text; }
    /// catch (HttpRequestException ex) { logger.LogWarning(ex, "failed"); }
    /// await Task.Delay(1000);
    /// return await AskAsync(prompt, attempt + 1);
    /// </code>
    /// The try is a statement of the method's own body and its block always leaves (returns or throws), so the statements
    /// after it run only when a catch fell out: they are part of that catch's way round. Whether the call of itself
    /// re-sends the same request is decided as for a call in the catch (see <see cref="LoopRetryClassifier.RecursionRetriesCall"/>).
    /// </summary>
    internal static class RecursionAfterTry
    {
        /// <summary>The statements after <paramref name="try"/> that only a caught failure reaches; empty when the shape does not hold.</summary>
        public static IReadOnlyList<IOperation> StatementsAfterFailure(ITryOperation @try)
        {
            if (@try.Syntax is not TryStatementSyntax statement
                || statement.Parent is not BlockSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax }
                || @try.Parent is not IBlockOperation block
                || @try.SemanticModel is not { } model)
            {
                return System.Array.Empty<IOperation>();
            }

            // A try block that can fall through on success would let a success reach the call of itself too.
            var flow = model.AnalyzeControlFlow(statement.Block);
            if (!flow.Succeeded || flow.EndPointIsReachable || statement.Block.Statements.Count == 0)
            {
                return System.Array.Empty<IOperation>();
            }

            return block.Operations.Skip(block.Operations.IndexOf(@try) + 1).ToList();
        }

        /// <summary>The catches of <paramref name="try"/> whose end is reachable: a failure they catch runs the statements after the try.</summary>
        public static IEnumerable<ICatchClauseOperation> FallingOut(ITryOperation @try) =>
            @try.Catches.Where(c => c.Syntax is CatchClauseSyntax { Block: { } block } && @try.SemanticModel is { } model
                && (block.Statements.Count == 0 || model.AnalyzeControlFlow(block) is { Succeeded: true, EndPointIsReachable: true }));
    }
}
