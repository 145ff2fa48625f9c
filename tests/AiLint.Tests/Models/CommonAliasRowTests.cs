using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Rows for the aliases public code sends most (reviewer 16: <c>gpt-4o-mini</c>, Anthropic's <c>claude-haiku-4-5</c>) and
/// the retired <c>claude-3-5-sonnet-latest</c> (reviewer 14: its snapshots were shut down on 2025-10-28, so calls with
/// it fail; reported as retired, not as an alias to pin). The pinned ids beside them are fine; the OpenAI aliases name
/// the shutdown of the snapshots they point to (OpenAI's announcement of 2026-10-14).
/// </summary>
public class CommonAliasRowTests
{
    [Fact]
    public Task Common_aliases_are_reported_and_their_pinned_snapshots_are_not() =>
        VerifyAsync("""
            using Anthropic.Models.Messages;
            using OpenAI.Chat;
            class C
            {
                ChatClient Mini(string key) => new ChatClient({|#0:"gpt-4o-mini"|}, key);
                ChatClient Gpt41(string key) => new ChatClient({|#1:"gpt-4.1"|}, key);
                ChatClient Gpt41Mini(string key) => new ChatClient({|#2:"gpt-4.1-mini"|}, key);

                MessageCreateParams Haiku(string q) => new MessageCreateParams
                {
                    Model = {|#3:"claude-haiku-4-5"|},
                    MaxTokens = 256,
                    Messages = [new UserMessageParam { Content = q }],
                };

                MessageCreateParams PinnedHaiku(string q) => new MessageCreateParams
                {
                    Model = "claude-haiku-4-5-20251001",
                    MaxTokens = 256,
                    Messages = [new UserMessageParam { Content = q }],
                };
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4.1", " (it pointed to 'gpt-4.1-2025-04-14' on 2026-12-07, a snapshot that shuts down on 2027-01-14; the provider recommends 'gpt-6-luna')"),
            Diagnostic("AIL0501").WithLocation(2).WithArguments("gpt-4.1-mini", " (it pointed to 'gpt-4.1-mini-2025-04-14' on 2026-12-07, a snapshot that shuts down on 2027-01-14; the provider recommends 'gpt-6-luna')"),
            Diagnostic("AIL0501").WithLocation(3).WithArguments("claude-haiku-4-5", " (it pointed to 'claude-haiku-4-5-20251001' on 2026-12-07)"));

    // The repro RetiredAnthropicAlias: the alias has nothing left to resolve to.
    [Fact]
    public Task Retired_alias_is_reported_as_retired() =>
        VerifyAsync("""
            using Anthropic.Models.Messages;
            class Ask
            {
                MessageCreateParams Run(string q) => new MessageCreateParams
                {
                    Model = {|#0:"claude-3-5-sonnet-latest"|},
                    MaxTokens = 256,
                    Messages = [new UserMessageParam { Content = q }],
                };

                MessageCreateParams Current(string q) => new MessageCreateParams
                {
                    Model = "claude-sonnet-4-6",
                    MaxTokens = 256,
                    Messages = [new UserMessageParam { Content = q }],
                };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-3-5-sonnet-latest", "2025-10-28", ""));
}
