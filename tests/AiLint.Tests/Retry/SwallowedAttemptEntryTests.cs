using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// The swallowing <c>try</c> of review 77 FP-1 reached in the other ways the retry reading knows: under a hand-written
/// retry loop, through a method group handed to the policy, and with a fresh idempotency key (AIL0004) in the retried
/// lambda; then half-typed code. Each quiet case has its reported twin.
/// </summary>
public class SwallowedAttemptEntryTests
{
    private const string LocalUsings = """
        using System;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Polly;

        """;

    private const string PostUrl = "https://api.openai.com/v1/chat/completions";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", LocalUsings + source, expected);

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
