using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Sdks.SdkTest;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0003 for the Azure.Core clients: Azure.AI.OpenAI 1.0 beta's <c>OpenAIClient</c> and Azure.AI.Inference's
/// <c>ChatCompletionsClient</c> retry 3 times through <c>ClientOptions.Retry</c> unless <c>Retry.MaxRetries</c> is set.
/// Compiled against the real packages.
/// </summary>
public class AzureCoreSdkRetryTests
{
    private static DiagnosticResult Sdk(int location, string call, string provider, string own, string multiply) =>
        CSharpAnalyzerVerifier<RetryAnalyzer>.Diagnostic("AIL0003").WithLocation(location).WithArguments(call, "for loop", provider, own, multiply);

    private static DiagnosticResult Key(int location, string call) => Diagnostic("AIL0001", location, call, "for loop");

    private const string BetaUsings = """
        using System;
        using System.Threading.Tasks;
        using Azure;
        using Azure.AI.OpenAI;

        """;

    private const string InferenceUsings = """
        using System;
        using System.Threading.Tasks;
        using Azure;
        using Azure.AI.Inference;

        """;

    [Fact]
    public Task An_OpenAIClient_beta_built_in_code_retries_on_its_own() => RetryAsync(
        OlderSdkReferences.AzureOpenAIBeta,
        "AIL0003",
        BetaUsings + """
        class Assistant
        {
            public async Task<string> DefaultAsync(string question)
            {
                var client = new OpenAIClient(new Uri("https://contoso.openai.azure.com"), new AzureKeyCredential("key"));
                var options = new ChatCompletionsOptions { Messages = { new ChatMessage(ChatRole.User, question) } };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await client.{|#0:GetChatCompletionsAsync|}("gpt-35-turbo", options)).Value.Choices[0].Message.Content; }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }

                return "";
            }

            public async Task<string> ConfiguredAsync(string question)
            {
                var clientOptions = new OpenAIClientOptions();
                clientOptions.Retry.MaxRetries = 5;
                var client = new OpenAIClient(new Uri("https://contoso.openai.azure.com"), new AzureKeyCredential("key"), clientOptions);
                var options = new ChatCompletionsOptions { Messages = { new ChatMessage(ChatRole.User, question) } };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await client.{|#1:GetChatCompletionsAsync|}("gpt-35-turbo", options)).Value.Choices[0].Message.Content; }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }

                return "";
            }
        }
        """,
        Sdk(0, "GetChatCompletionsAsync", "Azure OpenAI", "3 retries by default", "3 × 4 = 12 requests"),
        Key(0, "GetChatCompletionsAsync"),
        Sdk(1, "GetChatCompletionsAsync", "Azure OpenAI", "5 retries configured", "3 × 6 = 18 requests"),
        Key(1, "GetChatCompletionsAsync"));

    [Fact]
    public Task An_OpenAIClient_beta_with_retries_off_or_options_set_elsewhere_is_not_AIL0003() => RetryAsync(
        OlderSdkReferences.AzureOpenAIBeta,
        "AIL0003",
        BetaUsings + """
        static class Setup { public static void Configure(OpenAIClientOptions o) => o.Retry.MaxRetries = 0; }

        class Assistant(OpenAIClient injected)
        {
            public async Task<string> OffAsync(ChatCompletionsOptions options)
            {
                var clientOptions = new OpenAIClientOptions();
                clientOptions.Retry.MaxRetries = 0;
                var client = new OpenAIClient(new Uri("https://contoso.openai.azure.com"), new AzureKeyCredential("key"), clientOptions);
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await client.{|#0:GetChatCompletionsAsync|}("gpt-35-turbo", options)).Value.Choices[0].Message.Content; }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }

                return "";
            }

            public async Task<string> InlineOffAsync(ChatCompletionsOptions options)
            {
                var client = new OpenAIClient("sk-key", new OpenAIClientOptions { Retry = { MaxRetries = 0 } });
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await client.{|#1:GetChatCompletionsAsync|}("gpt-4o", options)).Value.Choices[0].Message.Content; }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }

                return "";
            }

            public async Task<string> HandedOnAsync(ChatCompletionsOptions options)
            {
                var clientOptions = new OpenAIClientOptions();
                Setup.Configure(clientOptions);
                var client = new OpenAIClient(new Uri("https://contoso.openai.azure.com"), new AzureKeyCredential("key"), clientOptions);
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await client.{|#2:GetChatCompletionsAsync|}("gpt-35-turbo", options)).Value.Choices[0].Message.Content; }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }

                return "";
            }

            public async Task<string> InjectedAsync(ChatCompletionsOptions options)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await injected.{|#3:GetChatCompletionsAsync|}("gpt-35-turbo", options)).Value.Choices[0].Message.Content; }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }

                return "";
            }
        }
        """,
        Key(0, "GetChatCompletionsAsync"),
        Key(1, "GetChatCompletionsAsync"),
        Key(2, "GetChatCompletionsAsync"),
        Key(3, "GetChatCompletionsAsync"));

    [Fact]
    public Task A_ChatCompletionsClient_built_in_code_retries_unless_MaxRetries_is_zero() => RetryAsync(
        OlderSdkReferences.AzureAIInference,
        "AIL0003",
        InferenceUsings + """
        class Assistant
        {
            public async Task<string> DefaultAsync(ChatCompletionsOptions options)
            {
                var client = new ChatCompletionsClient(new Uri("https://models.inference.ai.azure.com"), new AzureKeyCredential("key"));
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await client.{|#0:CompleteAsync|}(options)).Value.Content; }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }

                return "";
            }

            public async Task<string> OffAsync(ChatCompletionsOptions options)
            {
                var clientOptions = new AzureAIInferenceClientOptions();
                clientOptions.Retry.MaxRetries = 0;
                var client = new ChatCompletionsClient(new Uri("https://models.inference.ai.azure.com"), new AzureKeyCredential("key"), clientOptions);
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await client.{|#1:CompleteAsync|}(options)).Value.Content; }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }

                return "";
            }
        }
        """,
        Sdk(0, "CompleteAsync", "Azure AI Inference", "3 retries by default", "3 × 4 = 12 requests"),
        Key(0, "CompleteAsync"),
        Key(1, "CompleteAsync"));

    [Fact]
    public Task Half_typed_Azure_client_options_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = InferenceUsings + """
                class Assistant
                {
                    public async Task<string> M(ChatCompletionsOptions options)
                    {
                        var clientOptions = new AzureAIInferenceClientOptions { Retry = { MaxRetries = } };
                        clientOptions.Retry.MaxRetries = ;
                        var client = new ChatCompletionsClient(new Uri("https://x"), , clientOptions);
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            try { return (await client.{|#0:CompleteAsync|}(options)).Value.Content; }
                            catch (RequestFailedException) { }
                        }
                        return "";
                    }
                }
                """,
            MarkupDiagnosticId = "AIL0003",
            CompilerDiagnostics = CompilerDiagnostics.None,
            References = OlderSdkReferences.AzureAIInference,
        };
        test.ExpectedDiagnostics.Add(Key(0, "CompleteAsync"));
        return test.RunAsync();
    }
}
