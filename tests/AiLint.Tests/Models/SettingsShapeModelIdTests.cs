using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on the ways services hold a model id away from the SDK call (paraphrased from public .NET apps):
/// a private or readonly field with the id as its initializer, a local that holds a configuration fallback or a
/// settings value, and <c>IConfiguration.GetValue(key, default)</c>. Each positive sits next to the code that is fine.
/// </summary>
public class SettingsShapeModelIdTests
{
    // Service classes in public apps (OpenAIService/OpenAiManager/MrpAdvisor-style) keep `private readonly string
    // _model = "gpt-3.5-turbo";` and pass it to the client in a method.
    [Fact]
    public Task Private_readonly_field_initialised_with_a_literal() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            class OpenAiManager
            {
                private readonly OpenAIClient _client;
                private readonly string _model = "gpt-3.5-turbo";
                private string _fallbackModel = "gpt-4";
                public OpenAiManager(OpenAIClient client) => _client = client;
                ChatClient Chat() => _client.GetChatClient({|#0:_model|});
                ChatClient Fallback() => _client.GetChatClient({|#1:_fallbackModel|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""));

    // The field is only a starting value when a constructor (or any member) writes it again, and a public mutable
    // field can be set by anyone: neither is read. A current snapshot is fine.
    [Fact]
    public Task Fields_written_again_or_writable_from_outside_are_not_read() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            class ChatService
            {
                private readonly OpenAIClient _client;
                private readonly string _model = "gpt-3.5-turbo";
                private string _switchable = "gpt-4";
                public string Model = "gpt-4";
                private readonly string _current = "gpt-5.5-2026-04-23";
                public ChatService(OpenAIClient client, string model)
                {
                    _client = client;
                    _model = model;
                }
                public void Use(string other) => _switchable = other;
                ChatClient A() => _client.GetChatClient(_model);
                ChatClient B() => _client.GetChatClient(_switchable);
                ChatClient C() => _client.GetChatClient(Model);
                ChatClient D() => _client.GetChatClient(_current);
            }
            """);

    // `var model = _configuration["OpenAI:Model"] ?? "gpt-3.5-turbo";` then the SDK call: the fallback is reported where it
    // is written, once, however many slots read the local.
    [Fact]
    public Task Local_holding_a_configuration_fallback() =>
        VerifyAsync("""
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;
            class Chat
            {
                (ChatClient, ChatClient) Create(IConfiguration configuration)
                {
                    var model = configuration["OpenAI:Model"] ?? {|#0:"gpt-3.5-turbo"|};
                    var key = configuration["OpenAI:ApiKey"];
                    return (new ChatClient(model, key), new ChatClient(model: model, apiKey: key));
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // A local written again is not followed, and a fallback to a current snapshot is fine.
    [Fact]
    public Task Reassigned_locals_and_current_fallbacks_are_not_reported() =>
        VerifyAsync("""
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;
            class Chat
            {
                ChatClient A(IConfiguration configuration, bool large)
                {
                    var model = configuration["OpenAI:Model"] ?? "gpt-3.5-turbo";
                    if (large)
                    {
                        model = "gpt-5.5-2026-04-23";
                    }

                    return new ChatClient(model, configuration["OpenAI:ApiKey"]);
                }

                ChatClient B(IConfiguration configuration)
                {
                    var model = configuration["OpenAI:Model"] ?? "gpt-5.5-2026-04-23";
                    return new ChatClient(model, configuration["OpenAI:ApiKey"]);
                }
            }
            """);

    // configuration.GetValue<string>("OpenAI:Model", "gpt-4"): the default is sent whenever the key is missing.
    [Fact]
    public Task Configuration_GetValue_default() =>
        VerifyAsync("""
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;
            class Chat
            {
                ChatClient A(IConfiguration config) => new ChatClient(config.GetValue<string>("OpenAI:Model", {|#0:"gpt-4"|}), config["OpenAI:Key"]);
                ChatClient B(IConfiguration config)
                {
                    string model = config.GetValue("OpenAI:ChatModel", {|#1:"gpt-3.5-turbo"|});
                    return new ChatClient(model, config["OpenAI:Key"]);
                }
                ChatClient Fine(IConfiguration config) => new ChatClient(config.GetValue<string>("OpenAI:Model"), config["OpenAI:Key"]);
                ChatClient Current(IConfiguration config) => new ChatClient(config.GetValue("OpenAI:Model", "gpt-5.5-2026-04-23"), config["OpenAI:Key"]);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // `var settings = options.Value; var model = settings.ChatModel;` with `ChatModel { get; set; } = "gpt-3.5-turbo"`:
    // reported at the settings read; when appsettings.json sets ChatModel, the configured value is the id.
    private const string LocalFromSettings = """
        using Microsoft.Extensions.Options;
        using OpenAI.Chat;
        public class OpenAIOptions
        {
            public string ApiKey { get; set; } = "";
            public string ChatModel { get; set; } = "gpt-3.5-turbo";
        }
        class Chat
        {
            ChatClient Create(IOptions<OpenAIOptions> options)
            {
                var settings = options.Value;
                var model = [|settings.ChatModel|];
                return new ChatClient(model, settings.ApiKey);
            }
        }
        """;

    [Fact]
    public Task Local_holding_a_settings_default() =>
        VerifyAsync(LocalFromSettings.Replace("[|", "{|#0:").Replace("|]", "|}"),
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    [Fact]
    public Task Local_holding_a_configured_settings_value_is_not_reported() =>
        VerifyAsync(LocalFromSettings.Replace("[|", "").Replace("|]", ""),
            new[] { ("/app/appsettings.json", """{ "OpenAI": { "ChatModel": "gpt-5.5-2026-04-23" } }""") });

    [Fact]
    public Task Half_typed_fields_and_locals_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.Configuration;
                using OpenAI;
                class C
                {
                    private readonly string _model = ;
                    void M(OpenAIClient client, IConfiguration config)
                    {
                        var model = config.GetValue<string>("OpenAI:Model", );
                        client.GetChatClient(model);
                        client.GetChatClient(_model);
                        client.GetChatClient(_missing);
                    }
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        return test.RunAsync();
    }
}

/// <summary>Model ids in members a framework sets: their initializer is not the value the app runs with.</summary>
public class FrameworkSetModelIdTests
{
    // A Blazor component's [Parameter] is set by the parent component; a field with an attribute (a serializer's or an
    // editor's) is set from outside the code. Without the attribute, the same member is read. The two attribute classes
    // stand in for Blazor's and the serializers' (matched by name; not LLM SDK types, and not among the test references).
    [Fact]
    public Task Component_parameters_and_attributed_fields_are_not_read() =>
        VerifyAsync("""
            using System;
            using OpenAI;
            using OpenAI.Chat;

            [AttributeUsage(AttributeTargets.Property)] public sealed class ParameterAttribute : Attribute { }
            [AttributeUsage(AttributeTargets.Field)] public sealed class DataMemberAttribute : Attribute { }

            public class ChatPanel
            {
                [Parameter] public string Model { get; set; } = "gpt-3.5-turbo";
                [DataMember] private string _model = "gpt-3.5-turbo";
                public string PlainModel { get; set; } = "gpt-3.5-turbo";
                ChatClient A(OpenAIClient c) => c.GetChatClient(Model);
                ChatClient B(OpenAIClient c) => c.GetChatClient(_model);
                ChatClient C(OpenAIClient c) => c.GetChatClient({|#0:PlainModel|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));
}
