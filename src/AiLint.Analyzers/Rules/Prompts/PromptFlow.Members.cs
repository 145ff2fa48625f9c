// PromptFlow: members and locals followed to the text written in them: initializers, constructor assignments, a local's one initializer.
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    internal sealed partial class PromptFlow
    {
        /// <summary>A property of the project's own type that code can assign (a setter or init accessor), not a <c>[Prompt]</c> member.</summary>
        private bool IsAssignable(ISymbol member) =>
            member is IPropertySymbol { IsIndexer: false, SetMethod: { } } property
            && property.Type.SpecialType == SpecialType.System_String
            && PromptDeclaration.FindPromptAttribute(property, symbols) == null;

        private void ResolveMember(ISymbol member, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            if (!SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly))
            {
                // A referenced project's positional record (`AiMessage(AiRole Role, string Content)` in Application):
                // its property holds what this project passes to the record's constructor (ReferencedRecords).
                if (followParameters && member is IPropertySymbol referenced && ReferencedRecords.PositionalParameter(referenced) is { } positional)
                {
                    propertyBacked.TryAdd(positional.OriginalDefinition, 0);
                    results.Add(PromptOrigin.Of(positional.OriginalDefinition));
                }
                else if (followParameters
                    && member is IPropertySymbol settable
                    && ReferencedSettables.IsSettable(settable, compilation.Assembly)
                    && PromptDeclaration.FindPromptAttribute(settable, symbols) == null)
                {
                    // Its settable twin (`ChatMessageDto { Role, Content }` with `{ get; set; }` in Contracts): it holds
                    // what this project assigns to it (ReferencedSettables).
                    results.Add(PromptOrigin.Of(settable));
                }

                return;
            }

            // A settable property (`public string Instructions { get; set; }`) also holds what the project assigns to
            // it, whatever its default: `new AgentConfig { Instructions = "You are ..." }`, `options.SystemPrompt = Prompt`.
            if (followParameters && IsAssignable(member))
            {
                results.Add(PromptOrigin.Of((IPropertySymbol)member));
            }

            // `prompts.SystemPrompt` of an abstract "prompt set" whose every subclass here returns a constant: each is a prompt.
            if (member is IPropertySymbol overridable)
            {
                implementedProperties.Add(overridable, results, cancellationToken);
            }

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var node = reference.GetSyntax(cancellationToken);
                var model = SourceBodies.GetSemanticModel(compilation, node.SyntaxTree);

                // A settings property whose default is another member (`= DefaultSystemPrompt`): that member is the prompt.
                var initializer = PromptDeclaration.ValueExpression(node);
                if (initializer != null
                    && PromptDeclaration.FindPromptAttribute(member, symbols) == null
                    && model.GetOperation(initializer, cancellationToken) is { } initializerValue
                    && IsFollowedReference(KnownPromptSymbols.Unwrap(initializerValue)))
                {
                    if (KnownPromptSymbols.Unwrap(initializerValue) is IParameterReferenceOperation backing)
                    {
                        propertyBacked.TryAdd(backing.Parameter.OriginalDefinition, 0);
                    }

                    Resolve(initializerValue, followParameters, depth + 1, results, cancellationToken);
                    continue;
                }

                // A record's positional property (`record AgentSpec(string Name, string Instructions)`) holds what its
                // constructor is given: the parameter is followed to the `new AgentSpec(..., "You are ...")` call sites.
                if (member is IPropertySymbol
                    && node is ParameterSyntax
                    && model.GetDeclaredSymbol(node, cancellationToken) is IParameterSymbol positional)
                {
                    if (followParameters && IsFollowable(positional))
                    {
                        propertyBacked.TryAdd(positional.OriginalDefinition, 0);
                        results.Add(PromptOrigin.Of(positional.OriginalDefinition));
                    }

                    continue;
                }

                // A readonly field set in its type's constructors (`systemPrompt = "You are ...";`): what they assign.
                if (initializer == null
                    && member is IFieldSymbol field
                    && PromptDeclaration.FindPromptAttribute(member, symbols) == null
                    && ConstructorAssignments.Of(field, compilation, cancellationToken) is { } assigned)
                {
                    ResolveConstructorAssignments(field, assigned, followParameters, depth, results, cancellationToken);
                    continue;
                }

                // `readonly string _instructions = $"You are ... {document}";`: its template, as a constructor's (FieldTemplateInitializers).
                if (FieldTemplateInitializers.Of(member, initializer, model, symbols, cancellationToken) is { } template)
                {
                    ResolveConstructorAssignments((IFieldSymbol)member, template, followParameters, depth, results, cancellationToken);
                    continue;
                }

                var found = new List<PromptDeclaration>(1);
                PromptDeclaration.Read(node, model, symbols, found, cancellationToken);
                foreach (var declaration in found)
                {
                    results.Add(PromptOrigin.Of(declaration));
                }
            }
        }

        /// <summary>
        /// The prompts a readonly field holds through its constructors' assignments, followed like an initializer: text
        /// written in the assignment is the field's prompt, named after the field (as an initializer's would be), while a
        /// named constant assigned there keeps its own name and a constructor parameter is followed to its callers.
        /// </summary>
        private void ResolveConstructorAssignments(IFieldSymbol field, List<IOperation> assigned, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            var found = new List<PromptOrigin>();
            foreach (var value in assigned)
            {
                found.Clear();
                Resolve(value, followParameters, depth + 1, found, cancellationToken);
                foreach (var origin in found)
                {
                    results.Add(origin.Declaration is { Text: { } text } declaration && IsWrittenAt(declaration, value)
                        ? PromptOrigin.Of(PromptDeclaration.Inline(field, text, declaration.Location, declaration.SourceMap, declaration.HasHoles))
                        : origin);
                }
            }
        }

        /// <summary>
        /// Initializers followed to what they read. A primary constructor's parameter (<c>public string Instructions {
        /// get; } = instructions;</c>) is followed to the constructor's call sites like any parameter.
        /// </summary>
        private static bool IsFollowedReference(IOperation value) =>
            value is IFieldReferenceOperation
            || value is IPropertyReferenceOperation
            || value is IParameterReferenceOperation
            || value is ICoalesceOperation
            || value is IConditionalOperation
            || (value is IInvocationOperation invocation && TemplateOf(invocation) != null);

        /// <summary>
        /// The initializer of a local that is never assigned again, or null. <paramref name="readIn"/> is the model of an
        /// operation that reads the local, when one is in hand: it bound the method that declares the local, so it holds the
        /// initializer's operation too (the compilation's model of the tree is another one once the driver has released
        /// its own, at compilation end, and asking it would bind the whole method again).
        /// </summary>
        private IOperation? LocalInitializer(ILocalSymbol local, CancellationToken cancellationToken, SemanticModel? readIn = null)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator)
                || declarator.Initializer == null)
            {
                return null;
            }

            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is ArrowExpressionClauseSyntax || n is CompilationUnitSyntax);
            if (scope == null || IsWrittenAgain(scope, local.Name))
            {
                return null;
            }

            var model = readIn != null && readIn.SyntaxTree == declarator.SyntaxTree ? readIn : SourceBodies.GetSemanticModel(compilation, declarator.SyntaxTree);
            return model.GetOperation(declarator.Initializer.Value, cancellationToken);
        }

        /// <summary>The initializer of the local <paramref name="reference"/> reads, asked of the model that bound the read.</summary>
        private IOperation? LocalInitializer(ILocalReferenceOperation reference, CancellationToken cancellationToken) =>
            LocalInitializer(reference.Local, cancellationToken, reference.SemanticModel);

        private static bool IsWrittenAgain(SyntaxNode scope, string name)
        {
            foreach (var identifier in scope.DescendantNodes())
            {
                if (!(identifier is IdentifierNameSyntax id) || id.Identifier.ValueText != name)
                {
                    continue;
                }

                if (IsReassigned(id))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The name is assigned (<c>x = ...</c>) or passed by <c>ref</c>/<c>out</c>: its value may be replaced.</summary>
        internal static bool IsReassigned(IdentifierNameSyntax id) =>
            (id.Parent is AssignmentExpressionSyntax assignment && assignment.Left == id)
            || (id.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None));
    }
}
