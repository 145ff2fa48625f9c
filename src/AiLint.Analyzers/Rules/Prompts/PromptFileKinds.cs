using System;
using System.IO;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>What a file may hold by its name and place, before its text is read (<see cref="PromptFiles"/>).</summary>
    internal enum PromptFileKind
    {
        /// <summary>Not a prompt file.</summary>
        None,

        /// <summary>Semantic Kernel's <c>skprompt.txt</c>: the whole file is the template.</summary>
        SemanticKernelText,

        /// <summary><c>*.prompty</c>: the body after the YAML front matter.</summary>
        Prompty,

        /// <summary><c>*.prompt.yaml</c> / <c>*.prompt.yml</c>: a prompt by its name, the top-level <c>template:</c> value.</summary>
        PromptYaml,

        /// <summary>
        /// Any other <c>*.yaml</c> / <c>*.yml</c>: a prompt only when its top level is Semantic Kernel's
        /// PromptTemplateConfig (<see cref="PromptFileKinds.IsPromptTemplateConfig"/>).
        /// </summary>
        OtherYaml,

        /// <summary>
        /// A <c>*.txt</c> or <c>*.md</c> somewhere under a <c>Prompts</c> folder, which apps read at run time: a prompt
        /// only when its text passes the single-turn test.
        /// </summary>
        PromptsFolderText,
    }

    /// <summary>Tells the kinds of prompt file apart, by name and folder, and recognises Semantic Kernel's template YAML.</summary>
    internal static class PromptFileKinds
    {
        /// <summary>The folder names apps keep plain-text prompts in (compared ignoring case, as Windows globs match).</summary>
        private const string PromptsFolder = "prompts";

        /// <summary>
        /// The PromptTemplateConfig keys that, beside <c>template:</c>, make a YAML file a Semantic Kernel prompt
        /// (<c>KernelFunctionYaml.FromPromptYaml</c>). Config YAML (docker-compose, workflows, manifests, OpenAPI, app
        /// settings) has none of them at its top level.
        /// </summary>
        private static readonly string[] TemplateConfigKeys = { "template_format", "input_variables", "execution_settings", "output_variable" };

        /// <summary>
        /// Files a Prompts folder keeps about its prompts rather than as one (README.md, CHANGELOG.md): their text may
        /// well say "you must ..." to the developer.
        /// </summary>
        private static readonly string[] DocumentNames = { "readme", "changelog", "changes", "history", "license", "licence", "contributing", "notice", "code_of_conduct", "security" };

        /// <summary>The kind of <paramref name="path"/> by its name, and for plain text by a <c>Prompts</c> folder anywhere in it.</summary>
        public static PromptFileKind Of(string path)
        {
            var name = Path.GetFileName(path);
            if (string.Equals(name, "skprompt.txt", StringComparison.OrdinalIgnoreCase))
            {
                return PromptFileKind.SemanticKernelText;
            }

            if (name.EndsWith(".prompty", StringComparison.OrdinalIgnoreCase))
            {
                return PromptFileKind.Prompty;
            }

            if (name.EndsWith(".prompt.yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".prompt.yml", StringComparison.OrdinalIgnoreCase))
            {
                return PromptFileKind.PromptYaml;
            }

            if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                return PromptFileKind.OtherYaml;
            }

            if ((name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                && IsUnderPromptsFolder(path.Replace('\\', '/')))
            {
                return PromptFileKind.PromptsFolderText;
            }

            return PromptFileKind.None;
        }

        /// <summary>
        /// Whether a relative path (the prompt id) lies in a <c>Prompts</c> folder of the project, at any depth, and not
        /// under its build output (<c>bin/</c>, <c>obj/</c>, where the build copies the same files).
        /// </summary>
        public static bool IsUnderPromptsFolder(string relativePath)
        {
            var segments = relativePath.Split('/');
            if (segments.Length > 1 && (IsSegment(segments[0], "bin") || IsSegment(segments[0], "obj")))
            {
                return false;
            }

            // The last segment is the file's own name.
            for (var i = 0; i < segments.Length - 1; i++)
            {
                if (IsSegment(segments[i], PromptsFolder))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>README, CHANGELOG, LICENSE and the like, with any extension.</summary>
        public static bool IsDocumentName(string path)
        {
            var name = Path.GetFileName(path);
            var dot = name.IndexOf('.');
            var stem = dot > 0 ? name.Substring(0, dot) : name;
            foreach (var document in DocumentNames)
            {
                if (string.Equals(stem, document, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether YAML text is Semantic Kernel's PromptTemplateConfig: among its top-level keys (lines that start at
        /// the first column), <c>template</c> and at least one of <see cref="TemplateConfigKeys"/>.
        /// </summary>
        public static bool IsPromptTemplateConfig(string content)
        {
            var hasTemplate = false;
            var hasConfigKey = false;
            foreach (var line in content.Split('\n'))
            {
                var key = TopLevelKey(line);
                if (key == null)
                {
                    continue;
                }

                if (key == "template")
                {
                    hasTemplate = true;
                }
                else if (Array.IndexOf(TemplateConfigKeys, key) >= 0)
                {
                    hasConfigKey = true;
                }
            }

            return hasTemplate && hasConfigKey;
        }

        /// <summary>The key of a top-level mapping line (<c>key:</c> or <c>key: value</c> at the first column), else null.</summary>
        private static string? TopLevelKey(string line)
        {
            var end = 0;
            while (end < line.Length && (char.IsLetterOrDigit(line[end]) || line[end] == '_'))
            {
                end++;
            }

            if (end == 0 || end >= line.Length || line[end] != ':')
            {
                return null;
            }

            // "key:" ends the line or is followed by a space; "key:value" is a plain scalar, not a mapping key.
            var next = end + 1;
            return next == line.Length || line[next] == ' ' || line[next] == '\t' || line[next] == '\r' ? line.Substring(0, end) : null;
        }

        private static bool IsSegment(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);
    }
}
