using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Where the project's clients for another server (<see cref="OtherEndpoints.ProjectCreatesClientElsewhere"/>) go
    /// once created: the types in which they leave the code that created them (a DI registration, a factory's return,
    /// a constructor argument, a field or property other code reads). Only a client handed out that way can be the
    /// client an injected parameter or a resolved service holds. A client the creating code keeps to itself (a private
    /// field only sent requests, a local, <c>new OpenAIClient(...).GetChatClient("llama3")</c> stored as a
    /// <c>ChatClient</c>) cannot become an injected <c>OpenAIClient</c>.
    /// </summary>
    internal sealed class RedirectedClients
    {
        // Hops followed from a creation (sub-clients, locals, fields) before a client counts as handed out anywhere.
        private const int MaxHops = 8;

        public static readonly RedirectedClients None = new RedirectedClients(new List<ITypeSymbol?>(), anyForAnotherServer: false);

        // The types the clients are handed out as; null: handed out in a shape not followed (any receiver may get it).
        private readonly List<ITypeSymbol?> handedOutAs;

        private readonly bool anyForAnotherServer;

        private RedirectedClients(List<ITypeSymbol?> handedOutAs, bool anyForAnotherServer)
        {
            this.handedOutAs = handedOutAs;
            this.anyForAnotherServer = anyForAnotherServer;
        }

        /// <summary>
        /// Whether any client for another server is handed out: a provider-neutral request (ChatOptions, kernel settings)
        /// may reach it. Azure clients handed out do not count here: they only make injected OpenAI clients Azure's.
        /// </summary>
        public bool AnyHandedOut => anyForAnotherServer;

        /// <summary>
        /// Whether a client of <paramref name="receiver"/>'s type whose origin the code does not show may be one of them:
        /// one handed out as that type (or a type that converts to it), or as an <c>OpenAIClient</c>, which any of its
        /// sub-clients can be got from.
        /// </summary>
        public bool CanReach(ITypeSymbol? receiver, KnownModelSymbols symbols) =>
            handedOutAs.Any(type => type == null || receiver == null
                || Converts(type, receiver)
                || (symbols.IsOpenAIRootClient(type) && symbols.IsOpenAIClientType(receiver)));

        /// <summary>
        /// Follows each client for another server (a creation, or a Semantic Kernel registration) and each Azure client
        /// creation (<paramref name="azureClients"/>) to where it is handed out. <paramref name="azureRegisteredAs"/>: the
        /// types a library's registration hands an Azure client out as (Aspire's <c>AddAzureOpenAIClient</c>:
        /// <c>OpenAIClient</c>, <see cref="AspireOpenAIRegistrations"/>).
        /// </summary>
        public static RedirectedClients Follow(IEnumerable<IOperation> clients, IEnumerable<IOperation> azureClients, IEnumerable<ITypeSymbol> azureRegisteredAs, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken)
        {
            var handedOut = new List<ITypeSymbol?>();
            var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var client in clients)
            {
                if (client is IInvocationOperation registration && KnownModelSymbols.IsChatCompletionRegistration(registration.TargetMethod))
                {
                    // A kernel chat service for another server: provider-neutral requests may reach it, OpenAI clients do not.
                    handedOut.Add(symbols.ChatCompletionService ?? registration.Type);
                    continue;
                }

                Walk(client, symbols, compilation, handedOut, visited, hops: 0, cancellationToken);
            }

            var anyForAnotherServer = handedOut.Count > 0;
            foreach (var client in azureClients)
            {
                Walk(client, symbols, compilation, handedOut, visited, hops: 0, cancellationToken);
            }

            handedOut.AddRange(azureRegisteredAs);

            return handedOut.Count == 0 ? None : new RedirectedClients(handedOut, anyForAnotherServer);
        }

        private static void Walk(IOperation value, KnownModelSymbols symbols, Compilation compilation, List<ITypeSymbol?> handedOut, HashSet<ISymbol> visited, int hops, CancellationToken cancellationToken)
        {
            if (hops > MaxHops)
            {
                handedOut.Add(null);
                return;
            }

            var current = value;
            var parent = current.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation or IConditionalOperation or ICoalesceOperation
                or ISwitchExpressionArmOperation or ISwitchExpressionOperation)
            {
                current = parent;
                parent = current.Parent;
            }

            switch (parent)
            {
                case IInvocationOperation invocation when invocation.Instance == current:
                    // client.GetChatClient("llama3"), chat.CompleteChatAsync(...): a sub-client is followed, a request ends here.
                    FollowResult(invocation, symbols, compilation, handedOut, visited, hops, cancellationToken);
                    return;
                case IArgumentOperation { Parent: IInvocationOperation invocation, Parameter.Ordinal: 0 }
                        when invocation.TargetMethod.IsExtensionMethod && invocation.Instance == null:
                    // chat.AsIChatClient(), chatClient.GetResponseAsync(...): the same, through an extension.
                    FollowResult(invocation, symbols, compilation, handedOut, visited, hops, cancellationToken);
                    return;
                case IExpressionStatementOperation:
                    return;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }:
                    FollowReads(local, symbols, compilation, handedOut, visited, hops, cancellationToken);
                    return;
                case IFieldInitializerOperation { InitializedFields: { Length: 1 } fields }:
                    FollowReads(fields[0], symbols, compilation, handedOut, visited, hops, cancellationToken);
                    return;
                case IPropertyInitializerOperation { InitializedProperties: { Length: 1 } properties }:
                    FollowReads(properties[0], symbols, compilation, handedOut, visited, hops, cancellationToken);
                    return;
                case ISimpleAssignmentOperation assignment when assignment.Value == current && Holder(assignment.Target) is { } holder:
                    FollowReads(holder, symbols, compilation, handedOut, visited, hops, cancellationToken);
                    return;
                case IReturnOperation:
                case IArgumentOperation:
                    // A factory's result, a DI registration, a service's constructor: handed out as what it is.
                    handedOut.Add(current.Type);
                    return;
                default:
                    handedOut.Add(null);
                    return;
            }
        }

        // A request's result (a completion, a task, a stream) carries no client on; anything else (a sub-client, a
        // ChatClientBuilder that builds one) is followed.
        private static void FollowResult(IInvocationOperation invocation, KnownModelSymbols symbols, Compilation compilation, List<ITypeSymbol?> handedOut, HashSet<ISymbol> visited, int hops, CancellationToken cancellationToken)
        {
            if (symbols.IsClientLike(invocation.Type) || !IsRequestResult(invocation.Type))
            {
                Walk(invocation, symbols, compilation, handedOut, visited, hops + 1, cancellationToken);
            }
        }

        private static bool IsRequestResult(ITypeSymbol? type)
        {
            if (type == null || type.SpecialType is SpecialType.System_Void or SpecialType.System_String or SpecialType.System_Boolean)
            {
                return true;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                var space = current.ContainingNamespace?.ToDisplayString();
                if (space is "System.Threading.Tasks" or "System.ClientModel" or "System.ClientModel.Primitives"
                    || (current is INamedTypeSymbol { Name: "IAsyncEnumerable" or "IEnumerable" } && space == "System.Collections.Generic"))
                {
                    return true;
                }
            }

            return type.AllInterfaces.Any(i => i.Name is "IAsyncEnumerable" && i.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic");
        }

        private static ISymbol? Holder(IOperation target) => target switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        /// <summary>Follows every read of a local (in its member), a private field or property (in its type), or another member (in the project).</summary>
        private static void FollowReads(ISymbol holder, KnownModelSymbols symbols, Compilation compilation, List<ITypeSymbol?> handedOut, HashSet<ISymbol> visited, int hops, CancellationToken cancellationToken)
        {
            if (!visited.Add(holder))
            {
                return;
            }

            if (holder is IPropertySymbol { GetMethod: { } getter } && !getter.IsImplicitlyDeclared
                && getter.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken) is AccessorDeclarationSyntax { Body: not null } or AccessorDeclarationSyntax { ExpressionBody: not null }))
            {
                // A getter of its own may hand out anything.
                handedOut.Add(((IPropertySymbol)holder).Type);
                return;
            }

            foreach (var read in Reads(holder, compilation, cancellationToken))
            {
                Walk(read, symbols, compilation, handedOut, visited, hops + 1, cancellationToken);
            }
        }

        private static IEnumerable<IOperation> Reads(ISymbol holder, Compilation compilation, CancellationToken cancellationToken)
        {
            IEnumerable<SyntaxNode> scopes = holder switch
            {
                ILocalSymbol => holder.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)
                    .Ancestors().FirstOrDefault(ancestor => ancestor is MemberDeclarationSyntax and not GlobalStatementSyntax)
                    ?? reference.SyntaxTree.GetRoot(cancellationToken)),
                _ when holder.DeclaredAccessibility == Accessibility.Private => holder.ContainingType.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)),
                _ => compilation.SyntaxTrees.Select(tree => tree.GetRoot(cancellationToken)),
            };

            foreach (var scope in scopes)
            {
                SemanticModel? model = null;
                foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText != holder.Name)
                    {
                        continue;
                    }

                    SyntaxNode node = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                    model ??= SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                    var operation = model.GetOperation(node, cancellationToken);
                    if (operation != null && SymbolEqualityComparer.Default.Equals(Holder(operation), holder)
                        && !(operation.Parent is ISimpleAssignmentOperation written && written.Target == operation))
                    {
                        yield return operation;
                    }
                }
            }
        }

        private static bool Converts(ITypeSymbol from, ITypeSymbol to) =>
            SymbolEqualityComparer.Default.Equals(from, to)
            || from.SpecialType == SpecialType.System_Object
            || to.SpecialType == SpecialType.System_Object
            || AllBaseTypes(from).Any(type => SymbolEqualityComparer.Default.Equals(type, to))
            || from.AllInterfaces.Any(type => SymbolEqualityComparer.Default.Equals(type, to));

        private static IEnumerable<ITypeSymbol> AllBaseTypes(ITypeSymbol type)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                yield return current;
            }
        }
    }
}
