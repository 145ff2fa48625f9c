using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Text;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0303 on a Semantic Kernel travel-planner template: the items of the answer's format example under "... in the
/// following format:" (<c>- Attraction name: [name]</c>, a label whose value is a placeholder) are not instructions, nor
/// is the user's situation told in the first person ("I am traveling to {{$city}} and staying only 24 hours."), picked
/// up only by its "only". Items that instruct and first-person sentences that ask for something stay instructions.
/// </summary>
public class FormatExampleAndSituationLineTests
{
    private const string ProjectConfig = "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n";

    private const string NoCode = "namespace Trips; public static class Empty { }";

    private const string Path = "Plugins/Travel/plan_evening/skprompt.txt";

    private static Task VerifyFileAsync(string content, string[] rules, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = NoCode };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        var cases = new List<string>();
        for (var i = 0; i < rules.Length; i++)
        {
            cases.Add(Case(Path, "c" + i, rule: rules[i]));
        }

        test.AdditionalFiles.Add((Path, content));
        test.AdditionalFiles.Add(("evals/plan_evening.evals.jsonl", string.Join("\n", cases)));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Uncovered(string content, string text, string quoted)
    {
        var start = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, "test error: the file does not contain " + text);
        return Diagnostic("AIL0303").WithSpan(Path, content, new TextSpan(start, text.Length)).WithArguments(quoted, Path);
    }

    private const string Planner =
        "I am visiting {{$city}} and staying only one evening.\n" +
        "I'm not a fan of crowds.\n" +
        "My budget is only 40 euros.\n" +
        "I have only three hours after dinner.\n" +
        "Suggest two places for me to go.\n" +
        "\n" +
        "The places should be listed in the following format:\n" +
        "\n" +
        "- Place name: [name]\n" +
        "- Why it is worth the trip tonight: [one sentence reason]\n" +
        "- Opening hours: <hours>\n" +
        "\n" +
        "Your whole answer should be under 150 words.\n";

    [Fact]
    public Task Labelled_placeholders_of_the_format_and_the_users_situation_are_not_instructions() =>
        VerifyFileAsync(Planner, new[] { "in the following format", "under 150 words" });

    // Twins: labelled items that instruct (a keyword, an opening imperative, words beside the placeholder) stay
    // instructions, as does a first-person sentence that asks for something or addresses the model.
    private const string Strict =
        "I am visiting {{$city}} tonight.\n" +
        "I only want places I can walk to.\n" +
        "I need you to only list free places.\n" +
        "I am new here, so only use street names I can find on a map.\n" +
        "I'm only interested in jazz bars.\n" +
        "I am an assistant that only recommends open venues.\n" +
        "I am only allowed to suggest venues in the centre.\n" +
        "My tone is always friendly.\n" +
        "\n" +
        "The places should be listed in the following format:\n" +
        "\n" +
        "- Place name: [name]\n" +
        "- Price: never more than [budget]\n" +
        "- Explain the choice: [one sentence]\n" +
        "- Address: [street] in bold\n" +
        "- [one line]\n";

    [Fact]
    public Task Items_and_first_person_sentences_that_instruct_stay_instructions() =>
        VerifyFileAsync(
            Strict,
            new[] { "in the following format" },
            Uncovered(Strict, "I only want places I can walk to.", "I only want places I can walk to."),
            Uncovered(Strict, "I need you to only list free places.", "I need you to only list free places."),
            Uncovered(Strict, "I am new here, so only use street names I can find on a map.", "I am new here, so only use street names I can find on a map."),
            Uncovered(Strict, "I'm only interested in jazz bars.", "I'm only interested in jazz bars."),
            Uncovered(Strict, "I am an assistant that only recommends open venues.", "I am an assistant that only recommends open venues."),
            Uncovered(Strict, "I am only allowed to suggest venues in the centre.", "I am only allowed to suggest venues in the centre."),
            Uncovered(Strict, "My tone is always friendly.", "My tone is always friendly."),
            Uncovered(Strict, "Price: never more than [budget]", "Price: never more than [budget]"),
            Uncovered(Strict, "Explain the choice: [one sentence]", "Explain the choice: [one sentence]"),
            Uncovered(Strict, "Address: [street] in bold", "Address: [street] in bold"));

    // Half-typed: a placeholder not closed yet, a label with nothing after it, an opening "I am" cut short.
    private const string HalfTyped =
        "I am only\n" +
        "The places should be listed in the following format:\n" +
        "- Place name: [name\n" +
        "- Opening hours: <\n" +
        "- : []\n";

    [Fact]
    public Task Half_typed_placeholders_do_not_crash_and_stay_reported() =>
        VerifyFileAsync(
            HalfTyped,
            new[] { "in the following format" },
            Uncovered(HalfTyped, "Place name: [name", "Place name: [name"),
            Uncovered(HalfTyped, "Opening hours: <", "Opening hours: <"),
            Uncovered(HalfTyped, ": []", ": []"));
}
