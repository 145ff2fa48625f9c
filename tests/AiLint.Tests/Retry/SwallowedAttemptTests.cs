using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 77 FP-1 (scottgal/mostlyucid.llmbackend): a Polly <c>Handle&lt;Exception&gt;()</c> retry around a call whose
/// request, and everything after it, sits in a <c>try</c> whose catch takes every exception the policy handles and
/// returns an error result. No exception leaves the retried code once the request is sent, so the policy never re-sends
/// it: no AIL0001, and no AIL0003 "4 × 4" count. Beside them, the twins real code writes where an exception does leave
/// after the send (a rethrow, a narrower catch, a filter, a parse after the try, one implementation without the catch).
/// </summary>
public class SwallowedAttemptTests
{
    private const string LocalUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using Polly;
        using Polly.Retry;

        """;

    // The repro's backend interface and result type, with the service that retries through it.
    private const string Backends = """
        public class LlmResponse { public bool Success { get; set; } public string Text { get; set; } = ""; public string? ErrorMessage { get; set; } }
        public class ChatRequest { public List<(string Role, string Content)> Messages { get; set; } = new(); }

        public interface ILlmBackend
        {
            Task<LlmResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default);
        }

        public class LlmService
        {
            private readonly List<ILlmBackend> _backends;
            private readonly AsyncRetryPolicy _retryPolicy;

            public LlmService(IEnumerable<ILlmBackend> backends)
            {
                _backends = backends.ToList();
                _retryPolicy = Policy
                    .Handle<Exception>()
                    .WaitAndRetryAsync(3, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)));
            }

            public async Task<LlmResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default)
            {
                foreach (var backend in _backends)
                {
                    try
                    {
                        var response = await _retryPolicy.ExecuteAsync(async () =>
                            await backend.{|#0:ChatAsync|}(request, cancellationToken));
                        if (response.Success)
                        {
                            return response;
                        }
                    }
                    catch (Exception)
                    {
                    }
                }

                return new LlmResponse { Success = false, ErrorMessage = "All backends failed" };
            }
        }

        """;

    // The repro's OpenAI backend: the POST and everything after it inside try { } catch (Exception) { return error; }.
    private const string SwallowingOpenAIBackend = """
        public class OpenAILlmBackend : ILlmBackend
        {
            private readonly HttpClient HttpClient;
            private readonly string? _modelName;
            public OpenAILlmBackend(HttpClient httpClient, string? modelName) { HttpClient = httpClient; _modelName = modelName; }

            public async Task<LlmResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default)
            {
                var modelName = _modelName ?? "gpt-4";
                try
                {
                    var requestBody = new
                    {
                        model = modelName,
                        messages = request.Messages.Select(m => new { role = m.Role, content = m.Content }).ToList()
                    };
                    var json = JsonSerializer.Serialize(requestBody);
                    var content = new StringContent(json, Encoding.UTF8, "application/json");
                    var response = await HttpClient.PostAsync("v1/chat/completions", content, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        return new LlmResponse { Success = false, ErrorMessage = $"OpenAI returned {response.StatusCode}" };
                    }
                    var responseJson = await response.Content.ReadAsStringAsync(cancellationToken);
                    return new LlmResponse { Success = true, Text = responseJson };
                }
                catch (Exception ex)
                {
                    return CreateErrorResponse(ex);
                }
            }

            private static LlmResponse CreateErrorResponse(Exception ex) => new() { Success = false, ErrorMessage = $"OpenAI request failed: {ex.Message}" };
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", LocalUsings + source, expected);

    private static DiagnosticResult BackendReported() =>
        Diagnostic("AIL0001").WithLocation(0).WithArguments("ChatAsync", "AsyncRetryPolicy.ExecuteAsync");

    /// <summary>The repro: every implementation of the interface swallows every exception around its send.</summary>
    [Fact]
    public Task Interface_whose_every_implementation_swallows_around_the_send_is_quiet() => VerifyAsync(
        (Backends + SwallowingOpenAIBackend + """
        public class SdkBackend(ChatClient chat) : ILlmBackend
        {
            public async Task<LlmResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default)
            {
                try
                {
                    var completion = await chat.CompleteChatAsync([new UserChatMessage(request.Messages[0].Content)], cancellationToken: cancellationToken);
                    return new LlmResponse { Success = true, Text = completion.Value.Content[0].Text };
                }
                catch
                {
                    return new LlmResponse { Success = false };
                }
            }
        }
        """).Replace("{|#0:ChatAsync|}", "ChatAsync"));

    /// <summary>The same service with a second implementation that logs and rethrows: a timeout re-sends its request.</summary>
    [Fact]
    public Task One_implementation_that_rethrows_is_reported() => VerifyAsync(
        Backends + SwallowingOpenAIBackend + """
        public class LoggingBackend(ChatClient chat) : ILlmBackend
        {
            public async Task<LlmResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default)
            {
                try
                {
                    var completion = await chat.CompleteChatAsync([new UserChatMessage(request.Messages[0].Content)], cancellationToken: cancellationToken);
                    return new LlmResponse { Success = true, Text = completion.Value.Content[0].Text };
                }
                catch (Exception ex)
                {
                    Console.WriteLine(ex.Message);
                    throw;
                }
            }
        }
        """,
        BackendReported());

    /// <summary>An implementation whose try only guards the parse: the send itself can fail after the model ran.</summary>
    [Fact]
    public Task One_implementation_with_the_send_outside_the_try_is_reported() => VerifyAsync(
        Backends + SwallowingOpenAIBackend + """
        public class ParseGuardedBackend(HttpClient http) : ILlmBackend
        {
            public async Task<LlmResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default)
            {
                var response = await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{\"model\":\"gpt-4o\",\"messages\":[]}"), cancellationToken);
                try
                {
                    return new LlmResponse { Success = true, Text = await response.Content.ReadAsStringAsync(cancellationToken) };
                }
                catch (Exception)
                {
                    return new LlmResponse { Success = false };
                }
            }
        }
        """,
        BackendReported());

    /// <summary>A catch of <c>HttpRequestException</c> alone: a timeout (<c>TaskCanceledException</c>) leaves, and the policy handles it.</summary>
    [Fact]
    public Task Catch_narrower_than_what_the_policy_handles_is_reported() => VerifyAsync(
        Backends + SwallowingOpenAIBackend.Replace("catch (Exception ex)", "catch (HttpRequestException ex)"),
        BackendReported());

    /// <summary>A filter may let the exception through (here: cancellation), so a filtered catch does not count as catching.</summary>
    [Fact]
    public Task Filtered_catch_is_reported() => VerifyAsync(
        Backends + SwallowingOpenAIBackend.Replace("catch (Exception ex)", "catch (Exception ex) when (ex is not OperationCanceledException)"),
        BackendReported());

    /// <summary>A catch that logs and rethrows hands the failure to the policy.</summary>
    [Fact]
    public Task Catch_that_logs_and_rethrows_is_reported() => VerifyAsync(
        Backends + SwallowingOpenAIBackend.Replace("return CreateErrorResponse(ex);", "Console.WriteLine(CreateErrorResponse(ex).ErrorMessage); throw;"),
        BackendReported());

    /// <summary>The backend swallows, but the retried lambda parses its answer after it: a parse failure re-sends.</summary>
    [Fact]
    public Task Parse_after_the_swallowing_call_in_the_lambda_is_reported() => VerifyAsync(
        Backends.Replace(
            "await backend.{|#0:ChatAsync|}(request, cancellationToken));",
            "JsonSerializer.Deserialize<LlmResponse>((await backend.{|#0:ChatAsync|}(request, cancellationToken)).Text)!);")
        + SwallowingOpenAIBackend,
        BackendReported());

    /// <summary>Inside the backend, a parse after the try (outside it) can throw after a successful send.</summary>
    [Fact]
    public Task Parse_after_the_try_in_the_implementation_is_reported() => VerifyAsync(
        Backends + """
        public class LateParseBackend(HttpClient http) : ILlmBackend
        {
            public async Task<LlmResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default)
            {
                string json;
                try
                {
                    var response = await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{\"model\":\"gpt-4o\",\"messages\":[]}"), cancellationToken);
                    json = await response.Content.ReadAsStringAsync(cancellationToken);
                }
                catch (Exception)
                {
                    return new LlmResponse { Success = false };
                }

                return JsonSerializer.Deserialize<LlmResponse>(json)!;
            }
        }
        """,
        BackendReported());

    /// <summary><c>finally</c> alone catches nothing.</summary>
    [Fact]
    public Task Try_with_only_a_finally_is_reported() => VerifyAsync(
        Backends + """
        public class FinallyBackend(HttpClient http) : ILlmBackend
        {
            public async Task<LlmResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default)
            {
                try
                {
                    var response = await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{\"model\":\"gpt-4o\",\"messages\":[]}"), cancellationToken);
                    return new LlmResponse { Success = response.IsSuccessStatusCode };
                }
                finally
                {
                    Console.WriteLine("sent");
                }
            }
        }
        """,
        BackendReported());
}
