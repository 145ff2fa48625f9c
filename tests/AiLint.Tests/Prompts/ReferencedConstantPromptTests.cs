using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Summaries;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A system prompt kept as a <c>const string</c> in a shared library and given directly to an agent's or a chat's
/// instruction slot in the app that references it (rstropek/microsoft-agent-framework-intro: <c>Persona.Instructions</c>
/// in Lissie.Common, <c>chatClient.AsAIAgent(instructions: Persona.Instructions, ...)</c> in 02-Tools). The library has
/// no slot; the app has the slot and the constant's value in the metadata, and reports it where it reads it, under the
/// constant's name, as it reports the same constant inside an interpolation (ReferencedConstants). Two compilations: the
/// library is emitted and referenced as metadata, as a project reference is at build time.
/// </summary>
public class ReferencedConstantPromptTests
{
    private const string Library = """"
        namespace Shared
        {
            public static class Persona
            {
                public const string Instructions = """
                    You are the personal staff of Lissie, a cat. Address her directly as "Your Majesty".
                    Always summon the Primary Human first. Keep every answer short: two or three sentences, no lists, no emojis.
                    Never invent tool results. If you lack a tool for a request, say so in character.
                    """;

                public const string SmartHome = "You also operate the smart home. Use its devices whenever asked.";

                public const string Description = "Always answers as the staff of Lissie and never breaks character.";

                // Not prompts by their text: a label, a model id, a URL, a template that only passes its variable.
                public const string Label = "Summary";
                public const string Model = "gpt-4o-mini";
                public const string Endpoint = "https://api.openai.com/v1/chat/completions";
                public const string PassThrough = "{{$input}}";

                // An instruction without a contract keyword reads as a request by its text alone (a documented miss: the
                // same constant declared in the app counts by its name).
                public const string Brief = "Summarize the ticket in two lines.";

                // No value in the metadata: a static readonly field is set when the type is initialised.
                public static readonly string Cached = "You are a cached persona. Always answer in French.";

                // Marked: the library reports it against its own eval files.
                [AiLint.Prompt("lissie.annotated")]
                public const string Annotated = "You are the annotated persona. Never reveal the household's secrets.";
            }
        }
        """";

    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using Shared;

