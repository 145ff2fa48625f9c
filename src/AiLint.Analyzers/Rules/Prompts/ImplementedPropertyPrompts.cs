using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The texts an abstract, virtual or interface string property read at a slot can give, when the project holds every
    /// body that can run and each returns a constant: a "prompt set" base class (<c>public abstract string SystemPrompt
    /// { get; }</c>) with one subclass per task (<c>public override string SystemPrompt => """You are an expert ..."""</c>),
    /// read at <c>new SystemChatMessage(prompts.SystemPrompt)</c> (review77, DFE-Digital/sts-ai-support). The set of texts
    /// the slot can receive is then closed, so each override is a prompt under its own name, at its own declaration.
    /// One computed at run time (a file read, a constructor parameter, configuration) opens the set: none is taken,
    /// precision first. Each text must also instruct, or the property's name say it holds instructions, and not only pass
    /// a variable through (<c>"{{prompt}}"</c>), as a member read into assembled text must (<see cref="AssembledMember"/>).
    /// </summary>
    internal sealed class ImplementedPropertyPrompts
    {
        private readonly Compilation compilation;
        private readonly KnownPromptSymbols symbols;

        // Per property, once per compilation (PromptFlow lives as long as its compilation's analysis).
        private readonly ConcurrentDictionary<IPropertySymbol, ImmutableArray<PromptDeclaration>> byProperty =
            new ConcurrentDictionary<IPropertySymbol, ImmutableArray<PromptDeclaration>>(SymbolEqualityComparer.Default);

        public ImplementedPropertyPrompts(Compilation compilation, KnownPromptSymbols symbols)
        {
            this.compilation = compilation;
            this.symbols = symbols;
        }

        /// <summary>Adds the prompts of the bodies of <paramref name="property"/> that other types supply (none when it has one body).</summary>
        public void Add(IPropertySymbol property, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            property = property.OriginalDefinition;
            if (!IsOpenToOtherBodies(property))
            {
                return;
            }

            if (!byProperty.TryGetValue(property, out var found))
            {
                found = byProperty.GetOrAdd(property, Find(property, cancellationToken));
            }

            foreach (var declaration in found)
            {
                results.Add(PromptOrigin.Of(declaration));
            }
        }

        /// <summary>
        /// A get-only instance string property another type may supply the body of. A settable one is a holder of what the
        /// project assigns (PromptFlow follows it so), and a sealed override has only its own body.
        /// </summary>
        private static bool IsOpenToOtherBodies(IPropertySymbol property) =>
            !property.IsStatic
            && !property.IsIndexer
            && property.SetMethod == null
            && property.Type.SpecialType == SpecialType.System_String
            && property.ContainingType is { } type
            && (type.TypeKind == TypeKind.Interface
                || (type.TypeKind == TypeKind.Class && !type.IsSealed && !property.IsSealed && (property.IsAbstract || property.IsVirtual || property.IsOverride)));

        private ImmutableArray<PromptDeclaration> Find(IPropertySymbol property, CancellationToken cancellationToken)
        {
            var isInterface = property.ContainingType.TypeKind == TypeKind.Interface;
            var bodies = new List<IPropertySymbol>();
            var seen = new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default);

            // The body an instance of each concrete type runs: only a type implementing the interface or deriving from the
            // class can supply one (the ImplementingTypes index, made once per compilation). The declared body of a
            // virtual property is already the slot's prompt (PromptFlow reads the member itself) and is not repeated here.
            foreach (var type in ImplementingTypes.For(compilation, cancellationToken).Of(property.ContainingType))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (type.IsAbstract)
                {
                    continue;
                }

                // An interface member may be implemented by a virtual or abstract property of a base class: the body
                // that runs is then its most derived override.
                var declared = isInterface ? Implementation(type, property) : property;
                var body = declared == null ? null : RunningOverride(type, declared);
                if (body == null || body.IsAbstract)
                {
                    // Broken code (a class that does not implement the member yet): nothing is known.
                    return ImmutableArray<PromptDeclaration>.Empty;
                }

                body = body.OriginalDefinition;
                if (seen.Add(body) && !(!isInterface && SymbolEqualityComparer.Default.Equals(body, property)))
                {
                    bodies.Add(body);
                }
            }

            // A class's own body that is not constant may run for a type that does not override it: the set is open.
            if (!isInterface && !property.IsAbstract && ConstantBody(property, cancellationToken) == null)
            {
                return ImmutableArray<PromptDeclaration>.Empty;
            }

            var declarations = ImmutableArray.CreateBuilder<PromptDeclaration>(bodies.Count);
            foreach (var body in bodies)
            {
                if (ConstantBody(body, cancellationToken) is not { } declaration)
                {
                    return ImmutableArray<PromptDeclaration>.Empty;
                }

                // The body's name holds the property's (`Ns.ITask.SystemMessage` when implemented explicitly), so a
                // property named for instructions keeps its texts, one bare word (`"none"`) aside.
                if (!DataTemplate.OnlyPassesVariables(declaration.Text!) && AssembledMember.IsThePrompt(declaration, read: null))
                {
                    declarations.Add(declaration);
                }
            }

            return declarations.ToImmutable();
        }

        /// <summary>The property of <paramref name="type"/> implementing the interface member (of the interface as the type constructs it).</summary>
        private static IPropertySymbol? Implementation(INamedTypeSymbol type, IPropertySymbol property)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, property.ContainingType))
                {
                    continue;
                }

                foreach (var member in implemented.GetMembers(property.Name))
                {
                    if (member is IPropertySymbol constructed && SymbolEqualityComparer.Default.Equals(constructed.OriginalDefinition, property))
                    {
                        return type.FindImplementationForInterfaceMember(constructed) as IPropertySymbol;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The override of <paramref name="property"/> an instance of <paramref name="type"/> runs: the most derived one,
        /// or the property itself when no class between overrides it.
        /// </summary>
        private static IPropertySymbol? RunningOverride(INamedTypeSymbol type, IPropertySymbol property)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(property.Name))
                {
                    if (member is IPropertySymbol candidate && Overrides(candidate, property))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        private static bool Overrides(IPropertySymbol candidate, IPropertySymbol property)
        {
            for (var current = candidate; current != null; current = current.OverriddenProperty)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, property))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The prompt declaration of a get-only body in this project's source returning one non-blank constant (a
        /// literal, a const, a raw string, a constant interpolation), or null. An abstract body has none.
        /// </summary>
        private PromptDeclaration? ConstantBody(IPropertySymbol body, CancellationToken cancellationToken)
        {
            if (body.IsAbstract || body.SetMethod != null || body.GetMethod is not { } getter || !SourceBodies.IsInSource(getter, compilation)
                || body.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var node = body.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (node.ContainsDiagnostics || PromptDeclaration.ValueExpression(node) is not { } value)
            {
                return null;
            }

            var model = SourceBodies.GetSemanticModel(compilation, node.SyntaxTree);
            if (!(model.GetConstantValue(value, cancellationToken).Value is string text) || string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var found = new List<PromptDeclaration>(1);
            PromptDeclaration.Read(node, model, symbols, found, cancellationToken);
            return found.Count == 1 ? found[0] : null;
        }
    }
}
