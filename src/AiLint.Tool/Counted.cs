using System.Globalization;

namespace AiLint.Tool;

/// <summary>"1 prompt", "2 prompts": counts in the tool's summaries read as English.</summary>
internal static class Counted
{
    /// <summary>The count and the noun, plural unless the count is one (the nouns used here all take an "s").</summary>
    public static string Of(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
