using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Guards for regressions a mutation run let through: every per-attempt value source AIL0004 knows (not only
/// <c>Guid.NewGuid</c>, clocks and <c>Random</c>), and a retry loop that leaves on success with <c>break</c>.
/// </summary>
public class FreshKeyAndLoopExitTests
{
    private const string Gateway = """
        class Gateway(ChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text, [IdempotencyKey] string? requestId = null) =>
                (await chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;
        }

        """;

    [Theory]
    [InlineData("Guid.CreateVersion7().ToString()")]
    [InlineData("Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))")]
    [InlineData("System.Diagnostics.Stopwatch.GetTimestamp().ToString()")]
    [InlineData("TimeProvider.System.GetUtcNow().ToString(\"O\")")]
    [InlineData("Environment.TickCount64.ToString()")]
    [InlineData("Environment.TickCount.ToString()")]
    [InlineData("new Random().Next().ToString()")]
    [InlineData("Random.Shared.Next().ToString()")]
    [InlineData("DateTimeOffset.Now.ToUnixTimeMilliseconds().ToString()")]
    public Task Each_per_attempt_source_is_AIL0004(string keyExpression) => VerifyAsync(
        "AIL0004",
        Usings + Gateway + $$"""
        class Assistant(Gateway gateway, ResiliencePipeline pipeline)
        {
            public async Task M(string text) =>
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, [|{{keyExpression}}|]));
        }
        """);

    [Fact]
    public Task A_ulid_made_per_attempt_is_AIL0004() => VerifyAsync(
        "AIL0004",
        Usings + Gateway + """
        readonly struct Ulid
        {
            public static Ulid NewUlid() => default;
            public override string ToString() => "01J";
        }

        class Assistant(Gateway gateway, ResiliencePipeline pipeline)
        {
            public async Task M(string text) =>
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, [|Ulid.NewUlid().ToString()|]));
        }
        """);

    [Fact]
    public Task A_key_from_request_data_is_stable() => VerifyAsync(
        "AIL0004",
        Usings + Gateway + """
        class Assistant(Gateway gateway, ResiliencePipeline pipeline)
        {
            public async Task M(string ticketId, string text) =>
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, $"summary:{ticketId}"));
        }
        """);

    [Fact]
    public Task A_retry_loop_that_leaves_with_break_is_a_retry() => VerifyAsync(
        "AIL0001",
        Usings + """
        class Assistant(IChatClient chat)
        {
            public async Task<string> AskAsync(string question)
            {
                string answer = "";
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        answer = (await chat.[|GetResponseAsync|](question)).Text;
                        break;
                    }
                    catch (TimeoutException)
                    {
                        await Task.Delay(100);
                    }
                }

                return answer;
            }
        }
        """);
}
