namespace AiLint.Tests.Retry;

/// <summary>
/// Review 84 finding #14 (enesscigdem/DevPilot GeminiAiProvider, repro-2): a <c>ResponseHeadersRead</c> send retried by
/// a loop, whose response is handed to a project method that reads the whole SSE body into a local and returns the
/// finished answer. Nothing is shown before the attempt is judged: AIL0001 (a generation re-sent), not AIL0002. A
/// method that hands each part on while it reads (a callback, a writer passed in, the console, an iterator), or one
/// that may be overridden, keeps AIL0002.
/// </summary>
public class BufferedStreamingResponseTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.IO;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed record AiResponse(string? Text, bool IsSuccess, TimeSpan Elapsed);

        public sealed class ProviderSettings
        {
            public string DisplayName { get; set; } = "Gemini";
        }

        """;

    /// <summary>The provider's send loop; <c>{0}</c> is the reader it hands the response to.</summary>
    private const string SendLoop = """
            private static readonly HttpClient Http = new();

            public async Task<AiResponse?> SendAsync(string model, string body, CancellationToken cancellationToken)
            {
                var stopwatch = Stopwatch.StartNew();
                for (var attempt = 1; attempt <= 4; attempt++)
                {
                    try
                    {
                        using var message = new HttpRequestMessage(HttpMethod.Post,
                            new Uri($"https://generativelanguage.googleapis.com/v1beta/models/{model}:streamGenerateContent?alt=sse"))
                        {
                            Content = new StringContent(body, Encoding.UTF8, "application/json"),
                        };
                        using var response = await Http.{|#0:SendAsync|}(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                        if (response.IsSuccessStatusCode)
                        {
                            var result = await ReadStreamAsync(response, stopwatch, cancellationToken).ConfigureAwait(false);
                            if (result.IsSuccess || attempt == 4)
                            {
                                return result;
                            }
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                    {
                        if (attempt == 4) return null;
                    }

                    await Task.Delay(1000 * attempt, cancellationToken).ConfigureAwait(false);
                }

                return null;
            }
        """;

    private static Task VerifyAsync(string id, string source) =>
        RetryTestSupport.VerifyAsync(id, Usings + source, RetryTestSupport.Diagnostic(id).WithLocation(0));

    /// <summary>
    /// The real reader: SSE lines parsed with JsonNode, text parts appended to a local StringBuilder, the settings field
    /// and the stopwatch read, failures built by a project helper: only buffering.
    /// </summary>
    [Fact]
    public Task Response_handed_to_a_buffering_reader_is_a_generation_retry() => VerifyAsync("AIL0001", $$"""
        public sealed class GeminiAiProvider
        {
            private readonly ProviderSettings _settings = new();

        {{SendLoop}}

            private async Task<AiResponse> ReadStreamAsync(HttpResponseMessage response, Stopwatch stopwatch, CancellationToken cancellationToken)
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var content = new StringBuilder();
                try
                {
                    while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                    {
                        if (!line.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                        {
                            continue;
                        }

                        JsonNode? chunk;
                        try
                        {
                            chunk = JsonNode.Parse(line[5..].Trim());
                        }
                        catch (JsonException)
                        {
                            continue;
                        }

                        var text = chunk?["candidates"]?[0]?["content"]?["parts"]?[0]?["text"]?.GetValue<string>();
                        if (!string.IsNullOrEmpty(text))
                        {
                            content.Append(text);
                        }
                    }
                }
                catch (IOException ex)
                {
                    return Failure(stopwatch, $"{_settings.DisplayName.Trim()} stream interrupted: {ex.Message}");
                }

                stopwatch.Stop();
                return new AiResponse(content.ToString(), content.Length > 0, stopwatch.Elapsed);
            }

            private static AiResponse Failure(Stopwatch stopwatch, string message)
            {
                stopwatch.Stop();
                return new AiResponse(message, false, stopwatch.Elapsed);
            }
        }
        """);

    /// <summary>
    /// The real reader builds its result with an object initializer and sets properties of that local afterwards
    /// (<c>new AiResponse { ... }</c>, <c>result.FailureKind = ...</c>), and its failure helper does too: the initializer
    /// writes the object being made, not shared state, so it still only buffers (the regression run on the real code
    /// kept AIL0002 here while the constructor spelling above was fixed).
    /// </summary>
    [Fact]
    public Task Reader_building_its_result_with_an_object_initializer_still_only_buffers() => VerifyAsync("AIL0001", $$"""
        public sealed class MutableResponse
        {
            public string? Text { get; set; }
            public bool IsSuccess { get; set; }
            public string? ErrorMessage { get; set; }
            public List<string> Notes { get; } = new();
        }

        public sealed class GeminiAiProvider
        {
            private readonly ProviderSettings _settings = new();

        {{SendLoop.Replace("Task<AiResponse?>", "Task<MutableResponse?>")}}

            private async Task<MutableResponse> ReadStreamAsync(HttpResponseMessage response, Stopwatch stopwatch, CancellationToken cancellationToken)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (body.Length == 0)
                {
                    return Failure(stopwatch, $"{_settings.DisplayName} returned empty content.");
                }

                stopwatch.Stop();
                var result = new MutableResponse { Text = body, Notes = { "sse" } };
                result.IsSuccess = true;
                return result;
            }

            private static MutableResponse Failure(Stopwatch stopwatch, string message)
            {
                stopwatch.Stop();
                return new MutableResponse { IsSuccess = false, ErrorMessage = message };
            }
        }
        """);

    /// <summary>
    /// The real send loop also reads the error text of a failed status in place
    /// (<c>var errorBody = await response.Content.ReadAsStringAsync(...)</c>): the whole body read into a string shows
    /// nothing either (the regression build of the real DevPilot still gave AIL0002 for this line alone).
    /// </summary>
    [Fact]
    public Task Error_text_read_whole_beside_a_buffering_reader_is_a_generation_retry() => VerifyAsync("AIL0001", ProviderReadingFailures(
        "var errorBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false); if (errorBody.Length > 0 && attempt == 4) return null;"));

    /// <summary>The error text read as a stream in place is not the whole body read at once: AIL0002 stays.</summary>
    [Fact]
    public Task Error_body_streamed_in_place_stays_a_stream_retry() => VerifyAsync("AIL0002", ProviderReadingFailures(
        "using var errorStream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false); if (errorStream.CanRead && attempt == 4) return null;"));

    /// <summary>The send loop with <paramref name="failureRead"/> run on a failed status, beside the buffering reader.</summary>
    private static string ProviderReadingFailures(string failureRead) => $$"""
        public sealed class GeminiAiProvider
        {
        {{SendLoop.Replace(
            "if (response.IsSuccessStatusCode)",
            "if (!response.IsSuccessStatusCode) { " + failureRead + " }\n                if (response.IsSuccessStatusCode)")}}

            private static async Task<AiResponse> ReadStreamAsync(HttpResponseMessage response, Stopwatch stopwatch, CancellationToken cancellationToken)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                stopwatch.Stop();
                return new AiResponse(body, body.Length > 0, stopwatch.Elapsed);
            }
        }
        """;

    /// <summary>Each part handed to a callback while the body is read: shown, so AIL0002 stays.</summary>
    [Fact]
    public Task Reader_calling_back_per_part_stays_a_stream_retry() => VerifyAsync("AIL0002", $$"""
        public sealed class GeminiAiProvider(Action<string> onText)
        {
        {{SendLoop}}

            private async Task<AiResponse> ReadStreamAsync(HttpResponseMessage response, Stopwatch stopwatch, CancellationToken cancellationToken)
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                var content = new StringBuilder();
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    content.Append(line);
                    onText(line);
                }

                return new AiResponse(content.ToString(), true, stopwatch.Elapsed);
            }
        }
        """);

    /// <summary>Each part written to the console, or to a writer the object holds: AIL0002 stays.</summary>
    [Fact]
    public Task Reader_writing_parts_out_stays_a_stream_retry() => Task.WhenAll(
        VerifyAsync("AIL0002", $$"""
            public sealed class GeminiAiProvider
            {
            {{SendLoop}}

                private static async Task<AiResponse> ReadStreamAsync(HttpResponseMessage response, Stopwatch stopwatch, CancellationToken cancellationToken)
                {
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                    var content = new StringBuilder();
                    while (await reader.ReadLineAsync(cancellationToken) is { } line)
                    {
                        content.Append(line);
                        Console.Write(line);
                    }

                    return new AiResponse(content.ToString(), true, stopwatch.Elapsed);
                }
            }
            """),
        VerifyAsync("AIL0002", $$"""
            public sealed class GeminiAiProvider(TextWriter output)
            {
            {{SendLoop}}

                private async Task<AiResponse> ReadStreamAsync(HttpResponseMessage response, Stopwatch stopwatch, CancellationToken cancellationToken)
                {
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                    var content = new StringBuilder();
                    while (await reader.ReadLineAsync(cancellationToken) is { } line)
                    {
                        content.Append(line);
                        await output.WriteAsync(line);
                    }

                    return new AiResponse(content.ToString(), true, stopwatch.Elapsed);
                }
            }
            """));

    /// <summary>A reader that may be overridden is not known from its body: AIL0002 stays.</summary>
    [Fact]
    public Task Overridable_reader_stays_a_stream_retry() => VerifyAsync("AIL0002", $$"""
        public class GeminiAiProvider
        {
        {{SendLoop}}

            protected virtual async Task<AiResponse> ReadStreamAsync(HttpResponseMessage response, Stopwatch stopwatch, CancellationToken cancellationToken)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                return new AiResponse(text, true, stopwatch.Elapsed);
            }
        }
        """);

    /// <summary>Half-typed: the reader calls an unknown method and its last statement is unfinished: no crash.</summary>
    [Fact]
    public Task Half_typed_readers_do_not_crash() => new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + $$"""
            public sealed class GeminiAiProvider
            {
            {{SendLoop}}

                private async Task<AiResponse> ReadStreamAsync(HttpResponseMessage response, Stopwatch stopwatch, CancellationToken cancellationToken)
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    Missing.Show(text);
                    return new AiResponse(text, true, stopwatch.Elapsed
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
        // The reader is not known to only buffer, so the send keeps today's reading.
        ExpectedDiagnostics = { RetryTestSupport.Diagnostic("AIL0002").WithLocation(0) },
    }.RunAsync();
}
