using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A fallback written next to a configuration read (<c>config["OpenAI:Model"] ?? "gpt-3.5-turbo"</c>,
/// <c>config.GetValue("OpenAI:Model", "gpt-4")</c>, a local holding either) is the id the app sends only when the key
/// is missing. When the project's appsettings*.json give that key a value, the fallback never runs there (the value
/// in the file is checked instead), like a settings property's default.
/// </summary>
public class ConfiguredFallbackTests
{
    private static readonly (string, string)[] Settings =
    {
        ("appsettings.json", """
            {
              "OpenAI": { "Model": "gpt-5.5-2026-04-23", "ApiKey": "" },
              "OPENAI_CHAT_MODEL": "gpt-5.5-2026-04-23"
            }
            """),
    };

    [Fact]
    public Task Fallbacks_of_configured_keys_are_not_reported() =>
        VerifyAsync("""
            using Microsoft.Extensions.Configuration;
            using OpenAI;
            using OpenAI.Chat;
            class ChatService
            {
                private readonly IConfiguration _configuration;
                private readonly OpenAIClient _client;
                public ChatService(IConfiguration configuration, OpenAIClient client) { _configuration = configuration; _client = client; }
                ChatClient Indexer()
                {
                    var model = _configuration["OpenAI:Model"] ?? "gpt-3.5-turbo";
                    return _client.GetChatClient(model);
                }
                ChatClient GetValue() => _client.GetChatClient(_configuration.GetValue<string>("OpenAI:Model", "gpt-4"));
                ChatClient Section() => _client.GetChatClient(_configuration.GetSection("OpenAI")["Model"] ?? "gpt-4");
                ChatClient Flat() => _client.GetChatClient(_configuration["OPENAI_CHAT_MODEL"] ?? "gpt-4");
            }
            """,
            Settings);

    // Next to it: a key the settings files do not set, or no settings file, leaves the fallback as the id the app sends.
    // An environment variable is not in the settings files: its fallback runs wherever the variable is unset. Keys are
    // matched by their last segment, like settings properties (a section may be bound anywhere).
    [Fact]
    public Task Fallbacks_of_keys_the_settings_do_not_set_are_reported() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.Configuration;
            using OpenAI;
            using OpenAI.Chat;
            class ChatService
            {
                private readonly IConfiguration _configuration;
                private readonly OpenAIClient _client;
                public ChatService(IConfiguration configuration, OpenAIClient client) { _configuration = configuration; _client = client; }
                ChatClient Indexer()
                {
                    var model = _configuration["OpenAI:ChatModel"] ?? {|#0:"gpt-3.5-turbo"|};
                    return _client.GetChatClient(model);
                }
                ChatClient GetValue() => _client.GetChatClient(_configuration.GetValue<string>("Chat:SummaryModel", {|#1:"gpt-4"|}));
                ChatClient Environment() => _client.GetChatClient(System.Environment.GetEnvironmentVariable("Model") ?? {|#2:"gpt-4"|});
            }
            """,
            Settings,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4", "2026-10-23", ""));

    // A settings property bound under another key ([ConfigurationKeyName("OPENAI_CHAT_MODEL")]) is configured when that
    // key is set; the default of one whose key is not set is still the id.
    [Fact]
    public Task Settings_property_bound_under_another_key() =>
        VerifyAsync("""
            using Microsoft.Extensions.Configuration;
            using OpenAI;
            using OpenAI.Chat;
            class AiSettings
            {
                [ConfigurationKeyName("OPENAI_CHAT_MODEL")]
                public string ChatModel { get; set; } = "gpt-3.5-turbo";
                [ConfigurationKeyName("SUMMARY_MODEL")]
                public string SummaryModel { get; set; } = "gpt-4";
            }
            class ChatService
            {
                ChatClient Chat(OpenAIClient client, AiSettings settings) => client.GetChatClient(settings.ChatModel);
                ChatClient Summary(OpenAIClient client, AiSettings settings) => client.GetChatClient({|#0:settings.SummaryModel|});
            }
            """,
            Settings,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));
}
