using System;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Prompts kept in files next to the code, included as AdditionalFiles: Semantic Kernel's <c>skprompt.txt</c> (the
    /// whole file is the template), <c>*.prompty</c> (the body after the YAML front matter), <c>*.prompt.yaml</c> /
    /// <c>*.prompt.yml</c> and Semantic Kernel template YAML under any name (the <c>template:</c> value, a block scalar
    /// or a one-line value), and plain-text prompts an app reads from a <c>Prompts</c> folder (<see cref="PromptFileKind"/>).
    /// The id is the file's path relative to the project directory, with '/' separators.
    /// </summary>
    internal static partial class PromptFiles
    {
        /// <summary>
        /// Whether the file may hold a prompt by its name and folder. For the kinds whose name does not settle it (YAML
        /// under any name, text in a Prompts folder) <see cref="Read"/> decides by the text and gives null for the rest.
        /// </summary>
        public static bool IsPromptFile(string path) => PromptFileKinds.Of(path) != PromptFileKind.None;

        /// <summary>
        /// The prompt a file holds, or null when it has no prompt text. A linked file (<paramref name="link"/>,
        /// <see cref="PromptFileLinks"/>) is read as if it lay at its link path: that is its id and its folder.
        /// </summary>
        public static PromptDeclaration? Read(AdditionalText file, string? projectDirectory, CancellationToken cancellationToken, string? link = null)
        {
            var source = file.GetText(cancellationToken);
            if (source == null)
            {
                return null;
            }

            var content = source.ToString();
            var id = link ?? Id(file.Path, projectDirectory);
            return Declare(file, source, id, Body(PromptFileKinds.Of(link ?? file.Path), file.Path, id, content));
        }

        /// <summary>The prompt of a file whose prompt text <paramref name="body"/> was read, located on its first line.</summary>
        private static PromptDeclaration? Declare(AdditionalText file, SourceText source, string id, (string Text, int[] Offsets)? body)
        {
            // A template that is only its variables and tags, or only titles them ("{{$problem}}", "Question:\n{{$q}}"),
            // passes the conversation through: not a prompt, in a file as at a slot (DataTemplate.OnlyPassesVariables).
            if (body == null || string.IsNullOrWhiteSpace(body.Value.Text) || DataTemplate.OnlyPassesVariables(body.Value.Text))
            {
                return null;
            }

            var (text, offsets) = body.Value;
            var map = new PromptFileMap(file.Path, source, offsets);
            var firstLine = source.Lines.GetLineFromPosition(offsets[FirstNonWhitespace(text)]);
            var location = map.Create(TextSpan.FromBounds(firstLine.Start, firstLine.End));
            return PromptDeclaration.FromFile(id, TypeName(file.Path), text, location, map);
        }

        /// <summary>The prompt text of a file of the given kind with its offsets in the file, or null when it holds none.</summary>
        private static (string Text, int[] Offsets)? Body(PromptFileKind kind, string path, string id, string content)
        {
            switch (kind)
            {
                case PromptFileKind.SemanticKernelText:
                    return WholeFile(content);
                case PromptFileKind.Prompty:
                    return PromptyBody(content);
                case PromptFileKind.PromptYaml:
                    return YamlTemplate(content);
                case PromptFileKind.OtherYaml:
                    // docker-compose, workflows, manifests and settings are YAML too: only SK's template shape is a prompt.
                    return PromptFileKinds.IsPromptTemplateConfig(content) ? YamlTemplate(content) : null;
                case PromptFileKind.PromptsFolderText:
                    return PromptsFolderText(path, id, content);
                default:
                    return null;
            }
        }

        /// <summary>
        /// A text or markdown file in a Prompts folder of the project (the id is relative to it, so a Prompts folder
        /// above the project or the copy in bin/ does not count): a prompt only when its text instructs a model, by
        /// the single-turn test (a persona or a keyword instruction sentence) or its reading in another language
        /// (<see cref="InstructsAModel"/>), so notes, sample data and word lists kept beside the prompts stay quiet;
        /// README, CHANGELOG and the like never are. A markdown file's front
        /// matter is metadata, as in a .prompty file.
        /// </summary>
        private static (string Text, int[] Offsets)? PromptsFolderText(string path, string id, string content)
        {
            if (!PromptFileKinds.IsUnderPromptsFolder(id) || PromptFileKinds.IsDocumentName(path))
            {
                return null;
            }

            var body = path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? PromptyBody(content) ?? WholeFile(content) : WholeFile(content);
            return InstructsAModel(body.Text) ? body : null;
        }

        /// <summary>The path relative to the project directory with '/' separators; the full path outside it.</summary>
        public static string Id(string path, string? projectDirectory)
        {
            var normalized = path.Replace('\\', '/');
            if (!string.IsNullOrEmpty(projectDirectory))
            {
                var directory = projectDirectory!.Replace('\\', '/').TrimEnd('/') + "/";
                if (normalized.StartsWith(directory, StringComparison.OrdinalIgnoreCase))
                {
                    return normalized.Substring(directory.Length);
                }
            }

            return normalized;
        }

        /// <summary>Where the code fix puts cases: skprompt.txt is named after its function's folder, other files after themselves.</summary>
        private static string TypeName(string path)
        {
            var name = Path.GetFileName(path);
            if (string.Equals(name, "skprompt.txt", StringComparison.OrdinalIgnoreCase))
            {
                var folder = Path.GetFileName(Path.GetDirectoryName(path) ?? string.Empty);
                return string.IsNullOrEmpty(folder) ? "skprompt" : folder;
            }

            var dot = name.IndexOf('.');
            return dot > 0 ? name.Substring(0, dot) : name;
        }

        private static (string Text, int[] Offsets) WholeFile(string content)
        {
            var offsets = new int[content.Length];
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = i;
            }

            return (content, offsets);
        }

        /// <summary>A .prompty file: YAML front matter between two <c>---</c> lines, then the prompt body.</summary>
        private static (string Text, int[] Offsets)? PromptyBody(string content)
        {
            var start = 0;
            if (LineAt(content, 0).Trim() == "---")
            {
                var next = NextLine(content, 0);
                while (next >= 0 && LineAt(content, next).Trim() != "---")
                {
                    next = NextLine(content, next);
                }

                if (next < 0)
                {
                    return null;
                }

                start = NextLine(content, next);
                if (start < 0)
                {
                    return null;
                }
            }

            var offsets = new int[content.Length - start];
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = start + i;
            }

            return (content.Substring(start), offsets);
        }

        /// <summary>
        /// The top-level <c>template:</c> value of a YAML prompt: a block scalar (<c>|</c>, <c>|-</c>, <c>&gt;</c> kept
        /// line by line) with its indentation removed, or a one-line plain or quoted value.
        /// </summary>
        private static (string Text, int[] Offsets)? YamlTemplate(string content)
        {
            for (var line = 0; line >= 0; line = NextLine(content, line))
            {
                var text = LineAt(content, line);
                if (!text.StartsWith("template:", StringComparison.Ordinal))
                {
                    continue;
                }

                var value = text.Substring("template:".Length);
                var trimmed = value.Trim();
                if (trimmed.Length > 0 && trimmed[0] != '|' && trimmed[0] != '>')
                {
                    var valueStart = line + "template:".Length + (value.Length - value.TrimStart().Length);
                    var length = trimmed.Length;
                    if (length >= 2 && (trimmed[0] == '"' || trimmed[0] == '\'') && trimmed[length - 1] == trimmed[0])
                    {
                        valueStart++;
                        length -= 2;
                    }

                    var single = new int[length];
                    for (var i = 0; i < length; i++)
                    {
                        single[i] = valueStart + i;
                    }

                    return (content.Substring(valueStart, length), single);
                }

                return BlockScalar(content, NextLine(content, line));
            }

            return null;
        }

        private static (string Text, int[] Offsets)? BlockScalar(string content, int first)
        {
            var builder = new StringBuilder();
            var offsets = ImmutableArray.CreateBuilder<int>();
            var indentation = -1;
            for (var line = first; line >= 0; line = NextLine(content, line))
            {
                var text = LineAt(content, line);
                var indent = text.Length - text.TrimStart(' ').Length;
                if (text.Trim().Length == 0)
                {
                    builder.Append('\n');
                    offsets.Add(line + text.Length);
                    continue;
                }

                if (indentation < 0)
                {
                    indentation = indent;
                }

                if (indent < indentation || indentation == 0)
                {
                    break;
                }

                for (var i = indentation; i < text.Length; i++)
                {
                    builder.Append(text[i]);
                    offsets.Add(line + i);
                }

                builder.Append('\n');
                offsets.Add(line + text.Length);
            }

            return indentation < 0 ? null : (builder.ToString(), offsets.ToArray());
        }

        private static string LineAt(string content, int start)
        {
            var end = start;
            while (end < content.Length && content[end] != '\n' && content[end] != '\r')
            {
                end++;
            }

            return content.Substring(start, end - start);
        }

        private static int NextLine(string content, int start)
        {
            var end = start;
            while (end < content.Length && content[end] != '\n' && content[end] != '\r')
            {
                end++;
            }

            if (end >= content.Length)
            {
                return -1;
            }

            end += content[end] == '\r' && end + 1 < content.Length && content[end + 1] == '\n' ? 2 : 1;
            return end < content.Length ? end : -1;
        }

        private static int FirstNonWhitespace(string text)
        {
            var i = 0;
            while (i < text.Length - 1 && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i;
        }
    }

    /// <summary>Maps offsets of a prompt file's text back to the file, for AIL0303 on the instruction's own text.</summary>
    internal sealed class PromptFileMap
    {
        private readonly string path;
        private readonly SourceText source;
        private readonly int[] offsets;

        public PromptFileMap(string path, SourceText source, int[] offsets)
        {
            this.path = path;
            this.source = source;
            this.offsets = offsets;
        }

        public Location? TryGetLocation(int start, int end)
        {
            if (start < 0 || end > offsets.Length || end <= start)
            {
                return null;
            }

            return Create(TextSpan.FromBounds(offsets[start], offsets[end - 1] + 1));
        }

        public Location Create(TextSpan span)
        {
            // A line break the reader appended after a last line without one lies past the end of the file.
            var end = Math.Min(span.End, source.Length);
            span = TextSpan.FromBounds(Math.Min(span.Start, end), end);
            return Location.Create(path, span, source.Lines.GetLinePositionSpan(span));
        }
    }
}
