using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>The contract's prompt hash: lowercase hex SHA-256 of the UTF-8 prompt text (same as AiLint.PromptHash at run time).</summary>
    internal static class PromptHash
    {
        /// <summary>
        /// The hash AIL0302 compares with recorded passes, or null when the text the program sends is not known in
        /// source. A constant, or text assembled only from constant pieces, is hashed as is. An interpolated template
        /// written as one (<c>$"You are helping {customer}. ..."</c>) is hashed with its holes kept as written, as the
        /// AIL0302 page says. Text assembled at run time (a <c>StringBuilder</c>, <c>string.Join</c>, concatenation)
        /// is hashed, by the page and the runtime <c>AiLint.PromptHash</c>, as <c>PromptHash.Compute(sb.ToString())</c>:
        /// when a piece of it is data (<c>.Append(inputArray)</c>, an interpolated append, a parameter), that text holds
        /// the data of one run and no build can know it, so its staleness is not checked (review87 D2: the holes kept
        /// as <c>{inputArray}</c> gave a hash no run produces, and AIL0302 could never be cleared).
        /// </summary>
        public static string? OfKnownText(PromptDeclaration declaration)
        {
            if (declaration.Text == null || (declaration.HasHoles && !IsTemplateWrittenAsOne(declaration)))
            {
                return null;
            }

            return Compute(declaration.Text);
        }

        /// <summary>Whether the prompt is reported on an interpolated string (a template at the slot or returned), not on assembled text.</summary>
        private static bool IsTemplateWrittenAsOne(PromptDeclaration declaration) =>
            declaration.Location.SourceTree is { } tree
            && tree.GetRoot().FindNode(declaration.Location.SourceSpan, getInnermostNodeForTie: true) is InterpolatedStringExpressionSyntax;

        public static string Compute(string text)
        {
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
                var chars = new char[hash.Length * 2];
                for (var i = 0; i < hash.Length; i++)
                {
                    chars[2 * i] = Hex(hash[i] >> 4);
                    chars[(2 * i) + 1] = Hex(hash[i] & 0xF);
                }

                return new string(chars);
            }
        }

        private static char Hex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
}
