using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The instructions AIL0303 asks eval cases for: <see cref="PromptInstructions.Extract"/> read over the prompt's
    /// instruction turns (<see cref="ConversationTurns"/>), less the list items that are parts of something else, seen
    /// on real markdown prompts (kbeaugrand/SemanticKernel.Agents.DatabaseAgent, HillPhelmuth/AIRpgAgents):
    /// <list type="bullet">
    /// <item>a bold-only title over sub-items (<c>1. **Tool Utilization**</c>): its sub-items are the instructions;</item>
    /// <item>short noun phrases listed under a heading that ends with ':' and asks for them (<c>Each location should
    /// have:</c> then <c>- A name</c>): they are parts of the heading's instruction, so the heading is reported in their
    /// place;</item>
    /// <item>items of an example block (<see cref="ExampleBlocks"/>): data the prompt shows;</item>
    /// <item>a placeholder of the answer's format (<c>- (bullets)</c>), also after a label (<c>- Attraction name:
    /// [name]</c>: <see cref="LabelledPlaceholderItems"/>); such a labelled line is a format field also without a list
    /// marker when its keyword is only inside the brackets (<c>Answer: [Your answer based only on the document]</c>);</item>
    /// <item>a gloss under a value line (<c>1: Label (EnumName)</c> then <c>  - when it fits</c>) and a label over an
    /// example object (<c>- JSON schema:</c> then <c>{</c>): <see cref="ValueGlossItems"/>.</item>
    /// </list>
    /// An item with a keyword, or one that opens with an imperative, stays an instruction wherever it is. Outside list
    /// items, a sentence in which the user tells their own situation ("I am traveling to {{$city}} and staying only 24
    /// hours.": <see cref="UserSituationSentences"/>) is the template's data. These readings
    /// are for AIL0303 only: the single-turn test reads the keyword instructions of <see cref="PromptInstructions.Extract"/>.
    /// </summary>
    internal static class InstructionsToCover
    {
        /// <summary>A noun phrase a heading asks for is short: "A brief description", "Key purpose or role of the agent."</summary>
        private const int MaximumFieldWords = 8;

        // Verbs that open an item as an instruction beside DataTemplate's imperatives (titles of steps in the prompts above).
        private static readonly HashSet<string> MoreImperatives = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "add", "analyse", "apply", "break", "capture", "clarify", "collect", "confirm", "count", "define", "detail",
            "document", "emphasise", "emphasize", "enclose", "encourage", "ensure", "estimate", "explore", "flag", "focus",
            "group", "handle", "highlight", "infer", "instruct", "label", "limit", "mark", "merge", "optimise", "optimize",
            "order", "outline", "parse", "present", "preserve", "prioritise", "prioritize", "rank", "rate", "reflect",
            "remove", "report", "resolve", "show", "sort", "specify", "split", "structure", "synthesise", "synthesize",
            "test", "understand", "update", "wrap",
        };

        /// <param name="text">The prompt text.</param>
        /// <param name="isPrompty">Whether it is a <c>.prompty</c> body, split into turns by role lines.</param>
        public static ImmutableArray<PromptInstruction> Of(string text, bool isPrompty)
        {
            var read = ConversationTurns.InstructionText(text, isPrompty);
            var extracted = PromptInstructions.Extract(read);
            if (extracted.IsEmpty)
            {
                return extracted;
            }

            var lines = new PromptLines(read);
            bool[]? examples = null;
            var kept = new List<PromptInstruction>(extracted.Length);
            var headings = new List<int>();
            foreach (var instruction in extracted)
            {
                var line = lines.LineOf(instruction.Start);
                var contentStart = lines.ItemContentStart(line);
                var isSentence = contentStart < 0 || !OnlyMarkup(read, contentStart, instruction.Start);
                if (IsWholeFormatField(read, lines, line, contentStart, instruction))
                {
                    continue;
                }

                if (isSentence && UserSituationSentences.IsUserFact(instruction.Text))
                {
                    continue;
                }

                if (isSentence || PromptInstructions.ContainsKeyword(instruction.Text, 0, instruction.Text.Length) || OpensWithImperative(instruction.Text))
                {
                    kept.Add(instruction);
                    continue;
                }

                examples ??= ExampleBlocks.Of(lines);
                var heading = HeadingOf(lines, line);
                if (IsPlaceholder(instruction.Text) || LabelledPlaceholderItems.IsLabelledPlaceholder(instruction.Text) || IsTitleOverSubItems(read, lines, line, contentStart) || examples[line]
                    || ValueGlossItems.IsData(read, lines, line, contentStart, heading, examples, instruction.Text))
                {
                    continue;
                }

                if (heading >= 0 && IsField(instruction.Text) && AsksForFields(HeadingText(read, lines, heading)))
                {
                    if (!headings.Contains(heading))
                    {
                        headings.Add(heading);
                    }

                    continue;
                }

                kept.Add(instruction);
            }

            foreach (var heading in headings)
            {
                AddHeading(read, lines, heading, extracted, kept);
            }

            kept.Sort((a, b) => a.Start.CompareTo(b.Start));
            return kept.ToImmutableArray();
        }

        /// <summary>
        /// The instruction is its whole line (after any list marker) and that line is a field of the answer's format whose
        /// keyword is only inside the placeholder (<see cref="LabelledPlaceholderItems.IsFormatFieldWithKeywordInside"/>).
        /// A field after a sentence on the same line ("Be brief. Answer: [only yes or no]") is not the line.
        /// </summary>
        private static bool IsWholeFormatField(string text, PromptLines lines, int line, int contentStart, PromptInstruction instruction)
        {
            var from = contentStart < 0 ? lines.First(line) : contentStart;
            var content = EmphasisMarkers.Strip(text.Substring(from, lines.End(line) - from)).Trim();
            return string.Equals(content, instruction.Text.Trim(), StringComparison.Ordinal)
                && LabelledPlaceholderItems.IsFormatFieldWithKeywordInside(instruction.Text);
        }

        /// <summary>Only emphasis markers and whitespace between the item's marker and the instruction.</summary>
        private static bool OnlyMarkup(string text, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (!(char.IsWhiteSpace(text[i]) || text[i] == '*' || text[i] == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The instruction's first word is an imperative: "Write the Query", "Cite the source", "Understand the role".</summary>
        internal static bool OpensWithImperative(string instruction)
        {
            var i = 0;
            while (i < instruction.Length && !char.IsLetter(instruction[i]))
            {
                i++;
            }

            var end = i;
            while (end < instruction.Length && (char.IsLetter(instruction[end]) || instruction[end] == '\'' || instruction[end] == '\u2019'))
            {
                end++;
            }

            var word = instruction.Substring(i, end - i);
            return word.Length > 0 && (DataTemplate.IsImperativeWord(word) || MoreImperatives.Contains(word));
        }

        /// <summary><c>(bullets)</c>, <c>[one line]</c>, <c>...</c>: a placeholder for what the answer writes there.</summary>
        private static bool IsPlaceholder(string item)
        {
            var trimmed = item.Trim();
            if (trimmed == "..." || trimmed == "\u2026")
            {
                return true;
            }

            return trimmed.Length > 2
                && ((trimmed[0] == '(' && trimmed[trimmed.Length - 1] == ')' && trimmed.IndexOf(')') == trimmed.Length - 1)
                    || (trimmed[0] == '[' && trimmed[trimmed.Length - 1] == ']' && trimmed.IndexOf(']') == trimmed.Length - 1));
        }

        /// <summary>The item is bold only (<c>**Tool Utilization**</c>, <c>**Details**:</c>) and the next line that is not blank is a deeper item.</summary>
        private static bool IsTitleOverSubItems(string text, PromptLines lines, int line, int contentStart)
        {
            var content = text.Substring(contentStart, lines.End(line) - contentStart).Trim();
            if (content.EndsWith(":", StringComparison.Ordinal))
            {
                content = content.Substring(0, content.Length - 1).TrimEnd();
            }

            var bold = content.Length > 4 && (content.StartsWith("**", StringComparison.Ordinal) || content.StartsWith("__", StringComparison.Ordinal));
            if (!bold || !content.EndsWith(content.Substring(0, 2), StringComparison.Ordinal) || content.IndexOf(content.Substring(0, 2), 2, StringComparison.Ordinal) != content.Length - 2)
            {
                return false;
            }

            for (var next = line + 1; next < lines.Count; next++)
            {
                if (!lines.IsBlank(next))
                {
                    return lines.ItemContentStart(next) >= 0 && lines.Indent(next) > lines.Indent(line);
                }
            }

            return false;
        }

        /// <summary>
        /// The line a list item is listed under: its parent item (the nearest item above it indented less), or the
        /// nearest line above it that is not an item; -1 when there is none.
        /// </summary>
        private static int HeadingOf(PromptLines lines, int line)
        {
            var indent = lines.Indent(line);
            for (var above = line - 1; above >= 0; above--)
            {
                if (lines.IsBlank(above))
                {
                    continue;
                }

                if (lines.ItemContentStart(above) < 0 || lines.Indent(above) < indent)
                {
                    return above;
                }
            }

            return -1;
        }

        /// <summary>The heading line's text after any list marker.</summary>
        private static string HeadingText(string text, PromptLines lines, int heading)
        {
            var start = lines.ItemContentStart(heading);
            start = start < 0 ? lines.First(heading) : start;
            return EmphasisMarkers.Strip(text.Substring(start, lines.End(heading) - start)).Trim();
        }

        /// <summary>
        /// A heading that ends with ':' and whose last sentence asks for what follows: a keyword ("Each location should
        /// have:") or an opening imperative ("Include:", "Fix the SQL query based on:"), also after a leading conditional
        /// clause ("When I paste C# code, review it in 3 sections:": <see cref="LeadingConditions"/>). "Features:" only
        /// titles its list.
        /// </summary>
        private static bool AsksForFields(string heading)
        {
            if (!heading.EndsWith(":", StringComparison.Ordinal))
            {
                return false;
            }

            var sentence = LastSentence(heading, 0, heading.Length);
            var last = heading.Substring(sentence);
            return PromptInstructions.ContainsKeyword(last, 0, last.Length) || OpensWithImperative(last)
                || (LeadingConditions.MainClause(last) is { } main && OpensWithImperative(main));
        }

        /// <summary>A short noun phrase: a few words, one phrase, not addressing the model and with no label of its own.</summary>
        private static bool IsField(string item)
        {
            var trimmed = item.Trim().TrimEnd('.');
            if (trimmed.Length == 0 || trimmed.IndexOf(':') >= 0 || trimmed.IndexOf(". ", StringComparison.Ordinal) >= 0)
            {
                return false;
            }

            var words = trimmed.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
            foreach (var word in words)
            {
                var bare = word.Trim('(', ')', ',', ';', '"', '\'', '`');
                if (string.Equals(bare, "you", StringComparison.OrdinalIgnoreCase) || string.Equals(bare, "your", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return words.Length <= MaximumFieldWords;
        }

        /// <summary>Reports the heading whose fields were left out, unless an instruction already covers its last sentence.</summary>
        private static void AddHeading(string text, PromptLines lines, int heading, ImmutableArray<PromptInstruction> extracted, List<PromptInstruction> kept)
        {
            var contentStart = lines.ItemContentStart(heading);
            var start = LastSentence(text, contentStart < 0 ? lines.First(heading) : contentStart, lines.End(heading));
            var end = lines.End(heading);
            foreach (var instruction in extracted)
            {
                if (instruction.Start < end && instruction.End > start)
                {
                    return;
                }
            }

            if (PromptInstructions.TryCreate(text, start, end, requireKeyword: false, out var added))
            {
                kept.Add(added);
            }
        }

        /// <summary>Where the last sentence of [start, end) starts: after the last '.', '!' or '?' followed by whitespace.</summary>
        private static int LastSentence(string text, int start, int end)
        {
            for (var i = end - 2; i >= start; i--)
            {
                if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && char.IsWhiteSpace(text[i + 1]))
                {
                    return i + 1;
                }
            }

            return start;
        }
    }
}
