using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;

namespace AiLint.Runtime.Tests;

/// <summary>
/// A stored answer must come back as the answer that was produced: every serializable member of
/// <see cref="ChatResponse"/> and <see cref="ChatResponseUpdate"/>, compared through Microsoft.Extensions.AI's own
/// serialization and through the typed members callers read.
/// </summary>
public class RoundTripTests
{
    private static readonly ChatMessage[] Messages = { new(ChatRole.User, "What is the order status?") };

    /// <summary>A model that returns one fixed, richly populated answer and counts calls.</summary>
    private sealed class FixedModel : IChatClient
    {
        private readonly ChatResponse _response;
        public int Calls;

        public FixedModel(ChatResponse response) => _response = response;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(_response);
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            foreach (var update in _response.ToChatResponseUpdates())
            {
                await Task.Yield();
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static ChatResponse RichResponse() => new(new List<ChatMessage>
    {
        new(ChatRole.Assistant, new List<AIContent>
        {
            new TextReasoningContent("Look the order up first."),
            new FunctionCallContent("call-1", "get_order", new Dictionary<string, object?> { ["orderId"] = "A-17", ["verbose"] = true }),
        })
        {
            MessageId = "m-1",
            AuthorName = "support-bot",
            CreatedAt = new DateTimeOffset(2026, 12, 5, 1, 2, 3, TimeSpan.Zero),
        },
        new(ChatRole.Tool, new List<AIContent> { new FunctionResultContent("call-1", "shipped") }) { MessageId = "m-2" },
        new(ChatRole.Assistant, new List<AIContent>
        {
            new TextContent("Your order A-17 has shipped."),
            new UriContent(new Uri("https://example.com/track/A-17"), "text/html"),
            new DataContent(new byte[] { 1, 2, 3, 250 }, "application/octet-stream"),
        })
        {
            MessageId = "m-3",
            AdditionalProperties = new() { ["citations"] = 2 },
        },
    })
    {
        ResponseId = "resp-xyz",
        ConversationId = "conv-9",
        ModelId = "gpt-test",
        CreatedAt = new DateTimeOffset(2026, 12, 5, 1, 2, 4, TimeSpan.Zero),
        FinishReason = ChatFinishReason.Stop,
        Usage = new UsageDetails
        {
            InputTokenCount = 120,
            OutputTokenCount = 34,
            TotalTokenCount = 154,
            AdditionalCounts = new() { ["cached_tokens"] = 100 },
        },
        AdditionalProperties = new() { ["system_fingerprint"] = "fp_1", ["seed"] = 7 },
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions);

    [Fact]
    public async Task A_replayed_response_serializes_exactly_like_the_original()
    {
        var original = RichResponse();
        var model = new FixedModel(original);
        var client = new ChatClientBuilder(model).UseIdempotency(Stores.Memory()).Build();

        var first = await client.GetResponseAsync(Messages, new ChatOptions().WithIdempotencyKey("k"));
        var replay = await client.GetResponseAsync(Messages, new ChatOptions().WithIdempotencyKey("k"));

        Assert.Equal(1, model.Calls);
        Assert.Same(original, first);
        Assert.NotSame(original, replay);
        Assert.Equal(Json(original), Json(replay));

        // And through the members a caller reads.
        Assert.Equal("resp-xyz", replay.ResponseId);
        Assert.Equal("conv-9", replay.ConversationId);
        Assert.Equal("gpt-test", replay.ModelId);
        Assert.Equal(original.CreatedAt, replay.CreatedAt);
        Assert.Equal(ChatFinishReason.Stop, replay.FinishReason);
        Assert.Equal(154, replay.Usage!.TotalTokenCount);
        Assert.Equal(100, replay.Usage.AdditionalCounts!["cached_tokens"]);
        Assert.Equal(3, replay.Messages.Count);
        Assert.Equal(new[] { ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant }, replay.Messages.Select(m => m.Role));
        Assert.Equal("support-bot", replay.Messages[0].AuthorName);
        var call = Assert.IsType<FunctionCallContent>(replay.Messages[0].Contents[1]);
        Assert.Equal(("call-1", "get_order"), (call.CallId, call.Name));
        Assert.Equal("A-17", call.Arguments!["orderId"]?.ToString());
        Assert.IsType<TextReasoningContent>(replay.Messages[0].Contents[0]);
        Assert.Equal("shipped", Assert.IsType<FunctionResultContent>(replay.Messages[1].Contents[0]).Result?.ToString());
        Assert.Equal("Your order A-17 has shipped.", replay.Text);
        Assert.Equal(new Uri("https://example.com/track/A-17"), Assert.IsType<UriContent>(replay.Messages[2].Contents[1]).Uri);
        Assert.Equal(new byte[] { 1, 2, 3, 250 }, Assert.IsType<DataContent>(replay.Messages[2].Contents[2]).Data.ToArray());
    }

    [Fact]
    public async Task Replayed_stream_updates_serialize_exactly_like_the_originals()
    {
        var model = new FixedModel(RichResponse());
        var client = new ChatClientBuilder(model).UseIdempotency(Stores.Memory()).Build();

        var first = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Messages, new ChatOptions().WithIdempotencyKey("k")))
            first.Add(update);
        var replay = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Messages, new ChatOptions().WithIdempotencyKey("k")))
            replay.Add(update);

        Assert.Equal(1, model.Calls);
        Assert.Equal(first.Count, replay.Count);
        Assert.Equal(first.Select(Json), replay.Select(Json));
        Assert.Equal(Json(first.ToChatResponse()), Json(replay.ToChatResponse()));
    }
}
