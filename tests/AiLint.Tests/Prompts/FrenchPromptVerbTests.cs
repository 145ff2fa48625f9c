using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Text;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The other-language verb list checked against French system prompts as apps write them: "Réponds uniquement en JSON",
/// "Ne jamais inventer", "Utilise le contexte", "Fournis tes sources", "Évite le jargon", "Sois concis", in the tu and
/// vous forms. Before, "Utilise", "Fournis", "Évite" and "Sois" were on no list, a negated rule ("Ne jamais inventer",
/// "N'invente jamais") was never read, and a two-word rule ("Sois concis.") was too short for the title test it borrowed;
/// so a French rules file whose rules opened that way was not a prompt. French UI text (button labels, "Ne plus
/// afficher"), log messages and error strings open with nouns, infinitives or "Vous devez", and stay quiet.
/// </summary>
public class FrenchPromptVerbTests
{
    private const string ProjectConfig = "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n";

    private static Task VerifyFileAsync(string path, string content, bool reported)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = "namespace Shop; public static class Empty { }" };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        test.AdditionalFiles.Add((path, content));
        if (reported)
        {
            test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithSpan(path, content, new TextSpan(0, content.IndexOf('\n'))).WithArguments(path));
        }

        return test.RunAsync();
    }

    // Each failed before the change (one known verb at most, the other rules unread).
    [Theory]
    [InlineData("- Réponds uniquement en JSON valide.\n- Ne jamais inventer d'informations.\n- Utilise uniquement le contexte fourni.\n")]
    [InlineData("- Utilisez un ton professionnel et courtois.\n- Fournissez une source pour chaque affirmation.\n- Évitez le jargon technique.\n")]
    [InlineData("## Règles\n- Sois concis.\n- Fournis trois exemples au maximum.\n")]
    [InlineData("1. N'invente jamais de chiffres.\n2. Cite toujours le document utilisé.\n")]
    [InlineData("- Ne réponds pas aux questions hors sujet.\n- Soyez bref et précis.\n")]
    [InlineData("- Évite les répétitions.\n- Utilise des listes à puces pour les étapes.\n")]
    public Task French_rules_files_are_prompts(string content) =>
        VerifyFileAsync("Prompts/regles.md", content, reported: true);

    // Already read before (persona, or two verbs that were on the list): the control.
    [Theory]
    [InlineData("Tu es un assistant de support pour Contoso.\nRéponds uniquement en français.\n")]
    [InlineData("- Résume le texte en trois phrases.\n- Traduis le résumé en anglais.\n")]
    public Task French_prompts_read_before_stay_prompts(string content) =>
        VerifyFileAsync("Prompts/assistant.md", content, reported: true);

    [Theory]
    [InlineData("Sois concis.")]
    [InlineData("Soyez concis.")]
    [InlineData("Utilise le contexte fourni.")]
    [InlineData("Utilisez un ton neutre.")]
    [InlineData("Fournis trois exemples.")]
    [InlineData("Fournissez des sources.")]
    [InlineData("Évite le jargon.")]
    [InlineData("Évitez les listes.")]
    [InlineData("Ne jamais inventer de sources.")]
    [InlineData("Ne pas inventer de chiffres.")]
    [InlineData("N'invente jamais rien.")]
    [InlineData("N\u2019utilise pas de markdown.")]
    [InlineData("Ne réponds jamais en anglais.")]
    [InlineData("Réponds uniquement en JSON.")]
    [InlineData("Résume le texte suivant.")]
    [InlineData("Traduis le texte en anglais.")]
    public void French_rule_sentences_open_with_an_instruction(string sentence) =>
        Assert.True(DataTemplate.IsOtherLanguageInstruction(sentence), sentence);

    // UI labels, log messages and error strings: nouns, infinitive labels, past participles, "Vous devez", a bare verb.
    [Theory]
    [InlineData("Utilisateur connecté.")]
    [InlineData("Utilisé par trois projets.")]
    [InlineData("Utiliser ce modèle")]
    [InlineData("Fournisseur introuvable.")]
    [InlineData("Évité.")]
    [InlineData("Ne plus afficher ce message.")]
    [InlineData("Ne pas déranger.")]
    [InlineData("Vous devez saisir une adresse e-mail valide.")]
    [InlineData("Utilise.")]
    [InlineData("Sois")]
    [InlineData("Impossible de contacter le serveur.")]
    public void French_ui_log_and_error_text_is_not_an_instruction(string sentence) =>
        Assert.False(DataTemplate.IsOtherLanguageInstruction(sentence), sentence);

    // What a Prompts folder also holds in French: UI strings, log messages, error strings.
    [Theory]
    [InlineData("- Envoyer\n- Annuler\n- Utiliser ce modèle\n- Ne plus afficher ce message\n")]
    [InlineData("- Utilisation du cache : 42 requêtes.\n- Éviction de l'entrée expirée.\n- Fournisseur OpenAI indisponible.\n")]
    [InlineData("- Impossible de contacter le serveur.\n- Vous devez saisir une adresse e-mail valide.\n- Le fichier est trop volumineux.\n")]
    public Task French_ui_log_and_error_files_stay_quiet(string content) =>
        VerifyFileAsync("Prompts/textes.md", content, reported: false);

    // A French title over data at a system slot: "Utilisez les informations suivantes ... :" instructs (was data before);
    // the label twin ("Informations utilisateur :") stays a label.
    [Fact]
    public Task A_french_instruction_titling_the_context_is_a_prompt_and_a_label_is_not() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Messages
            {
                public static ChatMessage Grounded(string context) =>
                    new(ChatRole.System, {|#0:$"Utilisez uniquement les informations suivantes pour répondre :\n{context}"|});

                public static ChatMessage Profile(string profile) =>
                    new(ChatRole.System, $"Informations utilisateur :\n{profile}");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Messages.Grounded"));

    // Half-typed: an unterminated French rule and a lone "N'" in a file; an interpolation left open in code. No crash.
    [Fact]
    public Task Half_typed_french_text_does_not_crash()
    {
        Assert.False(DataTemplate.IsOtherLanguageInstruction("N'"));
        Assert.False(DataTemplate.IsOtherLanguageInstruction("Ne"));
        Assert.False(DataTemplate.IsOtherLanguageInstruction("Ne jamais"));
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                namespace Shop;
                public static class Messages
                {
                    public static ChatMessage Grounded(string context) =>
                        new(ChatRole.System, $"Utilisez uniquement les informations suivantes :\n{context");
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        test.AdditionalFiles.Add(("Prompts/casse.md", "- N'\n- Ne jamais\n- Sois"));
        return test.RunAsync();
    }
}
