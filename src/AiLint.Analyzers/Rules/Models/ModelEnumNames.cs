using System.Text;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Turns an SDK model enum member into the id the SDK sends. Anthropic's <c>Model</c> enum names its members after
    /// the ids (<c>ClaudeHaiku4_5</c> is "claude-haiku-4-5", <c>ClaudeHaiku4_5_20251001</c> is
    /// "claude-haiku-4-5-20251001", <c>Claude3_7SonnetLatest</c> is "claude-3-7-sonnet-latest"): a dash at each word
    /// boundary, letter/digit boundary and underscore, lower case. The SDK maps members to ids in its JSON converter's
    /// code, not in metadata, so the convention is all there is to read; only the inventory (ailint bom) uses it.
    /// </summary>
    internal static class ModelEnumNames
    {
        public static string ToModelId(string member)
        {
            var builder = new StringBuilder(member.Length + 8);
            for (var i = 0; i < member.Length; i++)
            {
                var c = member[i];
                if (c == '_')
                {
                    Dash(builder);
                    continue;
                }

                if (i > 0)
                {
                    var previous = member[i - 1];
                    var boundary = (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous)))
                        || (char.IsDigit(c) && char.IsLetter(previous))
                        || (char.IsLetter(c) && char.IsDigit(previous));
                    if (boundary)
                    {
                        Dash(builder);
                    }
                }

                builder.Append(char.ToLowerInvariant(c));
            }

            return builder.ToString();
        }

        private static void Dash(StringBuilder builder)
        {
            if (builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                builder.Append('-');
            }
        }
    }
}
