using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Gemini serves an OpenAI-compatible endpoint (<c>https://generativelanguage.googleapis.com/v1beta/openai/</c>): an
/// OpenAI SDK client or Semantic Kernel's OpenAI connector pointed there, in code the reader can see, sends Gemini ids
/// to Gemini, whose retirement dates the table's Gemini rows are. Such a slot is checked against the Gemini rows only:
/// an OpenAI id sent there is Gemini's business. Shape cut from a multi-provider Semantic Kernel proof of concept
/// (a <c>GeminiSettings</c> options class with a <c>Model</c> default).
/// </summary>
public class GeminiCompatEndpointTests
{
    private const string Retired = "; the provider recommends 'gemini-3.1-pro-preview'";

    [Fact]
    public Task Retired_gemini_ids_at_a_client_for_geminis_endpoint_are_reported() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.Options;
            using OpenAI;
            using OpenAI.Chat;

            public class GeminiSettings
            {
                public string ApiKey { get; set; } = string.Empty;
                public string Model { get; set; } = "gemini-2.5-pro-preview-05-06";
            }

            public class GeminiProvider
            {
                private static readonly Uri GeminiOpenAICompat = new("https://generativelanguage.googleapis.com/v1beta/openai/");
                private readonly ChatClient _chat;
                private readonly ChatClient _flash;

                public GeminiProvider(IOptions<GeminiSettings> settings)
                {
                    var s = settings.Value;
                    var client = new OpenAIClient(new ApiKeyCredential(s.ApiKey), new OpenAIClientOptions { Endpoint = GeminiOpenAICompat });
                    _chat = client.GetChatClient({|#0:s.Model|});
                    _flash = client.GetChatClient({|#1:"gemini-2.5-pro-preview-03-25"|});
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gemini-2.5-pro-preview-05-06", "2025-12-02", Retired),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gemini-2.5-pro-preview-03-25", "2025-12-02", Retired));

    [Fact]
    public Task Semantic_kernels_connector_and_a_chat_client_for_geminis_endpoint_are_checked() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.SemanticKernel;
            using OpenAI;
            using OpenAI.Chat;

            class Gemini
            {
                Kernel Connector(string key) =>
                    Kernel.CreateBuilder().AddOpenAIChatCompletion({|#0:"gemini-2.5-pro-preview-06-05"|}, new Uri("https://generativelanguage.googleapis.com/v1beta/openai/"), key).Build();

                ChatClient Direct(string key)
                {
                    var options = new OpenAIClientOptions();
                    options.Endpoint = new Uri("https://generativelanguage.googleapis.com/v1beta/openai/");
                    return new ChatClient({|#1:"gemini-2.5-pro-preview-05-06"|}, new ApiKeyCredential(key), options);
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gemini-2.5-pro-preview-06-05", "2025-12-02", Retired),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gemini-2.5-pro-preview-05-06", "2025-12-02", Retired));

    // Only Gemini's rows apply there: an OpenAI id is Gemini's to answer; a current Gemini id is fine.
    [Fact]
    public Task Openai_ids_and_current_gemini_ids_there_stay_quiet() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;

            class Gemini
            {
                private static readonly OpenAIClientOptions Compat = new() { Endpoint = new Uri("https://generativelanguage.googleapis.com/v1beta/openai/") };
                ChatClient OpenAIAlias(string key) => new ChatClient("gpt-4o", new ApiKeyCredential(key), Compat);
                ChatClient OpenAIRetired(string key) => new ChatClient("gpt-3.5-turbo", new ApiKeyCredential(key), Compat);
                ChatClient Current(string key) => new ChatClient("gemini-3.1-pro-preview", new ApiKeyCredential(key), Compat);
            }
            """);

    // Another OpenAI-compatible server is still its own (unchanged); an endpoint read from settings that the project
    // does not show says nothing; a transport of the project's own may send the requests anywhere.
    [Fact]
    public Task Other_servers_and_endpoints_not_in_view_stay_quiet() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using Microsoft.Extensions.Configuration;
            using OpenAI;
            using OpenAI.Chat;

            class Elsewhere
            {
                ChatClient LmStudio(string key) =>
                    new ChatClient("gemini-2.5-pro-preview-05-06", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") });

                ChatClient Ollama(string key) =>
                    new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") })
                        .GetChatClient("gemini-2.5-pro-preview-05-06");

                ChatClient FromSettings(IConfiguration configuration, string key) =>
                    new ChatClient("gemini-2.5-pro-preview-05-06", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(configuration["Gemini:Endpoint"]!) });

                ChatClient Proxied(string key, PipelineTransport transport) =>
                    new ChatClient("gemini-2.5-pro-preview-05-06", new ApiKeyCredential(key),
                        new OpenAIClientOptions { Endpoint = new Uri("https://generativelanguage.googleapis.com/v1beta/openai/"), Transport = transport });
            }
            """);

    [Fact]
    public Task Half_typed_endpoints_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using System;
                using System.ClientModel;
                using OpenAI;
                using OpenAI.Chat;

                class Gemini
                {
                    ChatClient Typing(string key) =>
                        new ChatClient("gemini-2.5-pro-preview-05-06", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri("https://generativelanguage.googleapis.com/v1beta/openai/ });
                    ChatClient NoUri(string key) =>
                        new ChatClient("gemini-2.5-pro-preview-05-06", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri() });
                    ChatClient Missing(string key) =>
                        new ChatClient("gemini-2.5-pro-preview-05-06", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = GeminiUrl });
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        return test.RunAsync();
    }
}
