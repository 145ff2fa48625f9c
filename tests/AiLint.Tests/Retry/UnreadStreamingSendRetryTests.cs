using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// A raw <c>SendAsync(..., ResponseHeadersRead)</c> retried by a <c>catch</c> whose <c>try</c> never reads the body
/// (review 61, Hexa-Link staffinity <c>GeminiAiClient.SendWithRetryAsync</c>: the response is returned to the caller,
/// only its status is tested): nothing of the answer had arrived when the catch ran, so the retry re-sends a
/// generation, AIL0001, not AIL0002 ("a partly shown answer"). The twin that streams the body to the console inside the
/// same <c>try</c> keeps AIL0002.
/// </summary>
public class UnreadStreamingSendRetryTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string id, string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(id, Usings + source, expected);

    private const string Url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent";

    [Fact]
    public Task A_catch_retry_of_a_streaming_send_whose_response_is_returned_is_AIL0001() => VerifyAsync("AIL0001",
        """
        public sealed class GeminiClient(HttpClient http)
        {
            public async Task<HttpResponseMessage> SendWithRetryAsync(string json, CancellationToken cancellationToken)
            {
                for (var attempt = 0; attempt <= 3; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "
        """ + Url + """
        ") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    try
                    {
                        var response = await http.{|#0:SendAsync|}(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                        if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                        {
                            response.Dispose();
                            await Task.Delay(1000, cancellationToken);
                            continue;
                        }

                        return response;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000, cancellationToken);
                    }
                }

                throw new InvalidOperationException("unreachable");
            }
        }
        """,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("SendAsync", "for loop"));

    /// <summary>The response handed straight out of the try: AIL0001 too (the harness reports every retry rule, so no AIL0002).</summary>
    [Fact]
    public Task A_catch_retry_of_a_streaming_send_returned_directly_is_AIL0001() => VerifyAsync("AIL0001",
        """
        public sealed class GeminiClient(HttpClient http)
        {
            public async Task<HttpResponseMessage> SendWithRetryAsync(string json, CancellationToken cancellationToken)
            {
                for (var attempt = 0; attempt <= 3; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "
        """ + Url + """
        ") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    try
                    {
                        return await http.{|#0:SendAsync|}(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000, cancellationToken);
                    }
                }

                throw new InvalidOperationException("unreachable");
            }
        }
        """,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("SendAsync", "for loop"));

    /// <summary>The body streamed to the console inside the retried try: the user saw part of the answer, AIL0002.</summary>
    [Fact]
    public Task A_catch_retry_that_streams_the_body_in_the_try_stays_AIL0002() => VerifyAsync("AIL0002",
        """
        public sealed class Streamer(HttpClient http)
        {
            public async Task StreamAsync(string json, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    try
                    {
                        using var response = await http.{|#0:SendAsync|}(request, HttpCompletionOption.ResponseHeadersRead, ct);
                        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                        string? line;
                        while ((line = await reader.ReadLineAsync(ct)) != null)
                        {
                            Console.Write(line);
                        }

                        return;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }
        }
        """,
        RetryTestSupport.Diagnostic("AIL0002").WithLocation(0).WithArguments("SendAsync", "for loop"));

    /// <summary>The response handed to a helper inside the try (which may show it): not followed, AIL0002 stays.</summary>
    [Fact]
    public Task A_catch_retry_that_hands_the_response_to_a_helper_stays_AIL0002() => VerifyAsync("AIL0002",
        """
        public sealed class Streamer(HttpClient http)
        {
            public async Task StreamAsync(string json, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    try
                    {
                        using var response = await http.{|#0:SendAsync|}(request, HttpCompletionOption.ResponseHeadersRead, ct);
                        await ShowAsync(response, ct);
                        return;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }

            private static async Task ShowAsync(HttpResponseMessage response, CancellationToken ct) =>
                Console.Write(await response.Content.ReadAsStringAsync(ct));
        }
        """,
        RetryTestSupport.Diagnostic("AIL0002").WithLocation(0).WithArguments("SendAsync", "for loop"));
}
