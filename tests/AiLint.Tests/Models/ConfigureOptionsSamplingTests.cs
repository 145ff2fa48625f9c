using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A client built with Microsoft.Extensions.AI's pipeline, <c>.AsBuilder().ConfigureOptions(o => o.TopP = null).Build()</c>,
/// runs the lambda on every request's options before they reach the provider: the parameter it clears is never sent,
/// so options that set it are not reported for that client (AIL0505, and AIL0504 for that parameter). A lambda that
/// writes something else clears nothing.
/// </summary>
public class ConfigureOptionsSamplingTests
{
    // The evaluation seam apps write for Claude: evaluators send both, the pipeline drops TopP when both are set.
    [Fact]
    public Task A_pipeline_that_drops_top_p_when_both_are_set_is_quiet() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;
            public static class Evaluation
            {
                public static async Task<string> AskGuarded(string key, string q)
                {
                    IChatClient chat = new AnthropicClient { ApiKey = key }
                        .AsIChatClient("claude-haiku-4-5-20251001")
                        .AsBuilder()
                        .ConfigureOptions(options =>
                        {
                            if (options.Temperature is not null && options.TopP is not null)
                            {
                                options.TopP = null;
                            }
                        })
                        .Build();
                    var r = await chat.GetResponseAsync(q, new ChatOptions { Temperature = 0.2f, TopP = 0.9f });
                    return r.Text;
                }
            }
            """);

    [Fact]
    public Task An_expression_lambda_that_clears_top_p_on_the_chain_is_quiet() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;
            public static class Evaluation
            {
                public static Task<ChatResponse> Ask(AnthropicClient client, string q) =>
                    client.AsIChatClient("claude-haiku-4-5-20251001").AsBuilder().ConfigureOptions(o => o.TopP = null).Build()
                        .GetResponseAsync(q, new ChatOptions { Temperature = 0.2f, TopP = 0.9f });
            }
            """);

    // Options that name the model themselves still go through the client's pipeline.
    [Fact]
    public Task Options_naming_their_own_model_through_a_clearing_client_are_quiet() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;
            public static class Evaluation
            {
                public static async Task<string> Ask(AnthropicClient client, string q)
                {
                    var chat = client.AsIChatClient("claude-haiku-4-5-20251001").AsBuilder().ConfigureOptions(o => { o.TopP = null; }).Build();
                    var options = new ChatOptions { ModelId = "claude-haiku-4-5-20251001", Temperature = 0.2f, TopP = 0.9f };
                    var r = await chat.GetResponseAsync(q, options);
                    return r.Text;
                }
            }
            """);

    // Quiet twin reversed: the lambda sets something else, so both parameters still reach the model.
    [Fact]
    public Task A_pipeline_that_sets_something_else_is_still_reported() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;
            public static class Evaluation
            {
                public static async Task<string> Ask(AnthropicClient client, string q)
                {
                    var chat = client.AsIChatClient("claude-haiku-4-5-20251001")
                        .AsBuilder()
                        .ConfigureOptions(o => o.MaxOutputTokens = 1000)
                        .Build();
                    var r = await chat.GetResponseAsync(q, new ChatOptions { Temperature = 0.2f, {|#0:TopP = 0.9f|} });
                    return r.Text;
                }
            }
            """,
            Diagnostic("AIL0505").WithLocation(0).WithArguments("claude-haiku-4-5-20251001"));

    // Clearing TopP only when the request is for another model is no guard for this one.
    [Fact]
    public Task A_clear_under_a_condition_on_something_else_is_still_reported() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;
            public static class Evaluation
            {
                public static async Task<string> Ask(AnthropicClient client, string q, bool strict)
                {
                    var chat = client.AsIChatClient("claude-haiku-4-5-20251001")
                        .AsBuilder()
                        .ConfigureOptions(o => { if (strict) o.TopP = null; })
                        .Build();
                    var r = await chat.GetResponseAsync(q, new ChatOptions { Temperature = 0.2f, {|#0:TopP = 0.9f|} });
                    return r.Text;
                }
            }
            """,
            Diagnostic("AIL0505").WithLocation(0).WithArguments("claude-haiku-4-5-20251001"));

    // AIL0504 for a reasoning model: the cleared temperature is quiet, the top_p the lambda leaves is still reported.
    [Fact]
    public Task A_reasoning_model_client_that_clears_temperature_reports_only_what_it_leaves() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;
            public static class Evaluation
            {
                public static async Task<string> Ask(AnthropicClient client, string q)
                {
                    var chat = client.AsIChatClient("claude-sonnet-5")
                        .AsBuilder()
                        .ConfigureOptions(o => o.Temperature = null)
                        .Build();
                    var r = await chat.GetResponseAsync(q, new ChatOptions { Temperature = 0.2f, {|#0:TopP = 0.9f|} });
                    return r.Text;
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("claude-sonnet-5", "top_p"));

    // A service keeps the built client in a readonly field: the field's one write is read for the pipeline too.
    [Fact]
    public Task A_field_holding_the_cleared_pipeline_is_quiet_and_one_without_it_is_reported() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;
            public class Judge
            {
                private readonly IChatClient guarded;
                private readonly IChatClient plain;

                public Judge(AnthropicClient client)
                {
                    guarded = client.AsIChatClient("claude-haiku-4-5-20251001").AsBuilder().ConfigureOptions(o => o.TopP = null).Build();
                    plain = client.AsIChatClient("claude-haiku-4-5-20251001");
                }

                public Task<ChatResponse> Guarded(string q) => guarded.GetResponseAsync(q, new ChatOptions { Temperature = 0.2f, TopP = 0.9f });

                public Task<ChatResponse> Plain(string q) => plain.GetResponseAsync(q, new ChatOptions { Temperature = 0.2f, {|#0:TopP = 0.9f|} });
            }
            """,
            Diagnostic("AIL0505").WithLocation(0).WithArguments("claude-haiku-4-5-20251001"));

    [Fact]
    public Task Half_typed_pipelines_do_not_crash() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;
            public static class Evaluation
            {
                public static void Ask(AnthropicClient client, string q)
                {
                    var a = client.AsIChatClient("claude-haiku-4-5-20251001").AsBuilder().{|CS1501:ConfigureOptions|}().Build();
                    var b = client.AsIChatClient("claude-haiku-4-5-20251001").AsBuilder().{|CS1061:ConfigureNothing|}(o => o.TopP = null).Build();
                    var c = client.AsIChatClient("claude-haiku-4-5-20251001").AsBuilder().ConfigureOptions(o => o.{|CS1061:NoSuch|} = null).Build();
                    _ = a.GetResponseAsync(q, new ChatOptions { Temperature = 0.2f, TopP = 0.9f });
                }
            }
            """);
}
