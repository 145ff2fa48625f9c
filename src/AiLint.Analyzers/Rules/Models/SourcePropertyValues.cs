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
    /// The values a property of the project holds, as far as its type shows them: its initializer
    /// (<c>ResponsesClient Responses { get; } = azure.GetResponsesClient();</c>), what its getter returns
    /// (<c>ResponsesClient Responses =&gt; _azure.GetResponsesClient();</c>), and the assignments to it in its own type
    /// (a constructor's <c>Responses = azure.GetResponsesClient();</c>). Writes from other types are not seen, so a
    /// caller may only use these values to find what the property MAY hold. Empty for a property from metadata.
    /// </summary>
    internal static class SourcePropertyValues
    {
        public static IEnumerable<IOperation> Of(IPropertySymbol property, Compilation compilation, CancellationToken cancellationToken)
        {
            property = property.OriginalDefinition;
            if (!SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, compilation.Assembly))
            {
                yield break;
            }

            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { Initializer.Value: { } initial }
                    && SourceBodies.GetOperation(initial, compilation, cancellationToken) is { } initialValue)
                {
                    yield return initialValue;
                }
            }

            if (property.GetMethod is { } getter && SourceBodies.IsInSource(getter, compilation))
            {
                foreach (var returned in SourceBodies.ReturnedValues(getter, compilation, cancellationToken))
                {
                    yield return returned;
                }
            }

            foreach (var reference in property.ContainingType.DeclaringSyntaxReferences)
            {
                var scope = reference.GetSyntax(cancellationToken);
                SemanticModel? model = null;
                foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    // A syntax test first (the property's name, alone or after `this.`), then the bound target: an object
                    // initializer's `Responses = ...` may set another type's property of that name. A write to the same
                    // property of another instance counts: the property may hold that value too.
                    if (!NamesProperty(assignment.Left, property.Name))
                    {
                        continue;
                    }

                    model ??= SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                    if (model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } written
                        && SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, property))
                    {
                        yield return written.Value;
                    }
                }
            }
        }

        private static bool NamesProperty(ExpressionSyntax target, string name) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
            _ => false,
        };
    }
}
