using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A <c>readonly</c> string field whose initializer is a template with non-constant holes (minions'
    /// <c>CloudEvaluatorExecutor</c>: <c>private readonly string _instructions = $"""You are an expert evaluator. ...
    /// {document} ... {userQuery}""";</c>, the holes being primary-constructor parameters). Its text is not a constant,
    /// so the field is no constant prompt; it holds that one template as surely as a field a constructor assigns it to
    /// does (<see cref="ConstructorAssignments"/>), and is followed the same way: the template is judged as one written
    /// at the slot and, when it instructs, is the field's prompt, reported on the template.
    /// </summary>
    internal static class FieldTemplateInitializers
    {
        /// <summary>
        /// The template <paramref name="member"/>'s initializer <paramref name="initializer"/> holds, as the one value to
        /// follow: for a <c>readonly</c>, non-constant string field with an interpolated initializer that is not a
        /// constant, has no error in it (a hole naming nothing yet, a template being typed) and that no constructor
        /// replaces; null otherwise. A [Prompt] field keeps its own reading.
        /// </summary>
        public static List<IOperation>? Of(ISymbol member, ExpressionSyntax? initializer, SemanticModel model, KnownPromptSymbols symbols, CancellationToken cancellationToken)
        {
            if (member is not IFieldSymbol { IsReadOnly: true, IsConst: false, Type.SpecialType: SpecialType.System_String } field
                || initializer is null
                || PromptDeclaration.FindPromptAttribute(field, symbols) != null
                || initializer.ContainsDiagnostics
                || Unparenthesized(initializer) is not InterpolatedStringExpressionSyntax
                || model.GetConstantValue(initializer, cancellationToken).HasValue
                || model.GetOperation(initializer, cancellationToken) is not { } value
                || KnownPromptSymbols.Unwrap(value) is not IInterpolatedStringOperation template
                || template.Parts.OfType<IInterpolationOperation>().Any(hole => hole.Expression.Type is null or IErrorTypeSymbol || hole.Expression is IInvalidOperation)
                || ConstructorAssignments.Writes(field, field.IsStatic, model.Compilation, cancellationToken) is not { Count: 0 })
            {
                return null;
            }

            return new List<IOperation> { value };
        }

        private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }
    }
}
