using AiLint.Analyzers.Rules.Models;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review86's table gap: apps already name the GPT-5.4 ids (<c>GetChatClient("gpt-5.4-nano")</c>,
/// <c>new ChatClient(model: "gpt-5.4-nano", ...)</c>). OpenAI lists each undated id beside one dated id, so the undated
/// ones float (AIL0501) and the dated ones are pinned (quiet); at another server the name is that server's (quiet).
/// </summary>
public class Gpt54AliasRowTests
{
    [Fact]
    public void The_rows_point_at_the_dated_ids_listed_beside_them()
    {
        Assert.Equal("gpt-5.4-2026-03-05", ModelTable.Shipped.Find("gpt-5.4")!.Snapshot);
        Assert.Equal("gpt-5.4-mini-2026-03-17", ModelTable.Shipped.Find("gpt-5.4-mini")!.Snapshot);
        Assert.Equal("gpt-5.4-nano-2026-03-17", ModelTable.Shipped.Find("gpt-5.4-nano")!.Snapshot);
        Assert.Equal(ModelIdStatus.Snapshot, ModelTable.Shipped.Find("gpt-5.4-nano-2026-03-17")!.StatusAsOf(ShippedModelTable.CompiledOn));
    }

    [Fact]
    public Task Gpt54_aliases_are_reported_and_their_dated_ids_are_not() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                ChatClient Full(OpenAIClient client) => client.GetChatClient({|#0:"gpt-5.4"|});
                ChatClient Mini(string key) => new ChatClient({|#1:"gpt-5.4-mini"|}, key);
                ChatClient Nano(string key) => new ChatClient(model: {|#2:"gpt-5.4-nano"|}, apiKey: key);
                ChatClient Pinned(string key) => new ChatClient("gpt-5.4-nano-2026-03-17", key);

                // A local server's model of the same name is that server's.
                ChatClient Local() => new OpenAIClient(new ApiKeyCredential("x"),
                    new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") }).GetChatClient("gpt-5.4-mini");
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-5.4", " (it pointed to 'gpt-5.4-2026-03-05' on 2026-12-07)"),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-5.4-mini", " (it pointed to 'gpt-5.4-mini-2026-03-17' on 2026-12-07)"),
            Diagnostic("AIL0501").WithLocation(2).WithArguments("gpt-5.4-nano", " (it pointed to 'gpt-5.4-nano-2026-03-17' on 2026-12-07)"));
}
