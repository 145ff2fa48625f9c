using AiLint.Analyzers.Rules.Models;
using AiLint.CodeFixes.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// OpenAI's model page for GPT-5.1 lists 'gpt-5.1' with its one dated id, 'gpt-5.1-2025-11-13', and marks the model
/// deprecated without a date. An alias with no announced shutdown is AIL0501, not AIL0502 (the table's rule: nothing fails
/// until a shutdown is announced), and its message and fix name the dated id it points to; the dated id is not reported.
/// </summary>
public class Gpt51AliasRowTests
{
    [Fact]
    public void The_row_points_at_the_dated_id_and_names_no_shutdown()
    {
        var row = ModelTable.Shipped.Find("gpt-5.1")!;
        Assert.True(row.IsAlias);
        Assert.Equal("gpt-5.1-2025-11-13", row.Snapshot);
        Assert.Null(row.ShutdownDate);
        Assert.Null(row.Successor);
        Assert.Equal(ModelIdStatus.Alias, row.StatusAsOf(ShippedModelTable.CompiledOn));
        Assert.Equal(ModelIdStatus.Snapshot, ModelTable.Shipped.Find("gpt-5.1-2025-11-13")!.StatusAsOf(ShippedModelTable.CompiledOn));
    }

    [Fact]
    public Task The_alias_is_reported_as_floating_and_its_dated_id_is_not() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                ChatClient Alias(OpenAIClient client) => client.GetChatClient({|#0:"gpt-5.1"|});
                ChatClient Pinned(string key) => new ChatClient("gpt-5.1-2025-11-13", key);

                // A local server's model of the same name is that server's.
                ChatClient Local() => new OpenAIClient(new ApiKeyCredential("x"),
                    new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") }).GetChatClient("gpt-5.1");
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-5.1", " (it pointed to 'gpt-5.1-2025-11-13' on 2026-12-07)"));

    [Fact]
    public Task The_fix_pins_the_alias_to_its_dated_id() => new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
    {
        TestCode = """
            using OpenAI;
            class C
            {
                object A(OpenAIClient client) => client.GetChatClient({|AIL0501:"gpt-5.1"|});
            }
            """,
        FixedCode = """
            using OpenAI;
            class C
            {
                object A(OpenAIClient client) => client.GetChatClient("gpt-5.1-2025-11-13");
            }
            """,
    }.RunAsync();
}
