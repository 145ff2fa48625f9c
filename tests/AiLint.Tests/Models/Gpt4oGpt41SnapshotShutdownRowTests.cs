using AiLint.Analyzers.Rules.Models;
using AiLint.CodeFixes.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// OpenAI's announcement of 2026-10-14: the dated GPT-4o, GPT-4o mini, GPT-4.1 and GPT-4.1 mini snapshots shut down on
/// 2027-01-14, with gpt-6-luna as the replacement. The announcement names only the snapshots, so the undated aliases stay
/// AIL0501; its message names the snapshot the alias points to with that snapshot's shutdown date, and the fix does not
/// pin an alias to a snapshot that is itself going away. Twins: ids with no shutdown (gpt-5.4-2026-03-05, gpt-6-luna)
/// stay quiet; gpt-5-mini is no such twin, as it shuts down on 2026-12-11.
/// </summary>
public class Gpt4oGpt41SnapshotShutdownRowTests
{
    private const string Luna = "; the provider recommends 'gpt-6-luna'";

    [Fact]
    public Task Dated_snapshots_of_the_october_announcement_are_deprecated_with_their_replacement() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                ChatClient FourO(string key) => new ChatClient({|#0:"gpt-4o-2024-08-06"|}, key);
                ChatClient FourOLate(OpenAIClient client) => client.GetChatClient({|#1:"gpt-4o-2024-11-20"|});
                ChatClient FourOMini(string key) => new ChatClient({|#2:"gpt-4o-mini-2024-07-18"|}, key);
                ChatClient FourOne(string key) => new ChatClient({|#3:"gpt-4.1-2025-04-14"|}, key);
                ChatClient FourOneMini(string key) => new ChatClient({|#4:"gpt-4.1-mini-2025-04-14"|}, key);

                // Current ids beside them: no shutdown announced.
                ChatClient Current(string key) => new ChatClient("gpt-5.4-2026-03-05", key);
                ChatClient Replacement(string key) => new ChatClient("gpt-6-luna", key);
            }
            """,
            Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-4o-2024-08-06", "2027-01-14", Luna),
            Diagnostic("AIL0502").WithLocation(1).WithArguments("gpt-4o-2024-11-20", "2027-01-14", Luna),
            Diagnostic("AIL0502").WithLocation(2).WithArguments("gpt-4o-mini-2024-07-18", "2027-01-14", Luna),
            Diagnostic("AIL0502").WithLocation(3).WithArguments("gpt-4.1-2025-04-14", "2027-01-14", Luna),
            Diagnostic("AIL0502").WithLocation(4).WithArguments("gpt-4.1-mini-2025-04-14", "2027-01-14", Luna));

    [Fact]
    public Task Aliases_name_the_shutdown_of_the_snapshot_they_point_to() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient Mini(string key) => new ChatClient({|#0:"gpt-4o-mini"|}, key);
                ChatClient FourOne(string key) => new ChatClient({|#1:"gpt-4.1"|}, key);
                ChatClient FourOneMini(string key) => new ChatClient({|#2:"gpt-4.1-mini"|}, key);
                ChatClient FourO(string key) => new ChatClient({|#3:"gpt-4o"|}, key);
                ChatClient Current(string key) => new ChatClient({|#4:"gpt-5.4"|}, key);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", " (it pointed to 'gpt-4o-mini-2024-07-18' on 2026-12-07, a snapshot that shuts down on 2027-01-14" + Luna + ")"),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4.1", " (it pointed to 'gpt-4.1-2025-04-14' on 2026-12-07, a snapshot that shuts down on 2027-01-14" + Luna + ")"),
            Diagnostic("AIL0501").WithLocation(2).WithArguments("gpt-4.1-mini", " (it pointed to 'gpt-4.1-mini-2025-04-14' on 2026-12-07, a snapshot that shuts down on 2027-01-14" + Luna + ")"),
            Diagnostic("AIL0501").WithLocation(3).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0501").WithLocation(4).WithArguments("gpt-5.4", " (it pointed to 'gpt-5.4-2026-03-05' on 2026-12-07)"));

    // The fix moves a deprecated snapshot to its replacement, but does not pin an alias to a snapshot that shuts down.
    [Fact]
    public Task No_fix_pins_an_alias_to_a_snapshot_that_shuts_down() => new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
    {
        TestCode = """
            using OpenAI;
            class C
            {
                object A(OpenAIClient client) => client.GetChatClient({|AIL0501:"gpt-4o-mini"|});
                object B(OpenAIClient client) => client.GetChatClient({|AIL0502:"gpt-4o-mini-2024-07-18"|});
            }
            """,
        FixedCode = """
            using OpenAI;
            class C
            {
                object A(OpenAIClient client) => client.GetChatClient({|AIL0501:"gpt-4o-mini"|});
                object B(OpenAIClient client) => client.GetChatClient("gpt-6-luna");
            }
            """,
    }.RunAsync();

    // A team's own rows follow the same rule: an alias whose snapshot is retired names the shutdown, no pin is offered.
    [Fact]
    public Task A_user_alias_pointing_to_a_retired_snapshot_names_its_shutdown()
    {
        var test = new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
        {
            TestCode = """
                using OpenAI;
                class C
                {
                    object A(OpenAIClient client) => client.GetChatClient({|#0:"acme-chat"|});
                }
                """,
            FixedCode = """
                using OpenAI;
                class C
                {
                    object A(OpenAIClient client) => client.GetChatClient({|#0:"acme-chat"|});
                }
                """,
        };
        test.AdditionalFiles.Add(("team.ailint-models.json", """
            {
              "models": [
                { "provider": "openai", "id": "acme-chat", "alias": true, "snapshot": "acme-chat-2026-03-01" },
                { "provider": "openai", "id": "acme-chat-2026-03-01", "shutdownDate": "2026-11-01" }
              ]
            }
            """));
        var expected = CSharpAnalyzerVerifier<ModelAnalyzer>.Diagnostic("AIL0501").WithLocation(0)
            .WithArguments("acme-chat", " (it pointed to 'acme-chat-2026-03-01' on 2026-12-07, a snapshot shut down on 2026-11-01)");
        test.ExpectedDiagnostics.Add(expected);
        test.FixedState.ExpectedDiagnostics.Add(expected);
        return test.RunAsync();
    }

    // gpt-5-nano carries the 2026-06-11 announcement like its siblings (the BOM lists the date).
    [Fact]
    public void Gpt5_nano_rows_carry_the_june_announcement()
    {
        foreach (var id in new[] { "gpt-5-nano", "gpt-5-nano-2025-08-07", "gpt-5-mini", "gpt-5" })
        {
            var row = ModelTable.Shipped.Find(id)!;
            Assert.Equal("2026-06-11", row.DeprecationDate);
            Assert.Equal("2026-12-11", row.ShutdownDate);
        }
    }

    // A constructor call that does not bind (an unknown argument, a misspelt type) is no slot; one missing its closing
    // parenthesis still binds and is checked.
    [Fact]
    public Task Half_typed_code_naming_these_ids_reports_only_the_calls_that_bind() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                ChatClient A(string key) => new ChatClient("gpt-4o-mini-2024-07-18", {|CS0103:apiKey|});
                ChatClient B(string key) => new {|CS0246:ChatClinet|}("gpt-4.1-2025-04-14", key);
                ChatClient D(string key) => new ChatClient({|#0:"gpt-4o-mini"|}, key{|CS1026:|}{|CS1002:|}
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", " (it pointed to 'gpt-4o-mini-2024-07-18' on 2026-12-07, a snapshot that shuts down on 2027-01-14" + Luna + ")"));
}
