using System;
using System.Security.Cryptography;
using System.Text;

namespace AiLint
{
    /// <summary>
    /// The hash AiLint compares with an eval case's <c>promptSha256</c> (AIL0302): the lowercase hex SHA-256 of the
    /// prompt text encoded as UTF-8.
    /// </summary>
    public static class PromptHash
    {
        /// <summary>Computes the hash of <paramref name="promptText"/>.</summary>
        /// <param name="promptText">The prompt text exactly as the program uses it (the constant's value).</param>
        /// <returns>64 lowercase hexadecimal characters.</returns>
        public static string Compute(string promptText)
        {
            if (promptText is null)
            {
                throw new ArgumentNullException(nameof(promptText));
            }

            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(promptText));
                var builder = new StringBuilder(hash.Length * 2);
                foreach (var b in hash)
                {
                    builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }

                return builder.ToString();
            }
        }
    }
}
