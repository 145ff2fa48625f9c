using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Apps that serve both classic and reasoning models set sampling parameters only under a test of the model
/// (<c>if (!IsReasoningModel(model))</c>): with the model a constant the test is decided, and a branch that never runs
/// for that model sends nothing; a test of the model that cannot be decided shows the code already handles reasoning
/// models. A guard that is decided to run, or one that has nothing to do with the model, changes nothing.
/// </summary>
public class GuardedSamplingTests
{
    [Fact]
    public Task A_temperature_under_a_helper_guard_that_excludes_the_constant_reasoning_model_is_not_reported() =>
        VerifyAsync("""
            using System;
            using OpenAI.Chat;
            class Program
            {
                const string Model = "gpt-6-astra";

                static void Main()
                {
                    var chat = new ChatClient(Model, "key");
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 800 };
                    if (!IsReasoningModel(Model))
                    {
                        options.Temperature = 0.7f;
                    }

                    chat.CompleteChat(new ChatMessage[] { new UserChatMessage("Name three rivers.") }, options);
                }

                static bool IsReasoningModel(string model) =>
                    model.StartsWith("gpt-6", StringComparison.Ordinal) || model.StartsWith("gpt-5", StringComparison.Ordinal);
            }
            """);

    [Fact]
    public Task Inline_string_tests_and_a_conditional_value_are_read_too() =>
        VerifyAsync("""
            using System;
            using OpenAI.Chat;
            class Program
            {
                static void Inline()
                {
                    const string model = "gpt-6-astra";
                    var chat = new ChatClient(model, "key");
                    var options = new ChatCompletionOptions();
                    if (!model.StartsWith("gpt-6"))
                    {
                        options.Temperature = 0.7f;
                    }

                    options.TopP = model.Contains("gpt-6-astra", StringComparison.OrdinalIgnoreCase) ? null : 0.9f;
                    chat.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, options);
                }
            }
            """);

    [Fact]
    public Task A_test_of_the_model_that_cannot_be_decided_is_not_reported() =>
        VerifyAsync("""
            using System;
            using OpenAI.Chat;
            class Program
            {
                static void Send(bool supportsTemperature, string deploymentModel)
                {
                    var chat = new ChatClient("gpt-6-astra", "key");
                    var options = new ChatCompletionOptions();
                    if (supportsTemperature)
                    {
                        options.Temperature = 0.7f;
                    }

                    options.TopP = Capabilities.IsReasoning(deploymentModel) ? null : 0.9f;
                    var penalty = Capabilities.IsReasoning(deploymentModel) ? (float?)null : 0.5f;
                    options.FrequencyPenalty = penalty;
                    chat.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, options);
                }
            }

            static class Capabilities
            {
                public static bool IsReasoning(string name) => Environment.GetEnvironmentVariable(name) == "1";
            }
            """);

    // The bug next to it: a guard decided true for the model, a guard about something else, or a helper test that
    // misses this model (gpt-6-astra does not start with "gpt-5", so the temperature is sent).
    [Fact]
    public Task A_guard_that_runs_for_the_model_or_is_not_about_the_model_is_still_reported() =>
        VerifyAsync("""
            using System;
            using OpenAI.Chat;
            class Program
            {
                const string Model = "gpt-6-astra";

                static void Main(string[] args)
                {
                    var chat = new ChatClient(Model, "key");
                    var options = new ChatCompletionOptions();
                    if (!IsGpt5(Model))
                    {
                        {|#0:options.Temperature = 0.7f|};
                    }

                    if (args.Length > 0)
                    {
                        {|#1:options.TopP = 0.5f|};
                    }

                    var penalty = IsGpt5(Model) ? (float?)null : 0.5f;
                    {|#2:options.PresencePenalty = penalty|};

                    chat.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, options);
                }

                static bool IsGpt5(string model) => model.StartsWith("gpt-5", StringComparison.Ordinal);
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "top_p"),
            Diagnostic("AIL0504").WithLocation(2).WithArguments("gpt-6-astra", "presence_penalty"));

    [Fact]
    public Task An_early_return_for_reasoning_models_guards_what_follows() =>
        VerifyAsync("""
            using System;
            using OpenAI.Chat;
            class Program
            {
                static void Local()
                {
                    const string model = "gpt-6-astra";
                    var chat = new ChatClient(model, "key");
                    var options = new ChatCompletionOptions();
                    if (model.StartsWith("gpt-6"))
                    {
                        chat.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, options);
                        return;
                    }

                    options.Temperature = 0.3f;
                    chat.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, options);
                }
            }
            """);
}
