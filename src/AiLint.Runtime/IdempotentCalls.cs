using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace AiLint.Runtime
{
    /// <summary>
    /// Run-once-per-key for LLM calls that do not go through <c>IChatClient</c> (the OpenAI and Anthropic SDKs
    /// called directly). Create the key once for the logical request, outside the retry, and call
    /// <c>RunOnceAsync</c> inside it:
    /// <code>
    /// var key = $"reply:{ticket.Id}";
    /// var text = await pipeline.ExecuteAsync(ct => new ValueTask&lt;string&gt;(IdempotentCalls.RunOnceAsync(key,
    ///     async c => (await chat.CompleteChatAsync(messages, cancellationToken: c)).Value.Content[0].Text,
    ///     cache, cancellationToken: ct)), cancellationToken);
    /// </code>
    /// </summary>
    /// <remarks>
    /// The first call for a key that completes is stored; every later call with that key returns the stored result
    /// without running the delegate. Concurrent calls with the same key in one process wait for each other, so only
    /// one runs. If the running call throws, nothing is stored and the next waiting or later call runs. Calls in
    /// different processes are not serialized: both may run, and whichever stores last wins the store.
    /// </remarks>
    public static class IdempotentCalls
    {
        /// <summary>How long a stored result is kept when no time is given: 24 hours.</summary>
        public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(24);

        /// <summary>Prefix of the store keys this helper uses, so its entries never collide with other cache users.</summary>
        public const string StoreKeyPrefix = "ailint:idempotency:call:";

        /// <summary>Runs <paramref name="call"/> once for <paramref name="key"/>, storing its result in <paramref name="cache"/>.</summary>
        /// <param name="key">The logical request's identity. Create it once, outside the retry.</param>
        /// <param name="call">The LLM call. It receives the caller's cancellation token.</param>
        /// <param name="cache">Where results are stored.</param>
        /// <param name="serializer">How results are stored; by default System.Text.Json with <c>AIJsonUtilities.DefaultOptions</c>.</param>
        /// <param name="timeToLive">How long a stored result is kept; by default <see cref="DefaultTimeToLive"/>.</param>
        /// <param name="cancellationToken">Cancels waiting, reading and the call itself (not the final write).</param>
        public static Task<T> RunOnceAsync<T>(
            string key,
            Func<CancellationToken, Task<T>> call,
            IDistributedCache cache,
            IIdempotentResultSerializer<T>? serializer = null,
            TimeSpan? timeToLive = null,
            CancellationToken cancellationToken = default) =>
            RunOnceAsync(
                key,
                call,
                new DistributedCacheIdempotencyStore(cache ?? throw new ArgumentNullException(nameof(cache))),
                serializer,
                timeToLive,
                cancellationToken);

        /// <summary>Runs <paramref name="call"/> once for <paramref name="key"/>, storing its result in <paramref name="store"/>.</summary>
        /// <param name="key">The logical request's identity. Create it once, outside the retry.</param>
        /// <param name="call">The LLM call. It receives the caller's cancellation token.</param>
        /// <param name="store">Where results are stored.</param>
        /// <param name="serializer">How results are stored; by default System.Text.Json with <c>AIJsonUtilities.DefaultOptions</c>.</param>
        /// <param name="timeToLive">How long a stored result is kept; by default <see cref="DefaultTimeToLive"/>.</param>
        /// <param name="cancellationToken">Cancels waiting, reading and the call itself (not the final write).</param>
        public static Task<T> RunOnceAsync<T>(
            string key,
            Func<CancellationToken, Task<T>> call,
            IIdempotencyStore store,
            IIdempotentResultSerializer<T>? serializer = null,
            TimeSpan? timeToLive = null,
            CancellationToken cancellationToken = default)
        {
            RunOnce.ValidateKey(key);
            if (call is null)
                throw new ArgumentNullException(nameof(call));
            if (store is null)
                throw new ArgumentNullException(nameof(store));
            var ttl = timeToLive ?? DefaultTimeToLive;
            RunOnce.ValidateTimeToLive(ttl);
            var format = serializer ?? IdempotentResultSerializer.Json<T>();

            return RunOnce.RunAsync(
                StoreKeyPrefix + key,
                call,
                store,
                (byte[] data, out T value) => TryDeserialize(format, data, out value),
                format.Serialize,
                ttl,
                cancellationToken);
        }

        private static bool TryDeserialize<T>(IIdempotentResultSerializer<T> serializer, byte[] data, out T value)
        {
            try
            {
                value = serializer.Deserialize(data);
                return true;
            }
#pragma warning disable CA1031 // Whatever a foreign or corrupted entry makes the serializer throw, it is a miss.
            catch (Exception)
#pragma warning restore CA1031
            {
                value = default!;
                return false;
            }
        }
    }
}
