using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.SettingsPromptTests;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A system prompt kept in <c>appsettings.json</c> and read through a settings object the shapes real apps write, not
/// only <c>Configure&lt;T&gt;(section)</c>: <c>configuration.GetSection("OpenAI").Get&lt;ChatSettings&gt;()</c> (also on
/// <c>GetRequiredSection</c> and on a section held in a local), an object filled by
/// <c>configuration.GetSection("OpenAI").Bind(settings)</c>, <c>AddOptions&lt;T&gt;().Bind(...)</c> and
/// <c>.BindConfiguration("OpenAI")</c>, and named options (<c>Configure&lt;T&gt;("openai", section)</c> read through
/// <c>IOptionsMonitor&lt;T&gt;.Get("openai")</c> or <c>IOptionsSnapshot&lt;T&gt;.Get(name)</c>). Each is reported on the
/// value in the file, as for a bound options class (SettingsPromptTests). The quiet twins: a property the code
/// overwrites, a section whose path is a variable, named options whose name is a variable, the default instance of a
/// type bound only by name; and half-typed code.
/// </summary>
public class SettingsObjectPromptTests
{
    private const string Settings = """
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

        """;

    // Two sections whose prompts differ: only the one the code reads is reported.
    private const string TwoSections = """
        {
          "OpenAI": {
            "Model": "gpt-4o",
            "SystemPrompt": "You are a support agent. Always answer in one paragraph. Never promise refunds."
          },
          "Local": {
            "Model": "llama3",
            "SystemPrompt": "You are a local triage agent. Always reply with one word."
          }
        }
        """;

    private static DiagnosticResult OpenAIValue() =>
        OnValue("AIL0301", "appsettings.json", TwoSections, Support).WithArguments("appsettings.json[OpenAI:SystemPrompt]");

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        SettingsPromptTests.VerifyAsync(Settings + code, new[] { ("appsettings.json", TwoSections) }, expected);

    // The settings object read once in the constructor and kept in a field: the most common shape.
    private static string GotInConstructor(string read) => """
        public class SupportChat
        {
            private readonly IChatClient _client;
            private readonly ChatSettings _settings;
            public SupportChat(IChatClient client, IConfiguration configuration)
            {
                _client = client;
                _settings = READ;
            }
            public Task<ChatResponse> AskAsync(string question) =>
                _client.GetResponseAsync(question, new ChatOptions { Instructions = _settings.SystemPrompt });
        }
        """.Replace("READ", read);

    [Theory]
    [InlineData("configuration.GetSection(\"OpenAI\").Get<ChatSettings>()!")]
    [InlineData("configuration.GetRequiredSection(\"OpenAI\").Get<ChatSettings>()!")]
    [InlineData("configuration.GetSection(\"openai\").Get<ChatSettings>() ?? new ChatSettings()")]
    [InlineData("(ChatSettings)configuration.GetSection(\"OpenAI\").Get(typeof(ChatSettings))!")]
    public Task A_settings_object_got_from_a_section_is_read_at_that_sections_key(string read) =>
        VerifyAsync(GotInConstructor(read), OpenAIValue());

    [Fact]
    public Task Get_on_a_section_held_in_a_local_is_read_at_that_sections_key() =>
        VerifyAsync(
            """
            public class SupportChat(IChatClient client, IConfiguration configuration)
            {
                public Task<ChatResponse> AskAsync(string question)
                {
                    var section = configuration.GetSection("OpenAI");
                    var ai = section.Get<ChatSettings>()!;
                    return client.GetResponseAsync(question, new ChatOptions { Instructions = ai.SystemPrompt });
                }
            }
            """,
            OpenAIValue());

    [Fact]
    public Task An_object_filled_by_Bind_into_a_field_is_read_at_the_sections_key() =>
        VerifyAsync(
            """
            public class SupportChat
            {
                private readonly IChatClient _client;
                private readonly ChatSettings _settings = new();
                public SupportChat(IChatClient client, IConfiguration configuration)
                {
                    _client = client;
                    configuration.GetSection("OpenAI").Bind(_settings);
                }
                public Task<ChatResponse> AskAsync(string question) =>
                    _client.GetResponseAsync(question, new ChatOptions { Instructions = _settings.SystemPrompt });
            }
            """,
            OpenAIValue());

    [Fact]
    public Task An_object_filled_by_Bind_in_a_local_is_read_at_the_sections_key() =>
        VerifyAsync(
            """
            public class SupportChat(IChatClient client, IConfiguration configuration)
            {
                public Task<ChatResponse> AskAsync(string question)
                {
                    var settings = new ChatSettings();
                    configuration.Bind("OpenAI", settings);
                    return client.GetResponseAsync(question, new ChatOptions { Instructions = settings.SystemPrompt });
                }
            }
            """,
            OpenAIValue());

    private static string Registered(string registration) => """
        public static class Registration
        {
            public static IServiceCollection AddSupportChat(this IServiceCollection services, IConfiguration configuration)
            {
                REGISTRATION;
                return services;
            }
        }
        public class SupportChat(IChatClient client, IOptions<ChatSettings> settings)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                client.GetResponseAsync(question, new ChatOptions { Instructions = settings.Value.SystemPrompt });
        }
        """.Replace("REGISTRATION", registration);

    [Theory]
    [InlineData("services.AddOptions<ChatSettings>().Bind(configuration.GetSection(\"OpenAI\"))")]
    [InlineData("services.AddOptions<ChatSettings>().Bind(configuration.GetRequiredSection(\"OpenAI\")).ValidateOnStart()")]
    [InlineData("services.AddOptions<ChatSettings>().BindConfiguration(\"OpenAI\")")]
    public Task Options_bound_through_an_options_builder_are_read_at_the_sections_key(string registration) =>
        VerifyAsync(Registered(registration), OpenAIValue());

