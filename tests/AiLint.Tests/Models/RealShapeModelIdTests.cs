using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Model ids in the shapes public .NET LLM apps write them, each next to the correct code that sits beside it: ids
/// picked by a switch expression, Anthropic's model enum on an SDK version that still has a retired member, a
/// <c>static class Models</c> of constants used from other files, and Agent Framework agents built on a client for a
/// retired model. (Settings bound through <c>IOptions&lt;T&gt;</c> are in PublicRepoModelIdShapeTests and
/// ConfiguredFallbackTests.) Paraphrased from public repositories.
/// </summary>
public class RealShapeModelIdTests
{
    [Fact]
    public Task Ids_chosen_by_a_switch_expression_are_each_checked() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            public enum Tier { Fast, Smart, Custom }
            class Router(OpenAIClient client)
            {
                ChatClient For(Tier tier) => client.GetChatClient(tier switch
                {
                    Tier.Fast => "gpt-5-mini-2025-08-07",
                    Tier.Smart => {|#0:"gpt-4"|},
                    _ => throw new System.ArgumentOutOfRangeException(nameof(tier)),
                });

                ChatClient Local(Tier tier)
                {
                    var model = tier switch { Tier.Fast => {|#1:"gpt-3.5-turbo"|}, _ => "gpt-5.5" };
                    return client.GetChatClient(model);
                }
            }
            """,
            Diagnostic("AIL0502").WithSpan(8, 22, 8, 45).WithArguments("gpt-5-mini-2025-08-07", "2026-12-11", ""),
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // Next to it: arms that are current ids, user input, local server names, or a switch whose result is only logged
    // or compared; the same legacy names picked for an Azure deployment or an LM Studio server.
    [Fact]
    public Task Switches_over_current_ids_input_or_logs_are_not_reported() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI;
            using OpenAI.Chat;
            class Router(OpenAIClient client, AzureOpenAIClient azure)
            {
                ChatClient Deployment(string tier) => azure.GetChatClient(tier switch { "old" => "gpt-4", _ => "gpt-35-turbo" });

                ChatClient LmStudio(string tier) =>
                    new OpenAIClient(new ApiKeyCredential("lm-studio"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") })
                        .GetChatClient(tier switch { "old" => "gpt-3.5-turbo", _ => "gpt-4" });

                ChatClient For(string tier, string requested) => client.GetChatClient(tier switch
                {
                    "fast" => "gpt-5.1-2025-11-13",
                    "custom" => requested,
                    "local" => "llama3.1:8b",
                    _ => "gpt-5.5",
                });

                bool IsLegacy(string tier) => (tier switch { "old" => "gpt-4", _ => "gpt-5.5" }) == "gpt-4";

                void Log(string tier) => Console.WriteLine(tier switch { "old" => "gpt-3.5-turbo", _ => "gpt-5.5" });
            }
            """);

    // Anthropic 13.12 still has Model.ClaudeSonnet4_5_20250929, which Anthropic retired on 2026-11-30; apps that have not
    // moved to 13.15 send it. A current member of the same enum is not reported; its dateless alias is, as an alias.
    [Fact]
    public Task Anthropic_model_enum_members_are_the_ids_they_stand_for() => new AnalyzerTest<ModelAnalyzer>
    {
        References = OlderSdkReferences.Replacing(("Anthropic", "13.12.0")),
        TestCode = """
            using Anthropic.Models.Messages;
            class Requests
            {
                MessageCreateParams Retired() => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = {|#0:Model.ClaudeSonnet4_5_20250929|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                MessageCreateParams Current() => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = Model.ClaudeSonnet4_6,
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                MessageCreateParams Alias() => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = {|#1:Model.ClaudeHaiku4_5|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                // The enum member only compared with the answering model: not a request.
                bool AnsweredBySonnet(Message message) => message.Model == Model.ClaudeSonnet4_5_20250929;
            }
            """,
        ExpectedDiagnostics =
        {
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-sonnet-4-5-20250929", "2026-11-30", ""),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("claude-haiku-4-5", " (it pointed to 'claude-haiku-4-5-20251001' on 2026-12-07)"),
        },
    }.RunAsync();

    // A static Models class in its own file, used by services in other files: reported at each use in a slot, and not
    // where the constant is only logged, compared, or used for a local server.
    [Fact]
    public Task Constants_of_a_models_class_used_across_files() => new AnalyzerTest<ModelAnalyzer>
    {
        TestState =
        {
            Sources =
            {
                ("AiModels.cs", """
                    public static class AiModels
                    {
                        public const string Chat = "gpt-3.5-turbo";
                        public const string Current = "gpt-5.5";
                        public const string Claude = "claude-3-haiku-20240307";
                    }
                    """),
                ("ChatService.cs", """
                    using System;
                    using Anthropic;
                    using Microsoft.Extensions.AI;
                    using OpenAI;
                    using OpenAI.Chat;
                    class ChatService(OpenAIClient openAI, AnthropicClient anthropic)
                    {
                        ChatClient Chat() => openAI.GetChatClient({|#0:AiModels.Chat|});
                        ChatClient Current() => openAI.GetChatClient(AiModels.Current);
                        IChatClient Claude() => anthropic.AsIChatClient({|#1:AiModels.Claude|});
                        void Log() => Console.WriteLine($"default model: {AiModels.Chat}");
                        bool IsLegacy(string model) => model == AiModels.Chat;
                    }
                    """),
            },
        },
        ExpectedDiagnostics =
        {
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("claude-3-haiku-20240307", "2026-04-20", ""),
        },
    }.RunAsync();

    // Agent Framework on a client for a retired model; next to it, an agent on Azure (a deployment name) and on a
    // configured model.
    [Fact]
    public Task Agent_Framework_agents_carry_their_client_model() =>
        VerifyAsync("""
            using System;
            using Azure.AI.OpenAI;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Agents(OpenAIClient openAI, AzureOpenAIClient azure, Func<string> configuredModel)
            {
                AIAgent Retired() => openAI.GetChatClient({|#0:"gpt-4"|}).AsIChatClient().AsAIAgent(instructions: "You help.");
                AIAgent Azure() => azure.GetChatClient("gpt-4").AsIChatClient().AsAIAgent(instructions: "You help.");
                AIAgent Configured() => openAI.GetChatClient(configuredModel()).AsIChatClient().AsAIAgent(instructions: "You help.");
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));
}

/// <summary>
/// Ids a helper of the project returns to a model slot (<c>client.GetChatClient(ModelFor(tier))</c>): each constant the
/// helper can return is reported at the call. Helpers whose result may differ at run time (virtual, interface), that
/// return input or configuration, or whose result is only logged are not read.
/// </summary>
public class HelperReturnedModelIdTests
{
    [Fact]
    public Task Ids_returned_by_a_helper_are_reported_at_the_call() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            public enum Tier { Fast, Smart }
            static class ModelCatalog
            {
                public static string For(Tier tier) => tier switch { Tier.Fast => "gpt-5.5", _ => "gpt-4" };
            }
            class Chat(OpenAIClient client, bool cheap)
            {
                private string Pick()
                {
                    if (cheap)
                    {
                        return "gpt-3.5-turbo";
                    }

                    return "gpt-5.5";
                }

                ChatClient Smart(Tier tier) => client.GetChatClient({|#0:ModelCatalog.For(tier)|});
                ChatClient Cheap() => client.GetChatClient({|#1:Pick()|});
                ChatClient Local()
                {
                    return client.GetChatClient({|#2:Name()|});
                    static string Name() => "gpt-4";
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4", "2026-10-23", ""));

    [Fact]
    public Task Helpers_that_may_return_something_else_are_not_read() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.Configuration;
            using OpenAI;
            using OpenAI.Chat;
            interface IModelPicker { string Pick(); }
            class DefaultPicker : IModelPicker { public string Pick() => "gpt-4"; }
            class BasePicker { public virtual string Pick() => "gpt-4"; }
            class Chat(OpenAIClient client, IModelPicker picker, BasePicker basePicker, IConfiguration configuration, string requested)
            {
                private string FromInput() => requested;
                private string Configured() => configuration["OpenAI:Model"] ?? throw new InvalidOperationException("no model");
                private static string Current() => "gpt-5.5";
                private static string Legacy() => "gpt-4";

                ChatClient A() => client.GetChatClient(picker.Pick());
                ChatClient B() => client.GetChatClient(basePicker.Pick());
                ChatClient C() => client.GetChatClient(FromInput());
                ChatClient D() => client.GetChatClient(Configured());
                ChatClient E() => client.GetChatClient(Current());
                void Log() => Console.WriteLine("legacy model: " + Legacy());
                bool IsLegacy(string model) => model == Legacy();
            }
            """);

    [Fact]
    public Task Half_typed_helpers_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using OpenAI;
                using OpenAI.Chat;
                class Chat(OpenAIClient client)
                {
                    private string Pick(int tier) => tier switch { 1 => , _ => "gpt-4" };
                    private string Broken() { return ; }
                    ChatClient A() => client.GetChatClient(Pick(2));
                    ChatClient B() => client.GetChatClient(Broken());
                    ChatClient C() => client.GetChatClient(Missing());
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithSpan(7, 44, 7, 51).WithArguments("gpt-4", "2026-10-23", ""));
        return test.RunAsync();
    }
}
