using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// What a call is without looking into any project method's body: an SDK entry point (<see cref="KnownLlmSymbols"/>)
    /// or an override/implementation of one, an <c>[AiLint.LlmCall]</c> method, a method named in
    /// <c>ailint.llm_call_methods</c>, a wrapper a referenced project recorded, or a call that is an LLM call by its
    /// arguments (a prompt function, an HTTP POST to a generation endpoint). One per <see cref="LlmCallRecognizer"/>;
    /// <see cref="ProjectCallGraph"/> seeds its search with these answers. Thread-safe.
    /// </summary>
    internal sealed class DirectLlmCalls
    {
        private readonly ConcurrentDictionary<IMethodSymbol, LlmCall> cache = new(SymbolEqualityComparer.Default);
        private readonly ImmutableHashSet<string> configuredMethodNames;
        private readonly PromptFunctionCalls promptFunctions;
        private readonly RawHttpLlmCalls httpCalls;
        private readonly CollectedStreams collectedStreams;

        // Cached: a lambda capturing `this` would allocate a delegate on every Match, which runs per invocation.
        private readonly System.Func<IMethodSymbol, LlmCall> compute;

        public DirectLlmCalls(Compilation compilation, KnownLlmSymbols symbols, ImmutableHashSet<string> configuredMethods)
        {
            Compilation = compilation;
            Symbols = symbols;
            ConfiguredMethods = configuredMethods;
            configuredMethodNames = configuredMethods.Select(LastSegment).ToImmutableHashSet(System.StringComparer.Ordinal);
            promptFunctions = new PromptFunctionCalls(compilation);
            httpCalls = new RawHttpLlmCalls(compilation);
            collectedStreams = new CollectedStreams(compilation);
            compute = Compute;
        }

        public Compilation Compilation { get; }

        public KnownLlmSymbols Symbols { get; }

        /// <summary>The <c>ailint.llm_call_methods</c> entries this instance was built with.</summary>
        public ImmutableHashSet<string> ConfiguredMethods { get; }

        /// <summary>Method names (without type) of <see cref="ConfiguredMethods"/>.</summary>
        public ImmutableHashSet<string> ConfiguredMethodNames => configuredMethodNames;

        /// <summary>Raw HTTP calls can be recognised (System.Net.Http is referenced).</summary>
        public bool MayMatchRawHttp => httpCalls.IsAvailable;

        /// <summary><see cref="Match(IMethodSymbol)"/> plus the calls recognised by their arguments; binds no other body.</summary>
        public LlmCall Match(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var direct = Match(invocation.TargetMethod);
            return Collected(invocation, direct.IsLlmCall ? direct : MatchByArguments(invocation, cancellationToken));
        }

        /// <summary>
        /// SDK entry points (and their overrides/implementations), <c>[LlmCall]</c>, configured and recorded methods,
        /// without looking into method bodies.
        /// </summary>
        public LlmCall Match(IMethodSymbol method) => cache.GetOrAdd(Normalize(method), compute);

        /// <summary>
        /// Cheap filter on the method alone: true when a call to <paramref name="method"/> may be an LLM call without
        /// looking into project bodies (an SDK entry point, or a method whose arguments decide).
        /// </summary>
        public bool MayMatch(IMethodSymbol method) => Match(method).IsLlmCall || IsArgumentDependent(method);

        /// <summary>The calls that are LLM calls only with certain arguments; <see cref="LlmCall.None"/> otherwise.</summary>
        public LlmCall MatchByArguments(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            if (promptFunctions.IsCandidate(method))
            {
                return promptFunctions.Recognize(invocation, cancellationToken);
            }

            return httpCalls.IsCandidate(method) ? httpCalls.Recognize(invocation, cancellationToken) : LlmCall.None;
        }

        /// <summary>A stream collected on the spot (<see cref="CollectedStreams"/>) is a generation.</summary>
        public LlmCall Collected(IInvocationOperation invocation, LlmCall call) =>
            call.Kind == LlmCallKind.Streaming && collectedStreams.IsCollected(invocation)
                ? new LlmCall(LlmCallKind.Generation, call.Sdk, call.EntryPoint)
                : call;

        public static IMethodSymbol Normalize(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

        /// <summary>True when the method returns an async stream (so a call to it is a streaming call).</summary>
        public bool ReturnsAsyncStream(IMethodSymbol method)
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

        /// <summary>
        /// Names of the calls whose arguments decide whether they are LLM calls (<see cref="RawHttpLlmCalls"/>: HTTP POSTs
        /// to a generation endpoint; <see cref="PromptFunctionCalls"/>: Semantic Kernel prompt functions), for the
        /// syntactic filters that cannot ask <see cref="IsArgumentDependent"/> (the summary's name filter, the relevance gate).
        /// </summary>
        public static readonly IReadOnlyList<string> ArgumentDependentNames = new[] { "PostAsJsonAsync", "PostAsync", "SendAsync", "Send", "PostJsonAsync", "SendJsonAsync", "PostStringAsync", "SendStringAsync", "InvokeAsync", "InvokeStreamingAsync" };

        /// <summary>
        /// RestSharp's sends (<see cref="RawHttpLlmCalls.IsRestSharpSend"/>): common names elsewhere (Polly's and Dapper's
        /// <c>ExecuteAsync</c>), so they widen the syntactic filters only in a compilation that references RestSharp.
        /// </summary>
        private static readonly IReadOnlyList<string> RestSharpSendNames = new[] { "ExecuteAsync", "Execute", "ExecutePostAsync", "ExecutePost", "Post", "PostJson" };

        /// <summary><see cref="ArgumentDependentNames"/>, with RestSharp's sends when <paramref name="compilation"/> references RestSharp.</summary>
        public static IEnumerable<string> ArgumentDependentNamesIn(Compilation compilation) =>
            KnownRestSharpSymbols.For(compilation).IsAvailable ? ArgumentDependentNames.Concat(RestSharpSendNames) : ArgumentDependentNames;

        private bool IsArgumentDependent(IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            return promptFunctions.IsCandidate(method) || httpCalls.IsCandidate(method);
        }

        private LlmCall Compute(IMethodSymbol method)
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
            if (ConfiguredMethods.IsEmpty || !configuredMethodNames.Contains(method.Name) || method.ContainingType is null)
            {
                return false;
            }

            var typeName = method.ContainingType.ToDisplayString(TypeNameFormat);
            return ConfiguredMethods.Contains(typeName + "." + method.Name);
        }

        /// <summary>Streaming when the method returns an async stream; otherwise a generation.</summary>
        private LlmCallKind KindFromReturnType(IMethodSymbol method) =>
            ReturnsAsyncStream(method) ? LlmCallKind.Streaming : LlmCallKind.Generation;

        // Namespace.Type (nested types joined with '.'), no generic arguments: the form docs/design/contract.md fixes for the option.
        private static readonly SymbolDisplayFormat TypeNameFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None);

        private static string LastSegment(string name)
        {
            var dot = name.LastIndexOf('.');
            return dot < 0 ? name : name.Substring(dot + 1);
        }
    }
}
