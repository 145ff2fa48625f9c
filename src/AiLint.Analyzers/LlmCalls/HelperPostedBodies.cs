using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// A request body built by the caller and handed to a project helper that posts it:
    /// <c>await PostAsync("chat/completions", new { model = "gpt-4o", messages = ... })</c> with
    /// <c>Task&lt;T&gt; PostAsync&lt;T&gt;(string path, object body) =&gt; _http.PostAsJsonAsync(path, body)</c>, or
    /// <c>GenerateContentAsync(new ChatCompletionRequest { ... })</c> whose body serializes its parameter into
    /// <c>StringContent</c> (review 57, barreto-exe/CronometerLogMealApi). The body's readers (the model id, AIL0501-0503;
    /// the system and single-turn slots, AIL0301) read the caller's argument, where the code spells it.
    /// </summary>
    /// <remarks>
    /// One level: the helper is an ordinary, non-virtual method of the compilation (its body decides what is sent), and
    /// one of its candidate POSTs (<see cref="RawHttpLlmCalls.IsCandidate"/>) sends one of its parameters as the body
    /// object (<c>PostAsJsonAsync</c>'s value, or serialized into the content; <see cref="RequestBodyShape"/>). The POST
    /// is an LLM call by the URL it spells (<see cref="RawHttpLlmCalls.RecognizedUrl"/>), or, when the URL is another
    /// parameter of the helper, by the URL the caller passes, read as a POST's URL is read (a generic path needs
    /// corroboration at the caller, a relative one a provider's base address on the helper's client). A text
    /// parameter posted as JSON text is not followed, nor a helper that posts several of its parameters or several ways.
    /// </remarks>
    internal sealed class HelperPostedBodies
    {
        private static readonly string[] PostNames = { "PostAsJsonAsync", "PostAsync", "SendAsync", "Send" };

        private readonly Compilation compilation;
        private readonly RawHttpLlmCalls calls;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<PostedParameter>> helpers = new(SymbolEqualityComparer.Default);

        public HelperPostedBodies(Compilation compilation, RawHttpLlmCalls calls)
        {
            this.compilation = compilation;
            this.calls = calls;
        }

        /// <summary>
        /// When <paramref name="call"/> hands a body to a helper that posts it to an LLM endpoint: the helper's POST, the
        /// URL's operand (in the helper, or the caller's argument) and text, and the caller's argument for the body.
        /// </summary>
        public HelperPost? Find(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (method.MethodKind != MethodKind.Ordinary || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                || method.Parameters.IsEmpty || !SourceBodies.IsInSource(method, compilation)
                || calls.IsCandidate(call.TargetMethod.ReducedFrom ?? call.TargetMethod))
            {
                return null;
            }

            var posted = helpers.GetOrAdd(method, m => PostedParameters(m, cancellationToken));
            if (posted.Length != 1)
            {
                return null;
            }

            var (post, bodyOrdinal, urlOrdinal, spelled) = (posted[0].Post, posted[0].BodyOrdinal, posted[0].UrlOrdinal, posted[0].Url);
            if (Argument(call, bodyOrdinal) is not { } body)
            {
                return null;
            }

            if (spelled is { } recognized)
            {
                return new HelperPost(post, recognized.Operand, recognized.Text, body);
            }

            if (Argument(call, urlOrdinal) is not { } url || calls.UrlText(url, cancellationToken) is not { } text)
            {
                return null;
            }

            switch (LlmEndpoints.Classify(text))
            {
                case EndpointKind.Generation:
                    return new HelperPost(post, url, text, body);
                case EndpointKind.GenericGeneration when calls.Evidence.CorroboratesHelperCall(call, url, text, cancellationToken):
                    return new HelperPost(post, url, text, body);
            }

            return calls.OnProviderBase(post, text, cancellationToken) is { } onHost ? new HelperPost(post, url, onHost, body) : null;
        }

        private static IOperation? Argument(IInvocationOperation call, int ordinal) =>
            ordinal < 0 ? null
            : call.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit && a.Parameter?.Ordinal == ordinal)?.Value;

        /// <summary>The helper's POSTs whose body object is one of its parameters, with the URL they spell or the parameter that gives it.</summary>
        private ImmutableArray<PostedParameter> PostedParameters(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var found = ImmutableArray.CreateBuilder<PostedParameter>();

            // Most project methods post nothing: their body is bound only when it spells a POST's name.
            if (!SourceBodies.GetBodySyntax(method, cancellationToken).Any(node => node.DescendantTokens().Any(token =>
                token.IsKind(SyntaxKind.IdentifierToken) && PostNames.Contains(token.ValueText))))
            {
                return found.ToImmutable();
            }

            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var post in body.DescendantsAndSelf().OfType<IInvocationOperation>())
                {
                    if (!calls.IsCandidate(post.TargetMethod.ReducedFrom ?? post.TargetMethod)
                        || calls.BodyOperand(post, cancellationToken) is not { } operand
                        || RequestBodyShape.Of(operand, compilation, cancellationToken) is not { Value: IParameterReferenceOperation { Parameter: var parameter }, Text: null }
                        || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method)
                        || parameter.Type.SpecialType == SpecialType.System_String)
                    {
                        continue;
                    }

                    var url = calls.RecognizedUrl(post, cancellationToken);
                    var urlOrdinal = url is null
                        && calls.UrlOperand(post, cancellationToken) is { } urlOperand
                        && OperationValues.Trace(urlOperand, compilation, cancellationToken) is IParameterReferenceOperation { Parameter: var urlParameter }
                        && SymbolEqualityComparer.Default.Equals(urlParameter.ContainingSymbol.OriginalDefinition, method)
                            ? urlParameter.Ordinal
                            : -1;
                    found.Add(new PostedParameter(post, parameter.Ordinal, urlOrdinal, url));
                }
            }

            return found.ToImmutable();
        }

        private readonly struct PostedParameter
        {
            public PostedParameter(IInvocationOperation post, int bodyOrdinal, int urlOrdinal, (IOperation Operand, string Text)? url)
            {
                Post = post;
                BodyOrdinal = bodyOrdinal;
                UrlOrdinal = urlOrdinal;
                Url = url;
            }

            public IInvocationOperation Post { get; }

            public int BodyOrdinal { get; }

            /// <summary>The helper's parameter the URL is, or -1.</summary>
            public int UrlOrdinal { get; }

            /// <summary>The URL the helper's POST spells when it is an LLM call by itself.</summary>
            public (IOperation Operand, string Text)? Url { get; }
        }
    }

    /// <summary>A body handed to a posting helper (<see cref="HelperPostedBodies"/>).</summary>
    internal sealed class HelperPost
    {
        public HelperPost(IInvocationOperation post, IOperation url, string urlText, IOperation body)
        {
            Post = post;
            Url = url;
            UrlText = urlText;
            Body = body;
        }

        /// <summary>The POST in the helper (its client is the one whose base address counts).</summary>
        public IInvocationOperation Post { get; }

        /// <summary>The URL's operand: the helper's, or the caller's argument.</summary>
        public IOperation Url { get; }

        /// <summary>The URL's text, as <see cref="RawHttpLlmCalls.RecognizedUrl"/> gives it.</summary>
        public string UrlText { get; }

        /// <summary>The caller's argument for the body: what the request sends.</summary>
        public IOperation Body { get; }
    }
}
