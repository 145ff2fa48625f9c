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
    /// (<c>if (e.Status != 429 || ++attempt &gt;= 5) throw;</c>: it throws at least whenever the plain form does);</item>
    /// <item>the catch goes round only inside an <c>if</c> on such a test, and otherwise throws
    /// (<c>if (e.Status == 429 &amp;&amp; tries &gt; 0) { await Task.Delay(...); return await AskAsync(q, tries - 1); } throw;</c>).</item>
    /// </list>
    /// A test is a status comparison with 429, a <c>Message.Contains("429")</c> (or "rate limit", "too many requests"; also
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
    internal sealed class RateLimitOnlyRetries
    {
        private const int TooManyRequests = 429;

        private const int Unauthorized = 401;

        // Anthropic's overloaded_error: the API turned the request away before generating anything (AnthropicOverloadedException).
        private const int Overloaded = 529;

        private const int MaxHelperDepth = 4;

        // HttpRequestError members (.NET 8) that HttpClient raises while connecting, before any byte of the request is
        // sent: a retry on these alone re-sends nothing the provider saw.
        private static readonly HashSet<string> PreSendErrors = new(StringComparer.Ordinal) { "NameResolutionError", "ConnectionError", "SecureConnectionError" };

        // What a rate-limit error's message says (OpenAI "HTTP 429", Azure "Status: 429 (Too Many Requests)").
        // With underscores, the providers' error codes and types: OpenAI's code "rate_limit_exceeded" and type
        // "rate_limit_error", Anthropic's type "rate_limit_error", and "too_many_requests" (429's reason phrase as a code).
        private static readonly string[] RateLimitMessageMarkers = { "429", "rate limit", "ratelimit", "rate_limit", "too many requests", "toomanyrequests", "too_many_requests" };

        // What makes a regex pattern more than a plain phrase (RegexOptions.IgnorePatternWhitespace's '#' starts a comment).
        private static readonly char[] RegexMetacharacters = { '\\', '*', '+', '?', '|', '{', '}', '[', ']', '(', ')', '^', '$', '.', '#' };

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? anthropicRateLimit;
        private readonly INamedTypeSymbol? anthropicOverloaded;
        private readonly INamedTypeSymbol? predicateResult;
        private readonly INamedTypeSymbol? valueTask;
        private readonly INamedTypeSymbol? valueTaskOfT;
        private readonly INamedTypeSymbol? httpRequestException;
        private readonly INamedTypeSymbol? httpRequestError;
        private readonly INamedTypeSymbol? regex;

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
        private bool IsRefusalTypePattern(IPatternOperation pattern)
        {
            // `A or B or C` nests to the left as long as the user writes it: the left spine in a loop (see EveryAlternative).
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a parenthesised right side still recurses
            for (; pattern is IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or; pattern = or.LeftPattern)
            {
                if (!IsRefusalTypePattern(or.RightPattern))
                {
                    return false;
                }
            }

            return pattern switch
            {
                ITypePatternOperation type => IsRateLimitException(type.MatchedType),
                IDeclarationPatternOperation declaration => IsRateLimitException(declaration.MatchedType),
                _ => false,
            };
        }

        /// <summary>The constant 429 or 401, or an <c>or</c> pattern whose every alternative is one (<c>429 or 401</c>).</summary>
        private static bool IsUnprocessedPattern(IPatternOperation pattern)
        {
            // `429 or 401 or ...`: the left spine in a loop, as in IsRefusalTypePattern.
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a parenthesised right side still recurses
            for (; pattern is IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or; pattern = or.LeftPattern)
            {
                if (!IsUnprocessedPattern(or.RightPattern))
                {
                    return false;
                }
            }

            return pattern is IConstantPatternOperation constant && IsUnprocessedStatus(constant.Value);
        }

        /// <summary>
        /// <c>e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }</c> (also with <c>or</c> of
        /// such errors): a failure to connect, resolve the name or set up TLS, before any byte of the request was sent.
        /// </summary>
        private bool HasConnectFailureSubpattern(IRecursivePatternOperation pattern) =>
            pattern.PropertySubpatterns.Any(p => p.Member is IPropertyReferenceOperation { Property.Name: "HttpRequestError" } member
                && IsHttpRequestException(member.Property.ContainingType) && IsConnectFailurePattern(p.Pattern));

        private bool IsConnectFailurePattern(IPatternOperation pattern)
        {
            // `A or B or ...`: the left spine in a loop, as in IsRefusalTypePattern.
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a parenthesised right side still recurses
            for (; pattern is IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or; pattern = or.LeftPattern)
            {
                if (!IsConnectFailurePattern(or.RightPattern))
                {
                    return false;
                }
            }

            return pattern is IConstantPatternOperation constant && IsConnectFailureError(constant.Value);
        }

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

        /// <summary><c>ex.Message.Contains("HTTP 429")</c>, also after <c>ToLower()</c>/<c>ToLowerInvariant()</c>/<c>ToUpper*()</c>.</summary>
        private static bool IsRateLimitMessageTest(IInvocationOperation contains)
        {
            if (contains.TargetMethod.ContainingType?.SpecialType != SpecialType.System_String
                || contains.Arguments.Length == 0
                || ValueOrigins.ConstantString(ValueOrigins.Unwrap(contains.Arguments[0].Value)) is not { } marker
                || !RateLimitMessageMarkers.Any(m => marker.IndexOf(m, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return false;
            }

            return contains.Instance is not null && IsMessageRead(contains.Instance);
        }

        /// <summary>A read of an exception's <c>Message</c>, also through <c>?.</c> and after <c>ToLower()</c>/<c>ToUpper*()</c>.</summary>
        private static bool IsMessageRead(IOperation text)
        {
            var receiver = PredicateChains.StandIn(text);
            while (receiver is IInvocationOperation { TargetMethod.Name: "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant", Instance: { } cased })
            {
                receiver = PredicateChains.StandIn(cased);
            }

            if (receiver is IConditionalAccessOperation conditional)
            {
                receiver = PredicateChains.StandIn(conditional.WhenNotNull);
            }

            return receiver is IPropertyReferenceOperation { Property.Name: "Message" };
        }

        private bool IsRegex(ITypeSymbol? type) => regex is not null && SymbolEqualityComparer.Default.Equals(type, regex);

        /// <summary>
        /// <c>Regex.IsMatch(e.Message, "rate limit")</c>, or <c>RateLimitRegex.IsMatch(e.Message)</c> on a regex whose one
        /// value is <c>new Regex("Rate limit reached", RegexOptions.IgnoreCase)</c> (StefH/OpenAI's OpenAI.Polly): the same test
        /// as <c>e.Message.Contains(...)</c> when the pattern is a plain phrase naming a rate limit (<see cref="IsPlainRateLimitPhrase"/>).
        /// </summary>
        private bool IsRateLimitRegexTest(IInvocationOperation match)
        {
            if (OperationValues.Argument(match, "input") is not { } input || !IsMessageRead(input))
            {
                return false;
            }

            IOperation? pattern;
            if (match.TargetMethod.IsStatic)
            {
                pattern = OperationValues.Argument(match, "pattern");
            }
            else
            {
                // A field or local holding the one regex it is ever given (a field reassigned elsewhere is not followed).
                pattern = match.Instance is not null
                    && ValueOrigins.Trace(match.Instance, compilation, CancellationToken.None) is IObjectCreationOperation creation
                    && IsRegex(creation.Type)
                        ? creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value
                        : null;
            }

            return pattern is not null && ValueOrigins.ConstantString(ValueOrigins.Unwrap(pattern)) is { } text && IsPlainRateLimitPhrase(text);
        }

        /// <summary>
        /// A pattern that is a plain phrase, with no regex metacharacter that could make it match more (an alternation
        /// <c>|</c>, a wildcard <c>.*</c>, a class, a group, an escape), naming a rate limit as a message test would. With
        /// <c>RegexOptions.IgnorePatternWhitespace</c> the spaces drop out, and what is left ("ratelimit",
        /// "toomanyrequests") is still a marker.
        /// </summary>
        private static bool IsPlainRateLimitPhrase(string pattern) =>
            pattern.IndexOfAny(RegexMetacharacters) < 0
            && RateLimitMessageMarkers.Any(m => pattern.IndexOf(m, StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>
        /// A call to a <c>bool</c> method of the project that answers true only for a rate limit: its body is one returned
        /// test (<c>static bool IsRateLimit(HttpRequestException e) =&gt; e.StatusCode == HttpStatusCode.TooManyRequests;</c>),
        /// or a chain of <c>if (test) return true;</c> ending in <c>return false;</c>, read as the <c>||</c> of its tests
        /// (<see cref="PredicateChains"/>). A call back into the method being read (an inner-exception walk) counts as the same test.
        /// </summary>
        private bool IsRateLimitPredicateMethod(IMethodSymbol method, int depth)
        {
            if (method.ReturnType.SpecialType != SpecialType.System_Boolean || !SourceBodies.IsInSource(method, compilation))
            {
                return false;
            }

            if (depth >= MaxHelperDepth)
            {
                return false;
            }

            var yesTests = YesTestsOf(method);
            return yesTests is { Count: > 0 } && yesTests.All(test => AdmitsOnlyRateLimits(test, method, depth + 1));
        }

        /// <summary>
        /// One way the predicate answers true (the <c>&amp;&amp;</c> of an <c>if</c>'s test and the value it returns) admits only
        /// rate limits: one of its parts is a rate-limit test, or, when it calls the method itself, every way through it is.
        /// </summary>
        private bool AdmitsOnlyRateLimits(IReadOnlyList<IOperation> parts, IMethodSymbol method, int depth)
        {
            // A self-call inside the body is the same test applied to another exception: accept it without going deeper.
            var callsItself = parts.Any(part => part.DescendantsAndSelf().OfType<IInvocationOperation>()
                .Any(inner => SymbolEqualityComparer.Default.Equals(inner.TargetMethod.OriginalDefinition, method.OriginalDefinition)));
            return callsItself
                ? parts.Any(part => IsRateLimitTestWithSelfCalls(part, method, depth))
                : parts.Any(part => HasRateLimitConjunct(part, depth));
        }

        private bool IsRateLimitTestWithSelfCalls(IOperation returned, IMethodSymbol method, int depth)
        {
            foreach (var part in ConditionChains.Terms(returned, BinaryOperatorKind.ConditionalAnd, PredicateChains.StandIn))
            {
                if (IsTestOrSelfCall(part, method, depth))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsTestOrSelfCall(IOperation operation, IMethodSymbol method, int depth)
        {
            operation = PredicateChains.StandIn(operation);
            return operation switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or =>
                    IsTestOrSelfCall(or.LeftOperand, method, depth) && IsTestOrSelfCall(or.RightOperand, method, depth),

                // `ex.InnerException != null && IsRateLimit(ex.InnerException)`: the null test admits nothing on its own.
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and =>
                    IsTestOrSelfCall(and.LeftOperand, method, depth) || IsTestOrSelfCall(and.RightOperand, method, depth),
                IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition) => true,
                _ => IsRateLimitTest(operation, depth),
            };
        }

        /// <summary>The ways the method answers true (<see cref="PredicateChains.YesTests"/>) of its one body, or null when it is not read.</summary>
        private IReadOnlyList<IReadOnlyList<IOperation>>? YesTestsOf(IMethodSymbol method)
        {
            IReadOnlyList<IReadOnlyList<IOperation>>? tests = null;
            foreach (var body in SourceBodies.GetBodies(method, compilation, CancellationToken.None))
            {
                var block = body as IBlockOperation ?? body.ChildOperations.OfType<IBlockOperation>().FirstOrDefault();
                if (tests is not null || block is null)
                {
                    return null;
                }

                tests = PredicateChains.YesTests(block);
                if (tests is null)
                {
                    return null;
                }
            }

            return tests;
        }

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
        /// with <c>else { throw; }</c>: the only way round is under a rate-limit test; every other path throws.
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
                return rest.Count == 0 && OnlyThrows(otherwise is IBlockOperation block ? block.Operations.ToList() : new List<IOperation> { otherwise });
            }

            return OnlyThrows(rest);
        }

        /// <summary>
        /// <c>catch (ClientResultException e) { switch (e.Status) { case 429: await Task.Delay(d); continue; default: throw; } }</c>:
        /// a switch on the status where only sections whose every label is 429 (or 401) may go round; every other
        /// section, and the code after the switch (or a missing <c>default</c> falling out of it), throws.
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
                if (!rateLimitOnly && !OnlyThrows(section.Body.ToList()))
                {
                    return false;
                }
            }

            // Without a default, any other status falls out of the switch: the code after it must throw.
            return rest.Count == 0 ? hasDefault : OnlyThrows(rest);
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

        /// <summary>Statements that end in a <c>throw</c> and cannot go round (no continue, goto, return or nested control flow).</summary>
        private static bool OnlyThrows(List<IOperation> statements)
        {
            if (statements.Count == 0 || !IsThrow(statements[statements.Count - 1]))
            {
                return false;
            }

            for (var i = 0; i < statements.Count - 1; i++)
            {
                if (statements[i] is not IExpressionStatementOperation { Operation: IInvocationOperation })
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsThrow(IOperation statement) => statement is IThrowOperation || statement is IExpressionStatementOperation { Operation: IThrowOperation };

        /// <summary><c>catch (ClientResultException e) { if (e.Status != 429) throw; ... }</c>.</summary>
        private bool StartsWithRethrowOfOthers(IBlockOperation handler)
        {
            if (handler.Operations.Length == 0 || handler.Operations[0] is not IConditionalOperation { WhenFalse: null } guard)
            {
                return false;
            }

            var whenTrue = guard.WhenTrue is IBlockOperation { Operations.Length: 1 } block ? block.Operations[0] : guard.WhenTrue;
            var throws = whenTrue is IThrowOperation || whenTrue is IExpressionStatementOperation { Operation: IThrowOperation };
            return throws && HasNotRateLimitDisjunct(guard.Condition);
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
