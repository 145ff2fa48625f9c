using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Where real apps keep a prompt before it reaches a slot, beyond constants and settings defaults: a readonly field
/// set in the constructor, a Semantic Kernel template that only passes the conversation through, a generated
/// resource property. Each shape has the prompt case and the nearby code that is not one.
/// </summary>
public class PromptHoldingShapesTests
{
    // ---------------------------------------------------------------- readonly fields set in a constructor

    // Chat services in SK and MEAI samples keep the system prompt in a readonly field the constructor sets, then add
    // it to every new history.
    [Fact]
    public Task A_readonly_field_set_in_the_constructor_is_a_prompt_named_after_the_field() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Tax;
            public sealed class AdvisorService
            {
                private static readonly string Disclaimer;
                private readonly string systemPrompt;
                static AdvisorService() { AdvisorService.Disclaimer = {|#1:"You are a disclaimer writer. Only state facts."|}; }
                public AdvisorService() { this.systemPrompt = {|#0:"You are a tax assistant. Never give legal advice."|}; }
                public ChatHistory Start() => new ChatHistory(systemPrompt);
                public ChatOptions Options() => new ChatOptions { Instructions = systemPrompt };
                public ChatMessage Footer() => new ChatMessage(ChatRole.System, Disclaimer);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tax.AdvisorService.systemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Tax.AdvisorService.Disclaimer"));

    // Covered by its field id, hashed on the assigned text; an uncovered instruction is underlined in the constructor.
    [Fact]
    public Task A_constructor_set_field_is_covered_by_its_id_and_its_instructions_are_located_in_the_literal() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Tax;
            public sealed class AdvisorService
            {
                private readonly string systemPrompt;
                public AdvisorService() { systemPrompt = "You are a tax assistant. {|#0:Never give legal advice.|}"; }
                public ChatHistory Start() => new ChatHistory(systemPrompt);
            }
            """,
            new[] { ("evals/a.evals.jsonl", Case("Tax.AdvisorService.systemPrompt", sha: Sha256("You are a tax assistant. Never give legal advice."))) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never give legal advice.", "Tax.AdvisorService.systemPrompt"));

    [Fact]
    public Task A_readonly_field_keeps_the_standing_of_what_the_constructor_assigns() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Tax;
            public sealed class AdvisorService
            {
                private const string {|#0:Fallback|} = "You are a fallback advisor. Never guess numbers.";
                private readonly string configured, withFallback, injected;
                public AdvisorService(IConfiguration config, string prompt)
                {
                    configured = config["Advisor:Prompt"]!;
                    withFallback = config["Advisor:Prompt"] ?? Fallback;
                    injected = prompt;
                }
                public ChatMessage[] Messages() => new[]
                {
                    new ChatMessage(ChatRole.System, configured),
                    new ChatMessage(ChatRole.System, withFallback),
                    new ChatMessage(ChatRole.System, injected),
                };
            }
            public static class Wiring
            {
                public static AdvisorService Create(IConfiguration config) => new AdvisorService(config, {|#1:"You are an injected advisor. Always cite the law."|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tax.AdvisorService.Fallback"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Tax.Wiring.Create"));

    // A readonly field written other than by a plain constructor assignment (a compound assignment, an out argument)
    // has no single known text: not followed. A mutable field is not followed either (any method may set it).
    [Fact]
    public Task A_field_written_other_ways_is_not_followed() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Tax;
            public sealed class AdvisorService
            {
                private readonly string appended, outed;
                private string mutable;
                public AdvisorService(string extra)
                {
                    appended = "You are a tax assistant. Never give legal advice.";
                    appended += extra;
                    Load(out outed);
                    mutable = "You are mutable. Never settle.";
                }
                private static void Load(out string value) => value = "You are loaded. Always load.";
                public void Reset(string text) => mutable = text;
                public ChatMessage[] Messages() => new[]
                {
                    new ChatMessage(ChatRole.System, appended),
                    new ChatMessage(ChatRole.System, outed),
                    new ChatMessage(ChatRole.System, mutable),
                };
            }
            """);

    // ---------------------------------------------------------------- templates that pass the conversation through

    // Semantic Kernel's early chat samples build a function whose template is only the history and the user's turn;
    // apps also wrap the user's input alone, or in role tags.
    [Fact]
    public Task A_prompt_template_of_only_variables_labels_and_role_tags_is_not_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel;
            namespace Chat;
            public static class Functions
            {
                public static KernelFunction Echo() => KernelFunctionFactory.CreateFromPrompt("{{$input}}");
                public static KernelFunction Transcript(Kernel kernel) => kernel.CreateFunctionFromPrompt("{{$history}}\nUser: {{$input}}\nAssistant:");
                public static PromptTemplateConfig Config() => new PromptTemplateConfig("{{$input}}");
                public static KernelFunction Roles(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt("<message role=\"system\">{{$system}}</message>\n<message role=\"user\">{{$input}}</message>");
            }
            """);

    [Fact]
    public Task A_prompt_template_with_its_own_instructions_stays_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel;
            namespace Chat;
            public static class Functions
            {
                public static KernelFunction Poet(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt({|#0:"<message role=\"system\">You are a poet.</message>\n<message role=\"user\">{{$input}}</message>"|});
                public static KernelFunction Tldr(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt({|#1:"{{$input}}\n\nSummarize the text above in one line."|});
                public static KernelFunction Bot(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt({|#2:"ChatBot can talk about any topic. It says it does not know when it doesn't.\n{{$history}}\nUser: {{$input}}\nChatBot:"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Functions.Poet"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Functions.Tldr"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Functions.Bot"));

    // ---------------------------------------------------------------- placeholders

    // Compaction and client libraries fill the system slot with one word in helpers that build sample requests
    // (seen through the search corpus in MEAI-based agent runtimes); a one-word instruction set in a constant keeps
    // its name's standing.
    [Fact]
    public Task One_bare_word_at_a_slot_is_a_placeholder_not_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Harness;
            public static class Requests
            {
                private const string {|#0:Terse|} = "Terse";
                public static ChatMessage[] Sample() => new ChatMessage[]
                {
                    new(ChatRole.System, "system"),
                    new(ChatRole.System, "instructions"),
                    new(ChatRole.System, Terse),
                    new(ChatRole.System, {|#1:"Be terse."|}),
                    new(ChatRole.System, {|#2:"あなたは文章を簡潔にまとめるアシスタントです"|}),
                };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Harness.Requests.Terse"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Harness.Requests.Sample"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Harness.Requests.Sample"));

    // ---------------------------------------------------------------- resources and settings

    // A .resx designer property reads the ResourceManager: the text is in the resource file, not in source.
    [Fact]
    public Task A_resource_designer_property_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Resources;
            using OpenAI.Chat;
            namespace Cfg;
            internal static class Strings
            {
                private static ResourceManager? manager;
                internal static ResourceManager ResourceManager => manager ??= new ResourceManager("Cfg.Strings", typeof(Strings).Assembly);
                internal static string SystemPrompt => ResourceManager.GetString("SystemPrompt")!;
            }
            public static class Chat
            {
                public static SystemChatMessage Start() => new SystemChatMessage(Strings.SystemPrompt);
            }
            """);

    [Fact]
    public async Task Half_typed_constructor_fields_and_templates_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                namespace Tax;
                public sealed class AdvisorService
                {
                    private readonly string a, b;
                    public AdvisorService() { a = ; b = "You are b. Never"
                    public ChatMessage A() => new ChatMessage(ChatRole.System, a);
                    public ChatMessage B() => new ChatMessage(ChatRole.System, b);
                    public KernelFunction C(Kernel k) => k.CreateFunctionFromPrompt("{{$input");
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
