using System;
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
    /// Nor can a run send the fallback of a settings property the settings files set (<see cref="FollowsAConfiguredSetting"/>).
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

        /// <summary>
        /// A fallback after a settings property whose key the settings files set to a real value (review72 FP-1:
        /// <c>model = _openAiSettings.Model ?? "gpt-4"</c> with <c>"OpenAiSettings": { "Model": "gpt-4o-mini" }</c>):
        /// binding fills the property from the file, so no run sends the fallback, as with
        /// <c>config["OpenAiSettings:Model"] ?? "gpt-4"</c>; the value in the file is checked instead. Matched like a
        /// settings default's override: the property's name or its <c>[ConfigurationKeyName]</c>, in any section, any
        /// case. A key set empty or to a placeholder does not count: the value comes from somewhere the files do not show.
        /// </summary>
        public static bool FollowsAConfiguredSetting(ICoalesceOperation coalesce, KnownModelSymbols symbols, Func<string, bool> isConfigured, CancellationToken cancellationToken) =>
            ModelIdValue.BoundSettingsProperty(coalesce.Value, cancellationToken) is { } property
            && (ConfigurationModelIds.HasRealValue(isConfigured, property.Name)
                || (symbols.ConfigurationKeyName(property) is { } boundKey && ConfigurationModelIds.HasRealValue(isConfigured, boundKey)));
    }
}
