using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>
/// Two texts written in one member share its prompt id (docs/rules/AIL0301.md, "Prompt ids"): the BOM lists each text
/// under that id, as its own component with its own hash and location.
/// </summary>
public class BomSharedPromptIdTests
{
    // Two agents' instructions written where they are used, in one method.
    private const string TwoTextsInOneMember = """
        using OpenAI.Chat;

        public class Agents
        {
            public string Ask(ChatClient client, string question)
            {
                var surfer = client.CompleteChat(
                    new SystemChatMessage("You are a cool surfer dude. Answer in one sentence."),
                    new UserChatMessage(question));
                var pirate = client.CompleteChat(
                    new SystemChatMessage("Speak like a pirate. Never use more than two sentences."),
                    new UserChatMessage(question));
                return surfer.Value.Content[0].Text + pirate.Value.Content[0].Text;
            }
        }
        """;

    [Fact]
    public async Task Each_text_under_a_shared_prompt_id_is_listed_with_its_own_ref_hash_and_location()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, TwoTextsInOneMember);

        Assert.Equal(
            [
                ("prompt:project:App.csproj/Agents.Ask@Code.cs:8", "Agents.Ask", "Code.cs:8"),
                ("prompt:project:App.csproj/Agents.Ask@Code.cs:11", "Agents.Ask", "Code.cs:11"),
            ],
            bom.Prompts.OrderBy(p => p.Location).Select(p => (p.BomRef, p.Id, p.Location.ToString())));
        Assert.Equal(2, bom.Prompts.Select(p => p.Sha256).Distinct().Count());
        Assert.Equal(bom.Prompts.Select(p => p.BomRef).Order(StringComparer.Ordinal), Assert.Single(bom.Projects).PromptRefs);

        var json = CycloneDxWriter.Write(bom);
        Assert.Empty(CycloneDx16Rules.Validate(json));
        Assert.Equal(json, CycloneDxWriter.Write(await BuildAsync(folder.Root, TwoTextsInOneMember)));
        Assert.Contains("2 prompts", BomMarkdownWriter.Write(bom), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_id_that_holds_one_text_keeps_its_plain_ref()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using OpenAI.Chat;

            public class Agents
            {
                public string Ask(ChatClient client, string question) =>
                    client.CompleteChat(new SystemChatMessage("Speak like a pirate. Never use more than two sentences."), new UserChatMessage(question)).Value.Content[0].Text;
            }
            """);

        Assert.Equal(["prompt:project:App.csproj/Agents.Ask"], bom.Prompts.Select(p => p.BomRef));
    }

    private static async Task<AiBom> BuildAsync(string directory, string source)
    {
        var input = await InMemoryInput.CreateAppAsync(directory, source);
        return await AiBomBuilder.BuildAsync(input, TextWriter.Null);
    }
}
