using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiLint.Runtime.Tests;

public class IdempotentCallsTests
{
    /// <summary>Stands for a direct SDK call (CompleteChatAsync, Messages.Create): answers "reply N" on call N.</summary>
    private sealed class Sdk
    {
        private int _calls;
        public int Calls => Volatile.Read(ref _calls);
        public TaskCompletionSource? Hold { get; set; }
        public int FailOnCall { get; set; }
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<string> CompleteAsync(CancellationToken ct)
        {
            var call = Interlocked.Increment(ref _calls);
            Entered.TrySetResult();
            if (Hold is { } hold)
                await hold.Task.WaitAsync(ct);
            if (call == FailOnCall)
                throw new TimeoutException($"call {call} timed out");
            return $"reply {call}";
        }
    }

    public sealed record Draft(string Text, int Tokens, string[] Tags);

    [Fact]
    public async Task Same_key_runs_the_call_once_and_returns_the_stored_result()
    {
        var cache = Stores.Memory();
        var sdk = new Sdk();

        var a = await IdempotentCalls.RunOnceAsync("reply:42", sdk.CompleteAsync, cache);
        var b = await IdempotentCalls.RunOnceAsync("reply:42", sdk.CompleteAsync, cache);
        var c = await IdempotentCalls.RunOnceAsync("reply:43", sdk.CompleteAsync, cache);

        Assert.Equal(("reply 1", "reply 1", "reply 2"), (a, b, c));
        Assert.Equal(2, sdk.Calls);
    }

    [Fact]
    public async Task Concurrent_calls_with_the_same_key_run_the_call_once()
    {
        var cache = Stores.Memory();
        var sdk = new Sdk { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };

        var calls = Enumerable.Range(0, 4).Select(_ => IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, cache)).ToArray();
        await sdk.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.Equal(1, sdk.Calls);
        sdk.Hold.SetResult();

