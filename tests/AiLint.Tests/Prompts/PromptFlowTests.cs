using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Prompts that reach a slot the way real apps write them: a settings property's constant default, a template filled
/// with Replace / string.Format / interpolation, a local, either branch of ?: and ??, and a parameter of the project's
/// own method (followed to its call sites).
/// </summary>
public class PromptFlowTests
{
    private const string Plain = "You are the Contoso support assistant.";

    [Fact]
    public Task Settings_property_defaulting_to_a_const_makes_the_const_the_prompt() =>
        VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class AssistantOptions
            {
                public const string {|#0:DefaultSystemPrompt|} = "{{Plain}}";
                public string SystemPrompt { get; set; } = DefaultSystemPrompt;
                public string Model { get; set; } = "gpt-4o-mini";
                public string Endpoint { get; set; } = "https://example.test/v1";
            }
            public sealed class Assistant(AssistantOptions options)
            {
                public ChatOptions Build() => new ChatOptions { Instructions = options.SystemPrompt, ModelId = options.Model };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.AssistantOptions.DefaultSystemPrompt"));

    [Fact]
    public Task Settings_property_with_a_literal_default_is_the_prompt_and_its_id_is_the_property() =>
        VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class AssistantOptions
            {
                public string {|#0:SystemPrompt|} { get; set; } = "{{Plain}}";
            }
            public sealed class Assistant(AssistantOptions options)
            {
                public ChatMessage System() => new ChatMessage(ChatRole.System, options.SystemPrompt);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.AssistantOptions.SystemPrompt"));

    [Fact]
    public Task Settings_property_covered_by_its_id_has_no_diagnostic() =>
        VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class AssistantOptions
            {
                public string SystemPrompt { get; set; } = "{{Plain}}";
            }
            public sealed class Assistant(AssistantOptions options)
            {
                public ChatMessage System() => new ChatMessage(ChatRole.System, options.SystemPrompt);
            }
            """,
            ("evals/a.evals.jsonl", Case("Shop.AssistantOptions.SystemPrompt")));

    [Fact]
    public Task Settings_property_without_a_constant_default_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class AssistantOptions
            {
                public string SystemPrompt { get; set; } = "";
                public string Persona { get; set; } = string.Empty;
                public string? Instructions { get; set; }
                public static AssistantOptions FromEnvironment() => new AssistantOptions
                {
                    SystemPrompt = Environment.GetEnvironmentVariable("SYSTEM_PROMPT") ?? "",
                    Instructions = Environment.GetEnvironmentVariable("INSTRUCTIONS"),
                };
            }
            public sealed class Assistant(AssistantOptions options)
            {
                public ChatMessage[] Build() => new[]
                {
                    new ChatMessage(ChatRole.System, options.SystemPrompt),
                    new ChatMessage(ChatRole.System, options.Persona),
                    new ChatMessage(ChatRole.System, options.Instructions),
                };
            }
            """);

    [Fact]
    public Task Settings_bound_from_configuration_without_a_constant_default_are_not_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;
            namespace Shop;
            public sealed class AssistantOptions
            {
                public string SystemPrompt { get; set; } = "";
                public string? Persona { get; set; }
            }
            public static class Setup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration) =>
                    services.Configure<AssistantOptions>(configuration.GetSection("Assistant"));
            }
            public sealed class Assistant(IOptions<AssistantOptions> options, IConfiguration configuration)
            {
                public ChatOptions Build() => new ChatOptions { Instructions = options.Value.SystemPrompt };
                public ChatMessage Persona() => new ChatMessage(ChatRole.System, options.Value.Persona ?? configuration["Assistant:Persona"]);
            }
            """);

    [Fact]
    public Task Settings_read_through_IOptions_are_followed_to_their_constant_default() =>
        VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;
            namespace Shop;
            public sealed class AssistantOptions
            {
                public string {|#0:SystemPrompt|} { get; set; } = "{{Plain}}";
            }
            public static class Setup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration) =>
                    services.Configure<AssistantOptions>(configuration.GetSection("Assistant"));
            }
            public sealed class Assistant(IOptions<AssistantOptions> options)
            {
                public ChatOptions Build() => new ChatOptions { Instructions = options.Value.SystemPrompt };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.AssistantOptions.SystemPrompt"));

    [Fact]
    public Task Templates_filled_with_Replace_or_Format_make_the_template_the_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Templates
            {
                public const string {|#0:Support|} = "You are helping {customer} with order {order}.";
                public static readonly string {|#1:Refunds|} = "You handle refunds for {0}.";
                public static ChatMessage[] Build(string customer, string order) => new[]
                {
                    new ChatMessage(ChatRole.System, Support.Replace("{customer}", customer).Replace("{order}", order)),
                    new ChatMessage(ChatRole.System, string.Format(Refunds, customer)),
                };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Templates.Support"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Shop.Templates.Refunds"));

    [Fact]
    public Task Filling_or_interpolating_user_text_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Relay
            {
                public static ChatMessage[] Build(string userText, string userFormat, string customer) => new[]
                {
                    new ChatMessage(ChatRole.System, userText.Replace("{customer}", customer)),
                    new ChatMessage(ChatRole.System, string.Format(userFormat, customer)),
                    new ChatMessage(ChatRole.System, $"{userText}{customer}"),
                    new ChatMessage(ChatRole.System, $"{userText}\n\n{customer}"),
                    new ChatMessage(ChatRole.System, (Environment.GetEnvironmentVariable("A") ?? userText).Trim()),
                };
            }
            """);

