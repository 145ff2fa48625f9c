using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A wrapper that puts its text parameter into the system slot only when a flag parameter says so
    /// (<c>SendAsync(string text, bool asSystem)</c> with <c>if (asSystem) system message else user message</c>): the
    /// caller chooses the role, so a constant passed there is not known to be a prompt. Such a parameter is not followed
    /// to its call sites. A condition on the text itself (<c>if (systemPrompt is not null)</c>) or on other data is not
    /// a role choice.
    /// </summary>
    internal static class FlagChosenSlots
    {
        /// <summary>True when <paramref name="slotValue"/> sits under an <c>if</c> or <c>?:</c> whose condition reads a <c>bool</c> parameter of the holder's method.</summary>
        public static bool IsChosenByFlag(IOperation slotValue, IParameterSymbol holder)
        {
            var method = holder.ContainingSymbol;
            for (var current = slotValue; current.Parent is { } parent; current = parent)
            {
                if (parent is IConditionalOperation conditional && conditional.Condition != current && ReadsFlag(conditional.Condition, method))
                {
                    return true;
                }

                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }

        private static bool ReadsFlag(IOperation condition, ISymbol method)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (operation is IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Boolean } flag }
                    && SymbolEqualityComparer.Default.Equals(flag.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
