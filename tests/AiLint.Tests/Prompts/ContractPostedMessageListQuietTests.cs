using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.ContractPostedMessageListTests;
using static AiLint.Tests.Prompts.HelperPostedMessageListTests;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The correct code real apps write beside review69 U3's shape (ContractPostedMessageListTests), and half-typed code: the
/// same client interface and implementation, with lists whose system message is not known to be sent as written.
/// </summary>
public class ContractPostedMessageListQuietTests
{
    // Correct code written beside the bug: the user's turn under a constant role (even instructing text), a role the caller
    // passes in, a list the caller also hands to another method (which may rewrite it), a history that arrives as a
    // parameter, and a list kept in a field.
    [Fact]
    public Task User_turns_run_time_roles_and_lists_shared_with_other_code_are_quiet() =>
        VerifyNoSdkAsync(
            Domain + Posting(PostedAsGiven) + """
            namespace Rag.Infrastructure.Orchestration
            {
                using Rag.Domain;

                public sealed class Conversation
                {
                    private const string Rules = "You are a strict grader. Never round grades up. Answer in one sentence.";
                    private readonly IOpenAiClient openAi;
                    private readonly List<ChatMessage> history = new List<ChatMessage>();

                    public Conversation(IOpenAiClient openAi) => this.openAi = openAi;

                    public Task<string> AsUser(string question) =>
                        openAi.CreateChatCompletionAsync(new List<ChatMessage>
                        {
                            new(RoleConstants.UserRole, "Always answer in French and never use more than two sentences."),
                            new(RoleConstants.UserRole, question),
                        });

                    public Task<string> WithRole(string role, string question) =>
                        openAi.CreateChatCompletionAsync(new List<ChatMessage> { new(role, Rules), new(RoleConstants.UserRole, question) });

                    public Task<string> Trimmed(string question)
                    {
                        var messages = new List<ChatMessage> { new(RoleConstants.SystemRole, Rules) };
                        Compact(messages);
                        messages.Add(new(RoleConstants.UserRole, question));
                        return openAi.CreateChatCompletionAsync(messages);
                    }

                    public Task<string> Forwarded(List<ChatMessage> messages) => openAi.CreateChatCompletionAsync(messages);

                    public Task<string> Continue(string question)
                    {
                        history.Add(new(RoleConstants.UserRole, question));
                        return openAi.CreateChatCompletionAsync(history);
                    }

                    private static void Compact(List<ChatMessage> messages) => messages.RemoveAt(0);
                }
            }

            """);

    // Half-typed code: an unknown message type (A) and an interface member that does not exist (C) give nothing; a call
    // missing only its closing parenthesis (B) still binds to the interface, so its system message is read.
    [Fact]
    public Task Half_typed_orchestrators_do_not_crash() =>
        new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + Domain + Posting(PostedAsGiven) + """
                namespace Rag.Infrastructure.Broken
                {
                    using Rag.Domain;

                    public sealed class Broken(IOpenAiClient openAi)
                    {
                        public Task<string> A() =>
                            openAi.CreateChatCompletionAsync(new List<Mesage> { new(RoleConstants.SystemRole, "You are a poet. Answer only in rhyme.") });

                        public Task<string> B() =>
                            openAi.CreateChatCompletionAsync(new List<ChatMessage> { new(RoleConstants.SystemRole, {|#0:"You are a poet. Answer only in rhyme."|}) }

                        public Task<string> C() =>
                            openAi.CreateCompletion(new List<ChatMessage> { new(RoleConstants.SystemRole, "You are a poet. Answer only in rhyme.") });
                    }
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
            ExpectedDiagnostics = { Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Infrastructure.Broken.Broken.B") },
        }.RunAsync();
}
