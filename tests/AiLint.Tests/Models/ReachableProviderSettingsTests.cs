using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// An <c>appsettings*.json</c> model key's id counts only for a provider the project can reach (SettingsProviders): an
/// SDK among its references (a referenced project's packages included), a raw POST, or the provider's endpoint spelled
/// in a settings value or a string literal. The shape is featbit/featbit-mcp's FeatBit.McpServer: an app that references
/// OpenAI and Microsoft.Extensions.AI.OpenAI only, reads <c>AI:OpenAI:Model</c>, and keeps an
/// <c>"Anthropic": { "Model": "claude-3-5-sonnet-20241022" }</c> section for a provider it has "not yet implemented".
/// </summary>
public class ReachableProviderSettingsTests
{
    // AiChatClientFactory's shape: only the OpenAI section is read; the Anthropic branch logs and returns nothing.
    private const string FeatBitFactory = """
        using System;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using OpenAI;

        public static class AiChatClientFactory
        {
            public static IChatClient? Create(IConfiguration configuration) =>
                configuration["AI:Provider"] == "anthropic" ? CreateAnthropicChatClient() : CreateOpenAIChatClient(configuration);

            private static IChatClient? CreateOpenAIChatClient(IConfiguration configuration)
            {
                var apiKey = configuration["AI:OpenAI:ApiKey"];
                var model = configuration["AI:OpenAI:Model"] ?? "gpt-4o-mini";
                if (string.IsNullOrEmpty(apiKey)) return null;
                return new OpenAIClient(apiKey).GetChatClient(model).AsIChatClient();
            }

            private static IChatClient? CreateAnthropicChatClient()
            {
                Console.WriteLine("Anthropic provider not yet implemented");
                return null;
            }
        }
        """;

    // featbit-mcp's appsettings.json (trimmed): the retired Claude id is on line 5, columns 44-72 (quotes included).
    private const string FeatBitSettings = """
        {
          "AI": {
            "Provider": "openai",
            "OpenAI": { "ApiKey": "x", "Model": "some-unlisted-model" },
            "Anthropic": { "ApiKey": "x", "Model": "claude-3-5-sonnet-20241022" }
          }
        }
        """;

