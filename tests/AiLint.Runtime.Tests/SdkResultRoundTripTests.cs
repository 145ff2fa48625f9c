using System;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Xunit;
using AnthropicMessage = Anthropic.Models.Messages.Message;
using ChatCompletion = OpenAI.Chat.ChatCompletion;

namespace AiLint.Runtime.Tests;

/// <summary>
/// The SDK results AIL0001's fix stores (OpenAI's <c>ChatCompletion</c>, Anthropic's <c>Message</c>, the Agent
/// Framework's <c>AgentResponse</c>) come back from the store as the SDK produced them: the second call with the key
/// does not run, and what it returns writes the same wire JSON and exposes the same members callers read.
/// </summary>
public class SdkResultRoundTripTests
{
    // A chat.completion as the OpenAI API returns it, with a tool call, usage details and a field the SDK does not model.
    private const string OpenAiCompletionJson = """
        {"id":"chatcmpl-A1","object":"chat.completion","created":1767225600,"model":"gpt-4o-mini-2024-07-18",
         "system_fingerprint":"fp_1","service_tier":"default","x_unmodelled":{"kept":true},
         "choices":[{"index":0,"finish_reason":"tool_calls","logprobs":null,
           "message":{"role":"assistant","content":"Looking it up.","refusal":null,
             "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_order","arguments":"{\"orderId\":\"A-17\"}"}}]}}],
         "usage":{"prompt_tokens":31,"completion_tokens":12,"total_tokens":43,
           "prompt_tokens_details":{"cached_tokens":8},"completion_tokens_details":{"reasoning_tokens":4}}}
        """;

    // A Messages API response as Anthropic returns it: text and tool use, stop reason, usage.
    private const string AnthropicMessageJson = """
        {"id":"msg_01","type":"message","role":"assistant","model":"claude-haiku-4-5",
         "content":[{"type":"text","text":"- Customer was double charged."},
                    {"type":"tool_use","id":"toolu_1","name":"refund","input":{"orderId":"A-17","amount":12.5}}],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":120,"output_tokens":40,"cache_read_input_tokens":0,"cache_creation_input_tokens":0}}
        """;

    private static async Task<T> StoredAndReadBack<T>(T first, IIdempotentResultSerializer<T>? serializer)
        where T : class
    {
        var cache = Stores.Memory();
        var produced = await IdempotentCalls.RunOnceAsync("sdk:1", _ => Task.FromResult(first), cache, serializer);
        Assert.Same(first, produced);
        return await IdempotentCalls.RunOnceAsync<T>(
            "sdk:1", _ => throw new InvalidOperationException("the stored result must be returned"), cache, serializer);
    }

    [Fact]
    public async Task OpenAiChatCompletion_RoundTripsThroughItsJsonModel()
    {
        var original = ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromString(OpenAiCompletionJson))!;

        var stored = await StoredAndReadBack(original, IdempotentResultSerializer.FromJsonModel<ChatCompletion>());

        Assert.NotSame(original, stored);
        Assert.Equal(ModelReaderWriter.Write(original).ToString(), ModelReaderWriter.Write(stored).ToString());
        Assert.Contains("x_unmodelled", ModelReaderWriter.Write(stored).ToString(), StringComparison.Ordinal);
        Assert.Equal("chatcmpl-A1", stored.Id);
        Assert.Equal("gpt-4o-mini-2024-07-18", stored.Model);
        Assert.Equal(original.CreatedAt, stored.CreatedAt);
        Assert.Equal("Looking it up.", stored.Content[0].Text);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.ToolCalls, stored.FinishReason);
        Assert.Equal("get_order", stored.ToolCalls[0].FunctionName);
        Assert.Equal("{\"orderId\":\"A-17\"}", stored.ToolCalls[0].FunctionArguments.ToString());
        Assert.Equal(43, stored.Usage.TotalTokenCount);
        Assert.Equal(8, stored.Usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(4, stored.Usage.OutputTokenDetails.ReasoningTokenCount);
    }

    [Fact]
    public async Task OpenAiChatCompletion_CorruptedEntryIsAMiss()
    {
        var cache = Stores.Memory();
        await cache.SetAsync(IdempotentCalls.StoreKeyPrefix + "sdk:1", new byte[] { 0x7b, 0x22, 0xff }, new Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions());
        var fresh = ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromString(OpenAiCompletionJson))!;

        var result = await IdempotentCalls.RunOnceAsync("sdk:1", _ => Task.FromResult(fresh), cache, IdempotentResultSerializer.FromJsonModel<ChatCompletion>());

        Assert.Same(fresh, result);
    }

    [Fact]
    public async Task AnthropicMessage_RoundTripsThroughTheDefaultSerializer()
    {
        var original = JsonSerializer.Deserialize<AnthropicMessage>(AnthropicMessageJson)!;

        var stored = await StoredAndReadBack(original, serializer: null);

        Assert.NotSame(original, stored);
        Assert.Equal(JsonSerializer.Serialize(original), JsonSerializer.Serialize(stored));
        Assert.Equal("msg_01", stored.ID);
        Assert.Equal(2, stored.Content.Count);
        Assert.True(stored.Content[0].TryPickText(out var text));
        Assert.Equal("- Customer was double charged.", text!.Text);
        Assert.True(stored.Content[1].TryPickToolUse(out var toolUse));
        Assert.Equal("refund", toolUse!.Name);
        Assert.Equal(120, stored.Usage.InputTokens);
        Assert.Equal(40, stored.Usage.OutputTokens);
        Assert.Equal(original.StopReason, stored.StopReason);
    }

    [Fact]
    public async Task AgentResponse_RoundTripsThroughTheDefaultSerializer()
    {
        var original = new AgentResponse(new List<ChatMessage>
        {
            new(ChatRole.Assistant, new List<AIContent>
            {
                new FunctionCallContent("call-1", "get_order", new Dictionary<string, object?> { ["orderId"] = "A-17" }),
            }) { MessageId = "m-1", AuthorName = "reply-drafter" },
            new(ChatRole.Tool, new List<AIContent> { new FunctionResultContent("call-1", "shipped") }),
            new(ChatRole.Assistant, "Your order has shipped."),
        })
        {
            AgentId = "agent-1",
            ResponseId = "resp-1",
            CreatedAt = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero),
            Usage = new UsageDetails { InputTokenCount = 31, OutputTokenCount = 12, TotalTokenCount = 43 },
            AdditionalProperties = new AdditionalPropertiesDictionary { ["region"] = "eu" },
        };

        var stored = await StoredAndReadBack(original, serializer: null);

        Assert.NotSame(original, stored);
        Assert.Equal(
            JsonSerializer.Serialize(original, AgentAbstractionsJsonUtilities.DefaultOptions),
            JsonSerializer.Serialize(stored, AgentAbstractionsJsonUtilities.DefaultOptions));
        Assert.Equal("Your order has shipped.", stored.Text);
        Assert.Equal("agent-1", stored.AgentId);
        Assert.Equal("resp-1", stored.ResponseId);
        Assert.Equal(original.CreatedAt, stored.CreatedAt);
        Assert.Equal(43, stored.Usage!.TotalTokenCount);
        Assert.Equal(3, stored.Messages.Count);
        var call = Assert.IsType<FunctionCallContent>(stored.Messages[0].Contents.Single());
        Assert.Equal("get_order", call.Name);
        Assert.Equal("reply-drafter", stored.Messages[0].AuthorName);
        Assert.IsType<FunctionResultContent>(stored.Messages[1].Contents.Single());
    }
}
