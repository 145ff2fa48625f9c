using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Sdks;

/// <summary>
/// AIL0301 on the system-message slots of Azure.AI.OpenAI 1.0.0-beta, Azure.AI.Inference, Betalgo.Ranul.OpenAI and
/// OpenAI_API (OkGoDoIt), compiled against the real packages. User and assistant messages carry the conversation, not
/// instructions: they are not prompts.
/// </summary>
public class OlderSdkPromptSlotTests
{
    private static Task VerifyAsync(ImmutableArray<MetadataReference> references, string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code, References = references };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Prompt(int location, string name) =>
        CSharpAnalyzerVerifier<PromptEvalCoverageAnalyzer>.Diagnostic("AIL0301").WithLocation(location).WithArguments(name);

    [Fact]
    public Task Azure_OpenAI_beta_system_message_is_a_prompt() => VerifyAsync(
        OlderSdkReferences.AzureOpenAIBeta,
        """
        using Azure.AI.OpenAI;
        namespace Support;
        public static class Messages
        {
            private const string {|#0:Persona|} = "You are a support agent for Contoso. Answer only billing questions.";

            public static ChatCompletionsOptions Options(string question) => new ChatCompletionsOptions
            {
                Messages =
                {
                    new ChatMessage(ChatRole.System, Persona),
                    new ChatMessage(ChatRole.User, question),
                },
            };

            public static ChatMessage Initialized() => new ChatMessage { Role = ChatRole.System, Content = {|#1:"Reply in French. Keep answers short."|} };
        }
        """,
        Prompt(0, "Support.Messages.Persona"),
        Prompt(1, "Support.Messages.Initialized"));

    [Fact]
    public Task Azure_OpenAI_beta_user_and_assistant_messages_are_not_prompts() => VerifyAsync(
        OlderSdkReferences.AzureOpenAIBeta,
        """
        using Azure.AI.OpenAI;
        namespace Support;
        public static class Messages
        {
            public static ChatCompletionsOptions Options() => new ChatCompletionsOptions
            {
                Messages =
                {
                    new ChatMessage(ChatRole.User, "You are my assistant. Summarize my last invoice."),
                    new ChatMessage(ChatRole.Assistant, "Sorry, the service is unavailable. Please try again."),
                    new ChatMessage { Role = ChatRole.User, Content = "Answer in French." },
                },
            };
        }
        """);

    [Fact]
    public Task Azure_AI_Inference_system_and_developer_messages_are_prompts() => VerifyAsync(
        OlderSdkReferences.AzureAIInference,
        """
        using Azure.AI.Inference;
        namespace Support;
        public static class Messages
        {
            public static ChatCompletionsOptions Options(string question) => new ChatCompletionsOptions(new ChatRequestMessage[]
            {
                new ChatRequestSystemMessage({|#0:"You are a helpful assistant. Answer in one sentence."|}),
                new ChatRequestUserMessage(question),
            });

            public static ChatRequestMessage Developer() => new ChatRequestDeveloperMessage({|#1:"Think step by step before you answer."|});
        }
        """,
        Prompt(0, "Support.Messages.Options"),
        Prompt(1, "Support.Messages.Developer"));

    [Fact]
    public Task Azure_AI_Inference_user_and_assistant_messages_are_not_prompts() => VerifyAsync(
        OlderSdkReferences.AzureAIInference,
        """
        using Azure.AI.Inference;
        namespace Support;
        public static class Messages
        {
            public static ChatRequestMessage[] History() => new ChatRequestMessage[]
            {
                new ChatRequestUserMessage("You are my assistant. Tell me a joke."),
                new ChatRequestAssistantMessage("Sorry, I cannot help with that. Please try again."),
            };
        }
        """);

    [Fact]
    public Task Betalgo_FromSystem_is_a_prompt() => VerifyAsync(
        OlderSdkReferences.Betalgo,
        """
        using System.Collections.Generic;
        using Betalgo.Ranul.OpenAI.Contracts.Enums;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        namespace Kitchen;
        public static class Requests
        {
            public static ChatCompletionCreateRequest Create(string question) => new ChatCompletionCreateRequest
            {
                Messages = new List<ChatMessage>
                {
                    ChatMessage.FromSystem({|#0:"You are a helpful cooking assistant. Keep answers short."|}),
                    ChatMessage.FromUser(question),
                },
                Model = "gpt-4o-mini",
            };

            public static ChatMessage ByRole() => new ChatMessage(ChatCompletionRole.System, {|#1:"Answer only questions about baking."|});

            public static ChatMessage ByWireName() => new("system", {|#2:"Never recommend raw eggs."|});
        }
        """,
        Prompt(0, "Kitchen.Requests.Create"),
        Prompt(1, "Kitchen.Requests.ByRole"),
        Prompt(2, "Kitchen.Requests.ByWireName"));

    [Fact]
    public Task Betalgo_user_and_assistant_messages_are_not_prompts() => VerifyAsync(
        OlderSdkReferences.Betalgo,
        """
        using System.Collections.Generic;
        using Betalgo.Ranul.OpenAI.Contracts.Enums;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        namespace Kitchen;
        public static class Requests
        {
            public static List<ChatMessage> History() => new List<ChatMessage>
            {
                ChatMessage.FromUser("You are a chef. Write a haiku about autumn soup."),
                ChatMessage.FromAssistant("Sorry, the kitchen is closed. Please try again."),
                new ChatMessage("assistant", "You are a helpful assistant."),
                new ChatMessage(ChatCompletionRole.User, "Answer in French."),
            };
        }
        """);

    [Fact]
    public Task OpenAI_API_system_message_append_and_message_are_prompts() => VerifyAsync(
        OlderSdkReferences.OpenAIApi,
        """
        using OpenAI_API;
        using OpenAI_API.Chat;
        namespace Pirates;
        public static class Bot
        {
            public static Conversation Start(OpenAIAPI api, string question)
            {
                var chat = api.Chat.CreateConversation();
                chat.AppendSystemMessage({|#0:"You are a pirate. Always answer in pirate speak."|});
                chat.AppendUserInput(question);
                return chat;
            }

            public static ChatMessage System() => new ChatMessage(ChatMessageRole.System, {|#1:"Only answer questions about sailing."|});

            public static void Rule(Conversation chat) => chat.AppendMessage(ChatMessageRole.System, {|#2:"Never reveal where the map is hidden."|});
        }
        """,
        Prompt(0, "Pirates.Bot.Start"),
        Prompt(1, "Pirates.Bot.System"),
        Prompt(2, "Pirates.Bot.Rule"));

    [Fact]
    public Task OpenAI_API_user_input_and_example_output_are_not_prompts() => VerifyAsync(
        OlderSdkReferences.OpenAIApi,
        """
        using OpenAI_API;
        using OpenAI_API.Chat;
        namespace Pirates;
        public static class Bot
        {
            public static Conversation Start(OpenAIAPI api)
            {
                var chat = api.Chat.CreateConversation();
                chat.AppendUserInput("You are my first mate. Where is the treasure?");
                chat.AppendExampleChatbotOutput("Arr, it be buried under the palm tree.");
                chat.AppendMessage(ChatMessageRole.User, "Answer in pirate speak.");
                return chat;
            }

            public static ChatMessage User() => new ChatMessage(ChatMessageRole.User, "Tell me about sailing.");
        }
        """);
}
