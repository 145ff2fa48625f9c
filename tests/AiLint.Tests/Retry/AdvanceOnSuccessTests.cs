using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A loop over items whose index advances only after a success re-sends the failed item unchanged: a retry. The same
/// loop that advances in the catch (skip the item) or in a <c>finally</c> sends the next item after a failure.
/// </summary>
public class AdvanceOnSuccessTests
{
    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync("AIL0001", Usings + "using System.Net.Http;\nusing ChatMessage = Microsoft.Extensions.AI.ChatMessage;\n" + source);

    [Fact]
    public Task An_index_advanced_only_after_a_success_retries_the_failed_item() => VerifyAsync(
        """
        public static class Summaries
        {
            public static async Task<List<string>> WhileAsync(ChatClient chat, string[] chunks)
            {
                var results = new List<string>();
                var i = 0;
                var failures = 0;
                while (i < chunks.Length)
                {
                    try
                    {
                        ChatCompletion c = await chat.[|CompleteChatAsync|]([new UserChatMessage($"Summarize:\n{chunks[i]}")]);
                        results.Add(c.Content[0].Text);
                        i++;
                    }
                    catch (ClientResultException) when (++failures < 5)
                    {
                        await Task.Delay(2000);
                    }
                }

                return results;
            }

            public static async Task ForAsync(IChatClient client, IReadOnlyList<string> pages, List<string> output)
            {
                for (var page = 0; page < pages.Count;)
                {
                    try
                    {
                        var response = await client.[|GetResponseAsync|](pages[page]);
                        output.Add(response.Text);
                        page += 1;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task An_index_advanced_in_the_catch_a_finally_or_the_loop_header_moves_on() => VerifyAsync(
        """
        public static class Summaries
        {
            public static async Task SkipAsync(ChatClient chat, string[] chunks, List<string> results)
            {
                var i = 0;
                while (i < chunks.Length)
                {
                    try
                    {
                        ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage(chunks[i])]);
                        results.Add(c.Content[0].Text);
                        i++;
                    }
                    catch (ClientResultException)
                    {
                        results.Add("");
                        i++;
                    }
                }
            }

            public static async Task FinallyAsync(ChatClient chat, string[] chunks, List<string> results)
            {
                var i = 0;
                while (i < chunks.Length)
                {
                    try
                    {
                        ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage(chunks[i])]);
                        results.Add(c.Content[0].Text);
                    }
                    catch (ClientResultException)
                    {
                        await Task.Delay(100);
                    }
                    finally
                    {
                        i++;
                    }
                }
            }

            public static async Task HeaderAsync(ChatClient chat, string[] chunks, List<string> results)
            {
                for (var i = 0; i < chunks.Length; i++)
                {
                    try
                    {
                        ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage(chunks[i])]);
                        results.Add(c.Content[0].Text);
                    }
                    catch (ClientResultException)
                    {
                        continue;
                    }
                }
            }

            // A turn counter that the call does not read: each pass is a new turn of the conversation.
            public static async Task TurnsAsync(IChatClient client, List<ChatMessage> history)
            {
                var turn = 0;
                while (turn < 10)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(history);
                        history.AddMessages(response);
                        turn++;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_advancing_loops_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + """
                public static class Summaries
                {
                    public static async Task A(ChatClient chat, string[] chunks)
                    {
                        var i = 0;
                        while (i < )
                        {
                            try { await chat.[|CompleteChatAsync|](chunks[i]); i++ }
                            catch { }
                        }
                        // Half-typed, but readable: the request does not depend on `i`, so every pass sends it again.
                        while (i < chunks.Length) { try { await chat.[|CompleteChatAsync|](chunks[]); i += ; } catch { } }
                    }
                }
                """,
            MarkupDiagnosticId = "AIL0001",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
