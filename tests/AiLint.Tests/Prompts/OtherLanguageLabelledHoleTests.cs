using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A template in another language is a prompt unless its lines only title their data, and a line titles data when
/// it is a label ending with ':'. Apps write one-line system templates that give their instructions and then label
/// the data (<c>$"Você é um especialista ... Responda SOMENTE com JSON. Reclamação: {text}"</c>, review29 M1): the
/// line ends with a label but is sentences first, so it does not only title its data. A real one-line label, and a
/// run of labelled values (<c>$"Cliente: {c}. Reclamação: {text}"</c>), still only title.
/// </summary>
public class OtherLanguageLabelledHoleTests
{
    // review29 M1: Portuguese and Spanish instructions ending with a labelled hole, and an Italian twin with '!'.
    [Fact]
    public Task Instruction_sentences_before_a_labelled_hole_are_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Chat;
            public static class Extraction
            {
                public static void Portuguese(ChatHistory history, string text) =>
                    history.AddSystemMessage({|#0:$"Você é um especialista em extrair informações de reclamações financeiras. Responda SOMENTE com JSON. Reclamação: {text}"|});
                public static void Spanish(ChatHistory history, string text) =>
                    history.AddSystemMessage({|#1:$"Eres un experto en reclamaciones financieras. Responde solo con JSON. Reclamación: {text}"|});
                public static void Italian(ChatHistory history, string text) =>
                    history.AddSystemMessage({|#2:$"Sei un esperto di reclami! Rispondi solo con JSON! Reclamo: {text}"|});
                public static void OwnLine(ChatHistory history, string text) =>
                    history.AddSystemMessage({|#3:$"Você é um especialista em extrair informações de reclamações financeiras. Responda SOMENTE com JSON.\nReclamação: {text}"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Extraction.Portuguese"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Extraction.Spanish"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Extraction.Italian"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Chat.Extraction.OwnLine"));

    // The negatives beside them: a one-line label, labelled values one after another on a line (a sentence end
    // between them is not a sentence of prose), a number before the label, labels on their own lines, and a named
    // format of labelled values. None instructs.
    [Fact]
    public Task Labels_and_runs_of_labelled_values_still_only_title_their_data() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Chat;
            public static class Formats
            {
                public const string Complaint = "Cliente: {0}. Reclamação: {1}";
            }
            public static class Extraction
            {
                public static void Label(ChatHistory history, string text) => history.AddSystemMessage($"Reclamação: {text}");
                public static void English(ChatHistory history, string name) => history.AddSystemMessage($"Customer: {name}");
                public static void Values(ChatHistory history, string cliente, string text) => history.AddSystemMessage($"Cliente: {cliente}. Reclamação: {text}");
                public static void Asked(ChatHistory history, string cliente, string text) => history.AddSystemMessage($"Cliente: {cliente}? Reclamación: {text}");
                public static void Numbered(ChatHistory history, int n, string text) => history.AddSystemMessage($"{n}. Reclamação: {text}");
                public static void Lines(ChatHistory history, string cliente, string text) => history.AddSystemMessage($"Cliente: {cliente}\nReclamação: {text}");
                public static ChatMessage Named(string cliente, string text) => new ChatMessage(ChatRole.System, string.Format(Formats.Complaint, cliente, text));
            }
            """);

    // The same label test in English: a short imperative before a labelled hole is no longer hidden by the label
    // (a title line's sentences count only from four words), while a courtesy word before the label instructs nothing.
    [Fact]
    public Task An_english_imperative_before_a_labelled_hole_is_a_prompt_and_a_courtesy_is_not() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Lines
            {
                public static ChatMessage Brief(string q) => new ChatMessage(ChatRole.System, {|#0:$"Answer briefly. Question: {q}"|});
                public static ChatMessage Thanks(string q) => new ChatMessage(ChatRole.System, $"Thanks. Question: {q}");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Lines.Brief"));

    [Fact]
    public async Task Half_typed_labelled_templates_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.SemanticKernel.ChatCompletion;
                namespace Chat;
                public static class Extraction
                {
                    public static void A(ChatHistory history, string text) => history.AddSystemMessage($"Responda SOMENTE com JSON. Reclamação: {text");
                    public static void B(ChatHistory history, string text) => history.AddSystemMessage($"Responda SOMENTE com JSON. Reclamação: {}");
                    public static void C(ChatHistory history, string text) => history.AddSystemMessage($"Reclamação: {text}. Responda
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
