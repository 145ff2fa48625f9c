using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The values a <c>readonly</c> field without an initializer is given by its type's constructors
    /// (<c>public Service() { systemPrompt = "You are ..."; }</c>). The compiler allows no other writes, so these are all
    /// the values the field can hold; a write anywhere else (an <c>init</c> accessor, a <c>ref</c>/<c>out</c> argument,
    /// a deconstruction, a compound assignment) makes the field unknown.
    /// </summary>
    internal static class ConstructorAssignments
    {
        public static List<IOperation>? Of(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
        {
            if (!field.IsReadOnly || field.IsConst || field.Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            var values = Writes(field, field.IsStatic, compilation, cancellationToken);
            return values is { Count: > 0 } ? values : null;
        }

        /// <summary>
        /// The values the constructors of its type assign to <paramref name="member"/> (a <c>readonly</c> field or a
        /// get-only auto-property, which nothing else may write), empty when none does; null when a write is not a
        /// plain assignment in a constructor of the same kind (static or not), so the values are not all known.
        /// </summary>
        public static List<IOperation>? Writes(ISymbol member, bool isStatic, Compilation compilation, CancellationToken cancellationToken)
        {
            var values = new List<IOperation>();
            foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
            {
                var typeSyntax = reference.GetSyntax(cancellationToken);
                var model = SourceBodies.GetSemanticModel(compilation, typeSyntax.SyntaxTree);
                foreach (var node in typeSyntax.DescendantNodes())
                {
                    if (!(node is IdentifierNameSyntax name) || name.Identifier.ValueText != member.Name || !IsWrite(name, out var assignment))
                    {
                        continue;
                    }

                    if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, member.OriginalDefinition))
                    {
                        continue;
                    }

                    var constructor = name.FirstAncestorOrSelf<ConstructorDeclarationSyntax>();
                    // A constructor being typed (a syntax error in it) may still write the field in ways not yet visible.
                    if (assignment == null
                        || constructor == null
                        || constructor.ContainsDiagnostics
                        || constructor.Modifiers.Any(SyntaxKind.StaticKeyword) != isStatic
                        || name.Ancestors().TakeWhileNot(constructor).HasLambdaOrLocalFunction()
                        || !(model.GetOperation(WithoutSuppression(assignment.Right), cancellationToken) is { } value))
                    {
                        return null;
                    }

                    values.Add(value);
                }
            }

            return values;
        }

        /// <summary>
        /// Whether the name is written: the left of an assignment (set to <paramref name="assignment"/> for a plain
        /// <c>x = value</c>, <c>this.x = value</c> or <c>Type.X = value</c>, null for compound or deconstructing writes)
        /// or a ref/out argument.
        /// </summary>
        private static bool IsWrite(IdentifierNameSyntax name, out AssignmentExpressionSyntax? assignment)
        {
            assignment = null;
            // `this.field`, `Type.Field`: the compiler allows a readonly field's writes only on this instance or type.
            SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                ? access
                : (SyntaxNode)name;
            if (target.Parent is AssignmentExpressionSyntax written && written.Left == target)
            {
                assignment = written.IsKind(SyntaxKind.SimpleAssignmentExpression) ? written : null;
                return true;
            }

            return (target.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                || target.Parent is TupleExpressionSyntax
                || target.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax };
        }

        /// <summary>
        /// The value under a null-forgiving <c>!</c> (<c>systemPrompt = config["Prompt"]!;</c>): the suppression has no
        /// operation of its own, so the value is read from its operand.
        /// </summary>
        private static ExpressionSyntax WithoutSuppression(ExpressionSyntax value)
        {
            while (value is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            {
                value = suppressed.Operand;
            }

            return value;
        }

        private static IEnumerable<SyntaxNode> TakeWhileNot(this IEnumerable<SyntaxNode> ancestors, SyntaxNode stop)
        {
            foreach (var ancestor in ancestors)
            {
                if (ancestor == stop)
                {
                    yield break;
                }

                yield return ancestor;
            }
        }

        private static bool HasLambdaOrLocalFunction(this IEnumerable<SyntaxNode> nodes)
        {
            foreach (var node in nodes)
            {
                if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
