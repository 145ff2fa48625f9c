using AiLint.Analyzers.Rules.Models;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review39: <c>new ChatClient(model: "o3-mini", ...)</c> (ChatGPTWinFormsApp) was not reported, as the table knew
/// o3-mini only as a reasoning model. OpenAI's model pages name a default snapshot for o3-mini and o4-mini, so both are
/// aliases now; the pinned snapshots beside them are fine, and o3 (no page found) stays a plain row.
/// </summary>
public class OSeriesAliasRowTests
{
    [Fact]
    public void The_rows_point_at_the_snapshots_the_pages_name()
    {
        Assert.Equal("o3-mini-2025-01-31", ModelTable.Shipped.Find("o3-mini")!.Snapshot);
        Assert.Equal("o4-mini-2025-04-16", ModelTable.Shipped.Find("o4-mini")!.Snapshot);
        Assert.False(ModelTable.Shipped.Find("o3")!.IsAlias);
    }

    [Fact]
    public Task O_series_aliases_are_reported_and_their_snapshots_are_not() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient Mini(string key) => new ChatClient(model: {|#0:"o3-mini"|}, apiKey: key);
                ChatClient FourMini(string key) => new ChatClient({|#1:"o4-mini"|}, key);
                ChatClient PinnedMini(string key) => new ChatClient(model: "o3-mini-2025-01-31", apiKey: key);
                ChatClient PinnedFourMini(string key) => new ChatClient("o4-mini-2025-04-16", key);
                ChatClient O3(string key) => new ChatClient("o3", key);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("o3-mini", " (it pointed to 'o3-mini-2025-01-31' on 2026-12-05)"),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("o4-mini", " (it pointed to 'o4-mini-2025-04-16' on 2026-12-05)"));
}
