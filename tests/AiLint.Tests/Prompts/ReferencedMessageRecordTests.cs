using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Summaries;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review92 repro-1 (Ramlanka7/DocumentIntelligence.AI): the Application project declares the app's message record
/// <c>AiMessage(AiRole Role, string Content)</c>, its role enum and the provider contract; Infrastructure, which
/// references it, maps the record to the OpenAI SDK's message (<c>AiRole.System =&gt;
/// ChatMessage.CreateSystemMessage(message.Content)</c>) and writes the system turn (<c>new(AiRole.System,
/// systemPrompt)</c>). The AIL0301 page promises the mapped record's text is a slot wherever the record is declared:
/// the record's positional property is read through the referenced assembly's symbols (ReferencedRecords).
/// </summary>
public class ReferencedMessageRecordTests
{
    // Application/Contracts/AI, reduced (the repro's AiContracts.cs).
    private const string Contracts = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        namespace AI.DocumentIntelligence.Application.Contracts.AI
        {
            public enum AiRole { System = 0, User = 1, Assistant = 2 }

            public sealed record AiMessage(AiRole Role, string Content);

            public sealed record AiCompletionRequest(IReadOnlyList<AiMessage> Messages, string? Model = null, double Temperature = 0.2);

            public interface IAIProvider
            {
                Task<string> CompleteAsync(AiCompletionRequest request, CancellationToken cancellationToken = default);
            }
        }
        """;

    // Infrastructure's provider: the switch arm that writes the SDK's system message from the record.
    private const string Provider = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using AI.DocumentIntelligence.Application.Contracts.AI;
        using OpenAI.Chat;

        namespace AI.DocumentIntelligence.Infrastructure.AI.Providers
        {
            internal sealed class OpenAiCompatProvider : IAIProvider
            {
                private readonly ChatClient client;

                public OpenAiCompatProvider(ChatClient client) => this.client = client;

                public async Task<string> CompleteAsync(AiCompletionRequest request, CancellationToken cancellationToken = default)
                {
                    var messages = request.Messages.Select(ToSdkMessage).ToList();
                    ChatCompletion completion = await client.CompleteChatAsync(messages, new ChatCompletionOptions { Temperature = (float)request.Temperature }, cancellationToken);
                    return completion.Content[0].Text;
                }

                private static ChatMessage ToSdkMessage(AiMessage message) => message.Role switch
                {
                    AiRole.System => ChatMessage.CreateSystemMessage(message.Content),
                    AiRole.Assistant => ChatMessage.CreateAssistantMessage(message.Content),
                    _ => ChatMessage.CreateUserMessage(message.Content)
                };
            }
        }

        """;

    // AiServiceBase and ChatService of the repro: SERVICES holds what a test writes.
    private const string Services = """
        namespace AI.DocumentIntelligence.Infrastructure.AI.Services
        {
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using global::AI.DocumentIntelligence.Application.Contracts.AI;

            internal abstract class AiServiceBase
            {
                private readonly IAIProvider provider;

                protected AiServiceBase(IAIProvider provider) => this.provider = provider;

                protected async Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken cancellationToken)
                {
                    var messages = new List<AiMessage>
                    {
                        new(AiRole.System, systemPrompt),
                        new(AiRole.User, userPrompt)
                    };

                    return await provider.CompleteAsync(new AiCompletionRequest(messages, Temperature: 0.2), cancellationToken);
                }
            }

            SERVICES
        }
        """;

    private const string AskService = """
        internal sealed class ChatService : AiServiceBase
            {
                public ChatService(IAIProvider provider) : base(provider) { }

                public Task<string> AskAsync(string question, CancellationToken ct) =>
                    CompleteAsync({|#0:"You are a document assistant that answers questions grounded exclusively in the provided document excerpts. Do not use knowledge outside the excerpts."|}, question, ct);
            }
        """;

    private static Task VerifyAcrossProjectsAsync(string infrastructure, params DiagnosticResult[] expected) =>
        VerifyAsync(infrastructure, Contracts, expected);

