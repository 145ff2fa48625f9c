using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Summaries;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The layered shape most apps write their own message type in: a Contracts (or Shared, or Domain) project declares a
/// plain DTO class with settable properties (<c>public class ChatMessageDto { public string Role { get; set; } public
/// string Content { get; set; } }</c>), and the app, which references it, fills it with an object initializer
/// (<c>new ChatMessageDto { Role = "system", Content = SystemPrompt }</c>) and then posts it over a raw HttpClient or maps
/// it to the SDK's message. The DTO's properties have no syntax in the app, so what the app assigns to them is what they
/// hold (ReferencedSettables), as for a settable property declared in the app.
/// </summary>
public class ReferencedSettableMessageTests
{
    // The Contracts project: the DTOs, without a line of LLM code.
    private const string Contracts = """
        using System.Collections.Generic;
        namespace Chat.Contracts
        {
            public class ChatMessageDto
            {
                public string Role { get; set; } = "";
                public string Content { get; set; } = "";
            }

            public class ChatRequestDto
            {
                public string Model { get; set; } = "";
                public List<ChatMessageDto> Messages { get; set; } = new();
            }

            public sealed record StoredTurn
            {
                public string Role { get; init; } = "";
                public string Text { get; init; } = "";
            }
        }
        """;

    // The app's mapping of the DTO to the OpenAI SDK's message, by its role string. SERVICE holds what a test writes.
    private const string Mapper = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Chat.Contracts;
        using OpenAI.Chat;

        namespace Chat.App
        {
            public sealed class SdkChat
            {
                private readonly ChatClient client;

                public SdkChat(ChatClient client) => this.client = client;

                public async Task<string> SendAsync(IEnumerable<ChatMessageDto> messages)
                {
                    ChatCompletion completion = await client.CompleteChatAsync(messages.Select(ToSdk).ToList());
                    return completion.Content[0].Text;
                }

                private static ChatMessage ToSdk(ChatMessageDto message) => message.Role switch
                {
                    "system" => ChatMessage.CreateSystemMessage(message.Content),
                    "assistant" => ChatMessage.CreateAssistantMessage(message.Content),
                    _ => ChatMessage.CreateUserMessage(message.Content),
                };
            }

