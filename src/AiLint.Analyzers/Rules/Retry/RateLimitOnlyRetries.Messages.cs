using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    // Rate-limit tests read in an exception message: Contains of a marker, and a Regex whose pattern is a plain phrase.
    internal sealed partial class RateLimitOnlyRetries
    {
        // What a rate-limit error's message says (OpenAI "HTTP 429", Azure "Status: 429 (Too Many Requests)").
        // With underscores, the providers' error codes and types: OpenAI's code "rate_limit_exceeded" and type
        // "rate_limit_error", Anthropic's type "rate_limit_error", and "too_many_requests" (429's reason phrase as a code).
        private static readonly string[] RateLimitMessageMarkers = { "429", "rate limit", "ratelimit", "rate_limit", "too many requests", "toomanyrequests", "too_many_requests" };

        // What makes a regex pattern more than a plain phrase (RegexOptions.IgnorePatternWhitespace's '#' starts a comment).
        private static readonly char[] RegexMetacharacters = { '\\', '*', '+', '?', '|', '{', '}', '[', ']', '(', ')', '^', '$', '.', '#' };

        /// <summary><c>ex.Message.Contains("HTTP 429")</c>, also after <c>ToLower()</c>/<c>ToLowerInvariant()</c>/<c>ToUpper*()</c>.</summary>
        private bool IsRateLimitMessageTest(IInvocationOperation contains)
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

        /// <summary>
        /// A read of an exception's <c>Message</c>, or of the error body an SDK exception quotes (<see cref="IsErrorBody"/>),
        /// also through <c>?.</c> and after <c>ToLower()</c>/<c>ToUpper*()</c>.
        /// </summary>
        private bool IsMessageRead(IOperation text)
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

            return receiver is IPropertyReferenceOperation { Property: { } property } && (property.Name == "Message" || IsErrorBody(property));
        }

        /// <summary>
        /// A member holding the error the provider answered with, which SDK exceptions quote beside <c>Message</c>: Semantic
        /// Kernel's <c>HttpOperationException.ResponseContent</c> (the response body) and Anthropic's
        /// <c>AnthropicServiceException.ApiMessage</c> (the body's <c>error.message</c>). OpenAI's and Azure's
        /// <c>ClientResultException</c>/<c>RequestFailedException</c> have no such member (the body is behind
        /// <c>GetRawResponse()</c>, and their <c>Message</c> already quotes it).
        /// </summary>
        private bool IsErrorBody(IPropertySymbol property) =>
            (kernelResponseContent is not null && SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, kernelResponseContent))
            || (anthropicApiMessage is not null && SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, anthropicApiMessage));

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
    }
}
