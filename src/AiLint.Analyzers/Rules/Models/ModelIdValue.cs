using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>Folds a model-slot value to the string it always holds, where the code makes that certain.</summary>
    internal static class ModelIdValue
    {
        /// <summary>
        /// A literal or <c>const</c> (the compiler's constant value), or a <c>static readonly</c> string field whose
        /// initializer is a string literal. Anything else (a local, configuration, a parameter) is unknown: null.
        /// </summary>
        public static string? Fold(IOperation value, CancellationToken cancellationToken)
        {
            value = Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value as string;
            }

            if (value is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }
                && field.Type.SpecialType == SpecialType.System_String
                && field.DeclaringSyntaxReferences.Length == 1
                && field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator
                && declarator.Initializer?.Value is LiteralExpressionSyntax literal
                && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return literal.Token.ValueText;
            }

            return null;
        }

        /// <summary>Strips conversions, including user-defined ones (Anthropic converts a string to its model type).</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
