using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 61 N1 (TreyWheeler/MigrationReport <c>OpenAIAlignmentClient</c>): a status loop re-sends the same Responses POST
/// after a 429/5xx, the request built each pass by <c>CreateRequestMessage(prompt)</c>, which reads the <c>readonly</c>
/// <c>_options</c> field set in the constructor. Such a field (or a get-only auto property) cannot be given another object
/// after construction, and what the loop does to the object it holds is read as an input: the builder gives the same
/// request each pass, so the loop is a retry. Quiet: a loop (or a method it calls) that writes the options, a field that
/// is not readonly, a builder that calls through the object the field holds, a turn loop that grows a readonly history.
/// </summary>
public class FixedFieldRequestBuilderTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;

        """;

    private const string Options = """
        public sealed class OpenAIOptions
        {
            public string ApiKey { get; set; } = "";
            public string Model { get; set; } = "gpt-5-nano-2025-08-07";
            public int MaxRetryCount { get; set; } = 3;
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + Options + source, expected);

    private static DiagnosticResult Status(int location) =>
        RetryTestSupport.Diagnostic(Id).WithLocation(location).WithArguments("SendAsync", "for loop that sends again after a failed status");

    /// <summary>The loop of the review; <paramref name="beforeSend"/> runs on each pass before the send.</summary>
    private static string Loop(string send, string beforeSend = "") => $$"""
            public async Task<string> AskAsync(string prompt)
            {
                for (var attempt = 1; attempt <= _options.MaxRetryCount; attempt++)
                {
                    {{beforeSend}}
                    using var requestMessage = CreateRequestMessage(prompt);
                    using var response = await _httpClient.{{send}}(requestMessage);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                    {
                        return body;
                    }

                    if ((response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500) && attempt < _options.MaxRetryCount)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)));
                        continue;
                    }

                    throw new HttpRequestException(body);
                }

                throw new HttpRequestException("failed after retries");
            }
        """;

    private const string Builder = """
            private HttpRequestMessage CreateRequestMessage(string prompt)
            {
                var message = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/responses");
                message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _options.ApiKey);
                message.Content = new StringContent(JsonSerializer.Serialize(new { model = _options.Model, input = prompt }), Encoding.UTF8, "application/json");
                return message;
            }
        """;

    private static string Client(string name, string send, string optionsField = "private readonly OpenAIOptions _options = options;", string beforeSend = "", string builder = Builder, string extraMembers = "") => $$"""
        public sealed class {{name}}(OpenAIOptions options)
        {
            private readonly HttpClient _httpClient = new();
            {{optionsField}}
        {{extraMembers}}
        {{Loop(send, beforeSend)}}

        {{builder}}
        }

        """;

    /// <summary>The repro of review 61: the builder reads the readonly <c>_options</c> field. Failed before (not reported).</summary>
    [Fact]
    public Task Status_loop_whose_builder_reads_a_readonly_options_field_is_reported() => VerifyAsync(
        Client("FieldBuilderClient", "{|#0:SendAsync|}"),
        Status(0));

    /// <summary>The same field assigned in an explicit constructor, and a get-only auto property set there: reported.</summary>
    [Fact]
    public Task Status_loop_whose_builder_reads_a_constructor_set_field_or_get_only_property_is_reported() => VerifyAsync(
        """
        public sealed class ConstructorFieldClient
        {
            private readonly HttpClient _httpClient;
            private readonly OpenAIOptions _options;

            public ConstructorFieldClient(HttpClient httpClient, OpenAIOptions options)
            {
                _httpClient = httpClient;
                _options = options;
            }

        """ + Loop("{|#0:SendAsync|}") + "\n" + Builder + """

        }

        public sealed class PropertyClient
        {
            public PropertyClient(OpenAIOptions options) => _options = options;

            private HttpClient _httpClient { get; } = new();

            private OpenAIOptions _options { get; }

        """ + Loop("{|#1:SendAsync|}") + "\n" + Builder + """

        }
        """,
        Status(0),
        Status(1));

    /// <summary>The twin of the review (options passed as a parameter), reported before and after.</summary>
    [Fact]
    public Task Status_loop_whose_builder_takes_the_options_as_a_parameter_is_reported() => VerifyAsync(
        """
        public static class ParameterBuilderClient
        {
            public static async Task<string> AskAsync(HttpClient httpClient, OpenAIOptions options, string prompt)
            {
                for (var attempt = 1; attempt <= options.MaxRetryCount; attempt++)
                {
                    using var requestMessage = CreateRequestMessage(options, prompt);
                    using var response = await httpClient.{|#0:SendAsync|}(requestMessage);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                    {
                        return body;
                    }

                    if ((response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500) && attempt < options.MaxRetryCount)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)));
                        continue;
                    }

                    throw new HttpRequestException(body);
                }

                throw new HttpRequestException("failed after retries");
            }

            private static HttpRequestMessage CreateRequestMessage(OpenAIOptions options, string prompt)
            {
                var message = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/responses");
                message.Content = new StringContent(JsonSerializer.Serialize(new { model = options.Model, input = prompt }), Encoding.UTF8, "application/json");
                return message;
            }
        }
        """,
        Status(0));

    /// <summary>
    /// The loop switches the model on the options the field holds (a fallback), directly or through a method of the
    /// same object it calls: each pass is a different request, quiet.
    /// </summary>
    [Fact]
    public Task Loop_that_writes_the_options_the_field_holds_is_not_reported() => VerifyAsync(
        Client("FallbackClient", "SendAsync", beforeSend: "if (attempt > 1) { _options.Model = \"gpt-4.1-mini\"; }")
        + Client("MethodFallbackClient", "SendAsync", beforeSend: "if (attempt > 1) { UseFallbackModel(); }",
            extraMembers: "    private void UseFallbackModel() => _options.Model = \"gpt-4.1-mini\";")
        + Client("ObjectFallbackClient", "SendAsync", beforeSend: "if (attempt > 1) { Fallbacks.Next(_options); }")
        + """
        public static class Fallbacks
        {
            public static void Next(OpenAIOptions options) => options.Model = "gpt-4.1-mini";
        }

        """);

    /// <summary>A field that is not readonly may be given other options by any method: quiet, also when only the constructor sets it.</summary>
    [Fact]
    public Task Builder_reading_a_mutable_field_is_not_reported() => VerifyAsync(
        Client("MutableFieldClient", "SendAsync", optionsField: "private OpenAIOptions _options = options;")
        + Client("SettableFieldClient", "SendAsync", optionsField: "private OpenAIOptions _options = options;",
            extraMembers: "    public void Use(OpenAIOptions next) => _options = next;")
        + Client("SettablePropertyClient", "SendAsync", optionsField: "private OpenAIOptions _options { get; set; } = options;"));

    /// <summary>
    /// A builder that asks the object a readonly field holds for something (an interface's value, a method of the
    /// project) runs code the loop does not show, which may answer differently each pass: quiet.
    /// </summary>
    [Fact]
    public Task Builder_calling_through_a_readonly_field_is_not_reported() => VerifyAsync(
        """
        public interface IPromptSource { string Current { get; } string Next(); }

        """
        + Client("InterfacePropertyClient", "SendAsync",
            extraMembers: "    private readonly IPromptSource _source = null!;",
            builder: Builder.Replace("input = prompt", "input = _source.Current", StringComparison.Ordinal))
        + Client("InterfaceMethodClient", "SendAsync",
            extraMembers: "    private readonly IPromptSource _source = null!;",
            builder: Builder.Replace("input = prompt", "input = _source.Next()", StringComparison.Ordinal)));

    /// <summary>
    /// A chat loop whose builder serialises a readonly history list and which adds each answer and the next question to
    /// it: a turn loop, not a retry; quiet.
    /// </summary>
    [Fact]
    public Task Turn_loop_over_a_readonly_history_field_is_not_reported() => VerifyAsync(
        """
        public sealed class ChatSession(OpenAIOptions options)
        {
            private readonly HttpClient _httpClient = new();
            private readonly OpenAIOptions _options = options;
            private readonly List<string> _history = new();

            public async Task RunAsync()
            {
                while (Console.ReadLine() is { } line)
                {
                    _history.Add(line);
                    using var requestMessage = CreateRequestMessage();
                    using var response = await _httpClient.SendAsync(requestMessage);
                    if (!response.IsSuccessStatusCode)
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    _history.Add(await response.Content.ReadAsStringAsync());
                }
            }

            private HttpRequestMessage CreateRequestMessage()
            {
                var message = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/responses");
                message.Content = new StringContent(JsonSerializer.Serialize(new { model = _options.Model, input = _history.ToArray() }), Encoding.UTF8, "application/json");
                return message;
            }
        }
        """);

    /// <summary>A status loop that retries on 429 and 5xx but whose builder also adds the readonly history the catch appends to: quiet.</summary>
    [Fact]
    public Task Status_loop_that_appends_to_a_readonly_history_the_builder_reads_is_not_reported() => VerifyAsync(
        Client("NudgingClient", "SendAsync",
            beforeSend: "if (attempt > 1) { _history.Add(\"Answer briefly.\"); }",
            extraMembers: "    private readonly List<string> _history = new();",
            builder: Builder.Replace("input = prompt", "input = prompt + string.Join(\"\\n\", _history)", StringComparison.Ordinal)));

    /// <summary>Half-typed code: a builder reading a field that does not exist, and an unfinished field type; no crash, nothing reported.</summary>
    [Fact]
    public Task Half_typed_builder_does_not_crash() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + Options + Client("HalfTypedClient", "SendAsync",
            optionsField: "private readonly OpenAIOptions _options = options;\n    private readonly Missing _other;",
            builder: Builder.Replace("input = prompt", "input = _missing.Text + _other.Value", StringComparison.Ordinal)),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
