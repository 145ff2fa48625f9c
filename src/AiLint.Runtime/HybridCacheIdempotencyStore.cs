using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Hybrid;

namespace AiLint.Runtime
{
    /// <summary>An <see cref="IIdempotencyStore"/> over a <see cref="HybridCache"/> (local memory plus its distributed tier).</summary>
    public sealed class HybridCacheIdempotencyStore : IIdempotencyStore
    {
        // A read must never create an entry: the factory below only runs on a miss, and these flags stop
        // HybridCache from writing its (null) result to either tier.
        private static readonly HybridCacheEntryOptions ReadOnly = new HybridCacheEntryOptions
        {
            Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
        };

        private readonly HybridCache _cache;

        /// <summary>Creates a store that keeps results in <paramref name="cache"/>.</summary>
        public HybridCacheIdempotencyStore(HybridCache cache)
        {
            _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        }

        /// <inheritdoc />
        public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
        {
            var value = await _cache.GetOrCreateAsync<byte[]?>(
                key,
                static _ => new ValueTask<byte[]?>((byte[]?)null),
                ReadOnly,
                tags: null,
                cancellationToken).ConfigureAwait(false);
            // HybridCache hands a missing byte[] back as an empty array; nothing this library stores is empty.
            return value is { Length: > 0 } ? value : null;
        }

        /// <inheritdoc />
        public async Task SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            await _cache.SetAsync(
                key,
                value,
                new HybridCacheEntryOptions { Expiration = timeToLive, LocalCacheExpiration = timeToLive },
                tags: null,
                cancellationToken).ConfigureAwait(false);
    }
}
