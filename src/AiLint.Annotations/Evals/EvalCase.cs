using System;
using System.Text.Json;

namespace AiLint
{
    /// <summary>One case of a <c>*.evals.jsonl</c> file (format fixed in AiLint's contract).</summary>
    public sealed class EvalCase
    {
        internal EvalCase(string prompt, string id, JsonElement? input, JsonElement? expect, string? rule, string? promptSha256, string? status, int lineNumber)
        {
            Prompt = prompt;
            Id = id;
            Input = input;
            Expect = expect;
            Rule = rule;
            PromptSha256 = promptSha256;
            Status = status;
            LineNumber = lineNumber;
        }

        /// <summary>The prompt id the case exercises (<c>prompt</c>).</summary>
        public string Prompt { get; }

        /// <summary>The case id, unique per prompt (<c>id</c>).</summary>
        public string Id { get; }

        /// <summary>The <c>input</c> value, or null when absent.</summary>
        public JsonElement? Input { get; }

        /// <summary>The <c>expect</c> value, or null when absent.</summary>
        public JsonElement? Expect { get; }

        /// <summary>The verbatim fragment of the prompt instruction this case exercises (<c>rule</c>).</summary>
        public string? Rule { get; }

        /// <summary>The hash of the prompt text the case last passed against (<c>promptSha256</c>).</summary>
        public string? PromptSha256 { get; }

        /// <summary>The <c>status</c> field; <c>"todo"</c> never counts as coverage.</summary>
        public string? Status { get; }

        /// <summary>1-based line of the case in its file.</summary>
        public int LineNumber { get; }

        /// <summary>Whether <c>"status":"todo"</c>.</summary>
        public bool IsTodo => string.Equals(Status, "todo", StringComparison.OrdinalIgnoreCase);

        /// <summary>Whether the case counts as coverage: non-empty <c>input</c> and <c>expect</c>, and not todo.</summary>
        public bool IsCovering => !IsTodo && IsNonEmpty(Input) && IsNonEmpty(Expect);

        /// <summary>Whether the case's recorded pass is for <paramref name="promptText"/>.</summary>
        /// <param name="promptText">The current prompt text.</param>
        /// <returns>True when <see cref="PromptSha256"/> is the hash of <paramref name="promptText"/>.</returns>
        public bool PassedAgainst(string promptText) =>
            PromptSha256 != null && string.Equals(PromptSha256.Trim(), PromptHash.Compute(promptText), StringComparison.OrdinalIgnoreCase);

        internal EvalCase WithPromptSha256(string hash) => new EvalCase(Prompt, Id, Input, Expect, Rule, hash, Status, LineNumber);

        private static bool IsNonEmpty(JsonElement? value)
        {
            if (value is not { } element)
            {
                return false;
            }

            switch (element.ValueKind)
            {
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return false;
                case JsonValueKind.String:
                    return element.GetString()!.Length > 0;
                case JsonValueKind.Object:
                    foreach (var unused in element.EnumerateObject())
                    {
                        return true;
                    }

                    return false;
                case JsonValueKind.Array:
                    return element.GetArrayLength() > 0;
                default:
                    return true;
            }
        }
    }

    /// <summary>A line of an eval file that is not a valid case (what AIL0304 reports at build time).</summary>
    public sealed class EvalFileError
    {
        internal EvalFileError(int lineNumber, string message)
        {
            LineNumber = lineNumber;
            Message = message;
        }

        /// <summary>1-based line.</summary>
        public int LineNumber { get; }

        /// <summary>What is wrong with the line.</summary>
        public string Message { get; }
    }
}
