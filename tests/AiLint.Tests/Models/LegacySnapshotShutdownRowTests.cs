using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Rows for the rest of OpenAI's shutdowns the table's sources already named: the 2026-09-28 ids of OpenAI's notice of
/// 2025-09-26 (gpt-3.5-turbo-instruct, davinci-002), the 2026-10-23 rows of the deprecations page's 2026-04-22
/// announcement beyond gpt-3.5-turbo and gpt-4 (gpt-4.1-nano, gpt-4o-2024-05-13, gpt-image-1, o1-pro and its
/// snapshot), and the dated snapshots of the 2026-06-11 announcement, shut down on 2026-12-11 (after the compile date).
/// Twins: the current ids beside them (not in the table, or without a date) stay quiet.
/// </summary>
public class LegacySnapshotShutdownRowTests
{
    [Fact]
    public Task Ids_shut_down_in_september_and_october_2026_are_retired() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            using OpenAI.Images;
            class C
            {
                ChatClient Instruct(string key) => new ChatClient({|#0:"gpt-3.5-turbo-instruct"|}, key);
                ChatClient Davinci(string key) => new ChatClient({|#1:"davinci-002"|}, key);
                ChatClient Nano(string key) => new ChatClient({|#2:"gpt-4.1-nano"|}, key);
                ChatClient FirstFourO(string key) => new ChatClient({|#3:"gpt-4o-2024-05-13"|}, key);
                ChatClient Pro(string key) => new ChatClient({|#4:"o1-pro"|}, key);
                ChatClient PinnedPro(string key) => new ChatClient({|#5:"o1-pro-2025-03-19"|}, key);
                ImageClient Image(OpenAIClient client) => client.GetImageClient({|#6:"gpt-image-1"|});

                // Current ids beside them: no verdict.
                ChatClient Mini(string key) => new ChatClient("gpt-5.4-nano-2026-03-17", key);
                ImageClient NewerImage(OpenAIClient client) => client.GetImageClient("gpt-image-2.6-sunburst");
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-instruct", "2026-09-28", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("davinci-002", "2026-09-28", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4.1-nano", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("gpt-4o-2024-05-13", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(4).WithArguments("o1-pro", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(5).WithArguments("o1-pro-2025-03-19", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(6).WithArguments("gpt-image-1", "2026-10-23", ""));

    // The dated snapshots of the 2026-06-11 announcement shut down after the compile date, and the o3 alias with its
    // only snapshot.
    [Fact]
    public Task Snapshots_shutting_down_on_2026_12_11_are_deprecated() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient O3Pro(string key) => new ChatClient({|#0:"o3-pro-2025-06-10"|}, key);
                ChatClient Gpt5Pro(string key) => new ChatClient({|#1:"gpt-5-pro-2025-10-06"|}, key);
                ChatClient O3(string key) => new ChatClient({|#2:"o3-2025-04-16"|}, key);
                ChatClient Alias(string key) => new ChatClient({|#3:"o3"|}, key);
            }
            """,
            Diagnostic("AIL0502").WithLocation(0).WithArguments("o3-pro-2025-06-10", "2026-12-11", ""),
            Diagnostic("AIL0502").WithLocation(1).WithArguments("gpt-5-pro-2025-10-06", "2026-12-11", ""),
            Diagnostic("AIL0502").WithLocation(2).WithArguments("o3-2025-04-16", "2026-12-11", ""),
            Diagnostic("AIL0502").WithLocation(3).WithArguments("o3", "2026-12-11", ""));
}
