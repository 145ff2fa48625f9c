// HttpClientLlmUse: what counts as using a client for LLM calls (an LLM SDK entry point or transport, a generation POST) and the clients that sample nothing; separate because every lookup ends in these tests.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal sealed partial class HttpClientLlmUse
    {
        /// <summary>One operation that hands "our" client to an LLM SDK or POSTs a generation request with it.</summary>
        private bool UsesForLlm(IOperation operation, Func<IOperation, bool> isOurs) => operation switch
        {
            IArgumentOperation argument => isOurs(argument.Value) && IsSink(argument),
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment =>
                isOurs(assignment.Value) && IsHttpClient(property.Type) && IsLlmEntryPoint(property.Property.ContainingType, property.Property.Name),
            IInvocationOperation invocation => IsGenerationPost(invocation, isOurs),
            _ => false,
        };

        /// <summary>An HttpClient argument to an LLM SDK constructor or method, or to a transport an SDK options object gets.</summary>
        private bool IsSink(IArgumentOperation argument)
        {
            if (argument.Parameter is not { } parameter || !IsHttpClient(parameter.Type))
            {
                return false;
            }

            var method = parameter.ContainingSymbol as IMethodSymbol;
            if (method is null)
            {
                return false;
            }

            if (pipelineTransport is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, pipelineTransport))
            {
                // new HttpClientPipelineTransport(http) assigned to an OpenAI/Azure OpenAI options' Transport.
                IOperation creation = argument.Parent!;
                while (creation.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    creation = creation.Parent;
                }

                // The instance is the options object (an implicit receiver in an object initializer).
                return creation.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Transport", Instance: { } options } } transport
                    && IsLlmEntryPoint(options.Type, "Transport")
                    && !ServesOnlyNonGeneration(transport);
            }

            return IsLlmEntryPoint(method.ContainingType, method.Name);
        }

        /// <summary>
        /// The options whose <c>Transport</c> is set here go only to clients that sample no answer:
        /// <c>new OpenAIClient(key, options).GetEmbeddingClient(...)</c>, a local or field holding that client whose every use
        /// asks for an embedding, image, audio, moderation or file client, or <c>new EmbeddingClient(model, key, options)</c>.
        /// Anything else (a chat client, a client handed on, options kept elsewhere) counts as generation.
        /// </summary>
        private bool ServesOnlyNonGeneration(ISimpleAssignmentOperation transport)
        {
            if (transport.Parent is not IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation options })
            {
                return false;
            }

            var consumers = Uses(options).ToList();
            return consumers.Count > 0 && consumers.All(use =>
                use.Parent is IArgumentOperation { Parent: IObjectCreationOperation client }
                && (IsNonGenerationName(client.Type?.Name) || Uses(client).ToList() is { Count: > 0 } clientUses && clientUses.All(AsksForNonGenerationClient)));
        }

        /// <summary><c>client.GetEmbeddingClient("...")</c>: the value is the receiver of a call that hands out a client sampling nothing.</summary>
        private static bool AsksForNonGenerationClient(IOperation use) =>
            use.Parent is IInvocationOperation call && call.Instance is { } instance && ReferenceEquals(Unwrap(instance), Unwrap(use))
            && IsNonGenerationName(call.TargetMethod.Name);

        private static bool IsNonGenerationName(string? name) =>
            name is not null && NonGenerationWords.Any(w => name.IndexOf(w, StringComparison.Ordinal) >= 0);

        /// <summary>
        /// Where a value created here is used: the value itself when it is consumed on the spot, else every read of the
        /// local (in its body) or the field of the same type (in the type's bodies) it is stored in. Nothing when it escapes
        /// some other way, so that callers treat an unknown use as a generation.
        /// </summary>
        private IEnumerable<IOperation> Uses(IOperation created)
        {
            var value = created;
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            switch (value.Parent)
            {
                case IArgumentOperation:
                case IInvocationOperation:
                    return new[] { value };
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    var local = declarator.Symbol;
                    return ValueOrigins.Root(created).Descendants().Where(o => o is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, local));
                case IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } when fields[0].IsReadOnly:
                    var field = fields[0];
                    return TypeBodies(field.ContainingType, CancellationToken.None)
                        .SelectMany(b => b.Descendants())
                        .Where(o => o is IFieldReferenceOperation f && SymbolEqualityComparer.Default.Equals(f.Field, field));
                default:
                    return Enumerable.Empty<IOperation>();
            }
        }

        private static bool IsLlmEntryPoint(ITypeSymbol? type, string memberName)
        {
            if (type is null || IsNonGenerationName(type.Name) || IsNonGenerationName(memberName))
            {
                return false;
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (LlmNamespaces.Any(n => InNamespace(ns, n)))
            {
                return true;
            }

            // Semantic Kernel also ships vector stores, web search and OpenAPI plugins that take an HttpClient: only the
            // model connectors count, and the root namespace's registration helpers (AddOpenAIChatCompletion...).
            if (SemanticKernelModelConnectors.Any(c => InNamespace(ns, "Microsoft.SemanticKernel.Connectors." + c)))
            {
                return true;
            }

            var generationName = memberName.IndexOf("ChatCompletion", StringComparison.Ordinal) >= 0
                || memberName.IndexOf("TextGeneration", StringComparison.Ordinal) >= 0
                || type.Name.IndexOf("ChatClient", StringComparison.Ordinal) >= 0;
            return generationName && (ns == "Microsoft.SemanticKernel" || ns == "Microsoft.Extensions.AI" || ns == "Microsoft.Extensions.DependencyInjection")
                && type.ContainingAssembly?.Name is { } assembly
                && (assembly.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) || assembly.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal));
        }

        private static bool InNamespace(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

        /// <summary><c>http.PostAsJsonAsync("v1/chat/completions", body)</c> or <c>SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://localhost:11434/api/chat"))</c>.</summary>
        private bool IsGenerationPost(IInvocationOperation invocation, Func<IOperation, bool> isOurs)
        {
            var method = invocation.TargetMethod;
            if (!method.Name.StartsWith("Post", StringComparison.Ordinal) && method.Name != "SendAsync" && method.Name != "Send")
            {
                return false;
            }

            if (ValueOrigins.Receiver(invocation) is not { } receiver || !IsHttpClient(receiver.Type) || !isOurs(receiver))
            {
                return false;
            }

            // The same test as the raw HTTP LLM calls: provider-specific endpoints by URL, the generic ones
            // (api/chat, api/generate, v1/messages) only with corroboration (a known host, an LLM-shaped body...).
            return rawHttp.IsCandidate(method.ReducedFrom ?? method) && rawHttp.Recognize(invocation, CancellationToken.None).IsLlmCall;
        }
    }
}
