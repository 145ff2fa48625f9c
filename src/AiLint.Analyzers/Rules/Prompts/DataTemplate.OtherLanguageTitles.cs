using System;
using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Prompts
{
    // A title-shaped line in another language that is an instruction: "Faça um resumo detalhado desta conversa de chat:".
    internal static partial class DataTemplate
    {
        /// <summary>
        /// Imperatives that open an instruction line over data in the other languages apps write prompts in
        /// (Portuguese, Spanish, French, German, Italian, Russian), as <see cref="Imperatives"/> do in English. Only
        /// forms that are not also nouns or adverbs heading data: "Resumo", "Análisis", "Analyse", "Liste" (pt "list!",
        /// but fr/de "list of"), "Classifica" (it: a ranking), "Valuta" (it: a currency), "Donne" (it: women), "Кратко" (briefly) are left
        /// out, so "Resumo:" and "Liste der Produkte:" stay labels.
        /// </summary>
        private static readonly HashSet<string> OtherLanguageImperatives = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            // Portuguese (você / tu).
            "faça", "resuma", "traduza", "escreva", "explique", "gere", "crie", "analise", "classifique", "extraia",
            "responda", "corrija", "reescreva", "descreva", "identifique", "avalie", "converta", "sugira", "forneça",
            "elabore", "resolva",
            // Spanish (tú / usted).
            "haz", "resume", "traduce", "traduzca", "escribe", "escriba", "explica", "genera", "genere", "crea",
            "analiza", "analice", "clasifica", "extrae", "extraiga", "responde", "corrige", "reescribe", "describe",
            "describa", "identifica", "evalúa", "evalúe", "convierte", "sugiere", "enumera", "proporciona", "proporcione",
            "redacta", "redacte", "resuelve", "dame", "dime",
            // French (tu / vous).
            "fais", "faites", "résume", "résumez", "traduis", "traduisez", "écris", "écrivez", "expliquez", "génère",
            "générez", "créez", "analysez", "classez", "extrais", "extrayez", "réponds", "répondez", "corrigez",
            "réécris", "réécrivez", "décris", "décrivez", "identifiez", "évalue", "évaluez", "convertis", "donnez", "rédige", "rédigez", "listez",
            // ... and the verbs French system prompts open their rules with ("Utilise le contexte fourni.", "Fournis tes
            // sources.", "Évite le jargon.", "Sois concis.", "Cite le document."); "garde", "reste", "traite", "pose"
            // and "formule" are left out (nouns heading data: "Reste à payer :"), "donne" and "liste" as above.
            "utilise", "utilisez", "fournis", "fournissez", "évite", "évitez", "sois", "soyez", "invente", "inventez",
            "cite", "citez", "indique", "indiquez", "vérifie", "vérifiez", "respecte", "respectez", "gardez", "restez",
            "propose", "proposez", "mentionne", "mentionnez", "ajoute", "ajoutez", "précise", "précisez", "adopte",
            "adoptez", "adapte", "adaptez", "renvoie", "renvoyez", "retourne", "retournez", "crée", "identifie",
            "convertissez", "reformule", "reformulez", "traitez", "calcule", "calculez", "choisis", "choisissez",
            // German (du).
            "fasse", "übersetze", "schreibe", "erkläre", "erstelle", "generiere", "analysiere", "klassifiziere",
            "extrahiere", "beantworte", "antworte", "korrigiere", "beschreibe", "identifiziere", "bewerte", "gib",
            "nenne", "formuliere", "verfasse", "überarbeite", "überprüfe",
            // Italian (tu / Lei).
            "fai", "riassumi", "riassuma", "traduci", "traduca", "scrivi", "scriva", "spiega", "spieghi", "analizza",
            "estrai", "rispondi", "correggi", "riscrivi", "descrivi", "suggerisci", "elenca", "fornisci", "dammi",
            "dimmi", "redigi",
            // Russian (ты / вы).
            "сделай", "сделайте", "напиши", "напишите", "переведи", "переведите", "объясни", "объясните", "составь",
            "составьте", "создай", "создайте", "сгенерируй", "сгенерируйте", "проанализируй", "проанализируйте",
            "извлеки", "извлеките", "ответь", "ответьте", "исправь", "исправьте", "перепиши", "перепишите", "опиши",
            "опишите", "определи", "определите", "оцени", "оцените", "перечисли", "перечислите", "дай", "дайте",
            "резюмируй", "резюмируйте", "выдели", "выделите", "найди", "найдите",
        };

        /// <summary>German infinitives that open an instruction with the polite "Sie" after them ("Fassen Sie ... zusammen:").</summary>
        private static readonly HashSet<string> GermanPoliteImperatives = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "fassen", "übersetzen", "schreiben", "erklären", "erstellen", "analysieren", "beantworten", "antworten",
            "beschreiben", "geben", "nennen", "bewerten", "korrigieren", "extrahieren", "klassifizieren", "generieren",
            "formulieren", "verfassen", "überprüfen",
        };

        /// <summary>A leading "please" in those languages, read past like the English one ("Por favor, resuma ...", "Bitte fasse ...").</summary>
        private static readonly string[] OtherLanguagePlease = { "por favor", "per favore", "bitte", "пожалуйста" };

        /// <summary>
        /// Chinese verbs that open an instruction when what they act on follows at once ("总结以下聊天记录：",
        /// "翻译下面的文本："); alone before the colon ("总结：", a summary) they head data.
        /// </summary>
        private static readonly string[] ChineseVerbs =
        {
            "总结", "概括", "翻译", "生成", "解释", "分析", "提取", "回答", "改写", "描述", "列出", "撰写", "编写", "润色",
        };

        /// <summary>What a Chinese instruction verb acts on: "the following", "below", "this text", "these".</summary>
        private static readonly string[] ChineseObjects = { "以下", "下面", "下列", "这段", "这篇", "这些", "这个", "一下" };

        /// <summary>
        /// Whether text in another language only titles its data (<see cref="SingleTurnPrompt.OnlyTitlesData"/>) with
        /// no line that is an instruction written as a title (<see cref="IsOtherLanguageInstructingTitle"/>): the
        /// English test reads "Summarize this chat conversation in detail:" as the app's instruction from four words;
        /// its Portuguese, Spanish or Chinese twin is one too (review86 repro-3).
        /// </summary>
        private static bool OtherLanguageOnlyTitlesData(string text)
        {
            if (!SingleTurnPrompt.OnlyTitlesData(text))
            {
                return false;
            }

            foreach (var line in SingleTurnPrompt.WithoutHoles(TemplateHoles.Unquote(text)).Split('\n'))
            {
                if (IsOtherLanguageInstructingTitle(line))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A line ending with ':' or '：' that opens with an instruction verb: in a Latin or Cyrillic script, one of
        /// <see cref="OtherLanguageImperatives"/> (or a German infinitive before "Sie") after an optional "please", in
        /// a line of at least <see cref="MinimumWordsOfInstructingTitle"/> words, as in English; in Chinese, "请" (please)
        /// and a verb, or one of <see cref="ChineseVerbs"/> before its object. "Resumo:", "Contexto do chamado:",
        /// "用户问题：", "请求参数：" (a request's parameters) open with none.
        /// </summary>
        private static bool IsOtherLanguageInstructingTitle(string line)
        {
            var trimmed = line.Trim().TrimStart('#', '*', '-', ' ');
            if (trimmed.Length == 0 || !(trimmed.EndsWith(":", StringComparison.Ordinal) || trimmed.EndsWith("\uFF1A", StringComparison.Ordinal)))
            {
                return false;
            }

            if (OpensWithChineseInstruction(trimmed))
            {
                return true;
            }

            var words = Words(trimmed);
            var start = 0;
            foreach (var please in OtherLanguagePlease)
            {
                var count = please.Split(' ').Length;
                if (words.Count > count && string.Equals(string.Join(" ", words.GetRange(0, count)), please, StringComparison.OrdinalIgnoreCase))
                {
                    start = count;
                }
            }

            return OpensWithOtherLanguageImperative(words, start, MinimumWordsOfInstructingTitle);
        }

        /// <summary>
        /// Whether <paramref name="words"/>, from <paramref name="start"/> (past a "please"), has at least
        /// <paramref name="minimumWords"/> words and opens with an instruction verb: one of
        /// <see cref="OtherLanguageImperatives"/>, a German infinitive before "Sie", or a French negated rule
        /// (<see cref="OpensWithFrenchNegation"/>).
        /// </summary>
        private static bool OpensWithOtherLanguageImperative(List<string> words, int start, int minimumWords)
        {
            if (words.Count - start < minimumWords)
            {
                return false;
            }

            return OtherLanguageImperatives.Contains(words[start])
                || (GermanPoliteImperatives.Contains(words[start]) && words.Count > start + 1 && string.Equals(words[start + 1], "Sie", StringComparison.Ordinal))
                || OpensWithFrenchNegation(words, start);
        }

        /// <summary>
        /// A French rule written as a negation: "N'invente jamais ...", "Ne réponds pas ..." (an imperative of the list
        /// inside "ne ... pas/jamais"), or the infinitive rules prompts list ("Ne jamais inventer de sources.", "Ne pas
        /// inventer de chiffres."). "Ne plus afficher ce message" (a checkbox) and "Ne pas déranger" (a status, three
        /// words) are UI text, not rules.
        /// </summary>
        private static bool OpensWithFrenchNegation(List<string> words, int start)
        {
            var first = words[start];
            if (first.Length > 2
                && (first.StartsWith("n'", StringComparison.OrdinalIgnoreCase) || first.StartsWith("n\u2019", StringComparison.OrdinalIgnoreCase)))
            {
                return OtherLanguageImperatives.Contains(first.Substring(2));
            }

            if (!string.Equals(first, "ne", StringComparison.OrdinalIgnoreCase) || words.Count - start < 3)
            {
                return false;
            }

            var second = words[start + 1];
            return OtherLanguageImperatives.Contains(second)
                || string.Equals(second, "jamais", StringComparison.OrdinalIgnoreCase)
                || (string.Equals(second, "pas", StringComparison.OrdinalIgnoreCase) && words.Count - start >= 4);
        }

        private static bool OpensWithChineseInstruction(string line)
        {
            // "请" and at least a verb and its object; "请求" (a request) and "请假" (leave) are nouns, and "请问" (may I
            // ask), "请输入" (please enter), "请选择" (please choose), "请点击", "请登录", "请稍候" ask the app's user.
            if (line.StartsWith("请", StringComparison.Ordinal) && line.Length >= 6 && !StartsWithAny(line.Substring(1), ChineseUserRequests))
            {
                return true;
            }

            foreach (var verb in ChineseVerbs)
            {
                if (line.StartsWith(verb, StringComparison.Ordinal) && StartsWithAny(line.Substring(verb.Length), ChineseObjects))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>What follows "请" in a request to the app's user or in a noun ("请求", "请假").</summary>
        private static readonly string[] ChineseUserRequests = { "求", "假", "问", "输入", "选择", "点击", "登录", "稍", "确认", "上传" };

        private static bool StartsWithAny(string text, string[] prefixes)
        {
            foreach (var prefix in prefixes)
            {
                if (text.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
