using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 49 (Nexora GeminiAiProvider): a raw Gemini POST loop that goes round after a 408/5xx builds its request each
/// pass with a private static <c>CreateRequest(request, configuration)</c> and waits through a private static
/// <c>DelayBeforeRetryAsync(configuration, attempt, token)</c>. Both helpers only read their arguments, so the loop
/// sends the same request again: reported. A helper that reads a clock, a GUID or an instance field, assigns a member of
/// its argument, awaits something other than <c>Task.Delay</c> or calls through an interface may build a different
/// request or change an input: those loops stay quiet.
/// </summary>
public class ReadOnlyProjectHelperTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private const string Options = """
        public sealed class GeminiOptions
        {
            public string ApiKey { get; set; } = "";
            public string Model { get; set; } = "";
            public int MaxAttempts { get; set; } = 2;
            public int RetryBaseDelayMilliseconds { get; set; } = 250;
        }

        public sealed record AiRequest(string Purpose, string UntrustedInput, int MaxOutputTokens);

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + Options + source, expected);

    private static DiagnosticResult Status(int location) =>
        RetryTestSupport.Diagnostic(Id).WithLocation(location).WithArguments("SendAsync", "for loop that sends again after a failed status");

    /// <summary>The loop of the review, the request built by one helper and the wait made by another.</summary>
    private static string Loop(string send) => $$"""
            public async Task<string> GenerateAsync(AiRequest request, CancellationToken cancellationToken)
            {
                var configuration = options;
                for (var attempt = 1; ; attempt++)
                {
                    using var message = CreateRequest(request, configuration);
                    using var response = await httpClient.{{send}}(message, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync(cancellationToken);
                    }

                    if (attempt >= configuration.MaxAttempts || !((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout))
                    {
                        throw new HttpRequestException("AI provider request failed.");
                    }

                    await DelayBeforeRetryAsync(configuration, attempt, cancellationToken);
                }
            }
        """;

    private const string PureCreateRequest = """"
            private static HttpRequestMessage CreateRequest(AiRequest request, GeminiOptions configuration)
            {
                var message = new HttpRequestMessage(HttpMethod.Post,
                    $"https://generativelanguage.googleapis.com/v1beta/models/{Uri.EscapeDataString(configuration.Model)}:generateContent");
                message.Headers.Add("x-goog-api-key", configuration.ApiKey);
                message.Content = JsonContent.Create(new
                {
                    contents = new[] { new { parts = new[] { new { text = BuildPrompt(request) } } } },
                    generationConfig = new { maxOutputTokens = request.MaxOutputTokens, temperature = 0.2 },
                }, options: JsonOptions);
                return message;
            }

            private static string BuildPrompt(AiRequest request) => $"""
                Purpose: {request.Purpose}
                <untrusted-input>{request.UntrustedInput}</untrusted-input>
                {PurposeInstructions(request.Purpose)}
                """;

            private static string PurposeInstructions(string purpose) => purpose switch
            {
                "resume.analysis" => "Identify grounded strengths and gaps.",
                _ => "Follow the response schema.",
            };
        """";

    private const string PureDelay = """
            private static Task DelayBeforeRetryAsync(GeminiOptions configuration, int attempt, CancellationToken cancellationToken)
            {
                var delay = TimeSpan.FromMilliseconds(configuration.RetryBaseDelayMilliseconds * Math.Pow(2, attempt - 1));
                return Task.Delay(delay, cancellationToken);
            }
        """;

    private static string Provider(string name, string send, string createRequest, string delay, string extraMembers = "") => $$"""
        public sealed class {{name}}(HttpClient httpClient, GeminiOptions options)
        {
            private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
        {{extraMembers}}
        {{Loop(send)}}

        {{createRequest}}

        {{delay}}
        }

        """;

    /// <summary>Nexora's loop: both helpers static and read-only. It re-sends the same request after a 5xx: reported.</summary>
    [Fact]
    public Task Status_loop_with_read_only_static_helpers_is_reported() => VerifyAsync(
        Provider("GeminiAiProvider", "{|#0:SendAsync|}", PureCreateRequest, PureDelay),
        Status(0));

    /// <summary>
    /// The same helpers written as instance methods of the same (sealed) type, reading only their parameters: reported.
    /// </summary>
    [Fact]
    public Task Status_loop_with_read_only_instance_helpers_is_reported() => VerifyAsync(
        Provider("GeminiAiProvider", "{|#0:SendAsync|}",
            PureCreateRequest.Replace("private static HttpRequestMessage", "private HttpRequestMessage", StringComparison.Ordinal),
            PureDelay.Replace("private static Task", "private Task", StringComparison.Ordinal)),
        Status(0));

    /// <summary>A request builder that stamps the time (or a fresh id) builds a different request each pass: quiet.</summary>
    [Fact]
    public Task Request_builder_reading_a_clock_or_a_guid_is_not_reported() => VerifyAsync(
        Provider("ClockProvider", "SendAsync",
            PureCreateRequest.Replace("message.Headers.Add(\"x-goog-api-key\", configuration.ApiKey);",
                "message.Headers.Add(\"x-sent-at\", DateTime.UtcNow.ToString(\"O\"));", StringComparison.Ordinal),
            PureDelay)
        + Provider("GuidProvider", "SendAsync",
            PureCreateRequest.Replace("message.Headers.Add(\"x-goog-api-key\", configuration.ApiKey);",
                "message.Headers.Add(\"x-request-id\", Guid.NewGuid().ToString());", StringComparison.Ordinal),
            PureDelay));

    /// <summary>A request builder that counts in a field, or reads a field the catch may have set, is not read-only: quiet.</summary>
    [Fact]
    public Task Request_builder_writing_or_reading_an_instance_field_is_not_reported() => VerifyAsync(
        Provider("CountingProvider", "SendAsync",
            PureCreateRequest
                .Replace("private static HttpRequestMessage", "private HttpRequestMessage", StringComparison.Ordinal)
                .Replace("message.Headers.Add(\"x-goog-api-key\", configuration.ApiKey);",
                    "message.Headers.Add(\"x-attempt\", (++sent).ToString());", StringComparison.Ordinal),
            PureDelay,
            "    private int sent;")
        + Provider("ModelFieldProvider", "SendAsync",
            PureCreateRequest
                .Replace("private static HttpRequestMessage", "private HttpRequestMessage", StringComparison.Ordinal)
                .Replace("Uri.EscapeDataString(configuration.Model)", "Uri.EscapeDataString(currentModel)", StringComparison.Ordinal),
            PureDelay,
            "    private string currentModel = \"gemini-2.0-flash\";"));

    /// <summary>
    /// A delay helper that switches the model on its argument (a fallback), or one that awaits something other than
    /// <c>Task.Delay</c>, may change the request: quiet.
    /// </summary>
    [Fact]
    public Task Delay_helper_assigning_its_argument_or_awaiting_other_work_is_not_reported() => VerifyAsync(
        Provider("FallbackProvider", "SendAsync", PureCreateRequest, """
                private static Task DelayBeforeRetryAsync(GeminiOptions configuration, int attempt, CancellationToken cancellationToken)
                {
                    configuration.Model = "gemini-1.5-flash";
                    return Task.Delay(250 * attempt, cancellationToken);
                }
            """)
        + Provider("AwaitingProvider", "SendAsync", PureCreateRequest, """
                private static async Task DelayBeforeRetryAsync(GeminiOptions configuration, int attempt, CancellationToken cancellationToken)
                {
                    await Task.Delay(250 * attempt, cancellationToken);
                    await Task.Yield();
                }
            """));

    /// <summary>A delay helper that calls through an interface or a delegate runs code the loop does not show: quiet.</summary>
    [Fact]
    public Task Delay_helper_calling_an_interface_or_a_delegate_is_not_reported() => VerifyAsync(
        """
        public interface IModelPicker { void Next(GeminiOptions configuration); }

        """
        + Provider("PickerProvider", "SendAsync", PureCreateRequest, """
                private static Task DelayBeforeRetryAsync(GeminiOptions configuration, int attempt, CancellationToken cancellationToken)
                {
                    Picker.Next(configuration);
                    return Task.Delay(250 * attempt, cancellationToken);
                }

                public static IModelPicker Picker = null!;
            """)
        + Provider("DelegateProvider", "SendAsync", PureCreateRequest, """
                private static Task DelayBeforeRetryAsync(GeminiOptions configuration, int attempt, CancellationToken cancellationToken)
                {
                    OnRetry(configuration);
                    return Task.Delay(250 * attempt, cancellationToken);
                }

                public static readonly Action<GeminiOptions> OnRetry = c => c.Model = "gemini-1.5-flash";
            """));

    /// <summary>
    /// Nexora's whole loop: helpers, and the success branch that also goes round when the answer fails to parse
    /// (<see cref="StatusLoopParseRetryTests"/>): a result retry. Sent with <c>HttpCompletionOption.ResponseHeadersRead</c>,
    /// as the real code does, it is a streaming send, which the page leaves unreported in a status loop.
    /// </summary>
    [Fact]
    public Task Whole_Nexora_loop_is_reported_unless_sent_as_a_stream() => VerifyAsync(
        NexoraWhole("GeminiAiProvider", "{|#0:SendAsync|}(message, cancellationToken)")
        + NexoraWhole("StreamingProvider", "SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)"),
        RetryTestSupport.Diagnostic(Id).WithLocation(0).WithArguments("SendAsync", "for loop that asks again after rejecting the answer"));

    private static string NexoraWhole(string name, string send) => $$"""
        public sealed class {{name}}(HttpClient httpClient, GeminiOptions options)
        {
            private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

            public async Task<T> GenerateStructuredAsync<T>(AiRequest request, CancellationToken cancellationToken)
            {
                var configuration = options;
                for (var attempt = 1; ; attempt++)
                {
                    using var message = CreateRequest(request, configuration);
                    using var response = await httpClient.{{send}};
                    if (response.IsSuccessStatusCode)
                    {
                        try { return (await response.Content.ReadFromJsonAsync<T>(JsonOptions, cancellationToken))!; }
                        catch (JsonException) when (attempt < configuration.MaxAttempts)
                        {
                            await DelayBeforeRetryAsync(configuration, attempt, cancellationToken);
                            continue;
                        }
                    }

                    if (attempt >= configuration.MaxAttempts || !((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout))
                    {
                        throw new HttpRequestException("AI provider request failed.");
                    }

                    await DelayBeforeRetryAsync(configuration, attempt, cancellationToken);
                }
            }

        {{PureCreateRequest}}

        {{PureDelay}}
        }

        """;

    /// <summary>
    /// A result loop whose prompt is built each pass by a static helper that only formats its argument sends the same
    /// prompt: reported. Its twin whose builder adds a fresh id asks a new question each pass: quiet.
    /// </summary>
    [Fact]
    public Task Result_loop_with_a_read_only_prompt_builder_is_reported_and_its_fresh_id_twin_is_not() => VerifyAsync(
        """
        public sealed class Haiku(IChatClient chat)
        {
            public async Task<string> SameAsync(string topic)
            {
                for (var i = 0; i < 3; i++)
                {
                    var prompt = BuildPrompt(topic);
                    var r = await chat.[|GetResponseAsync|](prompt);
                    if (r.Text.Length > 0)
                    {
                        return r.Text;
                    }
                }

                return "";
            }

            public async Task<string> FreshAsync(string topic)
            {
                for (var i = 0; i < 3; i++)
                {
                    var prompt = BuildSeededPrompt(topic);
                    var r = await chat.GetResponseAsync(prompt);
                    if (r.Text.Length > 0)
                    {
                        return r.Text;
                    }
                }

                return "";
            }

            private static string BuildPrompt(string topic) => "Write a haiku about " + topic.Trim() + ".";

            private static string BuildSeededPrompt(string topic) => $"Write a haiku about {topic} (seed {Random.Shared.Next()}).";
        }
        """);
}
