using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Retry helpers whose caller decides what is retried: every catch that lets the helper go round asks a predicate
    /// parameter (<c>catch (Exception ex) when (attempt &lt; max &amp;&amp; shouldRetry(ex))</c>, or starts with
    /// <c>if (!shouldRetry(ex)) throw;</c>). A call that passes a predicate admitting only rate limits
    /// (<c>shouldRetry: ex =&gt; ex is ClientResultException { Status: 429 }</c>) is then a rate-limit wait, exactly as
    /// if the helper's filter said so (<see cref="RateLimitOnlyRetries"/>; review 15, FP2).
    /// </summary>
    /// <remarks>
    /// Only the predicate decides: a catch that goes round without asking it (a second catch, an <c>||</c> with another
    /// test, a predicate that only chooses whether to log) keeps the helper a retry for every caller. Only hand-written
    /// retries in the helper's own body are read (a loop, a call to itself, a <c>goto</c>); a helper that hands the
    /// delegate to Polly or to another helper, and calls through an interface or a virtual method, are judged as before.
    /// </remarks>
    internal sealed partial class RetryContextFinder
    {
        /// <summary>
        /// The ordinal of the delegate parameter of <paramref name="method"/> that every catch letting the retry around
        /// <paramref name="invoke"/> go round asks about the caught exception; null when there is none, or some catch
        /// goes round without asking it.
        /// </summary>
        private int? CallerPredicateOf(IInvocationOperation invoke, IMethodSymbol method, RetryContext context)
        {
            if (context.Kind is not (RetryKind.Loop or RetryKind.Recursion or RetryKind.Goto))
            {
                return null;
            }

            int? predicate = null;
            IOperation current = invoke;
            for (var parent = invoke.Parent; parent is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; current = parent, parent = parent.Parent)
            {
                if (parent is not ITryOperation @try || current != @try.Body)
                {
                    continue;
                }

                foreach (var @catch in @try.Catches)
                {
                    if (rateLimits.CatchesOnlyRateLimits(@catch) || (context.Kind == RetryKind.Loop && !CatchGoesRound(@catch, @try.SemanticModel, context.Region.Parent as ILoopOperation)))
                    {
                        continue;
                    }

                    var asked = PredicateAskedBy(@catch, method);
                    if (asked is null || (predicate is not null && predicate != asked))
                    {
                        return null;
                    }

                    predicate = asked;
                }
            }

            return predicate;
        }

        /// <summary>
        /// True when <paramref name="invocation"/> of a helper that asks its caller's predicate (<see cref="CallerPredicateOf"/>)
        /// passes, for that predicate, a lambda that admits only rate limits.
        /// </summary>
        private bool PassesRateLimitPredicate(IInvocationOperation invocation, IMethodSymbol helper, int retriedOrdinal, int offset, System.Threading.CancellationToken cancellationToken)
        {
            if (GetHelper(helper, cancellationToken) is not { } info || !info.CallerPredicates.TryGetValue(retriedOrdinal, out var predicateOrdinal))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && parameter.OriginalDefinition.Ordinal + offset == predicateOrdinal)
                {
                    return argument.ArgumentKind == ArgumentKind.Explicit && rateLimits.IsRateLimitPredicate(exceptionType: null, argument.Value);
                }
            }

            return false;
        }

        /// <summary>
        /// The delegate parameter of <paramref name="method"/> that the catch asks about its exception before going round:
        /// a <c>&amp;&amp;</c> part of its filter is <c>p(ex)</c> (or <c>p.Invoke(ex)</c>), or its first statement is
        /// <c>if (!p(ex)) throw;</c> (also <c>if (!p(ex) || ++attempt &gt;= max) throw;</c>, which throws at least as often).
        /// </summary>
        private static int? PredicateAskedBy(ICatchClauseOperation @catch, IMethodSymbol method)
        {
            if ((@catch.ExceptionDeclarationOrExpression as IVariableDeclaratorOperation)?.Symbol is not { } caught)
            {
                return null;
            }

            if (@catch.Filter is { } filter)
            {
                foreach (var part in ConditionChains.Terms(filter, BinaryOperatorKind.ConditionalAnd, ValueOrigins.Unwrap))
                {
                    if (PredicateCall(part, method, caught) is { } ordinal)
                    {
                        return ordinal;
                    }
                }
            }

            if (@catch.Handler.Operations.FirstOrDefault() is IConditionalOperation { WhenFalse: null, Condition: { } condition, WhenTrue: { } whenTrue }
                && Rethrows(whenTrue))
            {
                foreach (var part in ConditionChains.Terms(condition, BinaryOperatorKind.ConditionalOr, ValueOrigins.Unwrap))
                {
                    if (ValueOrigins.Unwrap(part) is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not
                        && PredicateCall(not.Operand, method, caught) is { } ordinal)
                    {
                        return ordinal;
                    }
                }
            }

            return null;
        }

        private static bool Rethrows(IOperation operation) => operation switch
        {
            IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations.Length: 1 } block => Rethrows(block.Operations[0]),
            _ => false,
        };

        /// <summary><c>p(ex)</c> or <c>p.Invoke(ex)</c> where <c>p</c> is a delegate parameter of the method and <c>ex</c> the caught exception.</summary>
        private static int? PredicateCall(IOperation operation, IMethodSymbol method, ILocalSymbol caught) =>
            ValueOrigins.Unwrap(operation) is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Arguments.Length: 1 } call
            && call.Instance is IParameterReferenceOperation { Parameter: { } parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
            && ValueOrigins.Unwrap(call.Arguments[0].Value) is ILocalReferenceOperation { Local: { } local }
            && SymbolEqualityComparer.Default.Equals(local, caught)
                ? parameter.Ordinal
                : null;

    }
}
