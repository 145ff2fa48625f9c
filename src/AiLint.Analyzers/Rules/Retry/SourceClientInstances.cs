using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Calls on an instance of one of the project's own classes whose implementation of the called method makes no LLM
    /// call: a test double (<c>new FlakyChatClient(2)</c> implementing <c>IChatClient</c> and throwing twice) retried in
    /// a unit test re-sends nothing to any provider.
    /// </summary>
    /// <remarks>
    /// The instance must be visible: the receiver is a <c>new</c> of the class, or a local assigned exactly once from
    /// one (<c>IChatClient flaky = new FlakyChatClient(2);</c>), or its static type is a sealed class of the project.
    /// The implementation is judged by its body through the project call graph, so a <c>DelegatingChatClient</c>
    /// subclass forwarding to its inner client (or to <c>base</c>) still makes a call; an implementation that is not
    /// in source (an inherited SDK body) is never judged "no call".
    /// </remarks>
    internal static class SourceClientInstances
    {
        /// <summary>True when <paramref name="call"/> runs a source implementation that reaches no LLM call.</summary>
        public static bool CallsNoModel(IInvocationOperation call, LlmCall llmCall, LlmCallRecognizer recognizer, Compilation compilation, CancellationToken cancellationToken)
        {
            // Only a call taken for an SDK entry point (an SDK interface or base method the class implements) is in doubt:
            // a project method, an annotated or configured one, or an HTTP POST was recognised by what it does.
            if (llmCall.Sdk is LlmSdk.Project or LlmSdk.Referenced or LlmSdk.Annotated or LlmSdk.Configured or LlmSdk.Http or LlmSdk.None
                || ValueOrigins.Receiver(call) is not { } receiver || InstanceType(receiver) is not { } type
                || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
            {
                return false;
            }

            var implementations = Implementations(type, call.TargetMethod);
            return implementations.Count > 0
                && implementations.TrueForAll(m => SourceBodies.IsInSource(m, compilation) && !recognizer.RecognizeBody(m, cancellationToken).IsLlmCall
                    && !SendsHttp(m, compilation, cancellationToken));
        }

        /// <summary>
        /// The body sends HTTP itself (<c>HttpClient</c>, <c>HttpMessageInvoker</c>): a hand-written provider client whose
        /// endpoint AiLint cannot see (<c>_http.PostAsync(_endpoint + "/api/chat", ...)</c>) is not a test double.
        /// </summary>
        private static bool SendsHttp(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            var invoker = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
            var extensions = compilation.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions");
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var invocation in body.Descendants().OfType<IInvocationOperation>())
                {
                    var type = invocation.TargetMethod.ContainingType;
                    if (KnownRetrySymbols.IsOrInherits(type, invoker) || (extensions is not null && SymbolEqualityComparer.Default.Equals(type, extensions)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// What runs for the call on an instance of <paramref name="type"/>: the implementation of the called member, or,
        /// for an SDK extension on an interface (<c>chat.GetResponseAsync("hi")</c> through <c>ChatClientExtensions</c>), the
        /// type's implementations of the interface's members of the same name, which the extension forwards to.
        /// An empty list when one of them cannot be found.
        /// </summary>
        private static List<IMethodSymbol> Implementations(INamedTypeSymbol type, IMethodSymbol target)
        {
            var found = new List<IMethodSymbol>();
            var reduced = target.ReducedFrom ?? target;
            if (reduced.IsExtensionMethod && reduced.Parameters.Length > 0)
            {
                if (reduced.Parameters[0].Type is not INamedTypeSymbol { TypeKind: TypeKind.Interface } extended)
                {
                    return found;
                }

                foreach (var member in extended.GetMembers(reduced.Name))
                {
                    if (member is IMethodSymbol forwarded && Implementation(type, forwarded) is { } implementation)
                    {
                        found.Add(implementation);
                    }
                    else
                    {
                        return new List<IMethodSymbol>();
                    }
                }

                return found;
            }

            if (Implementation(type, target) is { } direct)
            {
                found.Add(direct);
            }

            return found;
        }

        /// <summary>The class the receiver surely is, or null when another class may stand behind it.</summary>
        private static INamedTypeSymbol? InstanceType(IOperation receiver)
        {
            var value = ValueOrigins.Unwrap(receiver);
            if (value is ILocalReferenceOperation local && ValueOrigins.LocalValue(local) is { } assigned)
            {
                value = ValueOrigins.Unwrap(assigned);
            }

            if (value is IObjectCreationOperation { Type: INamedTypeSymbol created } && created.TypeKind == TypeKind.Class)
            {
                return created;
            }

            // Without a visible creation, only a sealed class cannot hide a subclass that calls a model.
            return ValueOrigins.Unwrap(receiver).Type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsSealed: true } sealedType ? sealedType : null;
        }

        /// <summary>The method of <paramref name="type"/> (or its bases) that runs for a call to <paramref name="target"/>.</summary>
        private static IMethodSymbol? Implementation(INamedTypeSymbol type, IMethodSymbol target)
        {
            var definition = target.OriginalDefinition;
            if (definition.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return type.FindImplementationForInterfaceMember(definition) as IMethodSymbol;
            }

            if (!definition.IsVirtual && !definition.IsAbstract && !definition.IsOverride)
            {
                return definition;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(definition.Name))
                {
                    if (member is not IMethodSymbol method)
                    {
                        continue;
                    }

                    for (var overridden = method; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, definition))
                        {
                            return method.OriginalDefinition;
                        }
                    }
                }
            }

            return null;
        }
    }
}
