using AiLint.Tool.Bom;

namespace AiLint.Tool.Tests;

public class AssetsFileTests
{
    [Fact]
    public void Reads_resolved_LLM_SDK_packages_marks_direct_ones_and_skips_the_rest()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ailint-assets-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {
              "version": 3,
              "targets": {
                "net10.0": {
                  "Microsoft.Extensions.AI.OpenAI/10.11.0": { "type": "package", "dependencies": { "OpenAI": "2.15.0", "Microsoft.Extensions.AI.Abstractions": "10.11.0", "System.Text.Json": "10.0.0" } },
                  "OpenAI/2.15.0": { "type": "package", "dependencies": { "System.ClientModel": "1.8.0" } },
                  "Microsoft.Extensions.AI.Abstractions/10.11.0": { "type": "package" },
                  "System.ClientModel/1.8.0": { "type": "package" },
                  "MyLib/1.0.0": { "type": "project" }
                }
              },
              "project": { "frameworks": { "net10.0": { "dependencies": { "Microsoft.Extensions.AI.OpenAI": { "target": "Package", "version": "[10.11.0, )" } } } } }
            }
            """);
        try
        {
            var packages = AssetsFile.ReadLlmPackages(path);

            Assert.Equal(
                [("Microsoft.Extensions.AI.Abstractions", "10.11.0", false), ("Microsoft.Extensions.AI.OpenAI", "10.11.0", true), ("OpenAI", "2.15.0", false)],
                packages.Select(p => (p.Id, p.Version, p.Direct)));
            Assert.Equal(["Microsoft.Extensions.AI.Abstractions", "OpenAI"], packages[1].DependencyIds.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("OpenAI", "pkg:nuget/OpenAI@2.15.0", "2.15.0")]
    [InlineData("Azure.AI.OpenAI", "pkg:nuget/Azure.AI.OpenAI@2.9.0-beta.1", "2.9.0-beta.1")]
    public void Purls_follow_the_nuget_purl_form(string id, string purl, string version)
    {
        Assert.Equal(purl, new BomPackage(id, version, []).Purl);
    }
}
