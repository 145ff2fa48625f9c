using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// The other places the swallowing <c>try</c> of review 77 FP-1 sits in (probe p1 there): directly in the retried lambda,
/// in a private helper, and behind an abstract method reached through a base-class method; and what the policy handles.
/// Each quiet case has the twin real code writes beside it, where an exception still leaves after the send.
/// </summary>
public class SwallowedAttemptShapeTests
{
    private const string LocalUsings = """
        using System;
        using System.ClientModel;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using Polly;

        """;

    private const string PostUrl = "https://api.openai.com/v1/chat/completions";

    // The repository's base class: CompleteAsync builds a request and returns the abstract ChatAsync; one swallowing override.
    private const string BaseBackends = $$"""
        public class Reply { public bool Ok { get; set; } }

        public abstract class BaseBackend
        {
            public async Task<Reply> CompleteAsync(string prompt, CancellationToken ct)
            {
                var request = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
                return await ChatAsync(request, ct);
            }

            public abstract Task<Reply> ChatAsync(string body, CancellationToken ct);
        }

        public class SafeBackend(HttpClient http) : BaseBackend
        {
            public override async Task<Reply> ChatAsync(string body, CancellationToken ct)
            {
                try { var r = await http.PostAsync("{{PostUrl}}", new StringContent(body), ct); return new Reply { Ok = r.IsSuccessStatusCode }; }
                catch (Exception) { return new Reply(); }
            }
        }
        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", LocalUsings + source, expected);

    /// <summary>
    /// Probe p1 A and B: the catch-all inside the lambda, or inside the helper it calls. The OpenAI client's own retries
    /// still run, but the policy never adds attempts, so AIL0003's "4 × 4 = 16 requests" is wrong too.
    /// </summary>
    [Fact]
    public Task Catch_all_in_the_lambda_or_its_helper_is_quiet_for_AIL0001_and_AIL0003() => VerifyAsync(
        """
        public class Probe
        {
            private readonly ChatClient _chat = new("gpt-4o-2024-08-06", "k");
            private readonly Polly.Retry.AsyncRetryPolicy _retry = Policy.Handle<Exception>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));

            public Task<string?> A(string q) => _retry.ExecuteAsync(async () =>
            {
                try { var r = await _chat.CompleteChatAsync(q); return (string?)r.Value.Content[0].Text; }
                catch (Exception) { return null; }
            });

            public Task<string?> B(string q) => _retry.ExecuteAsync(() => SafeAsk(q));

            private async Task<string?> SafeAsk(string q)
            {
                string? text = null;
                try { var r = await _chat.CompleteChatAsync(q); text = r.Value.Content[0].Text; }
                catch (Exception) { }
                return text;
            }
        }
        """);

    /// <summary>The twin of A with a catch of the SDK's exception alone: a timeout leaves, both rules report.</summary>
    [Fact]
    public Task Catch_of_the_sdk_exception_alone_in_the_lambda_is_reported() => VerifyAsync(
        """
        public class Probe
        {
            private readonly ChatClient _chat = new("gpt-4o-2024-08-06", "k");
            private readonly Polly.Retry.AsyncRetryPolicy _retry = Policy.Handle<Exception>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));

            public Task<string?> A(string q) => _retry.ExecuteAsync(async () =>
            {
                try { var r = await _chat.{|#0:CompleteChatAsync|}(q); return (string?)r.Value.Content[0].Text; }
                catch (ClientResultException) { return null; }
            });
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("CompleteChatAsync", "AsyncRetryPolicy.ExecuteAsync"),
        Diagnostic("AIL0003").WithLocation(0).WithArguments("CompleteChatAsync", "AsyncRetryPolicy.ExecuteAsync", "OpenAI", "3 retries by default", "4 × 4 = 16 requests"));

    /// <summary>
    /// A catch that asks a fallback model: that call can fail in turn, its exception leaves the lambda, and the policy
    /// re-sends the first request too. Both calls are reported.
    /// </summary>
    [Fact]
    public Task Catch_that_calls_a_fallback_model_is_reported() => VerifyAsync(
        """
        using Microsoft.Extensions.AI;

        public class Probe(IChatClient primary, IChatClient fallback)
        {
            private readonly IAsyncPolicy _retry = Policy.Handle<Exception>().RetryAsync(2);

            public Task<string> Ask(string q) => _retry.ExecuteAsync(async () =>
            {
                try { return (await primary.{|#0:GetResponseAsync|}(q)).Text; }
                catch (Exception) { return (await fallback.{|#1:GetResponseAsync|}(q)).Text; }
            });
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "IAsyncPolicy.ExecuteAsync"),
        Diagnostic("AIL0001").WithLocation(1).WithArguments("GetResponseAsync", "IAsyncPolicy.ExecuteAsync"));

    /// <summary>
    /// The policy handles <c>HttpRequestException</c> and the lambda catches exactly that: whatever else leaves is not
    /// retried. The twin's policy also retries the error result the catch returns, so the request is sent again.
    /// </summary>
    [Fact]
    public Task Catch_of_the_handled_type_is_quiet_unless_the_policy_retries_the_error_result() => VerifyAsync(
        $$"""
        public class Reply { public bool Ok { get; set; } }

        public class Probe(HttpClient http)
        {
            public Task<Reply> Handled(HttpContent body) => Policy.Handle<HttpRequestException>().RetryAsync(2).ExecuteAsync(async () =>
            {
                try { var r = await http.PostAsync("{{PostUrl}}", body); return new Reply { Ok = r.IsSuccessStatusCode }; }
                catch (HttpRequestException) { return new Reply(); }
            });

            public Task<Reply> ResultRetried(HttpContent body) => Policy.Handle<HttpRequestException>().OrResult<Reply>(r => !r.Ok).RetryAsync(2).ExecuteAsync(async () =>
            {
                try { var r = await http.{|#0:PostAsync|}("{{PostUrl}}", body); return new Reply { Ok = r.IsSuccessStatusCode }; }
                catch (HttpRequestException) { return new Reply(); }
            });
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("PostAsync", "AsyncRetryPolicy.ExecuteAsync"));

    /// <summary>
    /// The repository's <c>CompleteAsync</c>: a base-class method that builds a request and returns the abstract
    /// <c>ChatAsync</c>, whose every override swallows. The twin adds an override that lets the exception out.
    /// </summary>
    [Fact]
    public Task Base_class_method_returning_an_abstract_call_follows_every_override() => VerifyAsync(
        $$"""
        {{BaseBackends}}
        public class Service(BaseBackend backend)
        {
            private readonly IAsyncPolicy _retry = Policy.Handle<Exception>().RetryAsync(2);

            public Task<Reply> Ask(string q, CancellationToken ct) => _retry.ExecuteAsync(() => backend.CompleteAsync(q, ct));
        }
        """);

    [Fact]
    public Task Base_class_method_with_an_override_that_lets_exceptions_out_is_reported() => VerifyAsync(
        $$"""
        {{BaseBackends}}
        public class PlainBackend(HttpClient http) : BaseBackend
        {
            public override async Task<Reply> ChatAsync(string body, CancellationToken ct)
            {
                var r = await http.PostAsync("{{PostUrl}}", new StringContent(body), ct);
                return new Reply { Ok = r.IsSuccessStatusCode };
            }
        }

        public class Service(BaseBackend backend)
        {
            private readonly IAsyncPolicy _retry = Policy.Handle<Exception>().RetryAsync(2);

            public Task<Reply> Ask(string q, CancellationToken ct) => _retry.ExecuteAsync(() => backend.{|#0:CompleteAsync|}(q, ct));
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("CompleteAsync", "IAsyncPolicy.ExecuteAsync"));
}
