using System;
using System.Linq;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// How a prompt file (a <c>*.txt</c> / <c>*.md</c> in a Prompts folder, or a copied file read by name) shows that it
    /// instructs a model: the single-turn test (<see cref="SingleTurnPrompt.Qualifies"/>: "You are ...", a sentence with
    /// must/never/always/only/should/don't), whose words are English, or the same two signs in the other languages apps
    /// write prompts in (review87 Repo 7: PiFou86/chatrealtime's <c>Prompts/Yoda.md</c>, "Tu incarnes **Yoda** ... Tu es un
    /// maître de la Force ...", was invisible while the same text as a C# constant at a system slot is reported).
    /// </summary>
    internal static partial class PromptFiles
    {
        /// <summary>A file of rules has at least this many list items that open with an instruction verb.</summary>
        private const int MinimumOtherLanguageRules = 2;

        /// <summary>A persona sentence names a role: "Tu es un assistant" (4 words), not a cut-off "Tu es l'".</summary>
        private const int MinimumPersonaWords = 4;

        /// <summary>"你是" and a role of at least two characters: "你是助手" (you are an assistant).</summary>
        private const int MinimumChinesePersonaLength = 4;

        /// <summary>
        /// Second-person persona openings ("you are") that assign a role only before an article or a name followed by a
        /// comma ("Tu es un maître ...", "Eres una asistente ...", "Tu es Marvin, le robot ..."): the same words open
        /// greetings and notices ("Vous êtes invité à ...", "Sie sind hier: Startseite", "Sei mesi di garanzia" — six
        /// months), as "You're" does in English. Romanian is written with a comma below its s and t ("Ești", "Sunteți"),
        /// with the older cedilla ("Eşti", "Sunteţi") or without diacritics ("Esti un asistent ..."); European Portuguese
        /// says "Tu és". Polish ("Jesteś asystentem") and Czech ("Jsi asistent") have no article to tell a role from a
        /// notice ("Jesteś zalogowany", you are logged in), so they are not read.
        /// </summary>
        private static readonly string[] RolePersonaOpenings =
        {
            "tu es", "vous êtes", "eres", "usted es", "você é", "voce e", "tu és", "du bist", "sie sind", "sei",
            "e\u0219ti", "e\u015Fti", "esti", "tu e\u0219ti", "tu e\u015Fti", "tu esti", "sunte\u021Bi", "sunte\u0163i", "sunteti",
        };

        /// <summary>
        /// Articles that open the role after <see cref="RolePersonaOpenings"/> (French, Spanish, Portuguese, German, Italian;
        /// Romanian "un", "o").
        /// </summary>
        private static readonly string[] RoleArticles =
        {
            "un", "une", "le", "la", "l'", "l\u2019", "el", "una", "um", "uma", "o", "a", "ein", "eine", "einen", "der", "die", "das", "uno", "il", "lo",
        };

        /// <summary>
        /// Persona openings that assign a role whatever follows: "you embody" in French ("Tu incarnes **Yoda**"), the
        /// Russian "you are" written with its dash or verb ("Ты — опытный юрист", "Вы являетесь ..."; "Вы можете ..."
        /// — you can — is not one), and the Chinese "你是" (not "你是否", whether you, nor "你是谁", who are you).
        /// </summary>
        private static readonly string[] PersonaOpenings =
        {
            "tu incarnes", "vous incarnez", "ты \u2014", "ты \u2013", "ты -", "вы \u2014", "вы \u2013", "вы -", "ты являешься", "вы являетесь",
        };

        /// <summary>
        /// The single-turn test, or its other-language reading (<see cref="InstructsInAnotherLanguage"/>): the test for text
        /// seen only as a value, with no declaration to read (a file, a settings value, a referenced assembly's constant).
        /// </summary>
        internal static bool InstructsAModel(string text) => SingleTurnPrompt.Qualifies(text) || InstructsInAnotherLanguage(text);

        /// <summary>
        /// Whether text in another language instructs: its first line that is not a title (a heading, label, tag or a
        /// line without letters, as for "You are" in English) opens with a persona
        /// (<see cref="OpensWithOtherLanguagePersona"/>), or it lists at least <see cref="MinimumOtherLanguageRules"/>
        /// rules that open with an instruction verb (<see cref="DataTemplate.IsOtherLanguageInstruction"/>: "- Réponds
        /// toujours en français.", "- Antworte in drei Sätzen.") and more such rules than questions. A product
        /// description or an FAQ has neither; a file of example questions asks; example requests written one per
        /// line without list markers are not rules.
        /// </summary>
        internal static bool InstructsInAnotherLanguage(string text)
        {
            var constant = SingleTurnPrompt.WithoutHoles(text);
            return OpensWithOtherLanguagePersona(constant) || ListsOtherLanguageRules(constant);
        }

        private static bool OpensWithOtherLanguagePersona(string constant)
        {
            foreach (var line in constant.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length == 0)
                {
                    continue;
                }

                if (IsOtherLanguagePersona(trimmed))
                {
                    return true;
                }

                if (!SingleTurnPrompt.IsTitleLine(trimmed))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// A line whose first sentence opens with a persona and goes on to say what the role is: at least
        /// <see cref="MinimumPersonaWords"/> words (<see cref="MinimumChinesePersonaLength"/> characters in Chinese), not
        /// a question ("Vous êtes un professionnel ? Découvrez ..." asks) nor an exclamation ("Vous êtes le bienvenu
        /// chez Contoso !" greets).
        /// </summary>
        private static bool IsOtherLanguagePersona(string line)
        {
            var sentence = DataTemplate.Sentences(line.TrimStart('*', '_', ' ')).FirstOrDefault()?.Trim() ?? string.Empty;
            var last = sentence.Length > 0 ? sentence[sentence.Length - 1] : ' ';
            if (last == '?' || last == '\uFF1F' || last == '!' || last == '\uFF01')
            {
                return false;
            }

            if (sentence.StartsWith("你是", StringComparison.Ordinal))
            {
                return sentence.Length >= MinimumChinesePersonaLength
                    && !sentence.StartsWith("你是否", StringComparison.Ordinal) && !sentence.StartsWith("你是谁", StringComparison.Ordinal);
            }

            if (SingleTurnPrompt.CountWords(sentence) < MinimumPersonaWords)
            {
                return false;
            }

            foreach (var opening in PersonaOpenings)
            {
                if (StartsWithWords(sentence, opening))
                {
                    return true;
                }
            }

            foreach (var opening in RolePersonaOpenings)
            {
                if (StartsWithWords(sentence, opening))
                {
                    return OpensRole(sentence.Substring(opening.Length).TrimStart(' ', '*', '_'));
                }
            }

            return false;
        }

        /// <summary>An article ("un maître", "l'assistant") or a capitalised name followed by a comma ("Marvin, le robot").</summary>
        private static bool OpensRole(string rest)
        {
            foreach (var article in RoleArticles)
            {
                // "l'" is joined to its noun: "l'assistant".
                var elided = article.EndsWith("'", StringComparison.Ordinal) || article.EndsWith("\u2019", StringComparison.Ordinal);
                if (elided ? rest.StartsWith(article, StringComparison.OrdinalIgnoreCase) : StartsWithWords(rest, article))
                {
                    return true;
                }
            }

            var end = 0;
            while (end < rest.Length && char.IsLetter(rest[end]))
            {
                end++;
            }

            return end > 0 && char.IsUpper(rest[0]) && rest.Substring(end).TrimStart('*', '_').StartsWith(",", StringComparison.Ordinal);
        }

        /// <summary>The text opens with <paramref name="words"/> (ignoring case) followed by a break, not by more letters.</summary>
        private static bool StartsWithWords(string text, string words) =>
            text.StartsWith(words, StringComparison.OrdinalIgnoreCase)
            && (text.Length == words.Length || !char.IsLetter(text[words.Length]));

        /// <summary>Rules: list items (<see cref="PromptInstructions.Extract"/>) whose first sentence opens with an instruction verb.</summary>
        private static bool ListsOtherLanguageRules(string constant)
        {
            var rules = 0;
            var questions = 0;
            foreach (var instruction in PromptInstructions.Extract(constant))
            {
                var sentence = DataTemplate.Sentences(instruction.Text).FirstOrDefault()?.Trim() ?? string.Empty;
                if (sentence.EndsWith("?", StringComparison.Ordinal) || sentence.EndsWith("\uFF1F", StringComparison.Ordinal))
                {
                    questions++;
                }
                else if (DataTemplate.IsOtherLanguageInstruction(sentence))
                {
                    rules++;
                }
            }

            return rules >= MinimumOtherLanguageRules && rules > questions;
        }
    }
}
