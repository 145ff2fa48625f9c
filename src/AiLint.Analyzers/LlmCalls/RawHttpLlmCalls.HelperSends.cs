using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// A request message handed to a project helper that sends it (review 69's U4, Mobven-Team3/DayStory-API):
    /// <c>var request = CreateChatCompletionRequest(text); var json = await SendRequestAsync(request);</c>, where
    /// <c>CreateChatCompletionRequest</c> returns a <c>new HttpRequestMessage(HttpMethod.Post, ...chat/completions)</c> with its
    /// <c>Content</c> set, and <c>SendRequestAsync(HttpRequestMessage request)</c> calls <c>_httpClient.SendAsync(request)</c>.
    /// </summary>
    /// <remarks>
    /// The call to the helper is the LLM call, not the helper's <c>SendAsync</c>: the same helper sends every request of
    /// its class (DayStory's sends the image request too), so only the caller knows which request goes, and the rules
    /// need the call where that is decided (a retry around <c>SendRequestAsync(CreateChatRequest(...))</c>, the body's
    /// model and prompts, read where the request is built). One level, as <see cref="HelperPostedBodies"/>: an ordinary,
    /// non-virtual method of the compilation that sends one of its <c>HttpRequestMessage</c> parameters with
    /// <c>HttpClient.SendAsync</c>/<c>Send</c> exactly once; the request the caller passes is read as a send's request is
    /// read (a POST the code creates, in a local or through one factory method). A helper (or the factory) that spells
    /// "idempotency" in a string is left out: it is assumed to set a key the retry rule cannot see at the caller.
    /// </remarks>
    internal sealed partial class RawHttpLlmCalls
    {
        private static readonly HelperSendInfo NoHelperSend = new HelperSendInfo(-1, null!, false);

        private readonly ConcurrentDictionary<IMethodSymbol, HelperSendInfo> helperSends = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> spellsIdempotency = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// Cheap test: an ordinary, non-virtual source method with an <c>HttpRequestMessage</c> parameter, which may send
        /// the request it is given (<see cref="HelperSend"/> reads its body).
        /// </summary>
        public bool MayBeSendingHelper(IMethodSymbol method)
        {
            method = (method.ReducedFrom ?? method).OriginalDefinition;
            return requestMessage is not null
                && method.MethodKind == MethodKind.Ordinary
                && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern
                && HasRequestParameter(method)
                && SourceBodies.IsInSource(method, compilation);
        }

        // A loop rather than Parameters.Any with a lambda: that lambda reads a field, so a delegate was made per call, and
        // this test runs for every call of a project method the model and retry rules look at.
        private bool HasRequestParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, requestMessage))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// When <paramref name="invocation"/> calls a project helper that sends one of its request parameters: which
        /// parameter, the helper's send, and whether it streams; null for any other call.
        /// </summary>
        private HelperSendInfo? HelperSend(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            if (IsHttpClientMember(method) || !MayBeSendingHelper(method))
            {
                return null;
            }

            var found = helperSends.GetOrAdd(method.OriginalDefinition, m => FindHelperSend(m, cancellationToken));
            return ReferenceEquals(found, NoHelperSend) ? null : found;
        }

        /// <summary>The one <c>HttpClient</c> send in <paramref name="method"/>'s body whose request is one of its parameters.</summary>
        private HelperSendInfo FindHelperSend(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (SpellsIdempotency(method, cancellationToken))
            {
                return NoHelperSend;
            }

            HelperSendInfo? found = null;
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var send in body.DescendantsAndSelf().OfType<IInvocationOperation>())
                {
                    if (send.TargetMethod.Name is not ("SendAsync" or "Send")
                        || !IsHttpClientMember(send.TargetMethod)
                        || OperationValues.Argument(send, "request") is not { } request
                        || OperationValues.Unwrap(request) is not IParameterReferenceOperation { Parameter: var parameter }
                        || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method))
                    {
                        continue;
                    }

                    if (found is not null)
                    {
                        // Sent twice (a branch per option): which send runs is not read.
                        return NoHelperSend;
                    }

                    found = new HelperSendInfo(parameter.Ordinal, send, IsStreamingSend(send));
                }
            }

            return found ?? NoHelperSend;
        }

        /// <summary>
        /// The request a send carries: <c>HttpClient.SendAsync</c>'s <c>request</c>, or the caller's argument for the
        /// parameter a sending helper sends (<see cref="HelperSend"/>); null for a POST and any other call.
        /// </summary>
        private IOperation? SentRequest(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (IsHttpClientMember(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod))
            {
                return invocation.TargetMethod.Name is "SendAsync" or "Send" ? OperationValues.Argument(invocation, "request") : null;
            }

            if (HelperSend(invocation, cancellationToken) is not { } helper
                || invocation.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit && a.Parameter?.Ordinal == helper.Ordinal)?.Value is not { } argument)
            {
                return null;
            }

            // A factory that sets an idempotency key on the request it builds: the key is there, out of the caller's sight.
            return OperationValues.Trace(argument, compilation, cancellationToken) is IInvocationOperation factory
                && SourceBodies.IsInSource(factory.TargetMethod, compilation)
                && SpellsIdempotency(factory.TargetMethod.OriginalDefinition, cancellationToken)
                    ? null
                    : argument;
        }

        /// <summary>
        /// The <c>Content</c> of a request: set in the initializer of the <c>new HttpRequestMessage</c> that the request is,
        /// or assigned to the local holding it, in the sender's body or in the body of the one project method that
        /// returns it (<c>request.Content = new StringContent(...); return request;</c>).
        /// </summary>
        private IOperation? RequestContent(IOperation request, CancellationToken cancellationToken)
        {
            if (RequestValue(request, cancellationToken) is IObjectCreationOperation { Initializer: { } initializer }
                && initializer.Initializers.OfType<ISimpleAssignmentOperation>().FirstOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: "Content" }) is { } content)
            {
                return content.Value;
            }

            return ContentAssignedTo(request) ?? (FactoryReturned(request, cancellationToken) is { } returned ? ContentAssignedTo(returned) : null);
        }

        /// <summary>A <c>holder.Content = ...</c> in the body where <paramref name="holder"/>, a local, is read.</summary>
        private static IOperation? ContentAssignedTo(IOperation holder)
        {
            if (OperationValues.Unwrap(holder) is not ILocalReferenceOperation local)
            {
                return null;
            }

            IOperation top = holder;
            while (top.Parent is { } parent)
            {
                top = parent;
            }

            return top.Descendants().OfType<ISimpleAssignmentOperation>()
                .FirstOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: "Content", Instance: ILocalReferenceOperation target }
                    && SymbolEqualityComparer.Default.Equals(target.Local, local.Local))?.Value;
        }

        /// <summary>A string literal of the method's body spells "idempotency" (a header name, a key's prefix).</summary>
        private bool SpellsIdempotency(IMethodSymbol method, CancellationToken cancellationToken) =>
            spellsIdempotency.GetOrAdd(method, m => SourceBodies.GetBodySyntax(m, cancellationToken).Any(node => node.DescendantTokens().Any(token =>
                (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken))
                && token.ValueText.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0)));

        /// <summary>What a sending helper sends: the ordinal of its request parameter, its send, and whether that streams.</summary>
        private sealed class HelperSendInfo
        {
            public HelperSendInfo(int ordinal, IInvocationOperation send, bool streaming)
            {
                Ordinal = ordinal;
                Send = send;
                Streaming = streaming;
            }

            public int Ordinal { get; }

            public IInvocationOperation Send { get; }

            public bool Streaming { get; }
        }
    }
}
