using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>AIL0504 (reasoning models reject sampling parameters) and AIL0505 (temperature and top_p together).</summary>
public class SamplingTests
{
    [Fact]
    public Task Reasoning_model_client_with_temperature_in_its_options() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                void M(string key)
                {
                    var client = new ChatClient("gpt-6-astra", key);
                    var options = new ChatCompletionOptions { {|AIL0504:Temperature = 0.2f|}, MaxOutputTokenCount = 500 };
                    {|AIL0504:options.TopP = 0.9f|};
                    client.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, options);
                }
            }
            """);

    [Fact]
    public Task Reasoning_model_through_GetChatClient_and_inline_options() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                void M(OpenAIClient openAi)
                {
                    openAi.GetChatClient("gpt-6-astra").CompleteChat(
                        new ChatMessage[] { new UserChatMessage("hi") },
                        new ChatCompletionOptions { {|AIL0504:FrequencyPenalty = 0.5f|}, {|AIL0504:IncludeLogProbabilities = true|} });
                }
            }
            """);

    [Fact]
    public Task MEAI_options_with_the_model_id_of_a_reasoning_model() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions M(float t) => new ChatOptions { ModelId = "gpt-6-astra", {|AIL0504:Temperature = t|} };
            }
            """);

    [Fact]
    public Task Reasoning_model_without_sampling_parameters_or_with_defaults_is_fine() =>
        VerifyAsync("""
            using OpenAI.Chat;
            using Microsoft.Extensions.AI;
            class C
            {
                void M(string key)
                {
                    var client = new ChatClient("gpt-6-astra", key);
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 500, Temperature = 1f, PresencePenalty = 0f, IncludeLogProbabilities = false };
                    client.CompleteChat(new OpenAI.Chat.ChatMessage[] { new UserChatMessage("hi") }, options);
                    _ = new ChatOptions { ModelId = "gpt-6-astra", MaxOutputTokens = 100 };
                }
            }
            """);

    [Fact]
    public Task Non_reasoning_or_unknown_models_may_set_sampling_parameters() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                void M(string key, string model)
                {
                    var a = new ChatClient("gpt-5.5-2026-04-23", key);
                    a.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, new ChatCompletionOptions { Temperature = 0.2f, TopP = 0.5f });
                    var b = new ChatClient(model, key);
                    b.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, new ChatCompletionOptions { Temperature = 0.2f });
                }

                // The options object is built away from any client: which model it goes to is unknown here.
                ChatCompletionOptions Options() => new ChatCompletionOptions { Temperature = 0.2f };
            }
            """);

    // claude-sonnet-4-5-20250929 also retired on 2026-11-30 (Anthropic's model page): both rules report.
    [Fact]
    public Task Model_that_rejects_temperature_with_top_p() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions M() => new ChatOptions { ModelId = {|#0:"claude-sonnet-4-5-20250929"|}, Temperature = 0.2f, {|AIL0505:TopP = 0.9f|} };

                ChatOptions N(IChatClient client)
                {
                    var options = new ChatOptions { ModelId = "claude-haiku-4-5-20251001" };
                    {|AIL0505:options.TopP = 0.9f|};
                    options.Temperature = 0.3f;
                    return options;
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-sonnet-4-5-20250929", "2026-11-30", ""));

    // Claude Sonnet 5 answers 400 to a non-default temperature, top_p or top_k (Anthropic's "What's new in Claude
    // Sonnet 5"); the defaults, or leaving them out, are fine.
    [Fact]
    public Task Claude_Sonnet_5_rejects_non_default_sampling() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions M() => new ChatOptions { ModelId = "claude-sonnet-5", {|#0:Temperature = 0.2f|}, {|#1:TopP = 0.9f|} };

                ChatOptions Defaults() => new ChatOptions { ModelId = "claude-sonnet-5", Temperature = 1f, MaxOutputTokens = 2048 };

                ChatOptions Unset() => new ChatOptions { ModelId = "claude-sonnet-5", MaxOutputTokens = 2048 };

                ChatOptions Older() => new ChatOptions { ModelId = "claude-sonnet-4-6", Temperature = 0.2f };
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("claude-sonnet-5", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("claude-sonnet-5", "top_p"));

    [Fact]
    public Task Only_one_sampler_or_another_model_is_fine() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions M() => new ChatOptions { ModelId = "claude-haiku-4-5-20251001", Temperature = 0.2f, TopP = null };

                ChatOptions N() => new ChatOptions { ModelId = "claude-sonnet-4-6", Temperature = 0.2f, TopP = 0.9f };
            }
            """);
}
