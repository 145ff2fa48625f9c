using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Claude 4.x ids retired before the compile date: Claude Opus 4.1 (alias and snapshot, 2026-08-05), the Claude 4.0
/// aliases (2026-06-15, with their snapshots) and the claude-sonnet-4-5 alias (2026-11-30, with its only snapshot), each
/// reported as retired like claude-3-5-sonnet-latest, not as an alias to pin. Twins: the current ids beside them stay
/// quiet.
/// </summary>
public class RetiredClaude4RowTests
{
    [Fact]
    public Task Retired_claude_4_ids_are_reported_as_retired() =>
        VerifyAsync("""
            using Anthropic.Models.Messages;
            class Ask
            {
                MessageCreateParams Opus41(string q) => new MessageCreateParams { Model = {|#0:"claude-opus-4-1"|}, MaxTokens = 256, Messages = [new UserMessageParam { Content = q }] };
                MessageCreateParams Opus41Pinned(string q) => new MessageCreateParams { Model = {|#1:"claude-opus-4-1-20250805"|}, MaxTokens = 256, Messages = [new UserMessageParam { Content = q }] };
                MessageCreateParams Sonnet45(string q) => new MessageCreateParams { Model = {|#2:"claude-sonnet-4-5"|}, MaxTokens = 256, Messages = [new UserMessageParam { Content = q }] };
                MessageCreateParams Sonnet40(string q) => new MessageCreateParams { Model = {|#3:"claude-sonnet-4-0"|}, MaxTokens = 256, Messages = [new UserMessageParam { Content = q }] };
                MessageCreateParams Opus40(string q) => new MessageCreateParams { Model = {|#4:"claude-opus-4-0"|}, MaxTokens = 256, Messages = [new UserMessageParam { Content = q }] };

                // Current ids beside them.
                MessageCreateParams Sonnet46(string q) => new MessageCreateParams { Model = "claude-sonnet-4-6", MaxTokens = 256, Messages = [new UserMessageParam { Content = q }] };
                MessageCreateParams Haiku45(string q) => new MessageCreateParams { Model = "claude-haiku-4-5-20251001", MaxTokens = 256, Messages = [new UserMessageParam { Content = q }] };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-opus-4-1", "2026-08-05", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("claude-opus-4-1-20250805", "2026-08-05", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("claude-sonnet-4-5", "2026-11-30", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("claude-sonnet-4-0", "2026-06-15", "; the provider recommends 'claude-sonnet-4-6'"),
            Diagnostic("AIL0503").WithLocation(4).WithArguments("claude-opus-4-0", "2026-06-15", ""));

    // Microsoft.Extensions.AI's ChatOptions: the retired id is reported as retired, a current one beside it is not.
    [Fact]
    public Task Retired_opus_4_1_in_chat_options_is_reported_as_retired() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions Old() => new ChatOptions { ModelId = {|#0:"claude-opus-4-1"|}, Temperature = 0.2f };
                ChatOptions Current() => new ChatOptions { ModelId = "claude-sonnet-4-6", Temperature = 0.2f };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-opus-4-1", "2026-08-05", ""));

    [Fact]
    public Task Half_typed_code_naming_retired_claude_ids_does_not_crash() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions A() => new ChatOptions { ModelId = {|#0:"claude-sonnet-4-5"|}, {|CS0117:NoSuch|} = 1 };
                ChatOptions B() => new {|CS0246:ChatOptionz|} { ModelId = "claude-opus-4-1" };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-sonnet-4-5", "2026-11-30", ""));
}
