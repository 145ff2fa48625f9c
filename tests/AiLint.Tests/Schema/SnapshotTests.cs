namespace AiLint.Tests.Schema;

/// <summary>
/// Baselines of the emitted source. The expected files were read and checked by hand; regenerate them only for an
/// intended change (set AILINT_UPDATE_SNAPSHOTS=1), then read the diff.
/// </summary>
public class SnapshotTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.ComponentModel.DataAnnotations;
        using AiLint;

        namespace Shop;

        public enum Status { Open, Closed }

        public static partial class Outer
        {
            [LlmSchema("order_summary", Providers = new[] { LlmProvider.OpenAI, LlmProvider.Gemini })]
            [Description("An order.")]
            public partial record struct OrderSummary(
                [property: Range(1, 10)] int Quantity,
                Status? Status,
                List<string> Notes);
        }
        """;

    private static void Verify(string generated, string file)
    {
        var path = RepositoryPaths.Combine("tests", "AiLint.Tests", "Schema", "Snapshots", file);
        if (Environment.GetEnvironmentVariable("AILINT_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), path + " is missing");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), generated);
    }

    [Fact]
    public void Emitted_type_matches_the_baseline()
    {
        var (output, result) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Verify(GeneratorHarness.GeneratedSource(result, "Shop.Outer.OrderSummary.LlmSchema.g.cs"), "OrderSummary.g.cs.txt");
    }

    [Fact]
    public void Emitted_runtime_matches_the_baseline()
    {
        var (_, result) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source));
        Verify(GeneratorHarness.GeneratedSource(result, "AiLint.Generated.LlmJsonRuntime.g.cs"), "LlmJsonRuntime.g.cs.txt");
    }

    [Fact]
    public void Output_is_identical_across_runs()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source)).Result.GeneratedTrees.Select(t => t.ToString());
        var second = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source)).Result.GeneratedTrees.Select(t => t.ToString());
        Assert.Equal(first, second);
    }
}
