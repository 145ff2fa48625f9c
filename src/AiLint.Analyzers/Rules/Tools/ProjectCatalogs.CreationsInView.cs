using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// The creations of a type whose constructor no code outside the project can call, and the per-tool wrapper inputs
    /// of builders (<see cref="PerToolWrapperInputs"/>); each found once per parameter.
    /// </summary>
    internal sealed partial class ProjectCatalogs
    {
        private readonly ConcurrentDictionary<IParameterSymbol, IReadOnlyList<IOperation>?> _creationsInView =
            new ConcurrentDictionary<IParameterSymbol, IReadOnlyList<IOperation>?>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<IParameterSymbol, bool> _wrapperInputs =
            new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>0 until read, then 1 (no friend assembly) or 2; an int, so threads read it whole.</summary>
        private int _grantsInternals;

        /// <summary>
        /// The arguments every creation of the type passes for a parameter of a constructor declared <c>private</c> (only
        /// the type's own code can call it: its declarations are read) or <c>internal</c> (only this project's: every file
        /// is read, unless the assembly shows its internals to another with <c>InternalsVisibleTo</c>). The container
        /// calls only public constructors, so no creation is hidden in a registration. Null when the constructor is
        /// public or protected (other projects may call it), when none is found, or when a creation that names the type
        /// does not compile (AiLint cannot tell what it passes).
        /// </summary>
        public IReadOnlyList<IOperation>? ArgumentsOfCreationsInView(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                || constructor.ContainingType is not { } type
                || parameter.IsParams || parameter.RefKind != RefKind.None
                || !IsInSource(constructor.OriginalDefinition))
            {
                return null;
            }

            return _creationsInView.GetOrAdd(parameter.OriginalDefinition, key => FindCreationsInView(constructor.OriginalDefinition, type.OriginalDefinition, key));
        }

        /// <summary>Whether an input of a source method is only handed to per-tool wrappers (<see cref="PerToolWrapperInputs"/>).</summary>
        public bool IsPerToolWrapperInput(IParameterSymbol parameter) =>
            _wrapperInputs.GetOrAdd(parameter.OriginalDefinition, key =>
                key.ContainingSymbol is IMethodSymbol method && IsInSource(method.OriginalDefinition)
                && PerToolWrapperInputs.IsWrapperOnly(key, SourceBodies.GetBodies(method, Compilation, CancellationToken), Symbols));

        private IReadOnlyList<IOperation>? FindCreationsInView(IMethodSymbol constructor, INamedTypeSymbol type, IParameterSymbol parameter)
        {
            IEnumerable<SyntaxNode> scopes;
            switch (constructor.DeclaredAccessibility)
            {
                case Accessibility.Private:
                    scopes = type.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(CancellationToken));
                    break;
                case Accessibility.Internal:
                case Accessibility.ProtectedAndInternal:
                    if (GrantsInternals())
                    {
                        return null;
                    }

                    scopes = Compilation.SyntaxTrees.Select(tree => tree.GetRoot(CancellationToken));
                    break;
                default:
                    return null;
            }

            var arguments = new List<IOperation>();
            foreach (var scope in scopes)
            {
                foreach (var node in scope.DescendantNodes())
                {
                    bool namesType;
                    switch (node)
                    {
                        case ObjectCreationExpressionSyntax explicitNew:
                            namesType = RightmostName(explicitNew.Type) == type.Name;
                            if (!namesType)
                            {
                                continue;
                            }

                            break;
                        case ImplicitObjectCreationExpressionSyntax:
                        case ConstructorInitializerSyntax:
                        case PrimaryConstructorBaseTypeSyntax:
                            namesType = false;
                            break;
                        default:
                            continue;
                    }

                    var operation = SourceBodies.GetOperation(node, Compilation, CancellationToken);
                    var (target, passed) = operation switch
                    {
                        IObjectCreationOperation created => (created.Constructor, created.Arguments),
                        IInvocationOperation chained => (chained.TargetMethod, chained.Arguments),
                        _ => (null, default(System.Collections.Immutable.ImmutableArray<IArgumentOperation>)),
                    };
                    if (target == null)
                    {
                        // `new McpToolSet(client, )`, or a `new(...)` of this type that does not bind: not every creation is seen.
                        if (namesType || SymbolEqualityComparer.Default.Equals(operation?.Type?.OriginalDefinition, type))
                        {
                            return null;
                        }

                        continue;
                    }

                    if (!SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, constructor))
                    {
                        continue;
                    }

                    var found = false;
                    foreach (var argument in passed)
                    {
                        if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter))
                        {
                            arguments.Add(argument.Value);
                            found = true;
                        }
                    }

                    if (!found)
                    {
                        return null;
                    }
                }
            }

            return arguments.Count == 0 ? null : arguments;
        }

        /// <summary>Whether the assembly shows its internals to another (<c>[assembly: InternalsVisibleTo("...")]</c>).</summary>
        private bool GrantsInternals()
        {
            if (_grantsInternals != 0)
            {
                return _grantsInternals == 2;
            }

            var grants = false;
            foreach (var attribute in Compilation.Assembly.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "InternalsVisibleToAttribute" } attributeClass
                    && attributeClass.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices")
                {
                    grants = true;
                    break;
                }
            }

            _grantsInternals = grants ? 2 : 1;
            return grants;
        }
    }
}
