using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// An SDK endpoint whose only constant is the <c>??</c> fallback of an environment variable (review86,
/// AMMarkin/PromptValidator Program.cs: <c>var openAiProxyUrl = Environment.GetEnvironmentVariable("PROMPT_VALIDATOR__OPENAI_PROXY_URL",
/// EnvironmentVariableTarget.User) ?? "https://api.openai.com/v1";</c> then <c>services.AddOpenAIChatCompletion("gpt-5-mini",
/// new Uri(openAiProxyUrl), openAiApiKey)</c>): every run without the variable sends the id to OpenAI itself, so the slot
/// is checked, as the fallback is for model ids and raw base addresses. A configuration read's fallback counts with the
/// values the settings files give its key. Another server in the fallback or in the files, or no fallback, stays quiet.
/// </summary>
public class EnvironmentFallbackEndpointTests
{
    // The repro, reduced: the environment variable's OpenAI fallback in a local handed to new Uri(...).
    [Fact]
    public Task Environment_variable_with_OpenAIs_fallback_is_OpenAIs_endpoint() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            static class Program
            {
                static void Register(IServiceCollection services, string openAiApiKey)
                {
                    var openAiProxyUrl = Environment.GetEnvironmentVariable("PROMPT_VALIDATOR__OPENAI_PROXY_URL", EnvironmentVariableTarget.User) ?? "https://api.openai.com/v1";
                    services.AddOpenAIChatCompletion({|#0:"gpt-5-mini"|}, new Uri(openAiProxyUrl), openAiApiKey);
                }
            }
            """,
            Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-5-mini", "2026-12-11", ""));

    // The same fallback written at the call, on the kernel builder, and as OpenAIClientOptions.Endpoint.
    [Fact]
    public Task Fallback_written_in_place_or_as_client_options_endpoint_is_read_the_same_way() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.SemanticKernel;
            using OpenAI;
            using OpenAI.Chat;
            class Clients
            {
                Kernel InPlace(string key) =>
                    Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion({|#0:"gpt-4o"|}, new Uri(Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? "https://api.openai.com/v1"), key)
                        .Build();

                ChatClient Options(string key)
                {
                    var options = new OpenAIClientOptions { Endpoint = new Uri(Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? "https://api.openai.com/v1") };
                    return new ChatClient({|#1:"gpt-4"|}, new ApiKeyCredential(key), options);
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""));

    // Beside them, the shapes real apps write for another server stay quiet: a fallback to a local server, a variable
    // with no fallback, a parameter's fallback (its value is not shown), and a chain whose first fallback is a local server.
    [Fact]
    public Task Fallback_to_another_server_or_no_fallback_stays_quiet() =>
        VerifyAsync("""
            using System;
            using Microsoft.SemanticKernel;
            class Kernels
            {
                Kernel Local(string key)
                {
                    var url = Environment.GetEnvironmentVariable("LLM_URL") ?? "http://localhost:11434/v1";
                    return Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", new Uri(url), key).Build();
                }

                Kernel NoFallback(string key) =>
                    Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", new Uri(Environment.GetEnvironmentVariable("LLM_URL")!), key).Build();

                Kernel Parameter(string? configured, string key) =>
                    Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", new Uri(configured ?? "https://api.openai.com/v1"), key).Build();

                Kernel Chain(string key) =>
                    Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion("gpt-4o", new Uri(Environment.GetEnvironmentVariable("A") ?? Environment.GetEnvironmentVariable("B") ?? "http://localhost:1234/v1"), key)
                        .Build();
            }
            """);

    private const string ConfiguredEndpoint = """
        using System;
        using Microsoft.Extensions.Configuration;
        using Microsoft.SemanticKernel;
        class Kernels
        {
            Kernel Build(IConfiguration config, string key) =>
                Kernel.CreateBuilder()
                    .AddOpenAIChatCompletion({|#0:"gpt-4o"|}, new Uri(config["OpenAI:Endpoint"] ?? "https://api.openai.com/v1"), key)
                    .Build();
        }
        """;

    // A configuration read's fallback is not the server: the key's value may live in user secrets or the host's settings
    // (review86 sumanpala/MyEvaluationsAPI: `config["AppSettings:AzureUrl"] ?? "https://api.openai.com/"` for an Azure
    // client whose "gpt-4o" is a deployment name), so no file setting the key says nothing.
    [Fact]
    public Task Configuration_fallback_whose_key_no_file_sets_stays_quiet() =>
        VerifyAsync(
            ConfiguredEndpoint.Replace("{|#0:\"gpt-4o\"|}", "\"gpt-4o\""),
            new[] { ("appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } } }""") });

    // A settings file pointing the key at a local server (any file, as appsettings.Development.json does) makes it elsewhere.
    [Fact]
    public Task Configuration_fallback_whose_key_a_file_sets_to_another_server_stays_quiet() =>
        VerifyAsync(
            ConfiguredEndpoint.Replace("{|#0:\"gpt-4o\"|}", "\"gpt-4o\""),
            new[]
            {
                ("appsettings.json", """{ "OpenAI": { "Endpoint": "https://api.openai.com/v1" } }"""),
                ("appsettings.Development.json", """{ "OpenAI": { "Endpoint": "http://localhost:1234/v1" } }"""),
            });

    // Half-typed code: no crash, no report on error types or a call that does not bind.
    [Fact]
    public Task Broken_fallbacks_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using System;
                using Microsoft.SemanticKernel;
                class Kernels
                {
                    Kernel A(string key) =>
                        Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", new Uri(Environment.GetEnvironmentVariable() ?? "https://api.openai.com/v1"), key).Build();

                    Kernel B(string key) =>
                        Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", new Uri(NoSuchType.Read("X") ?? "https://api.openai.com/v1"), key).Build();

                    Kernel C(string key) =>
                        Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", new Uri(Environment.GetEnvironmentVariable("X") ?? ), key).Build();
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
