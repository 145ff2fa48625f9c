using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// AIL0003 through the project's own service: a retry around <c>await analyzer.AnalyzeAsync(chunk)</c> whose method (or
    /// the sole implementation of its interface) calls an OpenAI, Azure OpenAI or Anthropic client that the service built
    /// itself with the SDK's retries on (review 66, policy-compliance-checker). The same path AIL0001 follows into the
    /// service, with the same test the direct call gets (<see cref="SdkBuiltInRetries"/>): a client injected into the
    /// service, or built with options that cannot be read, stays unjudged.
    /// </summary>
    internal sealed class SdkRetriesThroughProjectMethods
    {
        /// <summary>How many project methods deep the walk goes (service → private helper → SDK call is two).</summary>
        private const int MaxDepth = 3;

        private readonly Compilation compilation;
        private readonly SdkBuiltInRetries sdkRetries;
        private readonly System.Func<Dictionary<IMethodSymbol, List<IMethodSymbol>>> implementations;

        public SdkRetriesThroughProjectMethods(Compilation compilation, SdkBuiltInRetries sdkRetries, System.Func<Dictionary<IMethodSymbol, List<IMethodSymbol>>> implementations)
        {
            this.compilation = compilation;
            this.sdkRetries = sdkRetries;
            this.implementations = implementations;
        }

        /// <summary>
        /// The built-in retries of an SDK client that <paramref name="call"/> (a call of a project method recognised as an LLM
        /// call) reaches through the project's methods; null when none is shown to be on.
        /// </summary>
        public SdkRetryFinding? Find(IInvocationOperation call, LlmCallRecognizer recognizer, CancellationToken cancellationToken)
        {
            var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            return SoleBody(call) is { } body ? Search(body, recognizer, visited, 0, cancellationToken) : null;
        }

        private SdkRetryFinding? Search(IMethodSymbol method, LlmCallRecognizer recognizer, HashSet<IMethodSymbol> visited, int depth, CancellationToken cancellationToken)
        {
            if (depth >= MaxDepth || !visited.Add(method))
            {
                return null;
            }

            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var inner in body.DescendantsAndSelf().OfType<IInvocationOperation>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (recognizer.MayBeDirectLlmCall(inner.TargetMethod))
                    {
                        var llmCall = recognizer.Recognize(inner, cancellationToken);
                        if (llmCall.IsLlmCall && llmCall.Sdk != LlmSdk.Project && SdkBuiltInRetries.Judges(llmCall)
                            && sdkRetries.Find(inner, llmCall, cancellationToken) is { } finding)
                        {
                            return finding;
                        }
                    }
                    else if (SoleBody(inner) is { } callee && Search(callee, recognizer, visited, depth + 1, cancellationToken) is { } deeper)
                    {
                        return deeper;
                    }
                    else if (inner.TargetMethod.MethodKind == MethodKind.DelegateInvoke)
                    {
                        // `_handlers[message.Action](message, ct)`: the table's methods (DispatchTables), as the call graph reads it.
                        foreach (var dispatched in DispatchTables.MethodsCalled(inner, compilation, cancellationToken))
                        {
                            if (Search(dispatched, recognizer, visited, depth + 1, cancellationToken) is { } found)
                            {
                                return found;
                            }
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The one source body <paramref name="call"/> can run: a non-virtual method of the compilation, or an interface,
        /// abstract or virtual method with exactly one body among itself and its implementations and overrides in the
        /// compilation. Several bodies (a fake used in tests, a second provider) leave the call unjudged.
        /// </summary>
        private IMethodSymbol? SoleBody(IInvocationOperation call)
        {
            var target = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
            if (target.MethodKind != MethodKind.Ordinary || !SourceBodies.IsInSource(target, compilation))
            {
                return null;
            }

            var dispatched = call.IsVirtual
                && (target.IsAbstract || target.IsVirtual || (target.IsOverride && !target.IsSealed) || target.ContainingType.TypeKind == TypeKind.Interface);
            if (!dispatched)
            {
                return target.IsAbstract || target.IsExtern ? null : target;
            }

            IMethodSymbol? sole = null;
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<IMethodSymbol>();
            pending.Push(target);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }

                if (!current.IsAbstract && !current.IsExtern)
                {
                    if (sole is not null)
                    {
                        return null;
                    }

                    sole = current;
                }

                if (implementations().TryGetValue(current, out var list))
                {
                    foreach (var implementation in list)
                    {
                        pending.Push(implementation);
                    }
                }
            }

            return sole;
        }
    }
}
