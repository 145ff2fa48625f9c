using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using AnalyzerTest = AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// More wrapper shapes around a single-turn request (<see cref="SingleTurnWrapperTests"/> has the repro): a wrapper
/// that adds a system message only when its caller gives one (judged at the calls that leave it out), and wrappers of
/// Semantic Kernel's InvokePromptAsync, an agent run and a raw HTTP body.
/// </summary>
public class SingleTurnWrapperShapesTests
{
    // A wrapper that adds a system message only when the caller gives one (`AskAsync(prompt, systemPrompt: null)`): a
    // call that leaves it out sends the template alone, a call that gives one makes the template the user's turn.
    [Fact]
    public Task A_template_passed_where_the_wrappers_optional_system_message_is_left_out_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Tennis;
            public class OpenAIService(ChatClient chat)
            {
                public async Task<string> AskAsync(string prompt, string? systemPrompt = null)
                {
                    var messages = new List<ChatMessage>();
                    if (!string.IsNullOrWhiteSpace(systemPrompt))
                    {
                        messages.Add(new SystemChatMessage(systemPrompt));
                    }

                    messages.Add(new UserChatMessage(prompt));
                    var r = await chat.CompleteChatAsync(messages);
                    return r.Value.Content[0].Text;
                }
            }

            public class Coach(OpenAIService _openAI)
            {
                private const string {|#1:Persona|} = "You are a tennis coach. Always answer in three short bullet points.";

                public Task<string> TipsAsync(string statsJson) =>
                    _openAI.AskAsync({|#0:$"Analyze the following tennis match statistics and give the player three concrete tips to improve:\n{statsJson}"|});

                public Task<string> NullAsync(string stats) =>
                    _openAI.AskAsync({|#2:$"Review the serve statistics below and list the two biggest weaknesses:\n{stats}"|}, null);

                // The persona is the prompt here; the template beside it is the user's turn.
                public Task<string> WithPersonaAsync(string statsJson) =>
                    _openAI.AskAsync($"Analyze the following tennis match statistics and list the player's three best shots:\n{statsJson}", Persona);

                public Task<string> AnswerAsync(string question) => _openAI.AskAsync(question);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tennis.Coach.TipsAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Tennis.Coach.Persona"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Tennis.Coach.NullAsync"));

    // The same shape written with Microsoft.Extensions.AI, and a list whose system message is added whatever the caller
    // passes (then the list is a conversation with a system prompt, never single-turn).
    [Fact]
    public Task The_optional_system_message_is_read_with_Microsoft_Extensions_AI_and_an_unconditional_one_stays_a_conversation() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Reviews;
            public sealed class AiService(IChatClient client)
            {
                public async Task<string> AskAsync(string prompt, string? system = null)
                {
                    var messages = new List<ChatMessage>();
                    if (system is not null)
                        messages.Add(new ChatMessage(ChatRole.System, system));
                    messages.Add(new ChatMessage(ChatRole.User, prompt));
                    return (await client.GetResponseAsync(messages)).Text;
                }

                public async Task<string> AlwaysAsync(string prompt, string system)
                {
                    var messages = new List<ChatMessage>();
                    messages.Add(new ChatMessage(ChatRole.System, system));
                    messages.Add(new ChatMessage(ChatRole.User, prompt));
                    return (await client.GetResponseAsync(messages)).Text;
                }
            }

            public sealed class Reviews(AiService ai)
            {
                public Task<string> ClassifyAsync(string review) =>
                    ai.AskAsync({|#0:$"Classify the sentiment of this review as positive, negative or neutral: {review}"|});

                public Task<string> AlwaysAsync(string review, string system) =>
                    ai.AlwaysAsync($"Classify the sentiment of this review as positive, negative or neutral: {review}", system);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Reviews.Reviews.ClassifyAsync"));

    // The other single-turn requests behind a wrapper: Semantic Kernel's InvokePromptAsync and an agent run. The
    // user's question through the same wrappers stays quiet.
    [Fact]
    public Task Semantic_Kernel_and_agent_run_wrappers_are_followed_too() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.SemanticKernel;
            namespace Study;
            public sealed class KernelService(Kernel kernel)
            {
                public async Task<string> RunAsync(string prompt) => (await kernel.InvokePromptAsync(prompt)).ToString();
            }

            public sealed class AgentService(AIAgent agent)
            {
                public async Task<string> RunAsync(string message) => (await agent.RunAsync(message)).Text;
            }

            public sealed class Tutor(KernelService kernel, AgentService agent)
            {
                public Task<string> PlanAsync(string weak) =>
                    kernel.RunAsync({|#0:$"Based on the weak topics ({weak}), recommend what the student should study next."|});

                public Task<string> QuizAsync(string topic) =>
                    agent.RunAsync({|#1:$"Write three quiz questions about the following topic for beginners: {topic}"|});

                public Task<string> AskAsync(string question) => kernel.RunAsync(question);

                public Task<string> ChatAsync(string topic) => agent.RunAsync($"What is {topic}?");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Study.Tutor.PlanAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Study.Tutor.QuizAsync"));

    // A raw HTTP body whose one user message is the wrapper's parameter (review57's CronometerLogMealApi shape).
    [Fact]
    public Task A_raw_http_wrapper_whose_only_user_message_is_its_parameter_is_followed()
    {
        var test = new AnalyzerTest
        {
            TestCode = """
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                namespace Meals;
                public sealed class OpenAIHttpClient(HttpClient http)
                {
                    public Task<HttpResponseMessage> GenerateTextAsync(string prompt) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                        {
                            model = "gpt-4o-mini",
                            messages = new[] { new { role = "user", content = prompt } },
                        });
                }

                public sealed class MealProcessor(OpenAIHttpClient client)
                {
                    public Task<HttpResponseMessage> ParseAsync(string meal) =>
                        client.GenerateTextAsync({|#0:$"Extract every food and its quantity from the meal below as JSON.\n{meal}"|});

                    public Task<HttpResponseMessage> AskAsync(string question) => client.GenerateTextAsync(question);
                }
                """,
            References = AiLint.Tests.Verifiers.ReferenceAssemblies.FrameworkOnly,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Meals.MealProcessor.ParseAsync"));
        return test.RunAsync();
    }

    // Half-typed optional-system wrapper: the test is unfinished, the system message's type does not bind yet.
    [Fact]
    public async Task Half_typed_optional_system_wrappers_do_not_crash_or_report()
    {
        var test = new AnalyzerTest
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using OpenAI.Chat;
                namespace Tennis;
                public class OpenAIService(ChatClient chat)
                {
                    public async Task<string> AskAsync(string prompt, string? systemPrompt = null)
                    {
                        var messages = new List<ChatMessage>();
                        if (systemPrompt is not)
                            messages.Add(new SystemChatMesage(systemPrompt));
                        messages.Add(new UserChatMessage(prompt));
                        var r = await chat.CompleteChatAsync(messages);
                        return r.Value.Content[0].Text;
                    }
                }

                public class Coach(OpenAIService _openAI)
                {
                    public Task<string> TipsAsync(string statsJson) =>
                        _openAI.AskAsync($"Analyze the following tennis match statistics and give the player three concrete tips to improve:\n{statsJson}");
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
