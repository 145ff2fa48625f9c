using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 51 (repro ResultLoopDerivedLocal, shape of banking-multi-agent-workshop's <c>RunWorkflowAsync</c>): a result
/// retry whose exit tests a local computed from the answer's own members in the statement right after the call
/// (<c>sel = r.Messages.LastOrDefault()?.AuthorName ?? "__"; if (sel != "__") return r.Text;</c> in <c>while (sel == "__"
/// &amp;&amp; counter &lt; 5)</c>) tests the answer, as <c>if (r.Messages.LastOrDefault()?.AuthorName is { Length: &gt; 0 })</c>
/// does. The page's other conditions still hold: a loop that changes the request, keeps each answer, or leaves without
/// the answer stays quiet.
/// </summary>
public class DerivedLocalResultLoopTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    /// <summary>The repro: the agent run, the same over a chat client, and the control that tests the answer directly.</summary>
    [Fact]
    public Task Exit_on_a_local_derived_from_the_answer_is_a_result_retry() => VerifyAsync(
        """
        public sealed class Orchestrator(AIAgent coordinator, IChatClient chat)
        {
            public async Task<string> AgentAsync(List<ChatMessage> messages)
            {
                string selectedAgent = "__";
                int counter = 0;
                while (selectedAgent == "__" && counter < 5)
                {
                    AgentResponse response = await coordinator.[|RunAsync|](messages);
                    selectedAgent = response.Messages.LastOrDefault()?.AuthorName ?? "__";
                    if (selectedAgent != "__") return response.Text;
                    counter++;
                }
                return "";
            }

            public async Task<string> ChatAsync(List<ChatMessage> messages)
            {
                string selected = "__";
                int counter = 0;
                while (selected == "__" && counter < 5)
                {
                    ChatResponse response = await chat.[|GetResponseAsync|](messages);
                    selected = response.Messages.LastOrDefault()?.AuthorName ?? "__";
                    if (selected != "__") return response.Text;
                    counter++;
                }
                return "";
            }

            public async Task<string> DirectAsync(List<ChatMessage> messages)
            {
                int counter = 0;
                while (counter < 5)
                {
                    AgentResponse response = await coordinator.[|RunAsync|](messages);
                    if (response.Messages.LastOrDefault()?.AuthorName is { Length: > 0 }) return response.Text;
                    counter++;
                }
                return "";
            }
        }
        """);

    /// <summary>
    /// The twins: the rejected answer appended to the conversation (a turn loop), the local also fed by something other
    /// than the answer (a field), the exit returning only a verdict, and the loop keeping every answer: quiet.
    /// </summary>
    [Fact]
    public Task Derived_local_loops_that_change_keep_or_verdict_stay_quiet() => VerifyAsync(
        """
        public sealed class Orchestrator(IChatClient chat)
        {
            private string fallbackAuthor = "__";

            public async Task<string> AppendsAsync(List<ChatMessage> messages)
            {
                string selected = "__";
                int counter = 0;
                while (selected == "__" && counter < 5)
                {
                    ChatResponse response = await chat.GetResponseAsync(messages);
                    messages.AddMessages(response);
                    selected = response.Messages.LastOrDefault()?.AuthorName ?? "__";
                    if (selected != "__") return response.Text;
                    counter++;
                }
                return "";
            }

            public async Task<string> MixedAsync(List<ChatMessage> messages)
            {
                string selected = "__";
                int counter = 0;
                while (selected == "__" && counter < 5)
                {
                    ChatResponse response = await chat.GetResponseAsync(messages);
                    selected = response.Messages.LastOrDefault()?.AuthorName ?? fallbackAuthor;
                    if (selected != "__") return selected;
                    counter++;
                }
                return "";
            }

            public async Task<bool> VerdictAsync(List<ChatMessage> messages)
            {
                string selected = "__";
                int counter = 0;
                while (counter < 5)
                {
                    ChatResponse response = await chat.GetResponseAsync(messages);
                    selected = response.Messages.LastOrDefault()?.AuthorName ?? "__";
                    if (selected != "__") return true;
                    counter++;
                }
                return false;
            }

            public async Task<List<string>> KeepsAsync(List<ChatMessage> messages)
            {
                var authors = new List<string>();
                string selected = "__";
                int counter = 0;
                while (selected == "__" && counter < 5)
                {
                    ChatResponse response = await chat.GetResponseAsync(messages);
                    selected = response.Messages.LastOrDefault()?.AuthorName ?? "__";
                    authors.Add(response.Text);
                    counter++;
                }
                return authors;
            }
        }
        """);
}
