using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 78 FP-2 (Bardin08/RAGFramework OpenAIProvider.cs): a Polly retry that handles only <c>HttpRequestException</c>
/// around an OpenAI <c>ChatClient</c> call. The OpenAI SDK never lets an <c>HttpRequestException</c> reach its caller (a 5xx
/// answer, a handler-thrown one and a connect failure all arrive as <c>ClientResultException</c>; measured, see
/// docs/design/sdk-surfaced-exceptions.md), so the retry never goes round once the request is sent: no AIL0001, and no
/// AIL0003 "4 × 4". Beside them the twins that keep reporting: a policy that also handles the SDK's own exception or
/// everything, the same policy around a raw HTTP POST or an SDK that passes <c>HttpRequestException</c> through, and an
/// attempt that does more after the call.
/// </summary>
public class SdkWrappedHttpFailureTests
{
    /// <summary>The usings of these tests and of <see cref="SdkWrappedHttpFailureShapeTests"/>.</summary>
    internal const string LocalUsings = """
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using Polly;
        using Polly.Retry;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", LocalUsings + source, expected);

    /// <summary>The repro's provider, reduced: the policy's predicate tests the 5xx status of an HttpRequestException.</summary>
    private static string RagFrameworkProvider(string handled, string tail = "return await _chatClient.{|#0:CompleteChatAsync|}(messages, options, cts.Token);") => $$"""
        public class OpenAIProvider
        {
            private readonly ChatClient _chatClient;
            private readonly AsyncRetryPolicy _retryPolicy;

