using AiLint.Analyzers.Rules.Prompts;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review77 repo 4 (DFE-Digital/sts-ai-support): an abstract "prompt set" base class (<c>public abstract string
/// SystemPrompt { get; }</c>) with one subclass per task, each overriding it with a constant raw string, read at
/// <c>new SystemChatMessage(prompts.SystemPrompt)</c> in LlmService. Every body that can run is in the project and
/// constant, so each override is a prompt at its own declaration (ImplementedPropertyPrompts). One file per type, as
/// the repository has them.
/// </summary>
public class PromptSetOverrideTests
{
    // PromptSets/PromptSet.cs, reduced: the user prompt is a template filled by the subclass's values.
    private const string PromptSetBase = """
        using System.Collections.Generic;
        namespace Sts.PromptSets
        {
            public abstract class PromptSet
            {
                public abstract string SystemPrompt { get; }
                protected abstract string UserPromptTemplate { get; }
                public string UserPrompt => BuildUserPrompt();

                protected abstract IDictionary<string, string> GetPromptValues();

                protected string BuildUserPrompt()
                {
                    var prompt = UserPromptTemplate;
                    foreach (var (key, value) in GetPromptValues())
                    {
                        prompt = prompt.Replace(key, value);
                    }

                    return prompt.Trim();
                }
            }

            public abstract class SimplePromptSet : PromptSet
            {
                private readonly string _prompt;

                protected SimplePromptSet(string prompt) => _prompt = prompt;

                protected override IDictionary<string, string> GetPromptValues() =>
                    new Dictionary<string, string> { { "{{prompt}}", _prompt } };
            }
        }
        """;

    private const string General = """"
        namespace Sts.PromptSets
        {
            public class GeneralPromptSet : SimplePromptSet
            {
                public GeneralPromptSet(string prompt) : base(prompt) { }

                public override string SYSTEM => """
                    You are an expert in educational technology and IT infrastructure for schools and colleges.
                    The questions should be posed in such a way that they help staff to learn and understand the standards.
                    Your response should consist of only JSON.
                    """;

                protected override string UserPromptTemplate => "{{prompt}}";
            }
        }
        """";

    private const string Standards = """"
        namespace Sts.PromptSets
        {
            public class StandardsPromptSet : SimplePromptSet
            {
                public StandardsPromptSet(string prompt) : base(prompt) { }

                public override string SYSTEM => """
                    You are a policy subject matter expert at the Department for Education in the UK.
                    Each section MUST use the following core headings, with highly detailed content under each.
                    The response should consist solely of HTML, using Bootstrap 5 class names where appropriate.
                    """;

                protected override string UserPromptTemplate => "{{prompt}}";
            }
        }
        """";

    // Services/LlmService.cs, reduced to the request it sends.
    private const string LlmService = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using Sts.PromptSets;
        namespace Sts.Services
        {
            public class LlmService
            {
                private readonly ChatClient _client;

                public LlmService(ChatClient client) => _client = client;

                public async Task<string> SendRequest(PromptSet prompts)
                {
                    var messages = new List<ChatMessage>
                    {
                        new SystemChatMessage(prompts.SystemPrompt),
                        new UserChatMessage(prompts.UserPrompt),
                    };

                    ChatCompletion result = await _client.CompleteChatAsync(messages, new ChatCompletionOptions { Temperature = 0.1f });
                    return result.Content[0].Text;
                }
            }
        }
        """;

    private static string Marked(string source, int index) => source.Replace("SYSTEM", "{|#" + index + ":SystemPrompt|}");

    private static string Unmarked(string source) => source.Replace("SYSTEM", "SystemPrompt");

    internal static Task VerifyFilesAsync(IEnumerable<string> sources, params DiagnosticResult[] expected) =>
        VerifyFilesAsync(sources, CompilerDiagnostics.Errors, expected);

    internal static Task VerifyFilesAsync(IEnumerable<string> sources, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new Verifiers.AnalyzerTest<PromptEvalCoverageAnalyzer> { CompilerDiagnostics = compilerDiagnostics };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult At(int index, string type) =>
        Diagnostic("AIL0301").WithLocation(index).WithArguments("Sts.PromptSets." + type + ".SystemPrompt");

    [Fact]
    public Task Each_constant_override_of_an_abstract_prompt_set_read_at_a_system_slot_is_a_prompt() =>
        VerifyFilesAsync(
            new[] { PromptSetBase, Marked(General, 0), Marked(Standards, 1), LlmService },
            At(0, "GeneralPromptSet"),
            At(1, "StandardsPromptSet"));

    // The base class sends the message itself (template method): `this.SystemPrompt` is the same abstract property.
    [Fact]
    public Task The_base_class_reading_its_own_abstract_property_at_the_slot_is_followed_too() =>
        VerifyFilesAsync(
            new[]
            {
                PromptSetBase.Replace("public string UserPrompt => BuildUserPrompt();", "public OpenAI.Chat.ChatMessage System() => new OpenAI.Chat.SystemChatMessage(SystemPrompt);"),
                Marked(General, 0),
                Marked(Standards, 1),
            },
            At(0, "GeneralPromptSet"),
            At(1, "StandardsPromptSet"));

    // An override that only passes the user's text through (`"{{prompt}}"`, as StandardsPromptSet's user template is)
    // instructs nothing: the other override is still a prompt.
    [Fact]
    public Task An_override_that_only_passes_a_variable_through_stays_quiet() =>
        VerifyFilesAsync(
            new[] { PromptSetBase, Marked(General, 0), Standards.Replace("public override string SYSTEM => \"\"\"", "public override string SystemPrompt => \"{{prompt}}\";\n        private const string Unused = \"\"\""), LlmService },
            At(0, "GeneralPromptSet"));

    // One subclass reads its system prompt from a file: the set of texts the slot can receive is open, none is taken.
    [Fact]
    public Task An_override_computed_at_run_time_leaves_every_override_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                PromptSetBase,
                Unmarked(General),
                Unmarked(Standards),
                """
                namespace Sts.PromptSets
                {
                    public class CustomPromptSet : SimplePromptSet
                    {
                        public CustomPromptSet(string prompt) : base(prompt) { }
                        public override string SystemPrompt => System.IO.File.ReadAllText("prompts/custom.txt");
                        protected override string UserPromptTemplate => "{{prompt}}";
                    }
                }
                """,
                LlmService,
            });

    // The same with the override given by the caller (a constructor parameter stored in a field) or by configuration.
    [Theory]
    [InlineData("private readonly string _system; public CustomPromptSet(string prompt, string system) : base(prompt) => _system = system; public override string SystemPrompt => _system;")]
    [InlineData("public CustomPromptSet(string prompt) : base(prompt) { } public override string SystemPrompt => System.Environment.GetEnvironmentVariable(\"SYSTEM_PROMPT\") ?? string.Empty;")]
    [InlineData("public CustomPromptSet(string prompt) : base(prompt) { } public override string SystemPrompt { get; } = \"You are a configurable assistant.\"; public string Other { get; set; } = string.Empty;")]
    public Task Overrides_from_a_parameter_or_configuration_leave_every_override_quiet(string members)
    {
        // The third twin is constant, so the set stays closed: it is reported with the others (a sanity check that the
        // quiet of the first two comes from their run-time value, not from the extra class).
        var constant = members.Contains("configurable", StringComparison.Ordinal);
        var custom = "namespace Sts.PromptSets { public class CustomPromptSet : SimplePromptSet { " + members
            .Replace("string SystemPrompt { get; }", constant ? "string {|#2:SystemPrompt|} { get; }" : "string SystemPrompt { get; }")
            + " protected override string UserPromptTemplate => \"{{prompt}}\"; } }";
        var sources = new[] { PromptSetBase, constant ? Marked(General, 0) : Unmarked(General), constant ? Marked(Standards, 1) : Unmarked(Standards), custom, LlmService };
        return constant
            ? VerifyFilesAsync(sources, At(0, "GeneralPromptSet"), At(1, "StandardsPromptSet"), At(2, "CustomPromptSet"))
            : VerifyFilesAsync(sources);
    }

    // Bodies that name a constant of the project or interpolate only constants are constants too; one that joins a
    // static array at run time is not, and opens the set.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Const_and_constant_interpolation_bodies_count_and_a_joined_body_opens_the_set(bool withJoined)
    {
        var sets = """
            namespace Sts.PromptSets
            {
                public static class Texts
                {
                    public const string Persona = "You are an adviser to school business managers.";
                    public const string Reviewer = "You review technology plans. Point out every missing owner and deadline.";
                    public static readonly string[] Rules = { "Answer in British English.", "Never invent a policy." };
                }

                public class ReviewPromptSet : SimplePromptSet
                {
                    public ReviewPromptSet(string prompt) : base(prompt) { }
                    public override string REVIEW => Texts.Reviewer;
                    protected override string UserPromptTemplate => "{{prompt}}";
                }

                public class BudgetPromptSet : SimplePromptSet
                {
                    public BudgetPromptSet(string prompt) : base(prompt) { }
                    public override string BUDGET => $"{Texts.Persona} Answer only in JSON.";
                    protected override string UserPromptTemplate => "{{prompt}}";
                }

                JOINED
            }
            """;
        var joined = """
            public class RulesPromptSet : SimplePromptSet
            {
                public RulesPromptSet(string prompt) : base(prompt) { }
                public override string SystemPrompt => string.Join("\n", Texts.Rules);
                protected override string UserPromptTemplate => "{{prompt}}";
            }
            """;
        var source = sets.Replace("JOINED", withJoined ? joined : string.Empty)
            .Replace("REVIEW", withJoined ? "SystemPrompt" : "{|#0:SystemPrompt|}")
            .Replace("BUDGET", withJoined ? "SystemPrompt" : "{|#1:SystemPrompt|}");
        var sources = new[] { PromptSetBase, source, LlmService };
        return withJoined
            ? VerifyFilesAsync(sources)
            : VerifyFilesAsync(sources, At(0, "ReviewPromptSet"), At(1, "BudgetPromptSet"));
    }

    // A library project declares the base class and sends it; its subclasses live in the projects that use it: none is
    // here, so nothing is known (no project summary is written for this shape).
    [Fact]
    public Task A_base_class_with_no_subclass_in_the_project_is_quiet() =>
        VerifyFilesAsync(new[] { PromptSetBase, LlmService });

    // The property is read only to log which prompt set ran; the request sends other text.
    [Fact]
    public Task A_property_read_only_for_logging_is_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                PromptSetBase,
                Unmarked(General),
                Unmarked(Standards),
                LlmService.Replace("new SystemChatMessage(prompts.SystemPrompt),", string.Empty)
                    .Replace("var messages", "System.Console.WriteLine(\"Sending \" + prompts.SystemPrompt.Length);\n            var messages"),
            });

    // Half-typed code: a subclass that does not implement the property yet, an override of a misspelled base member,
    // and an override whose raw string is not closed. No crash, and nothing reported while the set is not known.
    [Fact]
    public Task Half_typed_prompt_sets_do_not_crash_and_stay_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                PromptSetBase,
                Unmarked(General),
                "namespace Sts.PromptSets { public class Draft : SimplePromptSet { public Draft(string p) : base(p) { } protected override string UserPromptTemplate => \"{{prompt}}\"; } }",
                "namespace Sts.PromptSets { public class Typo : SimplePromptSet { public Typo(string p) : base(p) { } public override string SystemPromt => \"You are a typo.\"; } }",
                LlmService,
            },
            CompilerDiagnostics.None);
}
