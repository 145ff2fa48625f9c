using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiLint.Runtime.Tests;

/// <summary>
/// The model behind the decorator: a real <see cref="IChatClient"/> that answers "answer N" on its N-th call, so
/// a replayed answer is distinguishable from a newly sampled one. It counts calls, records the options it was
/// given, can fail chosen calls and can hold a call open until the test releases it.
/// </summary>
internal sealed class ScriptedModel : IChatClient
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public List<ChatOptions?> ReceivedOptions { get; } = new();

    /// <summary>Calls (1-based) that throw <see cref="InvalidOperationException"/>.</summary>
    public HashSet<int> FailingCalls { get; } = new();

    /// <summary>For streaming: fail after this many updates of the listed calls instead of at the start.</summary>
    public int FailAfterUpdates { get; set; }

    /// <summary>When set, every call waits for it before answering.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completed when a call has started (after counting).</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Start(options);
        if (Hold is { } hold)
            await hold.Task.WaitAsync(cancellationToken);
        if (FailingCalls.Contains(call))
            throw new InvalidOperationException($"call {call} failed");
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"answer {call}"))
        {
            ResponseId = $"resp-{call}",
            ModelId = "scripted",
            FinishReason = ChatFinishReason.Stop,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Start(options);
        if (Hold is { } hold)
            await hold.Task.WaitAsync(cancellationToken);
        var parts = new[] { "answer", " ", call.ToString(), "." };
        for (var i = 0; i < parts.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FailingCalls.Contains(call) && i == FailAfterUpdates)
                throw new InvalidOperationException($"stream {call} failed after {i} updates");
            yield return new ChatResponseUpdate(ChatRole.Assistant, parts[i])
            {
                ResponseId = $"resp-{call}",
                MessageId = $"msg-{call}",
                FinishReason = i == parts.Length - 1 ? ChatFinishReason.Stop : null,
            };
        }
    }

    private int Start(ChatOptions? options)
    {
        var call = Interlocked.Increment(ref _calls);
        lock (ReceivedOptions)
            ReceivedOptions.Add(options);
        Entered.TrySetResult();
        return call;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
