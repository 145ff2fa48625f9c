using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>A string local extended with <c>+=</c> before its use: read like a builder and its appends.</summary>
    internal sealed partial class AssembledText
    {
        /// <summary>
        /// The text of a string local at <paramref name="use"/> when the local is only ever extended with <c>+=</c>
        /// (<c>var core = "You are ..."; if (secret) core += "..."; history.AddSystemMessage(core);</c>, a persona with
        /// rules added under a flag): its initializer, then each <c>core += ...;</c> statement directly in the block
        /// that declares it before the statement holding the use, and the hole <c>{...}</c> for a statement that
        /// appends under a condition, in a loop or in a lambda (the text varies there, as for a builder's appends).
        /// Null when the local is also assigned with <c>=</c>, passed by <c>ref</c>/<c>out</c> or given another
        /// compound assignment, when nothing is appended before the use, or when the code between is half-typed.
        /// </summary>
        public static AssembledText? FlattenAppendedLocal(ILocalReferenceOperation use, Compilation compilation, CancellationToken cancellationToken)
        {
            var local = use.Local;
            if (local.Type?.SpecialType != SpecialType.System_String
                || use.Syntax.ContainsDiagnostics
                || FindLocalBeforeUse(local, use.Syntax, cancellationToken) is not { } span
                || !OnlyAppendsTo(span.Block, local.Name))
            {
                return null;
            }

            var statements = span.Statements;
            var model = SourceBodies.GetSemanticModel(compilation, span.Initializer.SyntaxTree);
            var assembled = new AssembledText(compilation, cancellationToken) { BuilderSyntax = span.Initializer };
            if (!(model.GetOperation(span.Initializer, cancellationToken) is { } initial) || !assembled.Add(initial, 1))
            {
                return null;
            }

            var appended = false;
            for (var i = span.Start + 1; i < span.End; i++)
            {
                var statement = statements[i];
                if (statement.ContainsDiagnostics)
                {
                    // Half-typed code between the local and its use: its text is not settled yet.
                    return null;
                }

                var references = CountReferences(statement, local.Name);
                if (references == 0 || !AppendsTo(statement, local.Name))
                {
                    // Not mentioned, or only read (`logger.LogDebug(core)`): the text is unchanged.
                    continue;
                }

                appended = true;
                if (references == 1
                    && statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }
                    && model.GetOperation(assignment, cancellationToken) is ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } compound
                    && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    // `core += "\nAnswer in depth.";` directly in the block adds its pieces.
                    if (!assembled.Add(compound.Value, 1))
                    {
                        return null;
                    }

                    continue;
                }

                // An append under a condition or in a loop: a hole stands for it, so the prompt needs fixed text that
                // instructs on its own (see PromptFlow).
                assembled.parts.Add(new AssembledPart(AssembledPartKind.Hole, VaryingText, null, null));
            }

            return appended && assembled.parts.Count <= MaxParts ? assembled : null;
        }

        /// <summary>Whether every write of <paramref name="name"/> in <paramref name="scope"/> is a <c>+=</c> (and at least one is).</summary>
        private static bool OnlyAppendsTo(SyntaxNode scope, string name)
        {
            var appends = 0;
            foreach (var node in scope.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax id) || id.Identifier.ValueText != name)
                {
                    continue;
                }

                if (id.Parent is AssignmentExpressionSyntax assignment && assignment.Left == id)
                {
                    if (!assignment.IsKind(SyntaxKind.AddAssignmentExpression))
                    {
                        return false;
                    }

                    appends++;
                }
                else if ((id.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                    || id.Parent is PrefixUnaryExpressionSyntax || id.Parent is PostfixUnaryExpressionSyntax)
                {
                    return false;
                }
            }

            return appends > 0;
        }

        private static bool AppendsTo(StatementSyntax statement, string name)
        {
            foreach (var node in statement.DescendantNodes())
            {
                if (node is IdentifierNameSyntax id && id.Identifier.ValueText == name
                    && id.Parent is AssignmentExpressionSyntax assignment && assignment.Left == id)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
