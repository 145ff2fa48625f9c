using AiLint.Analyzers.Rules.Models;
using AiLint.CodeFixes.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// OpenAI's model page for GPT-4o names gpt-4o-2024-08-06 as the alias's default snapshot, and OpenAI's announcement of
/// 2026-10-14 shuts that snapshot down on 2027-01-14 with gpt-6-luna as the replacement. So 'gpt-4o' stays AIL0501, its
/// message names the snapshot with that date and replacement, and no fix pins the alias to it. Twins: the replacement and
/// a local server's model of the same name stay quiet.
/// </summary>
public class Gpt4oAliasRowTests
{
    [Fact]
    public void The_row_points_at_the_default_snapshot_that_shuts_down()
    {
        var row = ModelTable.Shipped.Find("gpt-4o")!;
        Assert.True(row.IsAlias);
        Assert.Equal("gpt-4o-2024-08-06", row.Snapshot);
        Assert.Null(row.ShutdownDate);
        Assert.Equal(ModelIdStatus.Alias, row.StatusAsOf(ShippedModelTable.CompiledOn));
        Assert.Equal("2027-01-14", row.EndingSnapshot?.ShutdownDate);
    }

    [Fact]
    public Task The_alias_names_its_snapshot_and_that_snapshot_s_shutdown() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                ChatClient Alias(OpenAIClient client) => client.GetChatClient({|#0:"gpt-4o"|});
                ChatClient ByConstructor(string key) => new ChatClient({|#1:"gpt-4o"|}, key);

                // The replacement the announcement names: no verdict.
                ChatClient Replacement(string key) => new ChatClient("gpt-6-luna", key);

                // A local server's model of the same name is that server's.
                ChatClient Local() => new OpenAIClient(new ApiKeyCredential("x"),
                    new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") }).GetChatClient("gpt-4o");
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", " (it pointed to 'gpt-4o-2024-08-06' on 2026-12-07, a snapshot that shuts down on 2027-01-14; the provider recommends 'gpt-6-luna')"),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o", " (it pointed to 'gpt-4o-2024-08-06' on 2026-12-07, a snapshot that shuts down on 2027-01-14; the provider recommends 'gpt-6-luna')"));

    [Fact]
    public Task No_fix_pins_gpt_4o_to_its_ending_snapshot() => new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
    {
        TestCode = """
            using OpenAI;
            class C
            {
                object A(OpenAIClient client) => client.GetChatClient({|AIL0501:"gpt-4o"|});
            }
            """,
        FixedCode = """
            using OpenAI;
            class C
            {
                object A(OpenAIClient client) => client.GetChatClient({|AIL0501:"gpt-4o"|});
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Half_typed_code_naming_gpt_4o_does_not_crash() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions A() => new ChatOptions { ModelId = {|#0:"gpt-4o"|}, {|CS0117:NoSuch|} = 1 };
                ChatOptions B() => new {|CS0246:ChatOptionz|} { ModelId = "gpt-4o" };
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", Gpt4oPointer));
}
