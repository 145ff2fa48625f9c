using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A template in another language returned by the project's prompt builder (<c>string BuildSystemPrompt() =&gt; $"Sen
/// {Name}, ..."</c>, then <c>System = BuildSystemPrompt()</c>) is read as the same template written at the slot: a
/// prompt unless its lines only title their data. A returned template must instruct (helpers also format memories and
/// context), and that test's persona and keyword lists are English, so before, a Turkish NPC persona was a prompt at
/// <c>System =</c> and through an English builder, but not through the same builder in Turkish.
/// </summary>
public class OtherLanguageReturnedTemplateTests
{
    // Failed before the fix: #0 and #1 (Turkish, a local with two returns and an expression body) were not reported;
    // #2 (the English twin of #1) and #3 (the Turkish template at the slot) were reported before and after.
    [Fact]
    public Task Turkish_persona_returned_by_a_builder_is_a_prompt_like_at_the_slot() =>
        VerifyAsync(
            """"
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;
            namespace Village;
            public sealed class Blacksmith(string name, string mood)
            {
                private readonly AnthropicClient _client = new();
                public string Name { get; } = name;
                public string Mood { get; } = mood;
                public List<string> Rumours { get; } = [];

                public async Task<int> ChatAsync(string line)
                {
                    var system = PersonaPrompt();
                    var reply = await _client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-haiku-4-5",
                        MaxTokens = 150,
                        System = system,
                        Messages = new MessageParam[] { new UserMessageParam { Content = line } },
                    });
                    return reply.Content.Count;
                }

                private string PersonaPrompt()
                {
                    var persona = {|#0:$"Sen {Name}, köyün demircisisin ve bugün {Mood} hissediyorsun. Oyuncuya kısa cevaplar ver, en fazla üç cümle kur."|};
                    if (Rumours.Count == 0)
                    {
                        return persona;
                    }

                    var heard = string.Join("\n", Rumours.Select(r => $"- {r}"));
                    return $"""
                        {persona}

                        Köyde duyduğun söylentiler:
                        {heard}
                        """;
                }

                private string ShortPersona() => {|#1:$"Sen {Name}, köyün demircisisin. Her zaman Türkçe konuş ve asla fiyat verme."|};
                public async Task<int> GreetAsync(string line)
                {
                    var reply = await _client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-haiku-4-5",
                        MaxTokens = 150,
                        System = ShortPersona(),
                        Messages = new MessageParam[] { new UserMessageParam { Content = line } },
                    });
                    return reply.Content.Count;
                }

                private string EnglishPersona() => {|#2:$"You are {Name}, the village blacksmith. Always speak plainly and never quote a price."|};
                public async Task<int> GreetInEnglishAsync(string line)
                {
                    var reply = await _client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-haiku-4-5",
                        MaxTokens = 150,
                        System = EnglishPersona(),
                        Messages = new MessageParam[] { new UserMessageParam { Content = line } },
                    });
                    return reply.Content.Count;
                }

                public async Task<int> GreetDirectAsync(string line)
                {
                    var reply = await _client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-haiku-4-5",
                        MaxTokens = 150,
                        System = {|#3:$"Sen {Name}, köyün demircisisin. Her zaman Türkçe konuş ve asla fiyat verme."|},
                        Messages = new MessageParam[] { new UserMessageParam { Content = line } },
                    });
                    return reply.Content.Count;
                }
            }
            """",
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Village.Blacksmith.PersonaPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Village.Blacksmith.ShortPersona"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Village.Blacksmith.EnglishPersona"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Village.Blacksmith.GreetDirectAsync"));

    // Quiet twins: a builder of a Turkish UI string that never reaches a model slot, and a builder whose Turkish
    // template only titles its data (a heading over the inventory) sent as the system text, as it is quiet written
    // at the slot.
    [Fact]
    public Task Turkish_ui_text_and_data_headings_returned_by_builders_stay_quiet() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;
            namespace Village;
            public sealed class Shop(string name)
            {
                private readonly AnthropicClient _client = new();
                public string Name { get; } = name;
                public List<string> Items { get; } = [];

                public string WelcomeBanner() => $"Hoş geldin, {Name}! Dükkânda bugün {Items.Count} ürün var. Bir şey seçmek için tıkla.";

                public string Banner() => WelcomeBanner();

                private string InventoryContext() => $"Dükkân envanteri:\n{string.Join("\n", Items)}";

                public async Task<int> ListAsync(string line)
                {
                    var reply = await _client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-haiku-4-5",
                        MaxTokens = 150,
                        System = InventoryContext(),
                        Messages = new MessageParam[] { new UserMessageParam { Content = line } },
                    });
                    return reply.Content.Count;
                }
            }
            """);

    [Fact]
    public async Task Half_typed_other_language_builders_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Anthropic;
                using Anthropic.Models.Messages;
                namespace Village;
                public sealed class Broken(string name)
                {
                    private readonly AnthropicClient _client = new();
                    private string A() => $"Sen {name}, köyün demircisisin. Her zaman Türkçe konuş ve asla fiyat verme.
                    private string B() { var p = $"Sen {, köyün demircisisin. Türkçe konuş."; return p; }
                    private string C() { return ; }
                    public Task<Message> Ask(string line) => _client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-haiku-4-5",
                        MaxTokens = 150,
                        System = A() + B() + C(,
                        Messages = new MessageParam[] { new UserMessageParam { Content = line } },
                    });
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
