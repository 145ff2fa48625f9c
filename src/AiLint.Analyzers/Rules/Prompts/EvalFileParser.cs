using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AiLint.Analyzers.Json;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>The cases and malformed lines of one eval file's text, independent of its path.</summary>
    internal sealed class ParsedEvalText
    {
        public ParsedEvalText(ImmutableArray<EvalCase> cases, ImmutableArray<MalformedEvalLine> malformed)
        {
            Cases = cases;
            Malformed = malformed;
        }

        public ImmutableArray<EvalCase> Cases { get; }

        public ImmutableArray<MalformedEvalLine> Malformed { get; }
    }

    /// <summary>
    /// Parses <c>*.evals.jsonl</c> text (contract.md, "Eval-case files"). Results are cached per <see cref="SourceText"/>:
    /// a SourceText is immutable and the IDE reuses the same instance across compilations until the file is edited,
    /// so a large file is parsed once, and the weak table lets the entry go with the text.
    /// </summary>
    internal static class EvalFileParser
    {
        public const string FileSuffix = ".evals.jsonl";

        private static readonly ConditionalWeakTable<SourceText, ParsedEvalText> Cache = new ConditionalWeakTable<SourceText, ParsedEvalText>();

        public static bool IsEvalFile(string? path) =>
            path != null && path.EndsWith(FileSuffix, System.StringComparison.OrdinalIgnoreCase);

        public static ParsedEvalText ParseCached(SourceText text) => Cache.GetValue(text, Parse);

        public static ParsedEvalText Parse(SourceText text)
        {
            var content = text.ToString();
            var cases = ImmutableArray.CreateBuilder<EvalCase>();
            var malformed = ImmutableArray.CreateBuilder<MalformedEvalLine>();
            foreach (var line in text.Lines)
            {
                var start = line.Start;
                var end = line.End;
                var first = start;
                while (first < end && (char.IsWhiteSpace(content[first]) || content[first] == '\uFEFF'))
                {
                    first++;
                }

                // Blank lines and // comments are ignored (contract.md).
                if (first == end || (first + 1 < end && content[first] == '/' && content[first + 1] == '/'))
                {
                    continue;
                }

                var span = TextSpan.FromBounds(start, end);
                if (!EvalJsonLine.TryRead(content, first, end, out var fields, out var error))
                {
                    if (LooksLikeAPartOfAMultiLineObject(content, first, end))
                    {
                        error += "; an eval file is JSON Lines: each case is one JSON object on a single line";
                    }

                    malformed.Add(Malformed(text, line, span, error!));
                    continue;
                }

                var missing = fields.PromptKind != JsonValueKind.String ? "prompt" : fields.IdKind != JsonValueKind.String ? "id" : null;
                if (missing != null)
                {
                    var kind = missing == "prompt" ? fields.PromptKind : fields.IdKind;
                    malformed.Add(Malformed(
                        text,
                        line,
                        span,
                        kind == JsonValueKind.Missing
                            ? "the required field \"" + missing + "\" is missing"
                            : "the field \"" + missing + "\" must be a non-empty string"));
                    continue;
                }

                cases.Add(new EvalCase(
                    fields.Prompt!,
                    fields.Id!,
                    fields.Rule,
                    fields.PromptSha256,
                    fields.Status,
                    IsNonEmpty(fields.Input),
                    IsNonEmpty(fields.Expect),
                    line.LineNumber,
                    span));
            }

            return new ParsedEvalText(cases.ToImmutable(), malformed.ToImmutable());
        }

        /// <summary>
        /// A pretty-printed case (or an array of cases) breaks into lines that are each malformed: an opening or closing
        /// brace or bracket alone, a <c>"key": value</c> line, or an object whose line ends after a comma or an opening brace
        /// or bracket (a merely truncated value is not hinted). Those lines get a hint,
        /// so the user learns the format once instead of reading one bare error per line.
        /// </summary>
        private static bool LooksLikeAPartOfAMultiLineObject(string content, int first, int end)
        {
            var last = end - 1;
            while (last > first && char.IsWhiteSpace(content[last]))
            {
                last--;
            }

            var opening = content[first];
            var closing = content[last];
            return opening == '"'
                || (last == first && opening is '{' or '[' or '}' or ']')
                || (opening is '}' or ']' && last == first + 1 && closing == ',')
                || (opening == '{' && closing is ',' or '{' or '[');
        }

        private static MalformedEvalLine Malformed(SourceText text, TextLine line, TextSpan span, string message) =>
            new MalformedEvalLine(line.LineNumber, span, text.Lines.GetLinePositionSpan(span), message);

        private static bool IsNonEmpty(JsonValueKind kind) =>
            kind != JsonValueKind.Missing && kind != JsonValueKind.Null && kind != JsonValueKind.EmptyString
            && kind != JsonValueKind.EmptyObject && kind != JsonValueKind.EmptyArray;

        /// <summary>Case ids already used for <paramref name="promptId"/> in <paramref name="text"/>.</summary>
        public static HashSet<string> CaseIds(SourceText text, string promptId)
        {
            var ids = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var c in ParseCached(text).Cases)
            {
                if (c.Prompt == promptId)
                {
                    ids.Add(c.Id);
                }
            }

            return ids;
        }
    }
}
