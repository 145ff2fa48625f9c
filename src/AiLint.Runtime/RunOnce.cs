using System;
using System.Threading;
using System.Threading.Tasks;

namespace AiLint.Runtime
{
    /// <summary>The run-once-per-key algorithm shared by <see cref="IdempotentCalls"/> and <see cref="IdempotentChatClient"/>.</summary>
    internal static class RunOnce
    {
        /// <summary>Reads a stored entry; returns <see langword="false"/> for anything unreadable.</summary>
        internal delegate bool TryRead<T>(byte[] data, out T value);

        /// <summary>
        /// Returns the stored result for <paramref name="storeKey"/> if there is one; otherwise runs
        /// <paramref name="call"/> while holding the key's in-process gate, stores its result and returns it.
        /// If the call throws, nothing is stored and the next attempt (a waiter or a later retry) runs the call.
        /// </summary>
        public static async Task<T> RunAsync<T>(
            string storeKey,
            Func<CancellationToken, Task<T>> call,
            IIdempotencyStore store,
            TryRead<T> tryRead,
            Func<T, byte[]> write,
            TimeSpan timeToLive,
            CancellationToken cancellationToken)
        {
            var hit = await TryGetAsync(store, storeKey, tryRead, cancellationToken).ConfigureAwait(false);
            if (hit.Found)
                return hit.Value;

            using (await KeyedGate.Shared.EnterAsync(storeKey, cancellationToken).ConfigureAwait(false))
            {
                // Another attempt may have finished while this one waited for the gate.
                hit = await TryGetAsync(store, storeKey, tryRead, cancellationToken).ConfigureAwait(false);
                if (hit.Found)
                    return hit.Value;

                var result = await call(cancellationToken).ConfigureAwait(false);
                await StoreAsync(store, storeKey, write(result), timeToLive).ConfigureAwait(false);
                return result;
            }
        }

        public static async Task<(bool Found, T Value)> TryGetAsync<T>(
            IIdempotencyStore store, string storeKey, TryRead<T> tryRead, CancellationToken cancellationToken)
        {
            var data = await store.GetAsync(storeKey, cancellationToken).ConfigureAwait(false);
            if (data is null || data.Length == 0)
                return (false, default!);
            return tryRead(data, out var value) ? (true, value) : (false, default!);
        }

        /// <summary>
        /// Writes without the caller's token: once the model has answered, a cancellation arriving now must not
        /// throw the answer away, or the retry it provokes would sample a new one.
        /// </summary>
        public static Task StoreAsync(IIdempotencyStore store, string storeKey, byte[] data, TimeSpan timeToLive) =>
            store.SetAsync(storeKey, data, timeToLive, CancellationToken.None);

        public static void ValidateKey(string key)
        {
            if (key is null)
                throw new ArgumentNullException(nameof(key));
            if (key.Length == 0)
                throw new ArgumentException("An idempotency key must not be empty.", nameof(key));
        }

        public static void ValidateTimeToLive(TimeSpan timeToLive)
        {
            if (timeToLive <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "The time to live must be positive.");
        }
    }
}
