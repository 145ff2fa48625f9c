using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// LLM calls made over plain <c>HttpClient</c>: <c>PostAsync</c>, <c>PostAsJsonAsync</c>, and <c>SendAsync</c>/<c>Send</c>
    /// of a visibly created POST <c>HttpRequestMessage</c>, to a URL whose constant text ends with a provider's generation
    /// endpoint (<see cref="LlmEndpoints"/>); for the generic paths (<c>/api/chat</c>, <c>/api/generate</c>,
    /// <c>/v1/messages</c>) only with corroboration of the provider or an LLM-shaped body (<see cref="LlmRequestEvidence"/>). The URL may be a literal, a constant, an interpolated or concatenated string,
    /// a <c>new Uri(...)</c> of those, a relative URI (the client's BaseAddress is not needed: the endpoint is in the
    /// relative part), or a local or field holding one of these. A relative path that names an endpoint only on its
    /// provider's base address (<c>"responses"</c>, <c>"messages"</c>) counts when every base address the client can have
    /// is that provider's (<see cref="OnProviderBase"/>). The URL may also be what a project method returns or a settings
    /// property's default (RawHttpLlmCalls.ComputedUrls.cs), and the send may be a call of a project helper that sends
    /// the request it is given (RawHttpLlmCalls.HelperSends.cs). An empty relative URI on a base address that is the
    /// whole endpoint, and a configuration key the settings files set to one endpoint, read as that endpoint
    /// (RawHttpLlmCalls.UnspelledUrls.cs), as does a bound options property whose path they set to one
    /// (RawHttpLlmCalls.BoundOptionsUrls.cs). Any other URL the code does not spell (read from configuration without a
    /// settings value, passed in) is not recognised: precision first.
    /// </summary>
    /// <remarks>
    /// Streaming: only when <c>SendAsync</c> is given <c>HttpCompletionOption.ResponseHeadersRead</c>, the one way the caller
    /// reads tokens while they arrive. Every other call buffers the whole response before it returns, even with
    /// <c>"stream": true</c> in the body or Gemini's <c>:streamGenerateContent</c>: nothing is shown before the answer is
    /// complete, so for a retry it is a generation.
    /// </remarks>
    internal sealed partial class RawHttpLlmCalls
    {
        private const int ResponseHeadersRead = 1;
        private const int MaxDepth = 6;

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? httpClient;
        private readonly INamedTypeSymbol? jsonExtensions;
        private readonly INamedTypeSymbol? requestMessage;
        private readonly INamedTypeSymbol? httpMethod;
        private readonly INamedTypeSymbol? uri;

        /// <summary>Whether <paramref name="type"/> is <c>System.Uri</c> (by its symbol).</summary>
        internal bool IsUri(ITypeSymbol? type) => uri is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, uri);
        private readonly LlmRequestEvidence evidence;

        public RawHttpLlmCalls(Compilation compilation)
        {
            this.compilation = compilation;
            httpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            jsonExtensions = compilation.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions");
            requestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
            httpMethod = compilation.GetTypeByMetadataName("System.Net.Http.HttpMethod");
            uri = compilation.GetTypeByMetadataName("System.Uri");
            evidence = new LlmRequestEvidence(compilation);
            flurl = KnownFlurlSymbols.For(compilation);
            restSharp = KnownRestSharpSymbols.For(compilation);
        }

        /// <summary>The compilation the calls are read in.</summary>
        public Compilation Compilation => compilation;

        /// <summary>Corroboration for the generic endpoints (<see cref="EndpointKind.GenericGeneration"/>).</summary>
        public LlmRequestEvidence Evidence => evidence;

        public bool IsAvailable => httpClient is not null;

        /// <summary>
        /// Cheap test on the method alone: an <c>HttpClient</c> POST or send (<see cref="IsHttpClientMember"/>), or a
        /// method of the project that may send a request message it is given (<see cref="MayBeSendingHelper"/>).
        /// </summary>
        public bool IsCandidate(IMethodSymbol method) => IsHttpClientMember(method) || MayBeSendingHelper(method) || IsFlurlSend(method) || IsRestSharpSend(method);

        /// <summary>
        /// The names of the <c>HttpClient</c> members <see cref="IsHttpClientMember"/> accepts: a text search for them
        /// finds every call that may send a raw request (the settings readers' and the posting-helper readers' prefilter);
        /// Flurl.Http's <c>PostJsonAsync</c>/<c>PostStringAsync</c>/<c>SendJsonAsync</c>/<c>SendStringAsync</c>
        /// (<see cref="IsFlurlSend"/>) and RestSharp's sends (<see cref="IsRestSharpSend"/>) are among them.
        /// </summary>
        internal static readonly HashSet<string> HttpClientSendNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "PostAsync", "PostAsJsonAsync", "SendAsync", "Send", "PostJsonAsync", "SendJsonAsync", "PostStringAsync", "SendStringAsync",
            "ExecuteAsync", "Execute", "ExecutePostAsync", "ExecutePost", "Post", "PostJson",
        };

        /// <summary><c>HttpClient.PostAsync</c>, <c>SendAsync</c>, <c>Send</c> or the <c>PostAsJsonAsync</c> extension.</summary>
        public bool IsHttpClientMember(IMethodSymbol method)
        {
            if (httpClient is null)
            {
                return false;
            }

            var type = method.ContainingType?.OriginalDefinition;
            return method.Name switch
            {
                "PostAsync" or "SendAsync" or "Send" => SymbolEqualityComparer.Default.Equals(type, httpClient),
                "PostAsJsonAsync" => jsonExtensions is not null && SymbolEqualityComparer.Default.Equals(type, jsonExtensions),
                _ => false,
            };
        }

        public LlmCall Recognize(IInvocationOperation invocation, CancellationToken cancellationToken) =>
            RecognizedUrl(invocation, cancellationToken) is null
                ? LlmCall.None
                : new LlmCall(IsStreamingSend(invocation) || HelperSend(invocation, cancellationToken) is { Streaming: true } ? LlmCallKind.Streaming : LlmCallKind.Generation, LlmSdk.Http, invocation.TargetMethod);

        /// <summary>
        /// The URL of a candidate call (<see cref="IsCandidate"/>) that is an LLM call (<see cref="Recognize"/>): its operand
        /// and text, for the readers of its endpoint and body; null for any other call.
        /// </summary>
        public (IOperation Operand, string Text)? RecognizedUrl(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (UrlOperand(invocation, cancellationToken) is not { } operand)
            {
                return null;
            }

            if (IsFlurlSend(invocation.TargetMethod) || IsRestSharpSend(invocation.TargetMethod))
            {
                return FlurlRecognizedUrl(invocation, operand, cancellationToken); // RawHttpLlmCalls.Flurl.cs (RestSharp's too)
            }

            if (WholeBaseAddress(invocation, operand, cancellationToken) is { } baseAddress)
            {
                return baseAddress; // "" on a base address that is the endpoint (RawHttpLlmCalls.UnspelledUrls.cs)
            }

            if ((UrlText(operand, cancellationToken) ?? WrittenUrlFields.Text(this, operand, cancellationToken)) is not { } url)
            {
                return null;
            }

            switch (LlmEndpoints.Classify(url))
            {
                case EndpointKind.Generation:
                    return (operand, url);
                case EndpointKind.GenericGeneration when evidence.Corroborates(invocation, BodyOperand(invocation, cancellationToken), operand, url, cancellationToken):
                    return (operand, url);
            }

            // A helper's send: the client whose base address counts is the helper's.
            var post = HelperSend(invocation, cancellationToken)?.Send ?? invocation;
            return OnProviderBase(post, url, cancellationToken) is { } onHost ? (operand, onHost) : null;
        }

        /// <summary>
        /// A relative path (<c>"responses"</c>, <c>"chat/completions"</c>, <c>"v1/messages"</c>) posted by a client whose
        /// every possible <c>BaseAddress</c> is OpenAI's or Anthropic's, by the reading AIL0501 makes of it
        /// (<see cref="RawHttpBaseAddresses"/>: the posting type's assignments, typed and named <c>AddHttpClient</c>
        /// registrations, settings defaults and <c>appsettings*.json</c> values): the provider's endpoint URL it names
        /// (<see cref="LlmEndpoints.OnHost"/>), or null. The host stands for the corroboration a generic path needs. Any
        /// other host, or one the code does not resolve, leaves the path unrecognised (TreyWheeler/MigrationReport's
        /// <c>"responses"</c> on <c>OpenAIOptions.BaseUrl</c>, review 61).
        /// </summary>
        internal string? OnProviderBase(IInvocationOperation invocation, string url, CancellationToken cancellationToken)
        {
            if (url.Length == 0 || url[0] == LlmEndpoints.Hole || !LlmEndpoints.MayBeOnHost(url))
            {
                return null;
            }

            var host = RawHttpBaseAddresses.HostOf(invocation, compilation, cancellationToken);
            return host == LlmHost.None ? null : LlmEndpoints.OnHost(url, host);
        }

        /// <summary>A <c>SendAsync</c>/<c>Send</c> given <c>HttpCompletionOption.ResponseHeadersRead</c>: the body is read while it arrives.</summary>
        public bool IsStreamingSend(IInvocationOperation invocation) =>
            invocation.TargetMethod.Name is "SendAsync" or "Send"
            && OperationValues.Argument(invocation, "completionOption") is { ConstantValue: { HasValue: true, Value: int option } }
            && option == ResponseHeadersRead;

        /// <summary>
        /// The URL operand of a candidate call (<see cref="IsCandidate"/>): the <c>requestUri</c> argument of a POST, or the
        /// URL of the visibly created POST request a send is given; null otherwise.
        /// </summary>
        public IOperation? UrlOperand(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (IsFlurlSend(invocation.TargetMethod))
            {
                return FlurlUrlOperand(invocation, cancellationToken);
            }

            if (IsRestSharpSend(invocation.TargetMethod))
            {
                return RestSharpUrlOperand(invocation, cancellationToken); // RawHttpLlmCalls.RestSharp.cs
            }

            if (IsHttpClientMember(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod) && invocation.TargetMethod.Name is not ("SendAsync" or "Send"))
            {
                return OperationValues.Argument(invocation, "requestUri");
            }

            return SentRequest(invocation, cancellationToken) is { } request ? PostTarget(request, cancellationToken) : null;
        }

        /// <summary>The URL operand of <paramref name="request"/> when the code visibly creates it as a POST (as a send's request is read), or null.</summary>
        public IOperation? PostRequestUrl(IOperation request, CancellationToken cancellationToken) => PostTarget(request, cancellationToken);

        /// <summary>
        /// The text of a URL expression, with <see cref="LlmEndpoints.Hole"/> for each part the code does not spell, or null
        /// when nothing of it is visible.
        /// </summary>
        public string? UrlText(IOperation operation, CancellationToken cancellationToken) => UrlText(operation, 0, operation, cancellationToken);

        /// <summary>
        /// The body a candidate call sends: <c>PostAsJsonAsync</c>'s value, <c>PostAsync</c>'s content, or the
        /// <c>Content</c> of the request a send is given (set in its initializer, or assigned to the local holding it).
        /// </summary>
        public IOperation? BodyOperand(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (IsFlurlSend(invocation.TargetMethod))
            {
                return FlurlBodyOperand(invocation);
            }

            if (IsRestSharpSend(invocation.TargetMethod))
            {
                return RestSharpBodyOperand(invocation, cancellationToken);
            }

            if (IsHttpClientMember(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod))
            {
                switch (invocation.TargetMethod.Name)
                {
                    case "PostAsJsonAsync":
                        return OperationValues.Argument(invocation, "value");
                    case "PostAsync":
                        return OperationValues.Argument(invocation, "content");
                }
            }

            return SentRequest(invocation, cancellationToken) is { } request ? RequestContent(request, cancellationToken) : null;
        }

        /// <summary>
        /// The request a send is given, followed through locals and through one project method that returns it
        /// (<c>using var message = CreateRequest(request, configuration);</c>, review 49: the helper makes the POST).
        /// </summary>
        private IOperation RequestValue(IOperation request, CancellationToken cancellationToken) =>
            OperationValues.Trace(FactoryReturned(request, cancellationToken) ?? request, compilation, cancellationToken);

        /// <summary>The one value a project method returns when <paramref name="request"/> is (a local holding) its result; null otherwise.</summary>
        private IOperation? FactoryReturned(IOperation request, CancellationToken cancellationToken) =>
            OperationValues.Trace(request, compilation, cancellationToken) is IInvocationOperation factory && SourceBodies.IsInSource(factory.TargetMethod, compilation)
                && SourceBodies.ReturnedValues(factory.TargetMethod, compilation, cancellationToken) is { Count: 1 } returned
                ? returned[0]
                : null;

        /// <summary>The URL operand of a request the code creates as a POST, or null.</summary>
        private IOperation? PostTarget(IOperation request, CancellationToken cancellationToken)
        {
            if (RequestValue(request, cancellationToken) is not IObjectCreationOperation creation
                || !SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, requestMessage))
            {
                return null;
            }

            var (method, target) = MethodAndUri(creation);
            return method is not null && target is not null && IsPost(method, cancellationToken) ? target : null;
        }

        /// <summary>
        /// The method and URI a <c>new HttpRequestMessage(...)</c> is given, by its constructor's arguments or its object
        /// initializer (the initializer's value wins, as at run time); null where the creation sets none.
        /// </summary>
        internal static (IOperation? Method, IOperation? Uri) MethodAndUri(IObjectCreationOperation creation)
        {
            IOperation? method = null;
            IOperation? uri = null;
            foreach (var argument in creation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "method":
                        method = argument.Value;
                        break;
                    case "requestUri":
                        uri = argument.Value;
                        break;
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var assignment in initializer.Initializers)
                {
                    if (assignment is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } set)
                    {
                        switch (property.Property.Name)
                        {
                            case "Method":
                                method = set.Value;
                                break;
                            case "RequestUri":
                                uri = set.Value;
                                break;
                        }
                    }
                }
            }

            return (method, uri);
        }

        private bool IsPost(IOperation method, CancellationToken cancellationToken)
        {
            var origin = OperationValues.Trace(method, compilation, cancellationToken);
            return origin switch
            {
                IPropertyReferenceOperation property => property.Property.Name == "Post"
                    && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType?.OriginalDefinition, httpMethod),
                IObjectCreationOperation { Arguments.Length: 1 } created => SymbolEqualityComparer.Default.Equals(created.Type?.OriginalDefinition, httpMethod)
                    && created.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string verb }
                    && string.Equals(verb, "POST", System.StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
        }

        // site: the URL expression the reading started from (where the request is made), for SettingDefaultText.
        private string? UrlText(IOperation operation, int depth, IOperation site, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            operation = OperationValues.Unwrap(operation);
            if (operation.ConstantValue is { HasValue: true, Value: string constant })
            {
                return constant;
            }

            if (TryFlurlUrlText(operation, depth, site, cancellationToken, out var flurlText))
            {
                return flurlText; // a step of a Flurl chain (RawHttpLlmCalls.Flurl.cs)
            }

            if (TryRestSharpUrlText(operation, depth, site, cancellationToken, out var restText))
            {
                return restText; // a RestSharp send: base URL and resource (RawHttpLlmCalls.RestSharp.cs)
            }

            if (ConfiguredUrlText(operation, cancellationToken) is { } configured)
            {
                return configured; // a settings key set to one endpoint (RawHttpLlmCalls.UnspelledUrls.cs)
            }

            if (TryBoundOptionsUrl(operation, cancellationToken, out var bound))
            {
                return bound; // a bound options property whose path the settings files set (RawHttpLlmCalls.BoundOptionsUrls.cs)
            }

            switch (operation)
            {
                case ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }:
                    var traced = OperationValues.Trace(operation, compilation, cancellationToken);
                    return ReferenceEquals(traced, operation)
                        ? SettingDefaultText(operation, site, cancellationToken)
                        : UrlText(traced, depth + 1, site, cancellationToken);

                case IInvocationOperation call:
                    return CalledUrlText(call, depth, site, cancellationToken);

                case IInterpolatedStringOperation interpolated:
                    var text = new StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        text.Append(part switch
                        {
                            IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string literal } } => literal,
                            IInterpolationOperation { Expression.ConstantValue: { HasValue: true, Value: string value } } => value,
                            _ => LlmEndpoints.Hole.ToString(),
                        });
                    }

                    return text.ToString();

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    return (UrlText(concatenation.LeftOperand, depth + 1, site, cancellationToken) ?? LlmEndpoints.Hole.ToString())
                        + (UrlText(concatenation.RightOperand, depth + 1, site, cancellationToken) ?? LlmEndpoints.Hole.ToString());

                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, uri) && creation.Arguments.Length > 0:
                    // new Uri(url[, kind]) or new Uri(baseUri, relative): the relative part ends the URL.
                    var first = creation.Arguments[0];
                    if (first.Parameter?.Type.SpecialType == SpecialType.System_String)
                    {
                        return UrlText(first.Value, depth + 1, site, cancellationToken);
                    }

                    return creation.Arguments.Length > 1 && UrlText(creation.Arguments[1].Value, depth + 1, site, cancellationToken) is { } relative
                        ? LlmEndpoints.Hole + "/" + relative
                        : null;

                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    // base is null ? new Uri(path, UriKind.Relative) : new Uri(base, path): both branches reach one endpoint,
                    // so either text stands for the URL; branches naming different kinds of endpoint leave it unknown.
                    var whenTrue = UrlText(conditional.WhenTrue, depth + 1, site, cancellationToken);
                    var otherwise = UrlText(whenFalse, depth + 1, site, cancellationToken);
                    return whenTrue is not null && otherwise is not null && LlmEndpoints.Classify(whenTrue) == LlmEndpoints.Classify(otherwise)
                        ? whenTrue
                        : null;

                default:
                    return null;
            }
        }
    }
}
