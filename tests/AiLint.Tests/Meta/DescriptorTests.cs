using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Text.RegularExpressions;
using AiLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Meta;

/// <summary>Every descriptor is documented, tracked, reported by an analyzer and matches the contract.</summary>
public class DescriptorTests
{
    /// <summary>The rule table of docs/design/contract.md: id, category, default severity.</summary>
    public static readonly TheoryData<string, string, DiagnosticSeverity> ContractRules = new()
    {
        { "AIL0001", "AiLint.Reliability", DiagnosticSeverity.Error },
        { "AIL0002", "AiLint.Reliability", DiagnosticSeverity.Error },
        { "AIL0003", "AiLint.Reliability", DiagnosticSeverity.Warning },
        { "AIL0004", "AiLint.Reliability", DiagnosticSeverity.Error },
        { "AIL0101", "AiLint.Observability", DiagnosticSeverity.Error },
        { "AIL0102", "AiLint.Observability", DiagnosticSeverity.Error },
        { "AIL0201", "AiLint.Agents", DiagnosticSeverity.Error },
        { "AIL0202", "AiLint.Agents", DiagnosticSeverity.Error },
        { "AIL0301", "AiLint.Evaluation", DiagnosticSeverity.Error },
        { "AIL0302", "AiLint.Evaluation", DiagnosticSeverity.Warning },
        { "AIL0303", "AiLint.Evaluation", DiagnosticSeverity.Info },
        { "AIL0304", "AiLint.Evaluation", DiagnosticSeverity.Error },
        { "AIL0401", "AiLint.StructuredOutput", DiagnosticSeverity.Error },
        { "AIL0402", "AiLint.StructuredOutput", DiagnosticSeverity.Error },
        { "AIL0403", "AiLint.StructuredOutput", DiagnosticSeverity.Error },
        { "AIL0501", "AiLint.Models", DiagnosticSeverity.Warning },
        { "AIL0502", "AiLint.Models", DiagnosticSeverity.Warning },
        { "AIL0503", "AiLint.Models", DiagnosticSeverity.Error },
        { "AIL0504", "AiLint.Models", DiagnosticSeverity.Error },
        { "AIL0505", "AiLint.Models", DiagnosticSeverity.Warning },
        { "AIL0506", "AiLint.Models", DiagnosticSeverity.Error },
    };

    internal static ImmutableArray<DiagnosticDescriptor> All { get; } = typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToImmutableArray();

    internal static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    [Fact]
    public void Descriptors_match_the_contract_exactly()
    {
        var expected = ContractRules.Select(row => ((string)row[0], (string)row[1], (DiagnosticSeverity)row[2])).OrderBy(r => r.Item1).ToList();
        var actual = All.Select(d => (d.Id, d.Category, d.DefaultSeverity)).OrderBy(r => r.Id).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Ids_are_unique() => Assert.Equal(All.Length, All.Select(d => d.Id).Distinct().Count());

    [Theory]
    [MemberData(nameof(ContractRules))]
    public void Descriptor_is_documented_and_tracked(string id, string category, DiagnosticSeverity severity)
    {
        var descriptor = All.Single(d => d.Id == id);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), "empty description");
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), "empty title");
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal(HelpLinks.RulesBaseUrl + id + ".md", descriptor.HelpLinkUri);
        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);

        var page = RepositoryPaths.Combine("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");
        Assert.StartsWith($"# {id}:", File.ReadAllText(page));

        var unshipped = File.ReadAllLines(RepositoryPaths.Combine("src", "AiLint.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var row = unshipped.SingleOrDefault(l => l.StartsWith(id + " ", StringComparison.Ordinal));
        Assert.NotNull(row);
        var cells = row!.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(category, cells[1]);
        Assert.Equal(severity.ToString(), cells[2]);
    }

    [Theory]
    [MemberData(nameof(ContractRules))]
    public void Descriptor_is_reported_by_an_analyzer(string id, string category, DiagnosticSeverity severity)
    {
        _ = category;
        _ = severity;
        Assert.Contains(AllAnalyzers, a => a.SupportedDiagnostics.Any(d => d.Id == id));
    }

    [Fact]
    public void Readme_rules_table_matches_the_descriptors()
    {
        var readme = File.ReadAllLines(RepositoryPaths.Combine("README.md"));
        var rows = readme
            .Select(l => Regex.Match(l, @"^\|\s*\[(AIL\d{4})\]\(docs/rules/AIL\d{4}\.md\)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => (Category: m.Groups[2].Value, Severity: m.Groups[3].Value, Title: m.Groups[4].Value));

        Assert.Equal(All.Select(d => d.Id).OrderBy(x => x), rows.Keys.OrderBy(x => x));
        foreach (var descriptor in All)
        {
            var row = rows[descriptor.Id];
            Assert.Equal(descriptor.Category, row.Category);
            Assert.Equal(descriptor.DefaultSeverity.ToString().ToLowerInvariant(), row.Severity);
            Assert.Equal(descriptor.Title.ToString().Replace("|", "\\|", StringComparison.Ordinal), row.Title);
        }
    }
}