    private static DiagnosticResult ClaudeInFeatBitSettings() =>
        Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 5, 44, 5, 72);

    /// <summary>The test project's references without Anthropic's SDK (Anthropic, Anthropic.Mcp): an OpenAI-only app.</summary>
    private static ImmutableArray<MetadataReference> WithoutAnthropic =>
        ReferenceAssemblies.Default.Where(r => !Path.GetFileName(r.Display ?? string.Empty).StartsWith("Anthropic", StringComparison.OrdinalIgnoreCase)).ToImmutableArray();

    private static Task VerifyAsync(string code, ImmutableArray<MetadataReference> references, string settings, params DiagnosticResult[] expected) =>
        VerifyAsync(code, references, settings, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, ImmutableArray<MetadataReference> references, string settings, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = code, References = references, CompilerDiagnostics = compilerDiagnostics };
        test.AdditionalFiles.Add(("appsettings.json", settings));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public void The_OpenAI_only_reference_set_has_no_Anthropic_client()
    {
        var compilation = CSharpCompilation.Create("App", references: WithoutAnthropic);
        Assert.Null(compilation.GetTypeByMetadataName("Anthropic.AnthropicClient"));
        Assert.NotNull(compilation.GetTypeByMetadataName("OpenAI.OpenAIClient"));
    }

    // The reviewer's repro: nothing in the project can call Anthropic, so its section's retired id fails no request.
    [Fact]
    public Task A_Claude_id_in_an_OpenAI_only_project_is_quiet() =>
        VerifyAsync(FeatBitFactory, WithoutAnthropic, FeatBitSettings);

    // The same app with Anthropic's SDK referenced: the section's id is one the project can send.
    [Fact]
    public Task A_Claude_id_is_reported_when_the_project_references_Anthropics_SDK() =>
        VerifyAsync(FeatBitFactory, ReferenceAssemblies.Default, FeatBitSettings, ClaudeInFeatBitSettings());

    // The OpenAI section of the same project is still checked: its retired id is reported, the Claude one is not.
    [Fact]
    public Task A_retired_OpenAI_id_in_an_OpenAI_only_project_is_still_reported() =>
        VerifyAsync(
            FeatBitFactory,
            WithoutAnthropic,
            FeatBitSettings.Replace("some-unlisted-model", "gpt-3.5-turbo-0301"),
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 4, 41, 4, 61));

    // A settings value spells Anthropic's endpoint: some code (a referenced library, an HttpClient registration) talks to it.
    [Fact]
    public Task A_Claude_id_is_reported_when_a_settings_value_spells_Anthropics_endpoint() =>
        VerifyAsync(
            FeatBitFactory,
            WithoutAnthropic,
            FeatBitSettings.Replace("\"Anthropic\": { ", "\"Anthropic\": { \"BaseUrl\": \"https://api.anthropic.com/v1/\", "),
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 5, 88, 5, 116));

    // An OpenAI client pointed at Anthropic's OpenAI-compatible API: a string literal spells the endpoint.
    [Fact]
    public Task A_Claude_id_is_reported_when_the_code_spells_Anthropics_endpoint() =>
        VerifyAsync(
            FeatBitFactory.Replace(
                "return new OpenAIClient(apiKey).GetChatClient(model).AsIChatClient();",
                """return new OpenAIClient(new System.ClientModel.ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri($"https://api.anthropic.com/v1/{string.Empty}") }).GetChatClient(model).AsIChatClient();"""),
            WithoutAnthropic,
            FeatBitSettings,
            ClaudeInFeatBitSettings());

    // The host named where no request goes: in a comment, without a scheme in a log message, as an identifier's text.
    [Fact]
    public Task Anthropics_host_outside_a_URL_literal_reaches_nothing() =>
        VerifyAsync(
            FeatBitFactory.Replace(
                "Console.WriteLine(\"Anthropic provider not yet implemented\");",
                """
                // TODO: post to https://api.anthropic.com/v1/messages
                Console.WriteLine("Anthropic provider (api.anthropic.com) not yet implemented");
                """),
            WithoutAnthropic,
            FeatBitSettings.Replace("\"Provider\": \"openai\",", "\"Provider\": \"openai\", \"Docs\": \"see api.anthropic.com\","));

    // A referenced project that uses Anthropic's SDK brings the package into the app's references (as a ProjectReference
    // does): the app can reach Anthropic through it. Its quiet twin: a library that only uses OpenAI brings no Anthropic.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task A_Claude_id_counts_when_a_referenced_project_brings_Anthropics_SDK(bool libraryUsesAnthropic)
    {
        var library = CSharpCompilation.Create(
            "Lib",
            new[]
            {
                CSharpSyntaxTree.ParseText(libraryUsesAnthropic
                    ? "namespace Lib { public static class Claude { public static object Create(string key) => new Anthropic.AnthropicClient { ApiKey = key }; } }"
                    : "namespace Lib { public static class Gpt { public static object Create(string key) => new OpenAI.OpenAIClient(key); } }"),
            },
            libraryUsesAnthropic ? ReferenceAssemblies.Default : WithoutAnthropic,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var libraryImage = HostSettingsRawHttpModelTests.Emit(library);

        // The app's references: its own packages, the library, and the library's packages (transitive).
        var references = (libraryUsesAnthropic ? ReferenceAssemblies.Default : WithoutAnthropic).Add(libraryImage);
        return libraryUsesAnthropic
            ? VerifyAsync(FeatBitFactory, references, FeatBitSettings, ClaudeInFeatBitSettings())
            : VerifyAsync(FeatBitFactory, references, FeatBitSettings);
    }

    private const string RawUsings = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        """;

    // No SDK at all, a POST to Anthropic's Messages API: the settings file's Claude id is the one the app sends.
    [Fact]
    public Task A_project_posting_to_Anthropic_without_an_SDK_reports_the_Claude_id() =>
        VerifyAsync(
            RawUsings + """
            public static class Claude
            {
                public static Task<HttpResponseMessage> AskAsync(HttpClient http, string model, string text) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model, max_tokens = 1024, messages = new[] { new { role = "user", content = text } } });
            }
            """,
            ReferenceAssemblies.FrameworkOnly,
            FeatBitSettings,
            ClaudeInFeatBitSettings());

    // Its twin: a project without an SDK that posts only to OpenAI reaches OpenAI alone. The file's OpenAI id is
    // reported, its dead Anthropic section is not (it used to be, as in an SDK project).
    [Fact]
    public Task A_project_posting_only_to_OpenAI_without_an_SDK_checks_OpenAI_ids_only() =>
        VerifyAsync(
            RawUsings + """
            public static class Gpt
            {
                public static Task<HttpResponseMessage> AskAsync(HttpClient http, string model, string text) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, messages = new[] { new { role = "user", content = text } } });
            }
            """,
            ReferenceAssemblies.FrameworkOnly,
            FeatBitSettings.Replace("some-unlisted-model", "gpt-3.5-turbo-0301"),
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 4, 41, 4, 61));

    // Gemini's ids follow the same decision: an OpenAI-only project's "Gemini" section is quiet.
    [Fact]
    public Task A_Gemini_id_in_an_OpenAI_only_project_is_quiet() =>
        VerifyAsync(FeatBitFactory, ReferenceAssemblies.Default, FeatBitSettings.Replace("claude-3-5-sonnet-20241022", "gemini-2.0-flash-live-001"));

    // Half-typed code: an unfinished client, an Anthropic type that does not resolve (an error type reaches nothing), a
    // literal cut short. No crash; the OpenAI id is still reported, the Claude id is not.
    [Fact]
    public Task Half_typed_code_does_not_crash_and_reaches_nothing_new() =>
        VerifyAsync(
            """
            using System;
            using OpenAI;

            public static class Broken
            {
                public static object A(string key) => new OpenAIClient(key).GetChatClient(;
                public static object B(string key) => new Anthropic.AnthropicClient { ApiKey = key };
                public static object C() => new Uri("https://api.anthropic.com
            }
            """,
            WithoutAnthropic,
            FeatBitSettings.Replace("some-unlisted-model", "gpt-3.5-turbo-0301"),
            CompilerDiagnostics.None,
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 4, 41, 4, 61));
}
