using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Models;

/// <summary>
/// A project helper that returns entries of a community SDK's model catalog, read like one that returns string
/// literals: each retired or floating entry it can return is reported at the call. The shape of
/// shahshyam/ChatGPTAssistant (AssistantForWord/OpenAIClient.cs): <c>new ChatRequest { Model = GetModel(config.ModelName) }</c>
/// with <c>GetModel</c> mapping a setting's name to OpenAI_API's <c>Model.ChatGPTTurbo</c>, <c>Model.GPT4</c>,
/// <c>Model.DavinciText</c>... in a switch statement over a local (<c>case "GPT4": model = Model.GPT4; break;</c>, then
/// <c>return model;</c>), and the expression forms (a switch expression, <c>?:</c>). Compiled against OpenAI_API 1.11.
/// </summary>
public class CatalogHelperReturnTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using OpenAI_API;
        using OpenAI_API.Chat;
        using OpenAI_API.Models;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        VerifyAsync(OlderSdkReferences.OpenAIApi, code, expected);

    private static Task VerifyAsync(ImmutableArray<MetadataReference> references, string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { References = references, TestCode = Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Retired(int location, string id) =>
        ModelTestHelpers.Diagnostic("AIL0503").WithLocation(location).WithArguments(id, RetiredOn(id), "");

    private static string RetiredOn(string id) => id switch
    {
        "gpt-4" or "gpt-3.5-turbo" => "2026-10-23",
        "gpt-4-32k" => "2025-06-06",
        _ => "2024-01-04",
    };

    // Before: nothing at #0 and #1 (the helpers return Model, not string); the controls at #2 and #3 were reported.
    [Fact]
    public Task Switch_expression_and_conditional_helpers_returning_catalog_entries_are_read() =>
        VerifyAsync("""
            class Repro
            {
                static Model ByName(string name) => name switch
                {
                    "GPT4" => Model.GPT4,
                    "DavinciText" => Model.DavinciText,
                    _ => Model.ChatGPTTurbo,
                };

                static Model ByFlag(bool deep) => deep ? Model.GPT4 : Model.ChatGPTTurbo;

                static string ByNameText(string name) => name switch { "GPT4" => "gpt-4", _ => "gpt-3.5-turbo" };

                static async Task Run(string key, string name)
                {
                    var api = new OpenAIAPI(key);
                    await api.Chat.CreateChatCompletionAsync(new ChatRequest { Model = {|#0:ByName(name)|} });
                    await api.Chat.CreateChatCompletionAsync(new ChatRequest { Model = {|#1:ByFlag(name == "x")|} });
                    await api.Chat.CreateChatCompletionAsync(new ChatRequest { Model = {|#2:ByNameText(name)|} });
                    await api.Chat.CreateChatCompletionAsync(new ChatRequest { Model = {|#3:Model.GPT4|} });
                }
            }
            """,
            Retired(0, "gpt-4"), Retired(0, "text-davinci-003"), Retired(0, "gpt-3.5-turbo"),
            Retired(1, "gpt-4"), Retired(1, "gpt-3.5-turbo"),
            Retired(2, "gpt-4"), Retired(2, "gpt-3.5-turbo"),
            Retired(3, "gpt-4"));

    // The app's own shape: a switch statement assigning a local that starts at the default, then `return model;`.
    // Each section's entry and the starting value (the default section only breaks) are sent on some path;
    // Model.DefaultModel (settable) and entries the table does not know (code-davinci-002, the embedding) are not ids.
    // Before: nothing.
    [Fact]
    public Task The_switch_statement_over_a_local_of_the_public_app_is_read() =>
        VerifyAsync("""
            class OpenAIClient
            {
                internal static async Task<string> GetResponse(OpenAIAPI client, string modelName, string input)
                {
                    var result = await client.Chat.CreateChatCompletionAsync(new ChatRequest()
                    {
                        Model = {|#0:GetModel(modelName)|},
                        Messages = new ChatMessage[] { new ChatMessage(ChatMessageRole.User, input) },
                    });
                    return result.ToString();
                }

                private static Model GetModel(string modelName)
                {
                    Model model = Model.ChatGPTTurbo;
                    switch (modelName)
                    {
                        case "DefaultModel":
                            model = Model.DefaultModel;
                            break;
                        case "GPT4_32k_Context":
                            model = Model.GPT4_32k_Context;
                            break;
                        case "GPT4":
                            model = Model.GPT4;
                            break;
                        case "ChatGPTTurbo":
                            model = Model.ChatGPTTurbo;
                            break;
                        case "AdaTextEmbedding":
                            model = Model.AdaTextEmbedding;
                            break;
                        case "DavinciCode":
                            model = Model.DavinciCode;
                            break;
                        case "DavinciText":
                            model = Model.DavinciText;
                            break;
                        case "CurieText":
                            model = Model.CurieText;
                            break;
                        case "BabbageText":
                            model = Model.BabbageText;
                            break;
                        case "AdaText":
                            model = Model.AdaText;
                            break;
                        default:
                            break;
                    }
                    return model;
                }
            }
            """,
            Retired(0, "gpt-3.5-turbo"), Retired(0, "gpt-4-32k"), Retired(0, "gpt-4"), Retired(0, "text-davinci-003"),
            Retired(0, "text-curie-001"), Retired(0, "text-babbage-001"), Retired(0, "text-ada-001"));

    // A constant argument picks one arm or one section, as for helpers returning literals: only its entry is sent.
    [Fact]
    public Task A_constant_argument_narrows_the_helper_to_its_entry() =>
        VerifyAsync("""
            class Picker
            {
                static Model ByName(string name) => name switch { "GPT4" => Model.GPT4, _ => Model.ChatGPTTurbo };

                static Model ByStatement(string name)
                {
                    Model model = Model.ChatGPTTurbo;
                    switch (name)
                    {
                        case "GPT4":
                            model = Model.GPT4;
                            break;
                        case "Davinci":
                            model = Model.DavinciText;
                            break;
                    }
                    return model;
                }

                ChatRequest A() => new ChatRequest { Model = {|#0:ByName("GPT4")|} };
                ChatRequest B() => new ChatRequest { Model = {|#1:ByStatement("Davinci")|} };
                ChatRequest C() => new ChatRequest { Model = {|#2:ByStatement("other")|} };
            }
            """,
            Retired(0, "gpt-4"), Retired(1, "text-davinci-003"), Retired(2, "gpt-3.5-turbo"));

    // The project's model enum mapped to catalog entries is a catalog of what settings may pick (ModelNameArms,
    // ModelNameReturns): only the starting value, the code's own pick, is reported, in both forms.
    [Fact]
    public Task A_mapping_of_the_projects_model_enum_reports_only_the_codes_own_pick() =>
        VerifyAsync("""
            public enum AppModel { Gpt4, Gpt4_32k, Other }

            class Mapper
            {
                static Model ToSdk(AppModel m) => m switch { AppModel.Gpt4 => Model.GPT4, AppModel.Gpt4_32k => Model.GPT4_32k_Context, _ => Model.ChatGPTTurbo };

                static Model ToSdkStatement(AppModel m)
                {
                    Model model = Model.ChatGPTTurbo;
                    switch (m)
                    {
                        case AppModel.Gpt4:
                            model = Model.GPT4;
                            break;
                        case AppModel.Gpt4_32k:
                            model = Model.GPT4_32k_Context;
                            break;
                    }
                    return model;
                }

                ChatRequest A(AppModel m) => new ChatRequest { Model = {|#0:ToSdk(m)|} };
                ChatRequest B(AppModel m) => new ChatRequest { Model = {|#1:ToSdkStatement(m)|} };
            }
            """,
            Retired(0, "gpt-3.5-turbo"), Retired(1, "gpt-3.5-turbo"));

    // Quiet twins: the helper's entry only compared (the request sends a pinned model), entries built from
    // configuration or pinned snapshots, and locals the simple reading does not follow (a write after the switch,
    // a section that writes twice, a write inside a lambda): nothing.
    [Fact]
    public Task Compared_configured_pinned_and_unfollowed_helpers_stay_quiet() =>
        VerifyAsync("""
            using System;

            class Quiet(IConfiguration config)
            {
                static Model ByName(string name) => name switch { "GPT4" => Model.GPT4, _ => Model.ChatGPTTurbo };

                static Model Pinned(bool big) => big ? new Model("gpt-5.5-2026-04-23") : new Model("gpt-5.2-2025-12-11");

                Model Configured() => new Model(config["OpenAI:Model"]);

                Model OverwrittenAfter(string name)
                {
                    Model model = Model.ChatGPTTurbo;
                    switch (name)
                    {
                        case "GPT4":
                            model = Model.GPT4;
                            break;
                    }
                    model = new Model(config["OpenAI:Model"]);
                    return model;
                }

                static Model TwiceInASection(string name)
                {
                    Model model = Model.ChatGPTTurbo;
                    switch (name)
                    {
                        case "GPT4":
                            model = Model.GPT4;
                            model = new Model("gpt-5.5-2026-04-23");
                            break;
                        default:
                            model = new Model("gpt-5.5-2026-04-23");
                            break;
                    }
                    return model;
                }

                static Model InALambda(string name)
                {
                    Model model = new Model("gpt-5.5-2026-04-23");
                    Action pick = () => model = Model.GPT4;
                    switch (name)
                    {
                        case "x":
                            model = new Model("gpt-5.2-2025-12-11");
                            break;
                    }
                    return model;
                }

                ChatRequest Send(string name)
                {
                    if (ByName(name) == Model.GPT4 || ByName(name).ModelID == "gpt-3.5-turbo")
                    {
                        Console.WriteLine("legacy name in settings");
                    }

                    return new ChatRequest { Model = new Model("gpt-5.5-2026-04-23") };
                }

                ChatRequest A(bool big) => new ChatRequest { Model = Pinned(big) };
                ChatRequest B() => new ChatRequest { Model = Configured() };
                ChatRequest C(string n) => new ChatRequest { Model = OverwrittenAfter(n) };
                ChatRequest D(string n) => new ChatRequest { Model = TwiceInASection(n) };
                ChatRequest E(string n) => new ChatRequest { Model = InALambda(n) };
            }
            """);

    // Half-typed helpers: no crash, nothing reported from error-typed entries; the complete call beside them still is.
    [Fact]
    public Task Half_typed_catalog_helpers_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            References = OlderSdkReferences.OpenAIApi,
            TestCode = Usings + """
                class Broken
                {
                    static Model A(string name) => name switch { "GPT4" => Model.Missing, _ => };
                    static Model B(string name)
                    {
                        Model model = ;
                        switch (name)
                        {
                            case "GPT4":
                                model = Model.;
                                break;
                            case :
                                model = Model.GPT4
                        }
                        return model;
                    }
                    static Missing C(string name) { var model = Model.GPT4; switch (name) { case "x": model = Model.DavinciText; break; } return model; }
                    static Model D(bool b) => b ? Model.GPT4 : Model.ChatGPTTurbo;
                    ChatRequest R1(string n) => new ChatRequest { Model = A(n) };
                    ChatRequest R2(string n) => new ChatRequest { Model = B(n) };
                    ChatRequest R3(string n) => new ChatRequest { Model = C(n) };
                    ChatRequest R4(bool b) => new ChatRequest { Model = {|#0:D(b)|} };
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Retired(0, "gpt-4"));
        test.ExpectedDiagnostics.Add(Retired(0, "gpt-3.5-turbo"));
        return test.RunAsync();
    }
}
