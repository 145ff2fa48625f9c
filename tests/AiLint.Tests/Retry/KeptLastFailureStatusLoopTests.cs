namespace AiLint.Tests.Retry;

/// <summary>
/// Review 84 M3 (InGameCompanion GeminiClient.LocateAsync, repro-5): a status loop that re-sends the same
/// <c>:generateContent</c> POST on a 5xx and keeps the last failure in a local declared before the loop, to throw it
/// after the attempts. The kept failure is a verdict on the answer wherever in the pass it is set (before, only the
/// statement right after the send was read), so the loop is reported. A kept failure that changes the next request
/// (a self-correction), and failover that sends each model once, stay quiet.
/// </summary>
public class KeptLastFailureStatusLoopTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json.Nodes;
        using System.Threading;
        using System.Threading.Tasks;

        internal sealed class GeminiException(int status, string message) : Exception(message)
        {
            public int Status { get; } = status;
        }

        """;

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + source);

    /// <summary>The real shape: failover over models, two attempts per model, the last failure built with a static parser.</summary>
    [Fact]
    public Task Last_failure_kept_after_the_success_exit_is_reported() => VerifyAsync("""
        internal sealed class GeminiClient
        {
            private const string BaseUrl = "https://generativelanguage.googleapis.com/v1beta/models/";
            private static readonly HttpClient Http = new();

            public async Task<string> LocateAsync(List<string> models, string payload, CancellationToken ct)
            {
                GeminiException? last = null;
                foreach (var model in models)
                {
                    for (int attempt = 0; attempt < 2; attempt++)
                    {
                        using var req = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}{Uri.EscapeDataString(model)}:generateContent")
                        {
                            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                        };
                        using var resp = await Http.[|SendAsync|](req, ct);
                        var json = await resp.Content.ReadAsStringAsync(ct);
                        if (resp.IsSuccessStatusCode) return json;
                        last = new GeminiException((int)resp.StatusCode, ExtractError(json));
                        if ((int)resp.StatusCode == 429) { break; }
                        if ((int)resp.StatusCode >= 500) { await Task.Delay(500, ct); continue; }
                        break;
                    }
                }

                throw last ?? new GeminiException(0, "no model answered");
            }

            private static string ExtractError(string body)
            {
                try
                {
                    var m = JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>();
                    if (!string.IsNullOrWhiteSpace(m)) return m;
                }
                catch { }
                return body.Length > 400 ? body[..400] : body;
            }
        }
        """);

    /// <summary>
    /// The same idiom in the other orders the review bisected: a .NET exception kept (E), the status kept after the
    /// success exit (F), and the status kept right after the send (F2, reported before too).
    /// </summary>
    [Fact]
    public Task Kept_failure_is_reported_in_any_statement_order() => VerifyAsync("""
        internal sealed class Variants
        {
            private const string Url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent";
            private static readonly HttpClient Http = new();

            public async Task<string> KeptException(string payload, CancellationToken ct)
            {
                HttpRequestException? last = null;
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    using var req = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
                    using var resp = await Http.[|SendAsync|](req, ct);
                    var json = await resp.Content.ReadAsStringAsync(ct);
                    if (resp.IsSuccessStatusCode) return json;
                    last = new HttpRequestException(json, null, resp.StatusCode);
                    if ((int)resp.StatusCode >= 500) { await Task.Delay(500, ct); continue; }
                    break;
                }

                throw last ?? new HttpRequestException("failed");
            }

            public async Task<string> StatusAfterExit(string payload, CancellationToken ct)
            {
                int lastStatus = 0;
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    using var req = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
                    using var resp = await Http.[|SendAsync|](req, ct);
                    if (resp.IsSuccessStatusCode) return await resp.Content.ReadAsStringAsync(ct);
                    lastStatus = (int)resp.StatusCode;
                    if (lastStatus >= 500) { await Task.Delay(500, ct); continue; }
                    break;
                }

                throw new InvalidOperationException($"failed {lastStatus}");
            }

            public async Task<string> StatusRightAfterSend(string payload, CancellationToken ct)
            {
                int lastStatus = 0;
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    using var req = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
                    using var resp = await Http.[|SendAsync|](req, ct);
                    lastStatus = (int)resp.StatusCode;
                    if (resp.IsSuccessStatusCode) return await resp.Content.ReadAsStringAsync(ct);
                    if (lastStatus >= 500) { await Task.Delay(500, ct); continue; }
                    break;
                }

                throw new InvalidOperationException($"failed {lastStatus}");
            }
        }
        """);

    /// <summary>
    /// Quiet twins real apps write near it: the kept error is sent back in the next request (self-correction), each model
    /// is tried once (failover, no second send of one request), the failure is kept but only a 429 goes round.
    /// </summary>
    [Fact]
    public Task Kept_failures_that_change_the_request_or_never_resend_stay_quiet() => VerifyAsync("""
        internal sealed class Quiet
        {
            private const string BaseUrl = "https://generativelanguage.googleapis.com/v1beta/models/";
            private static readonly HttpClient Http = new();

            public async Task<string> SelfCorrection(string prompt, CancellationToken ct)
            {
                string? lastError = null;
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    var text = lastError is null ? prompt : prompt + "\nThe previous answer failed: " + lastError;
                    using var req = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "gemini-2.5-flash:generateContent")
                    {
                        Content = new StringContent(text, Encoding.UTF8, "application/json"),
                    };
                    using var resp = await Http.SendAsync(req, ct);
                    var json = await resp.Content.ReadAsStringAsync(ct);
                    if (resp.IsSuccessStatusCode) return json;
                    lastError = json;
                }

                throw new InvalidOperationException(lastError);
            }

            public async Task<string> FailoverOncePerModel(List<string> models, string payload, CancellationToken ct)
            {
                GeminiException? last = null;
                foreach (var model in models)
                {
                    using var req = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}{model}:generateContent")
                    {
                        Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                    };
                    using var resp = await Http.SendAsync(req, ct);
                    var json = await resp.Content.ReadAsStringAsync(ct);
                    if (resp.IsSuccessStatusCode) return json;
                    last = new GeminiException((int)resp.StatusCode, json);
                }

                throw last ?? new GeminiException(0, "no model answered");
            }

            public async Task<string> RateLimitOnly(string payload, CancellationToken ct)
            {
                GeminiException? last = null;
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    using var req = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "gemini-2.5-flash:generateContent")
                    {
                        Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                    };
                    using var resp = await Http.SendAsync(req, ct);
                    var json = await resp.Content.ReadAsStringAsync(ct);
                    if (resp.IsSuccessStatusCode) return json;
                    last = new GeminiException((int)resp.StatusCode, json);
                    if (resp.StatusCode == HttpStatusCode.TooManyRequests) { await Task.Delay(1000, ct); continue; }
                    break;
                }

                throw last ?? new GeminiException(0, "failed");
            }
        }
        """);

    /// <summary>Half-typed: the kept failure built by an unknown type, an unfinished assignment.</summary>
    [Fact]
    public Task Half_typed_kept_failures_do_not_crash() => new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + """
            internal sealed class Broken
            {
                private static readonly HttpClient Http = new();

                public async Task<string> LocateAsync(string payload, CancellationToken ct)
                {
                    MissingException? last = null;
                    for (int attempt = 0; attempt < 2; attempt++)
                    {
                        using var req = new HttpRequestMessage(HttpMethod.Post, "https://generativelanguage.googleapis.com/v1beta/models/m:generateContent")
                        {
                            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                        };
                        using var resp = await Http.SendAsync(req, ct);
                        if (resp.IsSuccessStatusCode) return "";
                        last = new MissingException((int)resp.StatusCode, Unknown(
                        if ((int)resp.StatusCode >= 500) { continue; }
                        break;
                    }

                    throw last;
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
