using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A typed client whose base address an options-change handler sets again from the same settings property
/// (JakeLunn/discord-chatgpt-personality-bot's OpenAiAccessor: <c>options.OnChange(OnOptionsChange)</c> with
/// <c>if (Uri.TryCreate(newOptions.BaseUrl, new UriCreationOptions(), out var u)) _httpClient.BaseAddress = u;</c>),
/// posting <c>new { model = _options.Model, messages }</c> to <c>"chat/completions"</c>. The reassigned base address is
/// that property's values: its default <c>https://api.openai.com/v1/</c> and any settings key of its name, so the
/// settings default <c>Model = "gpt-4"</c> (shut down) is reported. Quiet twins: the settings files point BaseUrl at
/// another server, or the handler sets the base address from anything else (a parameter, another host's literal, a
/// <c>TryCreate</c> of another text).
/// </summary>
public class ReassignedBaseAddressTests
{
    private const string Code = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        public class OpenAiOptions
        {
            public string ApiKey { get; set; } = string.Empty;
            public string Model { get; set; } = "gpt-4";
            public string BaseUrl { get; set; } = "https://api.openai.com/v1/";
        }

        public class OpenAiAccessor
        {
            private OpenAiOptions _options;
            private readonly HttpClient _httpClient;

            public OpenAiAccessor(IOptionsMonitor<OpenAiOptions> options, HttpClient httpClient)
            {
                _options = options.CurrentValue;
                options.OnChange(OnOptionsChange);
                _httpClient = httpClient;
            }

            private void OnOptionsChange(OpenAiOptions newOptions)
            {
                REASSIGN
                _options = newOptions;
            }

            MEMBERS

            public async Task<string> PostChatGPT(IList<object> messages)
            {
                var data = new
                {
                    model = {|#0:_options.Model|},
                    messages = messages
                };

                var response = await _httpClient.PostAsync("chat/completions",
                    new StringContent(JsonSerializer.Serialize(data), Encoding.UTF8, "application/json"));
                return await response.Content.ReadAsStringAsync();
            }
        }

