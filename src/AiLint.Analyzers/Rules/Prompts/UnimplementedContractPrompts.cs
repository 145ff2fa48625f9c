using System;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Clean architecture (review63 N1: TennisGPT, CodingAgent, Codewrinkles, StoryGenerator): the Application project
    /// declares <c>interface ILlmClient { Task&lt;string&gt; CompleteAsync(string systemPrompt, string userPrompt, ...); }</c>
    /// and passes its prompt constant; the Infrastructure project, which references Application, implements it and puts
    /// the parameter into the SDK's system slot. No compilation sees both the constant and the slot, and a project summary
    /// cannot help (it describes a library for its consumers; here the dependency points the other way).
    /// <para>
    /// So, only when nothing else is visible (an interface or abstract method declared in this compilation that has no
    /// implementation in it at all, and returns an answer), the parameter's name is read: a string parameter named for instructions
    /// (<c>systemPrompt</c>, <c>systemMessage</c>, <c>instructions</c>, <c>persona</c>, <c>system</c>; not <c>prompt</c>,
    /// <c>userPrompt</c> or <c>text</c>) takes a prompt when the value passed there instructs (the template test: a persona,
    /// a keyword sentence, an imperative) or is a named member whose name says it holds a prompt or instructions. Any
    /// implementation in the compilation keeps the reading of <see cref="ContractPromptParameters"/>.
    /// </para>
    /// </summary>
    internal static class UnimplementedContractPrompts
    {
        /// <summary>
        /// The prompts passed to unimplemented contract methods of <paramref name="compilation"/>; <paramref name="flowOf"/>
        /// is asked only when there is such a method.
        /// </summary>
        public static List<PromptDeclaration> Find(Compilation compilation, Func<PromptFlow> flowOf, CancellationToken cancellationToken)
        {
            var results = new List<PromptDeclaration>();
            var contracts = Unimplemented(compilation, cancellationToken);
            if (contracts.Count == 0)
            {
                return results;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var contract in contracts)
            {
                names.Add(contract.Name);
            }

            var spelling = FileWords.For(compilation).Spelling(names);
            var flow = flowOf();
            var origins = new List<PromptOrigin>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!spelling.Contains(tree, cancellationToken))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (!(node is InvocationExpressionSyntax call) || !names.Contains(CalledName(call.Expression) ?? string.Empty))
                    {
                        continue;
                    }

                    model ??= SourceBodies.GetSemanticModel(compilation, tree);
                    if (!(model.GetOperation(call, cancellationToken) is IInvocationOperation invocation)
                        || !contracts.Contains(invocation.TargetMethod.OriginalDefinition))
                    {
                        continue;
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.ArgumentKind != ArgumentKind.Explicit
                            || !(argument.Parameter is { } parameter)
                            || !IsInstructionParameter(parameter))
                        {
                            continue;
                        }

                        origins.Clear();
                        flow.Resolve(argument.Value, followParameters: false, origins, cancellationToken);
                        foreach (var origin in origins)
                        {
                            if (origin.Declaration is { } declaration && Instructs(declaration))
                            {
                                results.Add(declaration);
                            }
                        }
                    }
                }
            }

            return results;
        }

        /// <summary>
        /// A string parameter whose name says it holds the app's instructions: <c>systemPrompt</c>, <c>systemMessage</c>,
        /// <c>instructions</c>, <c>persona</c> (named for instructions both as a prompt and as a role, so <c>userPrompt</c>
        /// and <c>prompt</c> are not), or <c>system</c> itself.
        /// </summary>
        internal static bool IsInstructionParameter(IParameterSymbol parameter) =>
            parameter.Type.SpecialType == SpecialType.System_String
            && parameter.RefKind == RefKind.None
            && IsInstructionName(parameter.Name);

        /// <summary>The name test of <see cref="IsInstructionParameter"/>, which a declaration's syntax can answer alone.</summary>
        private static bool IsInstructionName(string name) =>
            (AssembledMember.NamesInstructions(name) && TurnRoles.NamesInstructions(name))
            || string.Equals(name, "system", StringComparison.OrdinalIgnoreCase);

        /// <summary>Text that instructs, or a member named for a prompt or instructions (<c>TacticalSystemPrompt</c>).</summary>
        private static bool Instructs(PromptDeclaration declaration) =>
            declaration.IsAnnotated
            || DataTemplate.Instructs(declaration.Text)
            || (!declaration.IsUnnamed && AssembledMember.NamesInstructions(declaration.Member?.Name));

        /// <summary>
        /// The interface and abstract methods declared in the compilation's source with a parameter named for
        /// instructions and no implementation in the compilation (an implementation, even one that cannot be read, keeps
        /// today's reading: <see cref="AbstractImplementations.Find"/> gives a list, or null, that is not empty).
        /// </summary>
        private static HashSet<IMethodSymbol> Unimplemented(Compilation compilation, CancellationToken cancellationToken)
        {
            var unimplemented = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var candidate in Candidates(compilation, cancellationToken))
            {
                if (AbstractImplementations.Find(candidate, compilation, cancellationToken) is { Count: 0 })
                {
                    unimplemented.Add(candidate);
                }
            }

            return unimplemented;
        }

        /// <summary>
        /// The interface and abstract methods of the source with a parameter named for instructions. Found from the
        /// syntax first: every ordinary method is a <see cref="MethodDeclarationSyntax"/> among the members of a type
        /// declaration; an abstract one has no body or says <c>abstract</c> (a class method is abstract only by the
        /// modifier, an interface method without it only when it has no body); and a parameter symbol's name is its
        /// identifier's <c>ValueText</c>. So these tests, read from the declarations, skip no candidate, and only the few
        /// declarations that pass them get a symbol. A project without such a method (the Application project of a
        /// clean-architecture solution, most projects) then costs a walk of its files' member declarations (issue 16).
        /// </summary>
        private static List<IMethodSymbol> Candidates(Compilation compilation, CancellationToken cancellationToken)
        {
            var candidates = new List<IMethodSymbol>();
            var declarations = new List<MethodDeclarationSyntax>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                declarations.Clear();
                if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
                {
                    AddBodilessMethods(unit.Members, declarations);
                }

                SemanticModel? model = null;
                foreach (var declaration in declarations)
                {
                    if (!NamesAnInstructionParameter(declaration.ParameterList))
                    {
                        continue;
                    }

                    model ??= SourceBodies.GetSemanticModel(compilation, tree);
                    if (model.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsAbstract: true, IsStatic: false } method
                        && method.ContainingType is { } type
                        && (type.TypeKind == TypeKind.Interface || (type.TypeKind == TypeKind.Class && type.IsAbstract))
                        && ReturnsAnAnswer(method)
                        && HasInstructionParameter(method))
                    {
                        candidates.Add(method.OriginalDefinition);
                    }
                }
            }

            return candidates;
        }

        /// <summary>The method declarations among <paramref name="members"/> and their namespaces' and types' that may be abstract.</summary>
        private static void AddBodilessMethods(SyntaxList<MemberDeclarationSyntax> members, List<MethodDeclarationSyntax> found)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case MethodDeclarationSyntax method when (method.Body == null && method.ExpressionBody == null) || method.Modifiers.Any(SyntaxKind.AbstractKeyword):
                        found.Add(method);
                        break;
                    case BaseNamespaceDeclarationSyntax ns:
                        AddBodilessMethods(ns.Members, found);
                        break;
                    case TypeDeclarationSyntax type:
                        AddBodilessMethods(type.Members, found);
                        break;
                }
            }
        }

        private static bool NamesAnInstructionParameter(ParameterListSyntax parameters)
        {
            foreach (var parameter in parameters.Parameters)
            {
                if (IsInstructionName(parameter.Identifier.ValueText))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A method that gives something back (<c>Task&lt;string&gt;</c>, a result type, a stream): a model is asked for an
        /// answer. One returning nothing (<c>void</c>, <c>Task</c>, <c>ValueTask</c>) only delivers its arguments: a
        /// SignalR client interface (<c>Task ReceiveSystemMessage(string systemMessage)</c>, implemented by a proxy at run
        /// time) notifies people, not a model.
        /// </summary>
        private static bool ReturnsAnAnswer(IMethodSymbol method) =>
            !method.ReturnsVoid
            && !(method.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" } returned
                && returned.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks");

        private static bool HasInstructionParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (IsInstructionParameter(parameter))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? CalledName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
