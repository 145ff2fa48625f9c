using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace AiLint
{
    /// <summary>
    /// An eval-case file (<c>*.evals.jsonl</c>) for eval runners: load its cases, and after a case passes, record it with
    /// <see cref="RecordPass"/> so AIL0302 knows the suite ran against the current prompt text. Editing keeps every other
    /// line, comment, field and line ending byte for byte. Not thread-safe: record passes from one thread, then save.
    /// </summary>
    public sealed class EvalFile
    {
        private readonly List<Line> lines;
        private readonly List<EvalCase> cases;
        private readonly List<EvalFileError> errors;

        private EvalFile(string? path, List<Line> lines, List<EvalCase> cases, List<EvalFileError> errors)
        {
            Path = path;
            this.lines = lines;
            this.cases = cases;
            this.errors = errors;
        }

        /// <summary>The file this was loaded from, or null when parsed from text.</summary>
        public string? Path { get; }

        /// <summary>Every well-formed case, todo ones included, in file order.</summary>
        public IReadOnlyList<EvalCase> Cases => cases;

        /// <summary>Lines that are not valid cases; the other lines still count.</summary>
        public IReadOnlyList<EvalFileError> Errors => errors;

        /// <summary>The file's current text, including recorded passes.</summary>
        public string Text
        {
            get
            {
                var builder = new StringBuilder();
                foreach (var line in lines)
                {
                    builder.Append(line.Content).Append(line.Terminator);
                }

                return builder.ToString();
            }
        }

        /// <summary>Reads and parses <paramref name="path"/> (UTF-8).</summary>
        /// <param name="path">The eval file.</param>
        /// <returns>The parsed file.</returns>
        public static EvalFile Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

        /// <summary>Loads every <c>*.evals.jsonl</c> file under <paramref name="directory"/>, recursively, in path order.</summary>
        /// <param name="directory">The folder to search, typically the project folder.</param>
        /// <returns>The parsed files.</returns>
        public static IReadOnlyList<EvalFile> LoadAll(string directory) =>
            Directory.EnumerateFiles(directory, "*.evals.jsonl", SearchOption.AllDirectories)
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(Load)
                .ToList();

        /// <summary>Parses eval-file text.</summary>
        /// <param name="text">The file's content.</param>
        /// <param name="path">The path to remember for <see cref="Save()"/>, if any.</param>
        /// <returns>The parsed file.</returns>
        public static EvalFile Parse(string text, string? path = null)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var lines = SplitLines(text);
            var cases = new List<EvalCase>();
            var errors = new List<EvalFileError>();
            var seen = new HashSet<(string, string)>();
            for (var i = 0; i < lines.Count; i++)
            {
                var content = lines[i].Content.TrimStart('\uFEFF').Trim();
                if (content.Length == 0 || content.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                var parsed = ParseCase(content, i + 1, out var error);
                if (parsed == null)
                {
                    errors.Add(new EvalFileError(i + 1, error!));
                }
                else if (!seen.Add((parsed.Prompt, parsed.Id)))
                {
                    errors.Add(new EvalFileError(i + 1, "duplicate id \"" + parsed.Id + "\" for prompt \"" + parsed.Prompt + "\""));
                }
                else
                {
                    cases.Add(parsed);
                }
            }

            return new EvalFile(path, lines, cases, errors);
        }

        /// <summary>The cases of one prompt.</summary>
        /// <param name="promptId">The prompt id: <c>[Prompt("id")]</c> or <c>Namespace.Type.Member</c>.</param>
        /// <returns>The cases naming <paramref name="promptId"/>, in file order.</returns>
        public IEnumerable<EvalCase> GetCases(string promptId) => cases.Where(c => c.Prompt == promptId);

        /// <summary>
        /// Records that case <paramref name="caseId"/> of <paramref name="promptId"/> passed against
        /// <paramref name="promptText"/>: sets its <c>promptSha256</c> (adding the field or replacing its value).
        /// </summary>
        /// <param name="promptId">The prompt id.</param>
        /// <param name="caseId">The case id.</param>
        /// <param name="promptText">The prompt text the case ran against, exactly as sent to the model.</param>
        /// <returns>False when the file has no such case.</returns>
        public bool RecordPass(string promptId, string caseId, string promptText)
        {
            var index = cases.FindIndex(c => c.Prompt == promptId && c.Id == caseId);
            if (index < 0)
            {
                return false;
            }

            var hash = PromptHash.Compute(promptText);
            var evalCase = cases[index];
            var lineIndex = evalCase.LineNumber - 1;
            lines[lineIndex] = new Line(SetPromptSha256(lines[lineIndex].Content, hash), lines[lineIndex].Terminator);
            cases[index] = evalCase.WithPromptSha256(hash);
            return true;
        }

        /// <summary>Writes <see cref="Text"/> back to <see cref="Path"/>.</summary>
        public void Save() => Save(Path ?? throw new InvalidOperationException("This eval file was parsed from text; pass a path to Save."));

        /// <summary>Writes <see cref="Text"/> to <paramref name="path"/> as UTF-8 without a byte order mark.</summary>
        /// <param name="path">The destination.</param>
        public void Save(string path) => File.WriteAllText(path, Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        private static EvalCase? ParseCase(string content, int lineNumber, out string? error)
        {
            error = null;
            try
            {
                using (var document = JsonDocument.Parse(content))
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        error = "the line is a JSON value but not a JSON object";
                        return null;
                    }

                    var prompt = GetString(root, "prompt");
                    var id = GetString(root, "id");
                    if (string.IsNullOrEmpty(prompt) || string.IsNullOrEmpty(id))
                    {
                        error = "the field \"" + (string.IsNullOrEmpty(prompt) ? "prompt" : "id") + "\" must be a non-empty string";
                        return null;
                    }

                    return new EvalCase(
                        prompt!,
                        id!,
                        root.TryGetProperty("input", out var input) ? input.Clone() : (JsonElement?)null,
                        root.TryGetProperty("expect", out var expect) ? expect.Clone() : (JsonElement?)null,
                        GetString(root, "rule"),
                        GetString(root, "promptSha256"),
                        GetString(root, "status"),
                        lineNumber);
                }
            }
            catch (JsonException ex)
            {
                error = "the line is not valid JSON: " + ex.Message;
                return null;
            }
        }

        private static string? GetString(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>Replaces the value of the top-level <c>promptSha256</c> or appends the property, touching nothing else.</summary>
        private static string SetPromptSha256(string line, string hash)
        {
            var bom = line.Length > 0 && line[0] == '\uFEFF' ? "\uFEFF" : string.Empty;
            var bytes = Encoding.UTF8.GetBytes(line.Substring(bom.Length));
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            var newValue = Encoding.UTF8.GetBytes("\"" + hash + "\"");
            var propertyCount = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    propertyCount++;
                    var isHash = reader.ValueTextEquals("promptSha256");
                    reader.Read();
                    var valueStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    if (isHash)
                    {
                        return bom + Splice(bytes, valueStart, (int)reader.BytesConsumed, newValue);
                    }
                }
                else if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    var insert = Encoding.UTF8.GetBytes((propertyCount > 0 ? "," : string.Empty) + "\"promptSha256\":\"" + hash + "\"");
                    var at = (int)reader.TokenStartIndex;
                    return bom + Splice(bytes, at, at, insert);
                }
            }

            return bom + line;
        }

        private static string Splice(byte[] bytes, int start, int end, byte[] replacement)
        {
            var result = new byte[bytes.Length - (end - start) + replacement.Length];
            Buffer.BlockCopy(bytes, 0, result, 0, start);
            Buffer.BlockCopy(replacement, 0, result, start, replacement.Length);
            Buffer.BlockCopy(bytes, end, result, start + replacement.Length, bytes.Length - end);
            return Encoding.UTF8.GetString(result);
        }

        private static List<Line> SplitLines(string text)
        {
            var lines = new List<Line>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' || text[i] == '\r')
                {
                    var terminator = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? "\r\n" : text[i].ToString();
                    lines.Add(new Line(text.Substring(start, i - start), terminator));
                    i += terminator.Length - 1;
                    start = i + 1;
                }
            }

            if (start < text.Length)
            {
                lines.Add(new Line(text.Substring(start), string.Empty));
            }

            return lines;
        }

        private readonly struct Line
        {
            public Line(string content, string terminator)
            {
                Content = content;
                Terminator = terminator;
            }

            public string Content { get; }

            public string Terminator { get; }
        }
    }
}
