using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A long-poll loop (Telegram-style <c>getUpdates(offset)</c>) whose offset moves past an update only after handling
    /// it succeeded, so a failure fetches the same update again and handles it again:
    /// <code>
    /// while (!ct.IsCancellationRequested)
    /// {
    ///     var updates = await bot.GetUpdatesAsync(offset);
    ///     try
    ///     {
    ///         foreach (var u in updates) { var r = await chat.GetResponseAsync(u.Text); await bot.SendAsync(r.Text); offset = u.Id + 1; }
    ///     }
    ///     catch (Exception ex) { log; await Task.Delay(1000); }
    /// }
    /// </code>
    /// The same request is sent again: a retry in disguise, like the index advanced only after a success
    /// (<see cref="LoopRetryClassifier.RetriesCallAdvancingOnSuccess"/>).
    /// </summary>
    /// <remarks>
    /// Read only when all of these hold:
    /// <list type="bullet">
    /// <item>the call sits in a <c>foreach</c> over a local that a statement of the outer loop's body sets, before the
    /// <c>foreach</c>, from a call taking the offset local or field as an argument;</item>
    /// <item>the offset is assigned from the update (<c>offset = u.Id + 1</c>) only in the <c>foreach</c> body, by a statement
    /// after the call's statement in the same block of the try (the success path);</item>
    /// <item>the try either contains the <c>foreach</c> (and is a statement of the outer loop's body) with a catch that
    /// does not rethrow, or lies in the <c>foreach</c> body with a catch that <c>break</c>s out of it; no catch and no
    /// <c>finally</c> assigns the offset;</item>
    /// <item>the call reads the update.</item>
    /// </list>
    /// An offset advanced before the handling, in a catch or a <c>finally</c> moves on after a failure and is not a retry.
    /// </remarks>
    internal static class LongPollRedelivery
    {
        /// <summary>The outer loop re-reading the failed update, when <paramref name="call"/> under <paramref name="try"/> has the shape.</summary>
        public static ILoopOperation? RedeliveringLoop(IOperation call, ITryOperation @try)
        {
            if (@try.SemanticModel is not { } model || @try.Syntax is not TryStatementSyntax tryStatement)
            {
                return null;
            }

            // The foreach over the updates around the call, and the outer loop around that.
            IForEachLoopOperation? forEach = null;
            for (var parent = call.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (parent is IForEachLoopOperation found)
                {
                    forEach = found;
                    break;
                }

                if (parent is ILoopOperation)
                {
                    return null;
                }
            }

            if (forEach is null || forEach.Locals.Length != 1 || forEach.Syntax is not ForEachStatementSyntax forEachStatement
                || ValueOrigins.Unwrap(forEach.Collection) is not ILocalReferenceOperation { Local: var updates })
            {
                return null;
            }

            var update = forEach.Locals[0];
            ILoopOperation? outer = null;
            for (var parent = forEach.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (parent is ILoopOperation found)
                {
                    outer = found;
                    break;
                }
            }

            if (outer is null || outer.Body.Syntax is not BlockSyntax outerBody)
            {
                return null;
            }

            // Where the try sits: around the foreach (as a statement of the outer body), or inside it with a catch that breaks out.
            var tryAroundForEach = tryStatement.Parent == outerBody && tryStatement.Block.Contains(forEachStatement);
            var tryInForEach = forEachStatement.Statement.Contains(tryStatement)
                && tryStatement.Catches.Any(c => c.Block.DescendantNodes().OfType<BreakStatementSyntax>().Any(b => Nearest(b) == forEachStatement));
            if (!tryAroundForEach && !tryInForEach)
            {
                return null;
            }

            if (tryAroundForEach && !tryStatement.Catches.Any(c => c.Block.Statements.Count == 0 || model.AnalyzeControlFlow(c.Block) is { Succeeded: true, EndPointIsReachable: true }))
            {
                return null;
            }

            // The fetch: `var updates = await bot.GetUpdatesAsync(offset);` before the foreach, in its block or the outer body.
            var offset = (forEachStatement.Parent is BlockSyntax around ? FetchOffset(around, updates, forEachStatement, model) : null)
                ?? FetchOffset(outerBody, updates, forEachStatement, model);
            if (offset is null)
            {
                return null;
            }

            // Every assignment of the offset: a statement after the call's statement in the success block, from the update.
            var successBlock = tryInForEach ? tryStatement.Block : forEachStatement.Statement as BlockSyntax;
            var callStatement = call.Syntax.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == successBlock);
            if (successBlock is null || callStatement is null)
            {
                return null;
            }

            var assignments = outer.Syntax.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                .Where(a => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(a.Left).Symbol, offset)).ToList();
            if (assignments.Count == 0 || !assignments.All(a =>
                    a.Parent is ExpressionStatementSyntax statement
                    && statement.Parent == successBlock
                    && successBlock.Statements.IndexOf(statement) > successBlock.Statements.IndexOf(callStatement)
                    && forEachStatement.Statement.Contains(statement)
                    && a.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n).Symbol, update))))
            {
                return null;
            }

            var readsUpdate = call.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, update));
            return readsUpdate ? outer : null;
        }

        private static SyntaxNode? Nearest(SyntaxNode node) =>
            node.Ancestors().FirstOrDefault(a => a is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax or SwitchStatementSyntax);

        /// <summary>The offset local or field handed to the call that fills <paramref name="updates"/> before the foreach.</summary>
        private static ISymbol? FetchOffset(BlockSyntax outerBody, ILocalSymbol updates, ForEachStatementSyntax forEach, SemanticModel model)
        {
            foreach (var statement in outerBody.Statements)
            {
                if (statement.Span.Start >= forEach.Span.Start)
                {
                    break;
                }

                var value = statement switch
                {
                    LocalDeclarationStatementSyntax declaration => declaration.Declaration.Variables
                        .FirstOrDefault(v => SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(v), updates))?.Initializer?.Value,
                    ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }
                        when SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left).Symbol, updates) => assignment.Right,
                    _ => null,
                };
                if (value is null)
                {
                    continue;
                }

                var fetch = value.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
                if (fetch is null)
                {
                    return null;
                }

                foreach (var argument in fetch.ArgumentList.Arguments)
                {
                    if (model.GetSymbolInfo(argument.Expression).Symbol is { Kind: SymbolKind.Local or SymbolKind.Field } symbol)
                    {
                        return symbol;
                    }
                }

                return null;
            }

            return null;
        }
    }
}
