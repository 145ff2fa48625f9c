using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A system prompt kept in <c>appsettings.json</c> (<c>"Prompts": { "System": "You are ..." }</c>) and read by its
/// configuration key into a system or instruction slot: <c>configuration["Prompts:System"]</c>,
/// <c>configuration.GetValue&lt;string&gt;("OpenAI:SystemPrompt")</c>, <c>configuration.GetSection("OpenAI")["SystemPrompt"]</c>,
/// or a property of an options class bound to the section (<c>services.Configure&lt;ChatSettings&gt;(configuration.GetSection("OpenAI"))</c>,
/// <c>settings.Value.SystemPrompt</c>). The value is reported in the file (AIL0301 on the value, AIL0303 on an instruction
/// inside it), its id the file's path relative to the project with the configuration key in brackets:
/// <c>appsettings.json[Prompts:System]</c>. The quiet twins and half-typed code are in SettingsPromptQuietTests.
/// </summary>
public class SettingsPromptTests
{
    internal const string Support = "You are a support agent. Always answer in one paragraph. Never promise refunds.";

    internal const string PromptsSystem = """
        {
          "Logging": { "LogLevel": { "Default": "Information" } },
          "Prompts": { "System": "You are a support agent. Always answer in one paragraph. Never promise refunds." }
        }
        """;

    internal const string OpenAISystemPrompt = """
        {
          "OpenAI": {
            "Model": "gpt-4o",
            "SystemPrompt": "You are a support agent. Always answer in one paragraph. Never promise refunds."
          }
        }
        """;

