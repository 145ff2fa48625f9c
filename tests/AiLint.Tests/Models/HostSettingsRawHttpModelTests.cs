using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review69 U2 / review74 repro-2, the clean-architecture layout of semaruman/AIRagService reduced to three projects:
/// <c>LlmOptions</c> in Application, the typed client posting <c>new ChatCompletionRequest { Model = _options.Model }</c>
/// to <c>"chat/completions"</c> in Infrastructure (options bound by <c>Configure&lt;LlmOptions&gt;(configuration.GetSection(LlmOptions.SectionName))</c>,
/// base address <c>ResolveBaseUrl(options.BaseUrl)</c> with OpenAI's URL as the default), and the Api host, with no SDK
/// and no POST, holding <c>"Llm": { "Model": "gpt-4o-mini", "BaseUrl": ... }</c>. Infrastructure's summary records the
/// key path and the server; the host reports its file's value when its files prove the server is OpenAI's.
/// </summary>
public class HostSettingsRawHttpModelTests
{
    private const string Application = """
        namespace App.Application
        {
            public class LlmOptions
            {
                public const string SectionName = "Llm";
                public string Provider { get; set; } = string.Empty;
                public string Model { get; set; } = string.Empty;
                public string ApiKey { get; set; } = string.Empty;
                public string BaseUrl { get; set; } = string.Empty;
            }
        }
        """;

