using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The values the code writes to a local (in its member) or a field (in its type): initializers and assignments to a
    /// name spelled the same way, found by syntax and bound on demand. Shadowing names count, to stay on the safe side.
    /// </summary>
    internal static class WrittenValues
    {
        /// <summary>Every value written to <paramref name="holder"/> (a local or a field); empty for anything else.</summary>
        public static IEnumerable<IOperation> Of(ISymbol holder, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var (scope, model) in Scopes(holder, compilation, cancellationToken))
            {
                foreach (var written in Syntax(scope, holder.Name))
                {
                    if (model.GetOperation(written, cancellationToken) is { } operation)
                    {
                        yield return operation;
                    }
                }
            }
        }

        /// <summary>
        /// Every property set on the object <paramref name="holder"/> holds, outside initializers: <c>holder.Endpoint =
        /// value</c> (or <c>this.holder.Endpoint = value</c>), as the property's name and the bound value.
        /// </summary>
        public static IEnumerable<(string Property, IOperation Value)> MembersSetOn(ISymbol holder, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var (scope, model) in Scopes(holder, compilation, cancellationToken))
            {
                foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    if (assignment.Left is MemberAccessExpressionSyntax { Expression: var target, Name: var member }
                        && Names(target, holder.Name)
                        && model.GetOperation(assignment.Right, cancellationToken) is { } value)
                    {
                        yield return (member.Identifier.ValueText, value);
                    }
                }
            }
        }

        /// <summary>
        /// Where <paramref name="holder"/> can be written: a local's member (see <see cref="ScopeOf"/>), or each declaration
        /// of a field's type; with the semantic model of its tree. None for anything else.
        /// </summary>
        private static IEnumerable<(SyntaxNode Scope, SemanticModel Model)> Scopes(ISymbol holder, Compilation compilation, CancellationToken cancellationToken)
        {
            IEnumerable<SyntaxReference> references = holder switch
            {
                ILocalSymbol => holder.DeclaringSyntaxReferences,
                IFieldSymbol => holder.ContainingType.DeclaringSyntaxReferences,
                _ => System.Array.Empty<SyntaxReference>(),
            };

            foreach (var reference in references)
            {
                var node = reference.GetSyntax(cancellationToken);
                var scope = holder is ILocalSymbol ? ScopeOf(node) : node;
                yield return (scope, SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree));
            }
        }

        private static IEnumerable<ExpressionSyntax> Syntax(SyntaxNode scope, string name)
        {
            foreach (var node in scope.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator when declarator.Identifier.ValueText == name:
                        yield return initial;
                        break;
                    case AssignmentExpressionSyntax assignment when Names(assignment.Left, name):
                        yield return assignment.Right;
                        break;
                }
            }
        }

        private static bool Names(ExpressionSyntax target, string name) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
            _ => false,
        };

        // The member that declares a local (lambdas and local functions included); for top-level statements, the file.
        private static SyntaxNode ScopeOf(SyntaxNode declarator)
        {
            foreach (var ancestor in declarator.Ancestors())
            {
                if (ancestor is MemberDeclarationSyntax && ancestor is not GlobalStatementSyntax)
                {
                    return ancestor;
                }
            }

            return declarator.SyntaxTree.GetRoot();
        }
    }
}
