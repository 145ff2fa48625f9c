using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review76's baruwaa12/TennisGPT (Api / Application / Infrastructure): the Infrastructure client reads
/// <c>_model = configuration["OpenAI:Model"] ?? "gpt-4o"</c> from the injected configuration in its constructor and posts
/// <c>new { model = _model, ... }</c> to <c>"chat/completions"</c> on <c>BaseAddress = new Uri("https://api.openai.com/v1/")</c>,
/// while the Api project's appsettings.json holds <c>"OpenAI": { "Model": "gpt-4o" }</c>. The summary records the full key
/// (<c>OpenAI:Model|openai|</c>) and the host checks its file there (Summaries/RawHttpSettingsKeyPaths.cs).
/// </summary>
public class HostSettingsConfigurationReadTests
{
    // review76's TennisGPT: the model read from the injected configuration in the constructor, kept in a readonly field.
    private const string ConfigurationClient = """
        #nullable enable
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        namespace App.Infrastructure
        {
            public class OpenAIClient
            {
                private readonly HttpClient _httpClient;
                private readonly string _model;

                public OpenAIClient(HttpClient httpClient, IConfiguration configuration)
                {
                    _httpClient = httpClient;
                    _httpClient.BaseAddress = new Uri("https://api.openai.com/v1/");
                    _model = READ;
                }

                public async Task<string> AskAsync(string prompt)
                {
                    var request = new { model = _model, messages = new[] { new { role = "user", content = prompt } } };
                    var response = await _httpClient.PostAsJsonAsync("chat/completions", request);
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public static class Reads
            {
                // A method's IConfiguration may be a section handed in: its keys are not full paths.
                public static string FromParameter(IConfiguration section) => section["Model"] ?? "";
            }
        }
        """;

    [Theory]
    [InlineData("configuration[\"OpenAI:Model\"] ?? \"gpt-5.2-2025-12-11\"", "OpenAI:Model|openai|")]
    [InlineData("configuration.GetSection(\"OpenAI\")[\"Model\"] ?? \"gpt-5.2-2025-12-11\"", "OpenAI:Model|openai|")]
    public void A_configuration_read_in_the_constructor_is_recorded_by_its_full_key(string read, string expected) =>
        Assert.Equal(
            new[] { expected },
            RawHttpSettingsModels.Entries(CreateConfigurationClient(read), CancellationToken.None).Select(entry => entry.Value));

    // Not a full key (a method's configuration parameter), not configuration at all: the library records nothing.
    [Theory]
    [InlineData("Reads.FromParameter(configuration)")]
    [InlineData("Environment.GetEnvironmentVariable(\"OPENAI_MODEL\") ?? \"gpt-4o\"")]
    public void A_model_the_record_cannot_name_leaves_the_library_unrecorded(string read) =>
        Assert.Empty(RawHttpSettingsModels.Entries(CreateConfigurationClient(read), CancellationToken.None));

    [Fact]
    public Task The_hosts_file_is_checked_at_a_configuration_key_the_library_reads() =>
        VerifyConfigurationHostAsync("""{ "OpenAI": { "ApiKey": "", "Model": "gpt-4o" } }""",
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 1, 38, 1, 46).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // The same id under another section, or in a section whose endpoint is another server's: not what is sent there.
    [Theory]
    [InlineData("""{ "Chat": { "Model": "gpt-4o" } }""")]
    [InlineData("""{ "OpenAI": { "Model": "gpt-4o", "Endpoint": "http://localhost:1234/v1" } }""")]
    public Task Another_key_or_another_server_section_is_quiet(string settings) =>
        VerifyConfigurationHostAsync(settings);

    private static async Task VerifyConfigurationHostAsync(string settings, params DiagnosticResult[] expected)
    {
        var infrastructure = HostSettingsRawHttpModelTests.Emit(HostSettingsRawHttpModelTests.Summarised(CreateConfigurationClient("configuration[\"OpenAI:Model\"] ?? \"gpt-5.2-2025-12-11\""), withSummary: true));
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = "public static class Program { public static void Main() { } }",
            OutputKind = OutputKind.ConsoleApplication,
            References = ReferenceAssemblies.FrameworkOnly.Add(infrastructure),
        };
        test.AdditionalFiles.Add(("appsettings.json", settings));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static CSharpCompilation CreateConfigurationClient(string read) =>
        HostSettingsRawHttpModelTests.CreateLibrary("App.Infrastructure", ConfigurationClient.Replace("READ", read), ReferenceAssemblies.FrameworkOnly);
}