    private const string Infrastructure = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using App.Application;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        namespace App.Infrastructure
        {
            public class OpenAiLlmService
            {
                private readonly HttpClient _httpClient;
                private readonly LlmOptions _options;

                public OpenAiLlmService(HttpClient httpClient, IOptions<LlmOptions> options)
                {
                    _httpClient = httpClient;
                    _options = options.Value;
                }

                public async Task<string> GenerateAnswerAsync(string question, CancellationToken cancellationToken = default)
                {
                    var request = new ChatCompletionRequest
                    {
                        Model = _options.Model,
                        Messages = new List<ChatMessage> { new ChatMessage("user", question) },
                    };
                    using var response = await _httpClient.PostAsJsonAsync("chat/completions", request, cancellationToken);
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }

                private sealed class ChatCompletionRequest
                {
                    [JsonPropertyName("model")] public string Model { get; set; } = string.Empty;
                    [JsonPropertyName("messages")] public List<ChatMessage> Messages { get; set; } = new();
                }

                private sealed class ChatMessage
                {
                    public ChatMessage(string role, string content) { Role = role; Content = content; }
                    [JsonPropertyName("role")] public string Role { get; }
                    [JsonPropertyName("content")] public string Content { get; }
                }
            }

            public static class DependencyInjection
            {
                private const string DefaultOpenAiBaseUrl = "https://api.openai.com/v1";

                public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
                {
                    BIND;
                    services.AddHttpClient<OpenAiLlmService>((sp, client) =>
                    {
                        var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                        client.BaseAddress = BASE;
                    });
                    return services;
                }

                private static string ResolveBaseUrl(string? baseUrl)
                {
                    return string.IsNullOrWhiteSpace(baseUrl) ? DefaultOpenAiBaseUrl : baseUrl.TrimEnd('/');
                }
            }
        }
        """;

    private const string Bind = "services.Configure<LlmOptions>(configuration.GetSection(LlmOptions.SectionName))";
    private const string Helper = "new Uri(ResolveBaseUrl(options.BaseUrl))";
    private const string Plain = "new Uri(options.BaseUrl)";
    private const string Literal = "new Uri(\"https://api.openai.com/v1/\")";

    private const string Host = """
        using App.Infrastructure;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        public static class Program
        {
            public static void Main()
            {
                var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json").Build();
                new ServiceCollection().AddInfrastructure(configuration);
            }
        }
        """;

    private static string Settings(string? baseUrl, string section = "Llm", string model = "gpt-4o-mini") =>
        "{\n  \"" + section + "\": {\n    \"Provider\": \"OpenAI\",\n    \"Model\": \"" + model + "\",\n    \"ApiKey\": \"\",\n"
        + (baseUrl == null ? "" : "    \"BaseUrl\": \"" + baseUrl + "\",\n")
        + "    \"Enabled\": true\n  }\n}";

    private static DiagnosticResult FileModel() =>
        Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 4, 14, 4, 27).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer);

    // --- the library's record ---

    // LlmOptions in Application: its BaseUrl default is constructor IL there, not known, so the helper's fallback is
    // not proven and the host's appsettings.json must give the base address ("none").
    [Theory]
    [InlineData(Helper, "Llm:Model|none|BaseUrl")]
    [InlineData(Plain, "Llm:Model|none|BaseUrl")]
    [InlineData(Literal, "Llm:Model|openai|")]
    public void Infrastructure_records_the_model_key_path_and_the_server(string baseAddress, string expected)
    {
        var entries = RawHttpSettingsModels.Entries(CreateInfrastructure(Bind, baseAddress), CancellationToken.None);
        Assert.Equal(new[] { expected }, entries.Select(entry => entry.Value));
        Assert.All(entries, entry => Assert.Equal(RawHttpSettingsModels.Key, entry.Key));
    }

    // LlmOptions beside the service (two projects): its empty default is read, so the helper falls back to OpenAI's
    // constant when the host gives no BaseUrl ("openai"); the plain spelling has no base address then ("none").
    [Theory]
    [InlineData(Helper, "Llm:Model|openai|BaseUrl")]
    [InlineData(Plain, "Llm:Model|none|BaseUrl")]
    public void Options_beside_the_service_give_the_default(string baseAddress, string expected) =>
        Assert.Equal(
            new[] { expected },
            RawHttpSettingsModels.Entries(CreateInfrastructure(Bind, baseAddress, optionsInside: true), CancellationToken.None).Select(entry => entry.Value));

    // The section as each binding spells it; [ConfigurationKeyName] renames the key.
    [Theory]
    [InlineData("services.AddOptions<LlmOptions>().Bind(configuration.GetSection(\"Ai:Llm\"))", "Ai:Llm:Model|openai|")]
    [InlineData("services.AddOptions<LlmOptions>().BindConfiguration(\"Chat\")", "Chat:Model|openai|")]
    public void The_section_is_read_from_each_binding(string bind, string expected) =>
        Assert.Equal(
            new[] { expected },
            RawHttpSettingsModels.Entries(CreateInfrastructure(bind, Literal), CancellationToken.None).Select(entry => entry.Value));

    // Nothing recorded: a named options instance, two sections, an options object the code also writes, a base
    // address the code does not know, another server's.
    [Theory]
    [InlineData("services.Configure<LlmOptions>(\"chat\", configuration.GetSection(\"Llm\"))", Literal)]
    [InlineData(Bind + "; services.Configure<LlmOptions>(configuration.GetSection(\"Other\"))", Literal)]
    [InlineData(Bind + "; services.Configure<LlmOptions>(o => o.Model = \"gpt-5.5-2026-04-23\")", Literal)]
    [InlineData(Bind, "new Uri(Environment.MachineName)")]
    [InlineData(Bind, "new Uri(\"https://openrouter.ai/api/v1/\")")]
    [InlineData("", Literal)]
    public void Nothing_is_recorded_when_the_key_or_the_server_is_not_proven(string bind, string baseAddress) =>
        Assert.Empty(RawHttpSettingsModels.Entries(CreateInfrastructure(bind, baseAddress), CancellationToken.None));

    // --- the host ---

    [Theory]
    [InlineData(Helper, "https://api.openai.com/v1")]
    [InlineData(Plain, "https://api.openai.com/v1")]
    [InlineData(Literal, null)]
    public Task The_hosts_file_is_checked_at_the_key_the_library_posts(string baseAddress, string? baseUrl) =>
        VerifyHostAsync(Bind, baseAddress, new[] { ("appsettings.json", Settings(baseUrl)) }, withSummary: true, FileModel());

    // Two projects: the helper's fallback is OpenAI's constant, so a file without BaseUrl is checked too.
    [Fact]
    public Task A_proven_default_checks_a_file_without_base_url() =>
        VerifyHostAsync(Bind, Helper, new[] { ("appsettings.json", Settings(null)) }, withSummary: true, optionsInside: true, FileModel());

    // Three projects: the options' default is not known, so without BaseUrl in the host's file the server is not proven.
    [Fact]
    public Task An_unproven_default_keeps_a_file_without_base_url_quiet() =>
        VerifyHostAsync(Bind, Helper, new[] { ("appsettings.json", Settings(null)) }, withSummary: true);

    // The same model under another server: that server's names.
    [Theory]
    [InlineData(Helper, "https://openrouter.ai/api/v1")]
    [InlineData(Helper, "https://api.groq.com/openai/v1")]
    [InlineData(Plain, "http://localhost:11434/v1")]
    public Task Another_server_in_the_hosts_file_keeps_it_quiet(string baseAddress, string baseUrl) =>
        VerifyHostAsync(Bind, baseAddress, new[] { ("appsettings.json", Settings(baseUrl)) }, withSummary: true);

    [Fact]
    public Task A_development_file_pointing_elsewhere_keeps_it_quiet() =>
        VerifyHostAsync(Bind, Helper, new[]
        {
            ("appsettings.json", Settings("https://api.openai.com/v1")),
            ("appsettings.Development.json", """{ "Llm": { "BaseUrl": "http://localhost:1234/v1" } }"""),
        }, withSummary: true);

    // No default and no BaseUrl in the file: the client has no base address the host shows.
    [Fact]
    public Task An_unset_base_address_without_default_is_quiet() =>
        VerifyHostAsync(Bind, Plain, new[] { ("appsettings.json", Settings(null)) }, withSummary: true);

    // A model key of another section is not the one the library posts; a placeholder is no id.
    [Fact]
    public Task A_key_of_another_section_is_quiet() =>
        VerifyHostAsync(Bind, Literal, new[] { ("appsettings.json", Settings(null, section: "Embedding")) }, withSummary: true);

    [Fact]
    public Task A_placeholder_model_is_quiet() =>
        VerifyHostAsync(Bind, Literal, new[] { ("appsettings.json", Settings(null, model: "<your-model>")) }, withSummary: true);

    // A dated snapshot at the key is fine.
    [Fact]
    public Task A_dated_snapshot_is_quiet() =>
        VerifyHostAsync(Bind, Helper, new[] { ("appsettings.json", Settings("https://api.openai.com/v1", model: "gpt-5.4-mini-2026-03-17")) }, withSummary: true);

    // The libraries wrote no summary (AiLint not on them, or an older AiLint): nothing is known.
    [Fact]
    public Task Without_the_summary_nothing_is_known() =>
        VerifyHostAsync(Bind, Helper, new[] { ("appsettings.json", Settings("https://api.openai.com/v1")) }, withSummary: false);

    // An older reader's view of a later writer: a record in a form this reader does not know is ignored whole.
    // The record is written by hand into a referenced assembly; the well-formed one is the control that it is read.
    [Theory]
    [InlineData("Llm:Model|openai|", true)]
    [InlineData("Llm:Model|openai|BaseUrl|extra", false)]
    [InlineData("Llm:Model|azure|BaseUrl", false)]
    [InlineData("Model|openai|", false)]
    [InlineData("Llm:Model|none|", false)]
    public async Task A_record_in_another_form_is_ignored(string value, bool read)
    {
        var recorded = Emit(CreateLibrary(
            "App.Recorded",
            $"[assembly: System.Reflection.AssemblyMetadata(\"{RawHttpSettingsModels.Key}\", \"{value}\")]",
            ReferenceAssemblies.FrameworkOnly));
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Host.Replace("using App.Infrastructure;\n", "").Replace("new ServiceCollection().AddInfrastructure(configuration);", ""),
            OutputKind = OutputKind.ConsoleApplication,
            References = ReferenceAssemblies.FrameworkOnly.Add(recorded),
        };
        test.AdditionalFiles.Add(("appsettings.json", Settings(null)));
        if (read)
        {
            test.ExpectedDiagnostics.Add(FileModel());
        }

        await test.RunAsync();
    }

    // Half-typed host code and a half-typed settings file: no crash, no report.
    [Fact]
    public async Task Half_typed_host_code_does_not_crash()
    {
        var test = HostTest(Bind, Helper, new[] { ("appsettings.json", "{ \"Llm\": { \"Model\": \"gpt-4o-mini\", ") }, withSummary: true,
            hostCode: "public static class Program { public static void Main() { var x = new ServiceCollection(). } }");
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }

    private static Task VerifyHostAsync(string bind, string baseAddress, (string Path, string Content)[] files, bool withSummary, params DiagnosticResult[] expected) =>
        VerifyHostAsync(bind, baseAddress, files, withSummary, optionsInside: false, expected);

    private static async Task VerifyHostAsync(string bind, string baseAddress, (string Path, string Content)[] files, bool withSummary, bool optionsInside, params DiagnosticResult[] expected)
    {
        var test = HostTest(bind, baseAddress, files, withSummary, Host, optionsInside);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static AnalyzerTest<ModelAnalyzer> HostTest(string bind, string baseAddress, (string Path, string Content)[] files, bool withSummary, string hostCode, bool optionsInside = false)
    {
        var application = Emit(Summarised(CreateApplication(), withSummary));
        var infrastructure = Emit(Summarised(CreateInfrastructure(bind, baseAddress, application, optionsInside), withSummary));
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = hostCode,
            OutputKind = OutputKind.ConsoleApplication,
            References = ReferenceAssemblies.FrameworkOnly.Add(application).Add(infrastructure),
        };
        test.AdditionalFiles.AddRange(files);
        return test;
    }

    internal static Compilation Summarised(Compilation library, bool withSummary)
    {
        if (withSummary)
        {
            CSharpGeneratorDriver.Create(new ProjectSummaryGenerator()).RunGeneratorsAndUpdateCompilation(library, out library, out _);
        }

        return library;
    }

    internal static MetadataReference Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static CSharpCompilation CreateApplication() => CreateLibrary("App.Application", Application, ReferenceAssemblies.FrameworkOnly);

    // optionsInside: LlmOptions declared in Infrastructure itself (a namespace of its own there), Application not referenced.
    private static CSharpCompilation CreateInfrastructure(string bind, string baseAddress, MetadataReference? application = null, bool optionsInside = false) =>
        CreateLibrary(
            "App.Infrastructure",
            Infrastructure.Replace("BIND;", bind.Length == 0 ? "" : bind + ";").Replace("BASE", baseAddress) + (optionsInside ? "\n" + Application : ""),
            optionsInside ? ReferenceAssemblies.FrameworkOnly : ReferenceAssemblies.FrameworkOnly.Add(application ?? Emit(CreateApplication())));

    internal static CSharpCompilation CreateLibrary(string name, string code, IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }
}
