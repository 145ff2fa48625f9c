using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The texts an abstract, virtual or interface string property read at a slot can give, when the project holds every
    /// body that can run and each returns a constant: a "prompt set" base class (<c>public abstract string SystemPrompt
    /// { get; }</c>) with one subclass per task (<c>public override string SystemPrompt => """You are an expert ..."""</c>),
    /// read at <c>new SystemChatMessage(prompts.SystemPrompt)</c> (review77, DFE-Digital/sts-ai-support): each override is
    /// a prompt under its own name, at its own declaration. The bodies are found and judged by <see cref="ImplementedBodies"/>
    /// (one computed at run time opens the set); the same for methods is <see cref="ImplementedMethodPrompts"/>.
    /// </summary>
    internal sealed class ImplementedPropertyPrompts
    {
        private readonly Compilation compilation;
        private readonly KnownPromptSymbols symbols;

        private readonly ImplementedBodies bodies;

        public ImplementedPropertyPrompts(Compilation compilation, KnownPromptSymbols symbols)
        {
            this.compilation = compilation;
            this.symbols = symbols;
            bodies = new ImplementedBodies(compilation);
        }

        /// <summary>Adds the prompts of the bodies of <paramref name="property"/> that other types supply (none when it has one body).</summary>
        public void Add(IPropertySymbol property, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            property = property.OriginalDefinition;
            if (!IsOpenToOtherBodies(property))
            {
                return;
            }

            // PromptFlow reads the declared body of a virtual property itself: only the other bodies are added here.
            bodies.Add(property, ownBodyIsRead: true, ConstantBody, results, cancellationToken);
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

        /// <summary>
        /// The prompt declaration of a get-only body in this project's source returning one non-blank constant (a
        /// literal, a const, a raw string, a constant interpolation), or null. An abstract body has none.
        /// </summary>
        private PromptDeclaration? ConstantBody(ISymbol symbol, CancellationToken cancellationToken)
        {
            if (symbol is not IPropertySymbol body || body.IsAbstract || body.SetMethod != null || body.GetMethod is not { } getter || !SourceBodies.IsInSource(getter, compilation)
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
