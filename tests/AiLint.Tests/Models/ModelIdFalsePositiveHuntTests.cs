using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Shapes next to last round's new positives (switch-picked ids, helper return ids, environment fallbacks) that public
/// apps write without sending a retired id on their own: a mapping of the app's model enum to API ids (a catalog of
/// what settings or users may pick), model-picker arrays, price and context-window tables, comparisons, test data.
/// </summary>
public class ModelIdFalsePositiveHuntTests
{
    private const string Catalog = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using OpenAI;
        using OpenAI.Chat;
        public enum ChatModel { Gpt35Turbo, Gpt4, Gpt4o, O3 }
        public enum Tier { Fast, Deep }
        public static class ChatModelNames
        {
            public static string ToApiName(this ChatModel model) => model switch
            {
                ChatModel.Gpt35Turbo => "gpt-3.5-turbo",
                ChatModel.Gpt4 => "gpt-4",
                ChatModel.Gpt4o => "gpt-5.2-2025-12-11",
                ChatModel.O3 => "gpt-6-astra",
                _ => throw new ArgumentOutOfRangeException(nameof(model)),
            };

            public static string ModelFor(Tier tier) => tier switch
            {
                Tier.Fast => "gpt-3.5-turbo",
                _ => "gpt-6-astra",
            };

            public static int ContextWindow(string model) => model switch
            {
                "gpt-3.5-turbo" => 16385,
                "gpt-4" => 8192,
                _ => 128000,
            };

            public static decimal PricePer1K(string model) => Prices.TryGetValue(model, out var price) ? price : 0m;
            private static readonly Dictionary<string, decimal> Prices = new() { ["gpt-3.5-turbo"] = 0.0015m, ["gpt-4"] = 0.03m };
            public static readonly string[] Available = { "gpt-3.5-turbo", "gpt-4", "o1-preview", "gpt-5.2-2025-12-11" };
            public static bool IsReasoning(string model) => model.StartsWith("o1") || model == "gpt-6-astra";
        }
        public class Settings { public ChatModel Model { get; set; } = ChatModel.Gpt4o; }
        public record EvalCase(string Model, string Prompt, int MaxTokens);
        """;

    // The catalog itself, a picker that hands the chosen entry on, price and context tables, comparisons, logging,
    // test cases: no request is sent with a constant retired id.
    [Fact]
    public Task A_model_catalog_and_picker_are_not_reported() =>
        VerifyAsync(Catalog + """
            public class Picker(OpenAIClient client, Settings settings)
            {
                public string Selected { get; set; } = ChatModelNames.Available[0];
                ChatClient FromSettings() => client.GetChatClient(settings.Model.ToApiName());
                ChatClient FromSettingsInline() => client.GetChatClient(settings.Model switch
                {
                    ChatModel.Gpt35Turbo => "gpt-3.5-turbo",
                    ChatModel.Gpt4 => "gpt-4",
                    _ => "gpt-5.2-2025-12-11",
                });
                ChatClient FromPicker() => client.GetChatClient(Selected);
                ChatClient Indexed(int i) => client.GetChatClient(ChatModelNames.Available[i]);
                bool Check(string model) => model == "gpt-3.5-turbo" || ChatModelNames.Available.Contains(model);
                string Log(ChatModel model) => $"using {model.ToApiName()}";
                static readonly EvalCase[] Cases = { new("gpt-3.5-turbo", "2+2?", 10), new("gpt-4", "capital of France?", 10) };
                ChatClient ForCase(EvalCase c) => client.GetChatClient(c.Model);
            }
            """);

    // The positives next to it: the enum member picked by the code itself, a tier policy (its patterns name no model),
    // an environment variable's fallback (sent whenever the variable is unset; docs/rules/AIL0503.md).
    [Fact]
    public Task Ids_the_code_picks_itself_are_reported() =>
        VerifyAsync(Catalog + """
            public class Chooser(OpenAIClient client)
            {
                ChatClient Pinned() => client.GetChatClient({|#0:ChatModel.Gpt35Turbo.ToApiName()|});
                ChatClient Policy(Tier tier) => client.GetChatClient({|#1:ChatModelNames.ModelFor(tier)|});
                ChatClient Fallback() => client.GetChatClient(Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? {|#2:"gpt-4"|});
                static string EnvModel() => Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "gpt-3.5-turbo";
                ChatClient FallbackHelper() => client.GetChatClient({|#3:EnvModel()|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // An environment fallback to a reasoning model: which model a request gets is not certain, so its temperature is
    // not linked (docs/rules/AIL0504.md); the same id written as a constant is.
    [Fact]
    public Task Sampling_next_to_an_environment_fallback_is_not_linked() =>
        VerifyAsync("""
            using System;
            using OpenAI;
            using OpenAI.Chat;
            class Planner(OpenAIClient client)
            {
                void Plan()
                {
                    var options = new ChatCompletionOptions { Temperature = 0.2f };
                    client.GetChatClient(Environment.GetEnvironmentVariable("PLANNER_MODEL") ?? "gpt-6-astra").CompleteChat([new UserChatMessage("x")], options);
                }

                void Pinned()
                {
                    var options = new ChatCompletionOptions { {|AIL0504:Temperature = 0.2f|} };
                    client.GetChatClient("gpt-6-astra").CompleteChat([new UserChatMessage("x")], options);
                }
            }
            """);

    // The same catalog over Anthropic's model enum (13.12 still has the dated Sonnet 4.5 member): the app's own enum
    // mapped member by member is the user's pick; a member the code picks itself is reported.
    [Fact]
    public Task A_catalog_of_Anthropic_enum_members_is_not_reported_unless_the_code_picks_one()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            References = AiLint.Tests.Verifiers.OlderSdkReferences.Replacing(("Anthropic", "13.12.0")),
            TestCode = """
                using Anthropic.Models.Messages;
                public enum ClaudeChoice { Sonnet45, Sonnet46, Opus46 }
                public enum Effort { Quick, Thorough }
                class Requests
                {
                    MessageCreateParams Chosen(ClaudeChoice choice) => new MessageCreateParams
                    {
                        MaxTokens = 512,
                        Model = choice switch
                        {
                            ClaudeChoice.Sonnet45 => Model.ClaudeSonnet4_5_20250929,
                            _ => Model.ClaudeSonnet4_6,
                        },
                        Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                    };

                    MessageCreateParams ByEffort(Effort effort) => new MessageCreateParams
                    {
                        MaxTokens = 512,
                        Model = effort switch
                        {
                            Effort.Quick => {|#0:Model.ClaudeSonnet4_5_20250929|},
                            _ => Model.ClaudeOpus4_6,
                        },
                        Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                    };
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-sonnet-4-5-20250929", "2026-11-30", ""));
        return test.RunAsync();
    }
}
