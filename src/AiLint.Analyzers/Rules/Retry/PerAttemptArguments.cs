using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A retry helper that hands its delegate a value that changes per attempt
    /// (<c>for (attempt...) { try { return await operation(attempt); } catch { ... } }</c>, review 63 M1). The helper
    /// re-runs the delegate either way; whether the request changes is the callback's business: a lambda that ignores the
    /// attempt, logs it or waits on it sends the same request again, one that picks a model or prompt with it does not.
    /// </summary>
    internal static class PerAttemptArguments
    {
        /// <summary>
        /// The ordinals of <paramref name="invoke"/>'s arguments (a delegate parameter's invocation inside the helper
        /// <paramref name="helper"/>) that may change between attempts: neither a cancellation token (not an input), nor
        /// a constant, nor a parameter of the helper it never writes. Empty when every argument is one of those.
        /// </summary>
        public static int[] Of(IInvocationOperation invoke, IMethodSymbol helper)
        {
            var result = new List<int>();
            var calls = invoke.SemanticModel is { } model ? LogAndWaitCalls.For(model.Compilation) : null;
            foreach (var argument in invoke.Arguments)
            {
                if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var value = ValueOrigins.Unwrap(argument.Value);
                if (calls?.IsCancellationToken(value.Type) == true || value.ConstantValue.HasValue
                    || (value is IParameterReferenceOperation passed
                        && SymbolEqualityComparer.Default.Equals(passed.Parameter.ContainingSymbol, helper)
                        && !WrittenIn(passed.Parameter, ValueOrigins.Root(invoke))))
                {
                    continue;
                }

                result.Add(parameter.Ordinal);
            }

            return result.ToArray();
        }

        /// <summary>
        /// True when the callback passed to the helper (a lambda, or a method group of this compilation) leaves the
        /// request alone with the values at <paramref name="ordinals"/>: it never reads them, or only logs them or waits
        /// on them (<c>logger.LogWarning("Attempt {N}", attempt)</c>, <c>await Task.Delay(attempt * 100)</c>).
        /// Any other read (<c>attempt &gt; 1 ? fallbackModel : model</c>, a value handed to the project's own code) may
        /// change the request: not a retry of the same request. A callback AiLint cannot read counts as changing it.
        /// </summary>
        public static bool IgnoredBy(IOperation callback, int[] ordinals, Compilation compilation, CancellationToken cancellationToken)
        {
            IMethodSymbol? function;
            IEnumerable<IOperation> bodies;
            switch (callback)
            {
                case IAnonymousFunctionOperation lambda:
                    function = lambda.Symbol;
                    bodies = new[] { (IOperation)lambda.Body };
                    break;
                case IMethodReferenceOperation { Method: var method } when SourceBodies.IsInSource(method, compilation):
                    function = method.OriginalDefinition;
                    bodies = SourceBodies.GetBodies(function, compilation, cancellationToken);
                    break;
                default:
                    return false;
            }

            var calls = LogAndWaitCalls.For(compilation);
            var pure = PureValueHelpers.For(compilation);
            var watched = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
            foreach (var ordinal in ordinals)
            {
                if (ordinal >= function.Parameters.Length)
                {
                    // A method group bound to the delegate through a reduced extension or a params mismatch: not judged.
                    return false;
                }

                watched.Add(function.Parameters[ordinal]);
            }

            foreach (var body in bodies)
            {
                foreach (var reference in body.DescendantsAndSelf().OfType<IParameterReferenceOperation>())
                {
                    if (watched.Contains(reference.Parameter.OriginalDefinition) && !OnlyLoggedOrWaitedOn(reference, calls, pure))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// The value flows, through arithmetic, formatting, member reads and pure helpers (<c>Math.Pow</c>,
        /// <c>TimeSpan.FromSeconds</c>), only into a logging call or a delay.
        /// </summary>
        private static bool OnlyLoggedOrWaitedOn(IOperation reference, LogAndWaitCalls calls, PureValueHelpers pure)
        {
            for (var current = reference.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IConversionOperation or IBinaryOperation or IUnaryOperation or IParenthesizedOperation
                        or IInterpolationOperation or IInterpolatedStringOperation or IInterpolatedStringHandlerCreationOperation
                        or IInterpolatedStringAppendOperation or IInterpolatedStringHandlerArgumentPlaceholderOperation
                        or IArgumentOperation or IArrayInitializerOperation or IArrayCreationOperation
                        or IPropertyReferenceOperation or IFieldReferenceOperation:
                        continue;
                    case IInvocationOperation invocation when pure.IsPureValue(invocation.TargetMethod):
                        continue;
                    case IInvocationOperation invocation:
                        return calls.IsLoggingOrWait(invocation.TargetMethod);
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool InSystem(INamedTypeSymbol type) =>
            type.ContainingNamespace is { } ns && RootNamespace(ns) == "System";

        private static string? RootNamespace(INamespaceSymbol? ns)
        {
            string? name = null;
            for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
            {
                name = current.Name;
            }

            return name;
        }

        private static bool WrittenIn(IParameterSymbol parameter, IOperation root) =>
            root.DescendantsAndSelf().Any(o => o switch
            {
                IAssignmentOperation { Target: IParameterReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Parameter, parameter),
                IIncrementOrDecrementOperation { Target: IParameterReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Parameter, parameter),
                _ => false,
            });

        /// <summary>
        /// The framework's pure helpers a per-attempt value may pass through on its way to a log or a delay
        /// (<c>System.Math</c>, <c>MathF</c>, <c>TimeSpan</c>, <c>Convert</c>, <c>string</c>), resolved once per
        /// compilation and compared as symbols: the project's own class named <c>Math</c> or <c>Convert</c>, in any
        /// namespace, is project code, which may change the request.
        /// </summary>
        private sealed class PureValueHelpers
        {
            private static readonly ConditionalWeakTable<Compilation, PureValueHelpers> Cache = new();

            private readonly INamedTypeSymbol[] types;
            private readonly IAssemblySymbol source;

            private PureValueHelpers(Compilation compilation)
            {
                types = new[]
                {
                    compilation.GetTypeByMetadataName("System.Math"),
                    compilation.GetTypeByMetadataName("System.MathF"),
                    compilation.GetTypeByMetadataName("System.TimeSpan"),
                    compilation.GetTypeByMetadataName("System.Convert"),
                    compilation.GetSpecialType(SpecialType.System_String),
                }.OfType<INamedTypeSymbol>().Where(t => t.TypeKind != TypeKind.Error).ToArray();
                source = compilation.Assembly;
            }

            public static PureValueHelpers For(Compilation compilation) => Cache.GetValue(compilation, c => new PureValueHelpers(c));

            public bool IsPureValue(IMethodSymbol method)
            {
                if (method.ContainingType is not { } type)
                {
                    return false;
                }

                if (types.Any(known => KnownRetrySymbols.Is(type, known)))
                {
                    return true;
                }

                // A framework value's ToString() / ToString(format) / ToString(provider) (int, double, DateTime,
                // TimeSpan, Guid ...). A name test stays here: those overloads are declared type by type, most of them
                // overriding nothing, so there is no one symbol to compare with; the root namespace System stands for the
                // framework's types, and a type of this compilation's source declared under it is not one of them.
                return method.Name == "ToString" && method.Parameters.Length <= 1 && InSystem(type)
                    && !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, source);
            }
        }
    }
}
