using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>What a Polly pipeline or policy does to its callback.</summary>
    internal readonly struct RetryShape
    {
        public RetryShape(bool retries, int? attempts, bool unbounded)
        {
            Retries = retries;
            Attempts = attempts;
            Unbounded = unbounded;
        }

        public static RetryShape NoRetry => new(false, null, false);

        public static RetryShape Unknown => new(true, null, false);

        public bool Retries { get; }

        public int? Attempts { get; }

        public bool Unbounded { get; }
    }

    /// <summary>Polly v8 pipelines and v7 policies (docs/design/sdk-facts.md, section F).</summary>
    internal sealed class PollyRetries
    {
        // Polly v7 policy namespaces whose policies run the callback at most once.
        private static readonly HashSet<string> NonRetryingPolicyNamespaces = new(StringComparer.Ordinal)
        {
            "Polly.Bulkhead", "Polly.Caching", "Polly.CircuitBreaker", "Polly.Fallback", "Polly.NoOp", "Polly.RateLimit", "Polly.Timeout",
        };

        private const int MaxWrapDepth = 8;

        // How many origins one classification may look at. The depth cap alone does not bound the work: each level may
        // fan out (a factory's returns, the arms of a switch, a wrap's policies), so a factory whose twelve arms call
        // itself, or a property wrapping itself twelve times, would take 12^8 steps. Real code looks at a handful. An
        // origin past the budget is read as one past the depth cap: not visible (an unknown pipeline, taken for a retry).
        private const int MaxOrigins = 64;

        private readonly KnownRetrySymbols symbols;
        private readonly Compilation compilation;
        private readonly PollyRegistrations registrations;
        private readonly RateLimitOnlyRetries rateLimits;

        // The project's overrides and implementations (shared with RetryContextFinder, computed once, on first use).
        private readonly Lazy<Dictionary<IMethodSymbol, List<IMethodSymbol>>> implementations;

        public PollyRetries(KnownRetrySymbols symbols, Compilation compilation, Lazy<Dictionary<IMethodSymbol, List<IMethodSymbol>>> implementations)
        {
            this.symbols = symbols;
            this.compilation = compilation;
            this.implementations = implementations;
            registrations = new PollyRegistrations(compilation);
            rateLimits = new RateLimitOnlyRetries(compilation);
        }

        /// <summary>A v8 <c>ResiliencePipeline[&lt;T&gt;].Execute*</c> call.</summary>
        public bool IsPipelineExecute(IInvocationOperation invocation)
        {
            var type = invocation.TargetMethod.ContainingType;
            return invocation.TargetMethod.Name.StartsWith("Execute", StringComparison.Ordinal)
                && (KnownRetrySymbols.Is(type, symbols.ResiliencePipeline) || KnownRetrySymbols.Is(type, symbols.ResiliencePipelineOfT));
        }

        /// <summary>A v7 policy's <c>Execute*</c> call (<c>Execute</c>, <c>ExecuteAsync</c>, <c>ExecuteAndCapture[Async]</c>).</summary>
        public bool IsPolicyExecute(IInvocationOperation invocation) =>
            invocation.TargetMethod.Name.StartsWith("Execute", StringComparison.Ordinal)
            && KnownRetrySymbols.IsOrInherits(invocation.TargetMethod.ContainingType, symbols.IsPolicy);

        /// <summary>
        /// A pipeline retries unless it is built visibly without <c>AddRetry</c> or <c>AddHedging</c> (or is
        /// <c>ResiliencePipeline.Empty</c>). A registry or keyed lookup (<c>provider.GetPipeline("llm")</c>,
        /// <c>[FromKeyedServices("llm")]</c>) is classified by its <c>AddResiliencePipeline("llm", ...)</c> registration
        /// and not reported when none is visible. Other pipelines from parameters or fields are assumed to retry.
        /// </summary>
        public RetryShape ClassifyPipeline(IOperation? receiver, CancellationToken cancellationToken) =>
            ClassifyPipeline(receiver, followRegistrations: true, cancellationToken);

        private RetryShape ClassifyPipeline(IOperation? receiver, bool followRegistrations, CancellationToken cancellationToken)
        {
            if (receiver is null)
            {
                return RetryShape.Unknown;
            }

            // Through the project's own factories too: a pipeline built in CreatePipeline() or a get-only property and
            // stored in a field is as visible as one built in place.
            var origin = ValueOrigins.TraceThroughFactories(receiver, compilation, cancellationToken, out var factoryArguments);
            var budget = MaxOrigins;
            return ClassifyPipelineOrigin(origin, factoryArguments, followRegistrations, 0, ref budget, cancellationToken);
        }

        private RetryShape ClassifyPipelineOrigin(IOperation origin, FactoryArguments factoryArguments, bool followRegistrations, int depth, ref int budget, CancellationToken cancellationToken)
        {
            if (--budget < 0)
            {
                return RetryShape.Unknown;
            }

            // A factory with early returns, or a ?: / switch its arguments do not decide: a retry only when every value
            // the call may get retries (`if (!settings.EnableRetries) return ResiliencePipeline.Empty;` may run it once).
            if (depth < MaxWrapDepth && FactoryReturnPaths.Of(origin, factoryArguments, compilation, ImplementationsOf, cancellationToken, out var pathArguments) is { } paths)
            {
                RetryShape? first = null;
                foreach (var path in paths)
                {
                    var pathOrigin = ValueOrigins.TraceThroughFactories(path, pathArguments, compilation, cancellationToken, out var arguments);
                    var shape = ClassifyPipelineOrigin(pathOrigin, arguments, followRegistrations, depth + 1, ref budget, cancellationToken);
                    if (!shape.Retries)
                    {
                        return RetryShape.NoRetry;
                    }

                    first ??= shape;
                }

                return first ?? RetryShape.Unknown;
            }

            // ResiliencePipeline.Empty (a static field; a property in some versions) runs the callback once.
            if ((origin is IPropertyReferenceOperation { Property.Name: "Empty" } emptyProperty && IsPipeline(emptyProperty.Property.ContainingType))
                || (origin is IFieldReferenceOperation { Field.Name: "Empty" } emptyField && IsPipeline(emptyField.Field.ContainingType)))
            {
                return RetryShape.NoRetry;
            }

            // A registry or keyed-service lookup: classified by the registration with that key, when the compilation
            // has one; a lookup whose registration is not visible, or whose key is not a constant, is not reported
            // (its content is unknown).
            if (PollyRegistrations.IsLookup(origin, out var key))
            {
                if (key is null)
                {
                    return RetryShape.NoRetry;
                }

                // Registered in a referenced project that uses AiLint: its summary records the keys it registers with a
                // visible retry (KeyedRetryPipelineSummary). A registration in this project decides over the record.
                if (!registrations.IsRegistered(key))
                {
                    return key is string text && Summaries.ReferencedSummaries.For(compilation).KeyedRetryAttempts(text) is { } attempts
                        ? new RetryShape(true, attempts, false)
                        : RetryShape.NoRetry;
                }

                return ClassifyRegisteredKey(key, cancellationToken);
            }

            // An injected pipeline without a key: classified by the project's unkeyed registrations of the pipeline type
            // (services.AddSingleton(new ResiliencePipelineBuilder()...Build())), when it has any. It retries when one of
            // them does, and not when every one visibly does not; without a visible registration it is assumed to retry.
            if (followRegistrations && origin is IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                && origin.Type is INamedTypeSymbol injectedType && IsPipeline(injectedType))
            {
                var registered = registrations.UnkeyedPipelines(injectedType);
                if (registered.Count > 0)
                {
                    return Combine(registered.Select(values => EveryPathRetries(values.Select(value => ClassifyPipeline(value, followRegistrations: false, cancellationToken)))));
                }
            }

            // A factory of a referenced project that uses AiLint (`Pipelines.ModelCallTimeout()`): its summary says when
            // the pipeline it builds does not retry. An unrecorded one stays unknown, as any pipeline built out of sight.
            if (origin is IInvocationOperation factoryCall && !SourceBodies.IsInSource(factoryCall.TargetMethod.OriginalDefinition, compilation)
                && Summaries.ReferencedSummaries.For(compilation).ReturnsPipelineWithoutRetry(factoryCall.TargetMethod))
            {
                return RetryShape.NoRetry;
            }

            if (origin is not IInvocationOperation { TargetMethod.Name: "Build" } build || !IsBuilder(build.TargetMethod.ContainingType))
            {
                return RetryShape.Unknown;
            }

            var strategies = new List<IInvocationOperation>();
            var visible = CollectBuilderCalls(build.Instance, strategies, factoryArguments, cancellationToken);
            foreach (var strategy in strategies)
            {
                if (strategy.TargetMethod.Name == "AddRetry" && RetriesOnlyRateLimits(strategy, cancellationToken))
                {
                    // ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(e => e.Status == 429): see RateLimitOnlyRetries.
                    continue;
                }

                if (strategy.TargetMethod.Name == "AddRetry" && NeverRetries(strategy, cancellationToken))
                {
                    // MaxRetryAttempts = 0: Polly refuses to build it or runs the callback once; either way no second request.
                    continue;
                }

                if (strategy.TargetMethod.Name == "AddRetry")
                {
                    return new RetryShape(true, RetryAttempts(strategy, cancellationToken), false);
                }

                if (strategy.TargetMethod.Name == "AddHedging")
                {
                    return RetryShape.Unknown;
                }
            }

            return visible ? RetryShape.NoRetry : RetryShape.Unknown;
        }

        /// <summary>The constant keys the compilation registers pipelines under (<c>AddResiliencePipeline(key, ...)</c>).</summary>
        public IEnumerable<object> RegisteredKeys() => registrations.Keys;

        /// <summary>
        /// What the compilation's registrations of <paramref name="key"/> add: the first retry that is neither
        /// rate-limit-only nor without retries decides (its attempts when visible; hedging is a retry of unknown count);
        /// none means the pipeline runs the callback once.
        /// </summary>
        public RetryShape ClassifyRegisteredKey(object key, CancellationToken cancellationToken)
        {
            foreach (var registered in registrations.RetryStrategies(key))
            {
                if (registered.TargetMethod.Name == "AddRetry" && (RetriesOnlyRateLimits(registered, cancellationToken) || NeverRetries(registered, cancellationToken)))
                {
                    continue;
                }

                return registered.TargetMethod.Name == "AddRetry"
                    ? new RetryShape(true, RetryAttempts(registered, cancellationToken), false)
                    : RetryShape.Unknown;
            }

            return RetryShape.NoRetry;
        }

        private List<IMethodSymbol>? ImplementationsOf(IMethodSymbol method) =>
            implementations.Value.TryGetValue(method, out var list) ? list : null;

        /// <summary>The values a pipeline may come from: a retry when every one retries (the first decides its shape).</summary>
        private static RetryShape EveryPathRetries(IEnumerable<RetryShape> shapes)
        {
            RetryShape? first = null;
            foreach (var shape in shapes)
            {
                if (!shape.Retries)
                {
                    return RetryShape.NoRetry;
                }

                first ??= shape;
            }

            return first ?? RetryShape.Unknown;
        }

        /// <summary>Several registrations of one service: the first that retries decides; none retrying means no retry.</summary>
        private static RetryShape Combine(IEnumerable<RetryShape> shapes)
        {
            foreach (var shape in shapes)
            {
                if (shape.Retries)
                {
                    return shape;
                }
            }

            return RetryShape.NoRetry;
        }

        /// <summary>
        /// v7: <c>Polly.Retry</c> policies retry; bulkhead, cache, circuit-breaker, fallback, no-op, rate-limit and
        /// timeout policies do not; a wrap retries when one of its policies does and not when all visibly do not;
        /// <c>IAsyncPolicy</c>/<c>ISyncPolicy</c> of unknown construction are assumed to retry.
        /// </summary>
        public RetryShape ClassifyPolicy(IOperation? receiver, CancellationToken cancellationToken)
        {
            var budget = MaxOrigins;
            return ClassifyPolicy(receiver, 0, ref budget, cancellationToken) ?? RetryShape.Unknown;
        }

        /// <summary>The policy's shape, or null when its construction is not visible.</summary>
        private RetryShape? ClassifyPolicy(IOperation? receiver, int depth, ref int budget, CancellationToken cancellationToken)
        {
            if (receiver is null)
            {
                return null;
            }

            var origin = ValueOrigins.TraceThroughFactories(receiver, compilation, cancellationToken, out var factoryArguments);
            return ClassifyPolicyOrigin(origin, factoryArguments, receiver, depth, ref budget, cancellationToken);
        }

        private RetryShape? ClassifyPolicyOrigin(IOperation origin, FactoryArguments factoryArguments, IOperation receiver, int depth, ref int budget, CancellationToken cancellationToken)
        {
            if (--budget < 0)
            {
                return null;
            }

            // As for a pipeline: a factory with early returns, or an undecided ?: / switch, retries only when every path
            // does. A path that visibly does not retry decides; one that is not visible leaves the whole unknown.
            if (depth < MaxWrapDepth && FactoryReturnPaths.Of(origin, factoryArguments, compilation, ImplementationsOf, cancellationToken, out var pathArguments) is { } paths)
            {
                RetryShape? first = null;
                var unknown = false;
                foreach (var path in paths)
                {
                    var pathOrigin = ValueOrigins.TraceThroughFactories(path, pathArguments, compilation, cancellationToken, out var arguments);
                    var shape = ClassifyPolicyOrigin(pathOrigin, arguments, path, depth + 1, ref budget, cancellationToken);
                    if (shape is { Retries: false })
                    {
                        return RetryShape.NoRetry;
                    }

                    unknown |= shape is null;
                    first ??= shape;
                }

                return unknown ? null : first;
            }

            if (origin is IInvocationOperation { TargetMethod.Name: "Wrap" or "WrapAsync" } wrap
                && (wrap.Type ?? wrap.TargetMethod.ReturnType).ContainingNamespace?.ToDisplayString() == "Polly.Wrap")
            {
                return depth < MaxWrapDepth ? ClassifyWrap(wrap, depth, ref budget, cancellationToken) : null;
            }

            var type = origin.Type ?? receiver.Type;
            var ns = type?.ContainingNamespace?.ToDisplayString();
            if (ns is not null && NonRetryingPolicyNamespaces.Contains(ns))
            {
                return RetryShape.NoRetry;
            }

            if (ns == "Polly.Retry" && origin is IInvocationOperation creation)
            {
                if (HandlesOnlyRateLimits(creation, cancellationToken))
                {
                    // Policy.Handle<ClientResultException>(e => e.Status == 429).WaitAndRetryAsync(...): see RateLimitOnlyRetries.
                    return RetryShape.NoRetry;
                }

                var name = creation.TargetMethod.Name;
                if (name.IndexOf("Forever", StringComparison.Ordinal) >= 0)
                {
                    return new RetryShape(true, null, true);
                }

                // RetryAsync()/Retry() retry once; RetryAsync(n)/WaitAndRetryAsync(n, ...) retry n times.
                var count = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "retryCount");
                if (count is null || count.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    return new RetryShape(true, name is "Retry" or "RetryAsync" ? 2 : null, false);
                }

                // RetryAsync(0) runs the callback once.
                var retries = ValueOrigins.ConstantInt(count.Value);
                return retries == 0 ? RetryShape.NoRetry : new RetryShape(true, retries is { } n ? n + 1 : null, false);
            }

            // A retry policy built out of sight still retries.
            return ns == "Polly.Retry" ? RetryShape.Unknown : null;
        }

        /// <summary>
        /// The v7 policy builder the retry is made from (<c>Policy.Handle&lt;T&gt;(predicate)</c>, then any <c>.Or&lt;T&gt;(predicate)</c>)
        /// admits only rate-limit failures: every <c>Handle</c>/<c>Or</c> names a rate-limit exception or tests for 429.
        /// </summary>
        private bool HandlesOnlyRateLimits(IInvocationOperation creation, CancellationToken cancellationToken)
        {
            var builder = ValueOrigins.Receiver(creation);
            var links = 0;
            for (var depth = 0; builder is not null && depth < MaxWrapDepth; depth++)
            {
                if (ValueOrigins.Trace(builder, compilation, cancellationToken) is not IInvocationOperation link
                    || link.TargetMethod.ContainingNamespace?.ToDisplayString() != "Polly"
                    || !IsRateLimitLink(link))
                {
                    return false;
                }

                links++;
                builder = link.Instance;
            }

            return links > 0 && builder is null;
        }

        /// <summary>
        /// A v7 wrap (<c>Policy.WrapAsync(a, b)</c>, <c>a.WrapAsync(b)</c>) retries when one of its policies does; it does
        /// not when every policy is visibly a non-retrying one (timeout, circuit breaker, ...); otherwise it is unknown.
        /// </summary>
        private RetryShape? ClassifyWrap(IInvocationOperation wrap, int depth, ref int budget, CancellationToken cancellationToken)
        {
            var parts = new List<IOperation>();
            if (ValueOrigins.Receiver(wrap) is { } receiver)
            {
                parts.Add(receiver);
            }

            foreach (var argument in wrap.Arguments)
            {
                if (wrap.Instance is null && wrap.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0)
                {
                    continue;
                }

                var value = ValueOrigins.Unwrap(argument.Value);
                if (value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    parts.AddRange(initializer.ElementValues);
                }
                else if (argument.ArgumentKind == ArgumentKind.ParamArray || value.Type is IArrayTypeSymbol)
                {
                    // A params array built elsewhere: its policies are not visible.
                    return null;
                }
                else
                {
                    parts.Add(value);
                }
            }

            var unknown = parts.Count == 0;
            foreach (var part in parts)
            {
                var shape = ClassifyPolicy(part, depth + 1, ref budget, cancellationToken);
                if (shape is { Retries: true } retries)
                {
                    return retries;
                }

                unknown |= shape is null;
            }

            return unknown ? null : RetryShape.NoRetry;
        }

        private bool IsPipeline(INamedTypeSymbol? type) =>
            KnownRetrySymbols.Is(type, symbols.ResiliencePipeline) || KnownRetrySymbols.Is(type, symbols.ResiliencePipelineOfT);

        private bool IsBuilder(ITypeSymbol? type) =>
            KnownRetrySymbols.IsOrInherits(type, symbols.ResiliencePipelineBuilder) || KnownRetrySymbols.IsOrInherits(type, symbols.ResiliencePipelineBuilderOfT)
            || (type?.BaseType is { } baseType && baseType.Name == "ResiliencePipelineBuilderBase" && baseType.ContainingNamespace?.ToDisplayString() == "Polly");

        /// <summary>Collects the strategy calls of a builder chain; returns true when the chain starts at a visible <c>new ResiliencePipelineBuilder()</c>.</summary>
        /// <remarks>
        /// In a factory, a strategy added under a condition on its parameters that this call's constant arguments do not
        /// take (<c>if (withRetry) builder.AddRetry(...)</c> for <c>Create(false)</c>) is left out.
        /// </remarks>
        private bool CollectBuilderCalls(IOperation? operation, List<IInvocationOperation> calls, FactoryArguments factoryArguments, CancellationToken cancellationToken)
        {
            for (var depth = 0; operation is not null && depth < 64; depth++)
            {
                operation = ValueOrigins.Unwrap(operation);
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        calls.Add(invocation);
                        operation = ValueOrigins.Receiver(invocation);
                        break;
                    case IObjectCreationOperation creation when IsBuilder(creation.Type):
                        return true;
                    case ILocalReferenceOperation local when ValueOrigins.LocalValue(local) is { } value && StartsAtBuilderCreation(value):
                        // `var builder = new ResiliencePipelineBuilder(); builder.AddTimeout(...);` in the same body, or
                        // `var builder = new ResiliencePipelineBuilder().AddTimeout(...); if (!isLlm) builder.AddRetry(...);`.
                        for (var link = ValueOrigins.Unwrap(value) as IInvocationOperation; link is not null; link = ValueOrigins.Receiver(link) is { } receiver ? ValueOrigins.Unwrap(receiver) as IInvocationOperation : null)
                        {
                            calls.Add(link);
                        }

                        // Only the calls made before this Build (a strategy added after an early `return builder.Build();`
                        // is not in what that return builds), and not one a path may skip: `if (settings.EnableRetries)
                        // builder.AddRetry(...)` retries only when the setting is on, which the code does not show.
                        var body = ValueOrigins.Root(local);
                        foreach (var call in body.Descendants().OfType<IInvocationOperation>())
                        {
                            if (ChainRoot(call) is ILocalReferenceOperation root && SymbolEqualityComparer.Default.Equals(root.Local, local.Local)
                                && call.Syntax.SpanStart < local.Syntax.SpanStart
                                && !factoryArguments.MayBeSkipped(call, SharedScope(call, local, body)))
                            {
                                calls.Add(call);
                            }
                        }

                        return true;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// The innermost operation around both a strategy call and the builder's <c>Build</c>: a branch around both (the
        /// whole pipeline built only when retries are on) does not make the strategy optional for that <c>Build</c>.
        /// </summary>
        private static IOperation SharedScope(IOperation strategy, IOperation build, IOperation body)
        {
            for (var current = strategy.Parent; current is not null && current != body; current = current.Parent)
            {
                if (current.Syntax.Span.Contains(build.Syntax.Span))
                {
                    return current;
                }
            }

            return body;
        }

        /// <summary>A visible <c>new ResiliencePipelineBuilder()</c>, or a chain of calls made on one.</summary>
        private bool StartsAtBuilderCreation(IOperation value) => ValueOrigins.Unwrap(value) switch
        {
            IObjectCreationOperation creation => IsBuilder(creation.Type),
            IInvocationOperation invocation => ChainRoot(invocation) is IObjectCreationOperation creation && IsBuilder(creation.Type),
            _ => false,
        };

        private static IOperation? ChainRoot(IInvocationOperation invocation)
        {
            IOperation? current = invocation;
            while (current is IInvocationOperation call)
            {
                current = ValueOrigins.Receiver(call) is { } receiver ? ValueOrigins.Unwrap(receiver) : null;
            }

            return current;
        }

        /// <summary>An <c>AddRetry</c> whose options, created right there, set <c>MaxRetryAttempts</c> to the constant 0.</summary>
        private bool NeverRetries(IInvocationOperation addRetry, CancellationToken cancellationToken) =>
            RetryAttempts(addRetry, cancellationToken) == 1;

        private int? RetryAttempts(IInvocationOperation addRetry, CancellationToken cancellationToken)
        {
            var options = addRetry.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1);
            if (options is null)
            {
                return null;
            }

            if (ValueOrigins.Trace(options.Value, compilation, cancellationToken) is not IObjectCreationOperation creation)
            {
                return null;
            }

            foreach (var assignment in Initializers(creation))
            {
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: "MaxRetryAttempts" })
                {
                    return ValueOrigins.ConstantInt(assignment.Value) is { } n ? n + 1 : null;
                }
            }

            return 4; // Polly's default: 3 retries (seen at runtime, docs/design/sdk-facts.md F).
        }

        /// <summary>
        /// A v8 <c>AddRetry</c> whose options, created right there, set <c>ShouldHandle</c> to a <c>PredicateBuilder</c>
        /// whose every <c>Handle&lt;T&gt;</c>/<c>Or&lt;T&gt;</c> admits only rate-limit failures.
        /// </summary>
        private bool RetriesOnlyRateLimits(IInvocationOperation addRetry, CancellationToken cancellationToken)
        {
            var options = addRetry.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1);
            if (options is null || ValueOrigins.Trace(options.Value, compilation, cancellationToken) is not IObjectCreationOperation creation)
            {
                return false;
            }

            var shouldHandle = Initializers(creation).FirstOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: "ShouldHandle" });
            if (rateLimits.IsRateLimitShouldHandle(shouldHandle?.Value))
            {
                // ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ClientResultException { Status: 429 }).
                return true;
            }

            IOperation? current = shouldHandle is null ? null : ValueOrigins.Unwrap(shouldHandle.Value);
            var links = 0;
            for (var depth = 0; current is IInvocationOperation link && depth < MaxWrapDepth; depth++)
            {
                if (link.TargetMethod.ContainingType.Name != "PredicateBuilder" || !IsRateLimitLink(link))
                {
                    return false;
                }

                links++;
                current = link.Instance is null ? null : ValueOrigins.Unwrap(link.Instance);
            }

            return links > 0 && current is IObjectCreationOperation { Type.Name: "PredicateBuilder" };
        }

        /// <summary>
        /// One link of a Polly predicate chain (v7 <c>Policy.Handle&lt;T&gt;</c>/<c>Or&lt;T&gt;</c>/<c>HandleResult</c>/<c>OrResult</c>,
        /// v8 <c>PredicateBuilder</c>'s same-named methods) that admits only rate limits: a rate-limit exception type or a
        /// predicate that tests for 429 (<c>HandleResult(r =&gt; r.StatusCode == HttpStatusCode.TooManyRequests)</c>). A
        /// result link compared with a value (<c>HandleResult(response)</c>) is not read.
        /// </summary>
        private bool IsRateLimitLink(IInvocationOperation link)
        {
            var method = link.TargetMethod;
            ITypeSymbol? exceptionType;
            switch (method.Name)
            {
                case "Handle" or "Or" when method.TypeArguments.Length == 1:
                    exceptionType = method.TypeArguments[0];
                    break;
                case "HandleResult" or "OrResult":
                    exceptionType = null;
                    break;
                default:
                    return false;
            }

            var predicate = link.Arguments.FirstOrDefault(a => a.Parameter?.Type.TypeKind == TypeKind.Delegate && a.ArgumentKind == ArgumentKind.Explicit);
            return (exceptionType is not null || predicate is not null) && rateLimits.IsRateLimitPredicate(exceptionType, predicate?.Value);
        }

        public static IEnumerable<ISimpleAssignmentOperation> Initializers(IObjectCreationOperation creation) =>
            creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>() ?? Enumerable.Empty<ISimpleAssignmentOperation>();
    }
}
