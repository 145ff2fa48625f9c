using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// A switch arm that only spells out the model its enum member names: <c>ChatModel.Gpt35Turbo =&gt; "gpt-3.5-turbo"</c>
    /// in a mapping of the project's model enum to the API's ids (or to the members of Anthropic's <c>Model</c> enum). Such a switch is a catalog of the models the app lets
    /// its settings or users pick, not a decision of the code: when the value it switches on is not known at the slot,
    /// the request gets whichever model was picked, and an arm for a retired model is not an id this code sends. A
    /// policy switch (<c>Tier.Fast =&gt; "gpt-4o-mini"</c>) names no model in its pattern and stays checked. So does the
    /// mapping of an enum with a single member (<c>enum ImageModel { Dalle3 }</c>, <c>ImageModel.Dalle3 =&gt; "dall-e-3"</c>):
    /// there is nothing to pick, and every value that reaches the switch sends that one id.
    /// </summary>
    internal static class ModelNameArms
    {
        public static bool IsTranslation(ISwitchExpressionArmOperation arm, string id) =>
            arm.Guard == null
            && arm.Pattern is IConstantPatternOperation { Value: var value }
            && NamesModel(value, id);

        /// <summary>
        /// Whether <paramref name="value"/> is a member of an enum whose name spells the model <paramref name="id"/>: the
        /// pattern of a catalog arm, or the label or compared member of its statement forms (<see cref="ModelNameReturns"/>).
        /// </summary>
        public static bool NamesModel(IOperation value, string id)
        {
            if (ModelIdValue.Unwrap(value) is not IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } member }
                || !HasSeveralMembers(member.ContainingType))
            {
                return false;
            }

            var name = Normalize(member.Name);
            var wire = Normalize(id);

            // Gpt4o => "gpt-4o-2024-08-06", Sonnet45 => Model.ClaudeSonnet4_5_20250929: a member naming a model family,
            // pinned to a snapshot or without the vendor's prefix. The name must carry a digit so that a tier or a size
            // (Fast, Mini, Large) is not read as a model's name.
            return name.Length > 0 && (wire == name || (wire.Contains(name) && HasDigit(name)));
        }

        // A catalog lets the settings or the user pick among models; an enum with one member offers no choice.
        private static bool HasSeveralMembers(INamedTypeSymbol enumType)
        {
            var members = 0;
            foreach (var candidate in enumType.GetMembers())
            {
                if (candidate is IFieldSymbol { HasConstantValue: true } && ++members > 1)
                {
                    return true;
                }
            }

            return false;
        }

        private static string Normalize(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var character in text)
            {
                if (char.IsLetterOrDigit(character))
                {
                    builder.Append(char.ToLowerInvariant(character));
                }
            }

            return builder.ToString();
        }

        private static bool HasDigit(string text)
        {
            foreach (var character in text)
            {
                if (char.IsDigit(character))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
