using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Raw HTTP LLM calls sent with Flurl.Http: <c>PostJsonAsync</c>, <c>PostStringAsync</c>, <c>PostAsync</c>, and
    /// <c>SendJsonAsync</c>/<c>SendStringAsync</c>/<c>SendAsync</c> given <c>HttpMethod.Post</c>, on the fluent chain a URL
    /// or a <c>new FlurlRequest(url)</c> starts (<c>"https://api.openai.com/v1/chat/completions"
    /// .WithOAuthBearerToken(key).PostJsonAsync(body)</c>, GameStutterOpenAIPrototype's OpenAIService). The URL is the
    /// string, <c>Uri</c> or <c>new Url(...)</c> the chain starts from, with the path segments it appends; an
    /// <c>IFlurlClient.Request(segments)</c> starts from the base URL of a visibly created <c>FlurlClient</c>, or from an
    /// unknown base (the segments must then name the endpoint, as a relative <c>HttpClient</c> URI does). The URL is
    /// classified as an <c>HttpClient</c> URL is, without the <c>HttpClient</c> base-address readings (a Flurl client
    /// has none of them); the body is the <c>body</c> or <c>content</c> argument, read as the HttpClient POST body is.
    /// A chain step the code does not show (a request from a method, a builder call not listed here) leaves the URL
    /// unknown and the call unrecognised.
    /// </summary>
    internal sealed partial class RawHttpLlmCalls
    {
        private readonly KnownFlurlSymbols flurl;

        /// <summary>On the method alone: a Flurl.Http POST or send (<c>GeneratedExtensions</c>, or <c>IFlurlRequest.SendAsync</c>).</summary>
        public bool IsFlurlSend(IMethodSymbol method)
        {
            if (!flurl.IsAvailable || method.Name is not ("PostJsonAsync" or "PostStringAsync" or "PostAsync" or "SendJsonAsync" or "SendStringAsync" or "SendAsync"))
            {
                return false;
            }

            method = method.ReducedFrom ?? method;
            var type = method.ContainingType?.OriginalDefinition;
            if (Same(type, flurl.HttpExtensions))
            {
                return true;
            }

            return method.Name == "SendAsync" && !method.IsStatic && type is not null
                && (Same(type, flurl.Request) || type.AllInterfaces.Any(i => Same(i, flurl.Request)));
        }

        /// <summary>The URL operand of a Flurl POST (the chain it is called on); null for a send whose verb is not visibly POST.</summary>
        private IOperation? FlurlUrlOperand(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (invocation.TargetMethod.Name is "SendJsonAsync" or "SendStringAsync" or "SendAsync"
                && (OperationValues.Argument(invocation, "verb") is not { } verb || !IsPost(verb, cancellationToken)))
            {
                return null;
            }

            return OperationValues.Receiver(invocation);
        }

        /// <summary>
        /// The body of a Flurl POST: the object <c>PostJsonAsync</c>/<c>SendJsonAsync</c> serialize, the text
        /// <c>PostStringAsync</c>/<c>SendStringAsync</c> send (read as <c>StringContent</c>'s, <see cref="SentAsText"/>), or the content.
        /// </summary>
        private static IOperation? FlurlBodyOperand(IInvocationOperation invocation) =>
            OperationValues.Argument(invocation, invocation.TargetMethod.Name is "PostAsync" or "SendAsync" ? "content" : "body");

        /// <summary>A Flurl (or RestSharp) POST's URL when it names a generation endpoint (a generic one with corroboration), or null.</summary>
        private (IOperation Operand, string Text)? FlurlRecognizedUrl(IInvocationOperation invocation, IOperation operand, CancellationToken cancellationToken)
        {
            if (UrlText(operand, cancellationToken) is not { } url)
            {
                return null;
            }

            return LlmEndpoints.Classify(url) switch
            {
                EndpointKind.Generation => (operand, url),
                EndpointKind.GenericGeneration when evidence.Corroborates(invocation, BodyOperand(invocation, cancellationToken), operand, url, cancellationToken) => (operand, url),
                _ => null,
            };
        }

        /// <summary>
        /// The URL text of a step of a Flurl chain: true when <paramref name="operation"/> is one (its text in
        /// <paramref name="text"/>, null when unknown), false for anything else (read by the HttpClient URL reading).
        /// </summary>
        private bool TryFlurlUrlText(IOperation operation, int depth, IOperation site, CancellationToken cancellationToken, out string? text)
        {
            text = null;
            if (!flurl.IsAvailable)
            {
                return false;
            }

            switch (operation)
            {
                case IObjectCreationOperation creation when Same(creation.Type?.OriginalDefinition, flurl.Url):
                    // new Url(string) or new Url(Uri)
                    text = creation.Arguments.Length == 1 ? UrlText(creation.Arguments[0].Value, depth + 1, site, cancellationToken) : null;
                    return true;

                case IObjectCreationOperation creation when Same(creation.Type?.OriginalDefinition, flurl.RequestClass):
                    text = NewRequestText(creation, depth, site, cancellationToken);
                    return true;

                case IInvocationOperation call:
                    var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
                    var type = method.ContainingType?.OriginalDefinition;
                    if (method.Name == "Request" && (Same(type, flurl.Client) || Same(type, flurl.ClientClass)))
                    {
                        text = ClientRequestText(call, depth, site, cancellationToken);
                        return true;
                    }

                    if (!IsFlurlBuilder(type))
                    {
                        return false;
                    }

                    if (OperationValues.Receiver(call) is not { } receiver)
                    {
                        return true;
                    }

                    if (method.Name is "AppendPathSegment" or "AppendPathSegments")
                    {
                        text = UrlText(receiver, depth + 1, site, cancellationToken) is { } start
                            ? Append(start, Segments(call, receiver, depth, site, cancellationToken))
                            : null;
                    }
                    else if (method.Name.StartsWith("With", System.StringComparison.Ordinal)
                        || method.Name.StartsWith("Allow", System.StringComparison.Ordinal)
                        || method.Name.StartsWith("SetQueryParam", System.StringComparison.Ordinal))
                    {
                        // Headers, settings, the client, a query: the path is the receiver's.
                        text = UrlText(receiver, depth + 1, site, cancellationToken);
                    }

                    return true;

                default:
                    return false;
            }
        }

        private bool IsFlurlBuilder(INamedTypeSymbol? type) =>
            type is not null
            && (Same(type, flurl.HttpExtensions) || Same(type, flurl.HeaderExtensions) || Same(type, flurl.SettingsExtensions)
                || Same(type, flurl.RequestUrlExtensions) || Same(type, flurl.UrlExtensions) || Same(type, flurl.Url));

        /// <summary>
        /// <c>new FlurlRequest(url, segments)</c> or <c>new FlurlRequest(new Url(...))</c>: the URL with the segments
        /// appended; <c>new FlurlRequest(client, segments)</c> reads as <c>client.Request(segments)</c>.
        /// </summary>
        private string? NewRequestText(IObjectCreationOperation creation, int depth, IOperation site, CancellationToken cancellationToken)
        {
            if (creation.Arguments.Length == 0 || creation.Arguments[0].ArgumentKind == ArgumentKind.DefaultValue)
            {
                return null;
            }

            var first = creation.Arguments[0].Value;
            var segments = new List<string>();
            for (var i = 1; i < creation.Arguments.Length; i++)
            {
                var argument = creation.Arguments[i];
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    segments.AddRange(initializer.ElementValues.Select(v => SegmentText(v, depth, site, cancellationToken)));
                }
                else if (argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    segments.Add(SegmentText(argument.Value, depth, site, cancellationToken));
                }
            }

            if (creation.Arguments[0].Parameter?.Type is { } type && (Same(type.OriginalDefinition, flurl.Client) || Same(type.OriginalDefinition, flurl.ClientClass)))
            {
                return ClientBasedText(first, segments, depth, site, cancellationToken);
            }

            return UrlText(first, depth + 1, site, cancellationToken) is { } start ? Append(start, segments) : null;
        }

        /// <summary>
        /// <c>client.Request(segments)</c>: the base URL of a <c>new FlurlClient(baseUrl)</c> the receiver visibly is (else
        /// unknown) with the segments appended; a first segment that is an absolute URL replaces the base.
        /// </summary>
        private string? ClientRequestText(IInvocationOperation call, int depth, IOperation site, CancellationToken cancellationToken) =>
            ClientBasedText(OperationValues.Receiver(call), Segments(call, OperationValues.Receiver(call), depth, site, cancellationToken), depth, site, cancellationToken);

        private string? ClientBasedText(IOperation? client, List<string> segments, int depth, IOperation site, CancellationToken cancellationToken)
        {
            if (segments.Count == 0)
            {
                return null;
            }

            if (segments[0].StartsWith("http://", System.StringComparison.OrdinalIgnoreCase) || segments[0].StartsWith("https://", System.StringComparison.OrdinalIgnoreCase))
            {
                return Append(segments[0], segments.Skip(1).ToList());
            }

            string? baseUrl = null;
            if (client is not null
                && OperationValues.Trace(client, compilation, cancellationToken) is IObjectCreationOperation created
                && Same(created.Type?.OriginalDefinition, flurl.ClientClass))
            {
                var argument = created.Arguments.FirstOrDefault(a => a.Parameter?.Name == "baseUrl" && a.ArgumentKind != ArgumentKind.DefaultValue);
                baseUrl = argument is null ? null : UrlText(argument.Value, depth + 1, site, cancellationToken);
            }

            return Append(baseUrl ?? LlmEndpoints.Hole.ToString(), segments);
        }

        /// <summary>The path segments a call appends (its arguments other than the receiver and flags), unknown ones as holes.</summary>
        private List<string> Segments(IInvocationOperation call, IOperation? receiver, int depth, IOperation site, CancellationToken cancellationToken)
        {
            var segments = new List<string>();
            foreach (var argument in call.Arguments)
            {
                if (ReferenceEquals(argument.Value, receiver) || argument.ArgumentKind == ArgumentKind.DefaultValue
                    || argument.Parameter?.Type.SpecialType == SpecialType.System_Boolean)
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    segments.AddRange(initializer.ElementValues.Select(v => SegmentText(v, depth, site, cancellationToken)));
                }
                else
                {
                    segments.Add(SegmentText(argument.Value, depth, site, cancellationToken));
                }
            }

            return segments;
        }

        private string SegmentText(IOperation value, int depth, IOperation site, CancellationToken cancellationToken) =>
            value.Type is { } type && type.SpecialType != SpecialType.System_String && type.SpecialType != SpecialType.System_Object
                ? LlmEndpoints.Hole.ToString() // an IEnumerable of segments, a number: not read
                : UrlText(value, depth + 1, site, cancellationToken) ?? LlmEndpoints.Hole.ToString();

        private static string Append(string start, IReadOnlyList<string> segments)
        {
            var text = start;
            foreach (var segment in segments)
            {
                text = text.TrimEnd('/') + "/" + segment.TrimStart('/');
            }

            return text;
        }

        private static bool Same(ISymbol? symbol, ISymbol? known) => known is not null && SymbolEqualityComparer.Default.Equals(symbol, known);
    }
}