        public static class Registration
        {
            public static void Register(IServiceCollection services)
            {
                services.AddHttpClient<OpenAiAccessor>(c =>
                {
                    var options = new OpenAiOptions();
                    c.BaseAddress = new Uri(options.BaseUrl);
                });
            }
        }
        """;

    // The repository's handler.
    private const string TryCreateWithOptions =
        "if (Uri.TryCreate(newOptions.BaseUrl, new UriCreationOptions(), out var newBaseAddress)) _httpClient.BaseAddress = newBaseAddress;";

    private const string TryCreateWithKind =
        "if (Uri.TryCreate(newOptions.BaseUrl, UriKind.Absolute, out var newBaseAddress)) _httpClient.BaseAddress = newBaseAddress;";

    // The local declared first, then given to TryCreate.
    private const string TryCreateDeclaredFirst =
        "Uri? newBaseAddress; if (Uri.TryCreate(newOptions.BaseUrl, UriKind.Absolute, out newBaseAddress)) _httpClient.BaseAddress = newBaseAddress;";

    private const string NewUri = "_httpClient.BaseAddress = new Uri(newOptions.BaseUrl);";

    private const string NewUriAbsolute = "_httpClient.BaseAddress = new Uri(newOptions.BaseUrl, UriKind.Absolute);";

    private static Task VerifyAsync(string reassign, (string Path, string Content)[] files, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(Code.Replace("REASSIGN", reassign).Replace("MEMBERS", ""), files, expected);

    private static Task VerifyWithMembersAsync(string reassign, string members, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(Code.Replace("REASSIGN", reassign).Replace("MEMBERS", members), Array.Empty<(string, string)>(), expected);

    private static DiagnosticResult RetiredGpt4() =>
        Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", "");

    private static (string, string)[] BaseUrlFile(string url) =>
        new[] { ("appsettings.json", "{ \"OpenAi\": { \"BaseUrl\": \"" + url + "\" } }") };

    // The control: no handler reassigns the base address; the registration's settings default is OpenAI's.
    [Fact]
    public Task Without_a_reassignment_the_settings_default_is_reported() =>
        VerifyAsync("", Array.Empty<(string, string)>(), RetiredGpt4());

    [Theory]
    [InlineData(TryCreateWithOptions)]
    [InlineData(TryCreateWithKind)]
    [InlineData(TryCreateDeclaredFirst)]
    [InlineData(NewUri)]
    [InlineData(NewUriAbsolute)]
    public Task A_reassignment_from_the_same_setting_keeps_openais_host(string reassign) =>
        VerifyAsync(reassign, Array.Empty<(string, string)>(), RetiredGpt4());

    // appsettings.json giving OpenAI's URL again: still OpenAI's host everywhere.
    [Theory]
    [InlineData(TryCreateWithOptions)]
    [InlineData(NewUri)]
    public Task A_settings_file_giving_openais_url_is_reported(string reassign) =>
        VerifyAsync(reassign, BaseUrlFile("https://api.openai.com/v1/"), RetiredGpt4());

    // The settings file points BaseUrl at another server: "gpt-4" may be that server's alias.
    [Theory]
    [InlineData(TryCreateWithOptions, "https://openrouter.ai/api/v1/")]
    [InlineData(TryCreateWithKind, "http://localhost:11434/v1/")]
    [InlineData(TryCreateDeclaredFirst, "https://openrouter.ai/api/v1/")]
    [InlineData(NewUri, "http://localhost:1234/v1/")]
    public Task A_settings_file_pointing_elsewhere_keeps_it_quiet(string reassign, string url) =>
        VerifyAsync(reassign, BaseUrlFile(url));

    // A reassignment from anything but the setting leaves the host unknown or another's.
    [Theory]
    [InlineData("_httpClient.BaseAddress = new Uri(\"http://localhost:1234/v1/\");")]
    [InlineData("if (Uri.TryCreate(\"http://localhost:1234/v1/\", UriKind.Absolute, out var u)) _httpClient.BaseAddress = u;")]
    [InlineData("if (Uri.TryCreate(Environment.MachineName, UriKind.Absolute, out var u)) _httpClient.BaseAddress = u;")]
    [InlineData("if (Uri.TryCreate(newOptions.ApiKey, UriKind.Absolute, out var u)) _httpClient.BaseAddress = u;")]
    [InlineData("if (Uri.TryCreate(new Uri(newOptions.BaseUrl), \"chat\", out var u)) _httpClient.BaseAddress = u;")]
    public Task A_reassignment_from_another_source_keeps_it_quiet(string reassign) =>
        VerifyAsync(reassign, Array.Empty<(string, string)>());

    // Another method of the type sets the base address from its parameter: a value the code does not show.
    [Fact]
    public Task A_reassignment_from_a_parameter_keeps_it_quiet() =>
        VerifyWithMembersAsync("", "public void Rebase(Uri address) => _httpClient.BaseAddress = address;");

    // The same handler, but the local is filled by a method of the project's own through `out`: not Uri.TryCreate.
    [Fact]
    public Task A_local_filled_by_another_method_keeps_it_quiet() =>
        VerifyWithMembersAsync(
            "if (Parse(newOptions.BaseUrl, out var u)) _httpClient.BaseAddress = u;",
            "private static bool Parse(string text, out Uri parsed) { parsed = new Uri(\"http://localhost:1234/\"); return true; }");

    // The repository's handler and a second method setting a literal OpenAI address: both OpenAI's.
    [Fact]
    public Task Two_reassignments_on_openais_host_are_reported() =>
        VerifyWithMembersAsync(TryCreateWithOptions, "public void Reset() => _httpClient.BaseAddress = new Uri(\"https://api.openai.com/v1/\");", RetiredGpt4());

    // Half-typed: an unfinished argument list, a setting or a type that does not resolve. Nothing is known of the
    // reassigned address, so nothing is reported.
    [Theory]
    [InlineData("if (Uri.TryCreate(newOptions.BaseUrl, )) _httpClient.BaseAddress = u;")]
    [InlineData("if (Uri.TryCreate(newOptions.BaseUr, UriKind.Absolute, out var u)) _httpClient.BaseAddress = u;")]
    [InlineData("if (Uri.TryCreate(newOptions.BaseUrl, UriKind.Absolute, out Uriz u)) _httpClient.BaseAddress = u;")]
    public Task Half_typed_reassignment_does_not_crash_or_report(string reassign)
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Code.Replace("REASSIGN", reassign).Replace("MEMBERS", "").Replace("{|#0:_options.Model|}", "_options.Model"),
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    // Only the semicolon missing: every name binds, so the reassignment is read as the finished one and reported.
    [Fact]
    public Task A_missing_semicolon_still_reads_the_reassignment()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Code.Replace("REASSIGN", "if (Uri.TryCreate(newOptions.BaseUrl, UriKind.Absolute, out var u)) _httpClient.BaseAddress = u").Replace("MEMBERS", ""),
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(RetiredGpt4());
        return test.RunAsync();
    }
}
