// LoopRetryClassifier, result loops: a rejected answer is dropped (every read outside the exits is a test, derivation, log, throw or return); separate from ResultLoops.cs because it is the test that tells a retry from a loop that keeps each answer.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal static partial class LoopRetryClassifier
    {
        // ---- A rejected answer is dropped ---------------------------------------------------------------------------

        /// <summary>Every read of the answer outside the exits is a test, a derivation, a log, a throw or a return.</summary>
        private static bool AnswerDroppedOnRetry(ILoopOperation loop, StatementSyntax statement, HashSet<ISymbol> kept, HashSet<ISymbol> answer, List<SyntaxNode> exits, SemanticModel model, LogAndWaitCalls logging)
        {
            foreach (var operation in loop.Descendants())
            {
                if (ReadSymbol(operation) is { } symbol && answer.Contains(symbol) && !IsAnswerDerivedAssignmentTarget(operation, loop, statement, kept, answer)
                    && !IsAllowedRead(operation.Syntax, loop.Syntax, statement, answer, exits, model, logging))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAllowedRead(SyntaxNode read, SyntaxNode loop, StatementSyntax statement, HashSet<ISymbol> answer, List<SyntaxNode> exits, SemanticModel model, LogAndWaitCalls logging)
        {
            var handedOver = false;
            for (SyntaxNode node = read; node != loop && node.Parent is { } parent; node = parent)
            {
                if (node == statement || exits.Contains(node) || IsDisposeStatement(node, parent, model))
                {
                    return true;
                }

                switch (node)
                {
                    case ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax:
                        return true;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        // Captured by a lambda: where it runs, and with what, is not visible.
                        return false;
                    case ArgumentSyntax when parent.Parent is InvocationExpressionSyntax invocation:
                        var method = model.GetSymbolInfo(invocation).Symbol as IMethodSymbol;
                        // Logged, or waited on (`await Task.Delay(response.Headers.RetryAfter?.Delta ?? d)`): nothing keeps it.
                        if (logging.IsLoggingOrWait(method))
                        {
                            return true;
                        }

                        handedOver |= HandsOver(invocation, method, answer, model);
                        break;
                }

                if (IsTest(node, parent) || IsStatusCheck(node, parent, model) || (!handedOver && IsDerivation(node, parent, model)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>response.Dispose();</c> as a statement on the answer (review 84, AionMemory's status loop disposes the failed
        /// response before waiting): it releases the failed answer, it keeps nothing of it.
        /// </summary>
        private static bool IsDisposeStatement(SyntaxNode node, SyntaxNode parent, SemanticModel model) =>
            parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } access && access.Expression == node
            && access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Parent: ExpressionStatementSyntax } invocation
            && model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Parameters.Length: 0, ReturnsVoid: true };

        /// <summary>
        /// The answer is handed to a method (or extension method) of another object outside the BCL
        /// (<c>game.Apply(move.Text)</c>, <c>store.Save(r)</c>): that object does something with it. Static methods
        /// (parsers) and the answer's own methods only compute from it.
        /// </summary>
        private static bool HandsOver(InvocationExpressionSyntax invocation, IMethodSymbol? method, HashSet<ISymbol> answer, SemanticModel model) =>
            method is null
            || ((!method.IsStatic || method.ReducedFrom is not null) && !IsBcl(method)
                && !(invocation.Expression is MemberAccessExpressionSyntax member && ReadsAny(member.Expression, answer, model)));

        /// <summary><paramref name="node"/> is the condition of an <c>if</c> or a loop: a test of the answer.</summary>
        private static bool IsTest(SyntaxNode node, SyntaxNode parent) => parent switch
        {
            IfStatementSyntax test => test.Condition == node,
            WhileStatementSyntax whileLoop => whileLoop.Condition == node,
            DoStatementSyntax doLoop => doLoop.Condition == node,
            ForStatementSyntax forLoop => forLoop.Condition == node,
            _ => false,
        };

        /// <summary><paramref name="node"/> is the initializer of a local or the value assigned to a plain variable (<c>last = r.Text</c>).</summary>
        private static bool IsDerivation(SyntaxNode node, SyntaxNode parent, SemanticModel model) => parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax } => node is ExpressionSyntax,
            AssignmentExpressionSyntax assignment => assignment.Right == node && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && SimpleTarget(assignment.Left, model) is not null,
            _ => false,
        };
    }
}