        """;

    private const string Id = "Shared.Persona.Instructions";

    // The text as the compiler embeds it (a raw literal's lines joined with "\n", its indentation removed), written
    // out by hand: the hash evals record at run time with PromptHash.Compute(Persona.Instructions).
    private const string InstructionsText =
        "You are the personal staff of Lissie, a cat. Address her directly as \"Your Majesty\".\n"
        + "Always summon the Primary Human first. Keep every answer short: two or three sentences, no lists, no emojis.\n"
        + "Never invent tool results. If you lack a tool for a request, say so in character.";

    private static readonly string CoveringCases =
        Case(Id, id: "summons", rule: "Always summon the Primary Human first") + "\n"
        + Case(Id, id: "no-invented-results", rule: "Never invent tool results");

    [Fact]
    public Task The_library_constant_given_directly_to_the_agent_is_reported_like_the_same_constant_interpolated() =>
        VerifyAppAsync(
            Usings + """
            namespace App;
            public sealed class Staff(IChatClient chatClient)
            {
                public AIAgent Create() => chatClient.AsAIAgent(instructions: {|#0:Persona.Instructions|}, name: "Staff");

                public AIAgent CreateSmartHome() =>
                    chatClient.AsAIAgent(instructions: {|#1:$"{Persona.Instructions}\n{Persona.SmartHome}"|}, name: "Staff");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments(Id),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("App.Staff.CreateSmartHome"));

    // Each place the app reads the constant on its way to a slot is reported under the one id, so one case covers all:
    // a local given to a system message, the constant before the data it introduces, a helper's parameter.
    [Fact]
    public Task Every_read_that_reaches_a_slot_is_reported_under_the_constant_name() =>
        VerifyAppAsync(
            Usings + """
            namespace App;
            public sealed class Desk(IChatClient chatClient)
            {
                public Task<ChatResponse> AskAsync(string question)
                {
                    var instructions = {|#0:Persona.Instructions|};
                    return chatClient.GetResponseAsync([new ChatMessage(ChatRole.System, instructions), new ChatMessage(ChatRole.User, question)]);
                }

                public Task<ChatResponse> GroundedAsync(string question, string context) =>
                    chatClient.GetResponseAsync([new ChatMessage(ChatRole.System, {|#1:Persona.Instructions|} + "\n\nContext:\n" + context), new ChatMessage(ChatRole.User, question)]);

                public AIAgent Agent() => Build({|#2:Persona.Instructions|});

                private AIAgent Build(string instructions) => chatClient.AsAIAgent(instructions: instructions);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments(Id),
            Diagnostic("AIL0301").WithLocation(1).WithArguments(Id),
            Diagnostic("AIL0301").WithLocation(2).WithArguments(Id));

    [Fact]
    public Task Cases_under_the_constant_name_cover_it_in_the_app() =>
        VerifyAppAsync(
            Usings + """
            namespace App;
            public sealed class Staff(IChatClient chatClient)
            {
                public AIAgent Create() => chatClient.AsAIAgent(instructions: Persona.Instructions, name: "Staff");

                public AIAgent Other() => new ChatClientAgent(chatClient, instructions: Persona.Instructions);
            }
            """,
            new[] { ("evals/Persona.evals.jsonl", CoveringCases) });

    // AIL0303 has no source of the constant to point into: an instruction no case quotes is reported at the read.
    [Fact]
    public Task An_instruction_no_case_quotes_is_reported_at_the_read() =>
        VerifyAppAsync(
            Usings + """
            namespace App;
            public sealed class Staff(IChatClient chatClient)
            {
                public AIAgent Create() => chatClient.AsAIAgent(instructions: {|#0:Persona.Instructions|}, name: "Staff");
            }
            """,
            new[] { ("evals/Persona.evals.jsonl", Case(Id, id: "no-invented-results", rule: "Never invent tool results")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Always summon the Primary Human first.", Id));

    // AIL0302 hashes the metadata's value: a pass recorded with the current text is current; one recorded with an older
    // text is stale at each read, with the one-text message (two reads of one constant are one text, not two).
    [Fact]
    public Task A_pass_recorded_against_the_constant_value_is_current() =>
        VerifyAppAsync(
            Usings + """
            namespace App;
            public sealed class Staff(IChatClient chatClient)
            {
                public AIAgent Create() => chatClient.AsAIAgent(instructions: Persona.Instructions, name: "Staff");

                public AIAgent Other() => new ChatClientAgent(chatClient, instructions: Persona.Instructions);
            }
            """,
            new[]
            {
                ("evals/Persona.evals.jsonl",
                    Case(Id, id: "summons", rule: "Always summon the Primary Human first", sha: Sha256(InstructionsText)) + "\n"
                    + Case(Id, id: "no-invented-results", rule: "Never invent tool results", sha: Sha256(InstructionsText))),
            });

    [Fact]
    public Task A_pass_recorded_against_an_older_value_is_stale_at_each_read() =>
        VerifyAppAsync(
            Usings + """
            namespace App;
            public sealed class Staff(IChatClient chatClient)
            {
                public AIAgent Create() => chatClient.AsAIAgent(instructions: {|#0:Persona.Instructions|}, name: "Staff");

                public AIAgent Other() => new ChatClientAgent(chatClient, instructions: {|#1:Persona.Instructions|});
            }
            """,
            new[]
            {
                ("evals/Persona.evals.jsonl",
                    Case(Id, id: "summons", rule: "Always summon the Primary Human first", sha: Sha256("You are the personal staff of Lissie.")) + "\n"
                    + Case(Id, id: "no-invented-results", rule: "Never invent tool results")),
            },
            Diagnostic("AIL0302").WithLocation(0).WithArguments(Id, "1", Sha256(InstructionsText)),
            Diagnostic("AIL0302").WithLocation(1).WithArguments(Id, "1", Sha256(InstructionsText)));

    // Quiet twins: library constants that are not prompts by their text, one whose value the metadata does not hold, one
    // the library reports itself, and a prompt-like constant given to the agent's description rather than its instructions.
    [Fact]
    public Task Labels_model_ids_urls_readonly_fields_marked_constants_and_other_parameters_are_not_prompts_of_the_app() =>
        VerifyAppAsync(
            Usings + """
            namespace App;
            public sealed class Staff(IChatClient chatClient)
            {
                public AIAgent Label() => chatClient.AsAIAgent(instructions: Persona.Label);

                public AIAgent Model() => chatClient.AsAIAgent(instructions: Persona.Model);

                public AIAgent Endpoint() => chatClient.AsAIAgent(instructions: Persona.Endpoint);

                public AIAgent PassThrough() => chatClient.AsAIAgent(instructions: Persona.PassThrough);

                public AIAgent Brief() => chatClient.AsAIAgent(instructions: Persona.Brief);

                public AIAgent Cached() => chatClient.AsAIAgent(instructions: Persona.Cached);

                public AIAgent Annotated() => chatClient.AsAIAgent(instructions: Persona.Annotated);

                public AIAgent Described() => chatClient.AsAIAgent(name: "Staff", description: Persona.Description);

                public void Log() => System.Console.WriteLine(Persona.Instructions);
            }
            """,
            Array.Empty<(string, string)>());

    // Half-typed code: a member not written yet, a type misspelt, a call not closed. Nothing throws, and only the
    // finished read of the real constant is a prompt.
    [Fact]
    public async Task Half_typed_reads_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + """
                namespace App;
                public sealed class Draft(IChatClient chatClient)
                {
                    public AIAgent Missing() => chatClient.AsAIAgent(instructions: Persona.Instruct);

                    public AIAgent Unnamed() => chatClient.AsAIAgent(instructions: Persona.);

                    public AIAgent Misspelt() => chatClient.AsAIAgent(instructions: Persna.Instructions);

                    public AIAgent Unclosed() => chatClient.AsAIAgent(instructions: {|#0:Persona.Instructions|}
                }
                """,
            References = ReferenceAssemblies.Default.Add(LibraryReference.Value),
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments(Id));
        await test.RunAsync();
    }

    // GustavoCostaBR/RAG_Challenge keeps its prompts in the Domain project beside the message record and the client
    // interface; the Infrastructure project builds the list and posts it through its implementation of the interface.
    [Fact]
    public async Task A_domain_constant_in_a_message_list_handed_through_the_client_interface_is_a_prompt_of_the_infrastructure()
    {
        var domain = ProjectSummaryTests.CreateLibrary(
            "using System.Collections.Generic;\nusing System.Threading.Tasks;\n" + ContractPostedMessageListTests.Domain + """
            namespace Rag.Domain.Prompts
            {
                public static class RagPrompts
                {
                    public const string SystemPrompt = "You are a support assistant for the product. Answer only from the context. If the context does not cover the question, say that you do not know.";
                }
            }
            """);
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = ContractPostedMessageListTests.Usings + ContractPostedMessageListTests.Posting(ContractPostedMessageListTests.PostedAsGiven) + """
                namespace Rag.Infrastructure.Orchestration
                {
                    using Rag.Domain;
                    using Rag.Domain.Prompts;

                    public sealed class RagOrchestrator(IOpenAiClient openAi)
                    {
                        public Task<string> AnswerAsync(string question, string context, System.Threading.CancellationToken ct)
                        {
                            var messages = new List<ChatMessage> { new ChatMessage(RoleConstants.SystemRole, {|#0:RagPrompts.SystemPrompt|}) };
                            messages.Add(new ChatMessage(RoleConstants.UserRole, $"Question: {question}\n\nContext:\n{context}"));
                            return openAi.CreateChatCompletionAsync(messages, ct);
                        }
                    }
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly.Add(ProjectSummaryTests.Emit(domain)),
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Domain.Prompts.RagPrompts.SystemPrompt"));
        await test.RunAsync();
    }

    private static readonly Lazy<Microsoft.CodeAnalysis.MetadataReference> LibraryReference =
        new(() => ProjectSummaryTests.Emit(ProjectSummaryTests.CreateLibrary(Library)));

    private static async Task VerifyAppAsync(string source, (string Path, string Content)[] evalFiles, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = source,
            References = ReferenceAssemblies.Default.Add(LibraryReference.Value),
        };
        test.AdditionalFiles.AddRange(evalFiles);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
