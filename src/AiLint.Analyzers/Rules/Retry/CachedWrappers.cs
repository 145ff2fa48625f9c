using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A method of the project whose every LLM call runs inside a first-result store consult (an
    /// <c>IMemoryCache.GetOrCreateAsync</c> factory, see <see cref="IdempotencyKeys"/>) keyed only from its parameters
    /// and constants: <c>cache.GetOrCreateAsync($"reply:{ticketId}", async _ =&gt; await chat.CompleteChatAsync(...))</c>.
    /// Retrying a call of such a wrapper returns the stored first answer, exactly like the store written inline in the
    /// retried lambda, as long as the arguments that feed the key do not change per attempt.
    /// </summary>
    /// <remarks>
    /// One level: the retried call itself must be the wrapper (a method of this compilation, not virtual or abstract).
    /// The key may read parameters (and their properties, <c>ToString()</c>), constants and string formatting, nothing
    /// else: a local, a field or <c>Guid.NewGuid()</c> in the key could differ between two calls. A wrapper of another
    /// project is not read here (its summary does not record the key).
    /// </remarks>
    internal sealed class CachedWrappers
    {
        private readonly IdempotencyKeys keys;
        private readonly LlmCallRecognizer recognizer;
        private readonly Compilation compilation;
        private readonly ConcurrentDictionary<IMethodSymbol, List<int>?> wrappers = new(SymbolEqualityComparer.Default);

        public CachedWrappers(IdempotencyKeys keys, LlmCallRecognizer recognizer, Compilation compilation)
        {
            this.keys = keys;
            this.recognizer = recognizer;
            this.compilation = compilation;
        }

        /// <summary>
        /// The values that feed the wrapper's store key at this call (the arguments for the key's parameters, or the
        /// store key itself when it is made of constants); empty when the called method is not such a wrapper.
        /// </summary>
        public IEnumerable<IOperation> KeyValues(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (method.IsAbstract || method.IsVirtual || method.IsOverride || !SourceBodies.IsInSource(method, compilation))
            {
                return Enumerable.Empty<IOperation>();
            }

            if (wrappers.GetOrAdd(method, m => KeyParameters(m, cancellationToken)) is not { } ordinals)
            {
                return Enumerable.Empty<IOperation>();
            }

            var values = call.Arguments.Where(a => a.Parameter is { } p && ordinals.Contains(p.Ordinal) && a.ArgumentKind != ArgumentKind.DefaultValue)
                .Select(a => a.Value).ToList();

            // A key of constants only, or one whose parameters all take their defaults: stable on every call.
            return values.Count > 0 ? values : new[] { (IOperation)call };
        }

        /// <summary>The ordinals of the parameters the store keys read; null when some LLM call runs outside such a store.</summary>
        private List<int>? KeyParameters(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var ordinals = new List<int>();
            var found = false;
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var invocation in body.Descendants().OfType<IInvocationOperation>())
                {
                    if (!recognizer.Recognize(invocation, cancellationToken).IsLlmCall)
                    {
                        continue;
                    }

                    if (EnclosingStoreKey(invocation, body) is not { } key || !ReadsOnlyParameters(key, method, ordinals))
                    {
                        return null;
                    }

                    found = true;
                }
            }

            return found ? ordinals : null;
        }

        /// <summary>The key of a store consult whose factory (not whose key) contains <paramref name="call"/>.</summary>
        private IOperation? EnclosingStoreKey(IOperation call, IOperation body)
        {
            IOperation child = call;
            for (var parent = call.Parent; parent is not null && child != body; child = parent, parent = parent.Parent)
            {
                if (parent is IInvocationOperation store && keys.IsStoreConsult(store) && IdempotencyKeys.StoreKey(store) is { } key
                    && !ValueOrigins.IsWithin(call.Syntax, key.Syntax)
                    && store.Arguments.Any(a => a == child && ValueOrigins.Unwrap(a.Value) is IDelegateCreationOperation or IAnonymousFunctionOperation))
                {
                    return key;
                }
            }

            return null;
        }

        /// <summary>The key is built from parameters of <paramref name="method"/> (their properties, <c>ToString()</c>), constants and string formatting.</summary>
        private static bool ReadsOnlyParameters(IOperation key, IMethodSymbol method, List<int> ordinals)
        {
            foreach (var operation in key.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol?.OriginalDefinition, method):
                        if (!ordinals.Contains(parameter.Parameter.Ordinal))
                        {
                            ordinals.Add(parameter.Parameter.Ordinal);
                        }

                        break;
                    case ILiteralOperation or IInterpolatedStringOperation or IInterpolatedStringTextOperation or IInterpolationOperation
                        or IConversionOperation or IBinaryOperation or IParenthesizedOperation:
                        break;
                    case IPropertyReferenceOperation { Instance: not null }:
                    case IFieldReferenceOperation { Field.IsConst: true }:
                        break;
                    case IInvocationOperation { TargetMethod.Name: "ToString", Instance: not null }:
                        break;
                    case IArgumentOperation:
                        break;
                    default:
                        if (!operation.ConstantValue.HasValue)
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }
    }
}
