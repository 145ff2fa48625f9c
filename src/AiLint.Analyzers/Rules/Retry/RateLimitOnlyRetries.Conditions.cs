using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    // Rate-limit tests read in a condition: status comparisons with 429/401/529, refusal exception types, error codes and connect failures.
    internal sealed partial class RateLimitOnlyRetries
    {
        // HttpRequestError members (.NET 8) that HttpClient raises while connecting, before any byte of the request is
        // sent: a retry on these alone re-sends nothing the provider saw.
        private static readonly HashSet<string> PreSendErrors = new(StringComparer.Ordinal) { "NameResolutionError", "ConnectionError", "SecureConnectionError" };

        /// <summary>
        /// A condition that holds only for a refused request: it is, or has among its <c>&amp;&amp;</c> parts, a rate-limit test
        /// (<c>r.HttpStatusCode == HttpStatusCode.TooManyRequests &amp;&amp; ++tries &lt; 5</c>).
        /// </summary>
        public bool IsRateLimitCondition(IOperation condition) => HasRateLimitConjunct(condition);

        private bool HasRateLimitConjunct(IOperation condition, int depth = 0)
        {
            foreach (var part in ConditionChains.Terms(condition, BinaryOperatorKind.ConditionalAnd, PredicateChains.StandIn))
            {
                if (IsRateLimitTest(part, depth))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>x.Status == 429</c>, <c>x.StatusCode == HttpStatusCode.TooManyRequests</c>, <c>x.Status is 429</c>,
        /// <c>x.Message.Contains("429")</c>, an <c>||</c> of such tests, or a project predicate returning one.
        /// </summary>
        private bool IsRateLimitTest(IOperation operation, int depth)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            operation = PredicateChains.StandIn(operation); // a leading local of a predicate chain stands for its initializer
            return operation switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals =>
                    (IsStatusRead(equals.LeftOperand) && IsUnprocessedStatus(equals.RightOperand)) || (IsStatusRead(equals.RightOperand) && IsUnprocessedStatus(equals.LeftOperand))
                    || IsConnectFailureComparison(equals)
                    || IsRateLimitErrorCode(equals),
                // `e.Status is 429`, `e.Status is 429 or 401`: an `or` pattern reads like `||`, every alternative a refusal.
                IIsPatternOperation { Pattern: IConstantPatternOperation or IBinaryPatternOperation } pattern =>
                    (IsStatusRead(pattern.Value) && IsUnprocessedPattern(pattern.Pattern)) || IsRefusalTypePattern(pattern.Pattern),

                // `e is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests }`, or `{ HttpRequestError: HttpRequestError.ConnectionError }`.
                IIsPatternOperation { Pattern: IRecursivePatternOperation recursive } => HasStatus429Subpattern(recursive) || HasConnectFailureSubpattern(recursive),

                // A refusal type tested in the filter instead of caught: `e is AnthropicOverloadedException`,
                // `e is AnthropicOverloadedException or AnthropicRateLimitException` (every alternative a refusal type).
                IIsTypeOperation isType => IsRateLimitException(isType.TypeOperand),
                IIsPatternOperation { Pattern: ITypePatternOperation or IDeclarationPatternOperation } typePattern => IsRefusalTypePattern(typePattern.Pattern),

                // Every alternative admits only rate limits: `e.Message.Contains("429") || e.Message.Contains("rate limit")`,
                // also through an `&&` part (`ex is ClientResultException c && c.Status == 429 || ex is HttpRequestException { ... }`).
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => EveryDisjunctHasRateLimitConjunct(or, depth),
                IInvocationOperation { TargetMethod.Name: "Contains" } contains => IsRateLimitMessageTest(contains),
                IInvocationOperation { TargetMethod.Name: "IsMatch" } match when IsRegex(match.TargetMethod.ContainingType) => IsRateLimitRegexTest(match),
                IInvocationOperation predicate => IsRateLimitPredicateMethod(predicate.TargetMethod, depth),

                // A `bool` switch expression (`ex switch { ClientResultException c => c.Status == 429, _ => false }`):
                // every way it answers true (PredicateChains.SwitchYesTests) has a rate-limit test among its parts.
                ISwitchExpressionOperation choice => depth < MaxHelperDepth
                    && PredicateChains.SwitchYesTests(choice) is { Count: > 0 } ways
                    && ways.All(parts => parts.Any(part => HasRateLimitConjunct(part, depth + 1))),

                // An arm or case label in a way a switch answers true stands for `switched is pattern` (PredicateChains).
                ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation owner } arm => IsRateLimitPatternOn(owner.Value, arm.Pattern),
                IPatternCaseClauseOperation { Parent.Parent: ISwitchOperation owner } clause => IsRateLimitPatternOn(owner.Value, clause.Pattern),
                ISingleValueCaseClauseOperation { Parent.Parent: ISwitchOperation owner } label => IsStatusRead(owner.Value) && IsUnprocessedStatus(label.Value),
                _ => false,
            };
        }

        /// <summary>Every alternative of an <c>||</c> has a rate-limit test among its <c>&amp;&amp;</c> parts.</summary>
        /// <remarks>
        /// The left spine in a loop: <c>a || b || c</c> nests to the left as long as the user writes it, and the compiler
        /// binds it without recursion; recursing on each left operand would overflow the stack on a long enough chain.
        /// </remarks>
        private bool EveryDisjunctHasRateLimitConjunct(IBinaryOperation or, int depth)
        {
            IOperation current = or;
            while (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } next)
            {
                if (!HasRateLimitConjunct(next.RightOperand, depth))
                {
                    return false;
                }

                current = PredicateChains.StandIn(next.LeftOperand);
            }

            return HasRateLimitConjunct(current, depth);
        }

        /// <summary>
        /// <c>value is pattern</c> admits only refused requests: 429 (or 401, 529) on a status read (<c>cre.Status switch
        /// { 429 =&gt; true, ... }</c>), a refusal exception type, or a property pattern with a 429 status or a connect failure
        /// (<c>HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests }</c>), as in an <c>is</c> test.
        /// </summary>
        private bool IsRateLimitPatternOn(IOperation value, IPatternOperation pattern) =>
            (IsStatusRead(value) && IsUnprocessedPattern(pattern))
            || IsRefusalTypePattern(pattern)
            || (pattern is IRecursivePatternOperation recursive && (HasStatus429Subpattern(recursive) || HasConnectFailureSubpattern(recursive)));

        /// <summary>
        /// <c>r.Error?.Code == "rate_limit_exceeded"</c>: the error code OpenAI-style APIs give a refused request, read from
        /// a result object (Betalgo's <c>Error.Code</c>) instead of an exception.
        /// </summary>
        private static bool IsRateLimitErrorCode(IBinaryOperation equals)
        {
            static bool IsCodeRead(IOperation operation)
            {
                operation = PredicateChains.StandIn(operation);
                if (operation is IConditionalAccessOperation conditional)
                {
                    operation = PredicateChains.StandIn(conditional.WhenNotNull);
                }

                return operation is IPropertyReferenceOperation { Property.Name: "Code" or "Type" };
            }

            static bool IsRateLimitCode(IOperation operation) =>
                ValueOrigins.ConstantString(ValueOrigins.Unwrap(operation)) is { } code
                && RateLimitMessageMarkers.Any(m => code.IndexOf(m, StringComparison.OrdinalIgnoreCase) >= 0);

            return (IsCodeRead(equals.LeftOperand) && IsRateLimitCode(equals.RightOperand))
                || (IsCodeRead(equals.RightOperand) && IsRateLimitCode(equals.LeftOperand));
        }

        /// <summary>A property pattern with a <c>Status</c> or <c>StatusCode</c> subpattern that is the constant 429 (or an <c>or</c> of such).</summary>
        private static bool HasStatus429Subpattern(IRecursivePatternOperation pattern) =>
            pattern.PropertySubpatterns.Any(p => p.Member is IPropertyReferenceOperation { Property.Name: "Status" or "StatusCode" or "HttpStatusCode" }
                && IsUnprocessedPattern(p.Pattern));

        /// <summary>
        /// A type pattern of a refusal exception (<c>AnthropicOverloadedException</c>, <c>AnthropicRateLimitException o</c>),
        /// or an <c>or</c> pattern whose every alternative is one.
        /// </summary>
        private bool IsRefusalTypePattern(IPatternOperation pattern) =>
            AllAlternatives(pattern, alternative => alternative switch
            {
                ITypePatternOperation type => IsRateLimitException(type.MatchedType),
                IDeclarationPatternOperation declaration => IsRateLimitException(declaration.MatchedType),
                _ => false,
            });

        /// <summary>The constant 429 or 401, or an <c>or</c> pattern whose every alternative is one (<c>429 or 401</c>).</summary>
        private static bool IsUnprocessedPattern(IPatternOperation pattern) =>
            AllAlternatives(pattern, alternative => alternative is IConstantPatternOperation constant && IsUnprocessedStatus(constant.Value));

        /// <summary>
        /// Every alternative of <paramref name="pattern"/> (the pattern itself when it is not an <c>or</c>) satisfies
        /// <paramref name="isAccepted"/>. A parenthesised <c>or</c> on the right (<c>A or (B or C)</c>) is split as well.
        /// </summary>
        /// <remarks>
        /// <c>A or B or C</c> nests to the left as long as the user writes it, and the compiler binds it without
        /// recursion: the left spine is walked in a loop, so only a parenthesised right side recurses.
        /// </remarks>
        private static bool AllAlternatives(IPatternOperation pattern, Func<IPatternOperation, bool> isAccepted)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a parenthesised right side still recurses
            for (; pattern is IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or; pattern = or.LeftPattern)
            {
                if (!AllAlternatives(or.RightPattern, isAccepted))
                {
                    return false;
                }
            }

            return isAccepted(pattern);
        }

        /// <summary>
        /// <c>e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }</c> (also with <c>or</c> of
        /// such errors): a failure to connect, resolve the name or set up TLS, before any byte of the request was sent.
        /// </summary>
        private bool HasConnectFailureSubpattern(IRecursivePatternOperation pattern) =>
            pattern.PropertySubpatterns.Any(p => p.Member is IPropertyReferenceOperation { Property.Name: "HttpRequestError" } member
                && IsHttpRequestException(member.Property.ContainingType) && IsConnectFailurePattern(p.Pattern));

        private bool IsConnectFailurePattern(IPatternOperation pattern) =>
            AllAlternatives(pattern, alternative => alternative is IConstantPatternOperation constant && IsConnectFailureError(constant.Value));

        /// <summary><c>e.HttpRequestError == HttpRequestError.ConnectionError</c> (either way round).</summary>
        private bool IsConnectFailureComparison(IBinaryOperation equals) =>
            (IsHttpRequestErrorRead(equals.LeftOperand) && IsConnectFailureError(equals.RightOperand))
            || (IsHttpRequestErrorRead(equals.RightOperand) && IsConnectFailureError(equals.LeftOperand));

        private bool IsHttpRequestErrorRead(IOperation operation) =>
            PredicateChains.StandIn(operation) is IPropertyReferenceOperation { Property: { Name: "HttpRequestError" } property } && IsHttpRequestException(property.ContainingType);

        private bool IsHttpRequestException(ITypeSymbol? type) =>
            httpRequestException is not null && SymbolEqualityComparer.Default.Equals(type, httpRequestException);

        /// <summary>A <c>HttpRequestError</c> member raised before the request is sent (<see cref="PreSendErrors"/>).</summary>
        private bool IsConnectFailureError(IOperation operation) =>
            ValueOrigins.Unwrap(operation) is IFieldReferenceOperation { Field: { } field }
            && httpRequestError is not null && SymbolEqualityComparer.Default.Equals(field.ContainingType, httpRequestError)
            && PreSendErrors.Contains(field.Name);
    }
}
