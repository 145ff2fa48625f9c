using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The texts an abstract, virtual or interface string method without parameters called at a slot can give, when the
    /// project holds every body that can run and each returns a constant: a "prompt set" or strategy base class
    /// (<c>protected abstract string GetSystemPrompt();</c>) with <c>protected override string GetSystemPrompt() =>
    /// """You are ...""";</c> (or <c>{ return "..."; }</c>) in every subclass, called at <c>new
    /// SystemChatMessage(GetSystemPrompt())</c> or <c>new ChatMessage(ChatRole.System, strategy.BuildSystemPrompt())</c>.
    /// Followed exactly as the property twin is (<see cref="ImplementedPropertyPrompts"/>, <see cref="ImplementedBodies"/>),
    /// except that a virtual method's own body is read here too (PromptFlow follows only non-virtual methods' returns),
    /// and only when the project overrides the method at least once.
    /// A method with parameters is not followed: its text is built from what the caller passes (a formatter of data).
    /// An override called in its own class binds to that override: its family below it is the set (ImplementedBodies).
    /// </summary>
    internal sealed class ImplementedMethodPrompts
    {
        private readonly Compilation compilation;

        private readonly ImplementedBodies bodies;

        public ImplementedMethodPrompts(Compilation compilation)
        {
            this.compilation = compilation;
            bodies = new ImplementedBodies(compilation);
        }

        /// <summary>
        /// A virtual call (not <c>base.GetSystemPrompt()</c>, which runs one known body) of a parameterless instance string
        /// method of this project another type may supply the body of: PromptFlow does not follow its returns itself.
        /// </summary>
        public bool IsFollowed(IInvocationOperation call) => call.IsVirtual && IsOpenToOtherBodies(call.TargetMethod.OriginalDefinition);

        /// <summary>Adds the prompts of the bodies <paramref name="call"/> can run (none unless <see cref="IsFollowed"/>).</summary>
        public void Add(IInvocationOperation call, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            if (IsFollowed(call))
            {
                // A virtual method's own body is read here: PromptFlow follows only non-virtual methods' returns.
                bodies.Add(call.TargetMethod.OriginalDefinition, ownBodyIsRead: false, ConstantBody, results, cancellationToken);
            }
        }

        private bool IsOpenToOtherBodies(IMethodSymbol method) =>
            method.MethodKind == MethodKind.Ordinary
            && !method.IsStatic
            && !method.IsGenericMethod
            && method.Parameters.IsEmpty
            && method.ReturnType.SpecialType == SpecialType.System_String
            && method.ContainingType is { } type
            && (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly)
                ? type.TypeKind == TypeKind.Interface || (type.TypeKind == TypeKind.Class && (method.IsAbstract || method.IsVirtual || method.IsOverride))
                : IsReferencedContractRunHere(method));

        /// <summary>
        /// <c>prompts.BuildSystemPrompt()</c> through an interface of a referenced project (Abstractions) that this project
        /// implements and the declaring project does not (<see cref="ReferencedContracts"/>): only this project's bodies
        /// can run, as for an interface of the project. The index behind both answers is made once per compilation.
        /// </summary>
        private bool IsReferencedContractRunHere(IMethodSymbol method) =>
            method.ContainingType.TypeKind == TypeKind.Interface
            && ReferencedContracts.IsImplementedHere(method, compilation, CancellationToken.None)
            && ReferencedContracts.RunsOnlyBodiesHere(method, compilation, CancellationToken.None);

        /// <summary>
        /// The prompt of a body in this project's source whose one <c>return</c> (or expression body) is a non-blank
        /// constant (a literal, a const, a raw string, a constant interpolation), named after the method and reported on
        /// its name as a property override is; or null. An abstract body, or one with a syntax error, has none.
        /// </summary>
        private PromptDeclaration? ConstantBody(ISymbol symbol, CancellationToken cancellationToken)
        {
            if (symbol is not IMethodSymbol body || body.IsAbstract || !SourceBodies.IsInSource(body, compilation)
                || body.DeclaringSyntaxReferences.Length != 1
                || body.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
                || declaration.ContainsDiagnostics)
            {
                return null;
            }

            var returned = SourceBodies.ReturnedValues(body, compilation, cancellationToken);
            var result = returned.Count == 1 ? OnceWrittenLocalValue(returned[0], declaration, cancellationToken) ?? returned[0] : null;
            if (result == null
                || !(result.ConstantValue.Value is string text)
                || string.IsNullOrWhiteSpace(text)
                || result.Syntax is not ExpressionSyntax value)
            {
                return null;
            }

            var model = SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree);
            return PromptDeclaration.Inline(body, text, declaration.Identifier.GetLocation(), PromptSourceMap.Create(value, text, model, cancellationToken));
        }

        /// <summary>
        /// The initializer of a local of the body that is returned and never written again (<c>var line = """...""";
        /// return line;</c>, review82 repro-3): the body returns that value. A local assigned again (from a file, from
        /// input) or passed by <c>ref</c>/<c>out</c> has no one value: null, and the body is not constant.
        /// </summary>
        private IOperation? OnceWrittenLocalValue(IOperation returned, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            if (returned is not ILocalReferenceOperation { Local: { DeclaringSyntaxReferences: { Length: 1 } references } }
                || references[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                || !method.Span.Contains(declarator.Span))
            {
                return null;
            }

            foreach (var node in method.DescendantNodes())
            {
                if (node is IdentifierNameSyntax id && id.Identifier.ValueText == declarator.Identifier.ValueText && PromptFlow.IsReassigned(id))
                {
                    return null;
                }
            }

            // The model that bound the return bound the whole method, the local's declaration included.
            return (returned.SemanticModel ?? SourceBodies.GetSemanticModel(compilation, declarator.SyntaxTree)).GetOperation(initializer.Value, cancellationToken);
        }
    }
}
