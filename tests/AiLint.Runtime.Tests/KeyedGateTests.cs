using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AiLint.Runtime.Tests;

public class KeyedGateTests
{
    [Fact]
    public async Task Entries_are_removed_once_nobody_holds_or_waits()
    {
        var gate = new KeyedGate();

        var first = await gate.EnterAsync("k", CancellationToken.None);
        var waiting = gate.EnterAsync("k", CancellationToken.None);
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, gate.Count);

        first.Dispose();
        first.Dispose(); // a second Dispose must not release a gate someone else now holds
        var second = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, gate.Count);
        var third = gate.EnterAsync("k", CancellationToken.None);
        await Task.Delay(20);
        Assert.False(third.IsCompleted);

        second.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_no_entry_behind()
    {
        var gate = new KeyedGate();
        using var cts = new CancellationTokenSource();

        var holder = await gate.EnterAsync("k", CancellationToken.None);
        var waiter = gate.EnterAsync("k", cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        holder.Dispose();

        Assert.Equal(0, gate.Count);
    }
}
