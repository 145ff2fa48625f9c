using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Retry middleware that implements <c>IChatClient</c> itself instead of deriving from <c>DelegatingChatClient</c>
    /// (review 70, amodelandme/phelix <c>RetryingChatClient(IChatClient inner, RetryPolicy policy) : IChatClient</c>; about
    /// 3 of 10 real retry middlewares): it holds the inner client in a primary-constructor parameter or in a field set from
    /// its constructor, and its <c>GetResponseAsync</c> (or <c>GetStreamingResponseAsync</c>) forwards the messages to that
    /// client inside its retry. Composed over an SDK adapter (<c>new RetryingChatClient(adapter, policy)</c>, or a
    /// builder's <c>Use(inner =&gt; new RetryingChatClient(inner, policy))</c>), its retry stacks on the SDK's exactly as a
    /// <c>DelegatingChatClient</c>'s does, so the inner client is found the same way: from the project's <c>new</c>s of
    /// the class, taking the argument for the very constructor parameter the held client comes from.
    /// </summary>
    internal sealed partial class ChatClientAdapters
    {
        /// <summary>
        /// The constructor parameter of <paramref name="middleware"/> whose value <paramref name="call"/> is made on, when
        /// <paramref name="middleware"/> implements <c>IChatClient</c> and <paramref name="call"/> is its forward of the
        /// messages from its own <c>GetResponseAsync</c>/<c>GetStreamingResponseAsync</c>; otherwise null. A service that
        /// merely holds a client (not an <c>IChatClient</c> itself) keeps the injected-client reading.
        /// </summary>
        private IParameterSymbol? HeldInnerParameter(IInvocationOperation call, IOperation receiver, INamedTypeSymbol middleware, CancellationToken cancellationToken)
        {
            if (chatClient is null || !middleware.AllInterfaces.Contains(chatClient, SymbolEqualityComparer.Default)
                || call.TargetMethod.Name is not ("GetResponseAsync" or "GetStreamingResponseAsync")
                || !IsChatMethodOf(middleware, EnclosingMethod(call)))
            {
                return null;
            }

            var origin = ValueOrigins.Trace(receiver, compilation, cancellationToken);
            // `_inner = inner ?? throw new ArgumentNullException(nameof(inner));`: the guarded parameter.
            if (origin is ICoalesceOperation guarded && ValueOrigins.Unwrap(guarded.WhenNull) is IThrowOperation)
            {
                origin = ValueOrigins.Trace(guarded.Value, compilation, cancellationToken);
            }

            return origin is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } parameter }
                && SymbolEqualityComparer.Default.Equals(constructor.ContainingType.OriginalDefinition, middleware.OriginalDefinition)
                ? parameter
                : null;
        }

        /// <summary>The method, constructor or accessor around <paramref name="call"/>, past any lambdas and local functions in it.</summary>
        private static IMethodSymbol? EnclosingMethod(IOperation call)
        {
            for (var symbol = call.SemanticModel?.GetEnclosingSymbol(call.Syntax.SpanStart); symbol is not null; symbol = symbol.ContainingSymbol)
            {
                if (symbol is IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LocalFunction) } method)
                {
                    return method;
                }
            }

            return null;
        }

        /// <summary><paramref name="method"/> is <paramref name="middleware"/>'s implementation of <c>IChatClient.GetResponseAsync</c> or <c>GetStreamingResponseAsync</c>.</summary>
        private bool IsChatMethodOf(INamedTypeSymbol middleware, IMethodSymbol? method)
        {
            if (method is null || chatClient is null)
            {
                return false;
            }

            foreach (var member in chatClient.GetMembers().OfType<IMethodSymbol>())
            {
                if (member.Name is "GetResponseAsync" or "GetStreamingResponseAsync"
                    && SymbolEqualityComparer.Default.Equals(middleware.FindImplementationForInterfaceMember(member), method.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
