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
    /// <c>new ChatOptions { ModelId = DeploymentName }</c> (or the same local, <c>readonly</c> field or get-only
    /// property handed to both, as in <c>var deployment = Environment.GetEnvironmentVariable("...") ?? "gpt-4o";</c>).
    /// <c>ChatOptions.ModelId</c> is checked in general (it names the
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
            public static readonly Answer None = new Answer(null, null);

            public Answer(string? deployment, ISymbol? holder)
            {
                Deployment = deployment;
                Holder = holder;
            }

            // The constant deployment name of the project's only IChatClient; null when that is not shown.
            public string? Deployment { get; }

            // The local, readonly field or get-only property handed to its GetChatClient (`GetChatClient(deployment)`
            // with `var deployment = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT") ?? "gpt-4o";`);
            // null when the argument is anything else.
            public ISymbol? Holder { get; }
        }

        private static readonly ConditionalWeakTable<Compilation, Answer> Cache = new ConditionalWeakTable<Compilation, Answer>();

        /// <summary>
        /// Whether this <c>ChatOptions.ModelId</c> write names the deployment of the project's only <c>IChatClient</c>,
        /// an Azure deployment: the written value is the same constant id its <c>GetChatClient</c> is given, or the
        /// same holder of one value (<see cref="SingleValueHolder"/>) its <c>GetChatClient</c> is given.
        /// </summary>
        public static bool NamesTheDeployment(ISimpleAssignmentOperation modelWrite, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (symbols.AzureOpenAIClient == null || symbols.MeaiChatClient == null
                || modelWrite.Target is not IPropertyReferenceOperation { Property: var property }
                || !SymbolEqualityComparer.Default.Equals(property.ContainingType, symbols.MeaiChatOptions)
                || modelWrite.SemanticModel?.Compilation is not { } compilation)
            {
                return false;
            }

            var id = ModelIdValue.Fold(modelWrite.Value, cancellationToken);
            var holder = SingleValueHolder(modelWrite.Value, cancellationToken);
            if (id == null && holder == null)
            {
                return false;
            }

            if (!Cache.TryGetValue(compilation, out var answer))
            {
                answer = Cache.GetValue(compilation, _ => SoleAzureDeployment(compilation, symbols, cancellationToken));
            }

            return (id != null && answer.Deployment == id)
                || (holder != null && SymbolEqualityComparer.Default.Equals(answer.Holder, holder));
        }

        /// <summary>
        /// The symbol a value reads when that symbol holds one value wherever it is read, so that two reads of it give the
        /// same string: a <c>string</c> local that nothing in its member writes after its initializer, a <c>readonly</c>
        /// field, or a get-only auto-property (not virtual, abstract or an override), the last two static or read on
        /// <c>this</c> (another instance may hold another value). Null for anything else (a settable property, a
        /// reassigned local, a field of another object, a call).
        /// </summary>
        private static ISymbol? SingleValueHolder(IOperation value, CancellationToken cancellationToken)
        {
            switch (ModelIdValue.Unwrap(value))
            {
                case ILocalReferenceOperation { Local: { IsConst: false, IsRef: false } local }
                        when local.Type?.SpecialType == SpecialType.System_String
                            && ModelIdValue.NeverReassignedInitializer(local, cancellationToken) != null:
                    return local;
                case IFieldReferenceOperation { Field: { IsReadOnly: true, IsConst: false } field } read
                        when field.Type.SpecialType == SpecialType.System_String && OnThisOrStatic(read.Instance, field):
                    return field;
                case IPropertyReferenceOperation { Property: { SetMethod: null, IsIndexer: false, IsVirtual: false, IsAbstract: false, IsOverride: false } property } read
                        when property.Type.SpecialType == SpecialType.System_String
                            && OnThisOrStatic(read.Instance, property)
                            && IsAutoProperty(property, cancellationToken):
                    return property;
                default:
                    return null;
            }
        }

        private static bool OnThisOrStatic(IOperation? instance, ISymbol member) =>
            member.IsStatic ? instance == null : instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

        // `public string Deployment { get; } = ...;`: declared once in source, no accessor body (a computed getter may
        // return another value on each read).
        private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
        {
            if (property.DeclaringSyntaxReferences.Length != 1
                || property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null })
            {
                return false;
            }

            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.Body != null || accessor.ExpressionBody != null)
                {
                    return false;
                }
            }

            return true;
        }

        private static Answer SoleAzureDeployment(Compilation compilation, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            var chatClient = symbols.MeaiChatClient!;
            var delegating = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.DelegatingChatClient");
            var agent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AIAgent");
            Answer? deployment = null;
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
                                return Answer.None;
                            }

                            break;
                        case BaseObjectCreationExpressionSyntax:
                            if (model.GetOperation(node, cancellationToken) is IObjectCreationOperation { Type: INamedTypeSymbol created }
                                && Implements(created, chatClient) && !DerivesFrom(created, delegating))
                            {
                                return Answer.None;
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
                                return Answer.None;
                            }

                            if (agent != null && call.Type is INamedTypeSymbol made && DerivesFrom(made, agent)
                                && !(MemberLocals.Receiver(call) is { Type: { } from } && (Is(from, chatClient) || DerivesFrom(from as INamedTypeSymbol, agent))))
                            {
                                // chatClient.AsAIAgent(...) on an SDK client: a second IChatClient made inside the library.
                                return Answer.None;
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
                                || (deployment = AzureDeploymentOf(MemberLocals.Receiver(call), symbols, cancellationToken)) == null)
                            {
                                return Answer.None;
                            }

                            break;
                    }
                }
            }

            return adapters == 1 && deployment != null ? deployment : Answer.None;
        }

        // azure.GetChatClient("name") (the receiver an Azure client, or a local or field the code gave one): the name as
        // a constant, or the local, field or property that holds it.
        private static Answer? AzureDeploymentOf(IOperation? adapted, KnownModelSymbols symbols, CancellationToken cancellationToken)
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
                    var id = ModelIdValue.Fold(argument.Value, cancellationToken);
                    var holder = SingleValueHolder(argument.Value, cancellationToken);
                    return id == null && holder == null ? null : new Answer(id, holder);
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
