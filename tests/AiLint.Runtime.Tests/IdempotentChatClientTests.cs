using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiLint.Runtime.Tests;

public class IdempotentChatClientTests
{
    private static readonly ChatMessage[] Messages = { new(ChatRole.User, "Draft a reply to ticket 42.") };

    private static (IChatClient Client, ScriptedModel Model, MemoryDistributedCache Cache) Build(ManualClock? clock = null)
    {
        var model = new ScriptedModel();
        var cache = Stores.Memory(clock);
        var client = new ChatClientBuilder(model).UseIdempotency(cache).Build();
        return (client, model, cache);
    }

    private static ChatOptions Key(string key) => new ChatOptions().WithIdempotencyKey(key);

    [Fact]
    public async Task Same_key_gets_the_first_answer_without_calling_the_model_again()
    {
        var (client, model, _) = Build();

        var first = await client.GetResponseAsync(Messages, Key("ticket-42"));
        var second = await client.GetResponseAsync(Messages, Key("ticket-42"));

        Assert.Equal("answer 1", first.Text);
        Assert.Equal("answer 1", second.Text);
        Assert.Equal("resp-1", second.ResponseId);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task Different_keys_are_answered_independently()
    {
        var (client, model, _) = Build();

        var a = await client.GetResponseAsync(Messages, Key("ticket-1"));
        var b = await client.GetResponseAsync(Messages, Key("ticket-2"));
        var a2 = await client.GetResponseAsync(Messages, Key("ticket-1"));

        Assert.Equal("answer 1", a.Text);
        Assert.Equal("answer 2", b.Text);
        Assert.Equal("answer 1", a2.Text);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task Requests_without_a_key_pass_through_every_time()
    {
        var (client, model, _) = Build();

        var a = await client.GetResponseAsync(Messages);
        var b = await client.GetResponseAsync(Messages, new ChatOptions { Temperature = 0 });
        var c = await client.GetResponseAsync(Messages, new ChatOptions { AdditionalProperties = new() { ["other"] = "x" } });

        Assert.Equal(new[] { "answer 1", "answer 2", "answer 3" }, new[] { a.Text, b.Text, c.Text });
        // Pass-through hands the caller's options object on untouched.
        Assert.Equal(3, model.ReceivedOptions.Count);
        Assert.Null(model.ReceivedOptions[0]);
        Assert.Equal(0f, model.ReceivedOptions[1]!.Temperature);
    }

    [Fact]
    public async Task The_key_does_not_reach_the_model_and_the_callers_options_are_not_changed()
    {
        var (client, model, _) = Build();
        var options = new ChatOptions { Temperature = 0.2f, AdditionalProperties = new() { ["user_tag"] = "vip" } }
            .WithIdempotencyKey("ticket-42");

        await client.GetResponseAsync(Messages, options);

        var sent = Assert.Single(model.ReceivedOptions)!;
        Assert.NotSame(options, sent);
        Assert.Equal(0.2f, sent.Temperature);
        Assert.Equal("vip", sent.AdditionalProperties!["user_tag"]);
        Assert.False(sent.AdditionalProperties.ContainsKey(IdempotentChatClient.KeyPropertyName));
        Assert.Equal("ticket-42", options.GetIdempotencyKey());
    }

    [Fact]
    public async Task Only_the_key_entry_leaves_no_additional_properties_for_the_model()
    {
        var (client, model, _) = Build();

        await client.GetResponseAsync(Messages, Key("k"));

        Assert.Null(Assert.Single(model.ReceivedOptions)!.AdditionalProperties);
    }

    [Fact]
    public async Task The_key_can_be_set_as_a_plain_additional_property()
    {
        var (client, model, _) = Build();
        var options = new ChatOptions { AdditionalProperties = new() { [IdempotentChatClient.KeyPropertyName] = "k" } };

        await client.GetResponseAsync(Messages, options);
        var again = await client.GetResponseAsync(Messages, options);

        Assert.Equal("answer 1", again.Text);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task Concurrent_calls_with_the_same_key_reach_the_model_once()
    {
        var (client, model, _) = Build();
        model.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 5).Select(_ => client.GetResponseAsync(Messages, Key("ticket-42"))).ToArray();
        await model.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Give the other four time to reach the gate; none of them may call the model.
        await Task.Delay(100);
        Assert.Equal(1, model.Calls);
        model.Hold.SetResult();

        var answers = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(answers, a => Assert.Equal("answer 1", a.Text));
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task Concurrent_calls_with_different_keys_do_not_wait_for_each_other()
    {
        var (client, model, _) = Build();
        model.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var a = client.GetResponseAsync(Messages, Key("a"));
        var b = client.GetResponseAsync(Messages, Key("b"));
        await WaitUntil(() => model.Calls == 2);
        model.Hold.SetResult();

        var texts = (await Task.WhenAll(a, b)).Select(r => r.Text).OrderBy(t => t);
        Assert.Equal(new[] { "answer 1", "answer 2" }, texts);
    }

    [Fact]
    public async Task A_failed_first_attempt_stores_nothing_and_the_next_attempt_runs()
    {
        var (client, model, _) = Build();
        model.FailingCalls.Add(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync(Messages, Key("k")));
        var retry = await client.GetResponseAsync(Messages, Key("k"));
        var third = await client.GetResponseAsync(Messages, Key("k"));

        Assert.Equal("answer 2", retry.Text);
        Assert.Equal("answer 2", third.Text);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task A_waiting_attempt_runs_the_model_itself_when_the_attempt_it_waited_for_fails()
    {
        var (client, model, _) = Build();
        model.FailingCalls.Add(1);
        model.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = client.GetResponseAsync(Messages, Key("k"));
        await model.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = client.GetResponseAsync(Messages, Key("k"));
        await Task.Delay(50);
        Assert.Equal(1, model.Calls);
        model.Hold.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal("answer 2", (await second.WaitAsync(TimeSpan.FromSeconds(10))).Text);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task A_waiter_cancelled_at_the_gate_gives_up_without_affecting_the_first_attempt()
    {
        var (client, model, _) = Build();
        model.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();

        var first = client.GetResponseAsync(Messages, Key("k"));
        await model.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var waiter = client.GetResponseAsync(Messages, Key("k"), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        model.Hold.SetResult();

        Assert.Equal("answer 1", (await first).Text);
        Assert.Equal("answer 1", (await client.GetResponseAsync(Messages, Key("k"))).Text);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task A_stored_answer_expires_after_its_time_to_live()
    {
        var clock = new ManualClock();
        var model = new ScriptedModel();
        var client = new ChatClientBuilder(model)
            .UseIdempotency(Stores.Memory(clock), c => c.TimeToLive = TimeSpan.FromMinutes(10))
            .Build();

        await client.GetResponseAsync(Messages, Key("k"));
        clock.Advance(TimeSpan.FromMinutes(9));
        var beforeExpiry = await client.GetResponseAsync(Messages, Key("k"));
        clock.Advance(TimeSpan.FromMinutes(2));
        var afterExpiry = await client.GetResponseAsync(Messages, Key("k"));

        Assert.Equal("answer 1", beforeExpiry.Text);
        Assert.Equal("answer 2", afterExpiry.Text);
        Assert.Equal(2, model.Calls);
    }

    public static IEnumerable<object[]> UnreadableEntries() => new[]
    {
        new object[] { "not json at all" },
        new object[] { "{\"ailint.idempotency\":1,\"kind\":\"response\",\"value\":{\"messages\":[" },
        new object[] { "{\"some\":\"other program's value\"}" },
        new object[] { "[1,2,3]" },
        new object[] { "{\"ailint.idempotency\":2,\"kind\":\"response\",\"value\":{}}" },
        new object[] { "{\"ailint.idempotency\":1,\"kind\":\"telepathy\",\"value\":{}}" },
        new object[] { "{\"ailint.idempotency\":1,\"kind\":\"response\",\"value\":42}" },
        new object[] { "{\"ailint.idempotency\":1,\"kind\":\"response\",\"value\":{\"messages\":42}}" },
        new object[] { "{\"ailint.idempotency\":1,\"kind\":\"updates\",\"value\":[null]}" },
        new object[] { "{\"ailint.idempotency\":\"1\",\"kind\":\"response\",\"value\":{}}" },
    };

    [Theory]
    [MemberData(nameof(UnreadableEntries))]
    public async Task A_corrupted_or_foreign_entry_is_a_miss_and_is_replaced(string entry)
    {
        var (client, model, cache) = Build();
        await cache.SetAsync(IdempotentChatClient.StoreKeyPrefix + "k", Encoding.UTF8.GetBytes(entry), new DistributedCacheEntryOptions());

        var first = await client.GetResponseAsync(Messages, Key("k"));
        var second = await client.GetResponseAsync(Messages, Key("k"));
        var streamed = await client.GetStreamingResponseAsync(Messages, Key("k")).ToChatResponseAsync();

        Assert.Equal("answer 1", first.Text);
        Assert.Equal("answer 1", second.Text);
        Assert.Equal("answer 1", streamed.Text);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task A_corrupted_entry_is_a_miss_for_a_streaming_request_too()
    {
        var (client, model, cache) = Build();
        await cache.SetAsync(IdempotentChatClient.StoreKeyPrefix + "k", new byte[] { 0xFF, 0x00, 0x7B }, new DistributedCacheEntryOptions());

        var streamed = await client.GetStreamingResponseAsync(Messages, Key("k")).ToChatResponseAsync();

        Assert.Equal("answer 1.", streamed.Text);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task UseIdempotency_without_a_cache_takes_the_IDistributedCache_from_services()
    {
        var model = new ScriptedModel();
        var services = new ServiceCollection().AddDistributedMemoryCache().BuildServiceProvider();
        var client = new ChatClientBuilder(model).UseIdempotency().UseFunctionInvocation().Build(services);

        await client.GetResponseAsync(Messages, Key("k"));
        var again = await client.GetResponseAsync(Messages, Key("k"));

        Assert.Equal("answer 1", again.Text);
        Assert.Equal(1, model.Calls);
        Assert.NotNull(client.GetService<IdempotentChatClient>());
        // The store is the one from services: the entry is there under the documented key.
        Assert.NotNull(await services.GetRequiredService<IDistributedCache>().GetAsync(IdempotentChatClient.StoreKeyPrefix + "k"));
    }

    [Fact]
    public void A_non_positive_time_to_live_is_rejected()
    {
        var client = new IdempotentChatClient(new ScriptedModel(), new DistributedCacheIdempotencyStore(Stores.Memory()));

        Assert.Throws<ArgumentOutOfRangeException>(() => client.TimeToLive = TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromHours(24), client.TimeToLive);
    }

    [Fact]
    public void An_empty_key_is_rejected_where_it_is_set()
    {
        Assert.Throws<ArgumentException>(() => new ChatOptions().WithIdempotencyKey(""));
        Assert.Throws<ArgumentNullException>(() => new ChatOptions().WithIdempotencyKey(null!));
        Assert.Equal("k", ((ChatOptions?)null).WithIdempotencyKey("k").GetIdempotencyKey());
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not reached");
            await Task.Delay(10);
        }
    }
}
