using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A prompt written as a conversation: a <c>.prompty</c> body split into turns by role lines (<c>system:</c>,
    /// <c>user:</c>, <c>assistant:</c>, also <c># user:</c>, as Prompty reads them), or a Semantic Kernel template with
    /// <c>&lt;message role="..."&gt;</c> blocks. Only the system (or developer) turn holds the app's instructions: the
    /// user and assistant turns next to it are few-shot example input and the model's example answer
    /// (PlagueHO/genai-database-explorer's semantic_model_describe_view.prompty), which AIL0301 does not take for prompts
    /// either. A conversation without a system turn keeps its user turns (the user message is then the prompt); an
    /// assistant, tool or function turn never holds instructions. Text outside any turn stays (a prompty body's text
    /// before its first role line is its system message), and the role markup itself is blanked, so no quoted
    /// instruction carries it.
    /// </summary>
    internal static class ConversationTurns
    {
        private static readonly Regex RoleLine = new Regex(
            @"^[ \t]*#?[ \t]*(system|developer|user|assistant|function|tool)[ \t]*:[ \t]*\r?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Multiline);

        private static readonly Regex MessageOpen = new Regex(
            @"<message\b[^<>]*?\brole\s*=\s*[""']?([A-Za-z]+)[""']?[^<>]*>",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex MessageClose = new Regex(@"</message\s*>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>
        /// The text with every turn that holds no instructions, and all role markup, replaced by spaces (line breaks
        /// kept, so offsets and lines stay); the text itself when it is not a conversation.
        /// </summary>
        /// <param name="text">The prompt text.</param>
        /// <param name="promptyRoleLines">Whether role lines split it (a <c>.prompty</c> body); message tags always do.</param>
        public static string InstructionText(string text, bool promptyRoleLines)
        {
            var turns = new List<Turn>();
            if (promptyRoleLines && text.IndexOf(':') >= 0)
            {
                AddRoleLineTurns(text, turns);
            }

            if (text.IndexOf("<message", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                AddMessageTurns(text, turns);
            }

            if (turns.Count == 0)
            {
                return text;
            }

            var hasSystemTurn = promptyRoleLines && turns.Exists(t => t.IsRoleLine) && HasTextBefore(text, FirstRoleLine(turns));
            foreach (var turn in turns)
            {
                hasSystemTurn |= IsInstructionRole(turn.Role);
            }

            var chars = text.ToCharArray();
            foreach (var turn in turns)
            {
                Blank(chars, turn.MarkupStart, turn.ContentStart);
                if (!IsInstructionRole(turn.Role) && (hasSystemTurn || !string.Equals(turn.Role, "user", StringComparison.OrdinalIgnoreCase)))
                {
                    Blank(chars, turn.ContentStart, turn.ContentEnd);
                }

                Blank(chars, turn.ContentEnd, turn.MarkupEnd);
            }

            return new string(chars);
        }

        /// <summary>Each role line opens a turn that runs to the next role line or the end of the text.</summary>
        private static void AddRoleLineTurns(string text, List<Turn> turns)
        {
            var matches = RoleLine.Matches(text);
            for (var i = 0; i < matches.Count; i++)
            {
                var line = matches[i];
                var contentEnd = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
                turns.Add(new Turn(line.Groups[1].Value, line.Index, line.Index + line.Length, contentEnd, contentEnd, isRoleLine: true));
            }
        }

        /// <summary>Each <c>&lt;message role=...&gt;</c> opens a turn that its <c>&lt;/message&gt;</c> ends, or the end of the text while it is typed.</summary>
        private static void AddMessageTurns(string text, List<Turn> turns)
        {
            var at = 0;
            Match open;
            while ((open = MessageOpen.Match(text, at)).Success)
            {
                var contentStart = open.Index + open.Length;
                var close = MessageClose.Match(text, contentStart);
                var contentEnd = close.Success ? close.Index : text.Length;
                var markupEnd = close.Success ? close.Index + close.Length : text.Length;
                turns.Add(new Turn(open.Groups[1].Value, open.Index, contentStart, contentEnd, markupEnd, isRoleLine: false));
                at = markupEnd;
            }
        }

        private static int FirstRoleLine(List<Turn> turns)
        {
            var first = int.MaxValue;
            foreach (var turn in turns)
            {
                if (turn.IsRoleLine && turn.MarkupStart < first)
                {
                    first = turn.MarkupStart;
                }
            }

            return first;
        }

        private static bool HasTextBefore(string text, int end)
        {
            for (var i = 0; i < end && i < text.Length; i++)
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInstructionRole(string role) =>
            string.Equals(role, "system", StringComparison.OrdinalIgnoreCase) || string.Equals(role, "developer", StringComparison.OrdinalIgnoreCase);

        private static void Blank(char[] chars, int start, int end)
        {
            for (var i = start; i < end && i < chars.Length; i++)
            {
                if (chars[i] != '\n' && chars[i] != '\r')
                {
                    chars[i] = ' ';
                }
            }
        }

        private readonly struct Turn
        {
            public Turn(string role, int markupStart, int contentStart, int contentEnd, int markupEnd, bool isRoleLine)
            {
                Role = role;
                MarkupStart = markupStart;
                ContentStart = contentStart;
                ContentEnd = contentEnd;
                MarkupEnd = markupEnd;
                IsRoleLine = isRoleLine;
            }

            public string Role { get; }

            public int MarkupStart { get; }

            public int ContentStart { get; }

            public int ContentEnd { get; }

            public int MarkupEnd { get; }

            public bool IsRoleLine { get; }
        }
    }
}
