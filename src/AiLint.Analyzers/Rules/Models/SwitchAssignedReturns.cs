using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The values a helper's <c>return model;</c> can give when the local is set by one switch statement, the shape of
    /// shahshyam/ChatGPTAssistant's <c>GetModel</c>:
    /// <code>
    /// Model model = Model.ChatGPTTurbo;
    /// switch (modelName) { case "GPT4": model = Model.GPT4; break; ... default: break; }
    /// return model;
    /// </code>
    /// Each section's value reaches the return, and so does the starting value when some path through the switch
    /// assigns nothing (no <c>default</c>, or a section that only breaks). Only this simple form is read: the local
    /// declared with a value directly in the body, the switch and the return after it in the same body, every other
    /// write a <c>model = value;</c> followed by <c>break;</c> in its own section. Anything else (a write after the switch,
    /// two in a section, one in a lambda, a <c>ref</c>) gives null: the helper's value is not followed. A section whose
    /// labels name the model of the project's enum is a catalog entry (<see cref="ModelNameReturns"/>), as its
    /// <c>return</c> form is; the caller filters those with <see cref="IsCatalogSection"/>.
    /// </summary>
    internal static class SwitchAssignedReturns
    {
        /// <summary>The value expressions that can reach <paramref name="statement"/>, or null when the form is not the simple one.</summary>
        public static List<ExpressionSyntax>? Values(ReturnStatementSyntax statement, SyntaxNode body, SemanticModel model, HelperArguments arguments, CancellationToken cancellationToken)
        {
            if (statement.Expression is not IdentifierNameSyntax returned
                || statement.Parent != body
                || body is not BlockSyntax block
                || model.GetSymbolInfo(returned, cancellationToken).Symbol is not ILocalSymbol local
                || local.IsRef
                || Declaration(local, block, cancellationToken) is not { } initializer)
            {
                return null;
            }

            SwitchStatementSyntax? switchStatement = null;
            var writes = new Dictionary<SwitchSectionSyntax, AssignmentExpressionSyntax>();
            foreach (var name in block.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != local.Name || name == returned
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
                {
                    continue;
                }

                switch (Role(name))
                {
                    case Use.Read:
                        continue;
                    case Use.Other:
                        return null;
                }

                // `model = value;` directly in a section of one switch statement of the body, then `break;`.
                var assignment = (AssignmentExpressionSyntax)name.Parent!;
                if (assignment.Parent is not ExpressionStatementSyntax { Parent: SwitchSectionSyntax section } write
                    || section.Parent is not SwitchStatementSyntax owner
                    || owner.Parent != block
                    || (switchStatement != null && switchStatement != owner)
                    || writes.ContainsKey(section)
                    || section.Statements.Count != 2 || section.Statements[0] != write || section.Statements[1] is not BreakStatementSyntax)
                {
                    return null;
                }

                switchStatement = owner;
                writes.Add(section, assignment);
            }

            if (switchStatement == null
                || block.Statements.IndexOf(switchStatement) is var at && (at < block.Statements.IndexOf(initializer.Statement) || at > block.Statements.IndexOf(statement)))
            {
                return null;
            }

            // A call that passes a constant to the switched parameter runs one section (or none).
            if (arguments.DecidesSection(switchStatement, model, cancellationToken, out var runs))
            {
                return new List<ExpressionSyntax> { runs != null && writes.TryGetValue(runs, out var taken) ? taken.Right : initializer.Value };
            }

            var values = writes.Values.Select(assignment => assignment.Right).ToList();
            var hasDefault = switchStatement.Sections.Any(section => section.Labels.Any(label => label is DefaultSwitchLabelSyntax));
            if (!hasDefault || switchStatement.Sections.Any(section => !writes.ContainsKey(section) && section.Statements.LastOrDefault() is BreakStatementSyntax))
            {
                values.Insert(0, initializer.Value);
            }

            return values;
        }

        /// <summary>Whether the section that assigns <paramref name="value"/> is a catalog entry of the project's model enum.</summary>
        public static bool IsCatalogSection(ExpressionSyntax value, string id, SemanticModel model, HelperArguments arguments, CancellationToken cancellationToken) =>
            value.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax { Parent: SwitchSectionSyntax section } }
            && section.Parent is SwitchStatementSyntax switchStatement
            && ModelNameReturns.IsCatalogSection(section, switchStatement, id, model, arguments, cancellationToken);

        private enum Use
        {
            Read,
            SimpleWrite,
            Other,
        }

        // How a reference uses the local: read, the target of `local = value`, or any other write (compound assignment,
        // `ref`/`out`, a deconstruction, an increment).
        private static Use Role(IdentifierNameSyntax name)
        {
            switch (name.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == name:
                    return assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? Use.SimpleWrite : Use.Other;
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword):
                case ArgumentSyntax { Parent: TupleExpressionSyntax }:
                case RefExpressionSyntax:
                case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax:
                    return Use.Other;
                default:
                    return Use.Read;
            }
        }

        // The local's declaration: one variable with a value, a statement directly in the body.
        private static (LocalDeclarationStatementSyntax Statement, ExpressionSyntax Value)? Declaration(ILocalSymbol local, BlockSyntax block, CancellationToken cancellationToken)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement }
                || statement.Parent != block)
            {
                return null;
            }

            return (statement, value);
        }
    }
}
