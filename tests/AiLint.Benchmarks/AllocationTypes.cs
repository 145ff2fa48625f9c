using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace AiLint.Benchmarks;

/// <summary>
/// Samples the runtime's allocation ticks (one event per ~100 KB allocated, with the type of the object that crossed
/// the mark) while enabled: a histogram of what a run allocates, by type, without a profiler. Used by "--focus ...
/// --alloc-types" to print, per type, the sampled megabytes of the focused runs minus those of the trees-alone runs.
/// </summary>
public sealed class AllocationTypes : EventListener
{
    private const int GCKeyword = 0x1;
    private readonly ConcurrentDictionary<string, double> bytes = new();

    public bool Recording { get; set; }

    public IReadOnlyDictionary<string, double> Snapshot() => new Dictionary<string, double>(bytes);

    public void Clear() => bytes.Clear();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)GCKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs data)
    {
        // GCAllocationTick_V4: AllocationAmount, AllocationKind, ClrInstanceID, AllocationAmount64, TypeId, TypeName, ...
        if (!Recording || data.EventName == null || !data.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || data.Payload == null)
        {
            return;
        }

        var index = data.PayloadNames?.IndexOf("TypeName") ?? -1;
        var amountIndex = data.PayloadNames?.IndexOf("AllocationAmount64") ?? -1;
        if (index < 0 || amountIndex < 0)
        {
            return;
        }

        var name = data.Payload[index] as string ?? "?";
        var amount = Convert.ToDouble(data.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        bytes.AddOrUpdate(name, amount, (_, v) => v + amount);
    }
}
