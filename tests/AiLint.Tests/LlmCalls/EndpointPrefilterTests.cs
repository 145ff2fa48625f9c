using System.Collections.Immutable;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// The LLM-call prefilter (<see cref="LlmEndpoints.MayAppearInSource"/>) with settings files: its answer depends on the
/// compilation and the files passed alone, whichever caller asks first (the summary generator gets no files, the
/// analyzers get the project's), and only <c>appsettings*.json</c> files count.
/// </summary>
public class EndpointPrefilterTests
{
    // No endpoint text in the C# (repro-3's ClaudeService, reduced to what the filter reads).
    private const string Source = """
        class ClaudeService
        {
            System.Threading.Tasks.Task Post(System.Net.Http.HttpClient http, string url) => http.PostAsync(url, null);
        }
        """;

    private const string Settings = """{ "Claude": { "ApiUrl": "https://api.anthropic.com/v1/messages" } }""";

    private static Compilation Compile(string source) =>
        CSharpCompilation.Create("Prefilter", new[] { CSharpSyntaxTree.ParseText(source) }, ReferenceAssemblies.FrameworkOnly, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static ImmutableArray<AdditionalText> Files(params (string Path, string Text)[] files) =>
        files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();

    [Fact]
    public void A_caller_without_files_does_not_hide_them_from_one_with_files()
    {
        var compilation = Compile(Source);
        var files = Files(("appsettings.json", Settings));

        Assert.False(LlmEndpoints.MayAppearInSource(compilation, ImmutableArray<AdditionalText>.Empty));
        Assert.True(LlmEndpoints.MayAppearInSource(compilation, files));
        Assert.False(LlmEndpoints.MayAppearInSource(compilation, ImmutableArray<AdditionalText>.Empty));
    }

    [Fact]
    public void A_caller_with_files_does_not_open_the_filter_for_one_without()
    {
        var compilation = Compile(Source);

        Assert.True(LlmEndpoints.MayAppearInSource(compilation, Files(("appsettings.Development.json", Settings))));
        Assert.False(LlmEndpoints.MayAppearInSource(compilation, Files(("appsettings.json", """{ "Claude": { "ApiKey": "" } }"""))));
    }

    // Configuration is read from appsettings*.json only (ConfigurationModelIds.IsSettingsFile); a prompt file or another
    // JSON file that spells an endpoint is no URL a POST reads. A relative path's quoted marker ("messages", a common
    // JSON key) does not count in settings.
    [Theory]
    [InlineData("claude.json", Settings)]
    [InlineData("prompts/system.prompty", "POST https://api.anthropic.com/v1/messages")]
    [InlineData("appsettings.json", """{ "Chat": { "messages": 20, "Path": "responses" } }""")]
    public void Other_files_and_quoted_relative_paths_do_not_open_the_filter(string path, string text) =>
        Assert.False(LlmEndpoints.MayAppearInSource(Compile(Source), Files((path, text))));

    // A source marker opens it with or without files, as before.
    [Fact]
    public void A_marker_in_the_source_opens_the_filter_without_files() =>
        Assert.True(LlmEndpoints.MayAppearInSource(Compile(Source + "\nclass Groq { const string Path = \"chat/completions\"; }"), ImmutableArray<AdditionalText>.Empty));

    // The files every caller passes: those the raw-HTTP reading was prepared with, none before, the first preparation's after.
    [Fact]
    public void The_settings_files_are_those_the_reading_was_prepared_with()
    {
        var compilation = Compile(Source);
        var files = Files(("appsettings.json", Settings));

        Assert.Empty(RawHttpBaseAddresses.SettingsFiles(compilation));
        RawHttpBaseAddresses.Prepare(compilation, files);
        RawHttpBaseAddresses.Prepare(compilation, ImmutableArray<AdditionalText>.Empty);
        Assert.Equal(files, RawHttpBaseAddresses.SettingsFiles(compilation));
        Assert.True(LlmEndpoints.MayAppearInSource(compilation, RawHttpBaseAddresses.SettingsFiles(compilation)));
    }

    // A file that cannot be read opens nothing and does not throw.
    [Fact]
    public void An_unreadable_settings_file_does_not_open_the_filter() =>
        Assert.False(LlmEndpoints.MayAppearInSource(Compile(Source), ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("appsettings.json", null))));
}
