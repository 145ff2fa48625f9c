using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A message list the caller builds and hands through the project's client interface to the class that posts it
    /// (review69 U3, GustavoCostaBR/RAG_Challenge: <c>new ChatMessage(RoleConstants.SystemRole, RagPrompts.SystemPrompt)</c>
    /// of the app's own record in a <c>List&lt;ChatMessage&gt;</c> given to <c>IOpenAiClient.CreateChatCompletionAsync(messages)</c>,
    /// whose only implementation posts <c>new ChatCompletionRequest(model, messages, 0.2)</c> to <c>"chat/completions"</c>).
    /// The interface's counterpart of <see cref="HelperPostedBodies.FindList"/>, which follows only a non-virtual method.
    /// </summary>
    /// <remarks>
    /// The call is followed only when every body that can run is known and sends the list as it is given: the method is an
    /// interface member or abstract method whose implementations are all in this compilation
    /// (<see cref="AbstractImplementations.Find"/>; a contract of a referenced project counts when that project declares no
    /// implementation, <see cref="ReferencedContracts"/>), there is at least one, and each makes exactly one candidate POST,
    /// to an LLM URL it spells (<see cref="RawHttpLlmCalls.RecognizedUrl"/>, a relative path on a provider's base address
    /// included), whose body is an object it builds with the same parameter, or a <c>ToArray()</c>/<c>ToList()</c> copy, as
    /// the member that endpoint reads its conversation from (<c>messages</c>, Responses' <c>input</c>). The implementation
    /// must do nothing else with that parameter but read a property of it (<c>messages.Count</c> in a log line): one that
    /// assigns it, filters it (<c>messages.Where(...)</c>), edits it or hands it to another method decides the messages
    /// itself. An implementation that posts nothing (an offline stub), posts twice, or cannot be read keeps the call quiet.
    /// Whether the caller's list is its own is <see cref="CallerBuiltMessageLists"/>' test, as for a helper.
    /// </remarks>
    internal sealed class ContractPostedMessageLists
    {
        private readonly Compilation compilation;
        private readonly RawHttpLlmCalls calls;

        // Per contract method (original definition): the list parameter's ordinal and the member it becomes, or null.
        private readonly ConcurrentDictionary<IMethodSymbol, PostedList?> contracts = new(SymbolEqualityComparer.Default);

        public ContractPostedMessageLists(Compilation compilation, RawHttpLlmCalls calls)
        {
            this.compilation = compilation;
            this.calls = calls;
        }

        /// <summary>
        /// When <paramref name="call"/> goes through a contract whose every implementation posts one of its parameters as the
        /// conversation member of the body it builds (the member its URL's API reads,
        /// <see cref="RawHttpPromptSlots.ConversationMember"/>): the caller's argument for that parameter.
        /// </summary>
        public IOperation? FindList(IInvocationOperation call, CancellationToken cancellationToken)
        {
            // Cheap tests first: most interface calls (loggers, configuration, SDK clients) are of referenced contracts that
            // no type here implements, or take only strings.
            var method = call.TargetMethod.OriginalDefinition;
            if (method.IsStatic
                || !(method.ContainingType?.TypeKind == TypeKind.Interface || method.IsAbstract)
                || !method.Parameters.Any(p => p.RefKind == RefKind.None && p.Type.SpecialType == SpecialType.None)
                || (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly)
                    && !ReferencedContracts.IsImplementedHere(method, compilation, cancellationToken))
                || !ReferencedContracts.RunsOnlyBodiesHere(method, compilation, cancellationToken))
            {
                return null;
            }

            var posted = contracts.GetOrAdd(method, contract => Resolve(contract, cancellationToken));
            return posted is { } list
                ? call.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit && a.Parameter?.Ordinal == list.Ordinal)?.Value
                : null;
        }

        private PostedList? Resolve(IMethodSymbol contract, CancellationToken cancellationToken)
        {
            if (AbstractImplementations.Find(contract, compilation, cancellationToken) is not { Count: > 0 } implementations)
            {
                return null;
            }

            PostedList? agreed = null;
            foreach (var implementation in implementations)
            {
                if (PostedListOf(implementation, cancellationToken) is not { } posted
                    || (agreed is { } earlier && earlier.Ordinal != posted.Ordinal))
                {
                    return null;
                }

                agreed = posted;
            }

            return agreed;
        }

        /// <summary>The one POST of <paramref name="implementation"/> and the parameter it sends as the conversation, or null.</summary>
        private PostedList? PostedListOf(IMethodSymbol implementation, CancellationToken cancellationToken)
        {
            if (!HelperPostedBodies.MayPost(implementation, cancellationToken))
            {
                return null;
            }

            PostedList? found = null;
            var posts = 0;
            foreach (var body in SourceBodies.GetBodies(implementation, compilation, cancellationToken))
            {
                foreach (var post in body.DescendantsAndSelf().OfType<IInvocationOperation>())
                {
                    if (!calls.IsCandidate(post.TargetMethod.ReducedFrom ?? post.TargetMethod))
                    {
                        continue;
                    }

                    // Any second POST (another endpoint, a fallback) makes what is sent depend on more than this reading.
                    if (++posts > 1
                        || calls.RecognizedUrl(post, cancellationToken) is not { Text: var url }
                        || RawHttpPromptSlots.ConversationMember(url) is not { } member
                        || calls.BodyOperand(post, cancellationToken) is not { } operand
                        || RequestBodyShape.Of(operand, compilation, cancellationToken).Object is not { Creation: not null } built
                        || built.Member(member)?.Operation is not { } value
                        || SentParameter(value, implementation) is not { } parameter
                        || !IsOnlySent(parameter, value, body))
                    {
                        return null;
                    }

                    found = new PostedList(parameter.Ordinal);
                }
            }

            return found;
        }

        /// <summary>The implementation's by-value parameter the member is, itself or as a <c>ToArray()</c>/<c>ToList()</c> copy.</summary>
        private static IParameterSymbol? SentParameter(IOperation value, IMethodSymbol implementation)
        {
            return HelperPostedBodies.CopiedList(value) is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
                && parameter.Type.SpecialType != SpecialType.System_String
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, implementation)
                    ? parameter
                    : null;
        }

        /// <summary>
        /// Whether every other use of <paramref name="parameter"/> in the body only reads a property of it: it is sent as the
        /// caller built it, not assigned, filtered, edited or handed to other code.
        /// </summary>
        private static bool IsOnlySent(IParameterSymbol parameter, IOperation sentValue, IOperation body)
        {
            foreach (var reference in body.Descendants().OfType<IParameterReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter) || IsWithin(reference, sentValue))
                {
                    continue;
                }

                if (!(reference.Parent is IPropertyReferenceOperation { Property.IsIndexer: false } property
                    && property.Instance == reference
                    && !(property.Parent is IAssignmentOperation assignment && assignment.Target == property)))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsWithin(IOperation operation, IOperation container)
        {
            for (var current = operation; current != null; current = current.Parent)
            {
                if (current == container)
                {
                    return true;
                }
            }

            return false;
        }

        private readonly struct PostedList
        {
            public PostedList(int ordinal) => Ordinal = ordinal;

            /// <summary>The contract's parameter the implementations send as the conversation.</summary>
            public int Ordinal { get; }
        }
    }
}
