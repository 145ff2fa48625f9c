using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace AiLint.Runtime
{
    /// <summary>An <see cref="IIdempotencyStore"/> over any <see cref="IDistributedCache"/>.</summary>
    public sealed class DistributedCacheIdempotencyStore : IIdempotencyStore
    {
        private readonly IDistributedCache _cache;

        /// <summary>Creates a store that keeps results in <paramref name="cache"/>.</summary>
        public DistributedCacheIdempotencyStore(IDistributedCache cache)
        {
            _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        }

        /// <inheritdoc />
        public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
            _cache.GetAsync(key, cancellationToken);

        /// <inheritdoc />
        public Task SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            // Absolute expiry relative to the write: the answer for a key lives for a fixed time after it was
            // produced, however often it is read. A sliding expiry would keep a hot key alive for ever.
            _cache.SetAsync(
                key,
                value,
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive },
                cancellationToken);
    }
}
