using System.IO;
using System.Reflection;
using System.Text.RegularExpressions;
using AiLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Meta;

/// <summary>
/// Each rule page's header table leads from the id to its code in one step and agrees with the code: the "Sources" row
/// names files that exist, its analyzer reports the id, category and severity match the descriptor, and "Code fix"
/// says yes exactly when a code fix provider lists the id.
/// </summary>
public class RulePageTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DescriptorTests.All.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    private static readonly Assembly CodeFixes = typeof(AiLint.CodeFixes.Rules.Retry.AddIdempotencyKeyCodeFixProvider).Assembly;

    [Theory]
    [MemberData(nameof(Ids))]
    public void Header_table_names_existing_sources_and_matches_the_code(string id)
    {
        var descriptor = DescriptorTests.All.Single(d => d.Id == id);
        var rows = HeaderRows(File.ReadAllText(RepositoryPaths.Combine("docs", "rules", id + ".md")));

        Assert.Equal(descriptor.Category, rows["Category"]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), rows["Default severity"], ignoreCase: true);

        var sources = rows["Sources"];
        var paths = Regex.Matches(sources, "`([^`]+)`").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.True(File.Exists(RepositoryPaths.Combine(p.Split('/'))), $"{id}: Sources names '{p}', which does not exist"));
        Assert.Contains(paths, p => p.StartsWith("tests/", StringComparison.Ordinal));

        // The analyzer is the first path, named after its type, and it reports the id.
        Assert.StartsWith("analyzer `", sources, StringComparison.Ordinal);
        var analyzerName = Path.GetFileNameWithoutExtension(paths[0]);
        var analyzer = DescriptorTests.AllAnalyzers.SingleOrDefault(a => a.GetType().Name == analyzerName);
        Assert.True(analyzer is not null, $"{id}: no analyzer type named {analyzerName}");
        Assert.Contains(analyzer!.SupportedDiagnostics, d => d.Id == id);

        // "Code fix: Yes" exactly when a provider lists the id, and then the page names that provider's file.
        var providers = FixProviders().Where(p => p.FixableDiagnosticIds.Contains(id)).Select(p => p.GetType().Name).ToList();
        var saysYes = rows["Code fix"].StartsWith("yes", StringComparison.OrdinalIgnoreCase);
        Assert.True(saysYes == providers.Count > 0, $"{id}: the page's 'Code fix' row says '{rows["Code fix"]}', providers: [{string.Join(", ", providers)}]");
        Assert.All(providers, name => Assert.Contains(paths, p => Path.GetFileNameWithoutExtension(p) == name));
    }

    private static IEnumerable<CodeFixProvider> FixProviders() => CodeFixes.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);

    /// <summary>The "| Name | value |" rows of the table right under the page title.</summary>
    private static Dictionary<string, string> HeaderRows(string page)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in page.Split('\n').Skip(1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')))
        {
            var match = Regex.Match(line.TrimEnd('\r'), @"^\|\s*([^|]+?)\s*\|\s*(.*?)\s*\|$");
            if (match.Success && match.Groups[1].Value.Length > 0)
            {
                rows[match.Groups[1].Value] = match.Groups[2].Value;
            }
        }

        return rows;
    }
}