        Assert.All(await Task.WhenAll(calls), r => Assert.Equal("reply 1", r));
        Assert.Equal(1, sdk.Calls);
    }

    [Fact]
    public async Task A_failed_call_stores_nothing_and_the_next_attempt_runs()
    {
        var cache = Stores.Memory();
        var sdk = new Sdk { FailOnCall = 1 };

        await Assert.ThrowsAsync<TimeoutException>(() => IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, cache));
        var retry = await IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, cache);
        var again = await IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, cache);

        Assert.Equal(("reply 2", "reply 2"), (retry, again));
        Assert.Equal(2, sdk.Calls);
    }

    [Fact]
    public async Task A_record_result_round_trips_through_the_default_json_serializer()
    {
        var cache = Stores.Memory();
        var runs = 0;
        Task<Draft> Call(CancellationToken _)
        {
            runs++;
            return Task.FromResult(new Draft($"draft {runs}", 17, new[] { "refund", "vip" }));
        }

        var first = await IdempotentCalls.RunOnceAsync<Draft>("k", Call, cache);
        var second = await IdempotentCalls.RunOnceAsync<Draft>("k", Call, cache);

        Assert.Equal(1, runs);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Tokens, second.Tokens);
        Assert.Equal(first.Tags, second.Tags);
    }

    [Fact]
    public async Task A_ChatResponse_result_round_trips_with_the_default_serializer()
    {
        var cache = Stores.Memory();
        var original = new ChatResponse(new ChatMessage(ChatRole.Assistant, "hi")) { ResponseId = "r1", Usage = new UsageDetails { TotalTokenCount = 3 } };

        await IdempotentCalls.RunOnceAsync("k", _ => Task.FromResult(original), cache);
        var replay = await IdempotentCalls.RunOnceAsync("k", _ => Task.FromResult(new ChatResponse()), cache);

        Assert.Equal(JsonSerializer.Serialize(original, AIJsonUtilities.DefaultOptions), JsonSerializer.Serialize(replay, AIJsonUtilities.DefaultOptions));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{\"Text\":")]
    [InlineData("[\"not\",\"a\",\"draft\"]")]
    public async Task A_corrupted_or_foreign_entry_is_a_miss(string entry)
    {
        var cache = Stores.Memory();
        await cache.SetAsync(IdempotentCalls.StoreKeyPrefix + "k", Encoding.UTF8.GetBytes(entry), new DistributedCacheEntryOptions());

        var result = await IdempotentCalls.RunOnceAsync("k", _ => Task.FromResult(new Draft("fresh", 1, Array.Empty<string>())), cache);
        var again = await IdempotentCalls.RunOnceAsync("k", _ => Task.FromResult(new Draft("second", 2, Array.Empty<string>())), cache);

        Assert.Equal("fresh", result.Text);
        Assert.Equal("fresh", again.Text);
    }

    /// <summary>A serializer of the caller's own; a throwing Deserialize is a miss, not a failure.</summary>
    private sealed class Utf8Serializer : IIdempotentResultSerializer<string>
    {
        public byte[] Serialize(string value) => Encoding.UTF8.GetBytes("v1:" + value);

        public string Deserialize(byte[] data)
        {
            var text = Encoding.UTF8.GetString(data);
            return text.StartsWith("v1:", StringComparison.Ordinal) ? text.Substring(3) : throw new FormatException("not mine");
        }
    }

    [Fact]
    public async Task A_custom_serializer_is_used_and_its_failures_are_misses()
    {
        var cache = Stores.Memory();
        var sdk = new Sdk();
        await cache.SetAsync(IdempotentCalls.StoreKeyPrefix + "k", Encoding.UTF8.GetBytes("v0:old format"), new DistributedCacheEntryOptions());

        var a = await IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, cache, new Utf8Serializer());
        var b = await IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, cache, new Utf8Serializer());

        Assert.Equal(("reply 1", "reply 1"), (a, b));
        Assert.Equal("v1:reply 1", Encoding.UTF8.GetString((await cache.GetAsync(IdempotentCalls.StoreKeyPrefix + "k"))!));
    }

    [Fact]
    public async Task A_stored_result_expires_after_its_time_to_live()
    {
        var clock = new ManualClock();
        var cache = Stores.Memory(clock);
        var sdk = new Sdk();

        await IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, cache, timeToLive: TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(4));
        var before = await IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, cache, timeToLive: TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(2));
        var after = await IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, cache, timeToLive: TimeSpan.FromMinutes(5));

        Assert.Equal(("reply 1", "reply 2"), (before, after));
    }

    [Fact]
    public async Task Arguments_are_checked()
    {
        var cache = Stores.Memory();
        await Assert.ThrowsAsync<ArgumentException>(() => IdempotentCalls.RunOnceAsync("", _ => Task.FromResult(1), cache));
        await Assert.ThrowsAsync<ArgumentNullException>(() => IdempotentCalls.RunOnceAsync<int>("k", null!, cache));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => IdempotentCalls.RunOnceAsync("k", _ => Task.FromResult(1), cache, timeToLive: TimeSpan.Zero));
    }

    [Fact]
    public async Task HybridCache_store_runs_once_per_key_and_a_read_miss_creates_no_entry()
    {
        var services = new ServiceCollection();
        services.AddHybridCache();
        var hybrid = services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var store = new HybridCacheIdempotencyStore(hybrid);
        var sdk = new Sdk();

        Assert.Null(await store.GetAsync("absent", CancellationToken.None));
        Assert.Null(await store.GetAsync("absent", CancellationToken.None));
        var a = await IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, store);
        var b = await IdempotentCalls.RunOnceAsync("k", sdk.CompleteAsync, store);

        Assert.Equal(("reply 1", "reply 1"), (a, b));
        Assert.Equal(1, sdk.Calls);
    }

    [Fact]
    public async Task HybridCache_store_backs_the_chat_decorator()
    {
        var services = new ServiceCollection();
        services.AddHybridCache();
        var store = new HybridCacheIdempotencyStore(services.BuildServiceProvider().GetRequiredService<HybridCache>());
        var model = new ScriptedModel();
        var client = new ChatClientBuilder(model).UseIdempotency(store).Build();

        await client.GetResponseAsync("hello", new ChatOptions().WithIdempotencyKey("k"));
        var again = await client.GetResponseAsync("hello", new ChatOptions().WithIdempotencyKey("k"));

        Assert.Equal("answer 1", again.Text);
        Assert.Equal(1, model.Calls);
    }
}
