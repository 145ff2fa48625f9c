using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The prompts of an abstract, virtual or interface member (a get-only string property, or a parameterless string
    /// method) whose every body that can run is in the project and returns a constant: a "prompt set" base class with one
    /// override per task (<see cref="ImplementedPropertyPrompts"/>, <see cref="ImplementedMethodPrompts"/>). The set of
    /// texts the slot can receive is then closed, so each body is a prompt under its own name. One body computed at run
    /// time, or one the project does not hold yet (a class that does not implement the member), opens the set: none is
    /// taken, precision first. Each text must also instruct, or its member's name say it holds instructions, and not only
    /// pass a variable through (<c>"{{prompt}}"</c>), as a member read into assembled text must (<see cref="AssembledMember"/>).
    /// </summary>
    internal sealed class ImplementedBodies
    {
        private readonly Compilation compilation;

        // Per member, once per compilation (PromptFlow, which holds the users, lives as long as its compilation's analysis).
        private readonly ConcurrentDictionary<ISymbol, ImmutableArray<PromptDeclaration>> byMember =
            new ConcurrentDictionary<ISymbol, ImmutableArray<PromptDeclaration>>(SymbolEqualityComparer.Default);

        public ImplementedBodies(Compilation compilation) => this.compilation = compilation;

        /// <summary>Adds the prompts of <paramref name="member"/>'s bodies (see <see cref="Prompts"/>), found once per member.</summary>
        public void Add(ISymbol member, bool ownBodyIsRead, Func<ISymbol, CancellationToken, PromptDeclaration?> constantBody, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            if (!byMember.TryGetValue(member, out var found))
            {
                found = byMember.GetOrAdd(member, Prompts(member, ownBodyIsRead, compilation, body => constantBody(body, cancellationToken), cancellationToken));
            }

            foreach (var declaration in found)
            {
                results.Add(PromptOrigin.Of(declaration));
            }
        }

        /// <param name="member">The member read at the slot (its original definition).</param>
        /// <param name="ownBodyIsRead">
        /// Whether the caller already reads <paramref name="member"/>'s own body (PromptFlow reads a property's declaration
        /// itself); a method's own body is read only here.
        /// </param>
        /// <param name="compilation">The compilation whose types may supply the bodies.</param>
        /// <param name="constantBody">The prompt declaration of a body returning one non-blank constant, or null.</param>
        /// <param name="cancellationToken">Cancels the search.</param>
        private static ImmutableArray<PromptDeclaration> Prompts(
            ISymbol member,
            bool ownBodyIsRead,
            Compilation compilation,
            Func<ISymbol, PromptDeclaration?> constantBody,
            CancellationToken cancellationToken)
        {
            var containing = member.ContainingType;
            var isInterface = containing.TypeKind == TypeKind.Interface;
            var bodies = new List<ISymbol>();
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            // The body an instance of each concrete type runs: only a type implementing the interface or deriving from the
            // class can supply one (the ImplementingTypes index, made once per compilation), or the class itself.
            var types = ImplementingTypes.For(compilation, cancellationToken).Of(containing);
            for (var i = -1; i < types.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var type = i < 0 ? containing : types[i];
                if (type.IsAbstract || type.TypeKind == TypeKind.Interface)
                {
                    continue;
                }

                // An interface member may be implemented by a virtual or abstract member of a base class: the body
                // that runs is then its most derived override.
                var declared = isInterface ? Implementation(type, member) : member;
                var body = declared == null ? null : RunningOverride(type, declared);
                if (body == null || body.IsAbstract)
                {
                    // Broken code (a class that does not implement the member yet): nothing is known.
                    return ImmutableArray<PromptDeclaration>.Empty;
                }

                body = body.OriginalDefinition;
                if (seen.Add(body) && !(ownBodyIsRead && SymbolEqualityComparer.Default.Equals(body, member)))
                {
                    bodies.Add(body);
                }
            }

            // A virtual method nothing here overrides is left as a non-virtual call's is not: an extension point whose
            // overrides live in the code that uses the library (and PromptFlow never followed it). An override of the
            // project's own method is not one: called in its own class (`new SystemChatMessage(GetSystemPrompt())` in
            // OpenAiStrategy, review82 repro-2) the call binds to it, and only it or its own overrides can run, so a
            // sibling's body (a test double's `return String.Empty;`) is not in the set and cannot silence it.
            if (!ownBodyIsRead && bodies.Count == 1 && SymbolEqualityComparer.Default.Equals(bodies[0], member) && !OverridesProjectMember(member, compilation))
            {
                return ImmutableArray<PromptDeclaration>.Empty;
            }

            // A class's own body that is not constant may run for a type that does not override it: the set is open.
            if (!isInterface && !member.IsAbstract && constantBody(member) == null)
            {
                return ImmutableArray<PromptDeclaration>.Empty;
            }

            var declarations = ImmutableArray.CreateBuilder<PromptDeclaration>(bodies.Count);
            foreach (var body in bodies)
            {
                if (constantBody(body) is not { } declaration)
                {
                    return ImmutableArray<PromptDeclaration>.Empty;
                }

                // The body's name holds the member's (`Ns.ITask.SystemMessage` when implemented explicitly), so a
                // member named for instructions keeps its texts, one bare word (`"none"`) aside.
                if (!DataTemplate.OnlyPassesVariables(declaration.Text!) && AssembledMember.IsThePrompt(declaration, read: null))
                {
                    declarations.Add(declaration);
                }
            }

            return declarations.ToImmutable();
        }

        /// <summary>An override of a method declared in this project (a library's virtual method stays the library's extension point).</summary>
        private static bool OverridesProjectMember(ISymbol member, Compilation compilation) =>
            member is IMethodSymbol { IsOverride: true, OverriddenMethod: { } overridden }
            && SymbolEqualityComparer.Default.Equals(overridden.ContainingAssembly, compilation.Assembly);

        /// <summary>The member of <paramref name="type"/> implementing the interface member (of the interface as the type constructs it).</summary>
        private static ISymbol? Implementation(INamedTypeSymbol type, ISymbol member)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, member.ContainingType))
                {
                    continue;
                }

                foreach (var candidate in implemented.GetMembers(member.Name))
                {
                    if (candidate.Kind == member.Kind && SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, member))
                    {
                        return type.FindImplementationForInterfaceMember(candidate);
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The override of <paramref name="member"/> an instance of <paramref name="type"/> runs: the most derived one,
        /// or the member itself when no class between overrides it.
        /// </summary>
        private static ISymbol? RunningOverride(INamedTypeSymbol type, ISymbol member)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var candidate in current.GetMembers(member.Name))
                {
                    if (candidate.Kind == member.Kind && Overrides(candidate, member))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        private static bool Overrides(ISymbol candidate, ISymbol member)
        {
            for (var current = candidate; current != null; current = Overridden(current))
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, member))
                {
                    return true;
                }
            }

            return false;
        }

        private static ISymbol? Overridden(ISymbol member) => member switch
        {
            IPropertySymbol property => property.OverriddenProperty,
            IMethodSymbol method => method.OverriddenMethod,
            _ => null,
        };
    }
}
