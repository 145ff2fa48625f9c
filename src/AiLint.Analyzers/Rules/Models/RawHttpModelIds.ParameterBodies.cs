using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>What a method's raw request bodies do with one of its parameters (<see cref="RawHttpModelIds.BodiesSending"/>).</summary>
    internal enum ParameterBodyReach
    {
        /// <summary>No raw body the method posts has the parameter as its model.</summary>
        None,

        /// <summary>Every body that has it as its model goes to one known provider's API (the provider is given beside).</summary>
        KnownProvider,

        /// <summary>A body sends it to another host, one the code does not spell, or two providers get it: no one's ids alone count.</summary>
        Elsewhere,
    }

    /// <summary>
    /// A parameter a method writes as the <c>model</c> of the raw request bodies it posts: read for a constant a caller
    /// passes to a project helper (review88 M1, Langfuse-dotnet's <c>GetChatCompletionAsync(string model, string
    /// prompt)</c> posting <c>new { model = model, messages }</c> to <c>$"{BaseUrl}/chat/completions"</c> on
    /// api.openai.com) and for an interface's default that the member's sole implementation sends (review68).
    /// </summary>
    internal sealed partial class RawHttpModelIds
    {
        /// <summary>
        /// Whose ids count at the endpoint of a raw request: <see cref="AnyProvider"/> at OpenAI's own host (the URL or
        /// every base address of the client spells api.openai.com; a gateway there forwards other providers' ids),
        /// <see cref="AnthropicProvider"/> at Anthropic's Messages API; null at any other host, one the code does not
        /// spell, Ollama's or Azure's paths, where an OpenAI-style name is that server's own.
        /// </summary>
        internal string? ProviderAt(IInvocationOperation post, string urlText, Compilation compilation, CancellationToken cancellationToken) =>
            LlmEndpoints.ApiOf(urlText) switch
            {
                EndpointApi.Anthropic => AnthropicProvider,
                EndpointApi.OpenAICompatible when GoesToOpenAI(post, urlText, compilation, cancellationToken) => AnyProvider,
                _ => null,
            };

        /// <summary>The marker <see cref="ProviderAt"/> gives for every provider's ids (a provider name is never empty).</summary>
        internal const string AnyProvider = "";

        /// <summary>
        /// Whether <paramref name="method"/> writes <paramref name="parameter"/> as the <c>model</c> of raw request bodies it
        /// posts, directly or through one project helper that posts the body (<see cref="HelperPostedBodies"/>), and whose
        /// ids count there: <paramref name="provider"/> receives <see cref="ProviderAt"/>'s answer when every such body goes
        /// to the same known provider. <c>new { model, messages }</c> posted to <c>"chat/completions"</c> on a client whose
        /// base address is api.openai.com is <see cref="ParameterBodyReach.KnownProvider"/> with <see cref="AnyProvider"/>.
        /// </summary>
        internal ParameterBodyReach BodiesSending(IMethodSymbol method, IParameterSymbol parameter, Compilation compilation, CancellationToken cancellationToken, out string? provider)
        {
            provider = null;
            foreach (var methodBody in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var invocation in methodBody.DescendantsAndSelf().OfType<IInvocationOperation>())
                {
                    if (!IsCandidate(invocation) || RequestOf(invocation, cancellationToken) is not { } request)
                    {
                        continue;
                    }

                    var body = request.Body ?? calls.BodyOperand(request.Post, cancellationToken);
                    if (body is null || !WritesAsModel(body, parameter, compilation, cancellationToken))
                    {
                        continue;
                    }

                    // The id goes to another server too (in that server's terms), or to two providers (a provider switch);
                    // a body the compiler cannot type (half-typed code) is no request the helper makes yet.
                    var here = ProviderAt(request.Post, request.UrlText, compilation, cancellationToken);
                    if (here == null || (provider != null && provider != here) || HasErrorType(body))
                    {
                        provider = null;
                        return ParameterBodyReach.Elsewhere;
                    }

                    provider = here;
                }
            }

            return provider == null ? ParameterBodyReach.None : ParameterBodyReach.KnownProvider;
        }

        /// <summary>
        /// Whether <paramref name="method"/> writes <paramref name="parameter"/> as the model of raw bodies it posts only to
        /// OpenAI's own host (<see cref="BodiesSending"/>): read for an interface's default that the member's sole
        /// implementation sends (<see cref="HelperParameterSlots.ReachesRawModelBody"/>).
        /// </summary>
        internal bool PostsParameterAsOpenAIModel(IMethodSymbol method, IParameterSymbol parameter, Compilation compilation, CancellationToken cancellationToken) =>
            BodiesSending(method, parameter, compilation, cancellationToken, out var provider) == ParameterBodyReach.KnownProvider
            && provider == AnyProvider;

        // `new { model, messages = undefinedMessages }`: the body's type, or a member of an anonymous body, is an error type.
        private static bool HasErrorType(IOperation body) =>
            ModelIdValue.Unwrap(body).Type is { } type
            && (type.TypeKind == TypeKind.Error
                || (type.IsAnonymousType && type.GetMembers().OfType<IPropertySymbol>().Any(member => member.Type.TypeKind == TypeKind.Error)));

        // The body's model member is the parameter itself (`new { model }`, `["model"] = model`, `Model = model`).
        private static bool WritesAsModel(IOperation body, IParameterSymbol parameter, Compilation compilation, CancellationToken cancellationToken) =>
            RequestBodyModelIds.Read(body, compilation, cancellationToken).Any(model =>
                model.Value is { } value
                && ModelIdValue.Unwrap(value) is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition));
    }
}