            public OpenAIProvider(string model, string apiKey)
            {
                _chatClient = new ChatClient(model, apiKey);
                _retryPolicy = Policy
                    {{handled}}
                    .WaitAndRetryAsync(3, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)));
            }

            public async Task<string> GenerateAsync(string systemPrompt, string question, CancellationToken cancellationToken = default)
            {
                var messages = new List<ChatMessage> { new SystemChatMessage(systemPrompt), new UserChatMessage(question) };
                var chatCompletion = await _retryPolicy.ExecuteAsync(async () =>
                {
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 500 };
                    using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    cts.CancelAfter(TimeSpan.FromSeconds(30));
                    {{tail}}
                });

                return chatCompletion.Value.Content[0].Text;
            }
        }
        """;

    private const string ServerErrorsOnly = """
        .Handle<HttpRequestException>(ex =>
                        ex.StatusCode == HttpStatusCode.InternalServerError ||
                        ex.StatusCode == HttpStatusCode.BadGateway ||
                        ex.StatusCode == HttpStatusCode.ServiceUnavailable ||
                        ex.StatusCode == HttpStatusCode.GatewayTimeout)
        """;

    private static DiagnosticResult[] OpenAIReports(string retry = "AsyncRetryPolicy.ExecuteAsync") => new[]
    {
        Diagnostic("AIL0001").WithLocation(0).WithArguments("CompleteChatAsync", retry),
        Diagnostic("AIL0003").WithLocation(0).WithArguments("CompleteChatAsync", retry, "OpenAI", "3 retries by default", "4 × 4 = 16 requests"),
    };

    [Fact]
    public Task HttpRequestException_only_policy_around_OpenAI_ChatClient_is_quiet() => VerifyAsync(
        RagFrameworkProvider(ServerErrorsOnly));

    [Fact]
    public Task Reading_the_SDK_result_after_the_call_stays_quiet() => VerifyAsync(
        RagFrameworkProvider(".Handle<HttpRequestException>()", "return (await _chatClient.{|#0:CompleteChatAsync|}(messages, options, cts.Token)).Value.Content[0].Text;")
            .Replace("var chatCompletion = ", "var text = ").Replace("return chatCompletion.Value.Content[0].Text;", "return text;"));

    [Fact]
    public Task Policy_that_also_handles_the_SDK_exception_keeps_both_reports() => VerifyAsync(
        RagFrameworkProvider(".Handle<HttpRequestException>().Or<ClientResultException>()"),
        OpenAIReports());

    [Fact]
    public Task Policy_that_handles_every_exception_keeps_both_reports() => VerifyAsync(
        RagFrameworkProvider(".Handle<Exception>()"),
        OpenAIReports());

    [Fact]
    public Task HandleInner_of_HttpRequestException_keeps_both_reports() => VerifyAsync(
        // ClientResultException carries the transport's HttpRequestException as its inner exception: HandleInner sees it.
        RagFrameworkProvider(".HandleInner<HttpRequestException>()"),
        OpenAIReports());

    [Fact]
    public Task Raw_HTTP_request_after_the_call_in_the_attempt_keeps_both_reports() => VerifyAsync(
        RagFrameworkProvider(".Handle<HttpRequestException>()", """
                    var result = await _chatClient.{|#0:CompleteChatAsync|}(messages, options, cts.Token);
                    await new HttpClient().PostAsync("https://hooks.example.com/audit", new StringContent(result.Value.Content[0].Text));
                    return result;
        """),
        OpenAIReports());

    [Fact]
    public Task Project_method_after_the_call_in_the_attempt_keeps_both_reports() => VerifyAsync(
        RagFrameworkProvider(".Handle<HttpRequestException>()", """
                    var result = await _chatClient.{|#0:CompleteChatAsync|}(messages, options, cts.Token);
                    await AuditAsync(result.Value.Content[0].Text);
                    return result;
        """).Replace("public async Task<string> GenerateAsync", """
            private static readonly HttpClient Hooks = new HttpClient();
            private static Task AuditAsync(string text) => Hooks.PostAsync("https://hooks.example.com/audit", new StringContent(text));

            public async Task<string> GenerateAsync
            """),
        OpenAIReports());

    [Fact]
    public Task HttpRequestException_only_policy_around_a_raw_HTTP_chat_POST_is_reported() => VerifyAsync(
        """
        public class RawProvider
        {
            private readonly HttpClient _http = new HttpClient { BaseAddress = new Uri("https://api.openai.com/v1/") };
            private readonly AsyncRetryPolicy _retryPolicy = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(1));

            public Task<HttpResponseMessage> AskAsync(string question) => _retryPolicy.ExecuteAsync(async () =>
            {
                var response = await _http.{|#0:PostAsync|}("chat/completions", new StringContent("{\"model\":\"gpt-4o-2024-08-06\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}"));
                response.EnsureSuccessStatusCode();
                return response;
            });
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("PostAsync", "AsyncRetryPolicy.ExecuteAsync"));

    [Fact]
    public Task HttpRequestException_only_policy_around_an_IChatClient_of_unknown_implementation_is_reported() => VerifyAsync(
        // Which SDK answers is decided by the registration; OllamaSharp's client passes HttpRequestException through.
        """
        public class Assistant
        {
            private readonly Microsoft.Extensions.AI.IChatClient _chat;
            private readonly AsyncRetryPolicy _retryPolicy = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(1));

            public Assistant(Microsoft.Extensions.AI.IChatClient chat) => _chat = chat;

            public Task<Microsoft.Extensions.AI.ChatResponse> AskAsync(string question) =>
                _retryPolicy.ExecuteAsync(() => _chat.{|#0:GetResponseAsync|}(new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, question) }));
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "AsyncRetryPolicy.ExecuteAsync"));

    [Fact]
    public Task HttpRequestException_only_policy_around_OllamaSharp_is_reported() => VerifyAsync(
        // Measured: OllamaSharp 5.5 surfaces a 500, a handler-thrown HttpRequestException and a connect failure as
        // HttpRequestException itself, so this retry does re-send the generation.
        """
        public class LocalAssistant
        {
            private readonly OllamaSharp.OllamaApiClient _ollama = new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "llama3.1:8b");
            private readonly AsyncRetryPolicy _retryPolicy = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(1));

            public Task<Microsoft.Extensions.AI.ChatResponse> AskAsync(string question) =>
                _retryPolicy.ExecuteAsync(() => ((Microsoft.Extensions.AI.IChatClient)_ollama).{|#0:GetResponseAsync|}(new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, question) }));
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "AsyncRetryPolicy.ExecuteAsync"));
}
