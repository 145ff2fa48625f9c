using System.Collections.Generic;
using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    // The ways a rate-limit catch's other branch may end without going round: a throw, or leaving the loop.
    internal sealed partial class RateLimitOnlyRetries
    {
        /// <summary>
        /// Statements that end by leaving the catch's loop (or method) and cannot go round: plain statements (a call such as
        /// logging, an assignment such as the loop's exit flag or a status text) then a leaving statement
        /// (<see cref="Leaves"/>). Leaving sends nothing more than throwing does: both end the retry.
        /// </summary>
        private bool OnlyLeaves(List<IOperation> statements)
        {
            if (statements.Count == 0 || !Leaves(statements[statements.Count - 1]))
            {
                return false;
            }

            for (var i = 0; i < statements.Count - 1; i++)
            {
                if (statements[i] is not IExpressionStatementOperation { Operation: IInvocationOperation or ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A statement that ends the retry without sending again: a <c>throw</c>; a <c>return</c> (or <c>yield break</c>) whose
        /// value sends nothing (<see cref="SendsNothing"/>: <c>return null;</c>, <c>return "error: " + ex.Message;</c>, not
        /// <c>return await client.GetResponseAsync(...)</c>); a <c>break</c> of the loop around the catch (not of a
        /// <c>switch</c> between them, after which the loop goes round); a <c>goto</c> to a label after that loop.
        /// </summary>
        private bool Leaves(IOperation statement)
        {
            switch (statement)
            {
                case IThrowOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return true;
                case IReturnOperation @return:
                    return @return.ReturnedValue is null || SendsNothing(@return.ReturnedValue);
                case IBranchOperation { BranchKind: BranchKind.Break } @break:
                    return EnclosingLoop(@break) is { } loop && SymbolEqualityComparer.Default.Equals(@break.Target, loop.ExitLabel);
                case IBranchOperation { BranchKind: BranchKind.GoTo } @goto:
                    return EnclosingLoop(@goto) is { } outer && IsAfter(@goto.Target, outer);
                default:
                    return false;
            }
        }

        /// <summary>The innermost loop around <paramref name="operation"/> in the same function, or null.</summary>
        private static ILoopOperation? EnclosingLoop(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case ILoopOperation loop:
                        return loop;
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The label is declared after the loop in the same file: a jump to it leaves the loop for good (a label before
        /// the loop runs it again).
        /// </summary>
        private static bool IsAfter(ILabelSymbol label, ILoopOperation loop) =>
            label.DeclaringSyntaxReferences.Length == 1
            && label.DeclaringSyntaxReferences[0] is { } declared
            && declared.SyntaxTree == loop.Syntax.SyntaxTree
            && declared.Span.Start >= loop.Syntax.Span.End;

        /// <summary>
        /// A returned value that sends no request: nothing awaited, and no call of a library other than .NET's own
        /// (<c>string.Format</c>, <c>ToString()</c>) or the project's. A call into an SDK (a fallback request) sends again.
        /// </summary>
        private bool SendsNothing(IOperation value) =>
            !value.DescendantsAndSelf().Any(operation => operation switch
            {
                IAwaitOperation => true,
                IInvocationOperation call => !IsDotNetOrProject(call.TargetMethod),
                _ => false,
            });

        private bool IsDotNetOrProject(IMethodSymbol method)
        {
            if (SourceBodies.IsInSource(method, compilation))
            {
                return true;
            }

            var root = method.ContainingNamespace;
            while (root is { ContainingNamespace.IsGlobalNamespace: false })
            {
                root = root.ContainingNamespace;
            }

            return root is { Name: "System" };
        }
    }
}