    // Named options: one settings class per provider, each read by its name.
    private const string NamedRegistration = """
        public static class Names
        {
            public const string OpenAI = "openai";
        }
        public static class Registration
        {
            public static IServiceCollection AddSupportChat(this IServiceCollection services, IConfiguration configuration) =>
                services.Configure<ChatSettings>(Names.OpenAI, configuration.GetSection("OpenAI"))
                    .Configure<ChatSettings>("local", configuration.GetSection("Local"));
        }

        """;

    [Fact]
    public Task Named_options_read_through_a_monitor_by_their_name_are_read_at_that_names_section() =>
        VerifyAsync(
            NamedRegistration + """
                public class SupportChat(IChatClient client, IOptionsMonitor<ChatSettings> settings)
                {
                    public Task<ChatResponse> AskAsync(string question) =>
                        client.GetResponseAsync(question, new ChatOptions { Instructions = settings.Get("openai").SystemPrompt });
                }
                """,
            OpenAIValue());

    [Fact]
    public Task Named_options_of_a_snapshot_held_in_a_local_are_read_at_that_names_section() =>
        VerifyAsync(
            NamedRegistration + """
                public class SupportChat(IChatClient client, IOptionsSnapshot<ChatSettings> snapshot)
                {
                    public Task<ChatResponse> AskAsync(string question)
                    {
                        var openAI = snapshot.Get(Names.OpenAI);
                        return client.GetResponseAsync(question, new ChatOptions { Instructions = openAI.SystemPrompt });
                    }
                }
                """,
            OpenAIValue());

    // Quiet twins.

    [Fact]
    public Task A_property_the_code_overwrites_before_use_is_not_the_files_value() =>
        VerifyAsync(
            """
            public class SupportChat(IChatClient client, IConfiguration configuration)
            {
                public Task<ChatResponse> AskAsync(string question)
                {
                    var ai = configuration.GetSection("OpenAI").Get<ChatSettings>()!;
                    ai.SystemPrompt = System.IO.File.ReadAllText("prompts/system.txt");
                    return client.GetResponseAsync(question, new ChatOptions { Instructions = ai.SystemPrompt });
                }
            }
            """);

    [Fact]
    public Task Get_on_a_section_whose_path_is_a_variable_is_quiet() =>
        VerifyAsync(
            """
            public class SupportChat(IChatClient client, IConfiguration configuration, string provider)
            {
                public Task<ChatResponse> AskAsync(string question)
                {
                    var ai = configuration.GetSection(provider).Get<ChatSettings>()!;
                    return client.GetResponseAsync(question, new ChatOptions { Instructions = ai.SystemPrompt });
                }
            }
            """);

    [Fact]
    public Task A_type_got_from_two_sections_has_no_one_path() =>
        VerifyAsync(
            """
            public class SupportChat(IChatClient client, IConfiguration configuration)
            {
                private readonly ChatSettings _cloud = configuration.GetSection("OpenAI").Get<ChatSettings>()!;
                private readonly ChatSettings _local = configuration.GetSection("Local").Get<ChatSettings>()!;
                public Task<ChatResponse> AskAsync(string question, bool local) =>
                    client.GetResponseAsync(question, new ChatOptions { Instructions = (local ? _local : _cloud).SystemPrompt });
            }
            """);

    [Fact]
    public Task Named_options_read_by_a_name_that_is_a_variable_are_quiet_and_so_is_the_default_instance() =>
        VerifyAsync(
            NamedRegistration + """
                public class SupportChat(IChatClient client, IOptionsMonitor<ChatSettings> monitor, IOptions<ChatSettings> options)
                {
                    public Task<ChatResponse> AskAsync(string question, string provider) =>
                        client.GetResponseAsync(question, new ChatOptions { Instructions = monitor.Get(provider).SystemPrompt });

                    public Task<ChatResponse> AskDefaultAsync(string question) =>
                        client.GetResponseAsync(question, new ChatOptions { Instructions = options.Value.SystemPrompt });
                }
                """);

    [Fact]
    public Task Named_options_registered_under_a_variable_name_are_quiet() =>
        VerifyAsync(
            """
            public static class Registration
            {
                public static IServiceCollection AddSupportChat(this IServiceCollection services, IConfiguration configuration, string name) =>
                    services.Configure<ChatSettings>(name, configuration.GetSection("OpenAI"));
            }
            public class SupportChat(IChatClient client, IOptionsMonitor<ChatSettings> monitor)
            {
                public Task<ChatResponse> AskAsync(string question) =>
                    client.GetResponseAsync(question, new ChatOptions { Instructions = monitor.Get("openai").SystemPrompt });
            }
            """);

    [Fact]
    public Task Half_typed_settings_reads_crash_nothing_and_report_nothing()
    {
        var test = SettingsPromptTests.Test(
            Settings + """
                public class SupportChat(IChatClient client, IConfiguration configuration, IOptionsMonitor<ChatSettings> monitor)
                {
                    public Task<ChatResponse> AskAsync(string question)
                    {
                        var a = configuration.GetSection("OpenAI").Get<MissingSettings>()!;
                        var b = configuration.GetSection("OpenAI").Get<>();
                        var c = configuration.GetSection("OpenAI").Bind(missing);
                        var d = monitor.Get().SystemPrompt;
                        return client.GetResponseAsync(question, new ChatOptions { Instructions = a.SystemPrompt + b.SystemPrompt + d });
                    }
                }
                """,
            ("appsettings.json", TwoSections));
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.RunAsync();
    }
}
