using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A raw HTTP POST whose URL is a parameter of the method making it (a retrying <c>PostJsonWithRetryAsync(url, body)</c>
    /// helper), recognised as a generation call when a caller in the compilation passes a generation endpoint for that
    /// parameter (<c>await http.PostJsonWithRetryAsync("https://api.openai.com/v1/chat/completions", request)</c>). Asked
    /// only for a POST that a retry already re-runs.
    /// </summary>
    /// <remarks>
    /// Precise by construction: the POST goes to whatever the caller names, and one caller names a model's generation
    /// endpoint, so the retry re-sends generation requests. The URL is followed through at most
    /// <see cref="MaxDepth"/> parameters (a caller that itself forwards its own parameter). Only <c>PostAsync</c>,
    /// <c>PostAsJsonAsync</c> and <c>SendAsync</c>/<c>Send</c> of a <c>new HttpRequestMessage(HttpMethod.Post, url)</c>
    /// count. A method that spells "idempotency" in a string is assumed to send a key and is left alone.
    /// </remarks>
    internal sealed class CallerSuppliedUrls
    {
        private const int MaxDepth = 3;
        private const int MaxTextDepth = 6;

        private readonly Compilation compilation;
        private readonly RawHttpLlmCalls http;
        private readonly INamedTypeSymbol? requestMessage;
        private readonly INamedTypeSymbol? httpMethod;
        private readonly ConcurrentDictionary<IParameterSymbol, bool> reachesEndpoint = new(SymbolEqualityComparer.Default);

        public CallerSuppliedUrls(Compilation compilation)
        {
            this.compilation = compilation;
            http = new RawHttpLlmCalls(compilation);
            requestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
            httpMethod = compilation.GetTypeByMetadataName("System.Net.Http.HttpMethod");
        }

        /// <summary>A generation call when <paramref name="call"/> POSTs to a URL parameter that a caller fills with a generation endpoint.</summary>
        public LlmCall Recognize(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            if (!http.IsCandidate(method)
                || UrlOperand(call, cancellationToken) is not { } url
                || ValueOrigins.Trace(url, compilation, cancellationToken) is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } } parameter }
                || MentionsIdempotency(ValueOrigins.Root(call)))
            {
                return LlmCall.None;
            }

            return ReachesEndpoint(parameter, 0, cancellationToken) ? new LlmCall(LlmCallKind.Generation, LlmSdk.Http, call.TargetMethod) : LlmCall.None;
        }

        /// <summary>The URL argument of a POST, or the URL of the visibly created POST request a send is given.</summary>
        private IOperation? UrlOperand(IInvocationOperation call, CancellationToken cancellationToken)
        {
            if (call.TargetMethod.Name is not ("SendAsync" or "Send"))
            {
                return Argument(call, "requestUri");
            }

            if (Argument(call, "request") is not { } request
                || ValueOrigins.Trace(request, compilation, cancellationToken) is not IObjectCreationOperation creation
                || !SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, requestMessage))
            {
                return null;
            }

            var verb = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "method")?.Value;
            var target = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "requestUri")?.Value;
            foreach (var assignment in PollyRetries.Initializers(creation))
            {
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: "Method" })
                {
                    verb = assignment.Value;
                }
                else if (assignment.Target is IPropertyReferenceOperation { Property.Name: "RequestUri" })
                {
                    target = assignment.Value;
                }
            }

            return verb is not null && ValueOrigins.Unwrap(verb) is IPropertyReferenceOperation { Property.Name: "Post" } post
                && SymbolEqualityComparer.Default.Equals(post.Property.ContainingType, httpMethod)
                ? target
                : null;
        }

        /// <summary>Some call of the parameter's method in the compilation passes a generation endpoint (or forwards a parameter that receives one).</summary>
        private bool ReachesEndpoint(IParameterSymbol parameter, int depth, CancellationToken cancellationToken)
        {
            if (reachesEndpoint.TryGetValue(parameter, out var known))
            {
                return known;
            }

            var method = (IMethodSymbol)parameter.ContainingSymbol;
            var found = false;
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, new HashSet<string> { method.Name }, cancellationToken))
            {
                if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, method.OriginalDefinition)
                    || invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal && a.ArgumentKind == ArgumentKind.Explicit) is not { } argument)
                {
                    continue;
                }

                var value = ValueOrigins.Trace(argument.Value, compilation, cancellationToken);
                if (UrlText(value, 0, cancellationToken) is { } text && LlmEndpoints.IsGenerationEndpoint(text))
                {
                    found = true;
                    break;
                }

                if (depth < MaxDepth
                    && value is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } } forwarded }
                    && !SymbolEqualityComparer.Default.Equals(forwarded, parameter)
                    && ReachesEndpoint(forwarded, depth + 1, cancellationToken))
                {
                    found = true;
                    break;
                }
            }

            reachesEndpoint.TryAdd(parameter, found);
            return found;
        }

        /// <summary>The spelled text of a URL (constants, interpolations, concatenations, <c>new Uri(text)</c>), holes for the rest.</summary>
        private string? UrlText(IOperation operation, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxTextDepth)
            {
                return null;
            }

            operation = ValueOrigins.Trace(operation, compilation, cancellationToken);
            if (ValueOrigins.ConstantString(operation) is { } constant)
            {
                return constant;
            }

            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    var text = new StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        text.Append(part switch
                        {
                            IInterpolatedStringTextOperation { Text: { } literal } when ValueOrigins.ConstantString(literal) is { } spelled => spelled,
                            IInterpolationOperation { Expression: { } expression } when ValueOrigins.ConstantString(expression) is { } value => value,
                            _ => LlmEndpoints.Hole.ToString(),
                        });
                    }

                    return text.ToString();
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    return (UrlText(concatenation.LeftOperand, depth + 1, cancellationToken) ?? LlmEndpoints.Hole.ToString())
                        + (UrlText(concatenation.RightOperand, depth + 1, cancellationToken) ?? LlmEndpoints.Hole.ToString());
                case IObjectCreationOperation { Type.Name: "Uri", Arguments.Length: > 0 } uri
                    when uri.Arguments[uri.Arguments.Length > 1 && uri.Arguments[1].Value.Type?.SpecialType == SpecialType.System_String ? 1 : 0] is { } relative
                        && relative.Value.Type?.SpecialType == SpecialType.System_String:
                    return UrlText(relative.Value, depth + 1, cancellationToken);
                default:
                    return null;
            }
        }

        private static IOperation? Argument(IInvocationOperation call, string name) =>
            call.Arguments.FirstOrDefault(a => a.Parameter?.Name == name && a.ArgumentKind == ArgumentKind.Explicit)?.Value;

        private static bool MentionsIdempotency(IOperation body) =>
            body.Descendants().Any(o => ValueOrigins.ConstantString(o) is { } text && text.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
