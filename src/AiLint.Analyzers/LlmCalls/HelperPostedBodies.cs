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
    /// The same holds for a helper that builds the body itself around a message list it is given
    /// (<see cref="FindList"/>): the list parameter must be, visibly, the body's <c>messages</c>/<c>input</c> member.
    /// </remarks>
    internal sealed class HelperPostedBodies
    {
        // The members of a body that carry the conversation: chat completions, Anthropic and Ollama's messages, Responses' input.
        private static readonly string[] ListMembers = { "messages", "input" };

        private readonly Compilation compilation;
        private readonly RawHttpLlmCalls calls;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<PostedParameter>> helpers = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> inSource = new(SymbolEqualityComparer.Default);

        public HelperPostedBodies(Compilation compilation, RawHttpLlmCalls calls)
        {
            this.compilation = compilation;
            this.calls = calls;
        }

        /// <summary>
        /// When <paramref name="call"/> hands a body to a helper that posts it to an LLM endpoint: the helper's POST, the
        /// URL's operand (in the helper, or the caller's argument) and text, and the caller's argument for the body.
        /// </summary>
        public HelperPost? Find(IInvocationOperation call, CancellationToken cancellationToken) => Resolve(call, list: false, cancellationToken);

        /// <summary>
        /// When <paramref name="call"/> hands a message list to a helper that makes it the <c>messages</c> (or Responses
        /// <c>input</c>) member of the body it builds and posts to an LLM endpoint
        /// (<c>GetChatResponseAsync(messages)</c> with <c>new { model, messages, temperature }</c> posted, review72's
        /// NutritionAmbition): as <see cref="Find"/>, with the caller's list as <see cref="HelperPost.Body"/> and the member
        /// it fills as <see cref="HelperPost.ListMember"/>. The body's other members are read at the helper's own POST.
        /// </summary>
        public HelperPost? FindList(IInvocationOperation call, CancellationToken cancellationToken) => Resolve(call, list: true, cancellationToken);

        /// <summary>
        /// An ordinary method declared in this compilation's source (<see cref="SourceBodies.IsInSource"/>), kept per
        /// method: it is asked for every call of a project method the model rules walk, several times per call, and a
        /// source method's declaring references are built anew on each read.
        /// </summary>
        public bool IsOrdinarySourceMethod(IMethodSymbol method)
        {
            method = method.OriginalDefinition;
            if (method.MethodKind != MethodKind.Ordinary || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                return false;
            }

            return inSource.TryGetValue(method, out var known) ? known : inSource.GetOrAdd(method, SourceBodies.IsInSource(method, compilation));
        }

        /// <summary>
        /// On the method alone: whether a call of <paramref name="method"/> may hand a body to a project helper
        /// (<see cref="Find"/>, <see cref="FindList"/>): an ordinary, non-virtual method with parameters, declared in
        /// this compilation's source.
        /// </summary>
        private bool MayBeHelper(IMethodSymbol method) =>
            !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern && !method.Parameters.IsEmpty
            && IsOrdinarySourceMethod(method);

        private HelperPost? Resolve(IInvocationOperation call, bool list, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (!MayBeHelper(method) || calls.IsHttpClientMember(call.TargetMethod.ReducedFrom ?? call.TargetMethod))
            {
                return null;
            }

            // One POST of one parameter, one way: a helper that posts a body it is given and also builds one around a
            // list it is given sends either, so neither is read. Looked up before it is added: GetOrAdd with a lambda
            // would make a closure on every call, found or not.
            if (!helpers.TryGetValue(method, out var posted))
            {
                posted = helpers.GetOrAdd(method, PostedParameters(method, cancellationToken));
            }

            if (posted.Length != 1 || (posted[0].ListMember is not null) != list)
            {
                return null;
            }

            var (post, bodyOrdinal, urlOrdinal, spelled, member) = (posted[0].Post, posted[0].BodyOrdinal, posted[0].UrlOrdinal, posted[0].Url, posted[0].ListMember);
            if (Argument(call, bodyOrdinal) is not { } body)
            {
                return null;
            }

            if (spelled is { } recognized)
            {
                return new HelperPost(post, recognized.Operand, recognized.Text, body, member);
            }

            if (Argument(call, urlOrdinal) is not { } url || calls.UrlText(url, cancellationToken) is not { } text)
            {
                return null;
            }

            switch (LlmEndpoints.Classify(text))
            {
                case EndpointKind.Generation:
                    return new HelperPost(post, url, text, body, member);
                case EndpointKind.GenericGeneration when calls.Evidence.CorroboratesHelperCall(call, url, text, cancellationToken):
                    return new HelperPost(post, url, text, body, member);
            }

            return calls.OnProviderBase(post, text, cancellationToken) is { } onHost ? new HelperPost(post, url, onHost, body, member) : null;
        }

        /// <summary>
        /// Whether <paramref name="method"/>'s body spells a POST's name. Most project methods post nothing: their body is
        /// bound only when it does.
        /// </summary>
        internal static bool MayPost(IMethodSymbol method, CancellationToken cancellationToken) =>
            SourceBodies.GetBodySyntax(method, cancellationToken).Any(node => node.DescendantTokens().Any(token =>
                token.IsKind(SyntaxKind.IdentifierToken) && RawHttpLlmCalls.HttpClientSendNames.Contains(token.ValueText)));

        /// <summary>A body member's value with a <c>ToArray()</c>/<c>ToList()</c> copy taken back to the list it copies.</summary>
        internal static IOperation CopiedList(IOperation value)
        {
            var unwrapped = OperationValues.Unwrap(value);
            if (unwrapped is IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList", Arguments.Length: <= 1 } copy && OperationValues.Receiver(copy) is { } source)
            {
                unwrapped = OperationValues.Unwrap(source);
            }

            return unwrapped;
        }

        private static IOperation? Argument(IInvocationOperation call, int ordinal) =>
            ordinal < 0 ? null
            : call.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit && a.Parameter?.Ordinal == ordinal)?.Value;

        /// <summary>The helper's POSTs whose body object is one of its parameters, with the URL they spell or the parameter that gives it.</summary>
        private ImmutableArray<PostedParameter> PostedParameters(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var found = ImmutableArray.CreateBuilder<PostedParameter>();

            if (!MayPost(method, cancellationToken))
            {
                return found.ToImmutable();
            }

            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var post in body.DescendantsAndSelf().OfType<IInvocationOperation>())
                {
                    if (!calls.IsCandidate(post.TargetMethod.ReducedFrom ?? post.TargetMethod)
                        || calls.BodyOperand(post, cancellationToken) is not { } operand)
                    {
                        continue;
                    }

                    // The body is the parameter itself, or an object the helper builds whose message list is the parameter.
                    var shape = RequestBodyShape.Of(operand, compilation, cancellationToken);
                    string? listMember = null;
                    if (shape is not { Value: IParameterReferenceOperation { Parameter: var parameter }, Text: null })
                    {
                        if (shape.Object is not { Creation: not null } built || ListParameter(built, method, body) is not { } list)
                        {
                            continue;
                        }

                        (listMember, parameter) = list;
                    }

                    if (!SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method)
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
                    found.Add(new PostedParameter(post, parameter.Ordinal, urlOrdinal, url, listMember));
                }
            }

            return found.ToImmutable();
        }

        /// <summary>
        /// The member (<c>messages</c>, or Responses' <c>input</c>) of a body the helper builds that is, visibly, one of its
        /// parameters: written as the parameter (<c>new { model, messages }</c>, <c>new Request(model, messages)</c>) or a
        /// copy of it (<c>messages.ToArray()</c>), a parameter passed by value that the helper never assigns, so the list
        /// the caller built is the list sent (what the helper may add to it is not read).
        /// </summary>
        private static (string Member, IParameterSymbol Parameter)? ListParameter(BodyObject built, IMethodSymbol method, IOperation helperBody)
        {
            foreach (var member in ListMembers)
            {
                if (built.Member(member)?.Operation is not { } value)
                {
                    continue;
                }

                if (CopiedList(value) is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method)
                    && !helperBody.Descendants().OfType<IAssignmentOperation>().Any(a =>
                        a.Target is IParameterReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Parameter, parameter)))
                {
                    return (member, parameter);
                }

                return null;
            }

            return null;
        }

        private readonly struct PostedParameter
        {
            public PostedParameter(IInvocationOperation post, int bodyOrdinal, int urlOrdinal, (IOperation Operand, string Text)? url, string? listMember)
            {
                Post = post;
                BodyOrdinal = bodyOrdinal;
                UrlOrdinal = urlOrdinal;
                Url = url;
                ListMember = listMember;
            }

            /// <summary>The body member the parameter is (<c>messages</c>, <c>input</c>), or null when it is the whole body.</summary>
            public string? ListMember { get; }

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
        public HelperPost(IInvocationOperation post, IOperation url, string urlText, IOperation body, string? listMember = null)
        {
            Post = post;
            Url = url;
            UrlText = urlText;
            Body = body;
            ListMember = listMember;
        }

        /// <summary>
        /// Null when <see cref="Body"/> is the whole body; else the member of the helper's body the caller's list becomes
        /// (<see cref="HelperPostedBodies.FindList"/>).
        /// </summary>
        public string? ListMember { get; }

        /// <summary>The POST in the helper (its client is the one whose base address counts).</summary>
        public IInvocationOperation Post { get; }

        /// <summary>The URL's operand: the helper's, or the caller's argument.</summary>
        public IOperation Url { get; }

        /// <summary>The URL's text, as <see cref="RawHttpLlmCalls.RecognizedUrl"/> gives it.</summary>
        public string UrlText { get; }

        /// <summary>The caller's argument for the body (or for its message list): what the request sends.</summary>
        public IOperation Body { get; }
    }
}
