using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>The parameter a hole of assembled text stands for: the parameter itself, or one chosen over a default prompt.</summary>
    internal sealed partial class AssembledText
    {
        /// <summary>
        /// The parameter whose value a hole of the text may be: a parameter read whole, or the parameter one side of a
        /// <c>?:</c> or <c>??</c> gives when the other side is a default prompt written as constant text (a builder that
        /// starts from the caller's base prompt or its own persona, <c>var text = !string.IsNullOrEmpty(basePrompt) ?
        /// basePrompt : "You are ..."; text += rules;</c>, or <c>(basePrompt ?? "You are ...") + rules</c>). The default
        /// says what the parameter stands in for: a prompt. A default that does not instruct (a title over data such as
        /// <c>"Untitled itinerary"</c>, an empty string) or that is not constant leaves the choice a hole of data, and so
        /// does a choice between two values that are not text of the project. Null for any other hole.
        /// </summary>
        public static IParameterSymbol? HeldParameter(IOperation? hole)
        {
            hole = hole == null ? null : KnownPromptSymbols.Unwrap(hole);
            switch (hole)
            {
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when !conditional.Syntax.ContainsDiagnostics:
                    return ChosenOverDefaultPrompt(conditional.WhenTrue, whenFalse) ?? ChosenOverDefaultPrompt(whenFalse, conditional.WhenTrue);
                case ICoalesceOperation coalesce when !coalesce.Syntax.ContainsDiagnostics:
                    return ChosenOverDefaultPrompt(coalesce.Value, coalesce.WhenNull);
                default:
                    return null;
            }
        }

        /// <summary>The parameter <paramref name="chosen"/> reads, when <paramref name="fallback"/> is constant text that instructs.</summary>
        private static IParameterSymbol? ChosenOverDefaultPrompt(IOperation chosen, IOperation fallback) =>
            KnownPromptSymbols.Unwrap(chosen) is IParameterReferenceOperation parameter
            && parameter.Parameter.Type.SpecialType == SpecialType.System_String
            && KnownPromptSymbols.Unwrap(fallback).ConstantValue is { HasValue: true, Value: string text }
            && DataTemplate.QualifiesInAnyLanguage(text)
                ? parameter.Parameter
                : null;
    }
}
