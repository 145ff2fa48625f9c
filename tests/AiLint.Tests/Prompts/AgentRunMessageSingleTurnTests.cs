using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review81 U-2 (lindexi/CoursewareScriptAgent Program.cs:146): the evaluator's whole instruction template sent as one
/// user-role <c>ChatMessage</c> to an Agent Framework run of an agent built without instructions. The
/// <c>RunAsync(ChatMessage)</c> / <c>RunStreamingAsync(ChatMessage)</c> / one-message list overloads are the string
/// overload spelled another way, judged by the same single-turn test; the user's own text, a list with a system message,
/// and a run whose agent or options carry instructions stay quiet.
/// </summary>
public class AgentRunMessageSingleTurnTests
{
    [Fact]
    public Task An_instruction_template_sent_as_the_one_user_message_of_an_agent_run_is_a_prompt() =>
        VerifyAsync(
            """"
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Courseware;
            public sealed class Evaluator(IChatClient client)
            {
                public async Task<string> EvaluateAsync(string scripts)
                {
                    ChatClientAgent evaluator = client.AsAIAgent(new ChatClientAgentOptions { Name = "evaluator" });
                    var message = new ChatMessage(ChatRole.User, {|#0:$"""
                        你是一个中立的 AI 评估者。请根据以下所有页面的讲述脚本，评价 SubAgent 的整体表现。

                        评价重点：
                        1. 是否忠实于课件页面信息，是否存在臆测和编造。
                        2. 是否适合生成讲述音频。

                        所有页面讲述脚本：
                        {scripts}
                        """|});
                    var session = await evaluator.CreateSessionAsync();
                    var text = "";
                    await foreach (var update in evaluator.RunStreamingAsync(message, session))
                    {
                        text += update.Text;
                    }

                    return text;
                }

                public async Task<string> SummarizeAsync(AIAgent agent, string ticket) =>
                    (await agent.RunAsync(new ChatMessage(ChatRole.User, {|#1:$"Summarize the following ticket in three bullet points: {ticket}"|}))).Text;

                public async Task<string> ListAsync(AIAgent agent, string review) =>
                    (await agent.RunAsync([new ChatMessage(ChatRole.User, {|#2:"Classify the sentiment of this review as positive or negative: " + review|})])).Text;
            }
            """",
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Courseware.Evaluator.EvaluateAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Courseware.Evaluator.SummarizeAsync"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Courseware.Evaluator.ListAsync"));

    // The message local read once as the collection of an `await foreach` over the stream: that collection runs once,
    // so the local is still read only by this request (the brief's spelling of U-2, and the chat client's twin).
    [Fact]
    public Task A_message_local_read_by_the_streamed_request_an_await_foreach_walks_is_judged() =>
        VerifyAsync(
            """"
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Courseware;
            public sealed class Streams(IChatClient chat)
            {
                public async IAsyncEnumerable<string> AgentAsync(AIAgent agent, string scripts)
                {
                    var message = new ChatMessage(ChatRole.User, {|#0:$"Summarize the following narration scripts in three bullet points: {scripts}"|});
                    await foreach (var update in agent.RunStreamingAsync(message))
                    {
                        yield return update.Text;
                    }
                }

                public async IAsyncEnumerable<string> ChatAsync(string scripts)
                {
                    var message = new ChatMessage(ChatRole.User, {|#1:$"Summarize the following narration scripts in three bullet points: {scripts}"|});
                    await foreach (var update in chat.GetStreamingResponseAsync(message))
                    {
                        yield return update.Text;
                    }
                }

                // Read again inside the loop body: a conversation built turn by turn, not one request.
                public async Task<string> LoopAsync(AIAgent agent, string scripts)
                {
                    var message = new ChatMessage(ChatRole.User, $"Summarize the following narration scripts in three bullet points: {scripts}");
                    var text = "";
                    foreach (var attempt in new[] { 1, 2 })
                    {
                        text += (await agent.RunAsync(message)).Text;
                    }

                    return text;
                }
            }
            """",
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Courseware.Streams.AgentAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Courseware.Streams.ChatAsync"));

    [Fact]
    public Task The_users_text_a_conversation_and_instructed_runs_are_not_judged() =>
        VerifyAsync(
            """"
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Courseware;
            public sealed class Chat(IChatClient client, AIAgent agent)
            {
                private const string TicketTask = "Summarize the following ticket in three bullet points: ";

                // The user's own text in the message.
                public async Task<string> AskAsync(string userInput) =>
                    (await agent.RunAsync(new ChatMessage(ChatRole.User, userInput))).Text;

                // A question, not an instruction.
                public async Task<string> WeatherAsync() =>
                    (await agent.RunAsync(new ChatMessage(ChatRole.User, "What is the weather?"))).Text;

                // A list with a system message: the user turn is not judged (the system text is the slot, a data label here).
                public async Task<string> ConversationAsync(string ticket, string persona) =>
                    (await agent.RunAsync(new List<ChatMessage>
                    {
                        new(ChatRole.System, persona),
                        new(ChatRole.User, TicketTask + ticket),
                    })).Text;

                // An agent created with instructions of its own: the user message is the user's turn under them.
                public async Task<string> InstructedAgentAsync(string ticket)
                {
                    AIAgent instructed = client.AsAIAgent(instructions: persona());
                    return (await instructed.RunAsync(new ChatMessage(ChatRole.User, TicketTask + ticket))).Text;

                    static string persona() => System.Environment.GetEnvironmentVariable("PERSONA") ?? "";
                }

                // Run options carrying instructions for this run.
                public async Task<string> InstructedRunAsync(string ticket, string rules) =>
                    (await agent.RunAsync(
                        new ChatMessage(ChatRole.User, TicketTask + ticket),
                        options: new ChatClientAgentRunOptions(new ChatOptions { Instructions = rules }))).Text;

                // A message list the caller hands in: not built here.
                public async Task<string> PassedAsync(IEnumerable<ChatMessage> messages) => (await agent.RunAsync(messages)).Text;
            }
            """");

    [Fact]
    public async Task Half_typed_agent_runs_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode =
                """
                using System.Threading.Tasks;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                namespace Draft;
                public sealed class Runs(AIAgent agent)
                {
                    public Task One(string ticket) => agent.RunAsync(new ChatMessage(ChatRole.User, ));
                    public Task Two(string ticket) => agent.RunAsync(new ChatMessage(ChatRole., $"Summarize the following ticket in three bullet points: {ticket}"));
                    public Task Three(string ticket) => agent.RunAsync(new Missing(ChatRole.User, $"Summarize the following ticket in three bullet points: {ticket}"));
                    public Task Four(string ticket) => unknown.RunAsync(new ChatMessage(ChatRole.User, $"Summarize the following ticket in three bullet points: {ticket}"));
                    public Task Five() => agent.RunAsync([new ChatMessage(ChatRole.User, ), ]);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
