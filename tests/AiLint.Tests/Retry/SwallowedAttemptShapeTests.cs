using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// The other places the swallowing <c>try</c> of review 77 FP-1 sits in (probe p1 there): directly in the retried lambda,
/// in a private helper, behind an abstract method reached through a base-class method, and under a hand-written retry
/// loop. Each quiet case has the twin real code writes beside it, where an exception still leaves after the send.
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

    /// <summary>
    /// A hand-written loop around the same swallowing helper never sees an exception from after the send. The twin parses
    /// the helper's answer inside the loop's try: a parse failure goes round and sends again.
    /// </summary>
    [Fact]
    public Task Retry_loop_around_a_swallowing_helper_is_quiet_unless_the_loop_parses_after_it() => VerifyAsync(
        $$"""
        public class Reply { public string Text { get; set; } = ""; }

        public class Service(HttpClient http)
        {
            public async Task<string?> Returned(HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await SendAsync(body); }
                    catch (Exception) when (attempt < 3) { await Task.Delay(1000); }
                }
            }

            public async Task<Reply> Parsed(HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var text = await {|#0:SendAsync|}(body);
                        return JsonSerializer.Deserialize<Reply>(text!)!;
                    }
                    catch (Exception) when (attempt < 3) { await Task.Delay(1000); }
                }
            }

            private async Task<string?> SendAsync(HttpContent body)
            {
                try
                {
                    var response = await http.PostAsync("{{PostUrl}}", body);
                    return await response.Content.ReadAsStringAsync();
                }
                catch (Exception)
                {
                    return null;
                }
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("SendAsync", "for loop"));

    /// <summary>
    /// AIL0004: a key made fresh in the retried lambda is made once per sent request when the gateway swallows every
    /// exception after its send (the retry never re-runs the lambda for a sent request). The twin's gateway lets them out.
    /// </summary>
    [Fact]
    public Task Fresh_key_for_a_gateway_that_swallows_is_quiet_and_reported_for_one_that_does_not() => VerifyAsync(
        $$"""
        public class Gateway(HttpClient http)
        {
            public async Task<string?> SafeAsync(string body, [AiLint.IdempotencyKey] string key)
            {
                try
                {
                    var response = await http.PostAsync("{{PostUrl}}", new StringContent(body));
                    return await response.Content.ReadAsStringAsync();
                }
                catch (Exception)
                {
                    return null;
                }
            }

            public async Task<string?> PlainAsync(string body, [AiLint.IdempotencyKey] string key)
            {
                var response = await http.PostAsync("{{PostUrl}}", new StringContent(body));
                return await response.Content.ReadAsStringAsync();
            }
        }

        public class Service(Gateway gateway)
        {
            private readonly IAsyncPolicy _retry = Policy.Handle<Exception>().RetryAsync(2);

            public Task<string?> Safe(string body) => _retry.ExecuteAsync(() => gateway.SafeAsync(body, Guid.NewGuid().ToString()));

            public Task<string?> Plain(string body) => _retry.ExecuteAsync(() => gateway.PlainAsync(body, {|#0:Guid.NewGuid().ToString()|}));
        }
        """,
        Diagnostic("AIL0004").WithLocation(0).WithArguments("PlainAsync", "IAsyncPolicy.ExecuteAsync"));

    /// <summary>A method group handed to the policy is the whole retried code: read like the helper a lambda calls.</summary>
    [Fact]
    public Task Method_group_that_swallows_is_quiet_and_one_that_does_not_is_reported() => VerifyAsync(
        $$"""
        public class Service(HttpClient http)
        {
            private readonly IAsyncPolicy _retry = Policy.Handle<Exception>().RetryAsync(2);

            public Task<string?> Safe() => _retry.ExecuteAsync(SafeSendAsync);

            public Task<string?> Plain() => _retry.ExecuteAsync({|#0:PlainSendAsync|});

            private async Task<string?> SafeSendAsync()
            {
                try
                {
                    var response = await http.PostAsync("{{PostUrl}}", new StringContent("{\"model\":\"gpt-4o\",\"messages\":[]}"));
                    return await response.Content.ReadAsStringAsync();
                }
                catch
                {
                    return null;
                }
            }

            private async Task<string?> PlainSendAsync()
            {
                var response = await http.PostAsync("{{PostUrl}}", new StringContent("{\"model\":\"gpt-4o\",\"messages\":[]}"));
                return await response.Content.ReadAsStringAsync();
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("PlainSendAsync", "IAsyncPolicy.ExecuteAsync"));

    /// <summary>
    /// Half-typed code: a misspelled exception type is not known to catch anything (still reported), and an
    /// implementation without a body or with an unresolved client neither crashes the reading nor silences the call.
    /// </summary>
    [Fact]
    public async Task Half_typed_catches_and_bodies_do_not_crash_or_silence()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = LocalUsings + $$"""
                public class Probe(HttpClient http)
                {
                    private readonly IAsyncPolicy _retry = Policy.Handle<Exception>().RetryAsync(2);

                    public Task<string?> Misspelled(HttpContent body) => _retry.ExecuteAsync(() => {|#0:Guarded|}(body));

                    private async Task<string?> Guarded(HttpContent body)
                    {
                        try { var r = await http.PostAsync("{{PostUrl}}", body); return r.ReasonPhrase; }
                        catch (Exceptoin) { return null; }
                    }

                    public Task<string?> Unresolved(HttpContent body) => _retry.ExecuteAsync(async () =>
                    {
                        try { return await missing.PostAsync("{{PostUrl}}", body); }
                        catch (Exception) { return null; }
                    });

                    public Task<string?> Unfinished(HttpContent body) => _retry.ExecuteAsync(() => Send(body));

                    private partial Task<string?> Send(HttpContent body);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0001").WithLocation(0).WithArguments("Guarded", "IAsyncPolicy.ExecuteAsync"));
        await test.RunAsync();
    }
}
