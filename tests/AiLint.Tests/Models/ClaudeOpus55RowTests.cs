using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Claude Opus 5.5: Anthropic's migration guide gives 'claude-opus-5-5' as a fixed id with no date suffix, and the model
/// answers 400 to a non-default temperature, top_p or top_k. So the id is neither an alias nor deprecated (AIL0501-0503
/// stay quiet), and non-default sampling values sent to it are AIL0504, as for claude-sonnet-5. Twins: the defaults,
/// leaving them out, and a legacy model that still accepts them.
/// </summary>
public class ClaudeOpus55RowTests
{
    [Fact]
    public void The_row_is_a_current_fixed_id_of_a_reasoning_model()
    {
        var row = ModelTable.Shipped.Find("claude-opus-5-5")!;
        Assert.Equal("anthropic", row.Provider);
        Assert.False(row.IsAlias);
        Assert.True(row.IsReasoning);
        Assert.Null(row.ShutdownDate);
        Assert.Equal(ModelIdStatus.Snapshot, row.StatusAsOf(ShippedModelTable.CompiledOn));
    }

    [Fact]
    public Task Non_default_sampling_for_claude_opus_5_5_is_reported_and_the_id_is_not() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions M() => new ChatOptions { ModelId = "claude-opus-5-5", {|#0:Temperature = 0.2f|}, {|#1:TopP = 0.9f|} };

                ChatOptions Defaults() => new ChatOptions { ModelId = "claude-opus-5-5", Temperature = 1f, MaxOutputTokens = 2048 };

                ChatOptions Unset() => new ChatOptions { ModelId = "claude-opus-5-5", MaxOutputTokens = 2048 };

                ChatOptions Older() => new ChatOptions { ModelId = "claude-sonnet-4-6", Temperature = 0.2f };
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("claude-opus-5-5", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("claude-opus-5-5", "top_p"));

    [Fact]
    public Task Half_typed_options_for_claude_opus_5_5_do_not_crash() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions A() => new ChatOptions { ModelId = "claude-opus-5-5", {|CS0117:Temprature|} = 0.2f };
                ChatOptions B() => new {|CS0246:ChatOptionz|} { ModelId = "claude-opus-5-5", Temperature = 0.2f };
            }
            """);
}
