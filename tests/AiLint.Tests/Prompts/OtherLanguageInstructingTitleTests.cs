using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A single-turn template "&lt;instruction&gt;:\n\n{data}" in another language is judged as its English twin is:
/// "Summarize this chat conversation in detail:\n\n{conversa}" is the app's instruction (a title-shaped line of four
/// words or more that opens with an imperative), and so are "Faça um resumo detalhado desta conversa de chat:",
/// "Traduce el siguiente texto al inglés:", "请用三句话总结以下聊天记录：" and their French, German, Italian and Russian
/// twins (review86 repro-3, alanpedrosa/SignalRChat; failed before the fix, read as titles over the data). A label
/// over the data, in any of those languages, stays a title: "Resumo:", "Contexto do chamado:", "用户问题：".
/// </summary>
public class OtherLanguageInstructingTitleTests
{
    // review86 repro-3's real shape: raw HTTP to OpenRouter, the caller's template passed to the helper's parameter.
    [Fact]
    public Task Portuguese_spanish_and_chinese_instruction_titles_are_prompts_like_the_english_one() =>
        VerifyAsync(
            """
            using System.Net.Http;
            using System.Text;
            using System.Text.Json;
            using System.Threading.Tasks;
            namespace Repro;
            public class IaService
            {
                private readonly HttpClient _httpClient = new HttpClient();
                private readonly string baseUrl = "https://openrouter.ai/api";

                public async Task<string> ConsultarIa(string prompt)
                {
                    var payload = new
                    {
                        model = "deepseek/deepseek-chat-v3-0324",
                        messages = new[] { new { role = "user", content = prompt } }
                    };
                    var content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json");
                    var response = await _httpClient.PostAsync($"{baseUrl}/api/v1/chat/completions", content);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            public class IaController
            {
                private readonly IaService _iaService = new IaService();

                public Task<string> Resumo(string conversa)
                {
                    var prompt = {|#0:$"Faça um resumo detalhado desta conversa de chat:\n\n{conversa}"|};
                    return _iaService.ConsultarIa(prompt);
                }

                public Task<string> Traducir(string texto)
                {
                    var prompt = {|#1:$"Traduce el siguiente texto al inglés:\n\n{texto}"|};
                    return _iaService.ConsultarIa(prompt);
                }

                public Task<string> Summarize(string text)
                {
                    var prompt = {|#2:$"请用三句话总结以下聊天记录：\n\n{text}"|};
                    return _iaService.ConsultarIa(prompt);
                }

                public Task<string> Summary(string conversa)
                {
                    var prompt = {|#3:$"Summarize this chat conversation in detail:\n\n{conversa}"|};
                    return _iaService.ConsultarIa(prompt);
                }

                // Quiet: labels over the data, the user's own text.
                public Task<string> Rotulo(string conversa) => _iaService.ConsultarIa($"Resumo:\n\n{conversa}");
                public Task<string> Chamado(string texto) => _iaService.ConsultarIa($"Contexto do chamado:\n{texto}");
                public Task<string> Pergunta(string text) => _iaService.ConsultarIa($"用户问题：{text}");
                public Task<string> Comando(string comando) => _iaService.ConsultarIa(comando);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.IaController.Resumo"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Repro.IaController.Traducir"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Repro.IaController.Summarize"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Repro.IaController.Summary"));

    // The other languages, at Microsoft.Extensions.AI's single-turn slot: an instruction verb opening a line of four
    // words or more (French, German du/Sie, Italian, Russian; Chinese verb + object) is reported.
    [Fact]
    public Task French_german_italian_russian_and_chinese_instruction_titles_are_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Repro;
            public class Summaries(IChatClient client)
            {
                public Task<ChatResponse> Fr(string texte) => client.GetResponseAsync({|#0:$"Résume la conversation suivante en trois phrases:\n\n{texte}"|});
                public Task<ChatResponse> De(string text) => client.GetResponseAsync({|#1:$"Fasse die folgende Unterhaltung kurz zusammen:\n\n{text}"|});
                public Task<ChatResponse> DeSie(string text) => client.GetResponseAsync({|#2:$"Fassen Sie den folgenden Text zusammen:\n{text}"|});
                public Task<ChatResponse> It(string testo) => client.GetResponseAsync({|#3:$"Riassumi la seguente conversazione in tre frasi:\n\n{testo}"|});
                public Task<ChatResponse> Ru(string text) => client.GetResponseAsync({|#4:$"Переведи следующий текст на английский язык:\n\n{text}"|});
                public Task<ChatResponse> Zh(string text) => client.GetResponseAsync({|#5:$"总结以下内容：\n{text}"|});
                public Task<ChatResponse> PtPlease(string texto) => client.GetResponseAsync({|#6:$"Por favor, resuma o texto abaixo em tópicos:\n{texto}"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.Summaries.Fr"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Repro.Summaries.De"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Repro.Summaries.DeSie"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Repro.Summaries.It"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Repro.Summaries.Ru"),
            Diagnostic("AIL0301").WithLocation(5).WithArguments("Repro.Summaries.Zh"),
            Diagnostic("AIL0301").WithLocation(6).WithArguments("Repro.Summaries.PtPlease"));

    // Quiet label twins in each language: nouns and adjectives that head data ("Liste des ...", "Classifica dei ...",
    // "Краткое содержание ...", "Donne e uomini ..." women and men), a bare Chinese verb-noun ("总结：" a summary),
    // requests to the app's user ("请输入您的问题：", "请问...") and a request ("请求参数：").
    [Fact]
    public Task Labels_over_data_stay_quiet_in_every_language() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Repro;
            public class Labels(IChatClient client)
            {
                public Task<ChatResponse> Pt(string t) => client.GetResponseAsync($"Histórico da conversa do cliente:\n{t}");
                public Task<ChatResponse> Es(string t) => client.GetResponseAsync($"Descripción del problema del cliente:\n{t}");
                public Task<ChatResponse> Fr(string t) => client.GetResponseAsync($"Liste des produits disponibles:\n{t}");
                public Task<ChatResponse> De(string t) => client.GetResponseAsync($"Liste der offenen Bestellungen:\n{t}");
                public Task<ChatResponse> It(string t) => client.GetResponseAsync($"Classifica dei giocatori della settimana:\n{t}");
                public Task<ChatResponse> Ru(string t) => client.GetResponseAsync($"Краткое содержание разговора пользователя:\n{t}");
                public Task<ChatResponse> ZhSummary(string t) => client.GetResponseAsync($"总结：\n{t}");
                public Task<ChatResponse> ZhInput(string t) => client.GetResponseAsync($"请输入您的问题：{t}");
                public Task<ChatResponse> ZhRequest(string t) => client.GetResponseAsync($"请求参数说明如下：\n{t}");
                public Task<ChatResponse> EsShort(string t) => client.GetResponseAsync($"Resume:\n{t}");
                public Task<ChatResponse> ItWomen(string t) => client.GetResponseAsync($"Donne e uomini iscritti al corso:\n{t}");
                public Task<ChatResponse> ZhAsk(string t) => client.GetResponseAsync($"请问您的订单号是多少：{t}");
            }
            """);

    // Half-typed: an unknown client and an unfinished template. No crash, nothing reported on error types.
    [Fact]
    public Task Half_typed_other_language_template_reports_nothing()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode =
                """
                namespace Repro;
                public class Broken
                {
                    public void Run(UnknownClient client, string conversa)
                    {
                        client.GetResponseAsync($"Faça um resumo detalhado desta conversa de chat:\n\n{conversa}");
                        var p = $"请用三句话总结以下聊天记录：\n\n{conversa
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
