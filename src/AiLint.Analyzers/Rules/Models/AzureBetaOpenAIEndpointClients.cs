using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Azure.AI.OpenAI 1.0 beta's <c>OpenAIClient</c> built for OpenAI's own endpoint. The beta's chat and completion
    /// calls take a <c>string deploymentOrModelName</c>: an Azure deployment name (any name the customer chose) on a
    /// client built with a resource URI (<c>new OpenAIClient(endpoint, credential)</c>), but an OpenAI model id on a
    /// client built with an API key alone (<c>new OpenAIClient(openAIApiKey)</c> or <c>(openAIApiKey, options)</c>,
    /// documented "for use with the non-Azure OpenAI endpoint"). The argument is read as a model id only when the code
    /// shows that the receiver is such a client: the creation itself, a local initialised with it that nothing writes
    /// again, or a field that only its own type can write and that every write of the type fills with it. A client that
    /// comes from anywhere else (a parameter, DI, a property, a factory, a choice between constructors) is unknown and
    /// its argument is not read: it may be a deployment name. So is a client whose options may replace the transport
    /// (<see cref="KeepsTransport"/>): apps pointed the beta at local servers that way.
    /// </summary>
    internal sealed class AzureBetaOpenAIEndpointClients
    {
        // The beta's name for the slot; 2.x has no Azure.AI.OpenAI.OpenAIClient (its client is AzureOpenAIClient).
        private const string SlotName = "deploymentOrModelName";

        private readonly Compilation compilation;

        // Fields already decided: a service's client field is read by each of its calls.
        private readonly ConcurrentDictionary<IFieldSymbol, bool> fields = new ConcurrentDictionary<IFieldSymbol, bool>(SymbolEqualityComparer.Default);

        public AzureBetaOpenAIEndpointClients(Compilation compilation)
        {
            this.compilation = compilation;
            Client = compilation.GetTypeByMetadataName("Azure.AI.OpenAI.OpenAIClient");
        }

        /// <summary>The 1.0 beta's <c>Azure.AI.OpenAI.OpenAIClient</c>; null when the beta is not referenced.</summary>
        public INamedTypeSymbol? Client { get; }

        /// <summary>
        /// Whether <paramref name="parameter"/> of <paramref name="call"/> receives an OpenAI model id: the
        /// <c>deploymentOrModelName</c> of an <c>OpenAIClient</c> method called on a client provably built with an
        /// API-key constructor (see the class remarks).
        /// </summary>
        public bool TakesModelId(IOperation call, IParameterSymbol? parameter, CancellationToken cancellationToken) =>
            Client != null
            && parameter is { Name: SlotName, Type.SpecialType: SpecialType.System_String, ContainingSymbol: IMethodSymbol method }
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, Client)
            && call is IInvocationOperation { Instance: { } receiver }
            && IsOpenAIEndpointClient(receiver, cancellationToken);

        private bool IsOpenAIEndpointClient(IOperation receiver, CancellationToken cancellationToken)
        {
            switch (OperationValues.Unwrap(receiver))
            {
                case IObjectCreationOperation creation:
                    return IsApiKeyCreation(creation, cancellationToken);
                case ILocalReferenceOperation { Local: var local }:
                    return ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is { } initializer
                        && Bind(initializer, cancellationToken) is { } initial
                        && OperationValues.Unwrap(initial) is IObjectCreationOperation created
                        && IsApiKeyCreation(created, cancellationToken);
                case IFieldReferenceOperation { Field: var field }:
                    return fields.GetOrAdd(field, f => EveryWriteIsApiKeyCreation(f, cancellationToken));
                default:
                    return false;
            }
        }

        /// <summary>
        /// A field only its type can write (<c>readonly</c> or <c>private</c>), declared once, written at least once, and
        /// filled with an API-key client by every write: initializers and assignments of its name (<see cref="WrittenValues"/>),
        /// with no other write of the name (<c>ref</c>/<c>out</c>, another object's field of that name).
        /// </summary>
        private bool EveryWriteIsApiKeyCreation(IFieldSymbol field, CancellationToken cancellationToken)
        {
            if (!(field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private)
                || field.DeclaringSyntaxReferences.Length != 1
                || !SymbolEqualityComparer.Default.Equals(field.Type, Client))
            {
                return false;
            }

            var assignments = 0;
            var writes = 0;
            foreach (var written in WrittenValues.Of(field, compilation, cancellationToken))
            {
                if (OperationValues.Unwrap(written) is not IObjectCreationOperation creation || !IsApiKeyCreation(creation, cancellationToken))
                {
                    return false;
                }

                writes++;
                if (written.Syntax.Parent is AssignmentExpressionSyntax)
                {
                    assignments++;
                }
            }

            return writes > 0 && assignments == ClientFields.WritesByName(field, cancellationToken);
        }

        /// <summary>
        /// <c>new OpenAIClient(openAIApiKey)</c> or <c>new OpenAIClient(openAIApiKey, options)</c>: the beta's own
        /// constructors whose first parameter is the key, with options the code shows keep the SDK's transport.
        /// </summary>
        private bool IsApiKeyCreation(IObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            if (creation.Constructor is not { Parameters: { Length: > 0 } parameters } constructor
                || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, Client)
                || parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Ordinal > 0 && !KeepsTransport(argument.Value, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether client options leave requests on OpenAI's endpoint. A custom <c>Transport</c> (an <c>HttpClient</c>
        /// whose handler rewrites the host) or a pipeline policy (<c>AddPolicy</c>) can send them to a local or another
        /// OpenAI-compatible server, which has its own model names. Shown only for <c>null</c>, an options object created
        /// in the argument whose initializer sets no <c>Transport</c>, or a local initialised that way that nothing
        /// writes again, whose <c>Transport</c> and <c>AddPolicy</c> its member never names and that it hands to no call
        /// but this constructor (a helper could configure it). Options from anywhere else are unknown.
        /// </summary>
        private bool KeepsTransport(IOperation options, CancellationToken cancellationToken)
        {
            switch (OperationValues.Unwrap(options))
            {
                case { ConstantValue: { HasValue: true, Value: null } }:
                    return true;
                case IObjectCreationOperation creation:
                    return creation.Initializer == null
                        || creation.Initializer.Initializers.All(member => member switch
                        {
                            // Retry = { MaxRetries = 5 }, Diagnostics = { ... }: nested settings, never the transport.
                            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: not "Transport" } } => true,
                            IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: not "Transport" } } => true,
                            _ => false,
                        });
                case ILocalReferenceOperation { Local: { IsRef: false } local }:
                    // Its initializer is the only value written to it (`options.Retry.MaxRetries = 3` sets a member, not the local).
                    return local.DeclaringSyntaxReferences.Length == 1
                        && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                        && WrittenValues.Of(local, compilation, cancellationToken).Take(2).Count() == 1
                        && Bind(initializer, cancellationToken) is { } initial
                        && OperationValues.Unwrap(initial) is IObjectCreationOperation
                        && KeepsTransport(initial, cancellationToken)
                        && !ConfiguredElsewhere(local, initializer, cancellationToken);
                default:
                    return false;
            }
        }

        // The member declaring the options local names its Transport or AddPolicy, or uses it as more than one argument
        // (a helper that configures it, an `out`, a deconstruction's tuple element all are one besides the constructor's).
        private static bool ConfiguredElsewhere(ILocalSymbol local, SyntaxNode initializer, CancellationToken cancellationToken)
        {
            SyntaxNode scope = initializer.SyntaxTree.GetRoot(cancellationToken);
            foreach (var ancestor in initializer.Ancestors())
            {
                if (ancestor is MemberDeclarationSyntax && ancestor is not GlobalStatementSyntax)
                {
                    scope = ancestor;
                    break;
                }
            }

            var passed = 0;
            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != local.Name)
                {
                    continue;
                }

                if (identifier.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Transport" or "AddPolicy" } access && access.Expression == identifier)
                {
                    return true;
                }

                if (identifier.Parent is ArgumentSyntax && ++passed > 1)
                {
                    return true;
                }
            }

            return false;
        }

        private IOperation? Bind(ExpressionSyntax expression, CancellationToken cancellationToken) =>
            SourceBodies.GetSemanticModel(compilation, expression.SyntaxTree).GetOperation(expression, cancellationToken);
    }
}
