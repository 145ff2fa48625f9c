using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Per-agent configuration as an array or list of positional records, <c>static readonly AgentConfig[] Agents = {
/// new("writer", "gpt-3.5-turbo", ...), new(...) };</c>, then <c>foreach (var a in Agents) client.GetChatClient(a.Model)</c>:
/// every element is sent, so each constructor argument is an id the slot sends, reported where it is written. Only a
/// collection whose elements are all visible constructions and that nothing else fills or empties.
/// </summary>
public class RecordConfigArrayModelIdTests
{
    private const string Team = """
        using System;
        using System.Collections.Generic;
        using OpenAI;
        using OpenAI.Chat;

        public record AgentConfig(string Name, string Model, string Instructions);

        public static class Team
        {
            public static readonly AgentConfig[] Agents =
            {
                new("writer", {|#0:"gpt-3.5-turbo"|}, "You are a copywriter."),
                new AgentConfig("critic", {|#1:"gpt-4-turbo"|}, "You are a harsh editor."),
                new("planner", "gpt-5.4-2026-03-05", "You plan the work."),
            };

            public static readonly List<AgentConfig> Reviewers =
            [
                new("legal", {|#2:"gpt-5-2025-08-07"|}, "You check the legal wording."),
                new("style", "gpt-5.4-2026-03-05", "You check the style."),
            ];

            public static readonly AgentConfig[] Translators = new[]
            {
                new AgentConfig("fr", {|#3:"gpt-3.5-turbo-1106"|}, "You translate to French."),
            };

            public static readonly List<AgentConfig> Summarizers = new List<AgentConfig>
            {
                new("short", {|#4:"gpt-4-0613"|}, "You summarize in one line."),
            };
        }

        """;

    private static DiagnosticResult[] Expected(params int[] locations)
    {
        var all = new[]
        {
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4-turbo", "2026-10-23", ""),
            Diagnostic("AIL0502").WithLocation(2).WithArguments("gpt-5-2025-08-07", "2026-12-11", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("gpt-3.5-turbo-1106", "2026-09-28", ""),
            Diagnostic("AIL0503").WithLocation(4).WithArguments("gpt-4-0613", "2026-10-23", ""),
        };
        return locations.Select(l => all[l]).ToArray();
    }

    [Fact]
    public Task Each_element_of_an_agent_array_or_list_read_in_a_loop_is_reported_at_its_argument() =>
        VerifyAsync(Team + """
            public class Runner(OpenAIClient client)
            {
                public void RunAll()
                {
                    foreach (var a in Team.Agents)
                    {
                        var chat = client.GetChatClient(a.Model);
                    }
                }

                public IEnumerable<ChatClient> Review()
                {
                    foreach (AgentConfig r in Team.Reviewers)
                    {
                        yield return new ChatClient(r.Model, "key");
                    }
                }

                public void Translate()
                {
                    foreach (var t in Team.Translators) client.GetChatClient(t.Model);
                    foreach (var s in Team.Summarizers) client.GetChatClient(s.Model);
                }
            }
            """,
            Expected(0, 1, 2, 3, 4));

    // A record parameter whose only caller is such a loop: each element is what the parameter holds.
    [Fact]
    public Task A_record_parameter_filled_by_a_loop_over_the_array_is_reported_at_each_argument() =>
        VerifyAsync(Team + """
            internal class Runner(OpenAIClient client)
            {
                private ChatClient Create(AgentConfig cfg) => client.GetChatClient(cfg.Model);

                public void RunAll()
                {
                    foreach (var a in Team.Agents)
                    {
                        Create(a);
                    }
                }
            }
            """,
            Expected(0, 1));

    // Quiet twins: an array read from a file, a list the code fills or empties elsewhere, an array with an element that
    // is no construction, a mutable field, and an element replaced by index.
    [Fact]
    public Task Arrays_from_configuration_or_changed_elsewhere_are_quiet() =>
        VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Text.Json;
            using OpenAI;
            using OpenAI.Chat;

            public record AgentConfig(string Name, string Model, string Instructions);

            public static class Team
            {
                public static readonly AgentConfig[] Configured = JsonSerializer.Deserialize<AgentConfig[]>(File.ReadAllText("agents.json"))!;
                public static readonly List<AgentConfig> Filled = [new("writer", "gpt-3.5-turbo", "You are a copywriter.")];
                public static readonly List<AgentConfig> Emptied = [new("writer", "gpt-3.5-turbo", "You are a copywriter.")];
                public static readonly AgentConfig[] Mixed = { new("writer", "gpt-3.5-turbo", "You write."), Load("critic") };
                public static AgentConfig[] Mutable = { new("writer", "gpt-3.5-turbo", "You write.") };
                public static readonly AgentConfig[] Replaced = { new("writer", "gpt-3.5-turbo", "You write.") };

                public static AgentConfig Load(string name) => JsonSerializer.Deserialize<AgentConfig>(File.ReadAllText(name + ".json"))!;

                public static void Configure(AgentConfig extra, string model)
                {
                    Filled.Add(extra);
                    Emptied.Clear();
                    Replaced[0] = new("writer", model, "You write.");
                }
            }

            public class Runner(OpenAIClient client)
            {
                public void RunAll()
                {
                    foreach (var a in Team.Configured) client.GetChatClient(a.Model);
                    foreach (var a in Team.Filled) client.GetChatClient(a.Model);
                    foreach (var a in Team.Emptied) client.GetChatClient(a.Model);
                    foreach (var a in Team.Mixed) client.GetChatClient(a.Model);
                    foreach (var a in Team.Mutable) client.GetChatClient(a.Model);
                    foreach (var a in Team.Replaced) client.GetChatClient(a.Model);
                }
            }
            """);

    [Fact]
    public Task Half_typed_agent_arrays_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using System.Collections.Generic;
                using OpenAI;
                using OpenAI.Chat;

                public record AgentConfig(string Name, string Model, string Instructions);

                public static class Team
                {
                    public static readonly AgentConfig[] Agents = { new("writer", "gpt-3.5-turbo", ), new( };
                    public static readonly List<AgentConfig> Reviewers = [new("legal", ), , ];
                    public static readonly AgentConfig[] Missing = { Unknown.Agent };
                }

                public class Runner(OpenAIClient client)
                {
                    public void RunAll()
                    {
                        foreach (var a in Team.Agents) client.GetChatClient(a.Model);
                        foreach (var a in Team.Reviewers) client.GetChatClient(a.);
                        foreach (var a in Team.Missing) client.GetChatClient(a.Model);
                        foreach (var a in ) client.GetChatClient(a.Model);
                    }
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
