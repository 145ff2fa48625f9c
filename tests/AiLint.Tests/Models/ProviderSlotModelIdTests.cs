using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 at a single provider's own slot (review48, musicislife08/TelegramGroupsAdmin's ChatService.BuildClient):
/// one settings class whose <c>Model</c> defaults to an OpenAI alias is read by every arm of a provider switch. At the
/// OpenAI arm the alias is reported; at Anthropic's <c>AsIChatClient(defaultModelId)</c> or <c>MessageCreateParams.Model</c>
/// an OpenAI id is no model Anthropic serves, and "pin gpt-5.4-mini-2026-03-17" is wrong advice there, so only Anthropic's
/// own ids are reported at Anthropic's slots. OpenAI's slots keep reporting Claude ids (a gateway forwards them).
/// </summary>
public class ProviderSlotModelIdTests
{
    private const string Header = """
        using System;
        using System.ClientModel;
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.Extensions.AI;
        using OpenAI;
        public enum Provider { OpenAI, Anthropic }

        """;

    // The repro (/work/scratch/review48/Repro/AnthropicSlotOpenAiDefault): the OpenAI arm still reports the default.
    [Fact]
    public Task An_OpenAI_default_is_reported_at_the_OpenAI_arm_and_not_at_the_Anthropic_arm() =>
        VerifyAsync(Header + """
            public class FeatureConfig
            {
                public string Model { get; set; } = "gpt-4o-mini";
            }

            public static class ClientFactory
            {
                public static IChatClient Build(Provider provider, FeatureConfig featureConfig, string apiKey) => provider switch
                {
                    Provider.OpenAI => new OpenAIClient(new ApiKeyCredential(apiKey)).GetChatClient({|AIL0501:featureConfig.Model|}).AsIChatClient(),
                    Provider.Anthropic => new AnthropicClient { ApiKey = apiKey }.AsIChatClient(featureConfig.Model),
                    _ => throw new InvalidOperationException(),
                };
            }
            """);

    // Twin: a Claude default at the same Anthropic slot is that provider's id and is reported there; the OpenAI arm
    // reports it too (an OpenAI-SDK slot checks every provider's id: a gateway forwards it).
    [Fact]
    public Task A_Claude_default_is_still_reported_at_the_Anthropic_arm() =>
        VerifyAsync(Header + """
            public class FeatureConfig
            {
                public string Model { get; set; } = "claude-haiku-4-5";
            }

            public static class ClientFactory
            {
                public static IChatClient Build(Provider provider, FeatureConfig featureConfig, string apiKey) => provider switch
                {
                    Provider.OpenAI => new OpenAIClient(new ApiKeyCredential(apiKey)).GetChatClient({|AIL0501:featureConfig.Model|}).AsIChatClient(),
                    Provider.Anthropic => new AnthropicClient { ApiKey = apiKey }.AsIChatClient({|AIL0501:featureConfig.Model|}),
                    _ => throw new InvalidOperationException(),
                };
            }
            """);

    // Literals at Anthropic's slots: its adapter and its request property. A retired OpenAI id there is quiet; a retired
    // or floating Claude id is reported.
    [Fact]
    public Task Anthropic_slots_report_only_Claude_ids() =>
        VerifyAsync(Header + """
            class Slots(AnthropicClient anthropic)
            {
                IChatClient OpenAIId() => anthropic.AsIChatClient("gpt-3.5-turbo");
                IChatClient ClaudeAlias() => anthropic.AsIChatClient({|AIL0501:"claude-haiku-4-5"|});
                IChatClient RetiredClaude() => anthropic.AsIChatClient({|AIL0503:"claude-3-haiku-20240307"|});

                MessageCreateParams OpenAIRequest() => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = "gpt-4o",
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                MessageCreateParams ClaudeRequest() => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = {|AIL0503:"claude-sonnet-4-5-20250929"|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };
            }
            """);

    // Unchanged: the OpenAI SDK's slots report OpenAI ids and another provider's (a gateway forwards a Claude id to
    // Claude), and so do provider-neutral ones (ChatOptions.ModelId, even when the options go to an Anthropic client).
    [Fact]
    public Task OpenAI_and_provider_neutral_slots_still_report_every_providers_ids() =>
        VerifyAsync(Header + """
            class Slots(OpenAIClient openAI, AnthropicClient anthropic)
            {
                IChatClient OpenAIId() => openAI.GetChatClient({|AIL0501:"gpt-4o-mini"|}).AsIChatClient();
                IChatClient ClaudeThroughAGateway() => openAI.GetChatClient({|AIL0503:"claude-3-haiku-20240307"|}).AsIChatClient();
                ChatOptions Neutral() => new ChatOptions { ModelId = {|AIL0501:"gpt-4o"|} };

                async System.Threading.Tasks.Task<ChatResponse> SentToClaude()
                {
                    var options = new ChatOptions { ModelId = {|AIL0501:"gpt-4o"|} };
                    return await anthropic.AsIChatClient().GetResponseAsync("hi", options);
                }
            }
            """);

