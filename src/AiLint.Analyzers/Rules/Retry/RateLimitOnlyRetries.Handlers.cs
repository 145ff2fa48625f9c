using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    // Negated tests and catch bodies that go round only on a rate limit and otherwise throw or leave the loop.
    internal sealed partial class RateLimitOnlyRetries
    {
        /// <summary><c>x.Status != 429</c>, <c>!(x.Status == 429)</c>, <c>x.Status is not 429</c>, <c>e is not AnthropicRateLimitException</c>, <c>r.Error.Code != "rate_limit_exceeded"</c>.</summary>
        public bool IsNotRateLimitTest(IOperation operation)
        {
            operation = ValueOrigins.Unwrap(operation);
            return operation switch
            {
                // Also the error code a result or project exception carries: `failure.Code != "rate_limit_exceeded"`
                // (review68, FinancialCopilot's code mapped from 429: "hosted_provider_rate_limited").
                IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals =>
                    (IsStatusRead(notEquals.LeftOperand) && IsUnprocessedStatus(notEquals.RightOperand)) || (IsStatusRead(notEquals.RightOperand) && IsUnprocessedStatus(notEquals.LeftOperand))
                    || IsRateLimitErrorCode(notEquals),
                IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => IsRateLimitTest(not.Operand, 0),
                IIsPatternOperation { Pattern: INegatedPatternOperation negated } pattern =>
                    (IsStatusRead(pattern.Value) && IsUnprocessedPattern(negated.Pattern)) || IsRefusalTypePattern(negated.Pattern),
                _ => false,
            };
        }

        /// <summary>
        /// <c>catch (E e) { log; if (e.Status == 429 &amp;&amp; tries &lt; 3) { await Task.Delay(d); continue; } throw; }</c>, or the same
        /// with <c>else { throw; }</c>: the only way round is under a rate-limit test; every other path throws, or leaves
        /// the loop (<c>else { Show(ex.Message); break; }</c>, <c>return null;</c>, <see cref="OnlyLeaves"/>).
        /// </summary>
        private bool GoesRoundOnlyOnRateLimit(IBlockOperation handler)
        {
            var operations = handler.Operations;
            var index = 0;
            while (index < operations.Length && operations[index] is IExpressionStatementOperation { Operation: IInvocationOperation } or IVariableDeclarationGroupOperation)
            {
                index++; // logging, or a local for the delay, before the test
            }

            if (index >= operations.Length || operations[index] is not IConditionalOperation guard || !HasRateLimitConjunct(guard.Condition))
            {
                return false;
            }

            var rest = operations.Skip(index + 1).ToList();
            if (guard.WhenFalse is { } otherwise)
            {
                return rest.Count == 0 && OnlyLeaves(otherwise is IBlockOperation block ? block.Operations.ToList() : new List<IOperation> { otherwise });
            }

            return OnlyLeaves(rest);
        }

        /// <summary>
        /// <c>catch (ClientResultException e) { switch (e.Status) { case 429: await Task.Delay(d); continue; default: throw; } }</c>:
        /// a switch on the status where only sections whose every label is 429 (or 401) may go round; every other
        /// section, and the code after the switch (or a missing <c>default</c> falling out of it), throws or leaves the loop.
        /// </summary>
        private bool SwitchGoesRoundOnlyOnRateLimit(IBlockOperation handler)
        {
            var operations = handler.Operations;
            var index = 0;
            while (index < operations.Length && operations[index] is IExpressionStatementOperation { Operation: IInvocationOperation } or IVariableDeclarationGroupOperation)
            {
                index++; // logging before the switch
            }

            if (index >= operations.Length || operations[index] is not ISwitchOperation @switch || !IsStatusRead(@switch.Value))
            {
                return false;
            }

            var rest = operations.Skip(index + 1).ToList();
            var hasDefault = false;
            foreach (var section in @switch.Cases)
            {
                hasDefault |= section.Clauses.Any(c => c is IDefaultCaseClauseOperation);
                var rateLimitOnly = section.Clauses.All(IsRefusalLabel);
                if (!rateLimitOnly && !OnlyLeaves(section.Body.ToList()))
                {
                    return false;
                }
            }

            // Without a default, any other status falls out of the switch: the code after it must throw.
            return rest.Count == 0 ? hasDefault : OnlyLeaves(rest);
        }

        /// <summary>
        /// A section of a switch on the status is reached only for a refused request when every label of it is:
        /// <c>case 429:</c>, <c>case HttpStatusCode.TooManyRequests:</c>, <c>case 429 or 401:</c>. A <c>default</c> is not.
        /// </summary>
        public static bool IsRefusalSection(ISwitchCaseOperation section) => section.Clauses.Length > 0 && section.Clauses.All(IsRefusalLabel);

        private static bool IsRefusalLabel(ICaseClauseOperation clause) => clause switch
        {
            ISingleValueCaseClauseOperation single => IsUnprocessedStatus(single.Value),
            IPatternCaseClauseOperation pattern => IsUnprocessedPattern(pattern.Pattern),
            _ => false,
        };

        /// <summary>
        /// <c>catch (ClientResultException e) { if (e.Status != 429) throw; ... }</c>, or the same leaving the loop
        /// (<c>if (!e.Message.Contains("rate limit")) break;</c>, <see cref="Leaves"/>).
        /// </summary>
        private bool StartsWithRethrowOfOthers(IBlockOperation handler)
        {
            if (handler.Operations.Length == 0 || handler.Operations[0] is not IConditionalOperation { WhenFalse: null } guard)
            {
                return false;
            }

            var whenTrue = guard.WhenTrue is IBlockOperation { Operations.Length: 1 } block ? block.Operations[0] : guard.WhenTrue;
            return Leaves(whenTrue) && HasNotRateLimitDisjunct(guard.Condition);
        }

        /// <summary>
        /// The rethrow condition is, or has among its <c>||</c> parts, a not-rate-limit test
        /// (<c>if (e.Status != 429 || ++attempt &gt;= 5) throw;</c>): it throws at least whenever <c>if (e.Status != 429) throw;</c>
        /// does, so the catch still goes on only after a refusal. An <c>&amp;&amp;</c> (<c>e.Status != 429 &amp;&amp; ++attempt &gt;= 5</c>)
        /// lets a 500 through, and is not one.
        /// </summary>
        public bool IsNotRateLimitCondition(IOperation condition) => HasNotRateLimitDisjunct(condition);

        private bool HasNotRateLimitDisjunct(IOperation condition)
        {
            // `a || b || c` nests to the left as long as the user writes it: the left spine in a loop.
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a parenthesised right side still recurses
            condition = ValueOrigins.Unwrap(condition);
            for (; condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or; condition = ValueOrigins.Unwrap(or.LeftOperand))
            {
                if (HasNotRateLimitDisjunct(or.RightOperand))
                {
                    return true;
                }
            }

            return IsNotRateLimitTest(condition);
        }

        /// <summary>A read of a property named <c>Status</c> or <c>StatusCode</c> (through <c>?.</c> and casts).</summary>
        public static bool IsStatusRead(IOperation operation)
        {
            operation = PredicateChains.StandIn(operation);
            if (operation is IConditionalAccessOperation conditional)
            {
                operation = PredicateChains.StandIn(conditional.WhenNotNull);
            }

            // `HttpStatusCode`: Betalgo's result (`r.HttpStatusCode != HttpStatusCode.TooManyRequests`).
            return operation is IPropertyReferenceOperation { Property.Name: "Status" or "StatusCode" or "HttpStatusCode" };
        }

        /// <summary>
        /// The constant 429, or 401: a request refused for its credentials (a catch that renews an expired key and goes
        /// round) was not processed either, so re-sending it duplicates nothing, like a rate-limit wait.
        /// </summary>
        private static bool IsUnprocessedStatus(IOperation operation)
        {
            var value = operation.ConstantValue.HasValue ? operation.ConstantValue : ValueOrigins.Unwrap(operation).ConstantValue;
            return value.HasValue && value.Value is int or long or short
                && System.Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture) is TooManyRequests or Unauthorized or Overloaded;
        }
    }
}
