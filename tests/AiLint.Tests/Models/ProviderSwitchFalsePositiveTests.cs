using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// False-positive hunt on ids chosen by a switch expression: a multi-provider factory picks the model by provider and
/// then the client by the same provider. The OpenAI client only ever gets the arm for OpenAI; the arm for an Azure
/// deployment (often named after a retired model) or a local server is not sent to it. The OpenAI arm is still checked,
/// and so is every arm when the slot is not guarded by the same value.
/// </summary>
public class ProviderSwitchFalsePositiveTests
{
    [Fact]
    public Task Arms_for_other_providers_are_not_sent_to_the_OpenAI_client() =>
        VerifyAsync("""
            using System;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            public enum Provider { OpenAI, Azure, Ollama }
            class Factory(OpenAIClient openAI, AzureOpenAIClient azure, IChatClient ollama)
            {
                IChatClient BySwitch(Provider provider)
                {
                    var model = provider switch { Provider.Azure => "gpt-4", Provider.Ollama => "llama3.1", _ => "gpt-5.5" };
                    return provider switch
                    {
                        Provider.Azure => azure.GetChatClient(model).AsIChatClient(),
                        Provider.OpenAI => openAI.GetChatClient(model).AsIChatClient(),
                        _ => ollama,
                    };
                }

                IChatClient ByIf(Provider provider)
                {
                    var model = provider switch { Provider.Azure => "gpt-4", _ => "gpt-5.5" };
                    if (provider == Provider.Azure)
                    {
                        return azure.GetChatClient(model).AsIChatClient();
                    }

                    return openAI.GetChatClient(model).AsIChatClient();
                }

                IChatClient ByStatement(Provider provider)
                {
                    var model = provider switch { Provider.Azure => "gpt-4", _ => "gpt-5.5" };
                    switch (provider)
                    {
                        case Provider.OpenAI:
                            return openAI.GetChatClient(model).AsIChatClient();
                        default:
                            return azure.GetChatClient(model).AsIChatClient();
                    }
                }
            }
            """);

    [Fact]
    public Task The_arm_the_OpenAI_client_gets_and_unguarded_slots_are_still_checked() =>
        VerifyAsync("""
            using System;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            public enum Provider { OpenAI, Azure }
            class Factory(OpenAIClient openAI, AzureOpenAIClient azure)
            {
                IChatClient Legacy(Provider provider)
                {
                    var model = provider switch { Provider.Azure => "gpt-4o", _ => {|#0:"gpt-3.5-turbo"|} };
                    return provider == Provider.Azure
                        ? azure.GetChatClient(model).AsIChatClient()
                        : openAI.GetChatClient(model).AsIChatClient();
                }

                IChatClient Unguarded(Provider provider)
                {
                    var model = provider switch { Provider.Azure => {|#1:"gpt-4"|}, _ => "gpt-5.5" };
                    return openAI.GetChatClient(model).AsIChatClient();
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""));

    [Fact]
    public Task Half_typed_guards_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using OpenAI;
                using OpenAI.Chat;
                class Factory(OpenAIClient openAI)
                {
                    ChatClient Create(int provider)
                    {
                        var model = provider switch { 1 => {|#0:"gpt-4"|}, => "gpt-5.5" };
                        if (provider == ) return openAI.GetChatClient(model);
                        switch (provider) { case : return openAI.GetChatClient(model); }
                        return provider is 2 ? openAI.GetChatClient(model) : openAI.GetChatClient(Missing);
                    }
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        // The unguarded first slot sees every arm.
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));
        return test.RunAsync();
    }
}
