using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
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
    /// predicates of a Polly v7 policy (<c>Policy.Handle&lt;T&gt;(e =&gt; ...)</c>, also a method group of a project predicate)
    /// and a v8 <c>PredicateBuilder</c>:
    /// <list type="bullet">
    /// <item>the caught type is Anthropic's <c>AnthropicRateLimitException</c> or <c>AnthropicOverloadedException</c>;</item>
    /// <item>the filter, or one of its <c>&amp;&amp;</c> parts, compares a <c>Status</c> or <c>StatusCode</c> property
    /// with 429 (<c>e.Status == 429</c>, <c>ex.StatusCode == HttpStatusCode.TooManyRequests</c>,
    /// <c>e.Status is 429</c>);</item>
    /// <item>the catch starts with <c>if (e.Status != 429) throw;</c>, also with the attempt cap after an <c>||</c>
    /// (<c>if (e.Status != 429 || ++attempt &gt;= 5) throw;</c>: it throws at least whenever the plain form does), or
    /// leaves the loop instead of throwing (<c>if (!e.Message.Contains("rate limit")) break;</c>);</item>
    /// <item>the catch goes round only inside an <c>if</c> on such a test, and otherwise throws
    /// (<c>if (e.Status == 429 &amp;&amp; tries &gt; 0) { await Task.Delay(...); return await AskAsync(q, tries - 1); } throw;</c>)
    /// or leaves the loop (<c>break</c>, a <c>return</c> that sends nothing, a <c>goto</c> past the loop: RateLimitOnlyRetries.Leaving.cs).</item>
    /// </list>
    /// A test is a status comparison with 429, a <c>Message.Contains("429")</c> (or "rate limit", "too many requests"; also
    /// on the error body an SDK exception quotes: Semantic Kernel's <c>ResponseContent</c>, Anthropic's <c>ApiMessage</c>; also
    /// a <c>Regex.IsMatch</c> of the message whose pattern is such a plain phrase),
    /// a type test for one of the two Anthropic refusal exceptions (<c>e is AnthropicOverloadedException</c>, also an <c>or</c>
    /// pattern of both), an <c>||</c> of such tests (each may be one <c>&amp;&amp;</c> part of its side), or a call to a <c>bool</c> method of
    /// the project that returns one (<c>when (IsRateLimit(ex))</c>), also written as <c>if (test) return true;</c> statements
    /// ending in <c>return false;</c> (<see cref="PredicateChains"/>), which may first read the exception into locals
    /// (<c>var status = (ex as ClientResultException)?.Status; if (status == 429) return true;</c>): such a local is
    /// judged as its initializer (<see cref="PredicateChains.StandIn"/>), or as a switch on the exception whose arms (or
    /// <c>case</c> sections of one <c>return</c>) each answer true only for a rate limit
    /// (<c>ex switch { ClientResultException c =&gt; c.Status == 429, _ =&gt; false }</c>, <see cref="PredicateChains.SwitchYesTests"/>).
    /// A message test may name the providers' underscore codes ("rate_limit_exceeded", "rate_limit_error", "too_many_requests").
    /// A status comparison with 401 counts as one with 429: a request refused for its credentials was not processed.
    /// So does one with 529, Anthropic's overloaded_error (the SDK raises <c>AnthropicOverloadedException</c> for it): the
    /// API turns the request away before generating anything, as for 429. 503 does not: a proxy or gateway in front of
    /// the model also answers 503 when its upstream dropped a request it was already working on.
    /// A Polly v8 <c>ShouldHandle</c> may also be a switch on the outcome or a <c>?:</c> answering
    /// <c>PredicateResult.True()</c>/<c>False()</c>, when every yes is for a rate limit.
    /// So does a test that an <c>HttpRequestException</c> failed to connect (<c>e.HttpRequestError == HttpRequestError.ConnectionError</c>,
    /// name resolution or TLS set-up): the request was never sent.
    /// Anything else (a helper such as <c>IsTransient(e)</c>, <c>|| e.Status &gt;= 500</c>) may admit a failure the
    /// provider did process, and stays a retry.
    /// </remarks>
    internal sealed partial class RateLimitOnlyRetries
    {
        private const int TooManyRequests = 429;

        private const int Unauthorized = 401;

        // Anthropic's overloaded_error: the API turned the request away before generating anything (AnthropicOverloadedException).
        private const int Overloaded = 529;

        private const int MaxHelperDepth = 4;

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? anthropicRateLimit;
        private readonly INamedTypeSymbol? anthropicOverloaded;
        private readonly INamedTypeSymbol? predicateResult;
        private readonly INamedTypeSymbol? valueTask;
        private readonly INamedTypeSymbol? valueTaskOfT;
        private readonly INamedTypeSymbol? httpRequestException;
        private readonly INamedTypeSymbol? httpRequestError;
        private readonly INamedTypeSymbol? regex;
        private readonly IPropertySymbol? kernelResponseContent;
        private readonly IPropertySymbol? anthropicApiMessage;

        public RateLimitOnlyRetries(Compilation compilation)
        {
            this.compilation = compilation;
            anthropicRateLimit = compilation.GetTypeByMetadataName(KnownRetrySymbols.AnthropicRateLimitExceptionName);
            anthropicOverloaded = compilation.GetTypeByMetadataName(KnownRetrySymbols.AnthropicOverloadedExceptionName);
            predicateResult = compilation.GetTypeByMetadataName(KnownRetrySymbols.PredicateResultName);
            valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            httpRequestException = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestException");
            httpRequestError = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestError");
            regex = compilation.GetTypeByMetadataName("System.Text.RegularExpressions.Regex");
            kernelResponseContent = Property(compilation, "Microsoft.SemanticKernel.HttpOperationException", "ResponseContent");
            anthropicApiMessage = Property(compilation, "Anthropic.Exceptions.AnthropicServiceException", "ApiMessage");
        }

        private static IPropertySymbol? Property(Compilation compilation, string typeName, string name) =>
            compilation.GetTypeByMetadataName(typeName)?.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault();

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

            return StartsWithRethrowOfOthers(@catch.Handler) || GoesRoundOnlyOnRateLimit(@catch.Handler) || SwitchGoesRoundOnlyOnRateLimit(@catch.Handler);
        }

        /// <summary>A Polly exception predicate: <c>Handle&lt;T&gt;(e =&gt; ...)</c> with a rate-limit type or test.</summary>
        public bool IsRateLimitPredicate(ITypeSymbol? exceptionType, IOperation? predicate)
        {
            if (IsRateLimitException(exceptionType))
            {
                return true;
            }

            if (predicate is null)
            {
                return false;
            }

            return ValueOrigins.Unwrap(predicate) switch
            {
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => ReturnedCondition(lambda) is { } condition && HasRateLimitConjunct(condition),

                // `Handle<HttpRequestException>(IsRateLimitReached)`: a method group reads as the lambda calling it (review 43, FP-1).
                IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: { } method } } => IsRateLimitPredicateMethod(method, 0),
                _ => false,
            };
        }

        /// <summary>
        /// A Polly v8 <c>ShouldHandle</c> lambda that returns <c>ValueTask.FromResult(test)</c> (or <c>new ValueTask&lt;bool&gt;(test)</c>)
        /// where the test, or one of its <c>&amp;&amp;</c> parts, admits only rate limits:
        /// <c>args =&gt; ValueTask.FromResult(args.Outcome.Exception is ClientResultException { Status: 429 })</c>.
        /// </summary>
        public bool IsRateLimitShouldHandle(IOperation? value)
        {
            if (value is null
                || ValueOrigins.Unwrap(value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                || ReturnedCondition(lambda) is not { } returned)
            {
                return false;
            }

            returned = ValueOrigins.Unwrap(returned);
            switch (returned)
            {
                // args => args.Outcome switch { { Exception: ClientResultException { Status: 429 } } => PredicateResult.True(), _ => PredicateResult.False() }
                case ISwitchExpressionOperation outcomeSwitch:
                    return AnswersYesOnlyForRateLimits(outcomeSwitch);

                // args => test ? PredicateResult.True() : PredicateResult.False()
                case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                    return PredicateAnswer(choice.WhenTrue) == true && PredicateAnswer(whenFalse) == false && HasRateLimitConjunct(choice.Condition);
            }

            var condition = PredicateArgument(returned);
            return condition is not null && condition.Type?.SpecialType == SpecialType.System_Boolean && HasRateLimitConjunct(condition);
        }

        /// <summary>The <c>bool</c> inside <c>ValueTask.FromResult(b)</c> or <c>new ValueTask&lt;bool&gt;(b)</c>, or null.</summary>
        private IOperation? PredicateArgument(IOperation returned) => returned switch
        {
            IInvocationOperation { TargetMethod.Name: "FromResult", Arguments.Length: 1 } fromResult
                when SymbolEqualityComparer.Default.Equals(fromResult.TargetMethod.ContainingType, valueTask) => fromResult.Arguments[0].Value,
            IObjectCreationOperation { Type: INamedTypeSymbol created, Arguments.Length: 1 } creation
                when SymbolEqualityComparer.Default.Equals(created.OriginalDefinition, valueTaskOfT) => creation.Arguments[0].Value,
            _ => null,
        };

        /// <summary>
        /// What a <c>ShouldHandle</c> branch answers: <c>PredicateResult.True()</c>/<c>False()</c> (Polly's own helpers) or
        /// <c>ValueTask.FromResult(true/false)</c>; null for anything else (a test computed there, a call to a helper).
        /// </summary>
        private bool? PredicateAnswer(IOperation value)
        {
            value = ValueOrigins.Unwrap(value);
            if (value is IInvocationOperation { Arguments.Length: 0, TargetMethod: { Name: "True" or "False" } method }
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, predicateResult))
            {
                return method.Name == "True";
            }

            return PredicateArgument(value) is { } argument && ValueOrigins.Unwrap(argument).ConstantValue is { HasValue: true, Value: bool constant } ? constant : null;
        }

        /// <summary>
        /// A switch on the outcome whose every arm answers yes or no, and whose yes arms each match only a rate-limit
        /// failure: by their pattern (<c>{ Exception: ClientResultException { Status: 429 } }</c>,
        /// <c>{ Result.StatusCode: HttpStatusCode.TooManyRequests }</c>, <c>{ Exception: AnthropicRateLimitException }</c>) or
        /// by a <c>when</c> guard that is a rate-limit test. One yes arm that admits anything else (a 500, a timeout, any
        /// <c>HttpRequestException</c>) keeps the retry.
        /// </summary>
        private bool AnswersYesOnlyForRateLimits(ISwitchExpressionOperation outcomeSwitch)
        {
            var anyYes = false;
            foreach (var arm in outcomeSwitch.Arms)
            {
                var answer = PredicateAnswer(arm.Value);
                if (answer is null)
                {
                    return false;
                }

                if (answer == false)
                {
                    continue;
                }

                anyYes = true;
                if (!IsRateLimitOutcomePattern(arm.Pattern) && (arm.Guard is null || !HasRateLimitConjunct(arm.Guard)))
                {
                    return false;
                }
            }

            return anyYes;
        }

        /// <summary>
        /// A pattern on Polly's <c>Outcome&lt;T&gt;</c> (or on the exception or result it holds) that one of its property
        /// subpatterns, nested at any depth, restricts to a rate limit; a type pattern of a rate-limit exception.
        /// </summary>
        private bool IsRateLimitOutcomePattern(IPatternOperation pattern, int depth = 0)
        {
            if (depth > MaxHelperDepth)
            {
                return false;
            }

            switch (pattern)
            {
                case ITypePatternOperation type:
                    return IsRateLimitException(type.MatchedType);
                case IDeclarationPatternOperation declaration:
                    return IsRateLimitException(declaration.MatchedType);
                case IRecursivePatternOperation recursive:
                    return IsRateLimitException(recursive.MatchedType)
                        || HasStatus429Subpattern(recursive)
                        || HasConnectFailureSubpattern(recursive)
                        || recursive.PropertySubpatterns.Any(p => IsRateLimitOutcomePattern(p.Pattern, depth + 1));
                case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } and:
                    return IsRateLimitOutcomePattern(and.LeftPattern, depth + 1) || IsRateLimitOutcomePattern(and.RightPattern, depth + 1);
                case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or:
                    return IsRateLimitOutcomePattern(or.LeftPattern, depth + 1) && IsRateLimitOutcomePattern(or.RightPattern, depth + 1);
                default:
                    return false;
            }
        }

        private bool IsRateLimitException(ITypeSymbol? type) =>
            KnownRetrySymbols.IsOrInherits(type, anthropicRateLimit) || KnownRetrySymbols.IsOrInherits(type, anthropicOverloaded);

        private static IOperation? ReturnedCondition(IAnonymousFunctionOperation lambda) =>
            lambda.Body.Operations.Length == 1 && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;
    }
}
