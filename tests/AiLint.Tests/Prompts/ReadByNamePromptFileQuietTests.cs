using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// What stays quiet next to a copied prompt file read by name (ReadByNamePromptFileTests): files read as data (a user
/// message, a JSON config, documents joined into a system message), a file two listed files could be, a local the code
/// assigns again, a single-turn request, text that does not instruct, a README, a file over the size cap, and
/// half-typed code. The severity a project configures for its C# files reaches the file as for any prompt file.
/// </summary>
public class ReadByNamePromptFileQuietTests
{
    private const string Persona = "You are a friendly assistant for the Contoso bike shop.\nYou must answer in two sentences or fewer.\n";

    private static AnalyzerTest<PromptEvalCoverageAnalyzer> Test(string code, (string Path, string Content)[] copied)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code };
        test.AnalyzerConfigFiles.Add((
            "/0/obj/AiLint.globalconfig",
            "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n"
            + string.Concat(copied.Select(file => $"\n[/0/{file.Path}]\nbuild_metadata.AdditionalFiles.AiLintPromptFileSource = CopyToOutput\n"))));
        test.AdditionalFiles.AddRange(copied);
        return test;
    }

    private static Task QuietAsync(string code, params (string Path, string Content)[] copied) => Test(code, copied).RunAsync();

    /// <summary>A chat method whose system message is <paramref name="systemValue"/> (the code before it declares what it reads).</summary>
    private static string SystemMessageOf(string before, string systemValue) => $$"""
        using System.Collections.Generic;
        using System.IO;
        using System.Text.Json;
        using OpenAI.Chat;
        namespace Shop;
        public class Assistant
        {
            public ChatCompletion Ask(ChatClient client, string question)
            {
                {{before}}
                var messages = new List<ChatMessage> { new SystemChatMessage({{systemValue}}), new UserChatMessage(question) };
                return client.CompleteChat(messages).Value;
            }
        }
        """;

    [Fact]
    public Task A_file_read_into_the_users_message_is_data() =>
        QuietAsync(
            """
            using System.IO;
            using OpenAI.Chat;
            namespace Shop;
            public class Rag
            {
                public ChatCompletion Ask(ChatClient client) =>
                    client.CompleteChat(new UserChatMessage(File.ReadAllText("Data/handbook.txt"))).Value;
            }
            """,
            ("Data/handbook.txt", Persona));

    [Fact]
    public Task A_file_read_as_a_json_config_is_data() =>
        QuietAsync(
            SystemMessageOf("var settings = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(\"settings.txt\"))!;", "settings[\"persona\"]"),
            ("settings.txt", "{\"persona\":\"You are a helpful assistant. You must be brief.\"}"));

    [Fact]
    public Task Documents_joined_after_the_instructions_in_a_system_message_are_data()
    {
        // The constant instructions are the prompt (reported on the assembled value, as for any literal next to a loaded
        // value); the file is the context they frame, and stays quiet.
        var code = SystemMessageOf("var docs = File.ReadAllText(\"Data/faq.md\");", "{|#0:\"You are the Contoso assistant. You must answer only from the documents below.\\n\" + docs|}");
        var test = Test(code, new[] { ("Data/faq.md", Persona) });
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Assistant.Ask"));
        return test.RunAsync();
    }

    [Fact]
    public Task A_bare_name_two_listed_files_end_with_names_neither() =>
        QuietAsync(
            SystemMessageOf(string.Empty, "File.ReadAllText(\"system.txt\")"),
            ("Agents/Support/system.txt", Persona),
            ("Agents/Sales/system.txt", Persona));

    [Fact]
    public Task A_local_assigned_again_may_hold_another_text() =>
        QuietAsync(
            SystemMessageOf("var prompt = File.ReadAllText(\"system_message.txt\"); if (question.Length > 100) prompt = question;", "prompt"),
            ("system_message.txt", Persona));

    [Fact]
    public Task A_file_sent_as_a_single_turn_request_is_the_users_turn() =>
        QuietAsync(
            """
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public class Once
            {
                public Task<ChatResponse> Run(IChatClient client) => client.GetResponseAsync(File.ReadAllText("system_message.txt"));
            }
            """,
            ("system_message.txt", Persona));

    [Fact]
    public Task Text_without_a_persona_or_an_instruction_sentence_is_not_a_prompt() =>
        QuietAsync(SystemMessageOf(string.Empty, "File.ReadAllText(\"catalog.txt\")"), ("catalog.txt", "Bikes:\n- Contoso Road 200\n- Contoso Trail 5\n"));

    [Fact]
    public Task A_readme_is_never_a_prompt() =>
        QuietAsync(SystemMessageOf(string.Empty, "File.ReadAllText(\"README.md\")"), ("README.md", Persona));

    [Fact]
    public Task A_file_over_the_size_cap_is_a_document_not_a_prompt() =>
        QuietAsync(
            SystemMessageOf(string.Empty, "File.ReadAllText(\"knowledge.txt\")"),
            ("knowledge.txt", Persona + new string('x', PromptFiles.MaxReadByNameLength)));

    [Fact]
    public Task Half_typed_reads_do_not_crash_or_report()
    {
        var test = Test(
            """
            using System.IO;
            using OpenAI.Chat;
            namespace Shop;
            public class Assistant
            {
                public object Ask(ChatClient client)
                {
                    var a = File.ReadAllText(;
                    var b = File.ReadAllTex("system_message.txt");
                    var c = Missing.Read("system_message.txt");
                    return new[] { new SystemChatMessage(a), new SystemChatMessage(b), new SystemChatMessage(c), new SystemChatMessage(File.ReadAllText(UnknownPath)) };
                }
            }
            """,
            new[] { ("system_message.txt", Persona) });
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.RunAsync();
    }

    [Fact]
    public Task The_severity_configured_for_the_projects_cs_files_reaches_the_file()
    {
        var test = Test(SystemMessageOf(string.Empty, "File.ReadAllText(\"system_message.txt\")"), new[] { ("system_message.txt", Persona) });
        test.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.AIL0301.severity = warning\n"));
        test.ExpectedDiagnostics.Add(ReadByNamePromptFileTests.OnFirstLine("system_message.txt", Persona).WithSeverity(DiagnosticSeverity.Warning));
        return test.RunAsync();
    }
}
