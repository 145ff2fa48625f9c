using System;
using System.Threading;
using System.Threading.Tasks;

namespace AiLint.Runtime
{
    /// <summary>
    /// Where the first completed result for an idempotency key is kept. Implementations:
    /// <see cref="DistributedCacheIdempotencyStore"/> (any <c>IDistributedCache</c>: Redis, SQL Server, memory) and
    /// <see cref="HybridCacheIdempotencyStore"/>.
    /// </summary>
    /// <remarks>
    /// The store holds opaque bytes; AiLint.Runtime writes and reads its own format and treats anything it cannot
    /// read as a miss. A store shared between processes makes a stored answer visible to all of them, but the
    /// "only one attempt reaches the model at a time" guarantee is per process (see docs/runtime.md).
    /// </remarks>
    public interface IIdempotencyStore
    {
        /// <summary>Returns the stored bytes for <paramref name="key"/>, or <see langword="null"/> if there are none.</summary>
        Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

        /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> for <paramref name="timeToLive"/>.</summary>
        Task SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken);
    }
}
