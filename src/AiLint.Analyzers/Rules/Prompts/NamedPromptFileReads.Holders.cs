using System;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Where a file's text is held between the read and the slot: a local assigned once, a readonly field or get-only
    /// property given it by its initializer or constructors, or a property whose arrow body reads the file.
    /// </summary>
    internal sealed partial class NamedPromptFileReads
    {
        /// <summary>What a local, a readonly field or a get-only property holds, when every value it can hold is known.</summary>
        private IEnumerable<IOperation> HeldValues(IOperation value, CancellationToken cancellationToken)
        {
            switch (value)
            {
                case ILocalReferenceOperation local when LocalInitializer(local.Local, cancellationToken) is { } initializer:
                    return new[] { initializer };
                case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                    return MemberValues(field, field.IsStatic, cancellationToken);
                case IPropertyReferenceOperation { Property: { SetMethod: null, IsIndexer: false } property }:
                    return MemberValues(property, property.IsStatic, cancellationToken);
                default:
                    return Array.Empty<IOperation>();
            }
        }

        /// <summary>
        /// A readonly field's or get-only property's initializer and what its type's constructors assign to it
        /// (<c>_systemPrompt = File.ReadAllText("system_message.txt");</c>); none when something else may write it.
        /// </summary>
        private IEnumerable<IOperation> MemberValues(ISymbol member, bool isStatic, CancellationToken cancellationToken)
        {
            if (member.DeclaringSyntaxReferences.Length != 1 || ConstructorAssignments.Writes(member, isStatic, compilation, cancellationToken) is not { } values)
            {
                return Array.Empty<IOperation>();
            }

            if (Initializer(member, cancellationToken) is { } initializer)
            {
                values.Add(initializer);
            }

            return values;
        }

        /// <summary>The initializer of a local never assigned again (<see cref="PromptFlow.IsReassigned"/>), or null.</summary>
        private IOperation? LocalInitializer(ILocalSymbol local, CancellationToken cancellationToken)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator))
            {
                return null;
            }

            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is ArrowExpressionClauseSyntax || n is CompilationUnitSyntax);
            foreach (var node in scope?.DescendantNodes() ?? Array.Empty<SyntaxNode>())
            {
                if (node is IdentifierNameSyntax id && id.Identifier.ValueText == local.Name && PromptFlow.IsReassigned(id))
                {
                    return null;
                }
            }

            return InitializedValue(initializer, cancellationToken);
        }

        /// <summary>
        /// The value of <c>= ...</c>, read from the initializer's operation: a null-forgiving <c>!</c> at its end has no
        /// operation of its own (<c>using var stream = assembly.GetManifestResourceStream(name)!;</c>).
        /// </summary>
        private IOperation? InitializedValue(EqualsValueClauseSyntax initializer, CancellationToken cancellationToken) =>
            (SourceBodies.GetSemanticModel(compilation, initializer.SyntaxTree).GetOperation(initializer, cancellationToken) as ISymbolInitializerOperation)?.Value;

        /// <summary>The initializer written on a field or property's declaration, or a property's arrow body; null when none.</summary>
        private IOperation? Initializer(ISymbol member, CancellationToken cancellationToken)
        {
            if (member.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var syntax = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            // `string SystemPrompt => File.ReadAllText("system_message.txt");` reads the file each time: its body is its value.
            var initializer = syntax is VariableDeclaratorSyntax declarator ? declarator.Initializer : (syntax as PropertyDeclarationSyntax)?.Initializer;
            if (initializer != null)
            {
                return InitializedValue(initializer, cancellationToken);
            }

            return syntax is PropertyDeclarationSyntax { ExpressionBody: { } body }
                ? SourceBodies.GetSemanticModel(compilation, syntax.SyntaxTree).GetOperation(body.Expression, cancellationToken)
                : null;
        }
    }
}
