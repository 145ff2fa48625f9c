using System;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;

namespace AiLint.Runtime.Tests;

/// <summary>The real in-memory <see cref="IDistributedCache"/>, on a clock the test moves.</summary>
internal static class Stores
{
    public static MemoryDistributedCache Memory(ManualClock? clock = null) =>
        new(Options.Create(new MemoryDistributedCacheOptions { Clock = clock ?? new ManualClock() }));
}

internal sealed class ManualClock : ISystemClock
{
    public DateTimeOffset UtcNow { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Advance(TimeSpan by) => UtcNow += by;
}
