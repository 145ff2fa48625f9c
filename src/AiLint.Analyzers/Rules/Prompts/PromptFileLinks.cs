using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The path a linked prompt file has in the project: a file kept outside the project folder and linked into it
    /// (<c>&lt;None Include="..\Shared\Prompts\*.md" Link="Prompts\%(Filename)%(Extension)" CopyToOutputDirectory="PreserveNewest" /&gt;</c>),
    /// whose <c>Link</c> the package's targets pass as <c>AiLintPromptFileLink</c>. The build copies or embeds the file under
    /// that path and the code reads it there, so it is the file's prompt id (a full path would differ on every machine),
    /// the folder that makes a <c>Prompts</c> file a prompt, and the path a read by name must spell.
    /// </summary>
    internal static class PromptFileLinks
    {
        /// <summary>The metadata the package's targets set (AiLint.targets), as the compiler passes it to analyzers.</summary>
        internal const string LinkKey = "build_metadata.AdditionalFiles.AiLintPromptFileLink";

        /// <summary>
        /// The file's link path with '/' separators, or null when it has none or one that names no place in the project
        /// (empty, rooted, or climbing out with <c>..</c>).
        /// </summary>
        public static string? Of(AnalyzerOptions options, AdditionalText file)
        {
            if (!options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(LinkKey, out var link))
            {
                return null;
            }

            var normalized = link.Trim().Replace('\\', '/');
            while (normalized.StartsWith("./", StringComparison.Ordinal))
            {
                normalized = normalized.Substring(2);
            }

            if (normalized.Length == 0 || normalized.StartsWith("/", StringComparison.Ordinal) || normalized.IndexOf(':') >= 0 || normalized.EndsWith("/", StringComparison.Ordinal))
            {
                return null;
            }

            foreach (var segment in normalized.Split('/'))
            {
                if (segment.Length == 0 || segment == "..")
                {
                    return null;
                }
            }

            return normalized;
        }
    }
}
