using AiLint.Tests.Summaries;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.HelperPostedMessageListTests;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review69 U3 (GustavoCostaBR/RAG_Challenge, reduced to one project): the app's own message record
/// <c>ChatMessage(string Role, string Content)</c>, <c>new ChatMessage(RoleConstants.SystemRole, RagPrompts.SystemPrompt)</c>
/// in a <c>List&lt;ChatMessage&gt;</c> the orchestrator builds and hands to <c>IOpenAiClient.CreateChatCompletionAsync(messages)</c>,
/// whose only implementation wraps the list in the posted record (<c>new ChatCompletionRequest(model, messages, 0.2)</c>,
/// <c>JsonContent.Create</c>, a POST to <c>"chat/completions"</c> on OpenAI's base address). ContractPostedMessageLists.
/// </summary>
public class ContractPostedMessageListTests
{
    internal const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        """;

    // The Domain types of the repository, as written there (the role constants are `public const` of a class).
    internal const string Domain = """
        namespace Rag.Domain
        {
            public record ChatMessage(string Role, string Content);

            public record ChatCompletionRequest(string Model, IReadOnlyList<ChatMessage> Messages, double Temperature = 0.2);

            public class RoleConstants
            {
                public const string AssistantRole = "assistant";
                public const string SystemRole = "system";
                public const string UserRole = "user";
            }

            public interface IOpenAiClient
            {
                Task<string> CreateChatCompletionAsync(IReadOnlyList<ChatMessage> messages, System.Threading.CancellationToken cancellationToken = default);
            }
        }

        """;

    // The client of the repository, reduced: a typed HttpClient on OpenAI's base address posting the record it wraps the
    // list in. BODY is the request record's construction; URL the base address.
    internal const string Client = """
        namespace Rag.Infrastructure.Clients
        {
            using Rag.Domain;

            internal sealed class OpenAiHttpClient : IOpenAiClient
            {
                private const string ChatCompletionsPath = "chat/completions";
                private readonly HttpClient httpClient;

                public OpenAiHttpClient(HttpClient httpClient)
                {
                    this.httpClient = httpClient;
                    httpClient.BaseAddress = new Uri("URL");
                }

                public async Task<string> CreateChatCompletionAsync(IReadOnlyList<ChatMessage> messages, System.Threading.CancellationToken cancellationToken = default)
                {
                    PREP
                    var payload = BODY;
                    using var request = new HttpRequestMessage(HttpMethod.Post, ChatCompletionsPath);
                    request.Content = JsonContent.Create(payload);
                    var response = await httpClient.SendAsync(request, cancellationToken);
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }
            }
        }

        """;

    internal static string Posting(string body, string prep = "") => Client.Replace("URL", OpenAi).Replace("PREP", prep).Replace("BODY", body);

    internal const string PostedAsGiven = "new ChatCompletionRequest(\"gpt-4o\", messages, 0.2)";

    internal const string OpenAi = "https://api.openai.com/v1/";

    // The orchestrator of the repository: the final answer's list (a system message in a local, the history and the user's
    // question added), and the coverage judge's list handed over inside the retry helper's lambda.
    private const string Orchestrator = """
        namespace Rag.Infrastructure.Orchestration
        {
            using Rag.Domain;

            public static class RagPrompts
            {
                public const string SYSTEM = "You are a support assistant for the product. Answer only from the context. If the context does not cover the question, say that you do not know.";
                public const string JUDGE = "You judge whether the context answers the question. Respond ONLY with JSON: {\"covered\": true} or {\"covered\": false}.";
            }

            public sealed class RagOrchestrator
            {
                private readonly IOpenAiClient openAi;

                public RagOrchestrator(IOpenAiClient openAi) => this.openAi = openAi;

                public Task<string> AnswerAsync(string question, string context, IReadOnlyList<ChatMessage> history, System.Threading.CancellationToken ct)
                {
                    var system = new ChatMessage(RoleConstants.SystemRole, RagPrompts.SystemPrompt);
                    var messages = new List<ChatMessage> { system };
                    messages.AddRange(history);
                    messages.Add(new ChatMessage(RoleConstants.UserRole, $"Question: {question}\n\nContext:\n{context}"));
                    return openAi.CreateChatCompletionAsync(messages, ct);
                }

                public Task<string> JudgeAsync(string question, string context, System.Threading.CancellationToken ct)
                {
                    var judgeMessages = new List<ChatMessage>
                    {
                        new(RoleConstants.SystemRole, RagPrompts.CoverageJudgeSystemPrompt),
                        new(RoleConstants.UserRole, $"Question: {question}\n\nContext:\n{context}")
                    };

                    return ExecuteWithRetryAsync(() => openAi.CreateChatCompletionAsync(judgeMessages, ct), 3);
                }

