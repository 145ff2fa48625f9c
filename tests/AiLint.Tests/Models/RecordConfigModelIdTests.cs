using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Per-agent configuration written in code as a positional record, <c>static readonly AgentConfig Writer = new("writer",
/// "gpt-3.5-turbo", "You are ...")</c>, then <c>new ChatClient(Agents.Writer.Model, key)</c>: the record's property holds
/// the constructor argument, so that argument is the id sent. Reported at the argument, where the id is written. A
/// parameter typed with the record is followed to its callers when every one passes such a field.
/// </summary>
public class RecordConfigModelIdTests
{
    private const string Agents = """
        using OpenAI.Chat;

        public record AgentConfig(string Name, string Model, string Instructions);

        public static class Agents
        {
            public static readonly AgentConfig Writer = new("writer", {|#0:"gpt-3.5-turbo"|}, "You are a copywriter.");
            public static readonly AgentConfig Critic = new AgentConfig("critic", {|#1:"gpt-4-turbo"|}, "You are a harsh editor.");
        }

        """;

    [Fact]
    public Task A_static_readonly_record_read_at_a_slot_is_reported_at_its_argument() =>
        VerifyAsync(Agents + """
            public static class Runner
            {
                public static ChatClient Writer(string key) => new ChatClient(Agents.Writer.Model, key);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    [Fact]
    public Task A_record_parameter_whose_every_caller_passes_such_a_field_is_reported_at_each_argument() =>
        VerifyAsync(Agents + """
            internal static class Runner
            {
                public static ChatClient Create(AgentConfig cfg, string key) => new ChatClient(cfg.Model, key);

                public static void RunAll(string key)
                {
                    Create(Agents.Writer, key);
                    Create(Agents.Critic, key);
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4-turbo", "2026-10-23", ""));

    // Quiet twins: a record built from configuration, a caller passing a record from elsewhere, a mutable field.
    [Fact]
    public Task Records_built_from_configuration_or_passed_from_elsewhere_are_quiet() =>
        VerifyAsync("""
            using System;
            using OpenAI.Chat;

            public record AgentConfig(string Name, string Model, string Instructions);

            public static class Agents
            {
                public static readonly AgentConfig Writer = new("writer", Environment.GetEnvironmentVariable("WRITER_MODEL")!, "You are a copywriter.");
                public static AgentConfig Mutable = new("critic", "gpt-4-turbo", "You are a harsh editor.");
                public static readonly AgentConfig Known = new("known", "gpt-3.5-turbo", "You are terse.");
            }

            public static class Runner
            {
                public static ChatClient Writer(string key) => new ChatClient(Agents.Writer.Model, key);
                public static ChatClient Critic(string key) => new ChatClient(Agents.Mutable.Model, key);

                public static ChatClient Create(AgentConfig cfg, string key) => new ChatClient(cfg.Model, key);

                public static void Run(AgentConfig fromCaller, string key)
                {
                    Create(Agents.Known, key);
                    Create(fromCaller, key);
                }
            }
            """);

    // A library's public method may be called by other projects with other records; a loop over a list is not read.
    [Fact]
    public Task A_public_library_method_or_a_loop_over_records_is_quiet() =>
        VerifyAsync("""
            using OpenAI.Chat;

            public record AgentConfig(string Name, string Model, string Instructions);

            public static class Agents
            {
                public static readonly AgentConfig Writer = new("writer", "gpt-3.5-turbo", "You are a copywriter.");
                public static readonly AgentConfig[] All = [Writer];
            }

            public static class Library
            {
                public static ChatClient Create(AgentConfig cfg, string key) => new ChatClient(cfg.Model, key);

                public static void RunWriter(string key) => Create(Agents.Writer, key);
            }

            internal static class Runner
            {
                private static ChatClient Create(AgentConfig cfg, string key) => new ChatClient(cfg.Model, key);

                public static void RunAll(string key)
                {
                    foreach (var agent in Agents.All)
                    {
                        Create(agent, key);
                    }

                    Create(Agents.Writer, key);
                }
            }
            """);

    [Fact]
    public Task Half_typed_records_do_not_crash() =>
        VerifyAsync("""
            using OpenAI.Chat;

            public record AgentConfig(string Name, string Model, string Instructions);

            public static class Agents
            {
                public static readonly AgentConfig Writer = new("writer"{|CS1026:|}{|CS1002:|}
                public static readonly {|CS0246:NoSuchConfig|} Other = new("x", "gpt-3.5-turbo");
            }

            public static class Runner
            {
                public static ChatClient A(string key) => new ChatClient(Agents.Writer.Model, key);
                public static ChatClient B(string key) => new ChatClient(Agents.Other.Model, key);
                public static ChatClient C(string key) => new ChatClient(Agents.Writer.{|CS1061:NoSuch|}, key);
            }
            """);
}
