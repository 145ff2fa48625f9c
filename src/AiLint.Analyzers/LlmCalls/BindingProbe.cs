using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Counts what a name-filtered <see cref="ProjectCallGraph"/> binds, for the benchmark and for tests that check an
    /// unrelated method is never looked at, and times the project summary's phases for the benchmark. Not thread-safe on
    /// its own: the graph writes it under its lock, the summary from its one thread.
    /// </summary>
    internal sealed class BindingProbe
    {
        /// <summary>Methods whose declarations the graph examined, in the order it did (display strings).</summary>
        public List<string> Explored { get; } = new();

        /// <summary>Methods the project summary asked about (visible, async-shaped, name kept by the filter).</summary>
        public int Candidates { get; internal set; }

        /// <summary>Bodies bound whole (<c>GetOperation</c> on the declaration).</summary>
        public int WholeBodies { get; internal set; }

        /// <summary>Invocations bound one by one (<c>GetSymbolInfo</c>, which binds the enclosing statement).</summary>
        public int Invocations { get; internal set; }

        /// <summary>Wall time and bytes allocated on the calling thread, summed per phase of the summary, in first-seen order.</summary>
        public List<(string Phase, TimeSpan Wall, long Bytes)> Phases { get; } = new();

        /// <summary>
        /// Bytes allocated so far on the calling thread, for <see cref="Phases"/> (the benchmark passes
        /// <c>GC.GetAllocatedBytesForCurrentThread</c>, which netstandard2.0 does not have); null counts none.
        /// </summary>
        public Func<long>? AllocatedBytes { get; set; }

        internal void Explore(IMethodSymbol method) => Explored.Add(method.ToDisplayString());

        /// <summary>Times the work until the returned scope is disposed and adds it to <paramref name="phase"/>.</summary>
        internal IDisposable Phase(string phase) => new Scope(this, phase);

        private void Add(string phase, TimeSpan wall, long bytes)
        {
            for (var i = 0; i < Phases.Count; i++)
            {
                if (Phases[i].Phase == phase)
                {
                    Phases[i] = (phase, Phases[i].Wall + wall, Phases[i].Bytes + bytes);
                    return;
                }
            }

            Phases.Add((phase, wall, bytes));
        }

        private sealed class Scope : IDisposable
        {
            private readonly BindingProbe probe;
            private readonly string phase;
            private readonly long bytes;
            private readonly Stopwatch watch;

            public Scope(BindingProbe probe, string phase)
            {
                this.probe = probe;
                this.phase = phase;
                bytes = probe.AllocatedBytes?.Invoke() ?? 0;
                watch = Stopwatch.StartNew();
            }

            public void Dispose() => probe.Add(phase, watch.Elapsed, (probe.AllocatedBytes?.Invoke() ?? 0) - bytes);
        }
    }
}
