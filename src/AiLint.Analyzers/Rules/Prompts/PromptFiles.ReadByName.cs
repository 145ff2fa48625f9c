using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A text file the project copies to its output or embeds (the package's targets list it with
    /// <c>AiLintPromptFileSource</c>) and the code reads by name into a system or instruction slot
    /// (<see cref="NamedPromptFileReads"/>): read like a <c>*.txt</c> / <c>*.md</c> file in a Prompts folder, so the
    /// same file says the same thing wherever it lies.
    /// </summary>
    internal static partial class PromptFiles
    {
        /// <summary>
        /// The size cap, in characters: a system prompt is a few pages at most. MSBuild has no property function that
        /// gives a file's size, so the targets cannot leave a large file out; a file the code reads by name that is
        /// longer than this is a document or a data set the app sends as context, and is not read as a prompt.
        /// </summary>
        internal const int MaxReadByNameLength = 64 * 1024;

        /// <summary>
        /// The prompt a copied or embedded text file holds, or null: a README, CHANGELOG or the like, a file over
        /// <see cref="MaxReadByNameLength"/>, or text that does not instruct (<see cref="InstructsAModel"/>: a persona or
        /// an instruction sentence with a contract keyword, or their reading in another language), as for a file in a
        /// Prompts folder. A markdown file's front
        /// matter is metadata. A linked file's id is its link path (<see cref="PromptFileLinks"/>).
        /// </summary>
        public static PromptDeclaration? ReadByName(AdditionalText file, string? projectDirectory, CancellationToken cancellationToken, string? link = null)
        {
            if (!IsReadByNameCandidate(link ?? file.Path))
            {
                return null;
            }

            var source = file.GetText(cancellationToken);
            if (source == null || source.Length > MaxReadByNameLength)
            {
                return null;
            }

            var content = source.ToString();
            var body = file.Path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? PromptyBody(content) ?? WholeFile(content) : WholeFile(content);
            return InstructsAModel(body.Text) ? Declare(file, source, link ?? Id(file.Path, projectDirectory), body) : null;
        }

        /// <summary>
        /// A <c>*.txt</c> or <c>*.md</c> file that is not a prompt file by its name or folder (those are read by
        /// <see cref="Read"/> whether or not code names them) and not a README or the like.
        /// </summary>
        public static bool IsReadByNameCandidate(string path) =>
            (path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            && !IsPromptFile(path)
            && !PromptFileKinds.IsDocumentName(path);
    }
}
