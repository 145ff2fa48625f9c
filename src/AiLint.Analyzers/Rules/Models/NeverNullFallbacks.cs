using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// A <c>??</c> fallback no run can send: <c>if (string.IsNullOrWhiteSpace(modelId)) return ...; ... modelId ?? "gpt-3.5-turbo"</c>.
    /// The compiler's nullable flow analysis decides it: the left side is a local, parameter, field or property declared
    /// nullable (<c>string?</c>, a <c>var</c> local) whose flow state at the <c>??</c> is not-null, so a check on every path
    /// to it ruled null out. A value declared non-nullable is not-null only by promise (settings bound from
    /// configuration can still leave it null), and without a nullable context there is no flow state: both stay fallbacks.
    /// </summary>
    internal static class NeverNullFallbacks
    {
        public static bool IsDead(ICoalesceOperation coalesce, CancellationToken cancellationToken)
        {
            if (coalesce.Syntax is not BinaryExpressionSyntax { Left: var left } || coalesce.SemanticModel is not { } model)
            {
                return false;
            }

            var declared = ModelIdValue.Unwrap(coalesce.Value) switch
            {
                ILocalReferenceOperation local => local.Local.NullableAnnotation,
                IParameterReferenceOperation parameter => parameter.Parameter.NullableAnnotation,
                IFieldReferenceOperation field => field.Field.NullableAnnotation,
                IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.NullableAnnotation,
                _ => NullableAnnotation.None,
            };

            return declared == NullableAnnotation.Annotated
                && model.GetTypeInfo(left, cancellationToken).Nullability.FlowState == NullableFlowState.NotNull;
        }
    }
}
