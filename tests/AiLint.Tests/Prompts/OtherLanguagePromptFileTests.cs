using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Text;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Prompt files written in another language (review87 Repo 7, PiFou86/chatrealtime): <c>Prompts/Yoda.md</c>, "Tu
/// incarnes **Yoda** ... Tu es un maître de la Force ...", selected at run time by configuration, was not reported while
/// the same French text as a C# constant at a system slot is. A file in a Prompts folder (or a copied file read by name)
/// now also instructs when it opens with a persona in another language or lists rules that open with an instruction
/// verb of the template test's other-language list. Data kept there in those languages (a product description, an FAQ,
/// example questions, a README) stays quiet.
/// </summary>
public class OtherLanguagePromptFileTests
{
    private const string ProjectConfig = "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n";

    private const string NoCode = "namespace Shop; public static class Empty { }";

    private static Task VerifyFileAsync(string path, string content, bool reported)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = NoCode };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        test.AdditionalFiles.Add((path, content));
        if (reported)
        {
            test.ExpectedDiagnostics.Add(OnFirstLine(path, content));
        }

        return test.RunAsync();
    }

    /// <summary>AIL0301 on the file's first line (where the prompt text starts in these files), computed here from the text.</summary>
    private static DiagnosticResult OnFirstLine(string path, string content) =>
        Diagnostic("AIL0301").WithSpan(path, content, new TextSpan(0, content.IndexOf('\n'))).WithArguments(path);

    // Reduced from the review's Prompts/Yoda.md: a heading, the persona paragraph ("Tu incarnes", then "Tu es un"),
    // French rules whose verbs ("Parle", "Ne jamais") are on no list. No English word that the English test reads.
    private const string Yoda =
        "# Yoda – Realtime GPT System Prompt\n" +
        "\n" +
        "Tu incarnes **Yoda**, le Grand Maître Jedi légendaire de la saga *Star Wars*.  \n" +
        "Tu es un maître de la Force, sage vieux de 900 ans, mentor de générations de Jedi.\n" +
        "\n" +
        "---\n" +
        "\n" +
        "## 🎙️ Interprétation vocale\n" +
        "\n" +
        "- Parle principalement en **français naturel**, avec une prononciation francophone nette.\n" +
        "- Ne jamais encourager la violence réelle ou la colère.\n";

    [Fact]
    public Task The_reviews_french_persona_file_in_a_prompts_folder_is_reported() =>
        VerifyFileAsync("Prompts/Yoda.md", Yoda, reported: true);

    [Fact]
    public void The_english_test_alone_does_not_read_the_reviews_file()
    {
        // What made it a miss: neither "You are" nor must/never/always/only/should/don't.
        Assert.False(SingleTurnPrompt.Qualifies(Yoda));
        Assert.True(PromptFiles.InstructsInAnotherLanguage(Yoda));
    }

    [Theory]
    [InlineData("Tu es Marvin, le robot paranoïde androïde du *Guide du voyageur galactique*.\nParle lentement et avec lassitude.\n")]
    [InlineData("Vous êtes l'assistant du service client de Contoso.\nVous répondez en deux phrases.\n")]
    [InlineData("Eres un asistente de atención al cliente de Contoso.\nContesta con amabilidad.\n")]
    [InlineData("Você é um assistente virtual da loja Contoso.\nSeja breve e educado.\n")]
    [InlineData("Du bist ein hilfreicher Assistent für die Kunden von Contoso.\nAntworte freundlich.\n")]
    [InlineData("Sie sind ein erfahrener Steuerberater.\nErklären Sie Begriffe einfach.\n")]
    [InlineData("Sei un assistente esperto di biciclette.\nRispondi in italiano.\n")]
    [InlineData("Ты — опытный юрист, который помогает клиентам.\nОтвечай кратко.\n")]
    [InlineData("你是一个专业的翻译助手。\n把用户的话翻译成英文。\n")]
    public Task A_persona_in_another_language_on_the_first_line_is_a_prompt(string content) =>
        VerifyFileAsync("Prompts/system.txt", content, reported: true);

    [Fact]
    public Task Rules_that_open_with_an_instruction_verb_are_a_prompt_without_a_persona() =>
        VerifyFileAsync(
            "Prompts/extraer.md",
            "## Reglas\n- Analiza el texto del usuario y extrae las entidades.\n- Responde únicamente con un objeto JSON válido.\n",
            reported: true);

    [Fact]
    public Task German_rules_are_read_with_the_same_list() =>
        VerifyFileAsync(
            "prompts/zusammenfassung.txt",
            "Aufgabe\n1. Fasse den folgenden Text in drei Sätzen zusammen.\n2. Antworte auf Deutsch und ohne Einleitung.\n",
            reported: true);

    // --- quiet: what a Prompts folder also holds in those languages ---------------------------------------------------

    [Fact]
    public Task A_french_readme_in_the_prompts_folder_is_documentation() =>
        VerifyFileAsync(
            "Prompts/README.md",
            "# Prompts Système\n\nTu es le bienvenu !\nVous êtes un développeur ? Modifiez `SystemPromptFile`.\n- Créez un nouveau fichier `.md` dans ce dossier.\n- Décrivez brièvement la personnalité et le style vocal.\n",
            reported: false);

    [Fact]
    public Task A_product_description_in_french_is_data() =>
        VerifyFileAsync(
            "Prompts/produit.md",
            "# Vélo Contoso Route 200\n\nLe Contoso Route 200 est un vélo de route léger en carbone.\n- Cadre en carbone de 8 kg.\n- Garantie de deux ans sur toutes les pièces.\n",
            reported: false);

    [Fact]
    public Task An_faq_that_asks_the_reader_whether_they_are_a_customer_is_data() =>
        VerifyFileAsync(
            "Prompts/faq.md",
            "Vous êtes un nouveau client ? Voici les réponses aux questions fréquentes.\n- Comment créer un compte ?\n- Où trouver ma facture ?\nLa facture est envoyée par courriel.\n",
            reported: false);

    [Fact]
    public Task Example_user_questions_and_requests_one_per_line_are_not_rules() =>
        VerifyFileAsync(
            "Prompts/ejemplos.txt",
            "¿Cuál es la capital de Francia?\n¿Qué tiempo hace hoy en Madrid?\nEscribe un poema sobre el mar.\nResume este artículo en tres frases.\n",
            reported: false);

    [Fact]
    public Task Listed_example_requests_no_more_than_the_listed_questions_are_not_rules() =>
        VerifyFileAsync(
            "Prompts/ejemplos.md",
            "## Ejemplos\n- ¿Cuál es la capital de Francia?\n- ¿Qué tiempo hace hoy en Madrid?\n- Escribe un poema sobre el mar.\n- Resume este artículo en tres frases.\n",
            reported: false);

    [Theory]
    [InlineData("Vous êtes invité à la réunion annuelle des clients.\nLe programme suit.\n")]
    [InlineData("Sie sind hier auf der Startseite von Contoso.\nUnsere Räder sind leicht.\n")]
    [InlineData("Sei mesi di garanzia su tutti i prodotti.\nSpedizione gratuita in Italia.\n")]
    [InlineData("Вы можете оплатить заказ картой.\nДоставка бесплатная.\n")]
    [InlineData("你是否需要发票？\n我们提供电子发票。\n")]
    [InlineData("Bienvenue chez Contoso.\nTu es un client fidèle : merci !\n")]
    [InlineData("Vous êtes le bienvenu chez Contoso !\nComment puis-je vous aider ?\n")]
    public Task Openings_that_greet_notify_or_ask_are_not_personas(string content) =>
        VerifyFileAsync("Prompts/notice.txt", content, reported: false);

    [Fact]
    public Task English_lines_with_a_verb_the_spanish_list_shares_are_left_to_the_english_test() =>
        // "describe" is a Spanish imperative too; an English file that instructs without a persona or keyword is not seen.
        VerifyFileAsync(
            "Prompts/product-notes.md",
            "## Notes\n- Describe the bike frame material and weight.\n- Describe the warranty terms for each part.\n",
            reported: false);

    [Theory]
    [InlineData("Tu es")]
    [InlineData("你是")]
    [InlineData("Ты —")]
    [InlineData("- \n- ")]
    [InlineData("---\ntitle: persona\n")]
    [InlineData("Tu es l'")]
    public Task Cut_off_text_does_not_crash_or_report(string content) =>
        VerifyFileAsync("Prompts/half.md", content, reported: false);
}
