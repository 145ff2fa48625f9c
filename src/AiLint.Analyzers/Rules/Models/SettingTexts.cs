using System;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// What a string value in an <c>appsettings*.json</c> file says about the setting: a real value, a blank left for
    /// user secrets or the environment to fill, or a path on the section's base URL.
    /// </summary>
    internal static class SettingTexts
    {
        // Words settings templates put where the user is to write the value ("YOUR_MODEL_HERE", "your-api-key",
        // "<model>", "${OPENAI_MODEL}", "{{model}}", "ChangeMe", "TODO", "xxx").
        private static readonly string[] PlaceholderWords = { "your_", "your-", "yourmodel", "<", ">", "${", "{{", "changeme", "change_me", "todo", "xxx", "placeholder", "replace", "insert" };

        /// <summary>
        /// A value the file actually sets: not empty or blank, and not a placeholder the user is to replace (the real
        /// value then comes from user secrets, the environment or a deployment, which the file does not show).
        /// </summary>
        public static bool IsRealValue(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            foreach (var word in PlaceholderWords)
            {
                if (text!.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A relative URL path (<c>"/v1/chat/completions"</c>, <c>"v1/threads"</c>, <c>"chat/completions"</c>): a path on
        /// the section's base URL, naming no server of its own. Only path characters; with a leading <c>/</c> (not
        /// <c>//</c>, a scheme-relative host), or a <c>/</c> after a first segment that cannot be a host (no <c>.</c>, no
        /// <c>:</c>, not <c>localhost</c>), so <c>"api.groq.com/openai/v1"</c> or <c>"localhost:11434/v1"</c> written
        /// without a scheme are not paths.
        /// </summary>
        public static bool IsRelativePath(string? text)
        {
            if (text == null || text.Length < 2 || text.StartsWith("//", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var c in text)
            {
                if (!(char.IsLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~' or '%' or '{' or '}'))
                {
                    return false;
                }
            }

            if (text[0] == '/')
            {
                return true;
            }

            var slash = text.IndexOf('/');
            if (slash <= 0)
            {
                return false;
            }

            var first = text.Substring(0, slash);
            return first.IndexOf('.') < 0 && !first.Equals("localhost", StringComparison.OrdinalIgnoreCase);
        }
    }
}
