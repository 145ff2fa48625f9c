using System.Security.Cryptography;
using System.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>The contract's prompt hash: lowercase hex SHA-256 of the UTF-8 prompt text (same as AiLint.PromptHash at run time).</summary>
    internal static class PromptHash
    {
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
