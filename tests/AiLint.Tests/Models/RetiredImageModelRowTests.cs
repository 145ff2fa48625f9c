using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// OpenAI's deprecations page: gpt-image-1-mini, gpt-image-1.5 (with its dated id gpt-image-1.5-2025-12-16) and
/// chatgpt-image-latest, notice 2026-06-02, shut down on 2026-12-01, before the table's compile date: AIL0503 with no
/// replacement (its name differs between versions of the page). Twins: the replacement the page names, which the table
/// does not know, and a local server's model of the same name stay quiet.
/// </summary>
public class RetiredImageModelRowTests
{
    [Fact]
    public void The_rows_are_retired_with_no_successor()
    {
        foreach (var id in new[] { "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-1.5-2025-12-16", "chatgpt-image-latest" })
        {
            var row = ModelTable.Shipped.Find(id)!;
            Assert.Equal("2026-06-02", row.DeprecationDate);
            Assert.Equal("2026-12-01", row.ShutdownDate);
            Assert.Null(row.Successor);
            Assert.Equal(ModelIdStatus.Retired, row.StatusAsOf(ShippedModelTable.CompiledOn));
        }
    }

    [Fact]
    public Task Retired_image_models_are_reported_as_retired() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Images;
            class C
            {
                ImageClient Mini(OpenAIClient client) => client.GetImageClient({|#0:"gpt-image-1-mini"|});
                ImageClient OneFive(string key) => new ImageClient({|#1:"gpt-image-1.5"|}, key);
                ImageClient OneFivePinned(OpenAIClient client) => client.GetImageClient({|#2:"gpt-image-1.5-2025-12-16"|});
                ImageClient Latest(OpenAIClient client) => client.GetImageClient({|#3:"chatgpt-image-latest"|});

                // The replacement the page names: not in the table, no verdict.
                ImageClient Current(OpenAIClient client) => client.GetImageClient("gpt-image-2.6-sunburst");

                // A local server's model of the same name is that server's.
                ImageClient Local() => new OpenAIClient(new ApiKeyCredential("x"),
                    new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") }).GetImageClient("gpt-image-1.5");
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-image-1-mini", "2026-12-01", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-image-1.5", "2026-12-01", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-image-1.5-2025-12-16", "2026-12-01", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("chatgpt-image-latest", "2026-12-01", ""));

    [Fact]
    public Task Half_typed_image_clients_do_not_crash() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Images;
            class C
            {
                object A(OpenAIClient client) => client.GetImageClient({|#0:"gpt-image-1.5"|}).{|CS1061:GenerateImag|}("a cat");
                object B(OpenAIClient client) => client.{|CS1061:GetImageClent|}("chatgpt-image-latest");
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-image-1.5", "2026-12-01", ""));
}
