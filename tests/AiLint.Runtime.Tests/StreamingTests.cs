using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;

namespace AiLint.Runtime.Tests;

public class StreamingTests
{
    private static readonly ChatMessage[] Messages = { new(ChatRole.User, "Stream a reply.") };

    private static (IChatClient Client, ScriptedModel Model) Build()
    {
        var model = new ScriptedModel();
        return (new ChatClientBuilder(model).UseIdempotency(Stores.Memory()).Build(), model);
    }

    private static ChatOptions Key(string key) => new ChatOptions().WithIdempotencyKey(key);

    private static async Task<List<ChatResponseUpdate>> Collect(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in stream)
            updates.Add(update);
        return updates;
    }

    [Fact]
    public async Task A_completed_stream_is_replayed_update_by_update()
    {
        var (client, model) = Build();

        var first = await Collect(client.GetStreamingResponseAsync(Messages, Key("k")));
        var replay = await Collect(client.GetStreamingResponseAsync(Messages, Key("k")));

        Assert.Equal(1, model.Calls);
        Assert.Equal(new[] { "answer", " ", "1", "." }, first.Select(u => u.Text));
        Assert.Equal(first.Select(u => u.Text), replay.Select(u => u.Text));
        Assert.Equal(first.Select(u => u.ResponseId), replay.Select(u => u.ResponseId));
        Assert.Equal(first.Select(u => u.MessageId), replay.Select(u => u.MessageId));
        Assert.Equal(first.Select(u => u.FinishReason), replay.Select(u => u.FinishReason));
        Assert.Equal(first.Select(u => u.Role), replay.Select(u => u.Role));
    }

    [Fact]
    public async Task Streamed_and_non_streamed_requests_with_one_key_share_one_answer()
    {
        var (client, model) = Build();

        var streamed = await client.GetStreamingResponseAsync(Messages, Key("s")).ToChatResponseAsync();
        var whole = await client.GetResponseAsync(Messages, Key("s"));
        var wholeFirst = await client.GetResponseAsync(Messages, Key("w"));
        var streamedAfter = await client.GetStreamingResponseAsync(Messages, Key("w")).ToChatResponseAsync();

        Assert.Equal("answer 1.", streamed.Text);
        Assert.Equal("answer 1.", whole.Text);
        Assert.Equal("resp-1", whole.ResponseId);
        Assert.Equal("answer 2", wholeFirst.Text);
        Assert.Equal("answer 2", streamedAfter.Text);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task A_stream_that_fails_part_way_stores_nothing_and_the_retry_is_a_whole_new_answer()
    {
        var (client, model) = Build();
        model.FailingCalls.Add(1);
        model.FailAfterUpdates = 2;

        var seen = new List<string>();
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Messages, Key("k")))
                seen.Add(update.Text);
        });
        var retry = await Collect(client.GetStreamingResponseAsync(Messages, Key("k")));
        var replay = await Collect(client.GetStreamingResponseAsync(Messages, Key("k")));

        Assert.Equal(new[] { "answer", " " }, seen);
        // The retry is the second call's answer from its first update to its last: nothing of attempt 1.
        Assert.Equal(new[] { "answer", " ", "2", "." }, retry.Select(u => u.Text));
        Assert.All(retry, u => Assert.Equal("resp-2", u.ResponseId));
        Assert.Equal(retry.Select(u => u.Text), replay.Select(u => u.Text));
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task A_stream_the_caller_abandons_stores_nothing()
    {
        var (client, model) = Build();

        await foreach (var update in client.GetStreamingResponseAsync(Messages, Key("k")))
            break;
        var next = await client.GetStreamingResponseAsync(Messages, Key("k")).ToChatResponseAsync();

        Assert.Equal("answer 2.", next.Text);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task A_cancelled_stream_stores_nothing()
    {
        var (client, model) = Build();
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Messages, Key("k"), cts.Token))
                cts.Cancel();
        });
        var next = await client.GetResponseAsync(Messages, Key("k"));

        // A new, non-streamed answer from a second model call: nothing of the cancelled stream was kept.
        Assert.Equal("answer 2", next.Text);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task A_concurrent_stream_with_the_same_key_waits_and_replays_the_first()
    {
        var (client, model) = Build();
        model.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = client.GetStreamingResponseAsync(Messages, Key("k")).ToChatResponseAsync();
        await model.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = client.GetStreamingResponseAsync(Messages, Key("k")).ToChatResponseAsync();
        await Task.Delay(50);
        Assert.Equal(1, model.Calls);
        model.Hold.SetResult();

        Assert.Equal("answer 1.", (await first).Text);
        Assert.Equal("answer 1.", (await second.WaitAsync(TimeSpan.FromSeconds(10))).Text);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task A_stream_without_a_key_passes_through()
    {
        var (client, model) = Build();

        var a = await client.GetStreamingResponseAsync(Messages).ToChatResponseAsync();
        var b = await client.GetStreamingResponseAsync(Messages).ToChatResponseAsync();

        Assert.Equal("answer 1.", a.Text);
        Assert.Equal("answer 2.", b.Text);
    }
}
