using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Whether the one member of an assembled string (<c>SystemPrompt + "\n\n" + context</c>) is the piece that
    /// instructs, and so the prompt under its own name. A field or key name read into a line of the text
    /// (<c>$"expected {FieldNames.NotBeforeUtc}: '{now}'"</c> with <c>"not_before_utc"</c>) is one token without spaces:
    /// it instructs nothing, and naming it as the prompt would ask for eval cases of a JSON field. Other text must
    /// instruct by the test a template at a slot passes (<see cref="DataTemplate.Instructs"/>: a persona, a keyword
    /// sentence, an imperative, a sentence about the model), or be held by a member named for instructions
    /// (<c>SystemPrompt</c>, <c>SystemMessage</c>, <c>Instructions</c>, <c>Persona</c>; not <c>SystemNote</c>; or a project
    /// method so named, <c>BuildChatInstructions()</c>, whose return is the member), or be marked <c>[Prompt]</c>.
    /// </summary>
    internal static class AssembledMember
    {
        public static bool IsThePrompt(PromptDeclaration declaration, IOperation? read)
        {
            var text = declaration.Text;
            if (declaration.IsAnnotated)
            {
                return true;
            }

            if (string.IsNullOrWhiteSpace(text) || IsIdentifierLike(text!))
            {
                return false;
            }

            return DataTemplate.Instructs(text)
                || NamesInstructions(declaration.Member?.Name)
                || NamesInstructions(ReadMember(read)?.Name);
        }

        /// <summary>
        /// One token of ASCII letters, digits and the characters keys and paths are spelled with (<c>_ - . : /</c>):
        /// <c>not_before_utc</c>, <c>notBeforeUtc</c>, <c>user.profile</c>, <c>x-api-key</c>.
        /// </summary>
        internal static bool IsIdentifierLike(string text)
        {
            var trimmed = text.Trim();
            foreach (var c in trimmed)
            {
                // ASCII only: Chinese or Japanese text has no spaces between its words.
                if (!(c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '/')))
                {
                    return false;
                }
            }

            return trimmed.Length > 0;
        }

        /// <summary>
        /// Whether a member's name says it holds instructions: it contains <c>Prompt</c>, <c>Instruction</c> or
        /// <c>Persona</c>, or <c>System</c> directly followed by <c>Prompt</c> or <c>Message</c> (<c>SystemMessage</c>,
        /// <c>SYSTEM_MESSAGE</c>). "System" alone is not enough: <c>SystemNote = "Calendar data follows."</c> or
        /// <c>SystemHeader</c> names a header put in the system message in front of data, which instructs nothing
        /// (review27 FP1). Narrower than <see cref="TurnRoles.NamesInstructions"/>, which picks a role, not a prompt.
        /// </summary>
        internal static bool NamesInstructions(string? name)
        {
            if (name == null)
            {
                return false;
            }

            if (Contains(name, "prompt", 0) >= 0 || Contains(name, "instruction", 0) >= 0 || Contains(name, "persona", 0) >= 0)
            {
                return true;
            }

            for (var at = Contains(name, "system", 0); at >= 0; at = Contains(name, "system", at + 1))
            {
                var next = at + "system".Length;
                while (next < name.Length && (name[next] == '_' || name[next] == '-'))
                {
                    next++;
                }

                if (string.Compare(name, next, "message", 0, "message".Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static int Contains(string name, string word, int from) => name.IndexOf(word, from, StringComparison.OrdinalIgnoreCase);

        private static ISymbol? ReadMember(IOperation? read) => read switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            IInvocationOperation invocation => invocation.TargetMethod, // `BuildChatInstructions() + aug` (review41 M1)
            _ => null,
        };
    }
}