                private static async Task<string> ExecuteWithRetryAsync(Func<Task<string>> action, int maxRetries)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            return await action();
                        }
                        catch (HttpRequestException) when (attempt < maxRetries)
                        {
                            await Task.Delay(500);
                        }
                    }
                }
            }
        }

        """;

    private static string Orchestration(bool marked) =>
        Orchestrator
            .Replace("SYSTEM", marked ? "{|#0:SystemPrompt|}" : "SystemPrompt")
            .Replace("JUDGE", marked ? "{|#1:CoverageJudgeSystemPrompt|}" : "CoverageJudgeSystemPrompt");

    [Fact]
    public Task System_messages_of_the_apps_own_records_handed_through_the_client_interface_are_prompts() =>
        VerifyNoSdkAsync(
            Domain + Posting(PostedAsGiven) + Orchestration(marked: true),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Infrastructure.Orchestration.RagPrompts.SystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Rag.Infrastructure.Orchestration.RagPrompts.CoverageJudgeSystemPrompt"));

    // The repository's own layout for the contract: IOpenAiClient and the records are declared in the Domain project, which
    // the Infrastructure project (the client and the orchestrator) references. The contract runs only bodies of this project.
    [Fact]
    public Task A_client_interface_of_the_referenced_domain_project_is_followed_to_its_implementation_here() =>
        VerifyWithDomainProjectAsync(
            string.Empty,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Infrastructure.Orchestration.RagPrompts.SystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Rag.Infrastructure.Orchestration.RagPrompts.CoverageJudgeSystemPrompt"));

    // The Domain project declares an implementation of its own (a canned client for demos), whose body cannot be read here.
    [Fact]
    public Task An_implementation_in_the_domain_project_keeps_the_calls_quiet() =>
        VerifyWithDomainProjectAsync("""
            namespace Rag.Domain.Demo
            {
                public sealed class CannedOpenAiClient : IOpenAiClient
                {
                    public Task<string> CreateChatCompletionAsync(IReadOnlyList<ChatMessage> messages, System.Threading.CancellationToken cancellationToken = default) =>
                        Task.FromResult("Canned answer.");
                }
            }
            """);

    private static Task VerifyWithDomainProjectAsync(string domainExtra, params DiagnosticResult[] expected)
    {
        var domain = ProjectSummaryTests.CreateLibrary("using System.Collections.Generic;\nusing System.Threading.Tasks;\n" + Domain + domainExtra);
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + Posting(PostedAsGiven) + Orchestration(marked: expected.Length > 0),
            References = ReferenceAssemblies.FrameworkOnly.Add(ProjectSummaryTests.Emit(domain)),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The same client posting the list to the app's own help desk API: not a model (a "chat/completions" path on any host
    // is one, as AIL0001 reads it, so the twin changes the path too).
    [Fact]
    public Task The_same_client_posting_to_a_help_desk_api_is_quiet() =>
        VerifyNoSdkAsync(
            Domain
            + Client.Replace("URL", "https://helpdesk.contoso.com/").Replace("\"chat/completions\"", "\"api/tickets\"").Replace("PREP", "").Replace("BODY", PostedAsGiven)
            + Orchestration(marked: false));

    // The implementation decides what is sent: one that drops the caller's system messages, or replaces the list, sends
    // none of the orchestrator's instructions.
    [Theory]
    [InlineData("", "new ChatCompletionRequest(\"gpt-4o\", messages.Where(m => m.Role != RoleConstants.SystemRole).ToList(), 0.2)")]
    [InlineData("", "new ChatCompletionRequest(\"gpt-4o\", messages.Skip(1).ToList(), 0.2)")]
    [InlineData("messages = messages.Where(m => m.Role != RoleConstants.SystemRole).ToList();", "new ChatCompletionRequest(\"gpt-4o\", messages, 0.2)")]
    [InlineData("messages = new List<ChatMessage> { new(RoleConstants.UserRole, messages[^1].Content) };", "new ChatCompletionRequest(\"gpt-4o\", messages, 0.2)")]
    public Task An_implementation_that_filters_or_replaces_the_list_is_quiet(string prep, string body) =>
        VerifyNoSdkAsync(Domain + Posting(body, prep) + Orchestration(marked: false));

    // A second implementation that calls no model (the offline stub the app registers in development): which one runs is
    // decided by the host, so the orchestrator's list is not known to reach a model.
    [Fact]
    public Task A_second_implementation_that_calls_no_model_keeps_the_call_quiet() =>
        VerifyNoSdkAsync(
            Domain + Posting(PostedAsGiven) + """
            namespace Rag.Infrastructure.Stubs
            {
                using Rag.Domain;

                internal sealed class OfflineOpenAiClient : IOpenAiClient
                {
                    public Task<string> CreateChatCompletionAsync(IReadOnlyList<ChatMessage> messages, System.Threading.CancellationToken cancellationToken = default) =>
                        Task.FromResult("Offline: " + messages.Count + " messages.");
                }
            }

            """ + Orchestration(marked: false));
}
