using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Retries that cannot fire after the request is sent (review 77 FP-1, scottgal/mostlyucid.llmbackend): the LLM call,
    /// and every statement after it on the way out of the retried code, sits in a <c>try</c> whose catches take every
    /// exception the retry goes round on and neither throw nor rethrow. Read through the retried lambda (or loop body),
    /// the project method it calls and returns, and every implementation or override of an interface, abstract or
    /// virtual method it calls. One instance per compilation; asked only for calls a retry was found around.
    /// </summary>
    /// <remarks>
    /// Why this is precise and not a guess: a v7 policy and a catch-and-retry loop go round only when an exception
    /// reaches them (<see cref="RetriedExceptions"/> answers only for those). An exception before the send re-runs code
    /// that has sent nothing; once the request is sent, every way out either returns a value or is caught. Anything the
    /// reading does not follow (a send in a nested lambda, a call of a project method whose value is used afterwards,
    /// a method with no source body, recursion, more than <see cref="MaxDepth"/> calls deep) counts as escaping.
    /// </remarks>
    internal sealed partial class SwallowedAttempts
    {
        private const int MaxDepth = 4;

        private readonly LlmCallRecognizer recognizer;
        private readonly Compilation compilation;
        private readonly Func<Dictionary<IMethodSymbol, List<IMethodSymbol>>> implementations;
        private readonly INamedTypeSymbol? messageInvoker;
        private readonly UnsurfacedExceptionRetries unsurfaced;

        // Per method (original definition), per retried-exception set: what its bodies and implementations do.
        private readonly ConcurrentDictionary<IMethodSymbol, ConcurrentDictionary<string, Reach>> reaches = new(SymbolEqualityComparer.Default);

        public SwallowedAttempts(LlmCallRecognizer recognizer, Compilation compilation, Func<Dictionary<IMethodSymbol, List<IMethodSymbol>>> implementations)
        {
            this.recognizer = recognizer;
            this.compilation = compilation;
            this.implementations = implementations;
            messageInvoker = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
            unsurfaced = new UnsurfacedExceptionRetries(compilation);
        }

        /// <summary>What a project method does with a request: whether it sends one, and whether nothing escapes after it.</summary>
        private readonly struct Reach
        {
            public Reach(bool sends, bool contained)
            {
                Sends = sends;
                Contained = contained;
            }

            public static Reach Unknown => new(sends: true, contained: false);

            public bool Sends { get; }

            public bool Contained { get; }
        }

        /// <summary>
        /// No exception the retry goes round on can leave <paramref name="retry"/>'s code after <paramref name="call"/>
        /// sends its request, so the retry never re-sends it.
        /// </summary>
        public bool CannotResend(IInvocationOperation call, LlmCall llmCall, RetryContext retry, CancellationToken cancellationToken)
        {
            // The retry handles only exceptions the measured SDK call never surfaces (review 78 FP-2).
            if (unsurfaced.CannotFire(call, llmCall, retry, cancellationToken))
            {
                return true;
            }

            // A stream fails while it is read, after the call returned: not read here.
            if (llmCall.Kind == LlmCallKind.Streaming || RetriedExceptions.Of(retry, compilation, cancellationToken) is not { } retried)
            {
                return false;
            }

            var boundary = retry.Region;
            var visiting = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var cut = false;
            if (Covered(call, boundary, retried, depth: 0, visiting, ref cut, cancellationToken))
            {
                return true;
            }

            if (!SourceBodies.IsInSource(call.TargetMethod, compilation) || !ReturnsDirectly(call, boundary))
            {
                return false;
            }

            var reach = ReachOf(call.TargetMethod, retried, depth: 0, visiting, out _, cancellationToken);
            return reach.Sends && reach.Contained;
        }

        /// <summary>
        /// As <see cref="CannotResend(IInvocationOperation, LlmCall, RetryContext, CancellationToken)"/> for a method group
        /// handed to the retry (<c>policy.ExecuteAsync(AskAsync)</c>): the method is the whole retried code.
        /// </summary>
        public bool CannotResend(IMethodReferenceOperation reference, LlmCall llmCall, RetryContext retry, CancellationToken cancellationToken)
        {
            if (llmCall.Kind == LlmCallKind.Streaming || !SourceBodies.IsInSource(reference.Method, compilation)
                || RetriedExceptions.Of(retry, compilation, cancellationToken) is not { } retried)
            {
                return false;
            }

            var reach = ReachOf(reference.Method, retried, depth: 0, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), out _, cancellationToken);
            return reach.Sends && reach.Contained;
        }

        /// <summary>
        /// What <paramref name="method"/> does, over its own body when it has one and every implementation and override of
        /// it in the project. <paramref name="cut"/> is set when the answer was cut short (recursion, depth): such an answer
        /// is not kept, since it depends on where the reading started.
        /// </summary>
        private Reach ReachOf(IMethodSymbol method, ImmutableArray<ITypeSymbol> retried, int depth, HashSet<IMethodSymbol> visiting, out bool cut, CancellationToken cancellationToken)
        {
            cut = false;
            method = method.OriginalDefinition;
            var key = string.Join(",", retried.Select(t => t.ToDisplayString()));
            var known = reaches.GetOrAdd(method, _ => new ConcurrentDictionary<string, Reach>());
            if (known.TryGetValue(key, out var reach))
            {
                return reach;
            }

            if (depth > MaxDepth || !visiting.Add(method))
            {
                cut = true;
                return Reach.Unknown;
            }

            var bodies = Targets(method).SelectMany(m => SourceBodies.GetBodies(m, compilation, cancellationToken)).ToList();
            var sends = false;
            var contained = bodies.Count > 0;
            foreach (var body in bodies)
            {
                var part = BodyReach(body, retried, depth, visiting, ref cut, cancellationToken);
                sends |= part.Sends;
                contained &= part.Contained;
                if (!contained)
                {
                    break;
                }
            }

            visiting.Remove(method);
            reach = bodies.Count == 0 ? Reach.Unknown : new Reach(sends, contained);
            if (!cut)
            {
                known[key] = reach;
            }

            return reach;
        }

        /// <summary>The method itself when it has a body, and every implementation and override of it, transitively.</summary>
        private IEnumerable<IMethodSymbol> Targets(IMethodSymbol method) =>
            method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType.TypeKind == TypeKind.Interface
                ? SourceImplementations.RunnableBodies(method, implementations())
                : method.IsExtern ? Enumerable.Empty<IMethodSymbol>() : new[] { method };

        /// <summary>One body: every send in it, direct or through a project method, is covered or returned directly.</summary>
        private Reach BodyReach(IOperation body, ImmutableArray<ITypeSymbol> retried, int depth, HashSet<IMethodSymbol> visiting, ref bool cut, CancellationToken cancellationToken)
        {
            var sends = false;
            foreach (var invocation in body.Descendants().OfType<IInvocationOperation>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = invocation.TargetMethod;
                var returnedReachOk = false;
                if (SourceBodies.IsInSource(target, compilation))
                {
                    var inner = ReachOf(target, retried, depth + 1, visiting, out var innerCut, cancellationToken);
                    cut |= innerCut;
                    if (!inner.Sends)
                    {
                        continue;
                    }

                    returnedReachOk = inner.Contained && ReturnsDirectly(invocation, boundary: null);
                }
                else if (!IsSend(invocation, cancellationToken))
                {
                    continue;
                }

                sends = true;
                if (!returnedReachOk && !Covered(invocation, boundary: null, retried, depth, visiting, ref cut, cancellationToken))
                {
                    return new Reach(sends: true, contained: false);
                }
            }

            return new Reach(sends, contained: true);
        }

        /// <summary>
        /// A call that sends outside the project: an LLM call the recognizer knows, or any request sent through an
        /// <c>HttpClient</c> (its URL may come from the caller, so the recognizer cannot always tell on its own).
        /// </summary>
        private bool IsSend(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var target = invocation.TargetMethod;
            var receiverType = target.IsExtensionMethod
                ? (target.ReducedFrom ?? target).Parameters.FirstOrDefault()?.Type
                : target.ContainingType;
            return (messageInvoker is not null && ProjectThrows.DerivesFrom(receiverType, messageInvoker))
                || recognizer.Recognize(invocation, cancellationToken).IsLlmCall;
        }
    }
}
