using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Options copied from a shared default (<c>ChatOptions.Clone()</c>) carry the values the default was written with:
/// a copy sent to a reasoning model with the default's temperature fails like the default itself would. Reported at
/// the copying call, since the default may serve requests to other models.
/// </summary>
public class ClonedOptionsSamplingTests
{
    [Fact]
    public Task A_copy_of_a_static_default_sent_to_a_reasoning_model_is_reported() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            class Planner(IChatClient chat)
            {
                private static readonly ChatOptions Defaults = new() { Temperature = 0.2f, MaxOutputTokens = 800 };

                async Task<string> PlanAsync(string goal)
                {
                    var options = {|#0:Defaults.Clone()|};
                    options.ModelId = "gpt-6-astra";
                    var response = await chat.GetResponseAsync(goal, options);
                    return response.Text;
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"));

    [Fact]
    public Task A_copy_of_a_local_and_of_a_get_only_property_inherit_their_values() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Requests
            {
                public static ChatOptions Creative { get; } = new ChatOptions { Temperature = 0.9f, TopP = 0.95f };

                ChatOptions Local()
                {
                    var shared = new ChatOptions { TopP = 0.5f };
                    var options = {|#0:shared.Clone()|};
                    options.ModelId = "gpt-6-astra";
                    return options;
                }

                ChatOptions Claude()
                {
                    var options = {|#1:Creative.Clone()|};
                    options.ModelId = "claude-haiku-4-5-20251001";
                    return options;
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "top_p"),
            Diagnostic("AIL0505").WithLocation(1).WithArguments("claude-haiku-4-5-20251001"));

    // The model can come from the default too: the copy's own temperature then goes to it.
    [Fact]
    public Task A_copy_keeps_its_sources_model() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Requests
            {
                private static readonly ChatOptions Reasoning = new() { ModelId = "gpt-6-astra" };

                ChatOptions Warm()
                {
                    var options = Reasoning.Clone();
                    {|#0:options.Temperature = 0.7f|};
                    return options;
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"));

    // The correct code next to it: the copy resets the value, the default sets none, the copy names a classic model or
    // a model of its own the code does not show, or the default is built somewhere the code does not show.
    [Fact]
    public Task Copies_that_reset_or_never_had_the_value_are_not_reported() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Requests
            {
                private static readonly ChatOptions Defaults = new() { Temperature = 0.2f };
                private static readonly ChatOptions Plain = new() { MaxOutputTokens = 800 };
                private static readonly ChatOptions Reasoning = new() { ModelId = "gpt-6-astra" };
                private static readonly ChatOptions FromFactory = Create();
                private static ChatOptions Mutable = new() { Temperature = 0.2f };

                static ChatOptions Create() => new ChatOptions { Temperature = 0.3f };

                ChatOptions Reset()
                {
                    var options = Defaults.Clone();
                    options.Temperature = null;
                    options.ModelId = "gpt-6-astra";
                    return options;
                }

                ChatOptions NoTemperature()
                {
                    var options = Plain.Clone();
                    options.ModelId = "gpt-6-astra";
                    return options;
                }

                ChatOptions Classic()
                {
                    var options = Defaults.Clone();
                    options.ModelId = "gpt-5.4-nano-2026-03-17";
                    return options;
                }

                ChatOptions Configured(string model)
                {
                    var options = Reasoning.Clone();
                    options.ModelId = model;
                    options.Temperature = 0.7f;
                    return options;
                }

                ChatOptions Factory()
                {
                    var options = FromFactory.Clone();
                    options.ModelId = "gpt-6-astra";
                    return options;
                }

                ChatOptions Replaced()
                {
                    Mutable = new ChatOptions();
                    var options = Mutable.Clone();
                    options.ModelId = "gpt-6-astra";
                    return options;
                }
            }
            """);

    [Fact]
    public Task Half_typed_clone_does_not_crash() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Requests
            {
                private static readonly ChatOptions Defaults = new() { Temperature = 0.2f };
                ChatOptions Broken()
                {
                    var options = Defaults.{|CS1061:Clon|}();
                    options.ModelId = "gpt-6-astra";
                    return options;
                }
            }
            """);

    // Semantic Kernel's settings copy the same way; Clone() returns the base type, cast back by the caller.
    [Fact]
    public Task A_copy_of_Semantic_Kernel_settings_inherits_their_values() =>
        VerifyAsync("""
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class Prompts
            {
                private static readonly OpenAIPromptExecutionSettings Defaults = new() { Temperature = 0.7, MaxTokens = 500 };

                OpenAIPromptExecutionSettings Reasoning()
                {
                    var settings = (OpenAIPromptExecutionSettings){|#0:Defaults.Clone()|};
                    settings.ModelId = "gpt-6-astra";
                    return settings;
                }

                OpenAIPromptExecutionSettings Reset()
                {
                    var settings = (OpenAIPromptExecutionSettings)Defaults.Clone();
                    settings.ModelId = "gpt-6-astra";
                    settings.Temperature = null;
                    return settings;
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"));
}
