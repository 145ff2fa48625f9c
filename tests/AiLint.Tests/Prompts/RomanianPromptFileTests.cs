using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Text;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Prompt files that open with a Romanian persona (radu-md/AiRealEstatePoC,
/// <c>src/AiRealEstate.Core/Prompts/ExtractUserPreferencesPrompt.txt</c>: "Ești un asistent imobiliar ...", read by name
/// and sent as the system message) were not seen: the list of other-language "you are" openings had no Romanian. It now
/// reads "Ești"/"Eşti" (comma or cedilla below the s, or none: "Esti"), "Tu ești" and the polite "Sunteți"/"Sunteţi",
/// before an article ("un", "o") as the other Romance openings are; and the European Portuguese "Tu és".
/// </summary>
public class RomanianPromptFileTests
{
    private const string ProjectConfig = "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n";

    private static Task VerifyFileAsync(string path, string content, bool reported)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = "namespace Estate; public static class Empty { }" };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        test.AdditionalFiles.Add((path, content));
        if (reported)
        {
            test.ExpectedDiagnostics.Add(
                Diagnostic("AIL0301").WithSpan(path, content, new TextSpan(0, content.IndexOf('\n'))).WithArguments(path));
        }

        return test.RunAsync();
    }

    // The real file's first lines, verbatim: the persona, then the format; its rules' verbs ("Returnează") are on no list.
    private const string ExtractUserPreferences =
        "Ești un asistent imobiliar bazat pe inteligenta artificiala. Scopul tău este să extragi preferințele imobiliare ale utilizatorului și să le returnezi ca un obiect JSON.\n" +
        "\n" +
        "Returnează rezultatul ca un obiect JSON de forma:\n" +
        "{\n" +
        "  \"PropertyType\": \"...\",\n" +
        "  \"TransactionType\": \"...\",\n" +
        "  \"County\": \"...\",\n" +
        "  \"City\": \"...\",\n" +
        "  \"MaxPrice\": ...,\n" +
        "  \"TextFilter\": \"...\"\n" +
        "}\n" +
        "\n" +
        "🔹 Format de răspuns:\n" +
        "Returnează doar obiectul JSON, fără explicații, fără text suplimentar.\n" +
        "\n" +
        "Mesajul utilizatorului:\n" +
        "{{userMessage}}\n" +
        "\n" +
        "JSON:";

    [Fact]
    public Task The_real_apps_romanian_prompt_file_is_reported() =>
        VerifyFileAsync("Prompts/ExtractUserPreferencesPrompt.txt", ExtractUserPreferences, reported: true);

    [Fact]
    public void The_file_is_read_by_its_persona_and_not_by_the_english_test()
    {
        Assert.False(SingleTurnPrompt.Qualifies(ExtractUserPreferences));
        Assert.True(PromptFiles.InstructsInAnotherLanguage(ExtractUserPreferences));
    }

    [Theory]
    [InlineData("Ești o asistentă virtuală a magazinului Contoso.\nRăspunde scurt.\n")]
    [InlineData("Eşti un asistent virtual al magazinului Contoso.\nRăspunde scurt.\n")]
    [InlineData("Esti un asistent virtual al magazinului Contoso.\nRaspunde scurt.\n")]
    [InlineData("Tu ești un expert în contabilitate pentru firme mici.\nExplică termenii simplu.\n")]
    [InlineData("Sunteți un consilier fiscal cu experiență.\nExplicați termenii simplu.\n")]
    [InlineData("Sunteţi un consilier fiscal cu experienţă.\nExplicaţi termenii simplu.\n")]
    [InlineData("Tu és um assistente virtual da loja Contoso.\nSê breve e educado.\n")]
    public Task A_romanian_or_european_portuguese_persona_on_the_first_line_is_a_prompt(string content) =>
        VerifyFileAsync("Prompts/system.txt", content, reported: true);

    // Quiet twins: the same words open questions, notices and greetings.
    [Theory]
    [InlineData("Ești sigur că vrei să ștergi contul?\nAcțiunea nu poate fi anulată.\n")]
    [InlineData("Sunteți invitat la întâlnirea anuală a clienților.\nProgramul urmează.\n")]
    [InlineData("Ești aici: Pagina principală a magazinului.\nProdusele noi sunt mai jos.\n")]
    [InlineData("Sunteți un client nou? Iată răspunsurile la întrebările frecvente.\n- Cum îmi creez un cont?\n")]
    [InlineData("Ești un client fidel al magazinului Contoso!\nMulțumim.\n")]
    [InlineData("Tu és o nosso cliente número um!\nObrigado.\n")]
    public Task Romanian_questions_notices_and_greetings_are_not_personas(string content) =>
        VerifyFileAsync("Prompts/notice.txt", content, reported: false);

    [Theory]
    [InlineData("Ești")]
    [InlineData("Ești un")]
    [InlineData("Sunteți o")]
    [InlineData("Tu és")]
    public Task Cut_off_romanian_openings_do_not_crash_or_report(string content) =>
        VerifyFileAsync("Prompts/half.md", content, reported: false);
}
