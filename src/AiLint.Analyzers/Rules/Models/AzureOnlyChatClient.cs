using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// A project whose only <c>IChatClient</c> is an Azure OpenAI deployment:
    /// <c>new AzureOpenAIClient(endpoint, credential).GetChatClient(DeploymentName).AsIChatClient()</c>, and then
    /// <c>new ChatOptions { ModelId = DeploymentName }</c>. <c>ChatOptions.ModelId</c> is checked in general (it names the
    /// model of whatever client the options reach), but here every client the options can reach is that deployment, and
    /// the id they carry is its deployment name: a name the owner chose, retired on Azure's schedule, not OpenAI's.
    /// The project must show everything: exactly one adapter to <c>IChatClient</c> in source (an <c>As*</c> extension
    /// from a library), on <c>GetChatClient(name)</c> of an Azure client; no other <c>IChatClient</c> created (a
    /// delegating wrapper excepted), declared, or returned by a library call other than Microsoft.Extensions.AI's
    /// pipeline and DI's service lookups; and no agent made by a library from anything but an <c>IChatClient</c>. Any
    /// doubt keeps the slot checked.
    /// </summary>
    internal static class AzureOnlyChatClient
    {
        private sealed class Answer
        {
            public Answer(string? deployment) => Deployment = deployment;

            // The deployment name of the project's only IChatClient; null when that is not shown.
            public string? Deployment { get; }
        }

        private static readonly ConditionalWeakTable<Compilation, Answer> Cache = new ConditionalWeakTable<Compilation, Answer>();

        /// <summary>
        /// Whether this <c>ChatOptions.ModelId</c> write names the deployment of the project's only <c>IChatClient</c>,
        /// an Azure deployment: the written value is the same constant id its <c>GetChatClient</c> is given.
        /// </summary>
        public static bool NamesTheDeployment(ISimpleAssignmentOperation modelWrite, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (symbols.AzureOpenAIClient == null || symbols.MeaiChatClient == null
                || modelWrite.Target is not IPropertyReferenceOperation { Property: var property }
                || !SymbolEqualityComparer.Default.Equals(property.ContainingType, symbols.MeaiChatOptions)
                || modelWrite.SemanticModel?.Compilation is not { } compilation
                || ModelIdValue.Fold(modelWrite.Value, cancellationToken) is not { } id)
            {
                return false;
            }

            if (!Cache.TryGetValue(compilation, out var answer))
            {
                answer = Cache.GetValue(compilation, _ => new Answer(SoleAzureDeployment(compilation, symbols, cancellationToken)));
            }

            return answer.Deployment == id;
        }

        private static string? SoleAzureDeployment(Compilation compilation, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            var chatClient = symbols.MeaiChatClient!;
            var delegating = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.DelegatingChatClient");
            var agent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AIAgent");
            string? deployment = null;
            var adapters = 0;
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = SourceBodies.GetSemanticModel(compilation, tree);
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    switch (node)
                    {
                        case TypeDeclarationSyntax declaration:
                            // A chat client class of the project's own (a fake, a router) may serve the options.
                            if (model.GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol declared
                                && Implements(declared, chatClient) && !DerivesFrom(declared, delegating))
                            {
                                return null;
                            }

                            break;
                        case BaseObjectCreationExpressionSyntax:
                            if (model.GetOperation(node, cancellationToken) is IObjectCreationOperation { Type: INamedTypeSymbol created }
                                && Implements(created, chatClient) && !DerivesFrom(created, delegating))
                            {
                                return null;
                            }

                            break;
                        case InvocationExpressionSyntax:
                            if (model.GetOperation(node, cancellationToken) is not IInvocationOperation call
                                || SourceBodies.IsInSource(call.TargetMethod, compilation))
                            {
                                break;
                            }

                            var name = call.TargetMethod.Name;
                            if (name.StartsWith("Add", System.StringComparison.Ordinal) && name.Contains("ChatClient")
                                && call.TargetMethod.ContainingType?.Name != "ChatClientBuilderServiceCollectionExtensions")
                            {
                                // A library's registration builds a client the code does not show (Aspire's
                                // AddOpenAIClient("x").AddChatClient("model"), Semantic Kernel's AddOpenAIChatClient).
                                return null;
                            }

                            if (agent != null && call.Type is INamedTypeSymbol made && DerivesFrom(made, agent)
                                && !(Receiver(call) is { Type: { } from } && (Is(from, chatClient) || DerivesFrom(from as INamedTypeSymbol, agent))))
                            {
                                // chatClient.AsAIAgent(...) on an SDK client: a second IChatClient made inside the library.
                                return null;
                            }

                            if (!Is(call.Type, chatClient))
                            {
                                break;
                            }

                            if (IsPipelineOrLookup(call.TargetMethod))
                            {
                                break;
                            }

                            if (!call.TargetMethod.IsExtensionMethod || !call.TargetMethod.Name.StartsWith("As", System.StringComparison.Ordinal)
                                || ++adapters > 1
                                || (deployment = AzureDeploymentOf(Receiver(call), symbols, cancellationToken)) == null)
                            {
                                return null;
                            }

                            break;
                    }
                }
            }

            return adapters == 1 ? deployment : null;
        }

        // azure.GetChatClient("name") (the receiver an Azure client, or a local or field the code gave one): the name.
        private static string? AzureDeploymentOf(IOperation? adapted, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (adapted == null || ModelIdValue.Unwrap(adapted) is not IInvocationOperation { TargetMethod.Name: "GetChatClient", Arguments.Length: > 0 } getChatClient
                || !AzureDeployments.TakesDeployment(getChatClient, symbols, cancellationToken))
            {
                return null;
            }

            foreach (var argument in getChatClient.Arguments)
            {
                if (KnownModelSymbols.IsModelParameter(argument.Parameter) || argument.Parameter?.Name == "deploymentName")
                {
                    return ModelIdValue.Fold(argument.Value, cancellationToken);
                }
            }

            return null;
        }

        // Microsoft.Extensions.AI's own pipeline (ChatClientBuilder.Build(), AsBuilder()) and DI's lookups
        // (GetRequiredService<IChatClient>()) hand out a client that exists already.
        private static bool IsPipelineOrLookup(IMethodSymbol method)
        {
            var space = method.ContainingNamespace?.ToDisplayString();
            return (space == "Microsoft.Extensions.AI" && !method.Name.StartsWith("As", System.StringComparison.Ordinal))
                || space == "Microsoft.Extensions.DependencyInjection"
                || space == "System";
        }

        private static IOperation? Receiver(IInvocationOperation call) =>
            call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol target) => SymbolEqualityComparer.Default.Equals(type, target);

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol contract)
        {
            if (Is(type, contract))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Is(implemented, contract))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType == null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (Is(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
