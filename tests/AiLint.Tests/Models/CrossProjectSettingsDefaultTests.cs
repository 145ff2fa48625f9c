using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A settings class declared in a referenced library (<c>public string ModelId { get; set; } = "gpt-4o";</c>): the
/// library's summary records the default, and an app that reads the property into a model slot is reported at the
/// read, as for a settings class of its own, unless its settings file sets the key.
/// </summary>
public class CrossProjectSettingsDefaultTests
{
    private const string Library = """
        namespace Lib
        {
            public class AiOptions
            {
                public string ApiKey { get; set; } = "";
                public string ModelId { get; set; } = "gpt-4o";
                public string Pinned { get; set; } = "gpt-5.5-2026-04-23";
                public virtual string Judge { get; set; } = "gpt-4o";
                public string Title { get; set; } = "gpt-3.5-turbo-0613";
            }

            internal class Hidden
            {
                public string Model { get; set; } = "gpt-4o";
            }
        }
        """;

    private const string App = """
        using Lib;
        using OpenAI;
        class Program
        {
            static void Main()
            {
                var options = new AiOptions();
                var client = new OpenAIClient(options.ApiKey);
                client.GetChatClient({|#0:options.ModelId|});
                client.GetChatClient(options.Pinned);
                client.GetChatClient(options.Judge);
                System.Console.WriteLine(options.Title);
            }
        }
        """;

    // Not recorded: an empty default, an id the table does not know, a virtual property, a type the app cannot see.
    [Fact]
    public void The_library_records_only_public_model_defaults()
    {
        var entries = SettingsModelDefaults.Entries(CreateLibrary(), CancellationToken.None);
        Assert.Equal(
            new[] { "P:Lib.AiOptions.ModelId|gpt-4o", "P:Lib.AiOptions.Title|gpt-3.5-turbo-0613" },
            entries.Select(entry => entry.Value).OrderBy(value => value, StringComparer.Ordinal));
        Assert.All(entries, entry => Assert.Equal(SettingsModelDefaults.Key, entry.Key));
    }

    [Fact]
    public Task An_app_reading_a_library_default_into_a_slot_is_reported_at_the_read() =>
        VerifyAppAsync(withSummary: true, settings: null,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // The correct code next to it: the app's settings file sets the key (the value there is checked instead), or the
    // library wrote no summary.
    [Fact]
    public Task A_configured_key_or_a_library_without_summary_is_not_reported() =>
        VerifyAppAsync(withSummary: true, settings: """{ "AI": { "ModelId": "gpt-5.5-2026-04-23" } }""");

    [Fact]
    public Task Without_the_summary_nothing_is_known() =>
        VerifyAppAsync(withSummary: false, settings: null);

    private static async Task VerifyAppAsync(bool withSummary, string? settings, params DiagnosticResult[] expected)
    {
        Compilation library = CreateLibrary();
        if (withSummary)
        {
            CSharpGeneratorDriver.Create(new ProjectSummaryGenerator()).RunGeneratorsAndUpdateCompilation(library, out library, out _);
        }

        using var stream = new MemoryStream();
        var emitted = library.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = App.Replace("{|#0:options.ModelId|}", expected.Length > 0 ? "{|#0:options.ModelId|}" : "options.ModelId"),
            References = ReferenceAssemblies.Default.Add(MetadataReference.CreateFromImage(stream.ToArray())),
        };
        if (settings != null)
        {
            test.AdditionalFiles.Add(("appsettings.json", settings));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static CSharpCompilation CreateLibrary()
    {
        var compilation = CSharpCompilation.Create(
            "Lib",
            new[] { CSharpSyntaxTree.ParseText(Library, new CSharpParseOptions(LanguageVersion.Latest)) },
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }
}
