using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AiLint.Analyzers.Rules.Prompts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.CodeFixes.Rules.Prompts
{
    /// <summary>What one AIL0301/AIL0303 diagnostic asks the fix to scaffold, read from the diagnostic's properties.</summary>
    internal sealed class ScaffoldRequest
    {
        private ScaffoldRequest(string promptId, string targetPath, IReadOnlyList<string?> rules, int order)
        {
            PromptId = promptId;
            TargetPath = targetPath;
            Rules = rules;
            Order = order;
        }

        public string PromptId { get; }

        /// <summary>The eval file the cases go to: the one already holding the prompt's cases, else <c>evals/&lt;Type&gt;.evals.jsonl</c>.</summary>
        public string TargetPath { get; }

        /// <summary>One todo case per entry; a null rule is a generic case for a prompt without instructions.</summary>
        public IReadOnlyList<string?> Rules { get; }

        public int Order { get; }

        public static ScaffoldRequest? From(Diagnostic diagnostic, Project project)
        {
            var properties = diagnostic.Properties;
            if (!properties.TryGetValue(PromptDiagnosticProperties.PromptId, out var promptId) || string.IsNullOrEmpty(promptId))
            {
                return null;
            }

            var rules = new List<string?>();
            if (properties.TryGetValue(PromptDiagnosticProperties.Scaffold, out var scaffold) && !string.IsNullOrEmpty(scaffold))
            {
                rules.AddRange(scaffold!.Split('\n'));
            }

            if (properties.TryGetValue(PromptDiagnosticProperties.ScaffoldGeneric, out var generic) && generic == "true")
            {
                rules.Add(null);
            }

            if (rules.Count == 0)
            {
                // Everything already has a (todo) case: a fix here would do nothing.
                return null;
            }

            var target = properties.TryGetValue(PromptDiagnosticProperties.EvalFile, out var evalFile) && !string.IsNullOrEmpty(evalFile)
                ? evalFile!
                : DefaultPath(project, diagnostic, properties.TryGetValue(PromptDiagnosticProperties.TypeName, out var typeName) ? typeName : null);
            return target == null ? null : new ScaffoldRequest(promptId!, target, rules, diagnostic.Location.SourceSpan.Start);
        }

        private static string? DefaultPath(Project project, Diagnostic diagnostic, string? typeName)
        {
            var directory = Path.GetDirectoryName(project.FilePath ?? diagnostic.Location.SourceTree?.FilePath ?? string.Empty);
            return string.IsNullOrEmpty(directory) || string.IsNullOrEmpty(typeName)
                ? null
                : Path.Combine(directory, "evals", typeName + EvalFileParser.FileSuffix);
        }
    }

    /// <summary>Appends todo cases to eval files, creating the file as an additional document when it does not exist.</summary>
    internal static class EvalScaffolder
    {
        public static async Task<Solution> ApplyAsync(Solution solution, ProjectId projectId, IEnumerable<ScaffoldRequest> requests, CancellationToken cancellationToken)
        {
            // Case ids are unique per prompt across every eval file (docs/design/contract.md), not just the file being edited.
            var usedIds = new HashSet<(string Prompt, string Id)>();
            foreach (var evalDocument in solution.GetProject(projectId)?.AdditionalDocuments ?? Enumerable.Empty<TextDocument>())
            {
                if (EvalFileParser.IsEvalFile(evalDocument.FilePath))
                {
                    var evalText = await evalDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    usedIds.UnionWith(EvalFileParser.ParseCached(evalText).Cases.Select(c => (c.Prompt, c.Id)));
                }
            }

            foreach (var group in requests.OrderBy(r => r.TargetPath, StringComparer.Ordinal).ThenBy(r => r.Order).GroupBy(r => r.TargetPath, StringComparer.Ordinal))
            {
                var project = solution.GetProject(projectId);
                if (project == null)
                {
                    break;
                }

                var document = project.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.FilePath, group.Key, StringComparison.Ordinal));
                var text = document == null ? SourceText.From(string.Empty) : await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var newText = Append(text, group, usedIds);
                solution = document == null
                    ? solution.AddAdditionalDocument(
                        DocumentId.CreateNewId(projectId, group.Key),
                        Path.GetFileName(group.Key),
                        newText,
                        new[] { "evals" },
                        group.Key)
                    : solution.WithAdditionalDocumentText(document.Id, newText);
            }

            return solution;
        }

        private static SourceText Append(SourceText text, IEnumerable<ScaffoldRequest> requests, HashSet<(string Prompt, string Id)> usedIds)
        {
            var existing = text.ToString();
            var newLine = existing.Contains("\r\n") ? "\r\n" : "\n";
            var added = new HashSet<(string Prompt, string Rule)>();
            var builder = new StringBuilder(existing);
            if (existing.Length > 0 && !existing.EndsWith("\n", StringComparison.Ordinal))
            {
                builder.Append(newLine);
            }

            foreach (var request in requests)
            {
                foreach (var rule in request.Rules)
                {
                    if (!added.Add((request.PromptId, PromptInstructions.NormalizeWhitespace(rule ?? string.Empty).ToUpperInvariant())))
                    {
                        continue;
                    }

                    var id = UniqueId(request.PromptId, Slug(rule), usedIds);
                    builder.Append("{\"prompt\":").Append(Json(request.PromptId)).Append(",\"id\":").Append(Json(id));
                    if (rule != null)
                    {
                        builder.Append(",\"rule\":").Append(Json(rule));
                    }

                    builder.Append(",\"status\":\"todo\",\"input\":\"\",\"expect\":\"\"}").Append(newLine);
                }
            }

            return SourceText.From(builder.ToString(), text.Encoding ?? Encoding.UTF8);
        }

        private static string UniqueId(string prompt, string baseId, HashSet<(string Prompt, string Id)> used)
        {
            var id = baseId;
            for (var n = 2; !used.Add((prompt, id)); n++)
            {
                id = baseId + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return id;
        }

        /// <summary>"todo-" and the instruction's first words: stable whatever order the cases are added in.</summary>
        internal static string Slug(string? rule)
        {
            var builder = new StringBuilder("todo");
            if (rule == null)
            {
                return builder.ToString();
            }

            var words = 0;
            var inWord = false;
            foreach (var c in rule)
            {
                if (char.IsLetterOrDigit(c) && c < 128)
                {
                    if (!inWord)
                    {
                        if (words == 5)
                        {
                            break;
                        }

                        builder.Append('-');
                        words++;
                        inWord = true;
                    }

                    builder.Append(char.ToLowerInvariant(c));
                }
                else if (c != '\'' && c != '\u2019')
                {
                    inWord = false;
                }
            }

            return builder.ToString();
        }

        // The same RFC 8259 escaping the schema writer uses (AiLint.Analyzers links it in from the generator's Shared code).
        private static string Json(string value) => global::AiLint.Analyzers.Schema.SchemaJsonWriter.JsonString(value);
    }
}
