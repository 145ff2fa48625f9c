using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>The catch side of <see cref="SwallowedAttempts"/>: which tries keep every retried exception in.</summary>
    internal sealed partial class SwallowedAttempts
    {
        /// <summary>
        /// <paramref name="send"/> sits in the body of a <c>try</c> of its own function (below <paramref name="boundary"/>,
        /// the retried lambda or loop body, when given) that swallows every retried exception and whose ways out run
        /// nothing that can throw.
        /// </summary>
        private bool Covered(IOperation send, IOperation? boundary, ImmutableArray<ITypeSymbol> retried, int depth, HashSet<IMethodSymbol> visiting, ref bool cut, CancellationToken cancellationToken)
        {
            var current = send;
            for (var parent = send.Parent; parent is not null && parent != boundary; current = parent, parent = parent.Parent)
            {
                // A send in a lambda or local function may run after the try has ended.
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (parent is ITryOperation @try && current == @try.Body && Swallows(@try, retried, cancellationToken) && LeavesSafely(@try)
                    && !CatchSends(@try, retried, depth, visiting, ref cut, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A catch sends a request of its own (a fallback model, a project method that sends): its failure leaves the
        /// catch and reaches the retry, which then re-sends the first request too.
        /// </summary>
        private bool CatchSends(ITryOperation @try, ImmutableArray<ITypeSymbol> retried, int depth, HashSet<IMethodSymbol> visiting, ref bool cut, CancellationToken cancellationToken)
        {
            foreach (var @catch in @try.Catches)
            {
                foreach (var invocation in @catch.Handler.Descendants().OfType<IInvocationOperation>())
                {
                    if (!SourceBodies.IsInSource(invocation.TargetMethod, compilation))
                    {
                        if (IsSend(invocation, cancellationToken))
                        {
                            return true;
                        }

                        continue;
                    }

                    var inner = ReachOf(invocation.TargetMethod, retried, depth + 1, visiting, out var innerCut, cancellationToken);
                    cut |= innerCut;
                    if (inner.Sends)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// No catch throws, rethrows or calls something that obviously throws (<see cref="ThrowingCalls"/>), and one catch
        /// without a filter takes every retried type (a bare <c>catch</c>, <c>catch (Exception)</c>, or a base of each). A
        /// filter may let the exception through; <c>finally</c> catches nothing.
        /// </summary>
        private bool Swallows(ITryOperation @try, ImmutableArray<ITypeSymbol> retried, CancellationToken cancellationToken)
        {
            if (@try.Catches.Any(c => RetryContextFinder.DescendantsInSameFunction(c.Handler).Any(o => o is IThrowOperation)
                || ThrowingCalls.AnyIn(c.Handler, compilation, cancellationToken)))
            {
                return false;
            }

            return @try.Catches.Any(c => c.Filter is null && TakesAll(c.ExceptionType, retried));
        }

        private static bool TakesAll(ITypeSymbol caught, ImmutableArray<ITypeSymbol> retried)
        {
            // A bare catch (object); a misspelled type (an error type) takes nothing known.
            if (caught.SpecialType == SpecialType.System_Object)
            {
                return true;
            }

            return caught.TypeKind != TypeKind.Error
                && retried.All(type => type.TypeKind != TypeKind.Error && ProjectThrows.DerivesFrom(type, caught));
        }

        /// <summary>
        /// Every way out of the try is a <c>return</c> (a <c>break</c>, <c>continue</c> or <c>goto</c> leads to more code),
        /// and when it can also end normally, it is a statement of its function's own block followed by nothing or by a
        /// <c>return</c> of a local, parameter or constant.
        /// </summary>
        private static bool LeavesSafely(ITryOperation @try)
        {
            if (@try.Syntax is not TryStatementSyntax statement || @try.SemanticModel is not { } model)
            {
                return false;
            }

            var flow = model.AnalyzeControlFlow(statement);
            if (!flow.Succeeded || flow.ExitPoints.Any(e => e is not ReturnStatementSyntax))
            {
                return false;
            }

            if (!flow.EndPointIsReachable)
            {
                return true;
            }

            if (statement.Parent is not BlockSyntax block || !IsFunctionBlock(block))
            {
                return false;
            }

            var index = block.Statements.IndexOf(statement);
            if (index == block.Statements.Count - 1)
            {
                return true;
            }

            return block.Statements[index + 1] is ReturnStatementSyntax next
                && (next.Expression is null || (model.GetOperation(next.Expression) is { } value && IsPlainValue(value)));
        }

        private static bool IsFunctionBlock(BlockSyntax block) =>
            block.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

        /// <summary>A value whose reading cannot throw: a local, a parameter, a constant, <c>default</c>.</summary>
        private static bool IsPlainValue(IOperation value)
        {
            value = ValueOrigins.Unwrap(value);
            return value is ILocalReferenceOperation or IParameterReferenceOperation or ILiteralOperation or IDefaultValueOperation
                || value.ConstantValue.HasValue;
        }

        /// <summary>
        /// The call's value leaves its function at once (<c>return await Call(...)</c>, an expression body,
        /// <c>var r = await Call(...); return r;</c>, or a last statement <c>await Call(...);</c>), in the function of
        /// <paramref name="boundary"/> when given: nothing after it can throw.
        /// </summary>
        internal static bool ReturnsDirectly(IOperation call, IOperation? boundary)
        {
            var current = call;
            while (current.Parent is IAwaitOperation or IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            if (!SameFunction(current, boundary))
            {
                return false;
            }

            switch (current.Parent)
            {
                case IReturnOperation:
                    return true;
                case IExpressionStatementOperation { Syntax: var syntax }:
                    // An expression-bodied lambda or method, or the last statement of its function's block.
                    return syntax is not StatementSyntax
                        || (syntax.Parent is BlockSyntax enclosing && IsFunctionBlock(enclosing) && enclosing.Statements.Last() == syntax);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                    when declarator.Syntax.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { Parent: BlockSyntax block } declaration:
                    var index = block.Statements.IndexOf(declaration);
                    return index + 1 < block.Statements.Count
                        && block.Statements[index + 1] is ReturnStatementSyntax { Expression: { } returned }
                        && call.SemanticModel?.GetOperation(returned) is { } value
                        && ValueOrigins.Unwrap(value) is ILocalReferenceOperation local
                        && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol);
                default:
                    return false;
            }
        }

        /// <summary>No lambda or local function lies between the operation and <paramref name="boundary"/> (or its root).</summary>
        private static bool SameFunction(IOperation operation, IOperation? boundary)
        {
            for (var parent = operation.Parent; parent is not null && parent != boundary; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
