using System.Globalization;
using AiLint.Analyzers.Rules.Models;

namespace AiLint.Tests.Models;

/// <summary>Every shipped row is complete, consistent and cited.</summary>
public class ShippedModelTableTests
{
    private static readonly string[] Providers = { "openai", "anthropic", "gemini" };

    public static TheoryData<string> RowIds()
    {
        var data = new TheoryData<string>();
        foreach (var row in ShippedModelTable.Rows)
        {
            data.Add(row.Provider + "/" + row.Id);
        }

        return data;
    }

    [Fact]
    public void Compile_date_is_a_date() => Assert.True(IsDate(ShippedModelTable.CompiledOn));

    [Fact]
    public void Provider_and_id_are_unique() =>
        Assert.Equal(ShippedModelTable.Rows.Length, ShippedModelTable.Rows.Select(r => (r.Provider, r.Id)).Distinct().Count());

    [Fact]
    public void Every_provider_has_rows() =>
        Assert.All(Providers, p => Assert.Contains(ShippedModelTable.Rows, r => r.Provider == p));

    [Theory]
    [MemberData(nameof(RowIds))]
    public void Row_is_complete_and_consistent(string key)
    {
        var row = ShippedModelTable.Rows.Single(r => r.Provider + "/" + r.Id == key);

        Assert.Contains(row.Provider, Providers);
        Assert.False(string.IsNullOrWhiteSpace(row.Id));
        Assert.Equal(row.Id.Trim(), row.Id);
        Assert.True(Uri.TryCreate(row.Source, UriKind.Absolute, out var source) && source.Scheme == "https", "source must be an https URL");

        if (row.DeprecationDate != null)
        {
            Assert.True(IsDate(row.DeprecationDate));
            Assert.True(row.DeprecationDate.CompareTo(ShippedModelTable.CompiledOn) <= 0, "a deprecation is announced before the table is compiled");
        }

        if (row.ShutdownDate != null)
        {
            Assert.True(IsDate(row.ShutdownDate));
        }

        if (row.DeprecationDate != null && row.ShutdownDate != null)
        {
            Assert.True(row.DeprecationDate.CompareTo(row.ShutdownDate) <= 0, "deprecated before shut down");
        }

        if (row.Snapshot != null)
        {
            Assert.True(row.IsAlias, "only an alias points to a snapshot");
            var snapshot = ShippedModelTable.Rows.SingleOrDefault(r => r.Provider == row.Provider && r.Id == row.Snapshot);
            Assert.NotNull(snapshot);
            Assert.False(snapshot!.IsAlias);
            Assert.Equal(row.IsReasoning, snapshot.IsReasoning);

            // An alias shut down goes with its snapshot. An announcement may name only the dated snapshot (OpenAI's of
            // 2026-10-14 for gpt-5.4-mini-2026-03-17): the alias then keeps no date, and AIL0501 names the snapshot's.
            if (row.ShutdownDate != null)
            {
                Assert.Equal(row.ShutdownDate, snapshot.ShutdownDate);
            }
        }

        if (row.Successor != null)
        {
            Assert.NotEqual(row.Id, row.Successor);
            var successor = ShippedModelTable.Rows.SingleOrDefault(r => r.Provider == row.Provider && r.Id == row.Successor);
            Assert.NotNull(successor);
            Assert.False(successor!.IsRetiredAsOf(ShippedModelTable.CompiledOn), "a successor must still be served");
        }
    }

    private static bool IsDate(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
