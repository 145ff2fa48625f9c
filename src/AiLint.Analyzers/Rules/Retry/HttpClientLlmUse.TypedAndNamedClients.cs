// HttpClientLlmUse: typed (AddHttpClient<T>) and named (CreateClient(name), keyed lookups and parameters) clients and the bodies read for them; separate from the use tests they end in.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal sealed partial class HttpClientLlmUse
    {
        private bool ComputeTyped(ITypeSymbol type, CancellationToken cancellationToken)
        {
            if (type is not INamedTypeSymbol named
                || !SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, compilation.Assembly)
                || !named.InstanceConstructors.Any(c => c.Parameters.Any(p => IsHttpClient(p.Type))))
            {
                return false;
            }

            // Every HttpClient the type holds or receives is the factory's client (a typed client gets exactly one).
            bool IsOurs(IOperation value) => Unwrap(value) switch
            {
                IParameterReferenceOperation p => IsHttpClient(p.Type),
                IFieldReferenceOperation f => IsHttpClient(f.Type) && SymbolEqualityComparer.Default.Equals(f.Field.ContainingType, named),
                IPropertyReferenceOperation p => IsHttpClient(p.Type) && SymbolEqualityComparer.Default.Equals(p.Property.ContainingType, named),
                _ => false,
            };

            var used = false;
            foreach (var body in TypeBodies(named, cancellationToken))
            {
                if (MentionsIdempotency(body))
                {
                    // The request carries a key: AIL0001's bug is not there.
                    return false;
                }

                used |= body.Descendants().Any(o => UsesForLlm(o, IsOurs));
            }

            return used;
        }

        /// <summary>Method, accessor and constructor bodies and field/property initializers (clients are often built there).</summary>
        private IEnumerable<IOperation> TypeBodies(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                var model = SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree);
                foreach (var node in declaration.DescendantNodes())
                {
                    var isRoot = node switch
                    {
                        BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => true,
                        ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
                        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax } => true,
                        _ => false,
                    };

                    if (isRoot && model.GetOperation(node, cancellationToken) is { } operation)
                    {
                        yield return operation;
                    }
                }
            }
        }

        private bool ComputeNamed(string name, CancellationToken cancellationToken)
        {
            if (httpClientFactory is null)
            {
                return false;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                foreach (var node in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    // Syntax first: only `x.CreateClient(...)` with an argument is bound.
                    if (node.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateClient" } || node.ArgumentList.Arguments.Count != 1)
                    {
                        continue;
                    }

                    var model = SourceBodies.GetSemanticModel(compilation, tree);
                    if (model.GetOperation(node, cancellationToken) is not IInvocationOperation create
                        || !KnownRetrySymbols.IsOrInherits(create.TargetMethod.ContainingType, httpClientFactory)
                        || create.Arguments.Length != 1
                        || ValueOrigins.ConstantString(create.Arguments[0].Value) != name)
                    {
                        continue;
                    }

                    if (CreatedClientUsedForLlm(create))
                    {
                        return true;
                    }
                }
            }

            return KeyedClientUsedForLlm(name, cancellationToken);
        }

        /// <summary>
        /// The same client read as a keyed service, only when some <c>AddHttpClient(name)</c> builder is registered with
        /// <c>AddAsKeyed()</c> (without it the container has no keyed HttpClient): a
        /// <c>GetRequiredKeyedService&lt;HttpClient&gt;(name)</c> read like <c>CreateClient(name)</c>, or a
        /// <c>[FromKeyedServices(name)] HttpClient</c> parameter whose code hands it to an LLM SDK or POSTs generations.
        /// </summary>
        private bool KeyedClientUsedForLlm(string name, CancellationToken cancellationToken)
        {
            if (!keyed.IsRegisteredAsKeyed(name, cancellationToken))
            {
                return false;
            }

            foreach (var lookup in keyed.Lookups(name, cancellationToken))
            {
                if (CreatedClientUsedForLlm(lookup))
                {
                    return true;
                }
            }

            foreach (var parameter in keyed.Parameters(name, cancellationToken))
            {
                if (KeyedParameterUsedForLlm(parameter, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A constructor parameter: the type's bodies use it, or a field/property of the type it is stored in, for LLM
        /// calls (as a typed client's). A method or lambda parameter: its own body does. An idempotency key in view
        /// clears it, as for the other lookups.
        /// </summary>
        private bool KeyedParameterUsedForLlm(IParameterSymbol parameter, CancellationToken cancellationToken)
        {
            List<IOperation> bodies;
            if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: { } type })
            {
                bodies = TypeBodies(type, cancellationToken).ToList();
            }
            else if (KeyedHttpClients.OwnerBody(parameter, compilation, cancellationToken) is { } body)
            {
                bodies = new List<IOperation> { body };
            }
            else
            {
                return false;
            }

            var holders = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in bodies.SelectMany(b => b.DescendantsAndSelf()))
            {
                // `this.http = http;`, `private readonly HttpClient http = http;` (primary constructor).
                var (holder, value) = operation switch
                {
                    ISimpleAssignmentOperation { Target: IFieldReferenceOperation f } a => ((ISymbol?)f.Field, a.Value),
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation p } a => (p.Property, a.Value),
                    IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } i => (fields[0], i.Value),
                    IPropertyInitializerOperation { InitializedProperties: { Length: 1 } properties } i => (properties[0], i.Value),
                    _ => (null, null),
                };

                if (holder is not null && value is not null && IsParameter(value, parameter)
                    && SymbolEqualityComparer.Default.Equals(holder.ContainingType, (parameter.ContainingSymbol as IMethodSymbol)?.ContainingType))
                {
                    holders.Add(holder);
                }
            }

            bool IsOurs(IOperation value) => IsParameter(value, parameter) || Unwrap(value) switch
            {
                IFieldReferenceOperation f => holders.Contains(f.Field),
                IPropertyReferenceOperation p => holders.Contains(p.Property),
                _ => false,
            };

            return !bodies.Any(MentionsIdempotency) && bodies.Any(body => body.Descendants().Any(o => UsesForLlm(o, IsOurs)));
        }

        private static bool IsParameter(IOperation value, IParameterSymbol parameter) =>
            Unwrap(value) is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
    }
}
