using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review75 FP-2 (SalesWorkflow CatalogExecutor, a Microsoft Agent Framework workflow executor): per-run templates made
/// only of labels over data, in Portuguese, with the holes quoted (<c>Intenção: '{intent}'</c>) or a line of labelled
/// values (<c>Produto visualizado: '{name}' (SKU: {sku}, Preço: R$ {price:N2})</c>), were reported as prompts while
/// the same lines without quotes, or in English, were not. The quotes around a hole belong to the data, and a line of
/// short labels each followed by its value titles its data in any language. Instructions written with the same
/// quoted holes stay prompts.
/// </summary>
public class QuotedLabelledHoleTests
{
    // The real templates (CatalogExecutor.cs lines 70 and 300) and the reduced variant B, sent with AIAgent.RunAsync;
    // the same labels at a system slot are not a prompt either.
    [Fact]
    public Task Label_only_templates_with_quoted_holes_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Linq;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace SalesWorkflow.Executors;
            public sealed class IntentResult
            {
                public string Intent { get; set; } = "";
                public string Summary { get; set; } = "";
                public string ExtractedProductQuery { get; set; } = "";
                public object? Filters { get; set; }
            }
            public sealed record Product(string Sku, string Name, decimal Price);
            public sealed class CatalogStep(AIAgent catalogAgent, AIAgent decisionAgent)
            {
                public async Task<string> HandleAsync(IntentResult intentResult, CancellationToken cancellationToken)
                {
                    var prompt = $@"Intenção: '{intentResult.Intent}'
            Contexto do cliente: '{intentResult.Summary}'
            Termo de busca: '{intentResult.ExtractedProductQuery}'
            Filtros: {JsonSerializer.Serialize(intentResult.Filters ?? new object())}";
                    var response = await catalogAgent.RunAsync(prompt, cancellationToken: cancellationToken);
                    return response.Text;
                }

                public async Task<string> ReEvaluateAsync(Product targetProduct, Product[] products, string customerAnswer, CancellationToken cancellationToken)
                {
                    var reevalPrompt = $@"Produto visualizado: '{targetProduct.Name}' (SKU: {targetProduct.Sku}, Preço: R$ {targetProduct.Price:N2})
            Produtos disponíveis: {JsonSerializer.Serialize(products.Select(p => new { p.Sku, p.Name, p.Price }))}

            Resposta do cliente:
            '{customerAnswer}'";
                    var reevalResponse = await decisionAgent.RunAsync(reevalPrompt, cancellationToken: cancellationToken);
                    return reevalResponse.Text;
                }

                public async Task<string> TwoLinesAsync(string intent, string summary) =>
                    (await catalogAgent.RunAsync($"Intenção: '{intent}'\nContexto do cliente: '{summary}'")).Text;

                public async Task<string> DoubleQuotedAsync(string intent, string summary) =>
                    (await catalogAgent.RunAsync($"Intenção: \"{intent}\"\nContexto do cliente: \u201C{summary}\u201D")).Text;

