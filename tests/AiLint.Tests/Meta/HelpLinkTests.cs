using System.Xml.Linq;
using AiLint.Analyzers;

namespace AiLint.Tests.Meta;

/// <summary>Help links, the package's project links and the shipped rule pages agree on one address.</summary>
public class HelpLinkTests
{
    [Fact]
    public void Every_help_link_is_a_rule_page_that_exists_in_the_repository()
    {
        Assert.NotEmpty(DescriptorTests.All);
        foreach (var descriptor in DescriptorTests.All)
        {
            Assert.StartsWith(HelpLinks.RulesBaseUrl, descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.EndsWith($"docs/rules/{descriptor.Id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.True(File.Exists(RepositoryPaths.Combine("docs", "rules", descriptor.Id + ".md")), $"docs/rules/{descriptor.Id}.md is missing");
        }
    }

    [Fact]
    public void Help_links_use_the_repository_address_of_the_package()
    {
        var properties = XDocument.Load(RepositoryPaths.Combine("Directory.Build.props")).Descendants().ToList();
        Assert.Equal(HelpLinks.RepositoryUrl, properties.Single(e => e.Name.LocalName == "RepositoryUrl").Value);
        Assert.Equal(HelpLinks.RepositoryUrl, properties.Single(e => e.Name.LocalName == "PackageProjectUrl").Value);
        Assert.Equal(HelpLinks.RepositoryUrl + "/blob/main/docs/rules/", HelpLinks.RulesBaseUrl);
    }

    [Fact]
    public void The_packed_readme_has_no_repository_relative_links()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("src", "AiLint.Package", "PACKAGE.md"));
        var targets = System.Text.RegularExpressions.Regex.Matches(readme, @"\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, target => Assert.StartsWith("https://", target, StringComparison.Ordinal));
        Assert.All(
            targets.Where(t => t.StartsWith(HelpLinks.RulesBaseUrl, StringComparison.Ordinal)),
            t => Assert.True(File.Exists(RepositoryPaths.Combine("docs", "rules", t.Substring(HelpLinks.RulesBaseUrl.Length))), t));
    }
}
