using System.Runtime.InteropServices;

namespace AiLint.Benchmarks;

/// <summary>
/// This thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), for single-threaded timings on a
/// loaded machine: unlike wall time it does not grow while the thread waits for a core, and unlike the process's CPU
/// time it leaves out the runtime's other threads (tiered JIT, GC). Falls back to the process's CPU time elsewhere.
/// </summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static double NowMs()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTimeId, out var spec) == 0)
        {
            return spec.Seconds * 1e3 + spec.Nanoseconds / 1e6;
        }

        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    }

    /// <summary>Runs <paramref name="action"/> after a full collection; its thread CPU ms and this thread's allocated MB.</summary>
    public static (double Ms, double Mb) Measure(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var start = NowMs();
        action();
        var ms = NowMs() - start;
        return (ms, (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1e6);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec spec);
}
