using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A stream re-opened only while nothing of it has arrived (a flag, count or buffer the stream's loop fills, tested by
/// the catch) has shown the user nothing: it is AIL0001's case (the request is sent again without a key), not AIL0002's
/// (a retry replacing a partly shown answer). Without such a guard the retry stays AIL0002.
/// </summary>
public class StreamRetryBeforeFirstUpdateTests
{
    private const string MoreUsings = "using System.Net.Http;\nusing System.Text;\nusing System.Threading.Channels;\n";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", Usings + MoreUsings + source, expected);

    [Fact]
    public Task Retry_guarded_by_nothing_received_is_AIL0001() => VerifyAsync(
        """
        public sealed class Pump(IChatClient chat, ChatClient openai)
        {
            public async Task FlagInFilter(string question, ChannelWriter<string> writer, CancellationToken ct)
            {
                var sentAnything = false;
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await foreach (var update in chat.{|#0:GetStreamingResponseAsync|}(question, cancellationToken: ct))
                        {
                            sentAnything = true;
                            await writer.WriteAsync(update.Text, ct);
                        }
                        break;
                    }
                    catch (HttpRequestException) when (!sentAnything && attempt < 3)
                    {
                    }
                }
            }

            public async Task CountRethrow(string question)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var received = 0;
                    try
                    {
                        await foreach (var update in openai.{|#1:CompleteChatStreamingAsync|}([new UserChatMessage(question)]))
                        {
                            received++;
                            Console.Write(update.ContentUpdate.Count);
                        }
                        return;
                    }
                    catch (ClientResultException)
                    {
                        if (received > 0) throw;
                        await Task.Delay(1000);
                    }
                }
            }

            public async Task BufferAndFirstFlag(string question, Action<string> show)
            {
                var text = new StringBuilder();
                var first = true;
                while (true)
                {
                    try
                    {
                        await foreach (var update in chat.{|#2:GetStreamingResponseAsync|}(question))
                        {
                            first = false;
                            text.Append(update.Text);
                            show(update.Text);
                        }
                        return;
                    }
                    catch (HttpRequestException) when (text.Length == 0)
                    {
                        await Task.Delay(500);
                    }
                    catch (TimeoutException) when (first)
                    {
                    }
                }
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetStreamingResponseAsync", "for loop"),
        Diagnostic("AIL0001").WithLocation(1).WithArguments("CompleteChatStreamingAsync", "for loop"),
        Diagnostic("AIL0001").WithLocation(2).WithArguments("GetStreamingResponseAsync", "while loop"));

    [Fact]
    public Task Recursive_retry_guarded_by_a_local_stream_is_AIL0001() => VerifyAsync(
        """
        public sealed class Pump(IChatClient chat)
        {
            public async Task Stream(string question, Action<string> show, int left)
            {
                var parts = new List<string>();
                try
                {
                    var stream = chat.{|#0:GetStreamingResponseAsync|}(question);
                    await foreach (var update in stream)
                    {
                        parts.Add(update.Text);
                        show(update.Text);
                    }
                    return;
                }
                catch (HttpRequestException) when (parts.Count == 0 && left > 0)
                {
                    await Stream(question, show, left - 1);
                }
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetStreamingResponseAsync", "recursive call to Stream"));

    [Fact]
    public Task Retry_without_the_guard_or_with_another_way_round_stays_AIL0002() => VerifyAsync(
        """
        public sealed class Pump(IChatClient chat)
        {
            public async Task NoGuard(string question, ChannelWriter<string> writer)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await foreach (var update in chat.{|#0:GetStreamingResponseAsync|}(question))
                        {
                            await writer.WriteAsync(update.Text);
                        }
                        break;
                    }
                    catch (HttpRequestException) { }
                }
            }

            // One catch is guarded, the other goes round after text was shown.
            public async Task OneCatchUnguarded(string question, Action<string> show)
            {
                var sent = false;
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await foreach (var update in chat.{|#1:GetStreamingResponseAsync|}(question))
                        {
                            sent = true;
                            show(update.Text);
                        }
                        break;
                    }
                    catch (HttpRequestException) when (!sent) { }
                    catch (TimeoutException) { }
                }
            }

            // The guard tests the opposite (goes round only once something was shown).
            public async Task Inverted(string question, Action<string> show)
            {
                var sent = false;
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await foreach (var update in chat.{|#2:GetStreamingResponseAsync|}(question))
                        {
                            sent = true;
                            show(update.Text);
                        }
                        break;
                    }
                    catch (HttpRequestException) when (sent) { }
                }
            }

            // The try goes round itself after the stream was shown (an incomplete answer): a way round no catch guards.
            public async Task ContinuesAfterShowing(string question, Action<string> show)
            {
                var sent = false;
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        var complete = false;
                        await foreach (var update in chat.{|#3:GetStreamingResponseAsync|}(question))
                        {
                            sent = true;
                            show(update.Text);
                            complete = update.FinishReason is not null;
                        }
                        if (!complete) continue;
                        break;
                    }
                    catch (HttpRequestException) when (!sent) { }
                }
            }

            // The flag is set by another loop, before the stream: it says nothing about what the user saw.
            public async Task FlagFromAnotherLoop(string question, string[] notes, Action<string> show)
            {
                var sent = false;
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        foreach (var note in notes)
                        {
                            sent = true;
                        }

                        await foreach (var update in chat.{|#4:GetStreamingResponseAsync|}(question))
                        {
                            show(update.Text);
                        }
                        break;
                    }
                    catch (HttpRequestException) when (!sent) { }
                }
            }
        }
        """,
        Diagnostic("AIL0002").WithLocation(0).WithArguments("GetStreamingResponseAsync", "for loop"),
        Diagnostic("AIL0002").WithLocation(1).WithArguments("GetStreamingResponseAsync", "for loop"),
        Diagnostic("AIL0002").WithLocation(2).WithArguments("GetStreamingResponseAsync", "for loop"),
        Diagnostic("AIL0002").WithLocation(3).WithArguments("GetStreamingResponseAsync", "for loop"),
        Diagnostic("AIL0002").WithLocation(4).WithArguments("GetStreamingResponseAsync", "for loop"));

    [Fact]
    public Task Half_typed_guard_does_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                public sealed class Pump(IChatClient chat)
                {
                    public async Task A(string question, Action<string> show)
                    {
                        var sent = ;
                        for (var attempt = 1; attempt <= 3; attempt++)
                        {
                            try
                            {
                                await foreach (var update in chat.{|AIL0002:GetStreamingResponseAsync|}(question))
                                {
                                    sent = ;
                                    received++;
                                    show(update.);
                                }
                                break;
                            }
                            catch (HttpRequestException) when (!sent && received == && attempt < ) { }
                            catch () when (missing.Length == 0) { if (received > ) throw; }
                        }
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
