using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>AIL0501-AIL0503: model ids in the SDKs' model slots, checked against the shipped table.</summary>
public class ModelIdTests
{
    [Fact]
    public Task Alias_in_OpenAI_ChatClient_constructor() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient M(string key) => new ChatClient({|AIL0501:"gpt-4o"|}, key);
            }
            """);

    // OpenAI's gpt-4-turbo page names gpt-4-turbo-2024-04-09 as the alias's default snapshot. Both were shut down on
    // 2026-10-23 (the deprecations page's 2026-04-22 announcement), so the alias is retired, not an alias to pin.
    [Fact]
    public Task Gpt_4_turbo_alias_and_its_snapshot_are_retired() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient Floating(string key) => new ChatClient({|#0:"gpt-4-turbo"|}, key);
                ChatClient Pinned(string key) => new ChatClient({|#1:"gpt-4-turbo-2024-04-09"|}, key);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4-turbo-2024-04-09", "2026-10-23", ""));

    [Fact]
    public Task Alias_message_names_the_snapshot_the_table_knows() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient M(string key) => new ChatClient({|#0:"gpt-5.4"|}, key);
                ChatClient Unconfirmed(string key) => new ChatClient({|#1:"gpt-4o-mini"|}, key);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-5.4", " (it pointed to 'gpt-5.4-2026-03-05' on 2026-12-07)"),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    [Fact]
    public Task Deprecated_alias_reports_the_shutdown_date_once() =>
        VerifyAsync("""
            using OpenAI;
            class C
            {
                object M(OpenAIClient client) => client.GetChatClient({|#0:"gpt-5"|});
            }
            """,
            Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-5", "2026-12-11", ""));

    [Fact]
    public Task Retired_model_through_a_const_is_reported_at_the_use() =>
        VerifyAsync("""
            using OpenAI;
            class C
            {
                const string Model = "gpt-3.5-turbo-0125";
                object M(OpenAIClient client) => client.GetChatClient({|#0:Model|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-0125", "2026-10-23", ""));

    [Fact]
    public Task Retired_model_names_the_successor() =>
        VerifyAsync("""
            using OpenAI;
            class C
            {
                static readonly string Model = "gemini-3-pro-preview";
                object M(OpenAIClient client) => client.GetChatClient({|#0:Model|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gemini-3-pro-preview", "2026-03-09", "; the provider recommends 'gemini-3.1-pro-preview'"));

    [Fact]
    public Task Other_OpenAI_client_getters_are_model_slots() =>
        VerifyAsync("""
            using OpenAI;
            class C
            {
                void M(OpenAIClient client)
                {
                    client.GetAudioClient({|AIL0501:"gpt-4o"|});
                    client.GetEmbeddingClient({|AIL0503:"gpt-4-0613"|});
                }
            }
            """);

    [Fact]
    public Task Anthropic_request_model_property() =>
        VerifyAsync("""
            using Anthropic.Models.Messages;
            class C
            {
                MessageCreateParams M() => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = {|AIL0503:"claude-3-opus-20240229"|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };
            }
            """);

    [Fact]
    public Task Anthropic_IChatClient_adapter_default_model() =>
        VerifyAsync("""
            using Anthropic;
            using Microsoft.Extensions.AI;
            class C
            {
                IChatClient M(AnthropicClient client) => client.AsIChatClient({|AIL0503:"claude-3-5-sonnet-20241022"|});
            }
            """);

    [Fact]
    public Task MEAI_ChatOptions_ModelId() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions M() => new ChatOptions { ModelId = {|AIL0503:"claude-sonnet-4-20250514"|} };
                void N(ChatOptions options) => options.ModelId = {|AIL0501:"gpt-4o"|};
            }
            """);

    [Fact]
    public Task Semantic_Kernel_registration_modelId() =>
        VerifyAsync("""
            using Microsoft.SemanticKernel;
            class C
            {
                void M(IKernelBuilder builder) => builder.AddOpenAIChatCompletion({|AIL0502:"gpt-5-mini"|}, "key");
            }
            """);

    [Fact]
    public Task Pinned_snapshots_unknown_ids_and_runtime_ids_are_not_reported() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                static string configured = Environment.GetEnvironmentVariable("MODEL") ?? "gpt-4o";
                void M(OpenAIClient client, string fromConfig, string key)
                {
                    client.GetChatClient("gpt-5.5-2026-04-23");
                    client.GetChatClient("my-fine-tune");
                    client.GetChatClient(fromConfig);
                    client.GetChatClient(configured);
                    new ChatClient(Environment.GetEnvironmentVariable("MODEL")!, key);
                    _ = new ChatOptions { ModelId = "claude-sonnet-4-6" };
                }
            }
            """);

    [Fact]
    public Task Response_model_ids_and_deployment_names_are_not_model_slots() =>
        VerifyAsync("""
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            class C
            {
                void M(AzureOpenAIClient azure)
                {
                    // A deployment name may look like a model id; it is whatever the Azure resource calls it.
                    azure.GetChatClient("gpt-4o");
                    _ = new ChatResponse { ModelId = "gpt-4o" };
                }
            }
            """);

    [Fact]
    public Task SDK_enum_members_are_read_as_the_ids_the_SDK_sends() =>
        // Anthropic's converter writes Model.ClaudeSonnet4_6 as "claude-sonnet-4-6" (ModelEnumNames): a row that
        // marks the id retired reports the enum member as it does the literal.
        VerifyAsync(
            """
            using Anthropic.Models.Messages;
            class C
            {
                MessageCreateParams Enum() => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = {|AIL0503:Model.ClaudeSonnet4_6|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                MessageCreateParams Literal() => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = {|AIL0503:"claude-sonnet-4-6"|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };
            }
            """,
            new[] { ("team.ailint-models.json", """{ "models": [ { "provider": "anthropic", "id": "claude-sonnet-4-6", "shutdownDate": "2026-01-01" } ] }""") });

    [Fact]
    public Task A_deprecation_date_without_a_shutdown_date_is_not_reported() =>
        VerifyAsync(
            """
            using OpenAI;
            class C
            {
                object M(OpenAIClient client) => client.GetChatClient("acme-large");
            }
            """,
            new[] { ("team.ailint-models.json", """{ "models": [ { "provider": "openai", "id": "acme-large", "deprecationDate": "2026-01-01" } ] }""") });

    [Fact]
    public Task Look_alike_types_outside_the_sdks_are_not_model_slots() =>
        VerifyAsync("""
            class ChatClient { public ChatClient(string model, string key) { } }
            class C
            {
                object M() => new ChatClient("gpt-4o", "k");
            }
            """);

    [Fact]
    public async Task Half_typed_code_does_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using OpenAI;
                using Microsoft.Extensions.AI;
                class C
                {
                    void M(OpenAIClient client)
                    {
                        client.GetChatClient(
                        var o = new ChatOptions { ModelId = , Temperature = 0.2f
                        client.GetChatClient(Missing.Model).CompleteChat(null, o
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
