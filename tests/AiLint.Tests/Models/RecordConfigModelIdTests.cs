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

    // The callers of a record parameter are searched once per compilation and serve every slot that reads one of its
    // properties: two properties of the same parameter, at two slots, are each reported at their own argument.
    [Fact]
    public Task Two_properties_of_one_record_parameter_are_each_reported_at_their_argument() =>
        VerifyAsync("""
            using OpenAI.Chat;

            public record RoutedAgent(string Name, string Model, string Fallback);

            public static class Routes
            {
                public static readonly RoutedAgent Main = new("main", {|#0:"gpt-3.5-turbo"|}, {|#1:"gpt-4-turbo"|});
            }

            internal static class Runner
            {
                public static ChatClient Primary(RoutedAgent cfg, string key) => new ChatClient(cfg.Model, key);

                public static ChatClient Both(RoutedAgent cfg, string key) => cfg.Name.Length > 0 ? new ChatClient(cfg.Model, key) : new ChatClient(cfg.Fallback, key);

                public static void Run(string key)
                {
                    Both(Routes.Main, key);
                    Primary(Routes.Main, key);
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4-turbo", "2026-10-23", ""));

    // Its quiet twin: one caller passes a record from elsewhere, so neither slot reading the parameter is reported.
    [Fact]
    public Task A_record_parameter_one_caller_passes_from_elsewhere_is_quiet_at_every_slot() =>
        VerifyAsync("""
            using OpenAI.Chat;

            public record RoutedAgent(string Name, string Model, string Fallback);

            public static class Routes
            {
                public static readonly RoutedAgent Main = new("main", "gpt-3.5-turbo", "gpt-4-turbo");
            }

            internal static class Runner
            {
                public static ChatClient Both(RoutedAgent cfg, string key) => cfg.Name.Length > 0 ? new ChatClient(cfg.Model, key) : new ChatClient(cfg.Fallback, key);

                public static void Run(RoutedAgent fromCaller, string key)
                {
                    Both(Routes.Main, key);
                    Both(fromCaller, key);
                }
            }
            """);

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
