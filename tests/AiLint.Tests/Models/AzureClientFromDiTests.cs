using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// eShop's shape: the app registers an <c>AzureOpenAIClient</c> as the container's <c>OpenAIClient</c>
/// (<c>AddSingleton&lt;OpenAIClient&gt;(sp =&gt; new AzureOpenAIClient(...))</c>) and takes every chat client from the
/// container. The ids given to clients it resolves or is injected with are then Azure deployment names, not model ids.
/// The same registration with a plain <c>new OpenAIClient(key)</c> hands out OpenAI's own client, and stays checked.
/// </summary>
public class AzureClientFromDiTests
{
    private const string Registration = """
        using System;
        using System.ClientModel;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        using OpenAI;
        using OpenAI.Chat;
        public static class AiSetup
        {
            public static void Register(IServiceCollection services, IConfiguration cfg)
            {
                services.AddSingleton<OpenAIClient>(sp => CLIENT);
                services.AddChatClient(sp =>
                    sp.GetRequiredService<OpenAIClient>().GetChatClient(cfg["AI:ChatDeployment"] ?? FALLBACK).AsIChatClient());
                services.AddKeyedChatClient("summaries", sp =>
                    sp.GetRequiredService<OpenAIClient>().GetChatClient(OPENsp.GetRequiredService<IOptions<AiSettings>>().Value.SummaryModelCLOSE).AsIChatClient());
            }
        }
        public sealed class AiSettings
        {
            public string SummaryModel { get; set; } = DEFAULT;
        }
        public sealed class Summarizer(OpenAIClient client)
        {
            private readonly ChatClient _chat = client.GetChatClient(INJECTED);
        }
        """;

    // The settings default is reported where the settings reach the slot: `open`/`close` wrap that argument.
    private static string Shape(string client, string fallback, string open, string close, string injected) =>
        Registration.Replace("CLIENT", client).Replace("FALLBACK", fallback).Replace("OPEN", open).Replace("CLOSE", close)
            .Replace("DEFAULT", "\"gpt-3.5-turbo\"").Replace("INJECTED", injected);

    [Fact]
    public Task Clients_from_a_container_that_registers_an_Azure_client_take_deployment_names() =>
        VerifyAsync(Shape(
            "new AzureOpenAIClient(new Uri(cfg[\"AI:Endpoint\"]!), new ApiKeyCredential(cfg[\"AI:Key\"]!))",
            "\"gpt-4o\"", "", "", "\"gpt-4o\""));

    // The twin: the container's OpenAIClient is OpenAI's own, so the three ids are model ids.
    [Fact]
    public Task Clients_from_a_container_that_registers_a_plain_OpenAI_client_are_checked() =>
        VerifyAsync(Shape(
            "new OpenAIClient(new ApiKeyCredential(cfg[\"AI:Key\"]!))",
            "{|AIL0501:\"gpt-4o\"|}", "{|AIL0503:", "|}", "{|AIL0501:\"gpt-4o\"|}"));

    // The cast form, written in the app's own Aspire-like extension method.
    [Fact]
    public Task An_Azure_client_registered_through_a_cast_in_an_extension_method_exempts_injected_clients() =>
        VerifyAsync("""
            using System;
            using Azure;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            public static class AzureAiExtensions
            {
                public static IServiceCollection AddAzureAi(this IServiceCollection services, Uri endpoint, string key)
                {
                    services.AddSingleton(sp => (OpenAIClient)new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)));
                    return services;
                }
            }
            public sealed class Planner(OpenAIClient client)
            {
                public ChatClient Chat() => client.GetChatClient("gpt-35-turbo");
                public ChatClient Old() => client.GetChatClient("gpt-3.5-turbo");
            }
            """);

    // An Azure client the creating code keeps to itself (a local it only sends requests through) is not what the
    // container injects: the injected OpenAIClient is OpenAI's, and its retired id is reported.
    [Fact]
    public Task An_Azure_client_kept_in_a_local_does_not_exempt_an_injected_OpenAI_client() =>
        VerifyAsync("""
            using System;
            using Azure;
            using Azure.AI.OpenAI;
            using OpenAI;
            using OpenAI.Chat;
            public static class Reports
            {
                public static string Summarize(Uri endpoint, string key, string text)
                {
                    var azure = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key));
                    return azure.GetChatClient("gpt-35-turbo").CompleteChat(text).Value.Content[0].Text;
                }
            }
            public sealed class Planner(OpenAIClient client)
            {
                public ChatClient Old() => client.GetChatClient({|AIL0503:"gpt-3.5-turbo"|});
            }
            """);

    [Fact]
    public Task Half_typed_Azure_registrations_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using System;
                using Azure.AI.OpenAI;
                using Microsoft.Extensions.DependencyInjection;
                using OpenAI;
                static class Setup
                {
                    static void Register(IServiceCollection services)
                    {
                        services.AddSingleton<OpenAIClient>(sp => new AzureOpenAIClient(new Uri(), ));
                        services.AddSingleton<OpenAIClient>(sp => new AzureOpenAIClient(
                        services.AddSingleton(sp => (OpenAIClient)new AzureOpenAIClient);
                    }
                }
                class Planner(OpenAIClient client)
                {
                    object Old() => client.GetChatClient("gpt-3.5-turbo", );
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
