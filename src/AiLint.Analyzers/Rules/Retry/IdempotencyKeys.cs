using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>Where AIL0001's fix can pass a new key.</summary>
    internal enum KeySlotKind
    {
        /// <summary>An omitted optional <c>[IdempotencyKey]</c> parameter: add a named argument.</summary>
        OmittedParameter,

        /// <summary>An <c>[IdempotencyKey]</c> argument passed as null/default: replace it.</summary>
        EmptyArgument,

        /// <summary>An object creation whose type has an unset <c>[IdempotencyKey]</c> property: add it to the initializer.</summary>
        UnsetProperty,
    }

    /// <summary>An empty key slot the fixer can fill.</summary>
    internal sealed class KeySlot
    {
        public KeySlot(KeySlotKind kind, string memberName, ITypeSymbol keyType, SyntaxNode node)
        {
            Kind = kind;
            MemberName = memberName;
            KeyType = keyType;
            Node = node;
        }

        public KeySlotKind Kind { get; }

        public string MemberName { get; }

        public ITypeSymbol KeyType { get; }

        /// <summary>The invocation (omitted parameter), argument expression or object creation to change.</summary>
        public SyntaxNode Node { get; }
    }

    /// <summary>What reaches an LLM call inside a retry as its idempotency key.</summary>
    internal sealed class KeyEvidence
    {
        public KeyEvidence(bool keyed, IReadOnlyList<IOperation> freshCreations, KeySlot? slot, IReadOnlyCollection<IOperation>? counterDerived = null)
        {
            Keyed = keyed;
            FreshCreations = freshCreations;
            Slot = slot;
            CounterDerived = counterDerived ?? System.Array.Empty<IOperation>();
        }

        /// <summary>A key (or a first-result store, or a slot we cannot see into) reaches the call.</summary>
        public bool Keyed { get; }

        /// <summary>Key values created per attempt inside the retried code (AIL0004).</summary>
        public IReadOnlyList<IOperation> FreshCreations { get; }

        /// <summary>
        /// The members of <see cref="FreshCreations"/> built from the retry's own attempt counter (see
        /// <see cref="AttemptCounters"/>): they cannot move before the retry, so they get no fix.
        /// </summary>
        public IReadOnlyCollection<IOperation> CounterDerived { get; }

        /// <summary>Set when no key reaches the call but the callee has a slot for one.</summary>
        public KeySlot? Slot { get; }
    }

    /// <summary>
    /// The key shapes of issue 2: an <c>[IdempotencyKey]</c> parameter or property, an <c>Idempotency-Key</c> header
    /// (OpenAI <c>RequestOptions.AddHeader/SetHeader</c>, Anthropic <c>ExtraHeaders</c> via <c>WithOptions</c> or the
    /// client), or a first-result store consulted inside the retried code.
    /// </summary>
    internal sealed class IdempotencyKeys
    {
        public const string HeaderName = "Idempotency-Key";

        private static readonly HashSet<string> MemoryCacheMethods = new(StringComparer.Ordinal) { "Get", "TryGetValue", "GetOrCreate", "GetOrCreateAsync" };
        private static readonly HashSet<string> DistributedCacheMethods = new(StringComparer.Ordinal) { "Get", "GetAsync", "GetString", "GetStringAsync" };

        private readonly KnownRetrySymbols symbols;
        private readonly Compilation compilation;

        private readonly INamedTypeSymbol? httpRequestMessage;

        // AiLint.Runtime (issue 17): RunOnceAsync and the IChatClient decorator. Null when the package is not referenced.
        private readonly RuntimeIdempotency? runtime;

        /// <summary>Project wrappers that consult a first-result store around their LLM calls (set once, before analysis).</summary>
        public CachedWrappers? CachedWrappers { get; set; }

        public IdempotencyKeys(KnownRetrySymbols symbols, Compilation compilation)
        {
            this.symbols = symbols;
            this.compilation = compilation;
            httpRequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
            runtime = RuntimeIdempotency.TryCreate(compilation);
        }

        public KeyEvidence Analyze(IInvocationOperation call, RetryContext retry, CancellationToken cancellationToken)
        {
            var values = new List<IOperation>();
            var unknownKey = false;
            KeySlot? slot = null;

            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is not { } parameter)
                {
                    continue;
                }

                if (HasKeyAttribute(parameter))
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        slot ??= new KeySlot(KeySlotKind.OmittedParameter, parameter.Name, parameter.Type, call.Syntax);
                    }
                    else if (IsNullOrDefault(argument.Value))
                    {
                        slot ??= new KeySlot(KeySlotKind.EmptyArgument, parameter.Name, parameter.Type, argument.Value.Syntax);
                    }
                    else
                    {
                        values.Add(argument.Value);
                    }

                    continue;
                }

                var argumentType = ValueOrigins.Unwrap(argument.Value).Type;
                if (KeyProperty(argumentType) is { } property)
                {
                    var origin = ValueOrigins.Trace(argument.Value, compilation, cancellationToken);
                    var assigned = PropertyAssignments(origin, argument.Value, property).ToList();
                    if (assigned.Count > 0)
                    {
                        values.AddRange(assigned);
                    }
                    else if (origin is IObjectCreationOperation creation && ValueOrigins.IsWithin(creation.Syntax, retry.Region.Syntax))
                    {
                        slot ??= new KeySlot(KeySlotKind.UnsetProperty, property.Name, property.Type, creation.Syntax);
                    }
                    else if (origin is not IObjectCreationOperation)
                    {
                        unknownKey = true; // Built somewhere we cannot see: assume the key is set.
                    }
                }

                if (KnownRetrySymbols.Is(argumentType, symbols.RequestOptions))
                {
                    values.AddRange(RequestOptionsHeaders(argument.Value));
                }

                if (httpRequestMessage is not null && KnownRetrySymbols.Is(argumentType, httpRequestMessage))
                {
                    values.AddRange(RequestMessageHeaders(argument.Value, cancellationToken));
                }
            }

            values.AddRange(ReceiverHeaders(call, cancellationToken));
            values.AddRange(FirstResultStoreKeys(call, retry));
            if (CachedWrappers is { } wrappers)
            {
                values.AddRange(wrappers.KeyValues(call, cancellationToken));
            }

            if (runtime is not null)
            {
                values.AddRange(runtime.Keys(call, retry, cancellationToken));
            }

            var fresh = new List<IOperation>();
            HashSet<ISymbol>? counters = null;
            List<IOperation>? counterDerived = null;
            foreach (var value in values)
            {
                if (FreshCreation(value) is { } origin && ValueOrigins.IsWithin(origin.Syntax, retry.Region.Syntax))
                {
                    fresh.Add(origin);
                    continue;
                }

                // `$"{ticketId}-{attempt}"`: stable data plus the retry's own counter is new on every attempt too.
                counters ??= AttemptCounters.Find(retry);
                if (AttemptCounters.CounterDerived(value, counters) is { } derived && ValueOrigins.IsWithin(derived.Syntax, retry.Region.Syntax))
                {
                    fresh.Add(derived);
                    (counterDerived ??= new List<IOperation>()).Add(derived);
                }
            }

            var keyed = values.Count > 0 || unknownKey;
            return new KeyEvidence(keyed, fresh, keyed ? null : slot, counterDerived);
        }

        /// <summary>
        /// The expression that created a per-attempt key value, following locals assigned once in the same body
        /// (<c>key.ToString()</c> leads to <c>var key = Guid.NewGuid();</c>), or null when the value is stable.
        /// </summary>
        public static IOperation? FreshCreation(IOperation value, int depth = 0)
        {
            var current = ValueOrigins.Unwrap(value);
            if (depth > 8)
            {
                return null;
            }

            if (current is ILocalReferenceOperation reference)
            {
                return ValueOrigins.LocalValue(reference) is { } assigned ? FreshCreation(assigned, depth + 1) : null;
            }

            if (FreshValues.Contains(current))
            {
                return current;
            }

            foreach (var local in current.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (ValueOrigins.LocalValue(local) is { } assigned && FreshCreation(assigned, depth + 1) is { } creation)
                {
                    return creation;
                }
            }

            return null;
        }

        private bool HasKeyAttribute(ISymbol symbol) => HasKeyAttribute(symbol, symbols.IdempotencyKeyAttribute);

        /// <summary>The parameter or property carries <c>[IdempotencyKey]</c> (on itself or on its generic definition).</summary>
        internal static bool HasKeyAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
            attribute is not null
            && (symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))
                || (symbol.OriginalDefinition is var definition && !SymbolEqualityComparer.Default.Equals(definition, symbol) && HasKeyAttribute(definition, attribute)));

        private IPropertySymbol? KeyProperty(ITypeSymbol? type)
        {
            if (symbols.IdempotencyKeyAttribute is null)
            {
                return null;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol property && HasKeyAttribute(property))
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        private static bool IsNullOrDefault(IOperation value)
        {
            value = ValueOrigins.Unwrap(value);
            return value is IDefaultValueOperation || (value.ConstantValue.HasValue && value.ConstantValue.Value is null);
        }

        private static IEnumerable<IOperation> PropertyAssignments(IOperation origin, IOperation argument, IPropertySymbol property)
        {
            if (origin is IObjectCreationOperation creation)
            {
                foreach (var assignment in PollyRetries.Initializers(creation))
                {
                    if (assignment.Target is IPropertyReferenceOperation target && SameProperty(target.Property, property))
                    {
                        yield return assignment.Value;
                    }
                }
            }

            // `request.Key = key;` on the local passed to the call.
            if (ValueOrigins.Unwrap(argument) is ILocalReferenceOperation local)
            {
                foreach (var assignment in ValueOrigins.Root(argument).Descendants().OfType<ISimpleAssignmentOperation>())
                {
                    if (assignment.Target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation instance } target
                        && SymbolEqualityComparer.Default.Equals(instance.Local, local.Local) && SameProperty(target.Property, property))
                    {
                        yield return assignment.Value;
                    }
                }
            }
        }

        private static bool SameProperty(IPropertySymbol a, IPropertySymbol b) =>
            SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition) || a.Name == b.Name;

        /// <summary>OpenAI protocol overloads: <c>options.AddHeader("Idempotency-Key", key)</c> (or SetHeader) on the options passed.</summary>
        private static IEnumerable<IOperation> RequestOptionsHeaders(IOperation argument)
        {
            if (ValueOrigins.Unwrap(argument) is not ILocalReferenceOperation local)
            {
                yield break;
            }

            foreach (var invocation in ValueOrigins.Root(argument).Descendants().OfType<IInvocationOperation>())
            {
                if (invocation.TargetMethod.Name is "AddHeader" or "SetHeader"
                    && invocation.Instance is ILocalReferenceOperation receiver
                    && SymbolEqualityComparer.Default.Equals(receiver.Local, local.Local)
                    && HeaderValue(invocation) is { } value)
                {
                    yield return value;
                }
            }
        }

        /// <summary>
        /// Anthropic: an <c>Idempotency-Key</c> in <c>ExtraHeaders</c>, set through <c>WithOptions</c> somewhere along the
        /// receiver chain (<c>client.WithOptions(...).Messages.Create(...)</c>) or on the visible client construction.
        /// </summary>
        private IEnumerable<IOperation> ReceiverHeaders(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var current = call.Instance;
            for (var depth = 0; current is not null && depth < 16; depth++)
            {
                current = ValueOrigins.Trace(current, compilation, cancellationToken);
                switch (current)
                {
                    case IInvocationOperation { TargetMethod.Name: "WithOptions" } withOptions:
                        foreach (var value in HeaderValues(withOptions.Arguments))
                        {
                            yield return value;
                        }

                        current = withOptions.Instance;
                        break;
                    case IPropertyReferenceOperation property:
                        current = property.Instance;
                        break;
                    case IObjectCreationOperation creation:
                        foreach (var value in HeaderValues(creation.Arguments.Cast<IOperation>().Concat(creation.Initializer is null ? Enumerable.Empty<IOperation>() : new[] { creation.Initializer })))
                        {
                            yield return value;
                        }

                        yield break;
                    default:
                        yield break;
                }
            }
        }

        /// <summary>
        /// Raw HTTP: the <c>HttpRequestMessage</c> sent carries an <c>Idempotency-Key</c> header, set in its initializer
        /// or by <c>request.Headers.Add(...)</c> / <c>TryAddWithoutValidation(...)</c> in the same body.
        /// </summary>
        private IEnumerable<IOperation> RequestMessageHeaders(IOperation argument, CancellationToken cancellationToken)
        {
            var sent = ValueOrigins.Unwrap(argument);
            if (ValueOrigins.Trace(argument, compilation, cancellationToken) is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (var value in HeaderValues(new IOperation[] { initializer }))
                {
                    yield return value;
                }
            }

            if (sent is not ILocalReferenceOperation { Local: var local })
            {
                yield break;
            }

            var root = argument;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            foreach (var invocation in root.Descendants().OfType<IInvocationOperation>())
            {
                if (invocation.Instance is IPropertyReferenceOperation { Property.Name: "Headers", Instance: ILocalReferenceOperation owner }
                    && SymbolEqualityComparer.Default.Equals(owner.Local, local)
                    && HeaderValue(invocation) is { } value)
                {
                    yield return value;
                }
            }
        }

        private static IEnumerable<IOperation> HeaderValues(IEnumerable<IOperation> roots)
        {
            foreach (var operation in roots.SelectMany(r => r.DescendantsAndSelf()))
            {
                switch (operation)
                {
                    // new Dictionary<string, string> { { "Idempotency-Key", key } } / headers.Add(...)
                    case IInvocationOperation invocation when HeaderValue(invocation) is { } value:
                        yield return value;
                        break;

                    // new Dictionary<string, string> { ["Idempotency-Key"] = key }
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } assignment
                        when IsHeaderName(indexer.Arguments[0].Value):
                        yield return assignment.Value;
                        break;
                }
            }
        }

        private static IOperation? HeaderValue(IInvocationOperation invocation)
        {
            var arguments = invocation.Arguments.Where(a => a.Parameter?.Ordinal != 0 || !invocation.TargetMethod.IsExtensionMethod).ToList();
            for (var i = 0; i + 1 < arguments.Count; i++)
            {
                if (IsHeaderName(arguments[i].Value))
                {
                    return arguments[i + 1].Value;
                }
            }

            return null;
        }

        private static bool IsHeaderName(IOperation operation) =>
            string.Equals(ValueOrigins.ConstantString(operation), HeaderName, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// A first-result store consulted with a key inside the retried code: the call runs in a GetOrCreate factory, or
        /// a TryGetValue/Get comes before it. A retry then returns the first answer instead of sampling a new one.
        /// </summary>
        private IEnumerable<IOperation> FirstResultStoreKeys(IInvocationOperation call, RetryContext retry)
        {
            for (var parent = call.Parent; parent is not null && parent != retry.Region; parent = parent.Parent)
            {
                if (parent is IInvocationOperation store && IsStoreConsult(store) && StoreKey(store) is { } key)
                {
                    yield return key;
                }
            }

            foreach (var store in retry.Region.Descendants().OfType<IInvocationOperation>())
            {
                if (store.Syntax.SpanStart < call.Syntax.SpanStart && !store.Syntax.Span.Contains(call.Syntax.Span)
                    && IsStoreConsult(store) && StoreKey(store) is { } key)
                {
                    yield return key;
                }
            }
        }

        internal bool IsStoreConsult(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (KnownRetrySymbols.IsOrInherits(type, symbols.MemoryCache) || KnownRetrySymbols.Is(type, symbols.MemoryCacheExtensions))
            {
                return MemoryCacheMethods.Contains(method.Name);
            }

            if (KnownRetrySymbols.IsOrInherits(type, symbols.DistributedCache) || KnownRetrySymbols.Is(type, symbols.DistributedCacheExtensions))
            {
                return DistributedCacheMethods.Contains(method.Name);
            }

            // HybridCache (Microsoft.Extensions.Caching.Hybrid) by metadata name: GetOrCreateAsync overloads.
            return method.Name == "GetOrCreateAsync" && KnownRetrySymbols.IsOrInherits(type, symbols.HybridCache);
        }

        internal static IOperation? StoreKey(IInvocationOperation store) =>
            store.Arguments.FirstOrDefault(a => a.Parameter?.Name == "key")?.Value;
    }
}
