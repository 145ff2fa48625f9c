using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Pipelines registered with <c>services.AddResiliencePipeline(key, builder =&gt; ...)</c> (or a registry's
    /// <c>TryAddBuilder(key, ...)</c>) in the compilation, by key,
    /// so that <c>provider.GetPipeline("llm")</c> and <c>[FromKeyedServices("llm")] ResiliencePipeline</c> are classified
    /// by what the registration adds. Found once per compilation, on first use.
    /// </summary>
    internal sealed class PollyRegistrations
    {
        private static readonly HashSet<string> PipelineRegistrationNames = new(StringComparer.Ordinal) { "AddResiliencePipeline", "TryAddBuilder" };

        private static readonly HashSet<string> ServiceRegistrationNames = new(StringComparer.Ordinal)
        {
            "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient",
        };

        private readonly Compilation compilation;
        private readonly Lazy<List<Registration>> registrations;
        private readonly Lazy<List<(ITypeSymbol ServiceType, List<IOperation> Values)>> unkeyed;

        public PollyRegistrations(Compilation compilation)
        {
            this.compilation = compilation;
            registrations = new Lazy<List<Registration>>(FindAll);
            unkeyed = new Lazy<List<(ITypeSymbol ServiceType, List<IOperation> Values)>>(FindUnkeyed);
        }

        /// <summary>
        /// True when the value is a registry or keyed-service lookup; <paramref name="key"/> is its key when that is a
        /// constant, else null.
        /// </summary>
        public static bool IsLookup(IOperation origin, out object? key)
        {
            key = null;
            switch (origin)
            {
                // ResiliencePipelineProvider<TKey>.GetPipeline(key) / GetPipeline<TResult>(key).
                case IInvocationOperation { TargetMethod.Name: "GetPipeline" } lookup
                    when lookup.TargetMethod.ContainingType?.Name is "ResiliencePipelineProvider" or "ResiliencePipelineRegistry"
                        && lookup.TargetMethod.ContainingNamespace?.ToDisplayString() == "Polly.Registry":
                    ConstantArgument(lookup, "key", out key);
                    return true;

                // serviceProvider.GetRequiredKeyedService<ResiliencePipeline>("llm").
                case IInvocationOperation { TargetMethod.Name: "GetRequiredKeyedService" or "GetKeyedService" } keyed:
                    ConstantArgument(keyed, "serviceKey", out key);
                    return true;

                // [FromKeyedServices("llm")] ResiliencePipeline pipeline.
                case IParameterReferenceOperation parameter:
                    foreach (var attribute in parameter.Parameter.GetAttributes())
                    {
                        if (attribute.AttributeClass is { Name: "FromKeyedServicesAttribute" } type
                            && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection"
                            && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array)
                        {
                            key = attribute.ConstructorArguments[0].Value;
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The retry strategies (<c>AddRetry</c>, <c>AddHedging</c>) added by the registrations of <paramref name="key"/>;
        /// empty when no registration adds one, or none is in the compilation.
        /// </summary>
        public IEnumerable<IInvocationOperation> RetryStrategies(object key) =>
            registrations.Value.Where(r => Equals(r.Key, key)).SelectMany(r => r.Strategies);

        /// <summary>The constant keys of the compilation's registrations, in source order (a key may repeat).</summary>
        public IEnumerable<object> Keys => registrations.Value.Select(r => r.Key);

        /// <summary>True when the compilation registers a pipeline under <paramref name="key"/>, with or without a retry.</summary>
        public bool IsRegistered(object key) => registrations.Value.Any(r => Equals(r.Key, key));

        private static bool ConstantArgument(IInvocationOperation invocation, string parameterName, out object? key)
        {
            key = null;
            var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameterName);
            // `object? serviceKey` receives the string boxed: the constant is under the conversion.
            var value = argument is null ? null : ValueOrigins.Unwrap(argument.Value);
            if (value is null || !value.ConstantValue.HasValue)
            {
                return false;
            }

            key = value.ConstantValue.Value;
            return key is not null;
        }

        /// <summary>
        /// The values the project registers, without a key, as the service <paramref name="pipelineType"/>
        /// (<c>AddSingleton(pipeline)</c>, <c>AddSingleton&lt;ResiliencePipeline&gt;(sp =&gt; ...)</c>, the Scoped, Transient and
        /// TryAdd forms): the instance argument, or what the factory lambda returns. Empty when there is none.
        /// </summary>
        /// <remarks>
        /// One list per registration: the values its factory lambda may return (one for an instance registration). A
        /// registration retries only when every value it may return does (see <see cref="FactoryReturnPaths"/>).
        /// </remarks>
        public List<List<IOperation>> UnkeyedPipelines(ITypeSymbol pipelineType) =>
            unkeyed.Value.Where(r => SymbolEqualityComparer.Default.Equals(r.ServiceType, pipelineType)).Select(r => r.Values).ToList();

        private List<(ITypeSymbol ServiceType, List<IOperation> Values)> FindUnkeyed()
        {
            // Only the registration calls are bound; the list is built once, when an injected pipeline is first met.
            var found = new List<(ITypeSymbol, List<IOperation>)>();
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, ServiceRegistrationNames, CancellationToken.None))
            {
                if (invocation.TargetMethod.ContainingNamespace?.ToDisplayString() != "Microsoft.Extensions.DependencyInjection"
                    || invocation.TargetMethod.TypeArguments.Length != 1)
                {
                    continue;
                }

                var serviceType = invocation.TargetMethod.TypeArguments[0];
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "implementationInstance")
                    {
                        found.Add((serviceType, new List<IOperation> { argument.Value }));
                    }
                    else if (argument.Parameter?.Name == "implementationFactory" && FactoryResults(argument.Value).ToList() is { Count: > 0 } returned)
                    {
                        found.Add((serviceType, returned));
                    }
                }
            }

            return found;
        }

        /// <summary>What a factory lambda returns (every return of a block body, or the expression body).</summary>
        private static IEnumerable<IOperation> FactoryResults(IOperation value)
        {
            var body = ConfigureBody(value);
            if (ReferenceEquals(body, ValueOrigins.Unwrap(value)))
            {
                yield break; // a method group or a delegate from elsewhere: nothing visible
            }

            foreach (var operation in RetryContextFinder.DescendantsInSameFunction(body))
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned })
                {
                    yield return returned;
                }
            }
        }

        private List<Registration> FindAll()
        {
            var found = new List<Registration>();
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, PipelineRegistrationNames, CancellationToken.None))
            {
                if (!IsPollyRegistration(invocation.TargetMethod)
                    || !ConstantArgument(invocation, "key", out var key)
                    || invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "configure") is not { } configure)
                {
                    continue;
                }

                // A strategy the configure callback may skip (`if (options.EnableRetries) builder.AddRetry(...)`, or one
                // after an early `return;`) is not a sure retry, as for a builder in a factory (FactoryArguments).
                var body = ConfigureBody(configure.Value);
                var strategies = RetryContextFinder.DescendantsInSameFunction(body)
                    .OfType<IInvocationOperation>()
                    .Where(i => i.TargetMethod.Name is "AddRetry" or "AddHedging"
                        && !FactoryArguments.None.MayBeSkipped(i, body)
                        && !FollowsAReturn(i, body))
                    .ToList();
                found.Add(new Registration(key!, strategies));
            }

            return found;
        }

        /// <summary>A <c>return</c> of the same callback comes before <paramref name="strategy"/> in the source.</summary>
        private static bool FollowsAReturn(IOperation strategy, IOperation body) =>
            RetryContextFinder.DescendantsInSameFunction(body).Any(o => o is IReturnOperation { Syntax: { } syntax } && syntax.SpanStart < strategy.Syntax.SpanStart
                && o.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax && !o.IsImplicit);

        /// <summary>
        /// <c>PollyServiceCollectionExtensions.AddResiliencePipeline</c> (namespace Polly), the same method on the
        /// context of <c>AddResiliencePipelines</c> (namespace Polly.DependencyInjection), or a registry's
        /// <c>TryAddBuilder</c> (namespace Polly.Registry).
        /// </summary>
        private static bool IsPollyRegistration(IMethodSymbol method) =>
            method.Name == "AddResiliencePipeline"
                ? method.ContainingNamespace?.ToDisplayString() is "Polly" or "Polly.DependencyInjection"
                    && method.ContainingType?.Name is "PollyServiceCollectionExtensions" or "AddResiliencePipelinesContext"
                : method.ContainingNamespace?.ToDisplayString() == "Polly.Registry" && method.ContainingType?.Name == "ResiliencePipelineRegistry";

        /// <summary>The lambda body of the configure callback; for a method group or anything else, the value itself (no strategy visible).</summary>
        private static IOperation ConfigureBody(IOperation value)
        {
            var current = ValueOrigins.Unwrap(value);
            if (current is IDelegateCreationOperation creation)
            {
                current = creation.Target;
            }

            return current is IAnonymousFunctionOperation lambda ? lambda.Body : current;
        }

        private sealed class Registration
        {
            public Registration(object key, List<IInvocationOperation> strategies)
            {
                Key = key;
                Strategies = strategies;
            }

            public object Key { get; }

            public List<IInvocationOperation> Strategies { get; }
        }
    }
}
