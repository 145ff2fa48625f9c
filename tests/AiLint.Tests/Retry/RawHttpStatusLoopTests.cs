using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// Loops over a raw HTTP POST to a generation endpoint that test the response's status and send again (hobby apps and
/// tools that talk to <c>/chat/completions</c>, <c>/v1/messages</c> or <c>:generateContent</c> without an SDK). Going round
/// only on a 429 (or 401) re-sends a refused request: a rate-limit wait, quiet (review 33: Michal-MK/Arb.NET
/// AzureOpenAITranslator). Going round on a 5xx, a 408, <c>!IsSuccessStatusCode</c>, or on any failure after
/// <c>if (response.IsSuccessStatusCode) return ...;</c> re-sends a request the provider may have processed: reported.
/// Turn loops, pagination, polling, streaming reads and loops that change the request before going round stay quiet.
/// </summary>
public class RawHttpStatusLoopTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    private static DiagnosticResult Status(int location, string call, string loop) =>
        RetryTestSupport.Diagnostic(Id).WithLocation(location).WithArguments(call, loop + " that sends again after a failed status");

    // ---- The real shape: Arb.NET's 429-only wait, and its 5xx twin ------------------------------------------------

    /// <summary>
    /// Modelled on Arb.NET's AzureOpenAITranslator (review 33): the loop goes round only under <c>(int)response.StatusCode
    /// == 429</c>; any other failure throws. The twin that also goes round on <c>&gt;= 500</c> is a retry.
    /// </summary>
    [Fact]
    public Task The_429_only_wait_is_quiet_and_its_5xx_twin_is_reported() => VerifyAsync(
        """
        public sealed class Translator
        {
            private const int MaxRetries = 5;

            public async Task<string> RateLimitOnlyAsync(HttpClient client, string deployment, string requestJson, CancellationToken ct)
            {
                string endpointUri = $"/openai/deployments/{Uri.EscapeDataString(deployment)}/chat/completions?api-version=2024-06-01";
                int retries = 0;
                while (!ct.IsCancellationRequested)
                {
                    using StringContent content = new(requestJson, Encoding.UTF8, "application/json");
                    HttpResponseMessage response = await client.PostAsync(endpointUri, content, ct).ConfigureAwait(false);

                    if ((int)response.StatusCode == 429)
                    {
                        if (retries >= MaxRetries)
                        {
                            throw new HttpRequestException($"Rate limited after {MaxRetries} retries.");
                        }

                        int backoffSeconds = 1 << retries++;
                        await Task.Delay(backoffSeconds * 1000, ct).ConfigureAwait(false);
                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        string errorBody = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        throw new HttpRequestException($"Request failed: {(int)response.StatusCode} {response.ReasonPhrase}. Response: {errorBody}");
                    }

                    string responseBody = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    return responseBody;
                }

                throw new OperationCanceledException();
            }

            public async Task<string> ServerErrorsTooAsync(HttpClient client, string deployment, string requestJson, CancellationToken ct)
            {
                string endpointUri = $"/openai/deployments/{Uri.EscapeDataString(deployment)}/chat/completions?api-version=2024-06-01";
                int retries = 0;
                while (!ct.IsCancellationRequested)
                {
                    using StringContent content = new(requestJson, Encoding.UTF8, "application/json");
                    HttpResponseMessage response = await client.{|#0:PostAsync|}(endpointUri, content, ct).ConfigureAwait(false);

                    if ((int)response.StatusCode == 429 || (int)response.StatusCode >= 500)
                    {
                        if (retries >= MaxRetries)
                        {
                            throw new HttpRequestException($"Failed after {MaxRetries} retries.");
                        }

                        int backoffSeconds = 1 << retries++;
                        await Task.Delay(backoffSeconds * 1000, ct).ConfigureAwait(false);
                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        string errorBody = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        throw new HttpRequestException($"Request failed: {(int)response.StatusCode} {response.ReasonPhrase}. Response: {errorBody}");
                    }

                    string responseBody = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    return responseBody;
                }

                throw new OperationCanceledException();
            }
        }
        """,
        Status(0, "PostAsync", "while loop"));

    // ---- The status tests ----------------------------------------------------------------------------------------

    /// <summary>
    /// After <c>if (response.IsSuccessStatusCode) return ...;</c> every failure goes round: reported. The same loop that
    /// leaves unless the status is 429 (<c>!=</c>, <c>is not</c>, with an attempt cap after <c>||</c>) is quiet.
    /// </summary>
    [Fact]
    public Task Every_failure_going_round_after_a_success_return_is_reported_and_the_429_guard_is_quiet() => VerifyAsync(
        """
        class Client(HttpClient http)
        {
            private const string Url = "https://api.openai.com/v1/chat/completions";

            public async Task<string> AnyFailureAsync(object body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.{|#0:PostAsJsonAsync|}(Url, body);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    await Task.Delay(TimeSpan.FromSeconds(attempt + 1));
                }

                throw new InvalidOperationException("No answer.");
            }

            public async Task<string> LeavesUnless429Async(object body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.PostAsJsonAsync(Url, body);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(attempt + 1));
                }

                throw new InvalidOperationException("No answer.");
            }

            public async Task<string> ThrowsUnless429OrCappedAsync(object body)
            {
                var attempt = 0;
                while (true)
                {
                    var response = await http.PostAsJsonAsync(Url, body);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    if (response.StatusCode is not HttpStatusCode.TooManyRequests || ++attempt >= 5)
                    {
                        throw new HttpRequestException($"Failed: {response.StatusCode}");
                    }

                    await Task.Delay(1000 * attempt);
                }
            }
        }
        """,
        Status(0, "PostAsJsonAsync", "for loop"));

    /// <summary>
    /// The loop body from the brief: a success returns, 5xx or 429 waits and goes round, anything else throws (reported).
    /// Its 429-only twin, and a 429 test nested under <c>!IsSuccessStatusCode</c>, are quiet.
    /// </summary>
    [Fact]
    public Task A_5xx_or_429_continue_is_reported_and_429_only_continues_are_quiet() => VerifyAsync(
        """
        // Named for its provider: /v1/messages is also the Vonage Messages API, so the URL alone is not an Anthropic call.
        class AnthropicClient(HttpClient http)
        {
            public async Task<string> ServerErrorsAsync(string url, HttpContent content, int max)
            {
                var attempt = 0;
                while (attempt < max)
                {
                    var response = await http.{|#0:PostAsync|}(url + "/v1/messages", content);
                    if (response.IsSuccessStatusCode)
                    {
                        return Parse(await response.Content.ReadAsStringAsync());
                    }

                    if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(1000);
                        attempt++;
                        continue;
                    }

                    throw new HttpRequestException(response.ReasonPhrase);
                }

                throw new TimeoutException();
            }

            public async Task<string> RateLimitOnlyAsync(string url, HttpContent content, int max)
            {
                var attempt = 0;
                while (attempt < max)
                {
                    var response = await http.PostAsync(url + "/v1/messages", content);
                    if (response.IsSuccessStatusCode)
                    {
                        return Parse(await response.Content.ReadAsStringAsync());
                    }

                    if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < max - 1)
                    {
                        await Task.Delay(1000);
                        attempt++;
                        continue;
                    }

                    throw new HttpRequestException(response.ReasonPhrase);
                }

                throw new TimeoutException();
            }

            public async Task<string> NestedUnderFailureAsync(string url, HttpContent content)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    using var response = await http.PostAsync(url + "/v1/messages", content);
                    if (!response.IsSuccessStatusCode)
                    {
                        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized)
                        {
                            await Task.Delay(2000);
                            continue;
                        }

                        throw new HttpRequestException($"{(int)response.StatusCode}");
                    }

                    return Parse(await response.Content.ReadAsStringAsync());
                }

                return "";
            }

            private static string Parse(string json) => JsonDocument.Parse(json).RootElement.GetProperty("content")[0].GetProperty("text").GetString() ?? "";
        }
        """,
        Status(0, "PostAsync", "while loop"));

    /// <summary>
    /// <c>!IsSuccessStatusCode</c>, 408, 502, 503 and 504 (an <c>is</c> pattern, a local set from the status, a switch
    /// section) going round are retries. Their twins that go round only on 429 or 401 are quiet.
    /// </summary>
    [Fact]
    public Task Failure_status_tests_going_round_are_reported_beside_their_refusal_only_twins() => VerifyAsync(
        """
        class Client(HttpClient http, string model, string key)
        {
            private string Url => $"https://generativelanguage.googleapis.com/v1beta/models/{model}:generateContent?key={key}";

            public async Task<string> NotSuccessAsync(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await http.{|#0:PostAsJsonAsync|}(Url, body);
                    if (!response.IsSuccessStatusCode)
                    {
                        await Task.Delay(500);
                        continue;
                    }

                    return await response.Content.ReadAsStringAsync();
                }

                return "";
            }

            public async Task<string> GatewayStatusesAsync(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await http.{|#1:PostAsJsonAsync|}(Url, body);
                    var status = (int)response.StatusCode;
                    if (status is 408 or 502 or 503 or 504)
                    {
                        await Task.Delay(500);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }

                return "";
            }

            public async Task<string> RateLimitStatusesAsync(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await http.PostAsJsonAsync(Url, body);
                    var status = (int)response.StatusCode;
                    if (status is 429 or 401)
                    {
                        await Task.Delay(500);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }

                return "";
            }

            public async Task<string> SwitchWithServiceUnavailableAsync(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await http.{|#2:PostAsJsonAsync|}(Url, body);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.TooManyRequests:
                        case HttpStatusCode.ServiceUnavailable:
                            await Task.Delay(500);
                            continue;
                        default:
                            throw new HttpRequestException(response.ReasonPhrase);
                    }
                }

                return "";
            }

            public async Task<string> SwitchOn429Async(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await http.PostAsJsonAsync(Url, body);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.TooManyRequests:
                            await Task.Delay(500);
                            continue;
                        default:
                            throw new HttpRequestException(response.ReasonPhrase);
                    }
                }

                return "";
            }
        }
        """,
        Status(0, "PostAsJsonAsync", "for loop"),
        Status(1, "PostAsJsonAsync", "for loop"),
        Status(2, "PostAsJsonAsync", "for loop"));

    /// <summary>
    /// A 401 answered by renewing the token once and going round counts like a 429 (the page's key-renewal rule): the
    /// refused request was not processed. (This loop was checked to stay quiet even with the refusal reading switched
    /// off, through its renewal code; the 401-only reading itself is pinned by <c>status is 429 or 401</c> above.)
    /// <c>401 || &gt;= 500</c> is still a retry. A 429 wait that reads <c>Retry-After</c> is quiet; the same wait on a
    /// 503 is reported (a delay computed from the response keeps nothing of it).
    /// </summary>
    [Fact]
    public Task A_401_renewal_and_a_Retry_After_wait_are_quiet_and_401_or_5xx_is_reported() => VerifyAsync(
        """
        class Client(HttpClient http, Func<Task<string>> renewToken)
        {
            public async Task<string> RenewOnceAsync(object body)
            {
                var renewed = false;
                while (true)
                {
                    var response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                    if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)
                    {
                        http.DefaultRequestHeaders.Remove("x-api-key");
                        http.DefaultRequestHeaders.Add("x-api-key", await renewToken());
                        renewed = true;
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public async Task<string> RenewOrServerErrorAsync(object body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.{|#0:PostAsJsonAsync|}("https://api.anthropic.com/v1/messages", body);
                    if (response.StatusCode == HttpStatusCode.Unauthorized || (int)response.StatusCode >= 500)
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }

                return "";
            }

            public async Task<string> RetryAfterUnavailableAsync(object body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.{|#2:PostAsJsonAsync|}("https://api.anthropic.com/v1/messages", body);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
                        await Task.Delay(wait);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }

                return "";
            }

            public async Task<string> RetryAfterAsync(object body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
                        await Task.Delay(wait);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }

                return "";
            }
        }
        """,
        Status(0, "PostAsJsonAsync", "for loop"),
        Status(2, "PostAsJsonAsync", "for loop"));

    /// <summary>
    /// The call inside a <c>try</c> whose catch leaves (returns a fallback, rethrows): the ways round are those after the
    /// call, read as above. A 429-only <c>continue</c> is quiet; a 503 one is reported; a catch that goes round on an
    /// <c>HttpRequestException</c> (from <c>EnsureSuccessStatusCode</c>) is a retry, reported by the catch.
    /// </summary>
    [Fact]
    public Task Status_loops_inside_a_try_whose_catch_leaves() => VerifyAsync(
        """
        class Client(HttpClient http)
        {
            public async Task<string?> RateLimitOnlyAsync(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        var response = await http.PostAsJsonAsync("v1/chat/completions", body);
                        if (response.StatusCode == HttpStatusCode.TooManyRequests)
                        {
                            await Task.Delay(1000);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                        return null;
                    }
                }

                return null;
            }

            public async Task<string?> UnavailableAsync(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        var response = await http.{|#0:PostAsJsonAsync|}("v1/chat/completions", body);
                        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                        {
                            await Task.Delay(1000);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                        return null;
                    }
                }

                return null;
            }

            public async Task<string?> CatchGoesRoundAsync(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        var response = await http.{|#1:PostAsJsonAsync|}("v1/chat/completions", body);
                        if (response.StatusCode == HttpStatusCode.TooManyRequests)
                        {
                            await Task.Delay(1000);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }

                return null;
            }
        }
        """,
        Status(0, "PostAsJsonAsync", "for loop"),
        RetryTestSupport.Diagnostic(Id).WithLocation(1).WithArguments("PostAsJsonAsync", "for loop"));

    /// <summary>
    /// A <c>SendAsync</c> of a request built on each pass from the same data, and a <c>do</c> loop whose condition reads
    /// the status: the same request is sent again, reported. <c>while (response.StatusCode == HttpStatusCode.TooManyRequests)</c>
    /// repeats only on a refusal: quiet. A test of the content asks again after rejecting the answer (a result loop).
    /// </summary>
    [Fact]
    public Task Sends_of_a_rebuilt_request_and_do_loops_on_the_status() => VerifyAsync(
        """
        class Client(HttpClient http)
        {
            public async Task<string> SendAsync(object body, CancellationToken ct)
            {
                for (var i = 0; i < 3; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
                    using var response = await http.{|#0:SendAsync|}(request, ct);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync(ct);
                    }
                }

                return "";
            }

            public async Task<string> DoUntilSuccessAsync(object body)
            {
                HttpResponseMessage response;
                var tries = 0;
                do
                {
                    response = await http.{|#1:PostAsJsonAsync|}("v1/chat/completions", body);
                }
                while (!response.IsSuccessStatusCode && ++tries < 3);

                return await response.Content.ReadAsStringAsync();
            }

            public async Task<string> DoWhileRateLimitedAsync(object body)
            {
                HttpResponseMessage response;
                var tries = 0;
                do
                {
                    response = await http.PostAsJsonAsync("v1/chat/completions", body);
                }
                while (response.StatusCode == HttpStatusCode.TooManyRequests && ++tries < 3);

                return await response.Content.ReadAsStringAsync();
            }

            public async Task<string> ContentTestAsync(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await http.{|#2:PostAsJsonAsync|}("v1/chat/completions", body);
                    var json = await response.Content.ReadAsStringAsync();
                    if (json.Contains("\"choices\""))
                    {
                        return json;
                    }
                }

                return "";
            }
        }
        """,
        Status(0, "SendAsync", "for loop"),
        Status(1, "PostAsJsonAsync", "do loop"),
        RetryTestSupport.Diagnostic(Id).WithLocation(2).WithArguments("PostAsJsonAsync", "for loop that asks again after rejecting the answer"));

    // ---- Loops that are not retries ------------------------------------------------------------------------------

    /// <summary>A console chat over a raw endpoint: each pass sends a new question and the grown history.</summary>
    [Fact]
    public Task A_turn_loop_that_skips_a_failed_status_is_quiet() => VerifyAsync(
        """
        class Chat(HttpClient http)
        {
            public async Task RunAsync()
            {
                var messages = new List<object>();
                while (true)
                {
                    var input = Console.ReadLine();
                    if (input is null or "exit")
                    {
                        break;
                    }

                    messages.Add(new { role = "user", content = input });
                    var response = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages });
                    if (!response.IsSuccessStatusCode)
                    {
                        Console.WriteLine($"Error: {response.StatusCode}");
                        continue;
                    }

                    var reply = await response.Content.ReadAsStringAsync();
                    messages.Add(new { role = "assistant", content = reply });
                    Console.WriteLine(reply);
                }
            }
        }
        """);

    /// <summary>
    /// A loop that follows a page cursor (each POST asks for the next page), and one that polls an operation with GET
    /// until it is done after a single POST that started it: neither sends the generation request twice.
    /// </summary>
    [Fact]
    public Task Pagination_and_polling_a_job_are_quiet() => VerifyAsync(
        """
        record Page(string[] Items, string? Next);
        record Job(string Id, string Status, string? Output);

        class Batches(HttpClient http)
        {
            public async Task<List<string>> AllAsync(string prompt)
            {
                var all = new List<string>();
                string? nextPage = "";
                while (nextPage != null)
                {
                    var response = await http.PostAsJsonAsync("v1/chat/completions", new { prompt, page = nextPage });
                    if (!response.IsSuccessStatusCode)
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    var page = await response.Content.ReadFromJsonAsync<Page>();
                    all.AddRange(page!.Items);
                    nextPage = page.Next;
                }

                return all;
            }

            public async Task<string?> BackgroundAsync(object body, CancellationToken ct)
            {
                var started = await http.PostAsJsonAsync("v1/responses", body, ct);
                started.EnsureSuccessStatusCode();
                var job = await started.Content.ReadFromJsonAsync<Job>(ct);
                while (true)
                {
                    var poll = await http.GetAsync($"v1/responses/{job!.Id}", ct);
                    if (!poll.IsSuccessStatusCode)
                    {
                        await Task.Delay(2000, ct);
                        continue;
                    }

                    var current = await poll.Content.ReadFromJsonAsync<Job>(ct);
                    if (current!.Status == "completed")
                    {
                        return current.Output;
                    }

                    await Task.Delay(2000, ct);
                }
            }
        }
        """);

    /// <summary>
    /// A streamed response read line by line, and a loop that re-opens the stream after a failed status: a failed status
    /// has shown nothing, and the read loop sends nothing. Neither AIL0001 nor AIL0002.
    /// </summary>
    [Fact]
    public Task Streaming_reads_and_a_status_loop_around_a_streaming_send_are_quiet() => VerifyAsync(
        """
        class Streamer(HttpClient http)
        {
            public async Task StreamAsync(string json, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    if (!response.IsSuccessStatusCode)
                    {
                        await Task.Delay(1000, ct);
                        continue;
                    }

                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                    string? line;
                    while ((line = await reader.ReadLineAsync(ct)) != null)
                    {
                        Console.Write(line);
                    }

                    return;
                }
            }

            public async Task<Stream> OpenStreamAsync(string json, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    if (response.IsSuccessStatusCode || attempt >= 3)
                    {
                        return await response.Content.ReadAsStreamAsync(ct);
                    }

                    await Task.Delay(1000, ct);
                }
            }
        }
        """);

    /// <summary>
    /// Loops whose way round changes the request: a prompt shortened after a 400 (too long), a model fallback list, an
    /// endpoint failover. Each pass sends something new.
    /// </summary>
    [Fact]
    public Task Loops_that_change_the_request_before_going_round_are_quiet() => VerifyAsync(
        """
        class Client(HttpClient http)
        {
            public async Task<string> ShortenAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o", prompt });
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    if (response.StatusCode == HttpStatusCode.BadRequest)
                    {
                        prompt = prompt.Substring(0, prompt.Length / 2);
                        continue;
                    }

                    throw new HttpRequestException(response.ReasonPhrase);
                }

                return "";
            }

            public async Task<string> FallbackModelsAsync(string prompt, string[] models)
            {
                foreach (var model in models)
                {
                    var response = await http.PostAsJsonAsync("v1/chat/completions", new { model, prompt });
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                }

                return "";
            }

            public async Task<string> FailoverAsync(string prompt, List<string> endpoints)
            {
                var index = 0;
                while (index < endpoints.Count)
                {
                    var response = await http.PostAsJsonAsync(endpoints[index] + "/chat/completions", new { prompt });
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    index++;
                }

                return "";
            }
        }
        """);

    /// <summary>
    /// One <c>HttpRequestMessage</c> made before the loop and sent on every pass: .NET throws on the second send, so the
    /// request is never sent twice. Its twin that builds the request in the loop is reported.
    /// </summary>
    [Fact]
    public Task A_request_message_made_before_the_loop_is_not_sent_twice() => VerifyAsync(
        """
        class Client(HttpClient http)
        {
            public async Task<string> SameMessageAsync(object body)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
                for (var i = 0; i < 3; i++)
                {
                    var response = await http.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                }

                return "";
            }

            public async Task<string> NewMessageEachPassAsync(object body)
            {
                for (var i = 0; i < 3; i++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
                    var response = await http.{|#0:SendAsync|}(request);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                }

                return "";
            }
        }
        """,
        Status(0, "SendAsync", "for loop"));

    /// <summary>An Idempotency-Key header set once before the loop: the status loop is keyed, nothing is reported.</summary>
    [Fact]
    public Task A_key_header_on_the_request_keys_the_status_loop() => VerifyAsync(
        """
        class Client(HttpClient http)
        {
            public async Task<string> KeyedAsync(object body, CancellationToken ct)
            {
                var key = Guid.NewGuid().ToString();
                for (var i = 0; i < 3; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
                    request.Headers.Add("Idempotency-Key", key);
                    using var response = await http.SendAsync(request, ct);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync(ct);
                    }
                }

                return "";
            }
        }
        """);

    /// <summary>Half-typed code: an unfinished status test, a missing member, no crash and no report.</summary>
    [Fact]
    public Task Half_typed_status_loops_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + """
                class Client(HttpClient http)
                {
                    public async Task<string> A(object body)
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            var response = await http.PostAsJsonAsync("v1/chat/completions", body);
                            if (response.StatusCode == )
                            {
                                continue;
                            }

                            switch (response.Status)
                            {
                                case HttpStatusCode.TooManyRequests:
                                    continue;
                            }

                            if (response.IsSuccessStatusCode
                        }
                    }

                    public async Task<string> B(object body)
                    {
                        while (true)
                        {
                            var response = await http.PostAsJsonAsync(Missing.Url, body);
                            if ((int)response.StatusCode == 429) continue
                            return await response.Content.ReadAsStringAsync();
                        }
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    /// <summary>
    /// review68 (FinancialCopilot's hosted-model transport): the failure is read into a project exception whose
    /// <c>Code</c> is mapped from the status, and the loop goes round only while that code names a rate limit
    /// (<c>failure.Code != "hosted_provider_rate_limited" || attempt == 3</c> throws): a rate-limit wait, quiet, as the
    /// same loop testing <c>StatusCode != TooManyRequests</c> is. Its twin that throws only on an authentication code
    /// goes round on every other failure: reported.
    /// </summary>
    [Fact]
    public Task A_loop_going_round_only_on_a_rate_limit_error_code_is_quiet_and_its_twin_is_reported() => VerifyAsync(
        """
        public sealed class ProviderException(string code, string message) : Exception(message) { public string Code { get; } = code; }

        public sealed class Transport(HttpClient httpClient)
        {
            public async Task<string> RateLimitOnly(object payload, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    using var response = await httpClient.PostAsJsonAsync("https://api.openai.com/v1/responses", payload, ct);
                    if (response.IsSuccessStatusCode)
                        return await response.Content.ReadAsStringAsync(ct);

                    var failure = ReadFailure(response);
                    if (failure.Code != "hosted_provider_rate_limited" || attempt == 3)
                        throw failure;

                    await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                }
                throw new InvalidOperationException("failed after bounded retries");
            }

            public async Task<string> AllButAuthentication(object payload, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    using var response = await httpClient.{|#0:PostAsJsonAsync|}("https://api.openai.com/v1/responses", payload, ct);
                    if (response.IsSuccessStatusCode)
                        return await response.Content.ReadAsStringAsync(ct);

                    var failure = ReadFailure(response);
                    if (failure.Code == "hosted_provider_authentication_failed" || attempt == 3)
                        throw failure;

                    await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                }
                throw new InvalidOperationException("failed after bounded retries");
            }

            private static ProviderException ReadFailure(HttpResponseMessage response) => response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new("hosted_provider_rate_limited", "429"),
                HttpStatusCode.Unauthorized => new("hosted_provider_authentication_failed", "401"),
                _ => new("hosted_provider_unavailable", ((int)response.StatusCode).ToString()),
            };
        }
        """,
        RetryTestSupport.Diagnostic(Id).WithLocation(0).WithArguments("PostAsJsonAsync", "for loop that asks again after rejecting the answer"));
}
