using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Counts what a name-filtered <see cref="ProjectCallGraph"/> binds, for the benchmark and for tests that check an
    /// unrelated method is never looked at. Not thread-safe on its own: the graph writes it under its lock.
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

        internal void Explore(IMethodSymbol method) => Explored.Add(method.ToDisplayString());
    }
}