                public static ChatMessage System(string intent, string summary) =>
                    new ChatMessage(ChatRole.System, $"Intenção: '{intent}'\nContexto do cliente: '{summary}'");
            }
            """);

    // The twins real apps write near them: an instruction with a quoted hole followed by rules (Portuguese and
    // English), labels under an instruction line, an instruction inside a labelled line, and a sentence before a
    // quoted labelled hole. All stay prompts.
    [Fact]
    public Task Instructions_written_with_quoted_holes_are_still_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Sales;
            public sealed class Steps(AIAgent agent)
            {
                public async Task<string> ResumoAsync(string text) =>
                    (await agent.RunAsync({|#0:$"Gere um resumo do texto: '{text}'\nUse no máximo três frases.\nNão invente informações."|})).Text;

                public async Task<string> SummaryAsync(string text) =>
                    (await agent.RunAsync({|#1:$"Summarize the text: '{text}'\nUse at most three sentences. Never invent facts."|})).Text;

                public async Task<string> CatalogAsync(string intent, string summary) =>
                    (await agent.RunAsync({|#2:$"Escolha os produtos do catálogo que atendem ao cliente.\nIntenção: '{intent}'\nContexto do cliente: '{summary}'"|})).Text;

                public async Task<string> InlineAsync(string intent, string summary) =>
                    (await agent.RunAsync({|#3:$"Intenção: '{intent}' (responda somente com JSON)\nContexto do cliente: '{summary}'"|})).Text;

                public static ChatMessage Complaint(string text, string cliente) =>
                    new ChatMessage(ChatRole.System, {|#4:$"Responda SOMENTE com JSON. Reclamação: '{text}'\nCliente: '{cliente}'"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Sales.Steps.ResumoAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Sales.Steps.SummaryAsync"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Sales.Steps.CatalogAsync"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Sales.Steps.InlineAsync"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Sales.Steps.Complaint"));

    // The same reading without a word list: a Spanish line of values separated by '|' with a currency code against
    // its symbol, and German labels over holes in „...“ quotes, at a system slot, are data. A word in a value ("en
    // español") and a "label" of more than five words after a value keep the line an instruction.
    [Fact]
    public Task Lines_of_labelled_values_in_other_languages_are_data_and_a_word_in_a_value_is_not() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Turns
            {
                public static ChatMessage Spanish(string c, string cat, decimal p) =>
                    new ChatMessage(ChatRole.System, $"Cliente: {c} | Categoría: {cat} | Precio: US$ {p:N2}\nÚltima compra: «{cat}»");
                public static ChatMessage German(string name, string text) =>
                    new ChatMessage(ChatRole.System, $"Kunde: „{name}“\nZusammenfassung der Anfrage: „{text}“");
                public static ChatMessage WordInValue(string c, string cat) =>
                    new ChatMessage(ChatRole.System, {|#0:$"Cliente: {c} | Categoría: {cat} — responda en español\nÚltima compra: '{cat}'"|});
                public static ChatMessage LongLabel(string c, string text) =>
                    new ChatMessage(ChatRole.System, {|#1:$"Cliente: '{c}' (responda sempre em português e com cortesia: '{text}')\nÚltima compra: '{c}'"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Turns.WordInValue"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Shop.Turns.LongLabel"));

    // review74 repro-3, formerly the documented limit: one Portuguese line that instructs and ends with ':' before its
    // data read as a label over data. review86 repro-3 decided it: an instruction verb of the language's list ("Gere")
    // opening a line of four words or more is read as the English imperative is (OtherLanguageInstructingTitleTests),
    // so both twins are reported; the page's limit now names only verbs and languages outside the list.
    [Fact]
    public Task One_instructing_line_ending_with_a_colon_is_read_by_its_opening_verb_in_portuguese_too() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            namespace Newsletter;
            public sealed class Titles(AIAgent agent)
            {
                public Task<AgentResponse<string>> PortugueseAsync(string json) =>
                    agent.RunAsync<string>({|#1:$"Gere um título para a newsletter semanal com base neste JSON: {json}"|});
                public Task<AgentResponse<string>> EnglishAsync(string json) =>
                    agent.RunAsync<string>({|#0:$"Generate a title for the weekly newsletter based on this JSON: {json}"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Newsletter.Titles.EnglishAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Newsletter.Titles.PortugueseAsync"));

    [Fact]
    public async Task Half_typed_quoted_labels_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.Agents.AI;
                namespace Sales;
                public sealed class Steps(AIAgent agent)
                {
                    public Task<AgentResponse> A(string intent) => agent.RunAsync($"Intenção: '{intent");
                    public Task<AgentResponse> B(string intent) => agent.RunAsync($"Intenção: '{}'\nContexto do cliente: '");
                    public Task<AgentResponse> C(decimal price) => agent.RunAsync($"Preço: R$ {price:N2");
                    public Task<AgentResponse> D(Missing m) => agent.RunAsync($"Intenção: '{m.Intent}'\nContexto do cliente: '{m.Summary}'");
                    public Task<AgentResponse> E(string sku) => agent.RunAsync($"Produto: '' (SKU: {sku}, Preço: R$
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
