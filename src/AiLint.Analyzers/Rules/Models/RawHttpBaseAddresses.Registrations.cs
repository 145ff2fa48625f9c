using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The base addresses a typed or named client gets from the project: its <c>AddHttpClient</c> registrations' configuring
    /// calls, and the arguments every <c>new T(...)</c> or <c>: base(...)</c> passes for the client parameter.
    /// </summary>
    internal sealed partial class RawHttpBaseAddresses
    {
        /// <summary>
        /// A client given to a constructor: the registrations of its type as a typed client (by type, or by the name a
        /// typed client gets, its type's name), and every argument the project passes for the parameter.
        /// </summary>
        private void AddTypedClientSources(IMethodSymbol constructor, IParameterSymbol parameter, List<IOperation?> sources, HashSet<ISymbol> visited, int depth, CancellationToken cancellationToken)
        {
            var type = constructor.ContainingType;
            AddRegistrationSources(registration => registration.Matches(type) || registration.Matches(type.Name), sources, cancellationToken);
            foreach (var argument in ArgumentsFor(constructor, parameter.Ordinal, cancellationToken))
            {
                if (argument == null)
                {
                    sources.Add(null);
                }
                else
                {
                    AddClientSources(argument, sources, visited, depth + 1, cancellationToken);
                }
            }
        }

        /// <summary>The base addresses the configuring calls of the matching registrations assign.</summary>
        private void AddRegistrationSources(Func<ConfiguredHttpClients.Registration, bool> matches, List<IOperation?> sources, CancellationToken cancellationToken)
        {
            // The configuring calls are collected by the registration scan AIL0501's other readers share (one pass).
            foreach (var (registration, call) in symbols.HttpClientRegistrations(cancellationToken).Configuring)
            {
                if (matches(registration))
                {
                    AddConfigured(call, sources, cancellationToken);
                }
            }
        }

        /// <summary>
        /// The base addresses one configuring call assigns: in its lambdas (<c>c =&gt; c.BaseAddress = ...</c>,
        /// <c>(sp, c) =&gt; { ... }</c>) or the project method it names, and in a project method a lambda hands the client to.
        /// </summary>
        private void AddConfigured(IInvocationOperation call, List<IOperation?> sources, CancellationToken cancellationToken)
        {
            // AddHttpMessageHandler<RewriteHandler>(), ConfigurePrimaryHttpMessageHandler<LocalHandler>().
            if (call.TargetMethod.IsGenericMethod
                && call.TargetMethod.TypeArguments.Any(type => MayRewrite(type, cancellationToken)))
            {
                sources.Add(null);
                return;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                switch (ModelIdValue.Unwrap(argument.Value))
                {
                    case IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var method } }:
                        AddAssignedIn(method, sources, depth: 0, cancellationToken);
                        break;
                    case IDelegateCreationOperation or IAnonymousFunctionOperation:
                        AddAssigned(argument.Value, sources, depth: 0, cancellationToken);
                        break;
                }
            }
        }

        private void AddAssignedIn(IMethodSymbol method, List<IOperation?> sources, int depth, CancellationToken cancellationToken)
        {
            if (!SourceBodies.IsInSource(method, compilation) || depth > 2)
            {
                sources.Add(null);
                return;
            }

            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                AddAssigned(body, sources, depth, cancellationToken);
            }
        }

        private void AddAssigned(IOperation code, List<IOperation?> sources, int depth, CancellationToken cancellationToken)
        {
            foreach (var operation in code.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } target } assignment
                            when symbols.IsHttpClient(target.Property.ContainingType):
                        sources.Add(assignment.Value);
                        break;
                    case IObjectCreationOperation creation when MayRewrite(creation.Type, cancellationToken):
                        sources.Add(null);
                        break;
                    case IArgumentOperation { Parent: IInvocationOperation callee } handing
                            when OperationValues.Unwrap(handing.Value) is IParameterReferenceOperation handed && symbols.IsHttpClient(handed.Type):
                        // (sp, c) => Configure(c, sp): the assignments are in the project's method.
                        AddAssignedIn(callee.TargetMethod, sources, depth + 1, cancellationToken);
                        break;
                }
            }
        }

        /// <summary>
        /// The argument every call of <paramref name="constructor"/> in the project passes at <paramref name="ordinal"/>
        /// (<c>new T(http)</c>, <c>new(http)</c>, a derived type's <c>: base(http)</c>); null for a call that passes none.
        /// </summary>
        private IEnumerable<IOperation?> ArgumentsFor(IMethodSymbol constructor, int ordinal, CancellationToken cancellationToken) =>
            CallsOf(constructor.OriginalDefinition, cancellationToken).Select(arguments =>
                arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)?.Value);

        /// <summary>The arguments of every call of a constructor in the project; only files that spell its type's name are read.</summary>
        private List<ImmutableArray<IArgumentOperation>> CallsOf(IMethodSymbol constructor, CancellationToken cancellationToken) =>
            constructorCalls.GetOrAdd(constructor, key =>
            {
                var found = new List<ImmutableArray<IArgumentOperation>>();
                var typeName = key.ContainingType.Name;
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var root = tree.GetRoot(cancellationToken);
                    if (!root.DescendantTokens().Any(token => token.ValueText == typeName))
                    {
                        continue;
                    }

                    var model = SourceBodies.GetSemanticModel(compilation, tree);
                    foreach (var node in root.DescendantNodes())
                    {
                        if (node is not (BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax))
                        {
                            continue;
                        }

                        var (called, arguments) = model.GetOperation(node, cancellationToken) switch
                        {
                            IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
                            IInvocationOperation initializer => (initializer.TargetMethod, initializer.Arguments),
                            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
                        };
                        if (SymbolEqualityComparer.Default.Equals(called?.OriginalDefinition, key))
                        {
                            found.Add(arguments);
                        }
                    }
                }

                return found;
            });
    }
}
