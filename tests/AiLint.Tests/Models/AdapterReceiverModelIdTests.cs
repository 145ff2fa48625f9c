using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Models;

/// <summary>
/// The model id of a Microsoft.Extensions.AI <c>As*Client(defaultModelId)</c> adapter counts only when the adapted
/// (receiver) client is one whose ids the model table governs: OpenAI's (<c>ResponsesClient.AsIChatClient("gpt-4o")</c>)
/// or Anthropic's. Microsoft.Extensions.AI.AzureAIInference's adapter over Azure.AI.Inference's
/// <c>ChatCompletionsClient</c> sends its id to GitHub Models or Azure AI Foundry, which retire models on their own
/// schedules (the shape of microsoft/Generative-AI-for-beginners-dotnet, 03-CoreGenerativeAITechniques
/// MCP-01-HuggingFace/Program.cs: <c>new ChatCompletionsClient(new Uri("https://models.github.ai/inference"), cred)
/// .AsIChatClient(deploymentName)</c>), as Azure.AI.Inference's own <c>ChatCompletionsOptions.Model</c> is not read.
/// </summary>
public class AdapterReceiverModelIdTests
{
    // Microsoft.Extensions.AI.AzureAIInference is not served by the mirror: its public extensions are declared here with
    // the real signatures (dotnet/extensions, src/Libraries/Microsoft.Extensions.AI.AzureAIInference/
    // AzureAIInferenceExtensions.cs: AsIChatClient(this ChatCompletionsClient, string? defaultModelId = null) since
    // 9.4; AsChatClient(this ChatCompletionsClient, string? modelId = null) in the 9.0-9.3 previews). Apps also write
    // this adapter themselves in the same namespace. Azure.AI.Inference itself is the real 1.0.0-beta.5 package.
    private const string InferenceAdapters = """

        namespace Microsoft.Extensions.AI
        {
            public static class AzureAIInferenceExtensions
            {
                public static IChatClient AsIChatClient(this global::Azure.AI.Inference.ChatCompletionsClient client, string? defaultModelId = null) =>
                    throw new System.NotImplementedException();

                public static IChatClient AsChatClient(this global::Azure.AI.Inference.ChatCompletionsClient client, string? modelId = null) =>
                    throw new System.NotImplementedException();
            }
        }
        """;

    private static ImmutableArray<MetadataReference> References => OlderSdkReferences.AzureAIInference;

    private static Task VerifyAsync(string code)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { References = References, TestCode = code };
        return test.RunAsync();
    }

    // The review's repro, verbatim in shape: a fallback id handed to the GitHub Models adapter.
    [Fact]
    public Task A_GitHub_Models_adapter_over_Azure_AI_Inference_is_not_checked() =>
        VerifyAsync("""
            #nullable enable
            using System;
            using Azure;
            using Azure.AI.Inference;
            using Microsoft.Extensions.AI;

            public static class Program
            {
                public static IChatClient Create()
                {
                    var modelName = Environment.GetEnvironmentVariable("deploymentName") ?? "gpt-4o-mini";
                    return new ChatCompletionsClient(
                            new Uri("https://models.github.ai/inference"),
                            new AzureKeyCredential(Environment.GetEnvironmentVariable("GITHUB_TOKEN")!))
                        .AsIChatClient(modelName);
                }

                public static IChatClient Literal(ChatCompletionsClient client) => client.AsIChatClient("gpt-4o");

                public static IChatClient Named(ChatCompletionsClient client) => client.AsIChatClient(defaultModelId: "gpt-3.5-turbo");

                public static IChatClient Preview(ChatCompletionsClient client) => client.AsChatClient("gpt-4o");

                public static IChatClient Static(ChatCompletionsClient client) => AzureAIInferenceExtensions.AsIChatClient(client, "gpt-4o");
            }
            """ + InferenceAdapters);

    // The twin: the same adapter shape over OpenAI's ResponsesClient (Microsoft.Extensions.AI.OpenAI's
    // AsIChatClient(this ResponsesClient, string? defaultModelId)) and over Anthropic's client still names a model the
    // table governs, in the same compilation as the Azure AI Inference adapter.
    [Fact]
    public Task The_OpenAI_and_Anthropic_adapters_beside_it_are_still_checked() =>
        VerifyAsync("""
            #nullable enable
            using System;
            using Anthropic;
            using Azure.AI.Inference;
            using Microsoft.Extensions.AI;
            using OpenAI.Responses;

            public static class Program
            {
                public static IChatClient GitHub(ChatCompletionsClient client) => client.AsIChatClient("gpt-4o");

                public static IChatClient OpenAI(ResponsesClient client) => client.AsIChatClient({|AIL0501:"gpt-4o"|});

                public static IChatClient OpenAIStatic(ResponsesClient client) => OpenAIClientExtensions.AsIChatClient(client, {|AIL0501:"gpt-4o"|});

                public static IChatClient OpenAIFallback(ResponsesClient client) =>
                    client.AsIChatClient(Environment.GetEnvironmentVariable("MODEL") ?? {|AIL0501:"gpt-4o-mini"|});

                public static IChatClient Claude(AnthropicClient client) => client.AsIChatClient({|AIL0503:"claude-3-haiku-20240307"|});
            }
            """ + InferenceAdapters);

    // The correct code beside the twin: a dated snapshot through the OpenAI adapter is quiet.
    [Fact]
    public Task A_dated_snapshot_through_the_OpenAI_adapter_is_not_reported() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            using OpenAI.Responses;

            public static class Program
            {
                public static IChatClient OpenAI(ResponsesClient client) => client.AsIChatClient("gpt-5.2-2025-12-11");
            }
            """);

    [Fact]
    public Task Half_typed_adapter_calls_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            References = References,
            TestCode = """
                using Azure.AI.Inference;
                using Microsoft.Extensions.AI;
                using OpenAI.Responses;
                static class Program
                {
                    static object A(ChatCompletionsClient client) => client.AsIChatClient("gpt-4o", );
                    static object B(ResponsesClient client) => client.AsIChatClient(;
                    static object C(NoSuchClient client) => client.AsIChatClient("gpt-4o");
                    static object D() => AzureAIInferenceExtensions.AsIChatClient("gpt-4o");
                }
                """ + InferenceAdapters,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
