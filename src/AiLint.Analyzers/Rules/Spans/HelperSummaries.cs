using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AiLint.Analyzers.Naming;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>What a helper method does with its parameters: which ones reach a span timestamp, which ones it returns.</summary>
    internal sealed class MethodSummary
    {
        public static readonly MethodSummary Empty = new MethodSummary(ImmutableDictionary<int, string>.Empty, 0);

        public MethodSummary(ImmutableDictionary<int, string> sinkParameters, ulong returnedParameters, string? returnedSource = null)
        {
            SinkParameters = sinkParameters;
            ReturnedParameters = returnedParameters;
            ReturnedSource = returnedSource;
        }

        /// <summary>
        /// The client source the method may return whatever its arguments: it reads the request itself
        /// (<c>request.Headers["X-Sent-At"]</c> on an <c>HttpRequest</c> or <c>HttpContext</c> parameter), or calls a helper that does.
        /// </summary>
        public string? ReturnedSource { get; }

        /// <summary>Parameter ordinal to the sink it reaches ("Activity.SetStartTime").</summary>
        public ImmutableDictionary<int, string> SinkParameters { get; }

        /// <summary>A bit per parameter ordinal whose value (or a member of it) the method may return.</summary>
        public ulong ReturnedParameters { get; }
    }

    /// <summary>
    /// Parameter-to-sink and parameter-to-return summaries of the compilation's own methods, computed lazily, once per
    /// method and compilation, and cached. Summaries nest (a helper calling a helper) up to <see cref="MaxDepth"/>;
    /// recursion is cut where it starts.
    /// </summary>
    internal sealed class HelperSummaries
    {
        public const int MaxDepth = 4;

        private readonly Compilation compilation;
        private readonly KnownSpanSymbols symbols;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary> cache = new ConcurrentDictionary<IMethodSymbol, MethodSummary>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();

        public HelperSummaries(Compilation compilation, KnownSpanSymbols symbols)
        {
            this.compilation = compilation;
            this.symbols = symbols;
        }

        /// <summary>True when <paramref name="method"/> has a body in this compilation that can be summarised.</summary>
        public static bool HasSource(IMethodSymbol method) =>
            // DeclaringSyntaxReferences last: it allocates a new array for a source method on every call.
            method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
            && !method.IsAbstract && !method.IsExtern && method.DeclaringSyntaxReferences.Length > 0;

        public bool TryGet(IMethodSymbol method, CallChain chain, out MethodSummary summary)
        {
            summary = MethodSummary.Empty;
            method = method.PartialImplementationPart ?? method.OriginalDefinition;
            if (!HasSource(method))
            {
                return false;
            }

            // Why only top-level summaries are cached: a summary computed inside another helper's summary is cut by
            // the depth limit and by recursion relative to where that query started. Sharing it through the cache
            // would make an answer depend on which call site happened to be analysed first, and so on concurrent
            // scheduling. A summary asked for from an analysed block (the root of the chain) is always computed from
            // the same chain, so caching exactly those keeps every result a function of the code alone.
            if (chain.Depth == 0 && cache.TryGetValue(method, out var cached))
            {
                summary = cached;
                return true;
            }

            if (chain.Depth >= MaxDepth || chain.Contains(method))
            {
                return false;
            }

            var computed = Compute(method, chain.Push(method));
            summary = chain.Depth == 0 ? cache.GetOrAdd(method, computed) : computed;
            return true;
        }

        private MethodSummary Compute(IMethodSymbol method, CallChain chain)
        {
            var body = GetBody(method);
            if (body is null)
            {
                return MethodSummary.Empty;
            }

            var roots = new[] { body };
            var evaluator = new ClientTaintEvaluator(symbols, classifier: null, method, this, new LocalValueIndex(roots), chain);
            var sinks = ImmutableDictionary.CreateBuilder<int, string>();
            ulong returned = 0;
            string? returnedSource = null;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (SpanSinks.TryGetSink(operation, symbols, out var sink))
                {
                    AddSinks(sinks, evaluator.Evaluate(sink.Argument.Value).Parameters, sink.DisplayName);
                }
                else if (operation is IInvocationOperation call && HasSource(call.TargetMethod))
                {
                    foreach (var (argument, reached) in ArgumentsReachingSinks(call, evaluator, onlyClient: false))
                    {
                        AddSinks(sinks, evaluator.Evaluate(argument.Value).Parameters, reached);
                    }
                }
                else if (operation is IReturnOperation { ReturnedValue: { } value } && ReturnsFrom(operation, body))
                {
                    var taint = evaluator.Evaluate(value);
                    returned |= taint.Parameters;
                    returnedSource ??= taint.Source;
                }
            }

            return sinks.Count == 0 && returned == 0 && returnedSource is null ? MethodSummary.Empty : new MethodSummary(sinks.ToImmutable(), returned, returnedSource);
        }

        /// <summary>The arguments of a call to a helper whose parameter reaches a sink, with that sink's name.</summary>
        public IEnumerable<(IArgumentOperation Argument, string Sink)> ArgumentsReachingSinks(IInvocationOperation call, ClientTaintEvaluator evaluator, bool onlyClient)
        {
            MethodSummary? summary = null;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is null || argument.IsImplicit)
                {
                    continue;
                }

                // Evaluate the argument first: most calls pass nothing client-supplied and need no summary at all.
                var taint = evaluator.Evaluate(argument.Value);
                if (onlyClient ? taint.Source is null : taint.Parameters == 0)
                {
                    continue;
                }

                if (summary is null && !TryGet(call.TargetMethod, evaluator.Chain, out summary))
                {
                    yield break;
                }

                if (summary.SinkParameters.TryGetValue(argument.Parameter.Ordinal, out var sink))
                {
                    yield return (argument, HelperNames.Through(HelperNames.Of(call.TargetMethod), sink));
                }
            }
        }

        private static void AddSinks(ImmutableDictionary<int, string>.Builder sinks, ulong parameters, string sink)
        {
            for (var ordinal = 0; parameters != 0; ordinal++, parameters >>= 1)
            {
                if ((parameters & 1) != 0 && !sinks.ContainsKey(ordinal))
                {
                    sinks[ordinal] = sink;
                }
            }
        }

        // A return inside a nested lambda or local function returns from that function, not from the summarised method.
        internal static bool ReturnsFrom(IOperation operation, IOperation body)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current == body)
                {
                    return true;
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>The operation tree of a source method's body, or null.</summary>
        internal IOperation? GetBody(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                if (syntax is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax))
                {
                    continue;
                }

                var model = GetModel(syntax.SyntaxTree);
                if (model?.GetOperation(syntax) is { } operation)
                {
                    return operation;
                }
            }

            return null;
        }

        private SemanticModel? GetModel(SyntaxTree tree)
        {
            if (!compilation.ContainsSyntaxTree(tree))
            {
                return null;
            }

            // RS1030: a summary needs the operations of a helper in another file, which the analysis context of the
            // caller's block does not give. The model is created once per tree and compilation and cached here, the
            // approach the dotnet/roslyn-analyzers interprocedural data-flow analysis takes.
#pragma warning disable RS1030
            return models.GetOrAdd(tree, t => compilation.GetSemanticModel(t));
#pragma warning restore RS1030
        }

        /// <summary>The helpers being summarised on this thread, innermost first; cuts recursion and bounds depth.</summary>
        internal sealed class CallChain
        {
            public static readonly CallChain Root = new CallChain(null, null, 0);

            private readonly IMethodSymbol? method;
            private readonly CallChain? parent;

            private CallChain(IMethodSymbol? method, CallChain? parent, int depth)
            {
                this.method = method;
                this.parent = parent;
                Depth = depth;
            }

            public int Depth { get; }

            public CallChain Push(IMethodSymbol callee) => new CallChain(callee, this, Depth + 1);

            public bool Contains(IMethodSymbol callee)
            {
                for (var current = this; current is not null; current = current.parent)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.method, callee))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