    // One local read by both slots, the Anthropic slot first: a local holding a literal is reported where a slot reads
    // it, at the OpenAI slot only. A choice of ids is reported on its literals: the OpenAI id by the OpenAI slot (the
    // Anthropic check did not mark the local as done), the Claude id once though both slots report it.
    [Fact]
    public Task A_local_read_by_both_slots_is_checked_in_full_at_the_OpenAI_slot_and_reported_once() =>
        VerifyAsync(Header + """
            class Factory(OpenAIClient openAI, AnthropicClient anthropic)
            {
                (IChatClient, IChatClient) OpenAIModel()
                {
                    var model = "gpt-4o";
                    var claude = anthropic.AsIChatClient(model);
                    return (claude, openAI.GetChatClient({|AIL0501:model|}).AsIChatClient());
                }

                (IChatClient, IChatClient) ClaudeModel(bool small)
                {
                    var model = small ? {|AIL0501:"claude-haiku-4-5"|} : {|AIL0501:"gpt-4o-mini"|};
                    var claude = anthropic.AsIChatClient(model);
                    return (claude, openAI.GetChatClient(model).AsIChatClient());
                }
            }
            """);

    // A parameter default read by both arms, the Anthropic arm first: reported once, at the default, by the OpenAI arm.
    [Fact]
    public Task A_parameter_default_read_by_both_arms_is_reported_by_the_OpenAI_arm() =>
        VerifyAsync(Header + """
            static class Factory
            {
                public static IChatClient Build(Provider provider, AnthropicClient anthropic, OpenAIClient openAI, string model = {|AIL0501:"gpt-4o-mini"|}) =>
                    provider == Provider.Anthropic ? anthropic.AsIChatClient(model) : openAI.GetChatClient(model).AsIChatClient();

                public static IChatClient OnlyClaude(AnthropicClient anthropic, string model = "gpt-4o-mini") => anthropic.AsIChatClient(model);
            }
            """);

    // The appsettings value replaces the default at both arms; the file check reports it once, in the file, whichever
    // arm reads it. A key the file check does not read by name (linked through the property) is reported in the file by
    // the OpenAI arm even when the Anthropic arm reads it first.
    [Fact]
    public Task An_appsettings_value_read_at_both_arms_is_reported_once_in_the_file() =>
        VerifyAsync(Header + """
            public class FeatureConfig
            {
                public string Model { get; set; } = "gpt-4o-mini";
                public string ChatCompletionModelName { get; set; } = "gpt-4o-mini";
            }

            public static class ClientFactory
            {
                public static IChatClient Build(Provider provider, FeatureConfig featureConfig, string apiKey) => provider switch
                {
                    Provider.Anthropic => new AnthropicClient { ApiKey = apiKey }.AsIChatClient(featureConfig.Model),
                    Provider.OpenAI => new OpenAIClient(new ApiKeyCredential(apiKey)).GetChatClient(featureConfig.Model).AsIChatClient(),
                    _ => throw new InvalidOperationException(),
                };

                public static IChatClient Linked(Provider provider, FeatureConfig featureConfig, string apiKey) => provider switch
                {
                    Provider.Anthropic => new AnthropicClient { ApiKey = apiKey }.AsIChatClient(featureConfig.ChatCompletionModelName),
                    Provider.OpenAI => new OpenAIClient(new ApiKeyCredential(apiKey)).GetChatClient(featureConfig.ChatCompletionModelName).AsIChatClient(),
                    _ => throw new InvalidOperationException(),
                };
            }
            """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "FeatureConfig": {
                        "Model": "gpt-4o-mini",
                        "ChatCompletionModelName": "gpt-4o"
                      }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 3, 14, 3, 27),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 4, 32, 4, 40));

    // The same linked key read only at Anthropic's slot: an OpenAI id in the file is not reported (the file check reads
    // keys named like a model whatever reads them; this one only through the slot), a Claude id is.
    [Fact]
    public Task A_linked_settings_value_read_only_at_the_Anthropic_slot_reports_only_Claude_ids() =>
        VerifyAsync(Header + """
            public class FeatureConfig
            {
                public string ChatCompletionModelName { get; set; } = "";
                public string FallbackCompletionModelName { get; set; } = "";
            }

            public static class ClientFactory
            {
                public static IChatClient Main(FeatureConfig featureConfig, AnthropicClient anthropic) => anthropic.AsIChatClient(featureConfig.ChatCompletionModelName);
                public static IChatClient Fallback(FeatureConfig featureConfig, AnthropicClient anthropic) => anthropic.AsIChatClient(featureConfig.FallbackCompletionModelName);
            }
            """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "FeatureConfig": {
                        "ChatCompletionModelName": "gpt-4o",
                        "FallbackCompletionModelName": "claude-haiku-4-5"
                      }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 4, 36, 4, 54));

    // Half-typed code: an unfinished argument, an adapter over a type that does not resolve, a missing property.
    [Fact]
    public Task Half_typed_provider_slots_do_not_crash() =>
        new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Header + """
                public class FeatureConfig { public string Model { get; set; } = "gpt-4o-mini"; }
                static class Factory
                {
                    static IChatClient A(FeatureConfig c, AnthropicClient anthropic) => anthropic.AsIChatClient(c.);
                    static IChatClient B(FeatureConfig c, MissingClient missing) => missing.AsIChatClient(c.Model);
                    static IChatClient C(FeatureConfig c, AnthropicClient anthropic) => anthropic.AsIChatClient(c.Modle);
                    static MessageCreateParams D() => new MessageCreateParams { Model = , MaxTokens = 1 };
                    static IChatClient E(FeatureConfig c, OpenAIClient openAI) => openAI.GetChatClient({|AIL0501:c.Model|}).AsIChatClient(
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
}
