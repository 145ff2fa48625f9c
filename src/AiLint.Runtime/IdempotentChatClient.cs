using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiLint.Runtime
{
    /// <summary>
    /// A chat client that answers each idempotency key once: the first completed <see cref="ChatResponse"/> for a
    /// key is stored and every later request with that key gets it back without reaching the inner client.
    /// Requests without a key pass straight through. Add it with <c>ChatClientBuilder.UseIdempotency(...)</c> and
    /// give a request its key with <see cref="ChatOptionsIdempotencyExtensions.WithIdempotencyKey"/>.
    /// </summary>
    /// <remarks>
    /// <para>Concurrent requests with the same key in one process wait for each other, so only one reaches the
    /// model; if it fails, nothing is stored and the next one runs. Requests in different processes sharing a
    /// store are not serialized.</para>
    /// <para>Streaming: the first attempt streams live and is stored only once the stream has completed. A stream
    /// that fails, is cancelled or is abandoned stores nothing, so a later attempt never sees a partial answer
    /// mixed with a new one; a stored answer is replayed update by update.</para>
    /// <para>The key entry is removed from the options before they reach the inner client, so no provider sees it.</para>
    /// </remarks>
    public sealed class IdempotentChatClient : DelegatingChatClient
    {
        /// <summary>
        /// The <see cref="ChatOptions.AdditionalProperties"/> entry that carries a request's idempotency key (a
        /// non-empty string). Prefer <see cref="ChatOptionsIdempotencyExtensions.WithIdempotencyKey"/> to setting it.
        /// </summary>
        public const string KeyPropertyName = "ailint.idempotency_key";

        /// <summary>Prefix of the store keys this client uses, so its entries never collide with other cache users.</summary>
        public const string StoreKeyPrefix = "ailint:idempotency:chat:";

        private readonly IIdempotencyStore _store;
        private TimeSpan _timeToLive = IdempotentCalls.DefaultTimeToLive;

        /// <summary>Wraps <paramref name="innerClient"/>, storing answers in <paramref name="store"/>.</summary>
        public IdempotentChatClient(IChatClient innerClient, IIdempotencyStore store)
            : base(innerClient)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
        }

        /// <summary>How long a stored answer is kept after it was produced; 24 hours by default.</summary>
        public TimeSpan TimeToLive
        {
            get => _timeToLive;
            set
            {
                RunOnce.ValidateTimeToLive(value);
                _timeToLive = value;
            }
        }

        /// <inheritdoc />
        public override Task<ChatResponse> GetResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (!TryTakeKey(options, out var key, out var innerOptions))
                return base.GetResponseAsync(messages, options, cancellationToken);

            return RunOnce.RunAsync(
                StoreKeyPrefix + key,
                ct => base.GetResponseAsync(messages, innerOptions, ct),
                _store,
                TryReadResponse,
                ChatEntryFormat.WriteResponse,
                _timeToLive,
                cancellationToken);
        }

        /// <inheritdoc />
        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (!TryTakeKey(options, out var key, out var innerOptions))
                return base.GetStreamingResponseAsync(messages, options, cancellationToken);

            return StreamOnceAsync(StoreKeyPrefix + key, messages, innerOptions, cancellationToken);
        }

        private async IAsyncEnumerable<ChatResponseUpdate> StreamOnceAsync(
            string storeKey,
            IEnumerable<ChatMessage> messages,
            ChatOptions innerOptions,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var hit = await RunOnce.TryGetAsync<StoredAnswer>(_store, storeKey, TryReadAnswer, cancellationToken).ConfigureAwait(false);
            if (hit.Found)
            {
                foreach (var update in hit.Value.ToUpdates())
                    yield return update;
                yield break;
            }

            // The gate is held while the caller consumes the stream: a second attempt with this key waits for the
            // whole first answer rather than starting its own.
            using (await KeyedGate.Shared.EnterAsync(storeKey, cancellationToken).ConfigureAwait(false))
            {
                hit = await RunOnce.TryGetAsync<StoredAnswer>(_store, storeKey, TryReadAnswer, cancellationToken).ConfigureAwait(false);
                if (hit.Found)
                {
                    foreach (var update in hit.Value.ToUpdates())
                        yield return update;
                    yield break;
                }

                var received = new List<byte[]>();
                await foreach (var update in base.GetStreamingResponseAsync(messages, innerOptions, cancellationToken).ConfigureAwait(false))
                {
                    // Serialized before the caller sees it, so what is stored is what the model sent.
                    received.Add(ChatEntryFormat.SerializeUpdate(update));
                    yield return update;
                }

                // Reached only when the inner stream completed: a failure, a cancellation or a caller that stops
                // enumerating leaves the loop through the using's Dispose without storing anything.
                await RunOnce.StoreAsync(_store, storeKey, ChatEntryFormat.WriteUpdates(received), _timeToLive).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Reads the key from <paramref name="options"/> and returns a copy of the options without it; the caller's
        /// options object is never changed.
        /// </summary>
        private static bool TryTakeKey(ChatOptions? options, out string key, out ChatOptions innerOptions)
        {
            key = null!;
            innerOptions = null!;
            if (options?.AdditionalProperties is not { } properties
                || !properties.TryGetValue(KeyPropertyName, out var value)
                || value is not string text
                || text.Length == 0)
            {
                return false;
            }

            key = text;
            innerOptions = options.Clone();
            var rest = new AdditionalPropertiesDictionary(properties);
            rest.Remove(KeyPropertyName);
            innerOptions.AdditionalProperties = rest.Count == 0 ? null : rest;
            return true;
        }

        private static bool TryReadResponse(byte[] data, out ChatResponse response)
        {
            var answer = ChatEntryFormat.TryRead(data);
            response = answer?.ToResponse()!;
            return answer != null;
        }

        private static bool TryReadAnswer(byte[] data, out StoredAnswer answer)
        {
            answer = ChatEntryFormat.TryRead(data)!;
            return answer != null;
        }
    }
}
