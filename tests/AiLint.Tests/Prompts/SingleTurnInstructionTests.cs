using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using AnalyzerTest = AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The app's own instruction sent as a single-turn request with no persona or keyword sentence (review58
/// RogerBarreto/semantic-kernel-demos UsingPromptSettings, review57 ApiWithAI): a template whose fixed text around its
/// hole passes the template test (<c>$"Summarize the following text in 3 bullet points: {text}"</c>,
/// <c>"Translate the following text to French: " + input</c>), or constant text that opens with an imperative and has a
/// second instructing sentence or one long sentence with a constraint (<c>"Write a 5-word sentence describing a sunny
/// day."</c>). Each slot family has its positives and, beside them, the demo questions, the user's text, a label over
/// data and a question with a hole, which stay quiet.
/// </summary>
public class SingleTurnInstructionTests
{
    [Fact]
    public Task Semantic_Kernel_instructions_without_persona_are_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Weather;
            public sealed class Writer(Kernel kernel, IChatCompletionService chat)
            {
                public async Task<string> Sunny()
                {
                    var prompt = {|#0:"Write a 5-word sentence describing a sunny day."|};
                    return (await kernel.InvokePromptAsync(prompt)).ToString();
                }

                public async Task<string> Bullets(string text) =>
                    (await kernel.InvokePromptAsync({|#1:$"Summarize the following text in 3 bullet points: {text}"|})).ToString();

                public async Task<string> Chapter(KernelArguments arguments) =>
                    (await kernel.InvokePromptAsync({|#2:"Summarize the characters and plot events of the chapter, chapter by chapter:\n{{$chapter}}"|}, arguments)).ToString();

                public async Task<string?> French(string input) =>
                    (await chat.GetChatMessageContentAsync({|#3:"Translate the following text to French: " + input|})).Content;

                public async Task<string?> Poem() =>
                    (await chat.GetChatMessageContentAsync({|#4:"Write a poem about the sea. Keep it under 8 lines."|})).Content;

                // review58 GroudingPromptsWithPlugins: the quoted sentence with its variables is data, the instruction follows it.
                public async Task<string> Grounding(KernelArguments arguments)
                {
                    var grounding = {|#5:"\"At {{$time}}: {{$name}} looked at the light bulb and see that the light is {{$status}}.\", Repeat the provided sentence."|};
                    return (await kernel.InvokePromptAsync(grounding, arguments)).ToString();
                }

                // Semantic Kernel's getting-started template: the question is the data's, the second sentence instructs.
                public async Task<string> Sky(KernelArguments arguments) =>
                    (await kernel.InvokePromptAsync({|#6:"What color is the {{$topic}}? Provide a detailed explanation."|}, arguments)).ToString();
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Weather.Writer.Sunny"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Weather.Writer.Bullets"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Weather.Writer.Chapter"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Weather.Writer.French"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Weather.Writer.Poem"),
            Diagnostic("AIL0301").WithLocation(5).WithArguments("Weather.Writer.Grounding"),
            Diagnostic("AIL0301").WithLocation(6).WithArguments("Weather.Writer.Sky"));

    // A Semantic Kernel template whose only line before its variable is a label of four words or more that opens with
    // an imperative instructs (the template test), at the template slot too; a template of variables and short labels
    // still only passes the conversation through.
    [Fact]
    public Task A_template_whose_label_line_instructs_is_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel;
            namespace Mail;
            public static class Functions
            {
                public static KernelFunction Business(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt({|#0:"Write a business mail about the following topic:\n{{$input}}"|});

                public static KernelFunction Chat(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt("{{$history}}\nUser: {{$input}}\nAssistant:");

                public static KernelFunction Topic(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt("Topic of the mail:\n{{$input}}");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Functions.Business"));

    // review58 Repro/DeadSystemMessage (luiscoco Sample2.razor): a system message built into a local array that nothing
    // reads is still reported. The constructor is the slot; the message names a prompt the team wrote for a model, and
    // the report lands on the real defect (the system prompt is never sent), which the maintainer fixes by sending or
    // deleting it. The request beside it, the user's text, is not a prompt.
    [Fact]
    public Task A_system_message_in_a_local_nothing_reads_is_still_reported() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Blazor;
            public sealed class Sample(IChatClient client)
            {
                public async Task<string> Send(string userInputText)
                {
                    var conversation = new[]
                    {
                        new ChatMessage(ChatRole.System, {|#0:"You are a helpful AI assistant"|}),
                        new ChatMessage(ChatRole.User, userInputText),
                    };
                    var response = await client.GetResponseAsync(userInputText);
                    return response.Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Blazor.Sample.Send"));

    // The correct code beside it: demo questions, the user's text, a label over data and a question with a hole.
    [Fact]
    public Task Semantic_Kernel_questions_and_the_users_text_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Demo;
            public sealed class Samples(Kernel kernel, IChatCompletionService chat)
            {
                public async Task<string> Capital() => (await kernel.InvokePromptAsync("What is the capital of France?")).ToString();
                public async Task<string> Joke() => (await kernel.InvokePromptAsync("Tell me a joke")).ToString();
                public async Task<string> Hello() => (await kernel.InvokePromptAsync("Hello")).ToString();
                public async Task<string> Sum() => (await kernel.InvokePromptAsync("What is 2+2?")).ToString();
                public async Task<string> Quantum() => (await kernel.InvokePromptAsync("Explain quantum computing")).ToString();
                public async Task<string> Story() => (await kernel.InvokePromptAsync("Tell me a short story.")).ToString();
                public async Task<string> Haiku() => (await kernel.InvokePromptAsync("Write a haiku about C#.")).ToString();
                public async Task<string> Ask(string question) => (await kernel.InvokePromptAsync(question)).ToString();
                public async Task<string> Docs(string docs) => (await kernel.InvokePromptAsync($"Context: {docs}")).ToString();
                public async Task<string> What(string x) => (await kernel.InvokePromptAsync($"What is {x}?")).ToString();
                public async Task<string> Topic(KernelArguments arguments) => (await kernel.InvokePromptAsync("What color is the {{$topic}}?", arguments)).ToString();
                public async Task<string?> Typed(string input) => (await chat.GetChatMessageContentAsync(input)).Content;
                public async Task<string?> Label(string input) => (await chat.GetChatMessageContentAsync("Question: " + input)).Content;
            }
            """);

    [Fact]
    public Task Chat_client_instructions_without_persona_are_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Notes;
            public sealed class Digest(IChatClient chat)
            {
                public async Task<string> Stoicism() =>
                    (await chat.GetResponseAsync({|#0:"Summarise the key ideas of stoicism in three bullet points."|})).Text;

                public async Task<string> Blurb(string product) =>
                    (await chat.GetResponseAsync({|#1:$"Write a product description for {product}. Keep it under 50 words."|})).Text;

                public async Task<string> French(string input) =>
                    (await chat.GetResponseAsync({|#2:"Translate the following text to French: " + input|})).Text;

                public async Task<string> Recursion() =>
                    (await chat.GetResponseAsync({|#3:"Explain recursion for beginners. Use one short example in C#."|})).Text;
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Notes.Digest.Stoicism"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Notes.Digest.Blurb"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Notes.Digest.French"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Notes.Digest.Recursion"));

    [Fact]
    public Task Chat_client_questions_and_the_users_text_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Demo;
            public sealed class Samples(IChatClient chat)
            {
                public async Task<string> Capital() => (await chat.GetResponseAsync("What is the capital of France?")).Text;
                public async Task<string> Joke() => (await chat.GetResponseAsync("Tell me a joke")).Text;
                public async Task<string> Hello() => (await chat.GetResponseAsync("Hello")).Text;
                public async Task<string> Sum() => (await chat.GetResponseAsync("What is 2+2?")).Text;
                public async Task<string> Quantum() => (await chat.GetResponseAsync("Explain quantum computing")).Text;
                public async Task<string> OneWord() => (await chat.GetResponseAsync("Say hello in one word.")).Text;
                public async Task<string> French() => (await chat.GetResponseAsync("Tell me a joke in French.")).Text;
                public async Task<string> Bored() => (await chat.GetResponseAsync("Tell me a joke. I'm bored.")).Text;
                public async Task<string> Ask(string question) => (await chat.GetResponseAsync(question)).Text;
                public async Task<string> Docs(string docs) => (await chat.GetResponseAsync($"Context: {docs}")).Text;
                public async Task<string> What(string x) => (await chat.GetResponseAsync($"What is {x}?")).Text;
                public async Task<string> Spanish(string x) => (await chat.GetResponseAsync($"¿Qué es {x}?")).Text;
            }
            """);

    [Fact]
    public Task OpenAI_chat_client_instructions_without_persona_are_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Reviews;
            public sealed class Classifier(ChatClient chat)
            {
                public async Task<string> Upbeat()
                {
                    ChatCompletion completion = await chat.CompleteChatAsync({|#0:"Write one upbeat sentence about on-device AI."|});
                    return completion.Content[0].Text;
                }

                public async Task<string> Sentiment(string review)
                {
                    ChatCompletion completion = await chat.CompleteChatAsync({|#1:$"Classify the sentiment of this review as positive or negative: {review}"|});
                    return completion.Content[0].Text;
                }

                public async Task<string> Japanese(string text)
                {
                    ChatCompletion completion = await chat.CompleteChatAsync({|#2:$"次の文章を三行で要約してください。\n{text}"|});
                    return completion.Content[0].Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Reviews.Classifier.Upbeat"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Reviews.Classifier.Sentiment"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Reviews.Classifier.Japanese"));

    [Fact]
    public Task OpenAI_chat_client_questions_and_the_users_text_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Demo;
            public sealed class Samples(ChatClient chat)
            {
                public async Task<string> Capital() => (await chat.CompleteChatAsync("What is the capital of France?")).Value.Content[0].Text;
                public async Task<string> Joke() => (await chat.CompleteChatAsync("Tell me a joke")).Value.Content[0].Text;
                public async Task<string> Hello() => (await chat.CompleteChatAsync("Hello")).Value.Content[0].Text;
                public async Task<string> Sum() => (await chat.CompleteChatAsync("What is 2+2?")).Value.Content[0].Text;
                public async Task<string> Quantum() => (await chat.CompleteChatAsync("Explain quantum computing")).Value.Content[0].Text;
                public async Task<string> Services() => (await chat.CompleteChatAsync("Please list three Azure services")).Value.Content[0].Text;
                public async Task<string> Ask(string question) => (await chat.CompleteChatAsync(question)).Value.Content[0].Text;
                public async Task<string> Docs(string docs) => (await chat.CompleteChatAsync($"Context: {docs}")).Value.Content[0].Text;
                public async Task<string> What(string x) => (await chat.CompleteChatAsync($"What is {x}?")).Value.Content[0].Text;
                public async Task<string> Japanese(string x) => (await chat.CompleteChatAsync($"{x}とは何ですか？")).Value.Content[0].Text;
            }
            """);

    // review62 "Misses not promised" 3 (mhabibr02 cs/TemplatePrompt.cs): a Semantic Kernel template whose instruction
    // follows an introductory phrase ("Given this user's background, provide ..."). The imperative after a leading
    // participle or prepositional phrase set off by a comma counts, in templates and in constant text; shapes from the
    // code corpus (an e-learning helper's "Based on the completed topics (...), recommend ...", a business-idea
    // generator's "Given ideas from different experts, combine ...").
    [Fact]
    public Task An_imperative_after_a_leading_phrase_is_an_instruction() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            namespace Recipes;
            public sealed class Suggestions(Kernel kernel, IChatClient chat)
            {
                public async Task<string> ForUser(string history)
                {
                    string prompt = {|#0:@"This is some information about the user's background:
                        {{$history}}

                        Given this user's background, provide a list of relevant recipes."|};
                    return (await kernel.InvokePromptAsync(prompt, new KernelArguments { { "history", history } })).ToString();
                }

                public async Task<string> Ideas(string text) =>
                    (await kernel.InvokePromptAsync({|#1:$"Given ideas from different experts, combine and refine them and propose 3 best business ideas!IDEAS:{text}"|})).ToString();

                public async Task<string> NextTopic(string completed, string weak) =>
                    (await chat.GetResponseAsync({|#2:$"Based on the completed topics ({completed}) and weak topics ({weak}), recommend what the student should study next."|})).Text;

                public async Task<string> Grounded(string docs, string question) =>
                    (await chat.GetResponseAsync({|#3:$"Using the context below, answer the question.\nContext: {docs}\nQuestion: {question}"|})).Text;

                // Constant text: the first sentence's verb follows the phrase, the second sentence instructs.
                public async Task<string> Largest() =>
                    (await chat.GetResponseAsync({|#4:"Given a list of integers, write a C# method that returns the three largest values. Keep it under 20 lines."|})).Text;
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Recipes.Suggestions.ForUser"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Recipes.Suggestions.Ideas"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Recipes.Suggestions.NextTopic"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Recipes.Suggestions.Grounded"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Recipes.Suggestions.Largest"));

    // The correct code beside it, from real single-turn strings (Semantic Kernel's function-calling samples, agent demos,
    // a filter demo, a bot's replies): questions after a leading phrase, a phrase without a comma, a greeting or a
    // statement before the comma, a label over data, and short demo requests without a constraint stay quiet.
    [Fact]
    public Task Questions_statements_and_demo_requests_after_a_leading_phrase_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            namespace Demo;
            public sealed class Samples(Kernel kernel, IChatClient chat)
            {
                public async Task<string> Sky() => (await kernel.InvokePromptAsync("Given the current time of day and weather, what is the likely color of the sky in Boston?")).ToString();
                public async Task<string> Lights() => (await kernel.InvokePromptAsync("Given the current time of day, what lights are available and what are their states?")).ToString();
                public async Task<string> Dated() => (await kernel.InvokePromptAsync("Given that it is now the 9th of September 2024, 11:29 AM, what is the likely color of the sky in Boston?")).ToString();
                public async Task<string> Pack() => (await chat.GetResponseAsync("Based on my trip, what should I pack for October weather in Japan?")).Text;
                public async Task<string> Scenario() => (await kernel.InvokePromptAsync("In the hypothetical scenario world war 3 happens, which country will become the new world power?")).ToString();
                public async Task<string> Features() => (await chat.GetResponseAsync("Based on CMP 2026 list required features for this engagement")).Text;
                public async Task<string> Order() => (await kernel.InvokePromptAsync("Hi, my name is Rushik.\nMy email is rushik@example.com.\nPlease check my order ORD-1234.")).ToString();
                public async Task<string> HelloWorld() => (await chat.GetResponseAsync("Using C#, write a hello world program.")).Text;
                public async Task<string> Ready() => (await chat.GetResponseAsync("When you are ready, tell me a joke.")).Text;
                public async Task<string> Config(string config) => (await chat.GetResponseAsync($"Using the following configuration:\n{config}")).Text;
                public async Task<string> Capital(string country) => (await chat.GetResponseAsync($"In {country}, what is the capital city?")).Text;
                public async Task<string> Plan(string plan) => (await chat.GetResponseAsync($"Based on your usage patterns, we'd recommend you take the following plan: {plan}")).Text;
                public async Task<string> Feel(string feeling) => (await chat.GetResponseAsync($"Based on what you shared with me, here's how I feel: {feeling}")).Text;
            }
            """);

    [Fact]
    public async Task Half_typed_single_turn_requests_do_not_crash()
    {
        var test = new AnalyzerTest
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                namespace Demo;
                public sealed class Samples(IChatClient chat, Kernel kernel)
                {
                    public async Task<string> A(string text) => (await chat.GetResponseAsync($"Summarize {text} in  + )).Text;
                    public async Task<string> B(string text) => (await chat.GetResponseAsync("Translate the following text to French: " + )).Text;
                    public async Task<string> C() => (await kernel.InvokePromptAsync("Write a 5-word sentence {{$input", )).ToString();
                    public async Task<string> D() => (await chat.GetResponseAsync(Missing.Prompt + "Write")).Text;
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
