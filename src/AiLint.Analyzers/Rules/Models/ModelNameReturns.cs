using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The statement forms of a <see cref="ModelNameArms"/> catalog in a helper (review90 FP-1, ITBeesPL/ITBees.ChatGpt):
    /// <c>case ChatGptModel.Gpt4: return "gpt-4";</c> in a switch statement, and <c>if (model == ChatGptModel.Gpt4) return
    /// "gpt-4";</c> (or <c>model is ChatGptModel.Gpt4</c>). Each maps a member of the project's model enum to the id it
    /// names, as the arm <c>ChatGptModel.Gpt4 =&gt; "gpt-4"</c> does, so each is the same catalog entry: not an id the code
    /// sends unless the call decides the member (<c>ChatGptModel.Gpt4.ToApiString()</c>, which <see cref="HelperArguments"/>
    /// narrows to that one return). A <c>default</c> section, an <c>else</c> or a return after the chain is the code's own
    /// pick, like the expression's discard arm, and stays checked; so does a section guarded by <c>when</c>, one that
    /// shares the default, or one whose labels name no model.
    /// </summary>
    internal static class ModelNameReturns
    {
        /// <summary>Whether <paramref name="statement"/>, which returns the constant <paramref name="id"/>, is a catalog entry.</summary>
        public static bool IsCatalogEntry(ReturnStatementSyntax statement, string id, SemanticModel model, HelperArguments arguments, CancellationToken cancellationToken)
        {
            // `case X: return "x";`, `case X: { return "x"; }`, `if (...) return "x";`, `if (...) { return "x"; }`.
            SyntaxNode branch = statement.Parent is BlockSyntax block && block.Statements.Count == 1 ? block : statement;
            switch (branch.Parent)
            {
                case SwitchSectionSyntax section when section.Parent is SwitchStatementSyntax switchStatement:
                    return IsCatalogSection(section, switchStatement, id, model, arguments, cancellationToken);
                case IfStatementSyntax ifStatement when ifStatement.Statement == branch:
                    return model.GetOperation(ifStatement.Condition, cancellationToken) is { } condition
                        && TestsForModel(condition, id, arguments);
                default:
                    return false;
            }
        }

        // Every label a `case` on a constant member of an enum, one of them naming the id; the switch not on a value the
        // call passes a constant to. Also the sections of a switch that assigns the returned local (SwitchAssignedReturns).
        internal static bool IsCatalogSection(SwitchSectionSyntax section, SwitchStatementSyntax switchStatement, string id, SemanticModel model, HelperArguments arguments, CancellationToken cancellationToken)
        {
            if (model.GetOperation(switchStatement.Expression, cancellationToken) is not { } governing || arguments.Binds(governing))
            {
                return false;
            }

            var names = false;
            foreach (var label in section.Labels)
            {
                if (label is not CaseSwitchLabelSyntax caseLabel
                    || model.GetOperation(caseLabel.Value, cancellationToken) is not { } member
                    || ModelIdValue.Unwrap(member) is not IFieldReferenceOperation { Field.ContainingType.TypeKind: TypeKind.Enum })
                {
                    return false;
                }

                names |= ModelNameArms.NamesModel(member, id);
            }

            return names;
        }

        // `model == ChatGptModel.Gpt4`, `ChatGptModel.Gpt4 == model`, `model is ChatGptModel.Gpt4`, on a value the call
        // does not pass a constant to.
        private static bool TestsForModel(IOperation condition, string id, HelperArguments arguments)
        {
            switch (ModelIdValue.Unwrap(condition))
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } comparison:
                    return (ModelNameArms.NamesModel(comparison.RightOperand, id) && IsUnknown(comparison.LeftOperand, arguments))
                        || (ModelNameArms.NamesModel(comparison.LeftOperand, id) && IsUnknown(comparison.RightOperand, arguments));
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var member } } isPattern:
                    return ModelNameArms.NamesModel(member, id) && IsUnknown(isPattern.Value, arguments);
                default:
                    return false;
            }
        }

        private static bool IsUnknown(IOperation value, HelperArguments arguments) =>
            !value.ConstantValue.HasValue && ModelIdValue.Unwrap(value) is not IInvalidOperation && !arguments.Binds(value);
    }
}
