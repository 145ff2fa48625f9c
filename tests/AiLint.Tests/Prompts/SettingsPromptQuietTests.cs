using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.SettingsPromptTests;

namespace AiLint.Tests.Prompts;

/// <summary>
/// What stays quiet beside a system prompt kept in <c>appsettings.json</c> (SettingsPromptTests): a value that is only
/// data (a greeting, a template of holes), a key read but put only into a user turn, a key the code reads that no
/// settings file sets (and an instructing value under a key no code reads), an options class nothing binds, and
/// half-typed code or a broken settings file (no crash, and the project's other prompts still reported).
/// </summary>
public class SettingsPromptQuietTests
{
    private static string Settings(string key, string value) =>
        "{\n  \"Prompts\": { \"" + key + "\": \"" + value + "\" }\n}\n";

    [Theory]
    [InlineData("Hello! How can I help you today?")]
    [InlineData("Welcome to Contoso support.")]
    [InlineData("{{$history}}\\n{{$input}}")]
    [InlineData("")]
    public Task A_value_that_is_only_data_is_quiet(string value) =>
        VerifyAsync(IndexerIntoSystemMessage, new[] { ("appsettings.json", Settings("System", value)) });

    [Fact]
    public Task A_key_read_only_into_the_users_turn_is_quiet() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Support;
            public class SupportChat(IChatClient client, IConfiguration configuration)
            {
                public Task<ChatResponse> AskAsync() =>
                    client.GetResponseAsync(new List<ChatMessage> { new(ChatRole.User, configuration["Prompts:System"]) });

                public string Describe() => configuration["Prompts:System"] ?? "";
            }
            """,
            new[] { ("appsettings.json", PromptsSystem) });

    [Fact]
    public Task A_key_no_settings_file_sets_is_quiet_and_so_is_a_key_no_code_reads() =>
        VerifyAsync(
            IndexerIntoSystemMessage.Replace("Prompts:System", "Prompts:Triage"),
            new[] { ("appsettings.json", PromptsSystem), ("appsettings.Production.json", "{ \"Chat\": { \"System\": \"" + Support + "\" } }") });

    [Fact]
    public Task An_options_class_nothing_binds_is_quiet() =>
        VerifyAsync(
            BoundOptions.Replace("services.Configure<ChatSettings>(configuration.GetSection(\"OpenAI\"))", "services"),
            new[] { ("appsettings.json", OpenAISystemPrompt) });

    [Fact]
    public Task An_options_property_the_code_assigns_is_not_the_files_value() =>
        VerifyAsync(
            BoundOptions.Replace(
                "services.Configure<ChatSettings>(configuration.GetSection(\"OpenAI\"))",
                "services.Configure<ChatSettings>(configuration.GetSection(\"OpenAI\")).PostConfigure<ChatSettings>(s => s.SystemPrompt = System.IO.File.ReadAllText(\"x\"))"),
            new[] { ("appsettings.json", OpenAISystemPrompt) });

    [Fact]
    public Task Half_typed_reads_crash_nothing_and_report_nothing()
    {
        var test = Test(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;
            namespace Support;
            public class SupportChat(ChatClient client, IConfiguration configuration)
            {
                public object Ask(string question)
                {
                    var a = configuration.GetValue<string>();
                    var b = configuration.GetValue<string>(;
                    var c = configuration[];
                    var d = configuration.GetSection()["System"];
                    var e = configuration[MissingKey];
                    return new ChatMessage[] { new SystemChatMessage(a), new SystemChatMessage(b), new SystemChatMessage(c), new SystemChatMessage(d), new SystemChatMessage(e) };
                }
            }
            """,
            ("appsettings.json", PromptsSystem));
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.RunAsync();
    }

    // A broken settings file (an unterminated string, or a key set twice, which .NET's configuration rejects at startup)
    // gives no prompt; the constant prompt beside it and a valid file's value are still reported.
    private const string BrokenAndValid = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        namespace Support;
        public class SupportChat(IChatClient client, IConfiguration configuration)
        {
            private const string Triage = "You are a triage agent. Always reply with one word.";
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(new List<ChatMessage> { new(ChatRole.System, configuration["Prompts:System"]), new(ChatRole.User, question) });
            public Task<ChatResponse> TriageAsync(string question) =>
                client.GetResponseAsync(new List<ChatMessage> { new(ChatRole.System, Triage), new(ChatRole.User, question) });
        }
        """;

    [Fact]
    public Task A_broken_settings_file_adds_nothing_and_loses_nothing()
    {
        const string Broken = "{ \"Prompts\": { \"System\": \"You are a support agent. Always answer in one paragraph.\n";
        const string SetTwice = "{ \"Prompts\": { \"System\": \"You are a support agent. Never promise refunds.\", \"system\": \"x\" } }";
        return VerifyAsync(
            BrokenAndValid,
            new[] { ("appsettings.json", Broken), ("appsettings.Staging.json", SetTwice), ("appsettings.Development.json", PromptsSystem) },
            PromptTestHelpers.Diagnostic("AIL0301").WithSpan("/0/Test0.cs", 8, 26, 8, 32).WithArguments("Support.SupportChat.Triage"),
            OnValue("AIL0301", "appsettings.Development.json", PromptsSystem, Support).WithArguments("appsettings.Development.json[Prompts:System]"));
    }
}