            SERVICE
        }
        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = code,
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(ProjectSummaryTests.CreateLibrary(Contracts))),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string SupportService = """
        public sealed class SupportService
            {
                private const string {|#0:SystemPrompt|} = "You are a support assistant for Contoso. Answer only from the knowledge base. Never promise refunds.";

                private readonly SdkChat chat;

                public SupportService(SdkChat chat) => this.chat = chat;

                public Task<string> AskAsync(string question) => chat.SendAsync(new List<ChatMessageDto>
                {
                    new ChatMessageDto { Role = "system", Content = SystemPrompt },
                    new ChatMessageDto { Role = "user", Content = question },
                });
            }
        """;

    [Fact]
    public Task A_constant_assigned_to_a_referenced_dtos_content_mapped_to_the_system_message_is_a_prompt() =>
        VerifyAsync(
            Mapper.Replace("SERVICE", SupportService),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.App.SupportService.SystemPrompt"));

    // The control: the same DTO declared in the app gives the same diagnostic (the reading already made there).
    [Fact]
    public Task The_same_dto_declared_in_the_app_gives_the_same_diagnostic()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { Sources = { Mapper.Replace("SERVICE", SupportService), Contracts } };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.App.SupportService.SystemPrompt"));
        return test.RunAsync();
    }

    // The message held in a local first, then the list; and an init-only property of a referenced (non-positional) record.
    [Fact]
    public Task A_dto_held_in_a_local_and_an_init_only_record_property_are_read_too() =>
        VerifyAsync(
            Mapper.Replace("SERVICE", """
                public sealed class RecipeService
                    {
                        private readonly SdkChat chat;

                        public RecipeService(SdkChat chat) => this.chat = chat;

                        public Task<string> SuggestAsync(string pantry)
                        {
                            var system = new ChatMessageDto { Role = "system", Content = {|#0:"You are a chef. Suggest one recipe using only the listed ingredients."|} };
                            return chat.SendAsync(new[] { system, new ChatMessageDto { Role = "user", Content = pantry } });
                        }
                    }

                    public sealed class TurnChat
                    {
                        private readonly ChatClient client;

                        public TurnChat(ChatClient client) => this.client = client;

                        public Task<System.ClientModel.ClientResult<ChatCompletion>> SendAsync(IEnumerable<StoredTurn> turns) =>
                            client.CompleteChatAsync(turns.Select(t => t.Role == "system" ? (ChatMessage)new SystemChatMessage(t.Text) : new UserChatMessage(t.Text)).ToList());

                        public Task<System.ClientModel.ClientResult<ChatCompletion>> TranslateAsync(string text) =>
                            SendAsync(new[] { new StoredTurn { Role = "system", Text = {|#1:"Translate the user's text into French. Keep the formatting."|} }, new StoredTurn { Role = "user", Text = text } });
                    }
                """),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.App.RecipeService.SuggestAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.App.TurnChat.TranslateAsync"));

    // The raw HttpClient shape: the referenced request DTO posted to OpenAI's chat endpoint.
    [Fact]
    public Task A_referenced_dto_posted_by_a_raw_http_client_is_read_as_a_body() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Chat.Contracts;

            namespace Chat.App
            {
                public sealed class RawChat
                {
                    private const string {|#0:Instructions|} = "You are a travel agent. Suggest at most three destinations and never quote prices.";

                    private readonly HttpClient http;

                    public RawChat(HttpClient http) => this.http = http;

                    public Task<HttpResponseMessage> AskAsync(string question) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new ChatRequestDto
                        {
                            Model = "gpt-4o-mini",
                            Messages = new List<ChatMessageDto>
                            {
                                new ChatMessageDto { Role = "system", Content = Instructions },
                                new ChatMessageDto { Role = "user", Content = question },
                            },
                        });
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.App.RawChat.Instructions"));

    // Near the bug: the conversation replayed through the same DTO. A user turn that reads like an instruction and an
    // assistant greeting are turns, not the app's prompt; a DTO filled for a log or a UI list never reaches a slot.
    [Fact]
    public Task User_and_assistant_turns_and_dtos_that_reach_no_slot_stay_quiet() =>
        VerifyAsync(
            Mapper.Replace("SERVICE", """
                public sealed class HistoryService
                    {
                        private readonly SdkChat chat;

                        public HistoryService(SdkChat chat) => this.chat = chat;

                        public Task<string> ContinueAsync(string question) => chat.SendAsync(new List<ChatMessageDto>
                        {
                            new ChatMessageDto { Role = "assistant", Content = "Hello! Ask me anything about your order." },
                            new ChatMessageDto { Role = "user", Content = "Summarize my last order and never skip the shipping fee." },
                            new ChatMessageDto { Role = "user", Content = question },
                        });
                    }

                    public sealed class TranscriptView
                    {
                        public List<StoredTurn> Lines { get; } = new();

                        public void ShowWelcome() => Lines.Add(new StoredTurn { Role = "system", Text = "You are connected. Always be kind to our agents." });
                    }
                """));

    // Half-typed: a property name misspelled (an error symbol), a value missing, a DTO type not found. No crash, no report.
    [Fact]
    public Task Half_typed_initializers_of_the_referenced_dto_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Mapper.Replace("SERVICE", """
                public sealed class BrokenService
                    {
                        private readonly SdkChat chat;

                        public BrokenService(SdkChat chat) => this.chat = chat;

                        public Task<string> AskAsync(string q) => chat.SendAsync(new List<ChatMessageDto>
                        {
                            new ChatMessageDto { Role = "system", Contnt = "You are a helpful assistant. Never guess." },
                            new ChatMessageDto { Role = "system", Content = },
                            new ChatMesageDto { Role = "system", Content = "You are a helpful assistant. Never guess." },
                        });
                    }
                """),
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(ProjectSummaryTests.CreateLibrary(Contracts))),
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
