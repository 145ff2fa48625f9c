using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>AIL0001 on copies of one generation request raced with <c>Task.WhenAny</c> (hand-written hedging).</summary>
public class HandWrittenHedgingTests
{
    private const string Id = "AIL0001";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + "using System.Linq;\n" + source, expected);

    [Fact]
    public Task Two_written_out_copies_raced_with_WhenAny() => VerifyAsync(
        """
        public sealed class FastAnswer(IChatClient chat)
        {
            public async Task<string> AskAsync(IList<Microsoft.Extensions.AI.ChatMessage> messages, CancellationToken ct)
            {
                using var first = CancellationTokenSource.CreateLinkedTokenSource(ct);
                using var second = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var a = chat.{|#0:GetResponseAsync|}(messages, cancellationToken: first.Token);
                var b = chat.{|#1:GetResponseAsync|}(messages, cancellationToken: second.Token);
                var winner = await Task.WhenAny(a, b);
                (winner == a ? second : first).Cancel();
                return (await winner).Text;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "Task.WhenAny over 2 copies of the same request"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "Task.WhenAny over 2 copies of the same request"));

    [Fact]
    public Task Copies_from_Enumerable_Range_raced_with_WhenAny() => VerifyAsync(
        """
        public sealed class FastAnswer(ChatClient chat)
        {
            public async Task<string> AskAsync(string question)
            {
                var attempts = Enumerable.Range(0, 3).Select(_ => chat.{|#0:CompleteChatAsync|}(new UserChatMessage(question))).ToList();
                var first = await Task.WhenAny(attempts);
                return (await first).Value.Content[0].Text;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "Task.WhenAny over 3 copies of the same request"));

    [Fact]
    public Task Params_overload_copies_in_a_collection_expression() => VerifyAsync(
        """
        public sealed class FastAnswer(ChatClient chat)
        {
            public async Task<string> AskAsync(string question)
            {
                var winner = await Task.WhenAny([chat.{|#0:CompleteChatAsync|}(new UserChatMessage(question)), chat.{|#1:CompleteChatAsync|}(new UserChatMessage(question))]);
                return (await winner).Value.Content[0].Text;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "Task.WhenAny over 2 copies of the same request"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "Task.WhenAny over 2 copies of the same request"));

    [Fact]
    public Task Different_requests_timeouts_and_deliberate_sampling_are_not_hedging() => VerifyAsync(
        """
        public sealed class Batch(IChatClient chat, ChatClient openAi)
        {
            public async Task M(string question, IReadOnlyList<string> documents, int n)
            {
                // Different prompts: two requests, not copies.
                var summary = chat.GetResponseAsync("Summarize: " + question);
                var title = chat.GetResponseAsync("Title: " + question);
                await Task.WhenAny(summary, title);

                // One item per request.
                var perDocument = documents.Select(d => chat.GetResponseAsync(d)).ToList();
                await Task.WhenAny(perDocument);
                var indexed = Enumerable.Range(0, documents.Count).Select(i => chat.GetResponseAsync(documents[i])).ToArray();
                await Task.WhenAny(indexed);

                // A timeout race: one request.
                var answer = chat.GetResponseAsync(question);
                await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(30)));

                // Self-consistency: n samples of one prompt, all awaited and compared on purpose.
                var samples = Enumerable.Range(0, n).Select(_ => chat.GetResponseAsync(question)).ToList();
                await Task.WhenAll(samples);

                // The same, consumed in completion order.
                var pending = Enumerable.Range(0, 5).Select(_ => chat.GetResponseAsync(question)).ToList();
                while (pending.Count > 0)
                {
                    var done = await Task.WhenAny(pending);
                    pending.Remove(done);
                    Console.WriteLine((await done).Text);
                }

                // Different models.
                var small = chat.GetResponseAsync(question, new ChatOptions { ModelId = "gpt-4o-mini" });
                var large = chat.GetResponseAsync(question, new ChatOptions { ModelId = "gpt-4o" });
                await Task.WhenAny(small, large);

                await Task.WhenAny(openAi.CompleteChatAsync(new UserChatMessage(question)), openAi.CompleteChatAsync(new UserChatMessage(title.ToString())));
            }
        }
        """);

    [Fact]
    public Task Half_written_races_do_not_crash() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + """
            using System.Linq;
            public sealed class C(IChatClient chat)
            {
                public async Task M(string q)
                {
                    var a = chat.GetResponseAsync(q);
                    await Task.WhenAny(a, );
                    await Task.WhenAny(Enumerable.Range(0, ).Select(_ => chat.GetResponseAsync(q)));
                    await Task.WhenAny(missing, missing);
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
