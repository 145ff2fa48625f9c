using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.Rules.Prompts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// Prompt parameters a wrapper hands on to another wrapper of the same project: a typed overload
    /// <c>AskAsync&lt;T&gt;(this IChatClient client, string system, ...)</c> that only calls the plain
    /// <c>AskAsync(client, system, ...)</c>, which puts <c>system</c> into a system message. The edges are collected
    /// while <see cref="PromptParameterSummary"/> binds the wrapper's parameter uses, and applied once every wrapper has
    /// been examined: a parameter forwarded to a recorded prompt parameter is recorded too, to a fixed point
    /// (<see cref="MaxLevels"/> levels), under the same key, so a referencing project reads it as a direct wrapper and a
    /// summary written before forwarding was followed still reads the same.
    /// </summary>
    /// <remarks>
    /// Only calls to this project's own methods are edges; the callee's own record decides (the analyzer of the defining
    /// project follows the same chain through its call sites, so both projects see the same prompts).
    /// </remarks>
    internal sealed class PromptParameterForwarding
    {
        /// <summary>How many forwarding levels are followed: real helpers stack an overload or two on the wrapper.</summary>
        internal const int MaxLevels = 4;

        private readonly Compilation compilation;
        private readonly List<Edge> edges = new();

        public PromptParameterForwarding(Compilation compilation) => this.compilation = compilation;

        public bool Any => edges.Count > 0;

        /// <summary>
        /// Records the edges of <paramref name="part"/> when it calls a method of this project and passes it a string
        /// parameter of <paramref name="method"/> (not one chosen by a flag of the method).
        /// </summary>
        public void Collect(IMethodSymbol method, IOperation part, PromptFlow flow, List<PromptOrigin> origins, CancellationToken cancellationToken)
        {
            if (part is not IInvocationOperation invocation
                || invocation.TargetMethod?.OriginalDefinition is not { } callee
                || SymbolEqualityComparer.Default.Equals(callee, method)
                || !SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, compilation.Assembly))
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } target || argument.Value is null)
                {
                    continue;
                }

                origins.Clear();
                flow.Resolve(argument.Value, followParameters: true, origins, cancellationToken);
                foreach (var origin in origins)
                {
                    if (origin.Holder is IParameterSymbol parameter
                        && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
                        && !FlagChosenSlots.IsChosenByFlag(argument.Value, parameter))
                    {
                        edges.Add(new Edge(method, parameter.Ordinal, callee, target.Ordinal));
                    }
                }
            }
        }

        /// <summary>
        /// Adds to <paramref name="recorded"/> each forwarded parameter whose target is recorded there or in
        /// <paramref name="contracts"/>, level by level. Returns whether anything was added.
        /// </summary>
        public bool Apply(Dictionary<IMethodSymbol, SortedSet<int>> recorded, IReadOnlyDictionary<IMethodSymbol, SortedSet<int>>? contracts)
        {
            var changedAny = false;
            for (var level = 0; level < MaxLevels; level++)
            {
                var changed = false;
                foreach (var edge in edges)
                {
                    if (!IsRecorded(edge.Callee, edge.CalleeOrdinal, recorded, contracts))
                    {
                        continue;
                    }

                    if (!recorded.TryGetValue(edge.Method, out var ordinals))
                    {
                        recorded[edge.Method] = ordinals = new SortedSet<int>();
                    }

                    changed |= ordinals.Add(edge.Ordinal);
                }

                changedAny |= changed;
                if (!changed)
                {
                    break;
                }
            }

            return changedAny;
        }

        private static bool IsRecorded(IMethodSymbol method, int ordinal, Dictionary<IMethodSymbol, SortedSet<int>> recorded, IReadOnlyDictionary<IMethodSymbol, SortedSet<int>>? contracts) =>
            (recorded.TryGetValue(method, out var own) && own.Contains(ordinal))
            || (contracts is not null && contracts.TryGetValue(method, out var shared) && shared.Contains(ordinal));

        private readonly struct Edge
        {
            public Edge(IMethodSymbol method, int ordinal, IMethodSymbol callee, int calleeOrdinal)
            {
                Method = method;
                Ordinal = ordinal;
                Callee = callee;
                CalleeOrdinal = calleeOrdinal;
            }

            public IMethodSymbol Method { get; }

            public int Ordinal { get; }

            public IMethodSymbol Callee { get; }

            public int CalleeOrdinal { get; }
        }
    }
}
