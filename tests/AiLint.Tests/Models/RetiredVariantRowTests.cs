using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Rows for the chat, Codex and computer-use variants OpenAI shut down in July and August 2026 (reviewer 22 met a
/// GPT-5-era id the table did not know). Calls with them fail, so they are reported as retired; the current ids
/// beside them (not in the table, or in it without a date past) stay quiet.
/// </summary>
public class RetiredVariantRowTests
{
    [Fact]
    public Task Variants_shut_down_in_2026_are_reported_as_retired() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient Chat(string key) => new ChatClient({|#0:"gpt-5-chat-latest"|}, key);
                ChatClient Chat51(string key) => new ChatClient({|#1:"gpt-5.1-chat-latest"|}, key);
                ChatClient Chat52(string key) => new ChatClient({|#2:"gpt-5.2-chat-latest"|}, key);
                ChatClient Codex(string key) => new ChatClient({|#3:"gpt-5.1-codex-mini"|}, key);
                ChatClient Search(string key) => new ChatClient({|#4:"gpt-4o-search-preview-2025-03-11"|}, key);

                // Not in the table: no verdict.
                ChatClient Current(string key) => new ChatClient("gpt-5.5", key);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-5-chat-latest", "2026-07-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-5.1-chat-latest", "2026-07-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-5.2-chat-latest", "2026-08-10", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("gpt-5.1-codex-mini", "2026-07-23", ""),
            Diagnostic("AIL0503").WithLocation(4).WithArguments("gpt-4o-search-preview-2025-03-11", "2026-07-23", ""));

    // The alias is retired with its only snapshot: reported as retired, not as an alias to pin.
    [Fact]
    public Task Retired_alias_and_its_snapshot_are_both_retired() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient Alias(string key) => new ChatClient({|#0:"computer-use-preview"|}, key);
                ChatClient Pinned(string key) => new ChatClient({|#1:"computer-use-preview-2025-03-11"|}, key);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("computer-use-preview", "2026-07-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("computer-use-preview-2025-03-11", "2026-07-23", ""));

    // Review35 met GetImageClient("dall-e-3") in a real console demo: the image models were shut down on 2026-05-12.
    [Fact]
    public Task Dall_e_image_models_are_retired_and_their_successor_is_quiet() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Images;
            class C
            {
                ImageClient FromClient(OpenAIClient client) => client.GetImageClient({|#0:"dall-e-3"|});
                ImageClient Direct(string key) => new ImageClient({|#1:"dall-e-2"|}, key);

                // Current image model, not in the table: no verdict.
                ImageClient Current(OpenAIClient client) => client.GetImageClient("gpt-image-2.6-sunburst");
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("dall-e-3", "2026-05-12", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("dall-e-2", "2026-05-12", ""));

    // Moderation: the shut-down text-moderation ids are retired; the omni alias floats (an app's score thresholds were
    // tuned on one snapshot) and its pinned snapshot is quiet.
    [Fact]
    public Task Moderation_models_retired_and_floating_and_the_pinned_snapshot_is_quiet() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Moderations;
            class C
            {
                ModerationClient Old(OpenAIClient client) => client.GetModerationClient({|#0:"text-moderation-latest"|});
                ModerationClient Stable(string key) => new ModerationClient({|#1:"text-moderation-stable"|}, key);
                ModerationClient Alias(OpenAIClient client) => client.GetModerationClient({|#2:"omni-moderation-latest"|});
                ModerationClient Pinned(OpenAIClient client) => client.GetModerationClient("omni-moderation-2024-09-26");
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("text-moderation-latest", "2025-10-27", "; the provider recommends 'omni-moderation-2024-09-26'"),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("text-moderation-stable", "2025-10-27", "; the provider recommends 'omni-moderation-2024-09-26'"),
            Diagnostic("AIL0501").WithLocation(2).WithArguments("omni-moderation-latest", " (it pointed to 'omni-moderation-2024-09-26' on 2026-12-07)"));
}
