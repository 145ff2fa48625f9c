using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Recall follow-up review75 (AIL0301): a system prompt kept in a text file the project copies to its output or embeds
/// (<c>&lt;None Update="system_message.txt" CopyToOutputDirectory="PreserveNewest" /&gt;</c>), which the package's
/// targets list as an AdditionalFile with <c>AiLintPromptFileSource</c>, read by name at run time and sent as the system
/// message. The file is reported as a prompt file (on its first line, id = its path relative to the project) only when
/// the code reads that file into a system or instruction slot; the MSBuild side is CopiedPromptFileTargetsTests.
/// </summary>
public class ReadByNamePromptFileTests
{
    private const string SystemMessage = "You are a friendly assistant for the Contoso bike shop.\nYou must answer in two sentences or fewer.\n";

    /// <summary>The global config the compiler gets from the package's targets: the project folder and each listed file's source.</summary>
    private static string Config(params (string Path, string Source)[] listed) =>
        "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n"
        + string.Concat(listed.Select(file => $"\n[/0/{file.Path}]\nbuild_metadata.AdditionalFiles.AiLintPromptFileSource = {file.Source}\n"));

    private static AnalyzerTest<PromptEvalCoverageAnalyzer> Test(string code, (string Path, string Source)[] listed, params (string Path, string Content)[] files)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", Config(listed)));
        test.AdditionalFiles.AddRange(files);
        return test;
    }

    private static Task VerifyAsync(string code, (string Path, string Source)[] listed, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = Test(code, listed, files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static (string, string)[] Copied(params string[] paths) => paths.Select(path => (path, "CopyToOutput")).ToArray();

    /// <summary>AIL0301 on the first line of the file (computed here from the text), with the file's relative path as id.</summary>
    internal static DiagnosticResult OnFirstLine(string path, string content)
    {
        var line = content.Split('\n')[0];
        return Diagnostic("AIL0301").WithSpan(path, content, new Microsoft.CodeAnalysis.Text.TextSpan(0, line.Length)).WithArguments(path);
    }

    // The review's shape: the file at the project root, read by its bare name in a console app's chat loop.
    private const string RootFileRead = """
        using System.Collections.Generic;
        using System.IO;
        using OpenAI.Chat;
        namespace Shop;
        public class Assistant
        {
            public ChatCompletion Ask(ChatClient client, string question)
            {
                var systemPrompt = File.ReadAllText("system_message.txt");
                var messages = new List<ChatMessage> { new SystemChatMessage(systemPrompt), new UserChatMessage(question) };
                return client.CompleteChat(messages).Value;
            }
        }
        """;

    [Fact]
    public Task A_copied_root_file_read_by_name_into_the_system_message_is_reported_on_the_file() =>
        VerifyAsync(
            RootFileRead,
            Copied("system_message.txt"),
            new[] { ("system_message.txt", SystemMessage) },
            OnFirstLine("system_message.txt", SystemMessage));

    [Fact]
    public Task The_file_with_eval_cases_that_cover_it_is_quiet() =>
        VerifyAsync(
            RootFileRead,
            Copied("system_message.txt"),
            new[]
            {
                ("system_message.txt", SystemMessage),
                ("evals/system_message.evals.jsonl", Case("system_message.txt", rule: "You must answer in two sentences or fewer.")),
            });

    [Fact]
    public Task A_listed_file_the_code_never_reads_is_quiet() =>
        VerifyAsync(
            RootFileRead.Replace("File.ReadAllText(\"system_message.txt\")", "question.Trim()"),
            Copied("system_message.txt"),
            new[] { ("system_message.txt", SystemMessage) });

    [Fact]
    public Task A_read_of_another_file_with_the_same_extension_leaves_the_listed_file_quiet() =>
        VerifyAsync(
            RootFileRead.Replace("system_message.txt", "other_message.txt"),
            Copied("system_message.txt"),
            new[] { ("system_message.txt", SystemMessage) });

    [Fact]
    public Task A_file_the_targets_did_not_list_is_not_read_by_name() =>
        VerifyAsync(RootFileRead, Copied(), new[] { ("system_message.txt", SystemMessage) });

    // Path.Combine from the output folder, awaited, held in a readonly field the constructor sets, into Instructions.
    private const string CombinedPathRead = """
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        namespace Shop;
        public class Summarizer
        {
            private readonly IChatClient _client;
            private readonly string _instructions;
            public Summarizer(IChatClient client)
            {
                _client = client;
                _instructions = File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Assets", "summarize.txt")).GetAwaiter().GetResult();
            }
            public Task<ChatResponse> SummarizeAsync(string text) =>
                _client.GetResponseAsync(text, new ChatOptions { Instructions = _instructions });
        }
        """;

    private const string Summarize = "You are an editor who summarizes support tickets.\nNever include the customer's email address.\n";

    [Fact]
    public Task A_path_combined_from_the_output_folder_names_the_file_by_its_folder_and_name()
    {
        // GetAwaiter().GetResult() is not followed: the awaited form below is the one apps write.
        var code = CombinedPathRead
            .Replace("_instructions = File.ReadAllTextAsync(", "_instructions = File.ReadAllText(")
            .Replace(")).GetAwaiter().GetResult();", "));");
        return VerifyAsync(code, Copied("Assets/summarize.txt"), new[] { ("Assets/summarize.txt", Summarize) }, OnFirstLine("Assets/summarize.txt", Summarize));
    }

    [Fact]
    public Task An_awaited_async_read_in_the_method_is_followed() =>
        VerifyAsync(
            """
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public class Summarizer(IChatClient client)
            {
                public async Task<ChatResponse> SummarizeAsync(string text)
                {
                    var instructions = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Assets", "summarize.txt")).ConfigureAwait(false);
                    return await client.GetResponseAsync(text, new ChatOptions { Instructions = instructions });
                }
            }
            """,
            Copied("Assets/summarize.txt"),
            new[] { ("Assets/summarize.txt", Summarize) },
            OnFirstLine("Assets/summarize.txt", Summarize));

    [Fact]
    public Task A_read_the_code_does_not_await_into_a_slot_stays_quiet() =>
        // .GetAwaiter().GetResult() is not followed (rare in apps; quiet rather than a guess).
        VerifyAsync(CombinedPathRead, Copied("Assets/summarize.txt"), new[] { ("Assets/summarize.txt", Summarize) });

    [Fact]
    public Task A_property_that_reads_the_file_each_time_is_followed_to_the_read() =>
        VerifyAsync(
            """
            using System.IO;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public class Support
            {
                private static string SystemPrompt => File.ReadAllText("./Assets/summarize.txt");
                public ChatMessage[] Messages(string question) => new[] { new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, question) };
            }
            """,
            Copied("Assets/summarize.txt"),
            new[] { ("Assets/summarize.txt", Summarize) },
            OnFirstLine("Assets/summarize.txt", Summarize));

    [Fact]
    public Task An_embedded_markdown_prompt_read_through_its_resource_stream_is_reported() =>
        VerifyAsync(
            """
            using System.IO;
            using System.Reflection;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Persona
            {
                private static string Load()
                {
                    using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Shop.Resources.persona.md")
                        ?? throw new InvalidDataException("missing persona");
                    using var reader = new StreamReader(stream);
                    return reader.ReadToEnd();
                }
                public static ChatMessage System { get; } = new ChatMessage(ChatRole.System, File.ReadAllText("persona_copy.md"));
                public static ChatMessage FromResource() { var text = Load(); return new ChatMessage(ChatRole.System, text); }
            }
            """,
            new[] { ("Resources/persona.md", "EmbeddedResource"), ("persona_copy.md", "CopyToOutput") },
            new[] { ("Resources/persona.md", "---\ntitle: persona\n---\n" + Summarize), ("persona_copy.md", Summarize) },
            // A method's return is not followed (Load()), so only the copy read at the slot is reported.
            OnFirstLine("persona_copy.md", Summarize));

    [Fact]
    public Task An_embedded_prompt_read_at_the_slot_through_a_resource_stream_is_reported_after_its_front_matter()
    {
        const string Persona = "---\ntitle: persona\n---\n" + Summarize;
        var start = Persona.IndexOf("You are", StringComparison.Ordinal);
        return VerifyAsync(
            """
            using System.IO;
            using System.Reflection;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Persona
            {
                public static ChatMessage Create()
                {
                    using var stream = typeof(Persona).Assembly.GetManifestResourceStream("Shop.Resources.persona.md")!;
                    using var reader = new StreamReader(stream);
                    var text = reader.ReadToEnd();
                    return new ChatMessage(ChatRole.System, text);
                }
            }
            """,
            new[] { ("Resources/persona.md", "EmbeddedResource") },
            new[] { ("Resources/persona.md", Persona) },
            Diagnostic("AIL0301").WithSpan("Resources/persona.md", Persona, new Microsoft.CodeAnalysis.Text.TextSpan(start, Persona.IndexOf('\n', start) - start)).WithArguments("Resources/persona.md"));
    }
}
