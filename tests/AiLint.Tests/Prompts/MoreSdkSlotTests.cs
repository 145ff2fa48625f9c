using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Instruction slots of SDK surfaces public apps use besides chat messages: OpenAI Assistants and Realtime options,
/// the agent context providers of Microsoft Agent Framework and Semantic Kernel, and OllamaSharp's generate request,
/// chat and messages. Names, descriptions, model ids and the user's prompt next to them are not prompts.
/// </summary>
public class MoreSdkSlotTests
{
    // openai-dotnet's vision example and Azure samples create an assistant with literal instructions.
    [Fact]
    public Task Assistant_instructions_and_run_additional_instructions_are_prompts() =>
        VerifyAsync(
            """
            using OpenAI.Assistants;
            namespace Tutor;
            public static class Setup
            {
                public static AssistantCreationOptions Create() => new AssistantCreationOptions
                {
                    Name = "Student Helper",
                    Description = "Helps students with homework.",
                    Instructions = {|#0:"When asked a question, answer concisely. " + "Prefer one-sentence answers."|},
                };

                public static RunCreationOptions Run() => new RunCreationOptions { AdditionalInstructions = {|#1:"Address the user as Jane."|} };

                public static AssistantModificationOptions Update(string configured) => new AssistantModificationOptions { Instructions = configured, Name = "Tutor" };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tutor.Setup.Create"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Tutor.Setup.Run"));

    [Fact]
    public Task Realtime_session_instructions_are_a_prompt() =>
        VerifyAsync(
            """
            using OpenAI.Realtime;
            namespace Voice;
            public static class Session
            {
                private const string {|#0:Persona|} = "You are a friendly voice concierge. Never read card numbers aloud.";
                public static RealtimeConversationSessionOptions Options() => new RealtimeConversationSessionOptions { Instructions = Persona };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Voice.Session.Persona"));

    // An agent's context provider adds fixed instructions for the turn; its messages are data.
    [Fact]
    public Task Agent_context_provider_instructions_are_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Agents.AI;
            namespace Agents;
            public static class TurnState
            {
                public static AIContext Context(string summary) => new AIContext
                {
                    Instructions = {|#0:"Do not create a second ticket in this turn."|},
                };

                public static AIContext Memory(string summary) => new AIContext { Instructions = summary };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Agents.TurnState.Context"));

    // OllamaSharp console apps: a generate request's system text, a chat started with a system prompt, and a system
    // message. The request's Prompt and a user message carry the user's text.
    [Fact]
    public Task OllamaSharp_system_text_chat_and_system_message_are_prompts() =>
        VerifyAsync(
            """
            using OllamaSharp;
            using OllamaSharp.Models;
            using OllamaSharp.Models.Chat;
            namespace Local;
            public static class Ollama
            {
                public static GenerateRequest Summarize(string text) => new GenerateRequest
                {
                    Model = "llama3.1",
                    Prompt = "Summarize this text.",
                    System = {|#0:"You are a concise summarizer."|},
                };

                public static Chat Pirate(IOllamaApiClient client) => new Chat(client, {|#1:"You are a pirate. Always answer in pirate speak."|});

                public static Message[] Messages(string question) => new[]
                {
                    new Message(ChatRole.System, {|#2:"Only answer questions about cooking."|}),
                    new Message(ChatRole.User, "What should I cook tonight?"),
                    new Message(ChatRole.Assistant, "Sorry, the model is unavailable. Please try again."),
                };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Local.Ollama.Summarize"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Local.Ollama.Pirate"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Local.Ollama.Messages"));

    [Fact]
    public Task OllamaSharp_chat_without_a_system_prompt_or_with_a_configured_one_is_not_a_prompt() =>
        VerifyAsync(
            """
            using OllamaSharp;
            namespace Local;
            public static class Ollama
            {
                public static Chat Plain(IOllamaApiClient client) => new Chat(client);
                public static Chat Configured(IOllamaApiClient client, string configured) => new Chat(client, configured);
            }
            """);

    // Anthropic apps that cache their system prompt pass System as a list of text blocks with cache control (a
    // refinement service, a RAG answerer, a batch summarizer that builds the list in a local first). Each block's text
    // is a system slot; text blocks inside a user message are the user's content.
    [Fact]
    public Task Anthropic_system_text_blocks_with_cache_control_are_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Anthropic.Models.Messages;
            namespace Claude;
            public static class Requests
            {
                private const string {|#0:Refine|} = "You refine predictions. Never change the input units.";
                private const string {|#1:Batch|} = "You summarize each ticket in one line.";
                public static MessageCreateParams Refinement(string input) => new MessageCreateParams
                {
                    Model = "claude-opus-4-1",
                    MaxTokens = 1024,
                    System = new List<TextBlockParam> { new() { Text = Refine, CacheControl = new CacheControlEphemeral() } },
                    Messages = new MessageParam[] { new UserMessageParam { Content = input } },
                };

                public static MessageCreateParams Answer(string question) => new MessageCreateParams
                {
                    Model = "claude-opus-4-1",
                    MaxTokens = 1024,
                    System = new MessageCreateParamsSystem([new TextBlockParam { Text = {|#2:"Answer only from the attached policy."|} }]),
                    Messages = new MessageParam[] { new UserMessageParam { Content = new List<ContentBlockParam> { new TextBlockParam("Summarize this policy.") } } },
                };

                public static MessageCreateParams Summaries(string tickets, string configured)
                {
                    var blocks = new List<TextBlockParam>
                    {
                        new() { Text = Batch, CacheControl = new CacheControlEphemeral() },
                        new(configured),
                    };
                    return new MessageCreateParams
                    {
                        Model = "claude-haiku-4-5",
                        MaxTokens = 512,
                        System = new MessageCreateParamsSystem(blocks),
                        Messages = new MessageParam[] { new UserMessageParam { Content = tickets } },
                    };
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Claude.Requests.Refine"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Claude.Requests.Batch"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Claude.Requests.Answer"));

    // A MassTransit chat bot seeds a static ChatHistory with a system ChatMessageContent; the user and assistant
    // messages next to it are not prompts.
    [Fact]
    public Task Kernel_system_message_content_in_a_history_initializer_is_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Bot;
            public static class Conversation
            {
                public static readonly ChatHistory History = new()
                {
                    new ChatMessageContent(AuthorRole.System, {|#0:"You are a helpful assistant who is concise."|}),
                    new ChatMessageContent(AuthorRole.User, "Hello, who are you?"),
                    new ChatMessageContent(AuthorRole.Assistant, "I could not answer that. Please try again."),
                };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Bot.Conversation.History"));

    // Semantic Kernel intent samples keep few-shot histories where a system message "Intent:" labels the answer that
    // follows: a label, not a prompt. A real instruction in the same shape still is.
    [Fact]
    public Task Few_shot_label_in_a_system_message_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Intents;
            public static class FewShot
            {
                public static List<ChatHistory> Examples() => new()
                {
                    new ChatHistory
                    {
                        new ChatMessageContent(AuthorRole.User, "Can you send a quick approval to the marketing team?"),
                        new ChatMessageContent(AuthorRole.System, "Intent:"),
                        new ChatMessageContent(AuthorRole.Assistant, "ContinueConversation"),
                    },
                };

                public static ChatHistory Classifier() => new()
                {
                    new ChatMessageContent(AuthorRole.System, {|#0:"Classify the intent: ContinueConversation or EndConversation."|}),
                };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Intents.FewShot.Classifier"));
}
