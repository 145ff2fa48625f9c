using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Semantic Kernel's <c>AddOpenAIChatCompletion(modelId, endpoint, apiKey)</c> and the OpenAI SDK's options with the
/// endpoint held in a local, a <c>readonly</c> field or a constant (review58, piotrswiecik/aidevs3_dotnet AI.Kernel
/// Program.cs:26): the holder is read as the value written at the call. OpenAI's own host keeps the id checked; another
/// host, a parameter, a local written again or a value the code does not show keep it quiet, as before.
/// </summary>
public class EndpointLocalModelIdTests
{
    // The repro (Repro/SkOpenAIEndpointLocal): the Uri in a local, and its twin written at the call.
    [Fact]
    public Task OpenAIs_endpoint_in_a_local_is_read_like_the_endpoint_written_at_the_call() =>
        VerifyAsync("""
            using System;
            using Microsoft.SemanticKernel;
            class Program
            {
                static void Main(string apiKey)
                {
                    var endpoint = new Uri("https://api.openai.com/v1");
                    var kernelD = Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion(modelId: {|#0:"gpt-4o-mini"|}, endpoint: endpoint, apiKey: apiKey)
                        .Build();

                    var kernelE = Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion(modelId: {|#1:"gpt-4o-mini"|}, endpoint: new Uri("https://api.openai.com/v1"), apiKey: apiKey)
                        .Build();
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    // The other holders of OpenAI's URL: a readonly field (static or set by every constructor), a constant, a string
    // local handed to new Uri(...), an OpenAIClientOptions.Endpoint and an HttpClient.BaseAddress set from a local.
    [Fact]
    public Task OpenAIs_endpoint_in_a_readonly_field_a_constant_or_a_string_local_is_OpenAIs() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using System.Net.Http;
            using Microsoft.SemanticKernel;
            using OpenAI;
            using OpenAI.Chat;
            class Kernels
            {
                private const string OpenAIBase = "https://api.openai.com/v1";
                private static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");
                private readonly Uri _endpoint;

                Kernels() => _endpoint = new Uri(OpenAIBase);

                Kernel StaticField(string key) =>
                    Kernel.CreateBuilder().AddOpenAIChatCompletion({|#0:"gpt-4o"|}, OpenAIEndpoint, key).Build();

                Kernel ConstructorField(string key) =>
                    Kernel.CreateBuilder().AddOpenAIChatCompletion({|#1:"gpt-4"|}, _endpoint, key).Build();

                Kernel Constant(string key) =>
                    Kernel.CreateBuilder().AddOpenAIChatCompletion({|#2:"gpt-4o"|}, new Uri(OpenAIBase), key).Build();

                Kernel StringLocal(string key)
                {
                    var baseUrl = "https://api.openai.com/v1";
                    var endpoint = new Uri(baseUrl);
                    return Kernel.CreateBuilder().AddOpenAIChatCompletion({|#3:"gpt-4o"|}, endpoint, key).Build();
                }

                Kernel BaseAddress(string key)
                {
                    var endpoint = new Uri("https://api.openai.com/v1");
                    return Kernel.CreateBuilder().AddOpenAIChatCompletion({|#5:"gpt-4o"|}, key, httpClient: new HttpClient { BaseAddress = endpoint }).Build();
                }

                ChatClient Options(string key)
                {
                    var endpoint = new Uri("https://api.openai.com/v1");
                    var options = new OpenAIClientOptions { Endpoint = endpoint };
                    return new ChatClient({|#4:"gpt-4"|}, new ApiKeyCredential(key), options);
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0501").WithLocation(2).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0501").WithLocation(3).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0503").WithLocation(4).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0501").WithLocation(5).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // Beside them, holders that do not show OpenAI's server stay quiet: another host in a local or a field, a
    // parameter, a local written again, a readonly field a constructor fills from a parameter, a mutable field, a
    // property, a Uri built from a base and a relative path. OpenAI's endpoint written at the call beside them is reported.
    [Fact]
    public Task Endpoints_held_for_another_server_or_not_fixed_are_not_checked() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.SemanticKernel;
            using OpenAI;
            using OpenAI.Chat;
            class Kernels
            {
                private static readonly Uri Ollama = new("http://localhost:11434/v1");
                private readonly Uri _configured;
                private Uri _mutable = new("https://api.openai.com/v1");
                public Uri Endpoint { get; } = new("https://api.openai.com/v1");

                Kernels(Uri configured) => _configured = configured;

                Kernel LocalHost(string key)
                {
                    var endpoint = new Uri("http://localhost:1234/v1");
                    return Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", endpoint, key).Build();
                }

                Kernel OllamaField() => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", Ollama, apiKey: null).Build();

                Kernel Parameter(Uri endpoint, string key) =>
                    Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", endpoint, key).Build();

                Kernel Reassigned(bool local, string key)
                {
                    var endpoint = new Uri("https://api.openai.com/v1");
                    if (local)
                    {
                        endpoint = new Uri("http://localhost:1234/v1");
                    }

                    return Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", endpoint, key).Build();
                }

                Kernel FromConstructor(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", _configured, key).Build();

                Kernel Mutable(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", _mutable, key).Build();

                Kernel Property(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", Endpoint, key).Build();

                Kernel Relative(string key)
                {
                    var endpoint = new Uri(new Uri("http://localhost:1234"), "v1");
                    return Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", endpoint, key).Build();
                }

                Kernel Twin(string key) =>
                    Kernel.CreateBuilder().AddOpenAIChatCompletion({|#0:"gpt-4"|}, new Uri("https://api.openai.com/v1"), key).Build();

                ChatClient Options(string key)
                {
                    var endpoint = new Uri("https://api.groq.com/openai/v1");
                    var options = new OpenAIClientOptions { Endpoint = endpoint };
                    return new ChatClient("gpt-4", new ApiKeyCredential(key), options);
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    // The project-wide reading follows the holder too: a registration on OpenAI's endpoint held in a local does not
    // make the project's ChatOptions another server's names; the same registration on a local server still does.
    [Fact]
    public Task A_registration_on_OpenAIs_endpoint_in_a_local_leaves_request_ids_checked() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            static class Setup
            {
                public static Kernel Build(string key)
                {
                    var endpoint = new Uri("https://api.openai.com/v1");
                    return Kernel.CreateBuilder().AddOpenAIChatCompletion({|#0:"gpt-4o-mini"|}, endpoint, key).Build();
                }
            }
            class Requests
            {
                ChatOptions Chat() => new ChatOptions { ModelId = {|#1:"gpt-4"|} };
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""));

    [Fact]
    public Task A_registration_on_a_local_server_in_a_local_leaves_request_ids_unchecked() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            static class Setup
            {
                public static Kernel Build()
                {
                    var endpoint = new Uri("http://localhost:11434/v1");
                    return Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", endpoint, apiKey: null).Build();
                }
            }
            class Requests
            {
                ChatOptions Chat() => new ChatOptions { ModelId = "gpt-4" };
            }
            """);

    [Fact]
    public Task Half_typed_endpoint_holders_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using System;
                using Microsoft.SemanticKernel;
                class Kernels
                {
                    private static readonly Uri Missing = new(Unknown);
                    private static readonly Uri Open;
                    Kernel A(string key)
                    {
                        var endpoint = new Uri(;
                        return Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", endpoint, key).Build();
                    }
                    Kernel B(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", Missing, key).Build();
                    Kernel C(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", Open, key).Build();
                    Kernel D(string key)
                    {
                        var endpoint = endpoint;
                        return Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", endpoint, key).Build();
                    }
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
