using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A settings section the code hands to an OpenAI client created without an endpoint (<c>new ChatClient(ai.Model, key)</c>,
/// <c>new OpenAIClient(key).GetChatClient(ai.Model)</c>) talks to OpenAI's own API, even though no URL key in the file
/// says so: its model key is checked in a file whose only endpoint is Azure OpenAI's (which otherwise makes every model
/// key a deployment name, AzureOnlySettingsFileTests). The section's path comes from the shared reading of settings
/// objects (LlmCalls/BoundOptionsKeyPaths.cs): <c>GetSection("Chat").Get&lt;T&gt;()</c>, a bound options class, named
/// options, a configuration key; the client and the model also through locals. The quiet twins: the same key handed to an
/// Azure client or to a client given options (an endpoint may be among them), a section with an endpoint of its own, a
/// section of another service whose model-like key is handed to that service, a property the code overwrites, a section
/// or an options name that is a variable; and half-typed code.
/// </summary>
public class DirectOpenAISettingsSectionTests
{
    // Azure OpenAI serves the embeddings; the chat section names no endpoint and no provider.
    private const string AzureAndChat = """
        {
          "AzureOpenAI": { "Endpoint": "https://contoso.openai.azure.com/", "EmbeddingDeployment": "embeddings" },
          "Chat": { "Model": "gpt-4o", "ApiKey": "" },
          "Search": { "Endpoint": "https://search.contoso.com/", "Model": "gpt-4o" }
        }
        """;

    private const string Settings = """
        using System;
        using System.ClientModel;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        using OpenAI;
        using OpenAI.Chat;
        namespace Support;
        public class ChatSettings
        {
            public string Model { get; set; } = "";
            public string ApiKey { get; set; } = "";
        }

        """;

    // "Chat": { "Model": "gpt-4o" }, line 3 of the file.
    private static DiagnosticResult ChatModel() => Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 3, 22, 3, 30);

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        ModelTestHelpers.VerifyAsync(Settings + code, new[] { ("appsettings.json", AzureAndChat) }, expected);

    [Theory]
    [InlineData("new ChatClient(ai.Model, ai.ApiKey)")]
    [InlineData("new ChatClient(ai.Model, new ApiKeyCredential(ai.ApiKey))")]
    [InlineData("new OpenAIClient(ai.ApiKey).GetChatClient(ai.Model)")]
    [InlineData("new OpenAIClient(new ApiKeyCredential(ai.ApiKey)).GetChatClient(model: ai.Model)")]
    public Task A_sections_model_handed_to_an_OpenAI_client_without_an_endpoint_is_checked(string client) =>
        VerifyAsync(
            """
            public class Chat(IConfiguration configuration)
            {
                public ChatClient Create()
                {
                    var ai = configuration.GetSection("Chat").Get<ChatSettings>()!;
                    return CLIENT;
                }
            }
            """.Replace("CLIENT", client),
            ChatModel());

    [Fact]
    public Task A_client_and_a_model_held_in_locals_are_followed() =>
        VerifyAsync(
            """
            public class Chat(IConfiguration configuration)
            {
                public ChatClient Create()
                {
                    var section = configuration.GetSection("Chat");
                    var ai = section.Get<ChatSettings>()!;
                    var openAI = new OpenAIClient(ai.ApiKey);
                    var model = ai.Model;
                    return openAI.GetChatClient(model);
                }
            }
            """,
            ChatModel());

    [Fact]
    public Task Named_options_and_a_configuration_key_handed_to_OpenAI_are_checked() =>
        VerifyAsync(
            """
            public static class Registration
            {
                public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration) =>
                    services.Configure<ChatSettings>("chat", configuration.GetSection("Chat"));
            }
            public class Chat(IOptionsMonitor<ChatSettings> monitor, IConfiguration configuration)
            {
                public ChatClient Create() => new ChatClient(monitor.Get("chat").Model, monitor.Get("chat").ApiKey);
                public ChatClient Other() => new ChatClient(configuration["Chat:Model"], configuration["Chat:ApiKey"]);
            }
            """,
            ChatModel());

    // Quiet twins.

    [Fact]
    public Task The_same_key_handed_to_an_Azure_client_or_a_client_given_options_stays_a_deployment_name() =>
        VerifyAsync(
            """
            public class Chat(IConfiguration configuration)
            {
                public ChatClient Azure()
                {
                    var ai = configuration.GetSection("Chat").Get<ChatSettings>()!;
                    return new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential(ai.ApiKey)).GetChatClient(ai.Model);
                }

                public ChatClient Proxied(OpenAIClientOptions options)
                {
                    var ai = configuration.GetSection("Chat").Get<ChatSettings>()!;
                    return new ChatClient(ai.Model, new ApiKeyCredential(ai.ApiKey), options);
                }
            }
            """);

    // A section that names a server of its own (a local base URL) keeps its model that server's name, whatever one
    // client does with it: the base URL may be another client's endpoint (SettingsForeignUrlKeyTests).
    [Fact]
    public Task A_section_with_an_endpoint_of_its_own_stays_quiet() =>
        ModelTestHelpers.VerifyAsync(
            Settings + """
                public class Chat(IConfiguration configuration)
                {
                    public ChatClient Create()
                    {
                        var ai = configuration.GetSection("Chat").Get<ChatSettings>()!;
                        return new ChatClient(ai.Model, ai.ApiKey);
                    }
                }
                """,
            new[] { ("appsettings.json", AzureAndChat.Replace("\"Chat\": {", "\"Chat\": { \"BaseUrl\": \"http://localhost:11434/v1\",")) });

    [Fact]
    public Task Another_services_model_key_handed_to_that_service_is_quiet() =>
        VerifyAsync(
            """
            public class SearchSettings
            {
                public string Endpoint { get; set; } = "";
                public string Model { get; set; } = "";
            }
            public class SearchClient(Uri endpoint, string model);
            public class Search(IConfiguration configuration)
            {
                public SearchClient Create()
                {
                    var search = configuration.GetSection("Search").Get<SearchSettings>()!;
                    return new SearchClient(new Uri(search.Endpoint), search.Model);
                }
            }
            """);

    [Fact]
    public Task A_model_the_code_overwrites_before_use_is_not_the_files_value() =>
        VerifyAsync(
            """
            public class Chat(IConfiguration configuration)
            {
                public ChatClient Create()
                {
                    var ai = configuration.GetSection("Chat").Get<ChatSettings>()!;
                    ai.Model = Environment.GetEnvironmentVariable("CHAT_MODEL") ?? "";
                    return new ChatClient(ai.Model, ai.ApiKey);
                }
            }
            """);

    [Fact]
    public Task A_section_or_an_options_name_that_is_a_variable_is_quiet() =>
        VerifyAsync(
            """
            public class Chat(IConfiguration configuration, IOptionsMonitor<ChatSettings> monitor)
            {
                public ChatClient Create(string section)
                {
                    var ai = configuration.GetSection(section).Get<ChatSettings>()!;
                    return new ChatClient(ai.Model, ai.ApiKey);
                }

                public ChatClient Named(string name) => new ChatClient(monitor.Get(name).Model, monitor.Get(name).ApiKey);
            }
            public static class Registration
            {
                public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration, string name) =>
                    services.Configure<ChatSettings>(name, configuration.GetSection("Chat"));
            }
            """);

    [Fact]
    public Task Half_typed_clients_and_settings_crash_nothing_and_report_nothing()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = Settings + """
                public class Chat(IConfiguration configuration)
                {
                    public object Create()
                    {
                        var ai = configuration.GetSection("Chat").Get<MissingSettings>()!;
                        var b = configuration.GetSection("Chat").Get<>();
                        return new object[] { new ChatClient(ai.Model, ai.ApiKey), new ChatClient(b.Model), new OpenAIClient().GetChatClient(ai.Model), new ChatClient( };
                    }
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("appsettings.json", AzureAndChat));
        return test.RunAsync();
    }
}
