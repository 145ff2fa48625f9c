using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A prompt file kept outside the project folder and linked into it (<c>&lt;None Include="..\Shared\Prompts\*.md"
/// Link="Prompts\%(Filename)%(Extension)" CopyToOutputDirectory="PreserveNewest" /&gt;</c>, or Content / EmbeddedResource
/// with <c>Link</c>): the package's targets pass its <c>Link</c> as <c>AiLintPromptFileLink</c>
/// (LinkedPromptFileTargetsTests), and the file is read as if it lay at its link path, where the build copies it and
/// the code reads it: that path is its id (not the machine's full path), its folder, and the path a read by name must
/// spell. The file's own location is still where the diagnostic goes.
/// </summary>
public class LinkedPromptFileTests
{
    private const string Persona = "You are the Contoso support agent.\nYou must answer in two sentences or fewer.\n";

    private static AnalyzerTest<PromptEvalCoverageAnalyzer> Test(string code, (string Path, string Source, string Link)[] listed, params (string Path, string Content)[] files)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code };
        test.AnalyzerConfigFiles.Add((
            "/0/obj/AiLint.globalconfig",
            "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n"
            + string.Concat(listed.Select(file =>
                $"\n[{file.Path}]\nbuild_metadata.AdditionalFiles.AiLintPromptFileSource = {file.Source}\nbuild_metadata.AdditionalFiles.AiLintPromptFileLink = {file.Link}\n"))));
        test.AdditionalFiles.AddRange(files);
        return test;
    }

    private static Task VerifyAsync(string code, (string Path, string Source, string Link)[] listed, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = Test(code, listed, files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OnFirstLine(string path, string content, string id) =>
        Diagnostic("AIL0301").WithSpan(path, content, new Microsoft.CodeAnalysis.Text.TextSpan(0, content.Split('\n')[0].Length)).WithArguments(id);

    private static string ReadInto(params string[] segments) => $$"""
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        namespace Support;
        public class SupportChat(IChatClient client)
        {
            private readonly string _instructions = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, {{string.Join(", ", segments.Select(s => "\"" + s + "\""))}}));
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(question, new ChatOptions { Instructions = _instructions });
        }
        """;

    [Fact]
    public Task A_file_linked_into_the_Prompts_folder_is_a_prompt_with_its_link_path_as_id() =>
        VerifyAsync(
            ReadInto("Prompts", "support.md"),
            new[] { ("/Shared/Prompts/support.md", "CopyToOutput", "Prompts\\support.md") },
            new[] { ("/Shared/Prompts/support.md", Persona) },
            OnFirstLine("/Shared/Prompts/support.md", Persona, "Prompts/support.md"));

    [Fact]
    public Task A_linked_file_read_by_its_link_path_is_found_there() =>
        VerifyAsync(
            ReadInto("Assets", "support.md"),
            new[] { ("/Shared/Instructions/support.md", "CopyToOutput", "Assets\\support.md") },
            new[] { ("/Shared/Instructions/support.md", Persona) },
            OnFirstLine("/Shared/Instructions/support.md", Persona, "Assets/support.md"));

    [Fact]
    public Task An_embedded_linked_file_is_named_by_its_link_path() =>
        VerifyAsync(
            """
            using System.IO;
            using System.Reflection;
            using OpenAI.Chat;
            namespace Support;
            public class SupportChat
            {
                public ChatCompletion Ask(ChatClient client, string question)
                {
                    using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Support.Resources.persona.md")!;
                    var system = new StreamReader(stream).ReadToEnd();
                    return client.CompleteChat(new SystemChatMessage(system), new UserChatMessage(question)).Value;
                }
            }
            """,
            new[] { ("/Shared/persona.md", "EmbeddedResource", "Resources/persona.md") },
            new[] { ("/Shared/persona.md", Persona) },
            OnFirstLine("/Shared/persona.md", Persona, "Resources/persona.md"));

    [Fact]
    public Task A_case_under_the_link_path_covers_it() =>
        VerifyAsync(
            ReadInto("Prompts", "support.md"),
            new[] { ("/Shared/Prompts/support.md", "CopyToOutput", "Prompts\\support.md") },
            new[]
            {
                ("/Shared/Prompts/support.md", Persona),
                ("evals/support.evals.jsonl", Case("Prompts/support.md", rule: "You must answer in two sentences or fewer.")),
            });

    [Fact]
    public Task A_linked_file_read_by_another_path_or_never_read_is_quiet() =>
        VerifyAsync(
            ReadInto("Instructions", "support.md"),
            new[] { ("/Shared/Instructions/support.md", "CopyToOutput", "Assets\\support.md") },
            new[] { ("/Shared/Instructions/support.md", Persona) });

    [Fact]
    public Task An_empty_or_odd_link_falls_back_to_the_files_path_without_a_crash()
    {
        var test = Test(
            ReadInto("Prompts", "support.md"),
            new[] { ("/0/Prompts/support.md", "CopyToOutput", string.Empty), ("/0/Notes/a.md", "CopyToOutput", "/") },
            ("Prompts/support.md", Persona),
            ("Notes/a.md", Persona));
        test.ExpectedDiagnostics.Add(OnFirstLine("Prompts/support.md", Persona, "Prompts/support.md"));
        return test.RunAsync();
    }
}
