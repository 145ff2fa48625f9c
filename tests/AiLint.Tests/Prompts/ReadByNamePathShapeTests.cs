using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The ways apps spell the path of a copied prompt file (ConstantFilePaths): the constant folder and file names after
/// the last part computed at run time must agree with the file's path relative to the project, segment by segment.
/// One listed file, <c>Assets/summarize.txt</c>, and one Prompts-folder file read by name (a prompt by its text alone,
/// reported once).
/// </summary>
public class ReadByNamePathShapeTests
{
    private const string Summarize = "You are an editor who summarizes support tickets.\nNever include the customer's email address.\n";

    private static string Code(string path) => $$"""
        using System;
        using System.IO;
        using Microsoft.Extensions.AI;
        namespace Shop;
        public class Summarizer
        {
            private static readonly string Root = AppContext.BaseDirectory;
            public ChatMessage System() => new ChatMessage(ChatRole.System, File.ReadAllText({{path}}));
        }
        """;

    private static Task RunAsync(string path, bool reported, string file = "Assets/summarize.txt", string source = "CopyToOutput")
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Code(path) };
        test.AnalyzerConfigFiles.Add((
            "/0/obj/AiLint.globalconfig",
            $"is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n\n[/0/{file}]\nbuild_metadata.AdditionalFiles.AiLintPromptFileSource = {source}\n"));
        test.AdditionalFiles.Add((file, Summarize));
        if (reported)
        {
            test.ExpectedDiagnostics.Add(ReadByNamePromptFileTests.OnFirstLine(file, Summarize));
        }

        return test.RunAsync();
    }

    [Theory]
    [InlineData("Path.Combine(AppContext.BaseDirectory, \"Assets\", \"summarize.txt\")")]
    [InlineData("Path.Combine(Root, \"Assets/summarize.txt\")")]
    [InlineData("Path.Combine(new[] { Root, \"Assets\", \"summarize.txt\" })")]
    [InlineData("AppContext.BaseDirectory + \"Assets/summarize.txt\"")]
    [InlineData("$\"{Root}/Assets/summarize.txt\"")]
    [InlineData("\"./Assets/SUMMARIZE.txt\"")]
    [InlineData("\"/app/Assets/summarize.txt\"")]
    [InlineData("\"summarize.txt\"")]
    [InlineData("@\"Assets\\summarize.txt\"")]
    public Task A_path_whose_spelled_end_names_the_file_reports_it(string path) => RunAsync(path, reported: true);

    [Theory]
    [InlineData("Path.Combine(AppContext.BaseDirectory, \"Other\", \"summarize.txt\")")]
    [InlineData("Path.Combine(Root, \"Assets\", \"summary.txt\")")]
    [InlineData("\"Assets/\"")]
    [InlineData("Path.Combine(Root, Environment.GetEnvironmentVariable(\"PROMPT\") ?? \"x\")")]
    [InlineData("$\"{Root}/Assets/{Environment.MachineName}.txt\"")]
    public Task A_path_that_names_another_file_or_none_is_quiet(string path) => RunAsync(path, reported: false);

    [Fact]
    public Task A_prompts_folder_file_read_by_name_is_reported_once_by_its_text() =>
        RunAsync("Path.Combine(Root, \"Prompts\", \"summarize.txt\")", reported: true, file: "Prompts/summarize.txt");

    [Fact]
    public Task A_file_listed_with_an_unknown_source_is_not_read_by_name() =>
        RunAsync("\"Assets/summarize.txt\"", reported: false, source: "Manual");
}
