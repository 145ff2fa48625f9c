using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// A constructor's string parameter that reaches a model slot through what the type keeps of it
    /// (<see cref="ModelParameterSummary"/>): a field the constructor stores it in, or a primary constructor's parameter
    /// that members read (<c>class OpenAiChatService(OpenAIClient client, string model)</c> with
    /// <c>client.GetChatClient(model)</c> in a method).
    /// </summary>
    internal static class ModelParameterFields
    {
        /// <summary>
        /// The slots a member of the type hands a string field that <paramref name="constructor"/> sets to
        /// <paramref name="parameter"/> (<c>_model = model;</c> as a statement of its body) when the constructors fix the
        /// field (<see cref="ConstructorFieldValues"/>): empty when none, null when one of them is excluded (an Azure
        /// deployment). Only the type's declarations in the constructor's file are read, as ConstructorFieldValues does.
        /// </summary>
        public static List<ISymbol>? StoredFieldSlots(ConstructorDeclarationSyntax constructor, IParameterSymbol parameter, SemanticModel model, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            var slots = new List<ISymbol>();
            foreach (var assignment in StoredAssignments(constructor, parameter.Name))
            {
                if (model.GetOperation(assignment, cancellationToken) is not ISimpleAssignmentOperation
                    {
                        Target: IFieldReferenceOperation { Field: { IsStatic: false, Type.SpecialType: SpecialType.System_String } field, Instance: IInstanceReferenceOperation },
                        Value: var value,
                    }
                    || ModelIdValue.Unwrap(value) is not IParameterReferenceOperation { Parameter: var stored }
                    || !SymbolEqualityComparer.Default.Equals(stored, parameter)
                    || constructor.Parent is not TypeDeclarationSyntax type)
                {
                    continue;
                }

                foreach (var identifier in type.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText != field.Name || ModelIdValue.IsWritten(identifier))
                    {
                        continue;
                    }

                    SyntaxNode read = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                    if (model.GetOperation(read, cancellationToken) is not IFieldReferenceOperation reading
                        || !SymbolEqualityComparer.Default.Equals(reading.Field, field))
                    {
                        continue;
                    }

                    switch (HelperParameterSlots.SlotFilledBy(reading, symbols, cancellationToken, out var slotMember))
                    {
                        case HelperParameterSlots.SlotKind.Excluded:
                            return null;
                        case HelperParameterSlots.SlotKind.OpenAIStyle when ConstructorFieldValues.Of(reading, cancellationToken).Contains(assignment.Right):
                            slots.Add(slotMember!);
                            break;
                    }
                }
            }

            return slots;
        }

        // `_model = model;` or `this._model = model;` as a statement of the constructor's block, or its expression body.
        private static IEnumerable<AssignmentExpressionSyntax> StoredAssignments(ConstructorDeclarationSyntax constructor, string name)
        {
            var expressions = constructor.ExpressionBody is { } arrow
                ? new[] { arrow.Expression }
                : constructor.Body?.Statements.OfType<ExpressionStatementSyntax>().Select(statement => statement.Expression) ?? Enumerable.Empty<ExpressionSyntax>();
            foreach (var expression in expressions)
            {
                if (expression is AssignmentExpressionSyntax { Right: IdentifierNameSyntax right } assignment
                    && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && right.Identifier.ValueText == name)
                {
                    yield return assignment;
                }
            }
        }

        /// <summary>
        /// The slots the members of a class or struct with a primary constructor hand <paramref name="parameter"/> to, when
        /// nothing in the type writes it: empty when none, null when one of them is excluded (an Azure deployment) or the
        /// parameter is written (a captured parameter is a mutable variable). Only this declaration's reads.
        /// </summary>
        public static List<ISymbol>? CapturedSlots(TypeDeclarationSyntax type, IParameterSymbol parameter, SemanticModel model, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            var slots = new List<ISymbol>();
            foreach (var member in type.Members)
            {
                foreach (var identifier in member.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText != parameter.Name)
                    {
                        continue;
                    }

                    if (ModelIdValue.IsWritten(identifier))
                    {
                        return null;
                    }

                    if (model.GetOperation(identifier, cancellationToken) is not IParameterReferenceOperation reading
                        || !SymbolEqualityComparer.Default.Equals(reading.Parameter, parameter))
                    {
                        continue;
                    }

                    switch (HelperParameterSlots.SlotFilledBy(reading, symbols, cancellationToken, out var slotMember))
                    {
                        case HelperParameterSlots.SlotKind.Excluded:
                            return null;
                        case HelperParameterSlots.SlotKind.OpenAIStyle:
                            slots.Add(slotMember!);
                            break;
                    }
                }
            }

            return slots;
        }
    }
}
