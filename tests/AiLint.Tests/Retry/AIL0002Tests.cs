using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>AIL0002: a streaming LLM call inside a retry.</summary>
public class AIL0002Tests
{
    private const string Id = "AIL0002";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    [Fact]
    public Task Streaming_calls_in_a_pipeline_replace_AIL0001() => VerifyAsync(
        """
        using MChat = Microsoft.Extensions.AI.ChatMessage;
        class Assistant(ChatClient chat, IChatClient client, ResiliencePipeline pipeline)
        {
            public async Task M(string q)
            {
                await pipeline.ExecuteAsync(async ct =>
                {
                    await foreach (var update in chat.{|#0:CompleteChatStreamingAsync|}([new UserChatMessage(q)], cancellationToken: ct)) { Console.Write(update.ContentUpdate.Count); }
                });
                await pipeline.ExecuteAsync(async ct =>
                {
                    await foreach (var update in client.{|#1:GetStreamingResponseAsync|}(q, cancellationToken: ct)) { Console.Write(update.Text); }
                });
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatStreamingAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Streaming_in_a_hand_written_loop_and_through_a_project_method() => VerifyAsync(
        """
        using Anthropic;
        using Anthropic.Models.Messages;
        class Assistant(IAnthropicClient claude)
        {
            async IAsyncEnumerable<RawMessageStreamEvent> StreamAsync(MessageCreateParams p)
            {
                await foreach (var e in claude.Messages.CreateStreaming(p)) yield return e;
            }

            public async Task M(MessageCreateParams p)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await foreach (var e in claude.Messages.{|#0:CreateStreaming|}(p)) { Console.Write(e); }
                        await foreach (var e in {|#1:StreamAsync|}(p)) { Console.Write(e); }
                        return;
                    }
                    catch (System.Net.Http.HttpRequestException) { }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CreateStreaming", "for loop"),
        Diagnostic(Id).WithLocation(1).WithArguments("StreamAsync", "for loop"));

    [Fact]
    public Task Streaming_outside_a_retry_and_a_project_method_that_collects_the_stream() => VerifyAsync(
        """
        using System.Text;
        class Assistant(ChatClient chat, ResiliencePipeline pipeline)
        {
            async Task<string> CollectAsync(string q)
            {
                var text = new StringBuilder();
                await foreach (var update in chat.CompleteChatStreamingAsync(new UserChatMessage(q))) { text.Append(update.ContentUpdate.Count); }
                return text.ToString();
            }

            public async Task M(string q)
            {
                await foreach (var update in chat.CompleteChatStreamingAsync(new UserChatMessage(q))) { }
                // Collecting the whole stream inside the retry is a generation: AIL0001, not AIL0002.
                await pipeline.ExecuteAsync(async ct => await {|AIL0001:CollectAsync|}(q));
            }
        }
        """);
}
