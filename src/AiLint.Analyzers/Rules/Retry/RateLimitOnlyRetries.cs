using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Retries that only ever re-send a request the provider refused with a rate limit (HTTP 429). A refused request
    /// produced no answer and ran no tools, so sending it again duplicates nothing: such a retry is not one AIL0001,
    /// AIL0002 or AIL0004 are about (docs/rules/AIL0001.md, "Not a retry").
    /// </summary>
    /// <remarks>
    /// Recognised, for a <c>catch</c> that lets a loop go round (or calls its method again), and for the exception
    /// predicates of a Polly v7 policy (<c>Policy.Handle&lt;T&gt;(e =&gt; ...)</c>) and a v8 <c>PredicateBuilder</c>:
    /// <list type="bullet">
    /// <item>the caught type is Anthropic's <c>AnthropicRateLimitException</c>;</item>
    /// <item>the filter, or one of its <c>&amp;&amp;</c> parts, compares a <c>Status</c> or <c>StatusCode</c> property
    /// with 429 (<c>e.Status == 429</c>, <c>ex.StatusCode == HttpStatusCode.TooManyRequests</c>,
    /// <c>e.Status is 429</c>);</item>
    /// <item>the catch starts with <c>if (e.Status != 429) throw;</c>.</item>
    /// </list>
    /// Anything else (a helper such as <c>IsTransient(e)</c>, <c>|| e.Status &gt;= 500</c>) may admit a failure the
    /// provider did process, and stays a retry.
    /// </remarks>
    internal sealed class RateLimitOnlyRetries
    {
        private const int TooManyRequests = 429;

        private readonly INamedTypeSymbol? anthropicRateLimit;

        public RateLimitOnlyRetries(Compilation compilation)
        {
            anthropicRateLimit = compilation.GetTypeByMetadataName("Anthropic.Exceptions.AnthropicRateLimitException");
        }

        /// <summary>The catch admits only rate-limit failures (its type, its filter, or a rethrow guard at its start).</summary>
        public bool CatchesOnlyRateLimits(ICatchClauseOperation @catch)
        {
            if (IsRateLimitException(@catch.ExceptionType))
            {
                return true;
            }

            if (@catch.Filter is { } filter && HasRateLimitConjunct(filter))
            {
                return true;
            }

            return StartsWithRethrowOfOthers(@catch.Handler);
        }

        /// <summary>A Polly exception predicate: <c>Handle&lt;T&gt;(e =&gt; ...)</c> with a rate-limit type or test.</summary>
        public bool IsRateLimitPredicate(ITypeSymbol? exceptionType, IOperation? predicate)
        {
            if (IsRateLimitException(exceptionType))
            {
                return true;
            }

            return predicate is not null
                && ValueOrigins.Unwrap(predicate) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                && ReturnedCondition(lambda) is { } condition
                && HasRateLimitConjunct(condition);
        }

        private bool IsRateLimitException(ITypeSymbol? type) => KnownRetrySymbols.IsOrInherits(type, anthropicRateLimit);

        private static IOperation? ReturnedCondition(IAnonymousFunctionOperation lambda) =>
            lambda.Body.Operations.Length == 1 && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;

        private static bool HasRateLimitConjunct(IOperation condition)
        {
            foreach (var part in Conjuncts(condition))
            {
                if (IsRateLimitTest(part))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<IOperation> Conjuncts(IOperation condition)
        {
            condition = ValueOrigins.Unwrap(condition);
            if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and)
            {
                foreach (var part in Conjuncts(and.LeftOperand))
                {
                    yield return part;
                }

                foreach (var part in Conjuncts(and.RightOperand))
                {
                    yield return part;
                }
            }
            else
            {
                yield return condition;
            }
        }

        /// <summary><c>x.Status == 429</c>, <c>x.StatusCode == HttpStatusCode.TooManyRequests</c>, <c>x.Status is 429</c>.</summary>
        private static bool IsRateLimitTest(IOperation operation)
        {
            operation = ValueOrigins.Unwrap(operation);
            return operation switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals =>
                    (IsStatusRead(equals.LeftOperand) && Is429(equals.RightOperand)) || (IsStatusRead(equals.RightOperand) && Is429(equals.LeftOperand)),
                IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern => IsStatusRead(pattern.Value) && Is429(constant.Value),
                _ => false,
            };
        }

        /// <summary><c>x.Status != 429</c>, <c>!(x.Status == 429)</c>, <c>x.Status is not 429</c>.</summary>
        private static bool IsNotRateLimitTest(IOperation operation)
        {
            operation = ValueOrigins.Unwrap(operation);
            return operation switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals =>
                    (IsStatusRead(notEquals.LeftOperand) && Is429(notEquals.RightOperand)) || (IsStatusRead(notEquals.RightOperand) && Is429(notEquals.LeftOperand)),
                IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => IsRateLimitTest(not.Operand),
                IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } pattern => IsStatusRead(pattern.Value) && Is429(constant.Value),
                _ => false,
            };
        }

        /// <summary><c>catch (ClientResultException e) { if (e.Status != 429) throw; ... }</c>.</summary>
        private static bool StartsWithRethrowOfOthers(IBlockOperation handler)
        {
            if (handler.Operations.Length == 0 || handler.Operations[0] is not IConditionalOperation { WhenFalse: null } guard)
            {
                return false;
            }

            var whenTrue = guard.WhenTrue is IBlockOperation { Operations.Length: 1 } block ? block.Operations[0] : guard.WhenTrue;
            var throws = whenTrue is IThrowOperation || whenTrue is IExpressionStatementOperation { Operation: IThrowOperation };
            return throws && IsNotRateLimitTest(guard.Condition);
        }

        /// <summary>A read of a property named <c>Status</c> or <c>StatusCode</c> (through <c>?.</c> and casts).</summary>
        private static bool IsStatusRead(IOperation operation)
        {
            operation = ValueOrigins.Unwrap(operation);
            if (operation is IConditionalAccessOperation conditional)
            {
                operation = ValueOrigins.Unwrap(conditional.WhenNotNull);
            }

            return operation is IPropertyReferenceOperation { Property.Name: "Status" or "StatusCode" };
        }

        private static bool Is429(IOperation operation)
        {
            var value = operation.ConstantValue.HasValue ? operation.ConstantValue : ValueOrigins.Unwrap(operation).ConstantValue;
            return value.HasValue && value.Value is int or long or short && System.Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture) == TooManyRequests;
        }
    }
}
