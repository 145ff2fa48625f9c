using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Recognises LLM calls: the SDK entry points (<see cref="KnownLlmSymbols"/>), overrides and implementations of them,
    /// <c>[AiLint.LlmCall]</c> methods, <c>ailint.llm_call_methods</c>, and methods of the compilation that make such a call
    /// directly or through other such methods. One instance per compilation is shared by every analyzer; every method is
    /// thread-safe.
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

        private readonly ImmutableHashSet<string> configuredMethods;
        private readonly ImmutableHashSet<string> configuredMethodNames;
        private readonly ConcurrentDictionary<IMethodSymbol, LlmCall> direct = new(SymbolEqualityComparer.Default);
        private readonly ProjectCallGraph projectGraph;
        private readonly PromptFunctionCalls promptFunctions;
        private readonly RawHttpLlmCalls httpCalls;
        private readonly CollectedStreams collectedStreams;

        // Computed on first use; a race computes the same answer twice.
        private bool? isUseful;

        // Cached: a lambda capturing `this` would allocate a delegate on every RecognizeDirect, which runs per invocation.
        private readonly System.Func<IMethodSymbol, LlmCall> computeDirect;

        private LlmCallRecognizer(Compilation compilation, KnownLlmSymbols symbols, ImmutableHashSet<string> configuredMethods)
        {
            Compilation = compilation;
            Symbols = symbols;
            this.configuredMethods = configuredMethods;
            configuredMethodNames = configuredMethods.Select(LastSegment).ToImmutableHashSet(System.StringComparer.Ordinal);
            projectGraph = new ProjectCallGraph(this);
            promptFunctions = new PromptFunctionCalls(compilation);
            httpCalls = new RawHttpLlmCalls(compilation);
            collectedStreams = new CollectedStreams(compilation);
            computeDirect = ComputeDirect;
        }

        public Compilation Compilation { get; }

        /// <summary>
        /// Names of every method this recognizer can match without a body: SDK entry points, configured methods and the
        /// LLM wrappers referenced projects recorded (for syntactic pre-filters such as <see cref="Summaries.MayCallModelNames"/>).
        /// </summary>
        public IEnumerable<string> DirectCallNames() =>
            Symbols.EntryPointNames().Concat(configuredMethodNames).Concat(ReferencedSummaries.For(Compilation).LlmCallMethodNames);

        public KnownLlmSymbols Symbols { get; }

        /// <summary>
        /// The recognizer of <paramref name="compilation"/>, or null when nothing in it can be an LLM call (no SDK,
        /// no AiLint.Annotations, no configured method). Cached per compilation.
        /// </summary>
        public static LlmCallRecognizer? TryGetCompilationInstance(Compilation compilation, AnalyzerOptions options)
        {
            var configured = ReadConfiguredMethods(compilation, options);
            if (Cache.TryGetValue(compilation, out var cached) && cached.configuredMethods.SetEquals(configured))
            {
                return cached.IsUseful ? cached : null;
            }

            var created = new LlmCallRecognizer(compilation, KnownLlmSymbols.Create(compilation), configured);
            if (!Cache.TryGetValue(compilation, out _))
            {
                // Another analyzer may have raced us here; either instance is equivalent.
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
        /// provider's endpoint spelled in the source (raw HTTP calls).
        /// </summary>
        /// <remarks>
        /// The attribute and endpoint tests scan text (see <see cref="LlmCallAttributeUse"/>, <see cref="LlmEndpoints"/>),
        /// so they run last and once per instance: the instance is cached per compilation.
        /// </remarks>
        private bool IsUseful => isUseful ??= Symbols.HasAnySdk || !configuredMethods.IsEmpty
            || (Symbols.LlmCallAttribute is { } attribute && LlmCallAttributeUse.MayBeApplied(Compilation, attribute))
            || (httpCalls.IsAvailable && LlmEndpoints.MayAppearInSource(Compilation))
            || ReferencedSummaries.For(Compilation).HasLlmCalls;

        /// <summary>Classifies an invocation (direct, annotated, configured, by its arguments or through project methods).</summary>
        public LlmCallKind Classify(IInvocationOperation invocation, CancellationToken cancellationToken) =>
            Recognize(invocation, cancellationToken).Kind;

        /// <summary>
        /// Recognises an invocation: as <see cref="Recognize(IMethodSymbol, CancellationToken)"/>, plus the calls that are LLM
        /// calls only with certain arguments (a Semantic Kernel prompt function, an HTTP POST to a generation endpoint).
        /// </summary>
        public LlmCall Recognize(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var byArguments = RecognizeByArguments(invocation, cancellationToken);
            return Collected(invocation, byArguments.IsLlmCall ? byArguments : Recognize(invocation.TargetMethod, cancellationToken));
        }

        /// <summary><see cref="RecognizeDirect(IMethodSymbol)"/> plus the calls recognised by their arguments; binds no other body.</summary>
        public LlmCall RecognizeDirect(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var direct = RecognizeDirect(invocation.TargetMethod);
            return Collected(invocation, direct.IsLlmCall ? direct : RecognizeByArguments(invocation, cancellationToken));
        }

        /// <summary>A stream collected on the spot (<see cref="CollectedStreams"/>) is a generation.</summary>
        private LlmCall Collected(IInvocationOperation invocation, LlmCall call) =>
            call.Kind == LlmCallKind.Streaming && collectedStreams.IsCollected(invocation)
                ? new LlmCall(LlmCallKind.Generation, call.Sdk, call.EntryPoint)
                : call;

        /// <summary>
        /// Cheap filter on the method alone: true when a call to <paramref name="method"/> may be an LLM call without
        /// looking into project bodies (an SDK entry point, or a method whose arguments decide).
        /// </summary>
        public bool MayBeDirectLlmCall(IMethodSymbol method) =>
            RecognizeDirect(method).IsLlmCall || IsArgumentDependent(method);

        private bool IsArgumentDependent(IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            return promptFunctions.IsCandidate(method) || httpCalls.IsCandidate(method);
        }

        private LlmCall RecognizeByArguments(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            if (promptFunctions.IsCandidate(method))
            {
                return promptFunctions.Recognize(invocation, cancellationToken);
            }

            return httpCalls.IsCandidate(method) ? httpCalls.Recognize(invocation, cancellationToken) : LlmCall.None;
        }

        public bool IsLlmCall(IMethodSymbol method, CancellationToken cancellationToken) =>
            Recognize(method, cancellationToken).IsLlmCall;

        /// <summary>Recognises <paramref name="method"/>, including project methods that reach an LLM call transitively.</summary>
        public LlmCall Recognize(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var result = RecognizeDirect(method);
            if (result.IsLlmCall)
            {
                return result;
            }

            var definition = Normalize(method);
            return SourceBodies.IsInSource(definition, Compilation)
                ? projectGraph.Recognize(definition, cancellationToken)
                : LlmCall.None;
        }

        /// <summary>
        /// Recognises SDK entry points (and their overrides/implementations), <c>[LlmCall]</c> and configured methods,
        /// without looking into method bodies.
        /// </summary>
        public LlmCall RecognizeDirect(IMethodSymbol method)
        {
            var definition = Normalize(method);
            return direct.GetOrAdd(definition, computeDirect);
        }

        private static IMethodSymbol Normalize(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

        private LlmCall ComputeDirect(IMethodSymbol method)
        {
            if (method.MethodKind is MethodKind.DelegateInvoke or MethodKind.AnonymousFunction)
            {
                return LlmCall.None;
            }

            for (var current = method; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
            {
                if (MatchSdk(current) is { IsLlmCall: true } sdk)
                {
                    return sdk;
                }

                if (MatchImplementedInterface(current) is { IsLlmCall: true } implemented)
                {
                    return implemented;
                }

                if (HasLlmCallAttribute(current))
                {
                    return new LlmCall(KindFromReturnType(method), LlmSdk.Annotated, current);
                }
            }

            if (IsConfigured(method))
            {
                return new LlmCall(KindFromReturnType(method), LlmSdk.Configured, method);
            }

            // A public method of a referenced project that recorded, through its own AiLint, that it calls a model.
            if (!SourceBodies.IsInSource(method, Compilation) && ReferencedSummaries.For(Compilation).LlmCallKindOf(method) is var recorded && recorded != LlmCallKind.None)
            {
                return new LlmCall(recorded, LlmSdk.Referenced, method);
            }

            return LlmCall.None;
        }

        private LlmCall MatchSdk(IMethodSymbol method)
        {
            if (method.ContainingType is { } type && Symbols.TryMatch(type, method.Name, out var kind, out var sdk))
            {
                return new LlmCall(kind, sdk, method);
            }

            // Extension methods on a known type (ChatClientExtensions, MessageServiceExtensions.Create<T>,
            // Semantic Kernel's KernelExtensions.InvokePromptAsync ...) are matched by their `this` parameter.
            if (method.IsExtensionMethod && method.Parameters.Length > 0
                && method.Parameters[0].Type is INamedTypeSymbol receiver
                && Symbols.TryMatch(receiver, method.Name, out kind, out sdk))
            {
                return new LlmCall(kind, sdk, method);
            }

            return LlmCall.None;
        }

        private LlmCall MatchImplementedInterface(IMethodSymbol method)
        {
            foreach (var explicitImplementation in method.ExplicitInterfaceImplementations)
            {
                if (MatchSdk(explicitImplementation.OriginalDefinition) is { IsLlmCall: true } match)
                {
                    return match;
                }
            }

            var type = method.ContainingType;
            if (type is null || type.TypeKind == TypeKind.Interface || method.IsStatic)
            {
                return LlmCall.None;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (!Symbols.IsKnownInterface(@interface))
                {
                    continue;
                }

                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol interfaceMethod
                        && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, method)
                        && MatchSdk(interfaceMethod.OriginalDefinition) is { IsLlmCall: true } match)
                    {
                        return match;
                    }
                }
            }

            return LlmCall.None;
        }

        private bool HasLlmCallAttribute(IMethodSymbol method)
        {
            if (Symbols.LlmCallAttribute is not { } attribute)
            {
                return false;
            }

            foreach (var data in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsConfigured(IMethodSymbol method)
        {
            if (configuredMethods.IsEmpty || !configuredMethodNames.Contains(method.Name) || method.ContainingType is null)
            {
                return false;
            }

            var typeName = method.ContainingType.ToDisplayString(TypeNameFormat);
            return configuredMethods.Contains(typeName + "." + method.Name);
        }

        /// <summary>Streaming when the method returns an async stream; otherwise a generation.</summary>
        internal LlmCallKind KindFromReturnType(IMethodSymbol method) =>
            ReturnsAsyncStream(method) ? LlmCallKind.Streaming : LlmCallKind.Generation;

        internal bool ReturnsAsyncStream(IMethodSymbol method)
        {
            if (Symbols.AsyncEnumerable is not { } asyncEnumerable || method.ReturnType is not INamedTypeSymbol returnType)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(returnType.OriginalDefinition, asyncEnumerable))
            {
                return true;
            }

            foreach (var @interface in returnType.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, asyncEnumerable))
                {
                    return true;
                }
            }

            return false;
        }

        // Namespace.Type (nested types joined with '.'), no generic arguments: the form docs/design/contract.md fixes for the option.
        private static readonly SymbolDisplayFormat TypeNameFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None);

        private static string LastSegment(string name)
        {
            var dot = name.LastIndexOf('.');
            return dot < 0 ? name : name.Substring(dot + 1);
        }

        /// <summary>
        /// <see cref="AiLintOptions.GetLlmCallMethods"/> (global options) plus any value set in a tree's
        /// <c>.editorconfig</c> section: the list is one per compilation, so every file's entries count.
        /// </summary>
        private static ImmutableHashSet<string> ReadConfiguredMethods(Compilation compilation, AnalyzerOptions options)
        {
            var result = AiLintOptions.GetLlmCallMethods(options);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(AiLintOptions.LlmCallMethodsKey, out var raw))
                {
                    result = result.Union(AiLintOptions.ParseList(raw));
                }
            }

            return result;
        }
    }
}