    private static Task VerifyAsync(string code, string? referenced, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = code,
            References = referenced == null
                ? ReferenceAssemblies.Default
                : ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(ProjectSummaryTests.CreateLibrary(referenced))),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task A_prompt_passed_down_to_a_referenced_records_system_turn_is_a_prompt() =>
        VerifyAcrossProjectsAsync(
            Provider + Services.Replace("SERVICES", AskService),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("AI.DocumentIntelligence.Infrastructure.AI.Services.ChatService.AskAsync"));

    // The control of the repro: the same files in one project give the same diagnostic (the reading already made).
    [Fact]
    public Task The_same_record_declared_in_the_project_gives_the_same_diagnostic()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            Sources = { Provider + Services.Replace("SERVICES", AskService), Contracts },
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("AI.DocumentIntelligence.Infrastructure.AI.Services.ChatService.AskAsync"));
        return test.RunAsync();
    }

    [Fact]
    public Task A_literal_written_into_the_referenced_records_system_turn_is_a_prompt() =>
        VerifyAcrossProjectsAsync(
            Provider + Services.Replace("SERVICES", """
                internal sealed class ComparisonService
                    {
                        private readonly IAIProvider provider;

                        public ComparisonService(IAIProvider provider) => this.provider = provider;

                        public Task<string> CompareAsync(string left, string right, CancellationToken ct) =>
                            provider.CompleteAsync(new AiCompletionRequest(new List<AiMessage>
                            {
                                new(AiRole.System, {|#0:"You compare two documents. Do not use knowledge outside the excerpts."|}),
                                new(AiRole.User, left + "\n---\n" + right)
                            }), ct);
                    }
                """),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("AI.DocumentIntelligence.Infrastructure.AI.Services.ComparisonService.CompareAsync"));

    // Near the bug in the same apps: the conversation replayed through the same record. A user turn that reads like an
    // instruction, and an assistant greeting, are turns of the conversation, not the app's prompt.
    [Fact]
    public Task User_and_assistant_turns_of_the_referenced_record_stay_quiet() =>
        VerifyAcrossProjectsAsync(
            Provider + Services.Replace("SERVICES", """
                internal sealed class HistoryService
                    {
                        private readonly IAIProvider provider;

                        public HistoryService(IAIProvider provider) => this.provider = provider;

                        public Task<string> ContinueAsync(string question, CancellationToken ct) =>
                            provider.CompleteAsync(new AiCompletionRequest(new List<AiMessage>
                            {
                                new(AiRole.Assistant, "Hello! Ask me anything about your documents."),
                                new(AiRole.User, "Summarize the attached contract and never skip the termination clause."),
                                new AiMessage(AiRole.User, question)
                            }), ct);
                    }
                """));

    // A referenced record never read at a slot here (a log entry, an audit trail) holds no prompt, whatever its text.
    [Fact]
    public Task A_referenced_record_that_reaches_no_slot_stays_quiet() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using global::AI.DocumentIntelligence.Application.Contracts.AI;
            namespace AI.DocumentIntelligence.Infrastructure.Audit
            {
                internal sealed class AuditTrail
                {
                    private readonly List<AiMessage> entries = new();

                    public void Record() => entries.Add(new AiMessage(AiRole.System, "You are a document assistant. Do not use knowledge outside the excerpts."));
                }
            }
            """,
            Contracts);

    // Half-typed: the record's constructor written with its text missing, its name misspelled (an error type), and a role
    // arm not finished. No crash, no report.
    [Fact]
    public Task Half_typed_writes_of_the_referenced_record_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Provider.Replace("AiRole.Assistant => ChatMessage.CreateAssistantMessage(message.Content),", "AiRole. => ChatMessage.CreateAssistantMessage(message.),")
                + Services.Replace("SERVICES", """
                internal sealed class BrokenService
                    {
                        private readonly IAIProvider provider;

                        public BrokenService(IAIProvider provider) => this.provider = provider;

                        public Task<string> AskAsync(CancellationToken ct) =>
                            provider.CompleteAsync(new AiCompletionRequest(new List<AiMessage> { new(AiRole.System, ), new AiMesage(AiRole.System, "You are a helpful assistant. Never guess.") }), ct);
                    }
                """),
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(ProjectSummaryTests.CreateLibrary(Contracts))),
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
