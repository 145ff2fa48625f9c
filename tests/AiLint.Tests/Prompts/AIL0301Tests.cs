using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>AIL0301: a prompt without eval cases. Prompt shapes, SDK slots and what counts as a covering case.</summary>
public class AIL0301Tests
{
    // No keyword and no list item: this prompt has no instructions, so AIL0303 stays out of these tests.
    private const string Plain = "You are the Contoso support assistant.";

    [Fact]
    public Task Prompt_attribute_on_const_without_cases_is_reported_with_its_full_name() =>
        VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string {|#0:Support|} = "{{Plain}}";
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Prompts.Support"));

    [Fact]
    public Task Explicit_id_is_used_and_a_case_naming_it_covers_the_prompt() =>
        VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt("support.v1")] public const string Support = "{{Plain}}";
            }
            """,
            ("evals/support.evals.jsonl", Case("support.v1")));

    [Fact]
    public Task Case_naming_the_full_name_does_not_cover_a_prompt_with_an_explicit_id() =>
        VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt("support.v1")] public const string {|#0:Support|} = "{{Plain}}";
            }
            """,
            new[] { ("evals/support.evals.jsonl", Case("Shop.Prompts.Support")) },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("support.v1"));

    [Fact]
    public Task Nested_type_ids_are_joined_with_dots() =>
        VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop.Support;
            public static class Outer
            {
                public static class Inner
                {
                    [Prompt] public static readonly string {|#0:Triage|} = "{{Plain}}";
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Support.Outer.Inner.Triage"));

    [Fact]
    public Task Covered_prompts_in_every_member_shape_have_no_diagnostic() =>
        VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string A = "{{Plain}}";
                [Prompt] public static readonly string B = "{{Plain}}";
                [Prompt] public static string C => "{{Plain}}";
                [Prompt] public static string D { get; } = "{{Plain}}";
            }
            """,
            ("evals/prompts.evals.jsonl", string.Join("\n", Case("Shop.Prompts.A"), Case("Shop.Prompts.B"), Case("Shop.Prompts.C"), Case("Shop.Prompts.D"))));

    [Fact]
    public Task Uncovered_prompts_in_every_member_shape_are_reported() =>
        VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public static readonly string {|AIL0301:B|} = "{{Plain}}";
                [Prompt] public static string {|AIL0301:C|} => "{{Plain}}";
                [Prompt] public static string {|AIL0301:D|} { get; } = "{{Plain}}";
                [Prompt] public static string {|AIL0301:E|} { get { return "{{Plain}}"; } }
            }
            """);

    [Fact]
    public Task Meai_system_chat_message_makes_a_const_a_prompt() =>
        VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                public const string {|AIL0301:System|} = "{{Plain}}";
                public const string Question = "Where is my order?";
                public static ChatMessage[] Build() => new[]
                {
                    new ChatMessage(ChatRole.System, System),
                    new ChatMessage(ChatRole.User, Question),
                };
            }
            """);

    [Fact]
    public Task Meai_chat_options_instructions_make_a_static_readonly_field_a_prompt() =>
        VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                public static readonly string {|AIL0301:Instructions|} = "{{Plain}}";
                public static readonly string {|AIL0301:Other|} = "{{Plain}}";
                public static ChatOptions Build() => new ChatOptions { Instructions = Instructions };
                public static void Set(ChatOptions options) => options.Instructions = Other;
            }
            """);

    [Fact]
    public Task OpenAI_chat_system_and_developer_slots_make_prompts() =>
        VerifyAsync(
            $$"""
            using OpenAI.Chat;
            namespace Shop;
            public static class Prompts
            {
                public const string {|AIL0301:A|} = "{{Plain}}";
                public const string {|AIL0301:B|} = "{{Plain}}";
                public const string {|AIL0301:C|} = "{{Plain}}";
                public const string {|AIL0301:D|} = "{{Plain}}";
                public const string UserText = "{{Plain}}";
                public static ChatMessage[] Build() => new ChatMessage[]
                {
                    new SystemChatMessage(A),
                    new DeveloperChatMessage(B),
                    ChatMessage.CreateSystemMessage(C),
                    ChatMessage.CreateDeveloperMessage(D),
                    ChatMessage.CreateUserMessage(UserText),
                    new UserChatMessage(UserText),
                    UserText,
                };
            }
            """);

    [Fact]
    public Task OpenAI_responses_instruction_slots_make_prompts() =>
        VerifyAsync(
            $$"""
            using OpenAI.Responses;
            namespace Shop;
            public static class Prompts
            {
                public const string {|AIL0301:A|} = "{{Plain}}";
                public static string {|AIL0301:B|} => "{{Plain}}";
                public static string {|AIL0301:C|} { get; } = "{{Plain}}";
                public const string UserText = "{{Plain}}";
                public static CreateResponseOptions Options() => new CreateResponseOptions { Instructions = A };
                public static ResponseItem[] Items() => new[]
                {
                    ResponseItem.CreateSystemMessageItem(B),
                    ResponseItem.CreateDeveloperMessageItem(C),
                    ResponseItem.CreateUserMessageItem(UserText),
                };
            }
            """);

    [Fact]
    public Task Anthropic_system_through_the_implicit_conversion_makes_a_prompt() =>
        VerifyAsync(
            $$"""
            using Anthropic.Models.Messages;
            namespace Shop;
            public static class Prompts
            {
                public const string {|AIL0301:System|} = "{{Plain}}";
                public const string Question = "Where is my order?";
                public static MessageCreateParams Build() => new MessageCreateParams
                {
                    MaxTokens = 1024,
                    Model = Model.ClaudeHaiku4_5,
                    System = System,
                    Messages = new MessageParam[] { new UserMessageParam { Content = Question } },
                };
            }
            """);

    [Fact]
    public Task Constant_text_from_const_fragments_is_a_prompt_and_the_fragment_alone_is_not() =>
        VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                public const string Persona = "{{Plain}}";
                public const string {|AIL0301:Support|} = Persona + " Be brief.";
                public static ChatOptions Build() => new ChatOptions { Instructions = Support };
            }
            """);

    [Fact]
    public Task Values_that_are_not_constant_text_are_not_prompts() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public class Prompts
            {
                public static readonly string FromEnvironment = Environment.GetEnvironmentVariable("PROMPT") ?? "";
                public static string Loaded => System.IO.File.ReadAllText("prompt.txt");
                public ChatMessage[] Build(string fromUser) => new[]
                {
                    new ChatMessage(ChatRole.System, FromEnvironment),
                    new ChatMessage(ChatRole.System, Loaded),
                    new ChatMessage(ChatRole.System, fromUser),
                    new ChatMessage(ChatRole.System, fromUser.Trim()),
                };
            }
            """);

    [Fact]
    public Task Mutable_and_instance_members_count_by_their_constant_default() =>
        VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;
            namespace Shop;
            public class Prompts
            {
                public static string {|AIL0301:Mutable|} = "{{Plain}}";
                public readonly string {|AIL0301:Instance|} = "{{Plain}}";
                public static string {|AIL0301:WithSetter|} { get; set; } = "{{Plain}}";
                public ChatMessage[] Build() => new[]
                {
                    new ChatMessage(ChatRole.System, Mutable),
                    new ChatMessage(ChatRole.System, Instance),
                    new ChatMessage(ChatRole.System, WithSetter),
                    new ChatMessage(ChatRole.System, {|AIL0301:"{{Plain}}"|}),
                };
            }
            """);

    [Fact]
    public Task Prompt_attribute_on_a_non_constant_member_still_needs_cases() =>
        VerifyAsync(
            """
            using System;
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public static string {|AIL0301:Loaded|} => Environment.GetEnvironmentVariable("PROMPT") ?? "";
            }
            """);

    [Theory]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c1","input":"hi","expect":"hello","status":"todo"}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c1","expect":"hello"}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c1","input":"hi"}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c1","input":"","expect":"hello"}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c1","input":{},"expect":"hello"}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c1","input":"hi","expect":[]}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c1","input":"hi","expect":null}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Other","id":"c1","input":"hi","expect":"hello"}""")]
    [InlineData("""{"prompt":"shop.prompts.support","id":"c1","input":"hi","expect":"hello"}""")]
    public Task Cases_that_do_not_cover_leave_the_diagnostic(string line) =>
        VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string {|AIL0301:Support|} = "{{Plain}}";
            }
            """,
            ("evals/prompts.evals.jsonl", line));

    [Theory]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c1","input":{"q":"hi"},"expect":{"contains":"hello"}}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c1","input":0,"expect":false,"status":"passing"}""")]
    [InlineData("""  {"id":"c1","expect":["x"],"input":[1],"prompt":"Shop.Prompts.Support"}  """)]
    public Task Cases_with_input_and_expect_cover(string line) =>
        VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "{{Plain}}";
            }
            """,
            ("evals/prompts.evals.jsonl", "// cases\n\n" + line + "\n"));

    [Fact]
    public Task Files_that_are_not_eval_files_are_ignored() =>
        VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string {|AIL0301:Support|} = "{{Plain}}";
            }
            """,
            ("evals/prompts.jsonl", Case("Shop.Prompts.Support")),
            ("evals/prompts.evals.json", Case("Shop.Prompts.Support")));

    [Fact]
    public Task Prompts_in_the_global_namespace_use_type_and_member() =>
        VerifyAsync(
            $$"""
            using AiLint;
            public static class Prompts
            {
                [Prompt] public const string {|#0:Support|} = "{{Plain}}";
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Prompts.Support"));

    [Fact]
    public async Task Nothing_is_reported_when_neither_annotations_nor_sdks_are_referenced()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = $$"""
                public static class Prompts
                {
                    public const string Support = "{{Plain}}";
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
        };
        test.AdditionalFiles.Add(("evals/prompts.evals.jsonl", Case("Prompts.Support")));
        await test.RunAsync();
    }

    [Fact]
    public async Task Half_typed_code_does_not_crash()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using AiLint;
                using Microsoft.Extensions.AI;
                namespace Shop;
                public static class Prompts
                {
                    [Prompt] public const string {|AIL0301:Support|} = "You are
                    [Prompt("")] public static readonly string Empty = Missing.Value + ;
                    [Prompt] public static string {|AIL0301:Broken|} { get { return
                    public static ChatMessage M() => new ChatMessage(ChatRole.System, Unknown.Prompt);
                    public static ChatOptions O() => new ChatOptions { Instructions = };
                    public static ChatMessage N() => new ChatMessage(ChatRole.System,
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("evals/prompts.evals.jsonl", "{\"prompt\":"));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0304").WithLocation("evals/prompts.evals.jsonl", 1));
        await test.RunAsync();
    }

    // ---- Code fix: scaffold todo cases ----

    [Fact]
    public async Task Fix_creates_the_types_eval_file_with_one_todo_case_per_instruction()
    {
        const string code = """
            using AiLint;
            namespace Shop;
            public static class SupportPrompts
            {
                [Prompt] public const string {|AIL0301:Support|} = "You are helpful. Never share \"secrets\".\n- Greet the customer.";
            }
            """;
        var test = new CodeFixTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer, AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider>
        {
            TestCode = code,
            FixedCode = code, // todo cases do not count: the diagnostic stays
            CodeActionEquivalenceKey = "AIL0301.AddTodoCases",
        };
        test.FixedAdditionalFiles.Add((
            "evals/SupportPrompts.evals.jsonl",
            """
            {"prompt":"Shop.SupportPrompts.Support","id":"todo-never-share-secrets","rule":"Never share \"secrets\".","status":"todo","input":"","expect":""}
            {"prompt":"Shop.SupportPrompts.Support","id":"todo-greet-the-customer","rule":"Greet the customer.","status":"todo","input":"","expect":""}

            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_appends_to_the_file_that_already_names_the_prompt()
    {
        const string code = """
            using AiLint;
            namespace Shop;
            public static class SupportPrompts
            {
                [Prompt] public const string {|AIL0301:Support|} = "Hi. Only discuss orders.";
            }
            """;
        const string existing = "// support cases\r\n{\"prompt\":\"Shop.SupportPrompts.Support\",\"id\":\"c1\",\"input\":\"hi\"}";
        var test = new CodeFixTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer, AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider>
        {
            TestCode = code,
            FixedCode = code,
        };
        test.AdditionalFiles.Add(("evals/other.evals.jsonl", existing));
        test.FixedAdditionalFiles.Add((
            "evals/other.evals.jsonl",
            existing + "\r\n{\"prompt\":\"Shop.SupportPrompts.Support\",\"id\":\"todo-only-discuss-orders\",\"rule\":\"Only discuss orders.\",\"status\":\"todo\",\"input\":\"\",\"expect\":\"\"}\r\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_adds_one_generic_todo_case_for_a_prompt_without_instructions()
    {
        const string code = $$"""
            using AiLint;
            namespace Shop;
            public static class SupportPrompts
            {
                [Prompt("support")] public const string {|AIL0301:Support|} = "{{Plain}}";
            }
            """;
        var test = new CodeFixTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer, AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider>
        {
            TestCode = code,
            FixedCode = code,
        };
        test.FixedAdditionalFiles.Add(("evals/SupportPrompts.evals.jsonl", "{\"prompt\":\"support\",\"id\":\"todo\",\"status\":\"todo\",\"input\":\"\",\"expect\":\"\"}\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_is_offered_when_every_instruction_already_has_a_todo_case()
    {
        const string code = """
            using AiLint;
            namespace Shop;
            public static class SupportPrompts
            {
                [Prompt] public const string {|AIL0301:Support|} = "Hi. Only discuss orders.";
            }
            """;
        var test = new CodeFixTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer, AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider>
        {
            TestCode = code,
            FixedCode = code,
        };

        // FixedAdditionalFiles left empty: the harness then requires the file to be unchanged.
        test.AdditionalFiles.Add(("evals/p.evals.jsonl", "{\"prompt\":\"Shop.SupportPrompts.Support\",\"id\":\"t\",\"rule\":\"only discuss ORDERS\",\"status\":\"todo\"}\n"));
        await test.RunAsync();
    }

    [Fact]
    public void Fix_titles_say_that_todo_cases_do_not_clear_the_diagnostic()
    {
        Assert.Contains("todo cases do not clear AIL0301", AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider.Title("AIL0301.AddTodoCases", "/p/evals/X.evals.jsonl", 2));
        Assert.Contains("X.evals.jsonl", AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider.Title("AIL0301.AddTodoCases", "/p/evals/X.evals.jsonl", 2));
        Assert.Contains("todo cases do not count", AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider.Title("AIL0303.AddTodoCase", "/p/evals/X.evals.jsonl", 1));
    }
}
