using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A copied prompt file read through the project's own helper that takes the file's name (NamedPromptFileReads.Helpers):
/// the constant argument stands for the parameter in the path the helper builds, one helper level deep, and the file is
/// matched by name as at a direct read (ReadByNamePromptFileTests). The first shape is a real Agent Framework app's
/// agent set provider (a local function <c>LoadPrompt(string file)</c> over <c>Path.Combine(_basePromptPath, file)</c>,
/// guarded by <c>File.Exists</c>, its result the agent's instructions).
/// </summary>
public class HelperReadPromptFileTests
{
    private const string Utility = "You are the utility agent of a voice-to-action app.\nYou must call a tool for every transcription.\n";

    private const string System = "You are the Contoso support assistant.\nNever promise a refund.\n";

    private static AnalyzerTest<PromptEvalCoverageAnalyzer> Test(string code, params (string Path, string Content)[] copied)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code };
        test.AnalyzerConfigFiles.Add((
            "/0/obj/AiLint.globalconfig",
            "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n"
            + string.Concat(copied.Select(file => $"\n[/0/{file.Path}]\nbuild_metadata.AdditionalFiles.AiLintPromptFileSource = CopyToOutput\n"))));
        test.AdditionalFiles.AddRange(copied);
        return test;
    }

    private static Task ReportedAsync(string code, string path, string content)
    {
        var test = Test(code, (path, content));
        test.ExpectedDiagnostics.Add(ReadByNamePromptFileTests.OnFirstLine(path, content));
        return test.RunAsync();
    }

    private static Task QuietAsync(string code, string path, string content) => Test(code, (path, content)).RunAsync();

    // The real shape, reduced: the helper is a local function of the method that builds the agents.
    private const string AgentSetProvider = """
        using System.IO;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        namespace Voice;
        public sealed class AgentSetProvider(IChatClient chat, string basePromptPath)
        {
            private readonly string _basePromptPath = basePromptPath;
            public ChatClientAgent Create()
            {
                string LoadPrompt(string file)
                {
                    var path = Path.Combine(_basePromptPath, file);
                    if (!File.Exists(path)) throw new FileNotFoundException($"Prompt file not found: {path}");
                    return File.ReadAllText(path);
                }

                var utilityInstructions = LoadPrompt("utility.md");
                return new ChatClientAgent(chat, new ChatClientAgentOptions { ChatOptions = new ChatOptions { Instructions = utilityInstructions } });
            }
        }
        """;

    [Fact]
    public Task A_local_function_that_reads_the_named_file_into_an_agents_instructions_is_followed() =>
        ReportedAsync(AgentSetProvider, "Agents/utility.md", Utility);

    [Fact]
    public Task The_same_helper_naming_a_file_the_project_does_not_have_is_quiet() =>
        QuietAsync(AgentSetProvider.Replace("LoadPrompt(\"utility.md\")", "LoadPrompt(\"planner.md\")"), "Agents/utility.md", Utility);

    // A static loader class, async, the folder spelled in the helper: PromptLoader.LoadAsync("system.md").
    private static string Loader(string pathExpression, string slot) => $$"""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        namespace Shop;
        public static class PromptLoader
        {
            public static async Task<string> LoadAsync(string name) =>
                await File.ReadAllTextAsync({{pathExpression}}).ConfigureAwait(false);
        }
        public class Assistant(ChatClient client)
        {
            public async Task<ChatCompletion> AskAsync(string question)
            {
                var messages = new List<ChatMessage> { {{slot}}, new UserChatMessage(question) };
                return (await client.CompleteChatAsync(messages)).Value;
            }
        }
        """;

    private const string CombinedPath = "Path.Combine(AppContext.BaseDirectory, \"Templates\", name)";

    private const string SystemSlot = "new SystemChatMessage(await PromptLoader.LoadAsync(\"system.md\"))";

    [Fact]
    public Task An_async_loader_that_combines_the_folder_with_the_name_is_followed() =>
        ReportedAsync(Loader(CombinedPath, SystemSlot), "Templates/system.md", System);

    [Fact]
    public Task An_interpolated_path_with_the_name_at_its_end_is_followed() =>
        ReportedAsync(Loader("$\"{AppContext.BaseDirectory}/Templates/{name}\"", SystemSlot), "Templates/system.md", System);

    [Fact]
    public Task The_helpers_result_at_the_users_turn_is_data() =>
        QuietAsync(Loader(CombinedPath, "new UserChatMessage(await PromptLoader.LoadAsync(\"system.md\"))"), "Templates/system.md", System);

    [Fact]
    public Task A_helper_folder_the_file_is_not_in_names_another_file() =>
        QuietAsync(Loader("Path.Combine(AppContext.BaseDirectory, \"Archive\", name)", SystemSlot), "Templates/system.md", System);

    [Fact]
    public Task A_name_known_only_at_run_time_names_no_file() =>
        QuietAsync(Loader(CombinedPath, "new SystemChatMessage(await PromptLoader.LoadAsync(question + \".md\"))"), "Templates/system.md", System);

    [Fact]
    public Task A_helper_that_reads_through_another_helper_is_not_followed() =>
        // One level: LoadAsync's return is Read(name), not a read of the file.
        QuietAsync(
            Loader(CombinedPath, SystemSlot).Replace(
                "await File.ReadAllTextAsync(" + CombinedPath + ").ConfigureAwait(false);",
                "await Read(name);\n    private static Task<string> Read(string name) => File.ReadAllTextAsync(" + CombinedPath + ");"),
            "Templates/system.md",
            System);

    [Fact]
    public Task A_helper_that_may_return_a_cached_text_is_not_followed() =>
        QuietAsync(
            """
            using System.Collections.Generic;
            using System.IO;
            using OpenAI.Chat;
            namespace Shop;
            public class Prompts
            {
                private readonly Dictionary<string, string> _cache = new();
                public string Get(string name) => _cache.TryGetValue(name, out var text) ? text : File.ReadAllText(Path.Combine("Templates", name));
                public ChatMessage System() => new SystemChatMessage(Get("system.md"));
            }
            """,
            "Templates/system.md",
            System);

    [Fact]
    public Task A_fallback_text_when_the_file_is_missing_still_gives_the_files_text() =>
        ReportedAsync(
            """
            using System.IO;
            using OpenAI.Chat;
            namespace Shop;
            public class Prompts
            {
                private static string Load(string name)
                {
                    var path = Path.Combine("Templates", name);
                    if (!File.Exists(path))
                    {
                        return "";
                    }

                    return File.ReadAllText(path);
                }

                public ChatMessage System() => new SystemChatMessage(Load("system.md"));
            }
            """,
            "Templates/system.md",
            System);

    [Fact]
    public Task Half_typed_helpers_and_calls_do_not_crash_or_report()
    {
        var test = Test(
            """
            using System.IO;
            using OpenAI.Chat;
            namespace Shop;
            public class Prompts
            {
                private static string Load(string name) => File.ReadAllText(Path.Combine("Templates", nam));
                private static string Broken(string name) { var path = Path.Combine("Templates", ); return File.ReadAllText(path); }
                private static string Other(string name) => File.ReadAllText(Missing.Combine("Templates", name));
                public object Messages() => new[]
                {
                    new SystemChatMessage(Load("system.md")),
                    new SystemChatMessage(Broken("system.md")),
                    new SystemChatMessage(Other("system.md")),
                    new SystemChatMessage(Unknown("system.md")),
                    new SystemChatMessage(Load(),
                };
            }
            """,
            ("Templates/system.md", System));
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.RunAsync();
    }
}
