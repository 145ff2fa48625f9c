using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Which methods of the compilation reach an LLM call through their bodies. Computed on demand: a query binds only the
    /// bodies reachable from the queried method that were not bound before, so every body is bound at most once per
    /// compilation and each query is linear in what it explores (no fixpoint iteration over the whole graph).
    /// </summary>
    /// <remarks>
    /// Queries arrive concurrently from operation actions. Exploration and propagation run under one lock (queries
    /// that need a new part of the graph wait for it anyway); answers are read lock-free afterwards. Cycles (mutual
    /// recursion) are handled by propagating over the explored subgraph's reverse edges rather than by recursion.
    /// <para>
    /// With <c>mayCallNames</c> (the project summary, which binds on a compilation nothing else reuses), a body is not
    /// bound whole: only its calls whose name is in the set are bound, one by one (<see cref="CollectByNames"/>). The set
    /// must hold every name through which a call can reach an LLM call (Summaries/MayCallModelNames computes it); a call
    /// spelling any other name is then neither an LLM call nor a path to one, so it is neither bound nor explored. The
    /// analyzers' instance (no set) binds whole bodies, which the analyzer driver has bound already.
    /// </para>
    /// </remarks>
    internal sealed partial class ProjectCallGraph
    {
        private readonly Compilation compilation;
        private readonly DirectLlmCalls directCalls;
        private readonly ConcurrentDictionary<IMethodSymbol, LlmCall> results = new(SymbolEqualityComparer.Default);
        private readonly object gate = new();

        private readonly System.Lazy<Dictionary<IMethodSymbol, List<IMethodSymbol>>> implementations;

        public ProjectCallGraph(Compilation compilation, DirectLlmCalls directCalls, ISet<string>? mayCallNames = null, SummarySemanticModels? models = null, BindingProbe? probe = null)
        {
            this.compilation = compilation;
            this.directCalls = directCalls;
            this.mayCallNames = mayCallNames;
            this.models = mayCallNames is null ? null : models ?? new SummarySemanticModels(compilation);
            this.probe = probe;
            implementations = new System.Lazy<Dictionary<IMethodSymbol, List<IMethodSymbol>>>(FindImplementations);
        }

        /// <summary>Recognises a source method (its original definition) by what its body reaches.</summary>
        public LlmCall Recognize(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (results.TryGetValue(method, out var known))
            {
                return known;
            }

            lock (gate)
            {
                if (results.TryGetValue(method, out known))
                {
                    return known;
                }

                Resolve(method, cancellationToken);
                return results.TryGetValue(method, out known) ? known : LlmCall.None;
            }
        }

        private void Resolve(IMethodSymbol root, CancellationToken cancellationToken)
        {
            // 1. Explore: bind each new reachable body once and record its facts.
            var facts = new Dictionary<IMethodSymbol, Facts>(SymbolEqualityComparer.Default);
            var pending = new Stack<IMethodSymbol>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var method = pending.Pop();
                if (facts.ContainsKey(method) || results.ContainsKey(method))
                {
                    continue;
                }

                var methodFacts = Collect(method, cancellationToken);
                methodFacts.ReturnsStream = directCalls.ReturnsAsyncStream(method);
                facts.Add(method, methodFacts);
                foreach (var callee in methodFacts.Callees)
                {
                    pending.Push(callee);
                }
            }

            // 2. Seed with direct calls and already-resolved callees, then propagate along reverse edges.
            var callers = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var work = new Queue<IMethodSymbol>();
            foreach (var pair in facts)
            {
                foreach (var callee in pair.Value.Callees)
                {
                    if (results.TryGetValue(callee, out var resolved))
                    {
                        pair.Value.Reach(resolved);
                    }
                    else
                    {
                        if (!callers.TryGetValue(callee, out var list))
                        {
                            callers[callee] = list = new List<IMethodSymbol>();
                        }

                        list.Add(pair.Key);
                    }
                }
            }

            foreach (var pair in facts)
            {
                if (pair.Value.ReachesGeneration || pair.Value.ReachesStreaming)
                {
                    work.Enqueue(pair.Key);
                }
            }

            // Each node changes at most twice (generation, streaming), so this is linear in the explored edges.
            while (work.Count > 0)
            {
                var method = work.Dequeue();
                var source = facts[method];
                if (!callers.TryGetValue(method, out var list))
                {
                    continue;
                }

                foreach (var caller in list)
                {
                    if (facts[caller].Reach(source.EffectiveGeneration, source.EffectiveStreaming))
                    {
                        work.Enqueue(caller);
                    }
                }
            }

            foreach (var pair in facts)
            {
                results[pair.Key] = ToCall(pair.Key, pair.Value);
            }
        }

        private LlmCall ToCall(IMethodSymbol method, Facts facts)
        {
            if (!facts.ReachesGeneration && !facts.ReachesStreaming)
            {
                return LlmCall.None;
            }

            // A project method that hands its caller a stream is a streaming call; one that consumes a stream and
            // returns a finished value is a generation.
            var kind = facts.EffectiveStreaming ? LlmCallKind.Streaming : LlmCallKind.Generation;
            return new LlmCall(kind, LlmSdk.Project, method);
        }

        private Facts Collect(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var facts = new Facts();

            // A call to an interface, abstract or virtual method of the project runs one of its implementations:
            // `bot.AnswerAsync(...)` through `ISupportBot` is an LLM call when an implementation makes one.
            if ((method.IsAbstract || method.IsVirtual || method.ContainingType?.TypeKind == TypeKind.Interface)
                && implementations.Value.TryGetValue(method, out var implementing))
            {
                facts.Callees.UnionWith(implementing);
            }

            probe?.Explore(method);
            if (mayCallNames is not null)
            {
                CollectByNames(method, facts, cancellationToken);
                return facts;
            }

            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                CollectWhole(body, facts, cancellationToken);
            }

            return facts;
        }

        /// <summary>Every invocation of a bound body: an LLM call it makes, or a method of the compilation it calls.</summary>
        private void CollectWhole(IOperation body, Facts facts, CancellationToken cancellationToken)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                var target = invocation.TargetMethod;
                var call = directCalls.Match(invocation, cancellationToken);
                if (call.IsLlmCall)
                {
                    facts.Reach(call);
                }
                else if (target.MethodKind != MethodKind.DelegateInvoke && SourceBodies.IsInSource(target, compilation))
                {
                    facts.Callees.Add((target.ReducedFrom ?? target).OriginalDefinition);
                }
                else if (target.MethodKind == MethodKind.DelegateInvoke)
                {
                    // `_handlers[message.Action](message, ct)`: one of the class's own methods its table holds.
                    facts.Callees.UnionWith(DispatchTables.MethodsCalled(invocation, compilation, cancellationToken));
                }
            }
        }

        /// <summary>
        /// Source overrides and interface implementations of source methods, computed once per compilation in one pass
        /// over the compilation's own types.
        /// </summary>
        private Dictionary<IMethodSymbol, List<IMethodSymbol>> FindImplementations()
        {
            var map = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);

            void Add(IMethodSymbol declared, IMethodSymbol implementation)
            {
                declared = declared.OriginalDefinition;
                if (!SourceBodies.IsInSource(declared, compilation))
                {
                    return;
                }

                if (!map.TryGetValue(declared, out var list))
                {
                    map[declared] = list = new List<IMethodSymbol>();
                }

                list.Add(implementation.OriginalDefinition);
            }

            var types = new Stack<INamespaceOrTypeSymbol>();
            types.Push(compilation.Assembly.GlobalNamespace);
            while (types.Count > 0)
            {
                var container = types.Pop();
                foreach (var member in container.GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol nested)
                    {
                        types.Push(nested);
                    }
                }

                if (container is not INamedTypeSymbol type || type.TypeKind == TypeKind.Interface)
                {
                    continue;
                }

                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol { OverriddenMethod: { } overridden } overriding)
                    {
                        Add(overridden, overriding);
                    }
                }

                foreach (var @interface in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(@interface.ContainingAssembly, compilation.Assembly))
                    {
                        continue;
                    }

                    foreach (var interfaceMember in @interface.GetMembers())
                    {
                        if (interfaceMember is IMethodSymbol interfaceMethod
                            && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation
                            && SourceBodies.IsInSource(implementation, compilation))
                        {
                            Add(interfaceMethod, implementation);
                        }
                    }
                }
            }

            return map;
        }

        private sealed class Facts
        {
            public HashSet<IMethodSymbol> Callees { get; } = new(SymbolEqualityComparer.Default);

            public bool ReachesGeneration { get; private set; }

            public bool ReachesStreaming { get; private set; }

            public bool ReturnsStream { get; set; }

            /// <summary>What a caller reaches through this method: a consumed stream is a generation to the caller.</summary>
            public bool EffectiveGeneration => ReachesGeneration || (ReachesStreaming && !ReturnsStream);

            public bool EffectiveStreaming => ReachesStreaming && ReturnsStream;

            public void Reach(LlmCall call) => Reach(call.Kind == LlmCallKind.Generation, call.Kind == LlmCallKind.Streaming);

            /// <summary>Returns true when a flag changed.</summary>
            public bool Reach(bool generation, bool streaming)
            {
                var changed = (generation && !ReachesGeneration) || (streaming && !ReachesStreaming);
                ReachesGeneration |= generation;
                ReachesStreaming |= streaming;
                return changed;
            }
        }
    }
}
