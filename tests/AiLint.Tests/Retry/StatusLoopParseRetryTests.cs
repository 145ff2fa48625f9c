using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 49 (Nexora GeminiAiProvider, repro StatusLoopWithJsonRetryBranch): a raw Gemini POST loop that goes round after
/// a 5xx/408 status, and also after a successful answer that fails to parse (<c>try { return Parse(...); } catch
/// (JsonException) when (attempt &lt; 3) { await Task.Delay(...); continue; }</c> inside <c>if (response.IsSuccessStatusCode)</c>).
/// Both ways round re-send the same processed request; the parse branch rejects an answer, so the loop is a result retry
/// (AIL0001 without a fix). The twins whose parse failure leaves (rethrows, returns) stay status loops, and the loop that
/// goes round on a parse failure only after a 429 stays quiet.
/// </summary>
public class StatusLoopParseRetryTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    private static DiagnosticResult At(int location, string loop) =>
        RetryTestSupport.Diagnostic(Id).WithLocation(location).WithArguments("PostAsJsonAsync", "for loop that " + loop);

    private static string Gemini(string name, string call, string successBranch, string failureTest = "!((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)") => $$"""
        sealed class {{name}}(HttpClient http, string model)
        {
            public async Task<T> AskAsync<T>(string prompt, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    using var response = await http.{{call}}(
                        $"https://generativelanguage.googleapis.com/v1beta/models/{model}:generateContent",
                        new { contents = new[] { new { parts = new[] { new { text = prompt } } } } }, ct);
                    if (response.IsSuccessStatusCode)
                    {
        {{successBranch}}
                    }

                    if (attempt >= 3 || {{failureTest}})
                        throw new HttpRequestException($"Gemini failed: {response.StatusCode}");

                    await Task.Delay(250 * attempt, ct);
                }
            }
        }

        """;

    private const string ParseOrGoRound = """
                        try { return (await response.Content.ReadFromJsonAsync<T>(ct))!; }
                        catch (JsonException) when (attempt < 3)
                        {
                            await Task.Delay(250 * attempt, ct);
                            continue;
                        }
        """;

    /// <summary>The repro's control: the status-only loop is reported as a status retry.</summary>
    [Fact]
    public Task Status_only_loop_is_reported() => VerifyAsync(
        Gemini("StatusOnly", "{|#0:PostAsJsonAsync|}", "            return (await response.Content.ReadFromJsonAsync<T>(ct))!;"),
        At(0, "sends again after a failed status"));

    /// <summary>
    /// The repro's miss: the success branch also goes round when the answer fails to parse. Both the 5xx way round and
    /// the parse way round re-send the same request; the parse way rejects an answer, so it is a result retry.
    /// </summary>
    [Fact]
    public Task Status_loop_with_a_parse_retry_branch_is_reported_as_a_result_retry() => VerifyAsync(
        Gemini("WithJsonRetry", "{|#0:PostAsJsonAsync|}", ParseOrGoRound),
        At(0, "asks again after rejecting the answer"));

    /// <summary>
    /// The parse failure leaves the loop (its catch rethrows or returns): only the status way goes round, a status retry.
    /// </summary>
    [Fact]
    public Task Parse_failure_that_leaves_keeps_the_status_retry() => VerifyAsync(
        Gemini("ParseThrows", "{|#0:PostAsJsonAsync|}", """
                        try { return (await response.Content.ReadFromJsonAsync<T>(ct))!; }
                        catch (JsonException ex) { throw new InvalidOperationException("Bad JSON", ex); }
            """)
        + Gemini("ParseDefault", "{|#1:PostAsJsonAsync|}", """
                        try { return (await response.Content.ReadFromJsonAsync<T>(ct))!; }
                        catch (JsonException) { return default!; }
            """),
        At(0, "sends again after a failed status"),
        At(1, "sends again after a failed status"));

    /// <summary>
    /// Negative twin: the status way round is a 429 wait and the success branch asks again with the parse error added to
    /// the prompt (a self-correction): neither way re-sends the same processed request. Quiet.
    /// </summary>
    [Fact]
    public Task Rate_limit_wait_with_a_self_correcting_parse_branch_is_not_reported() => VerifyAsync(
        Gemini("SelfCorrecting", "PostAsJsonAsync", """
                        try { return (await response.Content.ReadFromJsonAsync<T>(ct))!; }
                        catch (JsonException ex) when (attempt < 3)
                        {
                            prompt += "\nYour last answer was not valid JSON: " + ex.Message;
                            continue;
                        }
            """, failureTest: "response.StatusCode != HttpStatusCode.TooManyRequests"));
}
