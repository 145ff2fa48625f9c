using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A raw HTTP body's <c>model</c> is read as an SDK slot's value is (review52 M1, DemoEnglish's OpenAiInterviewCoach:
/// <c>var model = string.IsNullOrWhiteSpace(options.ChatModel) ? "gpt-4o-mini" : options.ChatModel.Trim();</c> posted
/// as <c>new { model, ... }</c> to api.openai.com): a local's initializer, a fallback and a choice are checked branch by
/// branch, with the raw body's own endpoint rule (an OpenAI id only where the URL spells api.openai.com). Quiet twins: the
/// same local posted to a host the code does not spell, a configured key's fallback, a local written again.
/// </summary>
public class RawBodyFallbackModelIdTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json;
        using System.Threading.Tasks;

        """;

    private static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected) =>
        VerifyNoSdkAsync(code, Array.Empty<(string, string)>(), expected);

    private static Task VerifyNoSdkAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The repro (/work/scratch/review52/Repro/RawBodyChoiceLocal): DemoEnglish's `?:` in a local, the body in
    // JsonContent.Create on a POST request message; the page's own environment-variable fallback with PostAsJsonAsync.
    [Fact]
    public Task A_local_holding_a_choice_or_a_fallback_is_reported_on_the_constant_branch() =>
        VerifyNoSdkAsync("""
            public sealed class InterviewOptions { public string ChatModel { get; set; } = ""; }

            public static class Coach
            {
                public static async Task<string> SummarizeRawAsync(HttpClient http, InterviewOptions options)
                {
                    var model = string.IsNullOrWhiteSpace(options.ChatModel)
                        ? {|#0:"gpt-4o-mini"|}
                        : options.ChatModel.Trim();
                    using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions");
                    request.Content = JsonContent.Create(new { model, temperature = 0.35, messages = new[] { new { role = "user", content = "hi" } } });
                    using var response = await http.SendAsync(request);
                    return await response.Content.ReadAsStringAsync();
                }

                public static Task<HttpResponseMessage> EnvFallbackRawAsync(HttpClient http)
                {
                    var model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? {|#1:"gpt-4o-mini"|};
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions",
                        new { model, messages = new[] { new { role = "user", content = "hi" } } });
                }

                // Written in the body itself, and serialized into StringContent.
                public static Task<HttpResponseMessage> InlineAsync(HttpClient http, string? configured)
                {
                    var json = JsonSerializer.Serialize(new { model = configured ?? {|#2:"gpt-4-32k"|}, messages = new[] { new { role = "user", content = "hi" } } });
                    return http.PostAsync("https://api.openai.com/v1/chat/completions", new System.Net.Http.StringContent(json));
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0501").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2));

    // Twins: the configured value alone (no constant branch), the same fallback posted where an OpenAI id is not
    // OpenAI's (a relative URL on an injected client, a base URL from settings), and a local written again.
    [Fact]
    public Task Configured_values_other_hosts_and_rewritten_locals_are_quiet() =>
        VerifyNoSdkAsync("""
            public sealed class InterviewOptions { public string ChatModel { get; set; } = ""; public string BaseUrl { get; set; } = ""; }

            public static class Coach
            {
                public static Task<HttpResponseMessage> Configured(HttpClient http, InterviewOptions options)
                {
                    var model = options.ChatModel.Trim();
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { "hi" } });
                }

                public static Task<HttpResponseMessage> Relative(HttpClient http)
                {
                    var model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "gpt-4o-mini";
                    return http.PostAsJsonAsync("v1/chat/completions", new { model, messages = new[] { "hi" } });
                }

                public static Task<HttpResponseMessage> SettingsBase(HttpClient http, InterviewOptions options)
                {
                    var model = string.IsNullOrWhiteSpace(options.ChatModel) ? "gpt-4o-mini" : options.ChatModel;
                    return http.PostAsJsonAsync($"{options.BaseUrl}/chat/completions", new { model, messages = new[] { "hi" } });
                }

                public static Task<HttpResponseMessage> Rewritten(HttpClient http, string? configured)
                {
                    var model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "gpt-4o-mini";
                    model = configured ?? model;
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { "hi" } });
                }
            }
            """);

    // At a host the code does not spell another provider's id is still reported (a gateway forwards it): the branches
    // of a choice are checked with the raw body's endpoint rule, each on its own.
    [Fact]
    public Task At_a_gateway_a_Claude_branch_is_reported_and_an_OpenAI_branch_is_not() =>
        VerifyNoSdkAsync("""
            public sealed class GatewayOptions { public string BaseUrl { get; set; } = ""; }

            public static class Gateway
            {
                public static Task<HttpResponseMessage> Ask(HttpClient http, GatewayOptions options, bool deep)
                {
                    var model = deep ? {|#0:"claude-3-opus-20240229"|} : "gpt-4o-mini";
                    return http.PostAsJsonAsync($"{options.BaseUrl}/v1/chat/completions", new { model, messages = new[] { "hi" } });
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0));

    // `config["OpenAI:Model"] ?? "gpt-4o-mini"` with the key set in appsettings.json: the fallback never runs (the value
    // in the file is checked there); without the file the fallback is reported.
    [Fact]
    public Task A_configured_keys_fallback_is_quiet_when_the_settings_file_sets_the_key() =>
        VerifyAsync(Usings + """
            using Microsoft.Extensions.Configuration;
            public sealed class Coach(IConfiguration config, HttpClient http)
            {
                public Task<HttpResponseMessage> Ask()
                {
                    var model = config["OpenAI:Model"] ?? "gpt-4o-mini";
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { "hi" } });
                }
            }
            """,
            new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-5.4-mini-2026-03-17" } }""") });

    [Fact]
    public Task A_configured_keys_fallback_is_reported_when_no_settings_file_sets_the_key() =>
        VerifyAsync(Usings + """
            using Microsoft.Extensions.Configuration;
            public sealed class Coach(IConfiguration config, HttpClient http)
            {
                public Task<HttpResponseMessage> Ask()
                {
                    var model = config["OpenAI:Model"] ?? {|#0:"gpt-4o-mini"|};
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { "hi" } });
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    // One local read by a raw body and by an SDK slot is reported once; read by a raw body to a host the code does not
    // spell and by an SDK slot, it is reported by the SDK slot (the raw body's narrower reading does not hide it).
    [Fact]
    public Task A_local_read_by_a_raw_body_and_an_SDK_slot_is_reported_once() =>
        VerifyAsync(Usings + """
            using OpenAI.Chat;
            public static class Mixed
            {
                public static async Task Both(HttpClient http, string key, string? configured)
                {
                    var model = configured ?? {|#0:"gpt-4o-mini"|};
                    await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { "hi" } });
                    var client = new ChatClient(model, key);
                }

                public static async Task RelativeFirst(HttpClient http, string key, string? configured)
                {
                    var model = configured ?? {|#1:"gpt-4o"|};
                    await http.PostAsJsonAsync("v1/chat/completions", new { model, messages = new[] { "hi" } });
                    var client = new ChatClient(model, key);
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0501").WithLocation(1));

    // A method's default read by the body is the id callers that pass none send, as at an SDK slot.
    [Fact]
    public Task A_parameter_default_posted_in_a_body_is_reported_on_the_default() =>
        VerifyNoSdkAsync("""
            public static class Client
            {
                public static Task<HttpResponseMessage> Ask(HttpClient http, string text, string model = {|#0:"gpt-4-32k"|}) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { text } });

                public static Task<HttpResponseMessage> Required(HttpClient http, string text, string model) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { text } });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0));

    [Fact]
    public async Task Half_typed_fallbacks_in_bodies_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                public static class Broken
                {
                    public static Task<HttpResponseMessage> A(HttpClient http, string? configured)
                    {
                        var model = configured ?? ;
                        return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { "hi" } });
                    }

                    public static Task<HttpResponseMessage> B(HttpClient http, bool deep)
                    {
                        var model = deep ? "gpt-4-32k" : ;
                        return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { "hi" } });
                    }

                    public static Task<HttpResponseMessage> C(HttpClient http)
                    {
                        var model = Unknown.Pick() ?? "gpt-4o";
                        return http.PostAsJsonAsync(Missing.Url, new { model, messages = new[] { "hi" } });
                    }

                    // The file's well-formed request is still read.
                    public static Task<HttpResponseMessage> D(HttpClient http, string? configured)
                    {
                        var model = configured ?? {|#0:"gpt-4-32k"|};
                        return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { "hi" } });
                    }
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0));
        await test.RunAsync();
    }
}
