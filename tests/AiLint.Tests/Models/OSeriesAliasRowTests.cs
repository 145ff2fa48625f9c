using AiLint.Analyzers.Rules.Models;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review39: <c>new ChatClient(model: "o3-mini", ...)</c> (ChatGPTWinFormsApp) was not reported, as the table knew
/// o3-mini only as a reasoning model. OpenAI's model pages name a default snapshot for o3-mini and o4-mini, so both are
/// aliases. Both were shut down on 2026-10-23 with their snapshots (the deprecations page's 2026-04-22 announcement), so
/// each is now reported as retired, not as an alias to pin. o3-pro is the alias of its only snapshot (o3-pro-2025-06-10),
/// and the 2026-06-11 announcement shuts down the alias with its snapshot on 2026-12-11, as it does the GPT-5 aliases: an
/// appsettings list offering "o3-pro" to <c>AddOpenAIChatCompletion(modelId: ...)</c> got nothing while the dated id was
/// reported. The o3 alias goes the same way with its only snapshot (o3-2025-04-16): code sending "o3" fails on
/// 2026-12-11 too, so it is reported as deprecated, and it stays a reasoning model for AIL0504.
/// </summary>
public class OSeriesAliasRowTests
{
    [Fact]
    public void The_rows_point_at_the_snapshots_the_pages_name()
    {
        Assert.Equal("o3-mini-2025-01-31", ModelTable.Shipped.Find("o3-mini")!.Snapshot);
        Assert.Equal("o4-mini-2025-04-16", ModelTable.Shipped.Find("o4-mini")!.Snapshot);
        Assert.Equal("o3-pro-2025-06-10", ModelTable.Shipped.Find("o3-pro")!.Snapshot);
        Assert.Equal("o3-2025-04-16", ModelTable.Shipped.Find("o3")!.Snapshot);
    }

    // The alias carries its snapshot's dates, as gpt-5-nano does; like its snapshot it is not marked a reasoning model.
    [Fact]
    public void The_o3_pro_alias_carries_its_snapshots_dates()
    {
        var aliasRow = ModelTable.Shipped.Find("o3-pro")!;
        var snapshotRow = ModelTable.Shipped.Find("o3-pro-2025-06-10")!;
        Assert.True(aliasRow.IsAlias);
        Assert.Equal("2026-12-11", aliasRow.ShutdownDate);
        Assert.Equal(snapshotRow.DeprecationDate, aliasRow.DeprecationDate);
        Assert.Equal(snapshotRow.ShutdownDate, aliasRow.ShutdownDate);
        Assert.Equal(snapshotRow.IsReasoning, aliasRow.IsReasoning);
    }

    // The o3 alias carries its snapshot's dates too, and both are reasoning models.
    [Fact]
    public void The_o3_alias_carries_its_snapshots_dates()
    {
        var aliasRow = ModelTable.Shipped.Find("o3")!;
        var snapshotRow = ModelTable.Shipped.Find("o3-2025-04-16")!;
        Assert.True(aliasRow.IsAlias);
        Assert.Equal("2026-06-11", aliasRow.DeprecationDate);
        Assert.Equal("2026-12-11", aliasRow.ShutdownDate);
        Assert.Equal(snapshotRow.DeprecationDate, aliasRow.DeprecationDate);
        Assert.Equal(snapshotRow.ShutdownDate, aliasRow.ShutdownDate);
        Assert.True(aliasRow.IsReasoning);
        Assert.True(snapshotRow.IsReasoning);
    }

    // The repro's ids, at a ChatClient: the o3-pro and o3 aliases are deprecated like their snapshots.
    [Fact]
    public Task The_o3_pro_alias_is_deprecated_like_its_snapshot() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient O3(string key) => new ChatClient({|#0:"o3"|}, key);
                ChatClient O3Pro(string key) => new ChatClient(model: {|#1:"o3-pro"|}, apiKey: key);
                ChatClient PinnedPro(string key) => new ChatClient({|#2:"o3-pro-2025-06-10"|}, key);
            }
            """,
            Diagnostic("AIL0502").WithLocation(0).WithArguments("o3", "2026-12-11", ""),
            Diagnostic("AIL0502").WithLocation(1).WithArguments("o3-pro", "2026-12-11", ""),
            Diagnostic("AIL0502").WithLocation(2).WithArguments("o3-pro-2025-06-10", "2026-12-11", ""));

    // Quiet twin: an id that only starts like the aliases names no row.
    [Fact]
    public Task Ids_that_only_start_like_the_o3_aliases_stay_quiet() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient Deep(string key) => new ChatClient("o3-pro-preview", key);
                ChatClient Other(string key) => new ChatClient("o30", key);
            }
            """);

    [Fact]
    public Task O_series_minis_and_their_snapshots_are_retired() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient Mini(string key) => new ChatClient(model: {|#0:"o3-mini"|}, apiKey: key);
                ChatClient FourMini(string key) => new ChatClient({|#1:"o4-mini"|}, key);
                ChatClient PinnedMini(string key) => new ChatClient(model: {|#2:"o3-mini-2025-01-31"|}, apiKey: key);
                ChatClient PinnedFourMini(string key) => new ChatClient({|#3:"o4-mini-2025-04-16"|}, key);
                ChatClient O1(string key) => new ChatClient({|#4:"o1"|}, key);
                ChatClient PinnedO1(string key) => new ChatClient({|#5:"o1-2024-12-17"|}, key);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("o3-mini", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("o4-mini", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("o3-mini-2025-01-31", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("o4-mini-2025-04-16", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(4).WithArguments("o1", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(5).WithArguments("o1-2024-12-17", "2026-10-23", ""));

    // The dated o3 snapshot shuts down on 2026-12-11, after the compile date: deprecated.
    [Fact]
    public Task The_dated_o3_snapshot_is_deprecated() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient Pinned(string key) => new ChatClient({|#0:"o3-2025-04-16"|}, key);
            }
            """,
            Diagnostic("AIL0502").WithLocation(0).WithArguments("o3-2025-04-16", "2026-12-11", ""));
}
