using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on Azure.AI.OpenAI 1.0.0-beta.6 (the real assembly, Verifiers/OlderSdkReferences), whose chat and
/// completion calls take <c>string deploymentOrModelName</c>. Its XML docs: <c>OpenAIClient(string openAIApiKey)</c> and
/// <c>OpenAIClient(string openAIApiKey, OpenAIClientOptions options)</c> are "for use with the non-Azure OpenAI
/// endpoint" (the string is then an OpenAI model id); the <c>(Uri endpoint, AzureKeyCredential|TokenCredential[,
/// options])</c> constructors are "for use with an Azure OpenAI resource" (a deployment name, any name the customer
/// chose). The argument is read only when the code proves the receiver was built with an API-key constructor.
/// The shape is ChatPrisma's (Services/ChatBot/OpenAIChatBotService.cs): a readonly field initialised with
/// <c>new(apiKey)</c> and <c>GetChatCompletionsStreamingAsync(options.Value.Model, ...)</c> with a settings default.
/// </summary>
public class AzureBetaOpenAIEndpointModelIdTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Azure;
        using Azure.AI.OpenAI;

        """;

    // Only the framework and the beta with its own dependencies: no OpenAI 2.x, Semantic Kernel or Microsoft.Extensions.AI,
    // as in a project that references nothing but Azure.AI.OpenAI 1.0.0-beta.6 (ChatPrisma).
    private static readonly string[] BetaAssemblies =
        { "Azure.AI.OpenAI.dll", "Azure.Core.dll", "Microsoft.Bcl.AsyncInterfaces.dll", "System.Memory.Data.dll", "System.ClientModel.dll" };

    private static ImmutableArray<MetadataReference> BetaOnly =>
        ReferenceAssemblies.FrameworkOnly.AddRange(OlderSdkReferences.AzureOpenAIBeta.Where(reference =>
            BetaAssemblies.Contains(Path.GetFileName(reference.Display ?? string.Empty), StringComparer.OrdinalIgnoreCase)
            && !ReferenceAssemblies.FrameworkOnly.Contains(reference)));

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        VerifyAsync(OlderSdkReferences.AzureOpenAIBeta, code, expected);

    private static Task VerifyAsync(ImmutableArray<MetadataReference> references, string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { References = references, TestCode = Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---- A client built in the same method ----

    [Fact]
    public Task Api_key_client_in_a_local_sends_model_ids() =>
        VerifyAsync("""
            class Assistant
            {
                public async Task<string> Ask(string key, string question)
                {
                    var client = new OpenAIClient(key);
                    var options = new ChatCompletionsOptions();
                    options.Messages.Add(new ChatMessage(ChatRole.User, question));
                    var response = await client.GetChatCompletionsAsync({|AIL0503:"gpt-3.5-turbo"|}, options);
                    return response.Value.Choices[0].Message.Content;
                }

                public Task<Response<Completions>> Legacy(string key, string prompt) =>
                    new OpenAIClient(key, new OpenAIClientOptions()).GetCompletionsAsync(deploymentOrModelName: {|AIL0503:"text-davinci-003"|}, prompt);
            }
            """);

    [Fact]
    public Task Azure_endpoint_client_in_a_local_takes_deployment_names() =>
        VerifyAsync("""
            class Assistant
            {
                public async Task<string> Ask(string key, string question)
                {
                    var client = new OpenAIClient(new Uri("https://contoso.openai.azure.com/"), new AzureKeyCredential(key));
                    var options = new ChatCompletionsOptions();
                    options.Messages.Add(new ChatMessage(ChatRole.User, question));
                    var response = await client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
                    return response.Value.Choices[0].Message.Content;
                }

                public Task<Response<Completions>> Legacy(string key, string prompt) =>
                    new OpenAIClient(new Uri("https://contoso.openai.azure.com/"), new AzureKeyCredential(key), new OpenAIClientOptions())
                        .GetCompletionsAsync("text-davinci-003", prompt);
            }
            """);

    [Fact]
    public Task A_local_written_again_or_chosen_between_constructors_is_unknown() =>
        VerifyAsync("""
            class Assistant
            {
                public Task<Response<ChatCompletions>> Reassigned(string key, Uri endpoint, bool azure, ChatCompletionsOptions options)
                {
                    var client = new OpenAIClient(key);
                    if (azure)
                    {
                        client = new OpenAIClient(endpoint, new AzureKeyCredential(key));
                    }

                    return client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
                }

                public Task<Response<ChatCompletions>> Chosen(string key, Uri endpoint, bool azure, ChatCompletionsOptions options)
                {
                    var client = azure ? new OpenAIClient(endpoint, new AzureKeyCredential(key)) : new OpenAIClient(key);
                    return client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
                }
            }
            """);

    [Fact]
    public Task Options_that_keep_the_transport_are_read() =>
        VerifyAsync("""
            class Assistant
            {
                public Task<Response<ChatCompletions>> Ask(string key, ChatCompletionsOptions options)
                {
                    var clientOptions = new OpenAIClientOptions { Retry = { MaxRetries = 5 } };
                    clientOptions.Retry.Delay = TimeSpan.FromSeconds(2);
                    var client = new OpenAIClient(key, clientOptions);
                    return client.GetChatCompletionsAsync({|AIL0503:"gpt-3.5-turbo"|}, options);
                }
            }
            """);

    [Fact]
    public Task Options_that_may_replace_the_transport_are_unknown() =>
        VerifyAsync("""
            using System.Net.Http;
            using Azure.Core;
            using Azure.Core.Pipeline;

            class Assistant
            {
                // A handler that rewrites api.openai.com to a local server: the names are that server's.
                public Task<Response<ChatCompletions>> Transport(string key, HttpClient local, ChatCompletionsOptions options) =>
                    new OpenAIClient(key, new OpenAIClientOptions { Transport = new HttpClientTransport(local) })
                        .GetChatCompletionsAsync("gpt-3.5-turbo", options);

                public Task<Response<ChatCompletions>> Policy(string key, HttpPipelinePolicy redirect, ChatCompletionsOptions options)
                {
                    var clientOptions = new OpenAIClientOptions();
                    clientOptions.AddPolicy(redirect, HttpPipelinePosition.PerCall);
                    var client = new OpenAIClient(key, clientOptions);
                    return client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
                }

                public Task<Response<ChatCompletions>> Helper(string key, ChatCompletionsOptions options)
                {
                    var clientOptions = new OpenAIClientOptions();
                    Configure(clientOptions);
                    return new OpenAIClient(key, clientOptions).GetChatCompletionsAsync("gpt-3.5-turbo", options);
                }

                public Task<Response<ChatCompletions>> Given(string key, OpenAIClientOptions clientOptions, ChatCompletionsOptions options) =>
                    new OpenAIClient(key, clientOptions).GetChatCompletionsAsync("gpt-3.5-turbo", options);

                private static void Configure(OpenAIClientOptions clientOptions) => clientOptions.Retry.MaxRetries = 1;
            }
            """);

    // ---- A client kept in a field ----

    [Fact]
    public Task ChatPrisma_readonly_field_with_a_settings_default_is_reported() =>
        VerifyAsync("""
            using System.Collections.Generic;
            using Microsoft.Extensions.Options;

            public class OpenAIOptions
            {
                public string Model { get; set; } = "gpt-3.5-turbo";
                public string? ApiKey { get; set; }
            }

            public class OpenAIChatBotService(IOptions<OpenAIOptions> openAiConfig)
            {
                private readonly OpenAIClient _client = new(openAiConfig.Value.ApiKey ?? throw new InvalidOperationException("OpenAI API Key is missing"));

                public async IAsyncEnumerable<string> GetResponse(string question)
                {
                    var chatCompletionsOptions = new ChatCompletionsOptions();
                    chatCompletionsOptions.Messages.Add(new ChatMessage(ChatRole.User, question));
                    var response = await this._client.GetChatCompletionsStreamingAsync({|AIL0503:openAiConfig.Value.Model|}, chatCompletionsOptions);
                    using var completions = response.Value;
                    await foreach (var choice in completions.GetChoicesStreaming())
                    {
                        await foreach (var message in choice.GetMessageStreaming())
                        {
                            if (message.Content is not null)
                            {
                                yield return message.Content;
                            }
                        }
                    }
                }
            }
            """);

    [Fact]
    public void The_beta_only_references_hold_no_other_sdk()
    {
        var files = BetaOnly.Select(reference => Path.GetFileName(reference.Display ?? string.Empty)).ToList();
        Assert.Contains("Azure.AI.OpenAI.dll", files);
        Assert.DoesNotContain(files, file => file.StartsWith("OpenAI", StringComparison.Ordinal)
            || file.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal) || file.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal)
            || file.StartsWith("Anthropic", StringComparison.Ordinal));
    }

    [Fact]
    public Task A_project_with_only_the_beta_is_checked_at_proven_calls() =>
        VerifyAsync(BetaOnly, """
            public class OpenAISettings
            {
                public string Model { get; set; } = "gpt-3.5-turbo";
            }

            public class ChatService
            {
                private readonly OpenAIClient _client;
                private readonly OpenAIClient _azure;
                private readonly OpenAISettings _settings;

                public ChatService(string key, Uri endpoint, OpenAISettings settings)
                {
                    _client = new OpenAIClient(key);
                    _azure = new OpenAIClient(endpoint, new AzureKeyCredential(key));
                    _settings = settings;
                }

                public Task<Response<ChatCompletions>> Ask(ChatCompletionsOptions options) =>
                    _client.GetChatCompletionsAsync({|AIL0503:_settings.Model|}, options);

                public Task<Response<ChatCompletions>> AskAzure(ChatCompletionsOptions options) =>
                    _azure.GetChatCompletionsAsync(_settings.Model, options);
            }
            """);

    [Fact]
    public Task Azure_endpoint_field_takes_deployment_names() =>
        VerifyAsync("""
            public class ChatService(Uri endpoint, string key)
            {
                private readonly OpenAIClient _client = new(endpoint, new AzureKeyCredential(key));

                public Task<Response<ChatCompletions>> Ask(ChatCompletionsOptions options) =>
                    _client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
            }
            """);

    [Fact]
    public Task Injected_or_unproven_clients_are_unknown() =>
        VerifyAsync("""
            public class Injected(OpenAIClient client)
            {
                // DI may hand out either kind of client.
                public Task<Response<ChatCompletions>> Ask(ChatCompletionsOptions options) =>
                    client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
            }

            public class FromConstructor
            {
                private readonly OpenAIClient _client;

                public FromConstructor(OpenAIClient client) => _client = client;

                public Task<Response<ChatCompletions>> Ask(ChatCompletionsOptions options) =>
                    _client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
            }

            public class WrittenBothWays
            {
                private readonly OpenAIClient _client;

                public WrittenBothWays(string key) => _client = new OpenAIClient(key);

                public WrittenBothWays(Uri endpoint, string key) => _client = new OpenAIClient(endpoint, new AzureKeyCredential(key));

                public Task<Response<ChatCompletions>> Ask(ChatCompletionsOptions options) =>
                    _client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
            }

            public class PublicField
            {
                // Other types may write it.
                public OpenAIClient Client = new OpenAIClient("key");

                public Task<Response<ChatCompletions>> Ask(ChatCompletionsOptions options) =>
                    Client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
            }

            public class FromAProperty
            {
                public OpenAIClient Client { get; } = new OpenAIClient("key");

                public Task<Response<ChatCompletions>> Ask(ChatCompletionsOptions options) =>
                    Client.GetChatCompletionsAsync("gpt-3.5-turbo", options);
            }

            public class FromAFactory
            {
                private static OpenAIClient Create(string key) => new OpenAIClient(key);

                public Task<Response<ChatCompletions>> Ask(string key, ChatCompletionsOptions options) =>
                    Create(key).GetChatCompletionsAsync("gpt-3.5-turbo", options);
            }
            """);

    [Fact]
    public Task Private_field_written_only_with_api_key_clients_is_reported() =>
        VerifyAsync("""
            public class ChatService
            {
                private OpenAIClient? _client;

                public Task<Response<ChatCompletions>> Ask(string key, ChatCompletionsOptions options)
                {
                    _client ??= new OpenAIClient(key);
                    return _client.GetChatCompletionsAsync({|AIL0503:"gpt-4-32k"|}, options);
                }
            }
            """);

    [Fact]
    public Task Half_typed_beta_code_does_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            References = OlderSdkReferences.AzureOpenAIBeta,
            TestCode = Usings + """
                class C
                {
                    private readonly OpenAIClient _field = new(;
                    private readonly OpenAIClient _other = new OpenAIClient(key: );

                    async Task M(string key, ChatCompletionsOptions options)
                    {
                        var a = new OpenAIClient(;
                        await a.GetChatCompletionsAsync("gpt-3.5-turbo", );
                        var b = new OpenAIClient(key, );
                        await b.GetChatCompletionsAsync(, options);
                        await _field.GetChatCompletionsAsync("gpt-3.5-turbo", options);
                        await _other.GetCompletionsAsync("text-davinci-003",
                        await new OpenAIClient(key).GetChatCompletionsAsync(NoSuchModel, options);
                        await undeclared.GetChatCompletionsAsync("gpt-3.5-turbo", options);
                        OpenAIClient c;
                        await c.GetChatCompletionsAsync("gpt-3.5-turbo", options);
                    }
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
