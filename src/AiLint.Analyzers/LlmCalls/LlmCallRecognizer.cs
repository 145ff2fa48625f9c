using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Recognises LLM calls: the calls <see cref="DirectLlmCalls"/> matches without a body (SDK entry points, overrides and
    /// implementations of them, <c>[AiLint.LlmCall]</c> methods, <c>ailint.llm_call_methods</c> ...), and methods of the
    /// compilation that make such a call directly or through other such methods (<see cref="ProjectCallGraph"/>). One
    /// instance per compilation, cached, is shared by its users: the retry rules (<c>RetryAnalyzer</c>) and the project
    /// summary generator; the other rule families recognise the SDK calls they care about with their own known symbols.
    /// Every method is thread-safe.
    /// </summary>
    /// <example>
    /// <code>
    /// context.RegisterCompilationStartAction(start =>
    /// {
    ///     var recognizer = LlmCallRecognizer.TryGetCompilationInstance(start.Compilation, start.Options);
    ///     if (recognizer is null) return; // no SDK, no annotations, nothing configured
    ///     start.RegisterOperationAction(c =>
    ///     {
    ///         var call = recognizer.Recognize((IInvocationOperation)c.Operation, c.CancellationToken);
    ///         if (call.Kind == LlmCallKind.Streaming) { /* ... */ }
    ///     }, OperationKind.Invocation);
    /// });
    /// </code>
    /// Prefer <see cref="MayBeDirectLlmCall(IMethodSymbol)"/> as a cheap first filter (with a test for source methods);
    /// <see cref="Recognize(IInvocationOperation, CancellationToken)"/> may bind the bodies of project methods the first
    /// time it is asked about them. Pass the invocation rather than its target method where there is one: some calls are
    /// LLM calls only with certain arguments (prompt functions, HTTP POSTs to a generation endpoint).
    /// </example>
    internal sealed class LlmCallRecognizer
    {
        private static readonly ConditionalWeakTable<Compilation, LlmCallRecognizer> Cache = new();

        private readonly Compilation compilation;
        private readonly DirectLlmCalls directCalls;
        private readonly ProjectCallGraph projectGraph;

        // Computed on first use; a race computes the same answer twice.
        private bool? isUseful;

        private LlmCallRecognizer(Compilation compilation, KnownLlmSymbols symbols, ImmutableHashSet<string> configuredMethods)
        {
            this.compilation = compilation;
            directCalls = new DirectLlmCalls(compilation, symbols, configuredMethods);
            projectGraph = new ProjectCallGraph(compilation, directCalls);
        }

        private LlmCallRecognizer(LlmCallRecognizer source, ISet<string> mayCallNames, SummarySemanticModels? models, BindingProbe? probe)
        {
            compilation = source.compilation;
            directCalls = source.directCalls;
            projectGraph = new ProjectCallGraph(compilation, directCalls, mayCallNames, models ?? new SummarySemanticModels(compilation), probe);
            isUseful = source.isUseful;
        }

        /// <summary>
        /// A recognizer with the same answers whose project call graph binds only the calls named in
        /// <paramref name="mayCallNames"/> (every name through which a call can reach an LLM call; see
        /// <see cref="ProjectCallGraph"/>). Not cached: the project summary makes one per run, so the analyzers' shared
        /// instance keeps binding whole bodies, which the analyzer driver has bound already. It binds with
        /// <paramref name="models"/> (by default one model per tree, without nullable analysis where Roslyn can).
        /// </summary>
        public LlmCallRecognizer WithMayCallNames(ISet<string> mayCallNames, SummarySemanticModels? models = null, BindingProbe? probe = null) =>
            new(this, mayCallNames, models, probe);

        /// <summary>The SDK types whose methods are entry points (from the recognizer's own <see cref="KnownLlmSymbols"/>).</summary>
        public IEnumerable<INamedTypeSymbol> EntryPointTypes() => directCalls.Symbols.EntryPointTypes();

        /// <summary>
        /// Names of every method this recognizer can match without a body: SDK entry points, configured methods and the
        /// LLM wrappers referenced projects recorded (for syntactic pre-filters such as <see cref="Summaries.MayCallModelNames"/>).
        /// </summary>
        public IEnumerable<string> DirectCallNames() =>
            directCalls.Symbols.EntryPointNames().Concat(directCalls.ConfiguredMethodNames).Concat(ReferencedSummaries.For(compilation).LlmCallMethodNames);

        /// <summary>
        /// The recognizer of <paramref name="compilation"/>, or null when nothing in it can be an LLM call (no SDK,
        /// no AiLint.Annotations, no configured method). Cached per compilation.
        /// </summary>
        public static LlmCallRecognizer? TryGetCompilationInstance(Compilation compilation, AnalyzerOptions options)
        {
            // A POST to a relative path is an LLM call when its client's base address is a provider's, read with the
            // settings files (RawHttpBaseAddresses): prepared before any call is recognised, once per compilation.
            RawHttpBaseAddresses.Prepare(compilation, options.AdditionalFiles);

            var configured = AiLintOptions.GetLlmCallMethods(options, compilation);
            if (Cache.TryGetValue(compilation, out var cached) && cached.directCalls.ConfiguredMethods.SetEquals(configured))
            {
                return cached.IsUseful ? cached : null;
            }

            var created = new LlmCallRecognizer(compilation, KnownLlmSymbols.Create(compilation), configured);
            if (!Cache.TryGetValue(compilation, out _))
            {
                // Another user may have raced us here; either instance is equivalent.
                try
                {
                    Cache.Add(compilation, created);
                }
                catch (System.ArgumentException)
                {
                }
            }

            return created.IsUseful ? created : null;
        }

        /// <summary>
        /// Something in the compilation can be recognised: an SDK, a configured method, an applied [LlmCall], or a
        /// provider's endpoint spelled in the source or the settings files (raw HTTP calls).
        /// </summary>
        /// <remarks>
        /// The attribute and endpoint tests scan text (see <see cref="LlmCallAttributeUse"/>, <see cref="LlmEndpoints"/>),
        /// so they run last and once per instance: the instance is cached per compilation.
        /// </remarks>
        private bool IsUseful => isUseful ??= directCalls.Symbols.HasAnySdk || !directCalls.ConfiguredMethods.IsEmpty
            || (directCalls.Symbols.LlmCallAttribute is { } attribute && LlmCallAttributeUse.MayBeApplied(compilation, attribute))
            || (directCalls.MayMatchRawHttp && LlmEndpoints.MayAppearInSource(compilation, RawHttpBaseAddresses.SettingsFiles(compilation)))
            || ReferencedSummaries.For(compilation).HasLlmCalls;

        /// <summary>
        /// Recognises an invocation: as <see cref="Recognize(IMethodSymbol, CancellationToken)"/>, plus the calls that are LLM
        /// calls only with certain arguments (a Semantic Kernel prompt function, an HTTP POST to a generation endpoint).
        /// </summary>
        public LlmCall Recognize(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var byArguments = directCalls.MatchByArguments(invocation, cancellationToken);
            return directCalls.Collected(invocation, byArguments.IsLlmCall ? byArguments : Recognize(invocation.TargetMethod, cancellationToken));
        }

        /// <summary>
        /// Cheap filter on the method alone: true when a call to <paramref name="method"/> may be an LLM call without
        /// looking into project bodies (an SDK entry point, or a method whose arguments decide).
        /// </summary>
        public bool MayBeDirectLlmCall(IMethodSymbol method) => directCalls.MayMatch(method);

        /// <summary>
        /// What the body of a source method reaches through the project call graph, ignoring what the method itself
        /// implements: a test double implementing <c>IChatClient</c> whose body calls no model answers None.
        /// </summary>
        public LlmCall RecognizeBody(IMethodSymbol sourceMethod, CancellationToken cancellationToken)
        {
            var definition = DirectLlmCalls.Normalize(sourceMethod);
            return SourceBodies.IsInSource(definition, compilation) ? projectGraph.Recognize(definition, cancellationToken) : LlmCall.None;
        }

        /// <summary>Recognises <paramref name="method"/>, including project methods that reach an LLM call transitively.</summary>
        public LlmCall Recognize(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var result = directCalls.Match(method);
            if (result.IsLlmCall)
            {
                return result;
            }

            var definition = DirectLlmCalls.Normalize(method);
            return SourceBodies.IsInSource(definition, compilation)
                ? projectGraph.Recognize(definition, cancellationToken)
                : LlmCall.None;
        }
    }
}
