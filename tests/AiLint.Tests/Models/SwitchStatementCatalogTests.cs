using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review90 FP-1 (ITBeesPL/ITBees.ChatGpt, ChatGptModelExtensions.cs / ChatGptConnector.cs, reduced): the project's model
/// enum mapped to API ids by a switch STATEMENT (<c>case ChatGptModel.Gpt4: return "gpt-4";</c>) in a helper whose result
/// is a raw body's <c>model</c>. The enum value is the caller's parameter, so the mapping is a catalog of what the caller
/// may pick, as the same mapping written as a switch expression is (ModelNameArms): only the default's id, which the
/// code picks itself, is reported. The twins: the expression form (the same answer), an <c>if</c> chain, a member the
/// code picks itself (reported), half-typed helpers.
/// </summary>
public class SwitchStatementCatalogTests
{
    private const string Usings = """
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;

        public enum ChatGptModel { Gpt4, Gpt4o, Gpt4oMini, Gpt5 }

        """;

    // The connector of ITBees.ChatGpt: the helper's result is the body's model, posted to OpenAI.
    private const string Connector = """
        public class ChatGptConnector(HttpClient httpClient)
        {
            public async Task<string> AskChatGptAsync(string question, ChatGptModel model = ChatGptModel.Gpt4oMini)
            {
                var requestData = new
                {
                    model = {|#0:model.ToApiString()|},
                    messages = new[] { new { role = "user", content = question } }
                };
                var content = new StringContent(JsonSerializer.Serialize(requestData), Encoding.UTF8, "application/json");
                var response = await httpClient.PostAsync("https://api.openai.com/v1/chat/completions", content);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    private static Task VerifyRawAsync(string code, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(Usings + code, Array.Empty<(string, string)>(), expected);

    // Before: AIL0503 'gpt-4' (the first return only). The default's 'gpt-4o-mini' is the code's own pick.
    [Fact]
    public Task A_switch_statement_catalog_of_the_project_enum_reports_only_its_default() =>
        VerifyRawAsync("""
            public static class ChatGptModelExtensions
            {
                public static string ToApiString(this ChatGptModel model)
                {
                    switch (model)
                    {
                        case ChatGptModel.Gpt4: return "gpt-4";
                        case ChatGptModel.Gpt4o: return "gpt-4o";
                        case ChatGptModel.Gpt4oMini: return "gpt-4o-mini";
                        case ChatGptModel.Gpt5: return "gpt-5";
                        default: return "gpt-4o-mini"; // default safe choice
                    }
                }
            }
            """ + Connector,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    // The control of repro-1: the same catalog as a switch expression gives the same answer.
    [Fact]
    public Task The_same_catalog_as_a_switch_expression_gives_the_same_answer() =>
        VerifyRawAsync("""
            public static class ChatGptModelExtensions
            {
                public static string ToApiString(this ChatGptModel model) => model switch
                {
                    ChatGptModel.Gpt4 => "gpt-4",
                    ChatGptModel.Gpt4o => "gpt-4o",
                    ChatGptModel.Gpt4oMini => "gpt-4o-mini",
                    ChatGptModel.Gpt5 => "gpt-5",
                    _ => "gpt-4o-mini",
                };
            }
            """ + Connector,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    // The same catalog as an if chain (`if (model == X) return "x";`, `is` too), with braces; the last return is the default.
    [Fact]
    public Task An_if_chain_catalog_reports_only_its_fallback() =>
        VerifyRawAsync("""
            public static class ChatGptModelExtensions
            {
                public static string ToApiString(this ChatGptModel model)
                {
                    if (model == ChatGptModel.Gpt4) return "gpt-4";
                    if (ChatGptModel.Gpt4o == model) { return "gpt-4o"; }
                    else if (model is ChatGptModel.Gpt5) return "gpt-5";
                    return "gpt-4o-mini";
                }
            }
            """ + Connector,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    // Sections that are no catalog entry stay checked: a section that shares the default, a case whose id is not its
    // member's model (a tier), a section guarded by `when`, several cases naming no model.
    [Fact]
    public Task Sections_that_are_no_catalog_entry_stay_checked() =>
        VerifyRawAsync("""
            public static class ChatGptModelExtensions
            {
                public static string ToApiString(this ChatGptModel model)
                {
                    switch (model)
                    {
                        case ChatGptModel.Gpt4o: return "gpt-4";
                        case ChatGptModel.Gpt5 when System.DateTime.Now.Year > 2000: return "gpt-5";
                        case ChatGptModel.Gpt4:
                        default: return "gpt-3.5-turbo";
                    }
                }
            }
            """ + Connector,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-5", "2026-12-11", ""),
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // The member picked by the code itself decides the switch: that section's id is what the request gets.
    [Fact]
    public Task A_member_the_code_picks_itself_is_reported() =>
        VerifyRawAsync("""
            public static class ChatGptModelExtensions
            {
                public static string ToApiString(this ChatGptModel model)
                {
                    switch (model)
                    {
                        case ChatGptModel.Gpt4: return "gpt-4";
                        case ChatGptModel.Gpt4oMini: return "gpt-4o-mini";
                        default: return "gpt-4o-mini";
                    }
                }