    [Fact]
    public Task An_interpolated_template_at_the_slot_is_a_prompt_named_after_its_member() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class Assistant
            {
                public ChatOptions Build(string customer) =>
                    new ChatOptions { Instructions = {|#0:$"You are helping {customer}. Be brief."|} };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Assistant.Build"));

    [Fact]
    public Task An_interpolated_template_is_hashed_with_its_placeholders_and_instructions_need_rules() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class Assistant
            {
                public ChatOptions Build(string customer) =>
                    new ChatOptions { Instructions = $"You are helping {customer}. {|#0:Never share card numbers.|}" };
                public ChatOptions Escaped(string customer) =>
                    new ChatOptions { Instructions = $"You are helping {customer}.\n{|#1:You must not share card numbers.|}" };
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Shop.Assistant.Build", sha: Sha256("You are helping {customer}. Never share card numbers."))
                    + "\n" + Case("Shop.Assistant.Escaped", sha: Sha256("You are helping {customer}.\nYou must not share card numbers."))),
            },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never share card numbers.", "Shop.Assistant.Build"),
            // A text part spelled with an escape is mapped through it (review46 L1): the instruction is underlined.
            Diagnostic("AIL0303").WithLocation(1).WithArguments("You must not share card numbers.", "Shop.Assistant.Escaped"));

    [Fact]
    public Task Literals_constant_locals_and_reassigned_locals_at_the_slot() =>
        VerifyAsync(
            $$"""
            using System;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class Assistant
            {
                public ChatMessage[] Build(bool verbose)
                {
                    const string persona = {|#0:"{{Plain}}"|};
                    var system = {|#1:"Answer in English."|};
                    var changed = "Answer in French.";
                    if (verbose)
                    {
                        changed = Environment.GetEnvironmentVariable("PROMPT") ?? "";
                    }

                    return new[]
                    {
                        new ChatMessage(ChatRole.System, persona),
                        new ChatMessage(ChatRole.System, system),
                        new ChatMessage(ChatRole.System, changed),
                    };
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Assistant.Build"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Shop.Assistant.Build"));

    [Fact]
    public Task Both_branches_of_a_conditional_and_the_fallback_of_a_coalesce_are_prompts() =>
        VerifyAsync(
            $$"""
            using System;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                public const string {|AIL0301:Short|} = "{{Plain}}";
                public const string {|AIL0301:Long|} = "{{Plain}} Take your time.";
                public const string {|AIL0301:Fallback|} = "{{Plain}} Be kind.";
                public static ChatMessage[] Build(bool brief)
                {
                    var system = brief ? Short : Long;
                    return new[]
                    {
                        new ChatMessage(ChatRole.System, system),
                        new ChatMessage(ChatRole.System, Environment.GetEnvironmentVariable("PROMPT") ?? Fallback),
                    };
                }
            }
            """);

    [Fact]
    public Task A_prompt_passed_down_to_the_method_that_builds_the_system_message_is_followed_to_its_call_sites() =>
        VerifyAsync(
            $$"""
            using System;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                public const string {|AIL0301:Support|} = "{{Plain}}";
                public const string {|AIL0301:Billing|} = "{{Plain}} Billing.";
            }
            public sealed class MessageBuilder
            {
                public ChatMessage[] Build(string systemPrompt, string question) => new[]
                {
                    new ChatMessage(ChatRole.System, systemPrompt),
                    new ChatMessage(ChatRole.User, question),
                };
                public ChatMessage[] Relay(string prompt, string question) => Build(prompt, question);
            }
            public sealed class Desk(MessageBuilder builder)
            {
                public ChatMessage[] Support(string question) => builder.Build(Prompts.Support, question);
                public ChatMessage[] Billing(string question) => builder.Relay(Prompts.Billing, question);
            }
            """);

    [Fact]
    public Task A_parameter_fed_by_user_input_or_callers_without_constants_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class MessageBuilder
            {
                public ChatMessage System(string systemPrompt) => new ChatMessage(ChatRole.System, systemPrompt);
            }
            public sealed class Desk(MessageBuilder builder)
            {
                public ChatMessage FromConsole() => builder.System(Console.ReadLine() ?? "");
                public ChatMessage FromRequest(string text) => builder.System(text);
                public ChatMessage FromLambda() { Func<string, ChatMessage> f = p => new ChatMessage(ChatRole.System, p); return f("x"); }
            }
            """);

    [Fact]
    public Task A_prompt_in_another_document_is_reported_on_its_declaration() =>
        new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            Sources =
            {
                $$"""
                namespace Shop;
                public sealed class AssistantOptions
                {
                    public const string {|AIL0301:DefaultSystemPrompt|} = "{{Plain}}";
                    public string SystemPrompt { get; set; } = DefaultSystemPrompt;
                }
                """,
                """
                using Microsoft.Extensions.AI;
                namespace Shop;
                public sealed class Assistant(AssistantOptions options)
                {
                    public ChatOptions Build() => new ChatOptions { Instructions = options.SystemPrompt };
                }
                """,
            },
        }.RunAsync();

    [Fact]
    public async Task Half_typed_flows_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                namespace Shop;
                public sealed class AssistantOptions
                {
                    public string SystemPrompt { get; set; } = Missing.Prompt;
                    public string Other { get; set; } =
                }
                public sealed class Assistant(AssistantOptions options)
                {
                    public ChatMessage A(string p) => new ChatMessage(ChatRole.System, p.Replace(;
                    public ChatMessage B() => new ChatMessage(ChatRole.System, string.Format());
                    public ChatMessage C() => new ChatMessage(ChatRole.System, $"You are {);
                    public ChatMessage D() => new ChatMessage(ChatRole.System, options.Other ?? );
                    public ChatMessage E() { var x; return new ChatMessage(ChatRole.System, x); }
                    public ChatMessage F() => A(;
                    public ChatMessage G() => new ChatMessage(ChatRole.System, options.SystemPrompt);
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
