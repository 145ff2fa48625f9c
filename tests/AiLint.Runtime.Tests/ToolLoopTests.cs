using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;

namespace AiLint.Runtime.Tests;

/// <summary>
/// With <c>UseIdempotency()</c> outside <c>UseFunctionInvocation()</c>, the stored answer is the whole tool loop: a
/// replay returns it without calling the model or running the tools again.
/// </summary>
public class ToolLoopTests
{
    /// <summary>A model that asks for the order-lookup tool, then answers from the tool's result.</summary>
    private sealed class ToolCallingModel : IChatClient
    {
        public int Calls;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().FirstOrDefault();
            var message = result is null
                ? new ChatMessage(ChatRole.Assistant, new List<AIContent> { new FunctionCallContent("call-1", "lookup_order", new Dictionary<string, object?> { ["id"] = "A-17" }) })
                : new ChatMessage(ChatRole.Assistant, $"Order A-17: {result.Result}");
            return Task.FromResult(new ChatResponse(message));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task A_replayed_answer_does_not_run_the_tools_again()
    {
        var model = new ToolCallingModel();
        var toolRuns = 0;
        var lookup = AIFunctionFactory.Create((string id) => { toolRuns++; return $"shipped ({id})"; }, "lookup_order");
        var client = new ChatClientBuilder(model).UseIdempotency(Stores.Memory()).UseFunctionInvocation().Build();
        ChatOptions Options() => new ChatOptions { Tools = new List<AITool> { lookup } }.WithIdempotencyKey("ticket-17");

        var first = await client.GetResponseAsync("Where is order A-17?", Options());
        var replay = await client.GetResponseAsync("Where is order A-17?", Options());

        Assert.Equal("Order A-17: shipped (A-17)", first.Text);
        Assert.Equal(first.Text, replay.Text);
        Assert.Equal(1, toolRuns);
        Assert.Equal(2, model.Calls); // the tool call round-trip and the final answer, once
        // The replay carries the whole loop: the tool call, its result and the answer.
        Assert.Equal(first.Messages.Count, replay.Messages.Count);
        Assert.Contains(replay.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent { Name: "lookup_order" });
        Assert.Contains(replay.Messages.SelectMany(m => m.Contents), c => c is FunctionResultContent { CallId: "call-1" });
    }
}
