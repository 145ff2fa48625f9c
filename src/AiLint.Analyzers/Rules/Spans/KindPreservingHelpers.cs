using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Naming;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// For AIL0102: the <c>DateTime</c> parameters of the project's own helpers that reach
    /// <c>Activity.SetStartTime</c>/<c>SetEndTime</c> with their Kind unchanged, so a caller's <c>DateTime.Now</c> is
    /// ignored by the span just as if it were passed directly (<c>Track("llm", DateTime.Now, elapsed)</c> with
    /// <c>void Track(string name, DateTime start, TimeSpan duration) { ... activity.SetStartTime(start); ... }</c>).
    /// </summary>
    /// <remarks>
    /// Only Kind-preserving paths count (the parameter itself, a local copied from it, <c>AddX</c>, <c>+ TimeSpan</c>,
    /// <c>.Date</c>): a helper that converts (<c>ToUniversalTime()</c>, <c>SpecifyKind</c>) or reassigns the parameter
    /// is not a sink. AIL0101's taint summaries cannot be reused for this: a conversion keeps the taint but repairs the Kind.
    /// Helpers nest up to <see cref="MaxDepth"/>; like AIL0101's summaries, only answers computed from a call site
    /// (depth 0) are cached, so no answer depends on which call site is analysed first.
    /// </remarks>
    internal sealed partial class KindPreservingHelpers
    {
        public const int MaxDepth = 3;

        private readonly Compilation compilation;
        private readonly KnownSpanSymbols symbols;
        private readonly CancellationToken cancellationToken;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableDictionary<int, string>> cache =
            new ConcurrentDictionary<IMethodSymbol, ImmutableDictionary<int, string>>(SymbolEqualityComparer.Default);

        public KindPreservingHelpers(Compilation compilation, KnownSpanSymbols symbols, CancellationToken cancellationToken)
        {
            this.compilation = compilation;
            this.symbols = symbols;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>Cheap test before any body is bound: a source method with a <c>DateTime</c> parameter.</summary>
        public bool MayBeHelper(IMethodSymbol method)
        {
            var hasDateTime = false;
            foreach (var parameter in method.Parameters)
            {
                hasDateTime |= parameter.RefKind == RefKind.None && IsStamp(parameter.Type);
            }

            return hasDateTime && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly) && HelperSummaries.HasSource(method);
        }

        /// <summary>Parameter ordinal to the sink it reaches ("Activity.SetStartTime", "Inner.Stamp → Activity.SetEndTime").</summary>
        public ImmutableDictionary<int, string> SinkParameters(IMethodSymbol method)
        {
            method = method.PartialImplementationPart ?? method.OriginalDefinition;
            return cache.GetOrAdd(method, m => Compute(m, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), 0));
        }

        private ImmutableDictionary<int, string> Compute(IMethodSymbol method, HashSet<IMethodSymbol> visiting, int depth)
        {
            if (!visiting.Add(method))
            {
                return ImmutableDictionary<int, string>.Empty;
            }

            var sinks = ImmutableDictionary.CreateBuilder<int, string>();
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                var index = new LocalValueIndex(new[] { body });
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (!(operation is IInvocationOperation call))
                    {
                        continue;
                    }

                    if (SpanSinks.TryGetSink(call, symbols, out var sink))
                    {
                        if (sink.IgnoresNonUtc && ParameterReached(sink.Argument.Value, method, index, 0) is { } ordinal && !sinks.ContainsKey(ordinal)
                            && !DeferredUntilStart(sink, call, ordinal, method, body, index))
                        {
                            sinks[ordinal] = sink.DisplayName;
                        }
                    }
                    else if (depth + 1 < MaxDepth && MayBeHelper(call.TargetMethod))
                    {
                        var callee = call.TargetMethod.PartialImplementationPart ?? call.TargetMethod.OriginalDefinition;
                        var inner = Compute(callee, visiting, depth + 1);
                        foreach (var argument in call.Arguments)
                        {
                            if (argument.Parameter is { } parameter && inner.TryGetValue(parameter.Ordinal, out var reached)
                                && ParameterReached(argument.Value, method, index, 0) is { } ordinal && !sinks.ContainsKey(ordinal))
                            {
                                sinks[ordinal] = HelperNames.Through(HelperNames.Of(callee), reached);
                            }
                        }
                    }
                }
            }

            visiting.Remove(method);
            return sinks.ToImmutable();
        }

        /// <summary>A <c>DateTime</c> or <c>DateTime?</c>: what a helper's time parameter may be.</summary>
        private bool IsStamp(ITypeSymbol? type) => symbols.IsDateTime(type) || symbols.IsNullableDateTime(type);

        /// <summary>The ordinal of the helper's own DateTime parameter that <paramref name="value"/> is, with the Kind unchanged.</summary>
        private int? ParameterReached(IOperation? value, IMethodSymbol method, LocalValueIndex index, int hops)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            if (hops > 8)
            {
                return null;
            }

            switch (value)
            {
                case IConversionOperation conversion when IsStamp(conversion.Operand.Type):
                    return ParameterReached(conversion.Operand, method, index, hops + 1);
                case IParenthesizedOperation parenthesized:
                    return ParameterReached(parenthesized.Operand, method, index, hops + 1);
                case IParameterReferenceOperation reference
                    when SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method)
                        && reference.Parameter.RefKind == RefKind.None && IsStamp(reference.Parameter.Type)
                        && index.GetWrites(reference.Parameter).Count == 0:
                    return reference.Parameter.Ordinal;
                case IPropertyReferenceOperation { Property.Name: "Value" } nullable when symbols.IsNullableDateTime(nullable.Property.ContainingType):
                    // `WithStartTime(this Activity a, DateTime? start) { if (start.HasValue) a.SetStartTime(start.Value); }`:
                    // a caller's non-null value reaches the span as it was given.
                    return ParameterReached(nullable.Instance, method, index, hops + 1);
                case IInvocationOperation { TargetMethod: { Name: "GetValueOrDefault", Parameters.IsEmpty: true } } unwrapped
                    when symbols.IsNullableDateTime(unwrapped.TargetMethod.ContainingType):
                    return ParameterReached(unwrapped.Instance, method, index, hops + 1);
                case ICoalesceOperation coalesce when symbols.IsDateTime(coalesce.Type):
                    // `start ?? DateTime.UtcNow`: the fallback is used only when the caller gives nothing.
                    return ParameterReached(coalesce.Value, method, index, hops + 1);
                case IInvocationOperation invocation
                    when !invocation.TargetMethod.IsStatic && symbols.IsDateTime(invocation.TargetMethod.ContainingType)
                        && symbols.IsDateTime(invocation.TargetMethod.ReturnType)
                        && invocation.TargetMethod.Name != "ToUniversalTime" && invocation.TargetMethod.Name != "ToLocalTime":
                    // AddMinutes, Add(TimeSpan), Subtract(TimeSpan) keep the Kind.
                    return ParameterReached(invocation.Instance, method, index, hops + 1);
                case IBinaryOperation binary when symbols.IsDateTime(binary.Type) && symbols.IsDateTime(binary.LeftOperand.Type):
                    return ParameterReached(binary.LeftOperand, method, index, hops + 1);
                case IPropertyReferenceOperation { Property.Name: "Date" } property when symbols.IsDateTime(property.Property.ContainingType):
                    return ParameterReached(property.Instance, method, index, hops + 1);
                case ILocalReferenceOperation local:
                    var writes = index.GetWrites(local.Local);
                    if (writes.Count != 1)
                    {
                        return null;
                    }

                    return ParameterReached(writes[0], method, index, hops + 1);
                default:
                    return null;
            }
        }
    }
}