                public static string Pick(ChatGptModel model)
                {
                    if (model == ChatGptModel.Gpt4) return "gpt-4";
                    return "gpt-4o-mini";
                }
            }

            public class Pinned(HttpClient httpClient)
            {
                public Task<HttpResponseMessage> A() =>
                    httpClient.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent(JsonSerializer.Serialize(new { model = {|#0:ChatGptModel.Gpt4.ToApiString()|} })));

                public Task<HttpResponseMessage> B() =>
                    httpClient.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent(JsonSerializer.Serialize(new { model = {|#1:ChatGptModelExtensions.Pick(ChatGptModel.Gpt4)|} })));
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""));

    // At an SDK slot the statement catalog is read the same way.
    [Fact]
    public Task A_switch_statement_catalog_at_an_SDK_slot_reports_only_its_default() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            public enum ChatModel { Gpt35Turbo, Gpt4, Gpt4o }
            public static class ChatModelNames
            {
                public static string ToApiName(this ChatModel model)
                {
                    switch (model)
                    {
                        case ChatModel.Gpt35Turbo: return "gpt-3.5-turbo";
                        case ChatModel.Gpt4: return "gpt-4";
                        case ChatModel.Gpt4o:
                        {
                            return "gpt-5.2-2025-12-11";
                        }
                        default:
                            throw new System.ArgumentOutOfRangeException(nameof(model));
                    }
                }
            }
            public class Settings { public ChatModel Model { get; set; } = ChatModel.Gpt4o; }
            class Picker(OpenAIClient client, Settings settings)
            {
                ChatClient FromSettings() => client.GetChatClient(settings.Model.ToApiName());
            }
            """);

    // Half-typed helpers: an unknown enum member, a return without a value, a switch on an unresolved name, a call to a
    // helper that does not exist. No crash; only the constant the broken code still returns on its own path is reported.
    [Fact]
    public Task Half_typed_catalogs_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            References = AiLint.Tests.Verifiers.ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestCode = Usings + """
                public static class ChatGptModelExtensions
                {
                    public static string ToApiString(this ChatGptModel model)
                    {
                        switch (model)
                        {
                            case ChatGptModel.Gpt4: return "gpt-4";
                            case ChatGptModel.Missing: return "gpt-4o";
                            case : return
                            default: return "gpt-4o-mini";
                        }
                    }

                    public static string Broken(this ChatGptModel model)
                    {
                        switch (modle)
                        {
                            case ChatGptModel.Gpt4: return "gpt-4";
                        }
                        if (model == ) return "gpt-4";
                        return "gpt-4o-mini";
                    }
                }

                public class ChatGptConnector(HttpClient httpClient)
                {
                    public Task<HttpResponseMessage> A(ChatGptModel model) =>
                        httpClient.PostAsync("https://api.openai.com/v1/chat/completions",
                            new StringContent(JsonSerializer.Serialize(new { model = model.ToApiStrin() })));

                    public Task<HttpResponseMessage> B(ChatGptModel model) =>
                        httpClient.PostAsync("https://api.openai.com/v1/chat/completions",
                            new StringContent(JsonSerializer.Serialize(new { model = {|#0:model.Broken()|} })));
                }
                """,
        };
        // Broken's `if` compares the parameter with nothing: no catalog entry, so its 'gpt-4' is read as any helper's
        // return is (once at the call, whatever the switch before it gives), and so is the fallback after it.
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));
        return test.RunAsync();
    }
}
