using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A request whose messages are exactly one user message is the single-turn request of the string overloads written
/// with a message list (review57 recall census: TallesValiatti/AzureOpenAiFunctionCalling's BlogArticleWriter sends its
/// constant template, filled with Replace, as <c>chat.CompleteChatAsync([new UserChatMessage(formatted)])</c>): its
/// text is judged by the single-turn test, with the same exemptions (user input, probes, carried instructions). A list
/// with a system message, an assistant turn or appended to later is a conversation and is not.
/// </summary>
public class OneUserMessageRequestTests
{
    // The repro (/work/scratch/review57/Repro/UserTurnPromptTemplate): the template constant is the prompt, reported on
    // its name with its own id, as `client.GetResponseAsync(Classify)` reports a constant (PromptSlotTests).
    [Fact]
    public Task A_constant_template_filled_with_Replace_and_sent_as_the_only_user_message_is_a_prompt() =>
        VerifyAsync(
            """"
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Blog;
            public sealed class BlogArticleWriter(ChatClient chat)
            {
                private const string {|#0:MessageTemplate|} = """
                    Create a article about '{generalIdea}' in {numberOfWords} words.
                    Use the '{title}' as title.
                    Outputs only the article
                    """;

                public async Task<string> WriteAsync(string title, string idea, int words)
                {
                    var formatted = MessageTemplate
                        .Replace("{generalIdea}", idea)
                        .Replace("{title}", title)
                        .Replace("{numberOfWords}", words.ToString());
                    ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(formatted)]);
                    return completion.Content[0].Text;
                }
            }
            """",
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Blog.BlogArticleWriter.MessageTemplate"));

    // Its twin, the correct code: the same request with an eval case for the template.
    [Fact]
    public Task The_same_template_with_an_eval_case_is_covered() =>
        VerifyAsync(
            """"
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Blog;
            public sealed class BlogArticleWriter(ChatClient chat)
            {
                private const string MessageTemplate = "Create an article about '{idea}'. Output only the article.";

                public async Task<string> WriteAsync(string idea)
                {
                    var formatted = MessageTemplate.Replace("{idea}", idea);
                    ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(formatted)]);
                    return completion.Content[0].Text;
                }
            }
            """",
            ("evals/blog.evals.jsonl", Case("Blog.BlogArticleWriter.MessageTemplate", rule: "Output only the article.")));

    [Fact]
    public Task OpenAI_requests_whose_only_message_is_a_user_message_of_instructions_are_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Writers;
            public sealed class Writer(ChatClient chat)
            {
                public async Task<string> Params(string topic)
                {
                    ChatCompletion c = await chat.CompleteChatAsync(new UserChatMessage({|#0:$"You are a copywriter. Write a slogan about {topic}."|}));
                    return c.Content[0].Text;
                }

                public string Factory(string topic) =>
                    chat.CompleteChat(ChatMessage.CreateUserMessage(string.Format({|#1:"Summarize {0}. You must use at most three sentences."|}, topic))).Value.Content[0].Text;

                public async Task<string> Local(string text)
                {
                    var messages = new List<ChatMessage> { new UserChatMessage({|#2:$"Translate to French. Never add any notes.\n{text}"|}) };
                    ChatCompletion c = await chat.CompleteChatAsync(messages);
                    return c.Content[0].Text;
                }

                public async Task<string> ImplicitString(string text)
                {
                    ChatCompletion c = await chat.CompleteChatAsync({|#3:$"Act as an editor. Fix the grammar of: {text}"|});
                    return c.Content[0].Text;
                }

                public IAsyncEnumerable<StreamingChatCompletionUpdate> Stream(string text) =>
                    chat.CompleteChatStreamingAsync(new ChatMessage[] { new UserChatMessage({|#4:$"Rewrite this politely. Always keep it short.\n{text}"|}) });
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Writers.Writer.Params"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Writers.Writer.Factory"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Writers.Writer.Local"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Writers.Writer.ImplicitString"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Writers.Writer.Stream"));

    [Fact]
    public Task MEAI_requests_whose_only_message_is_a_user_message_of_instructions_are_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Writers;
            public sealed record Slogan(string Text);
            public sealed class Writer(IChatClient client)
            {
                public Task<ChatResponse> One(string topic) =>
                    client.GetResponseAsync(new ChatMessage(ChatRole.User, {|#0:$"You are a copywriter. Write a slogan about {topic}."|}));

                public Task<ChatResponse> List(string text) =>
                    client.GetResponseAsync([new(ChatRole.User, {|#1:$"Translate to French. Never add any notes.\n{text}"|})]);

                public IAsyncEnumerable<ChatResponseUpdate> Stream(string text) =>
                    client.GetStreamingResponseAsync(new ChatMessage(ChatRole.User, {|#2:$"Rewrite this politely. Always keep it short.\n{text}"|}));

                public Task<ChatResponse<Slogan>> Typed(string topic)
                {
                    List<ChatMessage> messages = [new ChatMessage(ChatRole.User, {|#3:$"Act as a marketer. Propose one slogan for {topic}."|})];
                    return client.GetResponseAsync<Slogan>(messages);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Writers.Writer.One"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Writers.Writer.List"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Writers.Writer.Stream"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Writers.Writer.Typed"));

    [Fact]
    public Task A_Semantic_Kernel_history_created_empty_with_one_user_message_of_instructions_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Writers;
            public sealed class Writer(IChatCompletionService chat)
            {
                public async Task<string?> Write(string topic)
                {
                    var history = new ChatHistory();
                    history.AddUserMessage({|#0:$"You are a copywriter. Write a slogan about {topic}."|});
                    var reply = await chat.GetChatMessageContentAsync(history);
                    return reply.Content;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Writers.Writer.Write"));

    // review57 item 3 with prompts16's single-turn instruction test: a named template with no persona and no keyword
    // (an imperative and a constraint, or an imperative after a leading phrase), filled with Replace, string.Format or
    // interpolation and sent as the only user message, is judged like the same template at the string overloads.
    [Fact]
    public Task A_named_instruction_template_without_persona_or_keyword_as_the_only_user_message_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;
            namespace Writers;
            public static class Templates
            {
                public const string {|#0:Outline|} = "Write an outline for an article about {0}. Use at most five headings.";
                public const string {|#1:Tags|} = "Given the article below, suggest five tags for it.\n{text}";
            }
            public sealed class Writer(ChatClient chat, IChatClient client)
            {
                private const string {|#2:Summary|} = "Summarize the text below in three bullet points.\n{text}";
                private const string {|#3:Review|} = "Proofread the release notes below. Keep the answer under 100 words.";

                public string Sync(string topic) =>
                    chat.CompleteChat(new UserChatMessage(string.Format(Templates.Outline, topic))).Value.Content[0].Text;

                public async Task<string> Tagged(string text)
                {
                    ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage(Templates.Tags.Replace("{text}", text))]);
                    return c.Content[0].Text;
                }

                public Task<ChatResponse> Summarize(string text) =>
                    client.GetResponseAsync(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, Summary.Replace("{text}", text)));

                public Task<ChatResponse> Described(string description) =>
                    client.GetResponseAsync(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, $"{Review}\n{description}"));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Writers.Templates.Outline"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Writers.Templates.Tags"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Writers.Writer.Summary"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Writers.Writer.Review"));

    // The correct code beside it: the same kind of templates next to a system message (the system text is the prompt),
    // the user's input as the only message, and constant questions and demo requests as the only message.
    [Fact]
    public Task Instruction_templates_next_to_a_system_message_user_input_and_constant_questions_are_not_single_turn_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;
            namespace Writers;
            public sealed class Writer(ChatClient chat, IChatClient client)
            {
                private const string Summary = "Summarize the text below in three bullet points.\n{text}";

                public async Task<string> WithSystem(string text)
                {
                    ChatCompletion c = await chat.CompleteChatAsync(
                        [new SystemChatMessage({|#0:"You are an editor. Always answer in English."|}),
                         new UserChatMessage(Summary.Replace("{text}", text))]);
                    return c.Content[0].Text;
                }

                public Task<ChatResponse> Input(string question) =>
                    client.GetResponseAsync(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, question));

                public string Sky() =>
                    chat.CompleteChat(new UserChatMessage("Given the current time of day and weather, what is the likely color of the sky in Boston?")).Value.Content[0].Text;

                public Task<ChatResponse> Joke() =>
                    client.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "Tell me a joke")]);

                public Task<ChatResponse> Where(int id) =>
                    client.GetResponseAsync(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, string.Format("Where is order {0}?", id)));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Writers.Writer.WithSystem"));

    // The correct code beside them: the user's question, a question written in code and a label as the one user message
    // are not prompts, in each SDK.
    [Fact]
    public Task The_users_question_as_the_only_user_message_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI.Chat;
            namespace Shop;
            public sealed class Answers(ChatClient openAI, IChatClient meai, IChatCompletionService sk)
            {
                public async Task<string> OpenAI(string question)
                {
                    ChatCompletion c = await openAI.CompleteChatAsync([new UserChatMessage(question)]);
                    return c.Content[0].Text;
                }

                public async Task<string> Where(int id)
                {
                    ChatCompletion c = await openAI.CompleteChatAsync(new UserChatMessage($"Where is order {id}?"));
                    return c.Content[0].Text;
                }

                public Task<ChatResponse> Meai(string question) =>
                    meai.GetResponseAsync(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, question));

                public Task<ChatResponse> Label() =>
                    meai.GetResponseAsync([new(ChatRole.User, "Summary")]);

                public async Task<string?> Sk(string question)
                {
                    var history = new ChatHistory();
                    history.AddUserMessage(question);
                    return (await sk.GetChatMessageContentAsync(history)).Content;
                }
            }
            """);

    // A list with a system message: the system text is the prompt (reported), the user text is the user's turn, even
    // when it reads like instructions.
    [Fact]
    public Task In_a_list_with_a_system_message_only_the_system_message_is_the_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;
            namespace Writers;
            public sealed class Writer(ChatClient chat, IChatClient client)
            {
                public async Task<string> OpenAI(string topic)
                {
                    ChatCompletion c = await chat.CompleteChatAsync(
                        [new SystemChatMessage({|#0:"You are a copywriter. Always answer in English."|}),
                         new UserChatMessage($"Write a slogan about {topic}. You must keep it short.")]);
                    return c.Content[0].Text;
                }

                public Task<ChatResponse> Meai(string topic) =>
                    client.GetResponseAsync(new List<Microsoft.Extensions.AI.ChatMessage>
                    {
                        new(ChatRole.System, {|#1:"You are a marketer. Never use emoji."|}),
                        new(ChatRole.User, $"Propose a slogan for {topic}. You must keep it short."),
                    });
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Writers.Writer.OpenAI"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Writers.Writer.Meai"));

    // Conversations: a history appended to in a loop, a list added to after its creation, an assistant turn beside the
    // user message, a history with another turn. The same instructing text as the positives above, and nothing reported.
    [Fact]
    public Task Conversations_built_turn_by_turn_are_not_single_turn() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI.Chat;
            namespace Chats;
            public sealed class Chat(ChatClient openAI, IChatClient meai, IChatCompletionService sk)
            {
                public async Task Loop(IEnumerable<string> topics)
                {
                    var history = new ChatHistory();
                    foreach (var topic in topics)
                    {
                        history.AddUserMessage($"You are a copywriter. Write a slogan about {topic}.");
                        var reply = await sk.GetChatMessageContentAsync(history);
                        history.Add(reply);
                    }
                }

                public async Task<string?> TwoTurns(string topic, string earlier)
                {
                    var history = new ChatHistory();
                    history.AddAssistantMessage(earlier);
                    history.AddUserMessage($"You are a copywriter. Write a slogan about {topic}.");
                    return (await sk.GetChatMessageContentAsync(history)).Content;
                }

                public async Task<string> AddedLater(string topic, bool french)
                {
                    var messages = new List<OpenAI.Chat.ChatMessage> { new UserChatMessage($"You are a copywriter. Write a slogan about {topic}.") };
                    if (french)
                    {
                        messages.Add(new AssistantChatMessage("Bien sûr."));
                    }

                    ChatCompletion c = await openAI.CompleteChatAsync(messages);
                    return c.Content[0].Text;
                }

                public Task<ChatResponse> WithAssistantTurn(string topic, string earlier) =>
                    meai.GetResponseAsync([
                        new(ChatRole.Assistant, earlier),
                        new(ChatRole.User, $"You are a copywriter. Write a slogan about {topic}."),
                    ]);

                public async Task Repeated(IEnumerable<string> topics)
                {
                    var messages = new List<OpenAI.Chat.ChatMessage> { new UserChatMessage("You are a copywriter. Always write one slogan.") };
                    foreach (var topic in topics)
                    {
                        await openAI.CompleteChatAsync(messages);
                    }
                }
            }
            """);

    // With instructions on the request's options the one user message is the user's message, as for the string
    // overloads; the instructions are judged as their own slot (covered here).
    [Fact]
    public Task A_user_message_sent_with_options_carrying_instructions_is_the_users_message() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Triage(IChatClient client)
            {
                public const string Prompt = "You triage customer mail. Answer with one label.";

                public Task<ChatResponse> Label() =>
                    client.GetResponseAsync(
                        new ChatMessage(ChatRole.User, "Your plan expires soon. You must renew within 7 days to keep your data."),
                        new ChatOptions { Instructions = Prompt });
            }
            """,
            ("evals/mail.evals.jsonl", Case("Mail.Triage.Prompt")));

    // Its twin: the same message with options that carry no instructions is the whole conversation.
    [Fact]
    public Task The_same_user_message_with_options_without_instructions_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Triage(IChatClient client)
            {
                public Task<ChatResponse> Label() =>
                    client.GetResponseAsync(
                        new ChatMessage(ChatRole.User, {|#0:"Your plan expires soon. You must renew within 7 days to keep your data."|}),
                        new ChatOptions { Temperature = 0 });
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Triage.Label"));

    // A probe: a constant request whose answer is only tested keeps nothing the model says (ProbeRequests).
    [Fact]
    public Task A_probe_sent_as_the_only_user_message_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Health;
            public sealed class Check(ChatClient chat)
            {
                public async Task<bool> PingAsync()
                {
                    ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage("Reply only with the word OK.")]);
                    return c.Content.Count > 0;
                }
            }
            """);

    // Its twin: the same constant request whose answer is returned.
    [Fact]
    public Task The_same_constant_request_whose_answer_is_used_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Health;
            public sealed class Check(ChatClient chat)
            {
                public async Task<string> PingAsync()
                {
                    ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage({|#0:"Reply only with the word OK."|})]);
                    return c.Content[0].Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Health.Check.PingAsync"));

    [Fact]
    public Task Half_typed_message_lists_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel.ChatCompletion;
                using OpenAI.Chat;
                namespace Broken;
                public sealed class Talker(ChatClient chat, IChatClient client, IChatCompletionService sk)
                {
                    public Task A() => chat.CompleteChatAsync([new UserChatMessage(]);
                    public Task B() => chat.CompleteChatAsync([new UserChatMessage("You are a pirate. Always
                    public Task C() => chat.CompleteChatAsync(new UserChatMessage("You are a pirate. Always answer."), );
                    public Task D() => client.GetResponseAsync([new(ChatRole.User, )]);
                    public Task E() => client.GetResponseAsync(new Microsoft.Extensions.AI.ChatMessage(ChatRole., "You are a pirate. Always answer."));
                    public async Task F()
                    {
                        var history = new ChatHistory();
                        history.AddUserMessage({|#0:"You are a pirate. Always answer."|};
                        await sk.GetChatMessageContentAsync(history
                    }
                    public Task G() { var m = new List<OpenAI.Chat.ChatMessage> { new UserChatMessage({|#1:"You are a pirate. Always answer."|}) ; return chat.CompleteChatAsync(m); }
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;

        // F and G are broken after the text: the history and the list still hold one user message of instructions.
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Broken.Talker.F"));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(1).WithArguments("Broken.Talker.G"));
        return test.RunAsync();
    }
}