    internal static AnalyzerTest<PromptEvalCoverageAnalyzer> Test(string code, params (string Path, string Content)[] files)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n"));
        test.AdditionalFiles.AddRange(files);
        return test;
    }

    internal static Task VerifyAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = Test(code, files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>A diagnostic on the JSON string whose text between its quotes is <paramref name="raw"/>, quotes included.</summary>
    internal static DiagnosticResult OnValue(string id, string path, string content, string raw)
    {
        var start = content.IndexOf("\"" + raw + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the test's value is not in the file");
        return Diagnostic(id).WithSpan(path, content, new Microsoft.CodeAnalysis.Text.TextSpan(start, raw.Length + 2));
    }

    /// <summary>A diagnostic on <paramref name="text"/> inside the file, as written there.</summary>
    internal static DiagnosticResult OnText(string id, string path, string content, string text)
    {
        var start = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, "the test's text is not in the file");
        return Diagnostic(id).WithSpan(path, content, new Microsoft.CodeAnalysis.Text.TextSpan(start, text.Length));
    }

    // The indexer on the injected configuration, held in a readonly field the constructor sets, into a system message.
    internal const string IndexerIntoSystemMessage = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        namespace Support;
        public class SupportChat
        {
            private readonly IChatClient _client;
            private readonly string _systemPrompt;
            public SupportChat(IChatClient client, IConfiguration configuration)
            {
                _client = client;
                _systemPrompt = configuration["Prompts:System"]!;
            }
            public Task<ChatResponse> AskAsync(string question) =>
                _client.GetResponseAsync(new List<ChatMessage> { new(ChatRole.System, _systemPrompt), new(ChatRole.User, question) });
        }
        """;

    [Fact]
    public Task A_settings_value_read_by_its_key_into_the_system_message_is_reported_on_the_value() =>
        VerifyAsync(
            IndexerIntoSystemMessage,
            new[] { ("appsettings.json", PromptsSystem) },
            OnValue("AIL0301", "appsettings.json", PromptsSystem, Support).WithArguments("appsettings.json[Prompts:System]"));

    [Fact]
    public Task GetValue_of_a_full_key_into_an_OpenAI_system_message_is_reported() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;
            namespace Support;
            public class SupportChat(ChatClient client, IConfiguration configuration)
            {
                public ChatCompletion Ask(string question)
                {
                    var system = configuration.GetValue<string>("OpenAI:SystemPrompt");
                    return client.CompleteChat(new List<ChatMessage> { new SystemChatMessage(system), new UserChatMessage(question) }).Value;
                }
            }
            """,
            new[] { ("appsettings.json", OpenAISystemPrompt) },
            OnValue("AIL0301", "appsettings.json", OpenAISystemPrompt, Support).WithArguments("appsettings.json[OpenAI:SystemPrompt]"));

    [Fact]
    public Task A_key_of_a_section_into_ChatOptions_Instructions_is_reported_under_the_files_spelling() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Support;
            public class SupportChat(IChatClient client, IConfiguration configuration)
            {
                public Task<ChatResponse> AskAsync(string question) =>
                    client.GetResponseAsync(question, new ChatOptions { Instructions = configuration.GetSection("openai")["systemPrompt"] });
            }
            """,
            new[] { ("appsettings.json", OpenAISystemPrompt) },
            OnValue("AIL0301", "appsettings.json", OpenAISystemPrompt, Support).WithArguments("appsettings.json[OpenAI:SystemPrompt]"));

    [Fact]
    public Task A_required_sections_value_in_top_level_statements_into_the_instructions_is_reported()
    {
        var test = Test(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            var builder = WebApplication.CreateBuilder(args);
            IChatClient client = null!;
            var instructions = builder.Configuration.GetRequiredSection("OpenAI").GetSection("SystemPrompt").Value;
            var response = await client.GetResponseAsync("hi", new ChatOptions { Instructions = instructions });
            """,
            ("appsettings.json", OpenAISystemPrompt));
        test.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(OnValue("AIL0301", "appsettings.json", OpenAISystemPrompt, Support).WithArguments("appsettings.json[OpenAI:SystemPrompt]"));
        return test.RunAsync();
    }

    // The options pattern: the class bound to the section at startup, its property read through IOptions<T>.
    internal const string BoundOptions = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        namespace Support;
        public class ChatSettings
        {
            public string Model { get; set; } = "";
            public string SystemPrompt { get; set; } = "";
        }
        public static class Registration
        {
            public static IServiceCollection AddSupportChat(this IServiceCollection services, IConfiguration configuration) =>
                services.Configure<ChatSettings>(configuration.GetSection("OpenAI"));
        }
        public class SupportChat(IChatClient client, IOptions<ChatSettings> settings)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(question, new ChatOptions { Instructions = settings.Value.SystemPrompt });
        }
        """;

    [Fact]
    public Task A_bound_options_property_into_the_instructions_is_reported_on_its_sections_value() =>
        VerifyAsync(
            BoundOptions,
            new[] { ("appsettings.json", OpenAISystemPrompt) },
            OnValue("AIL0301", "appsettings.json", OpenAISystemPrompt, Support).WithArguments("appsettings.json[OpenAI:SystemPrompt]"));

    // Escaped line breaks in the JSON string: the instructions are found in the unescaped text and reported where they
    // are written in the file.
    private const string ListedRules = """
        {
          "Prompts": {
            "System": "You are a support agent for Contoso.\n- Always answer in one paragraph.\n- Never promise refunds."
          }
        }
        """;

    [Fact]
    public Task With_a_covering_case_an_instruction_no_case_exercises_is_AIL0303_on_its_text_in_the_file() =>
        VerifyAsync(
            IndexerIntoSystemMessage,
            new[]
            {
                ("appsettings.json", ListedRules),
                ("evals/appsettings.evals.jsonl", Case("appsettings.json[Prompts:System]", rule: "Always answer in one paragraph.")),
            },
            OnText("AIL0303", "appsettings.json", ListedRules, "Never promise refunds.").WithArguments("Never promise refunds.", "appsettings.json[Prompts:System]"));

    [Fact]
    public Task A_case_whose_recorded_hash_is_for_another_text_is_AIL0302_on_the_value_beside_its_unexercised_instructions() =>
        VerifyAsync(
            IndexerIntoSystemMessage,
            new[]
            {
                ("appsettings.json", PromptsSystem),
                ("evals/appsettings.evals.jsonl", Case("appsettings.json[Prompts:System]", sha: Sha256("You are a support agent."))),
            },
            OnValue("AIL0302", "appsettings.json", PromptsSystem, Support).WithArguments("appsettings.json[Prompts:System]", "1", Sha256(Support)),
            OnText("AIL0303", "appsettings.json", PromptsSystem, "Always answer in one paragraph.").WithArguments("Always answer in one paragraph.", "appsettings.json[Prompts:System]"),
            OnText("AIL0303", "appsettings.json", PromptsSystem, "Never promise refunds.").WithArguments("Never promise refunds.", "appsettings.json[Prompts:System]"));

    [Fact]
    public Task Covered_by_a_case_under_its_id_the_value_is_quiet() =>
        VerifyAsync(
            IndexerIntoSystemMessage,
            new[]
            {
                ("appsettings.json", PromptsSystem),
                ("evals/appsettings.evals.jsonl", Case("appsettings.json[Prompts:System]", "c1", "Always answer in one paragraph.") + "\n" + Case("appsettings.json[Prompts:System]", "c2", "Never promise refunds.")),
            });

    [Fact]
    public Task Each_settings_file_that_sets_the_key_is_its_own_prompt() =>
        VerifyAsync(
            IndexerIntoSystemMessage,
            new[]
            {
                ("appsettings.json", PromptsSystem),
                ("appsettings.Development.json", PromptsSystem),
            },
            OnValue("AIL0301", "appsettings.Development.json", PromptsSystem, Support).WithArguments("appsettings.Development.json[Prompts:System]"),
            OnValue("AIL0301", "appsettings.json", PromptsSystem, Support).WithArguments("appsettings.json[Prompts:System]"));
}
