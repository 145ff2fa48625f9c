using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A retry helper of the project that goes round only when its delegate throws (GinoCanessa/JiraFhirUtils:
    /// <c>for (...) { try { return await operation(); } catch (Exception ex) when (attempt &lt; maxRetries) { log; wait; } }</c>).
    /// Every call of the delegate in the helper hands its value straight out of the helper, so a call that returns
    /// leaves the helper and the only way round is an exception. For <see cref="RetriedExceptions"/>: such a helper is
    /// read like a catch-and-retry loop, so a retried method that catches every exception after its send (see
    /// <see cref="SwallowedAttempts"/>) is never re-sent.
    /// </summary>
    /// <remarks>
    /// Conservative: only a helper called directly (not through an interface or a virtual method, whose other bodies
    /// may test the answer) and declared in this compilation. Every mention of the delegate parameter must be a call of
    /// it whose value leaves at once (<c>return await operation();</c>, with or without <c>ConfigureAwait</c>; <c>var r =
    /// await operation(); return r;</c>; <c>await action(); return;</c>) or a null check. A helper that tests the answer,
    /// calls the delegate in a nested lambda, or hands it to another method is not decided here (the retry stays
    /// reported). Cached per compilation, per helper and parameter.
    /// </remarks>
    internal static class ExceptionOnlyHelpers
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), bool>> Cache = new();

        /// <summary>
        /// <paramref name="region"/> (a lambda or method group handed to a project retry helper) is re-run by a helper
        /// that goes round only on an exception from it.
        /// </summary>
        public static bool GoesRoundOnlyOnExceptions(IOperation region, Compilation compilation, CancellationToken cancellationToken)
        {
            var current = region.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            if (current is not IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation invocation })
            {
                return false;
            }

            var target = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
            var ordinal = parameter.OriginalDefinition.Ordinal + (invocation.TargetMethod.ReducedFrom is null ? 0 : 1);
            if (IsDispatched(invocation, target) || !SourceBodies.IsInSource(target, compilation) || ordinal >= target.Parameters.Length)
            {
                return false;
            }

            var known = Cache.GetValue(compilation, _ => new ConcurrentDictionary<(IMethodSymbol, int), bool>());
            var key = (target, ordinal);
            if (known.TryGetValue(key, out var answer))
            {
                return answer;
            }

            answer = Compute(target, ordinal, compilation, cancellationToken);
            known[key] = answer;
            return answer;
        }

        /// <summary>The call runs whichever override or implementation the receiver has at run time.</summary>
        private static bool IsDispatched(IInvocationOperation invocation, IMethodSymbol method) =>
            invocation.IsVirtual
            || method.IsAbstract || method.IsVirtual || (method.IsOverride && !method.IsSealed) || method.ContainingType.TypeKind == TypeKind.Interface;

        private static bool Compute(IMethodSymbol method, int ordinal, Compilation compilation, CancellationToken cancellationToken)
        {
            var invoked = false;
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var reference in body.Descendants().OfType<IParameterReferenceOperation>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (reference.Parameter.Ordinal != ordinal || !SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method))
                    {
                        continue;
                    }

                    if (IsNullCheck(reference, compilation))
                    {
                        continue;
                    }

                    if (reference.Parent is not IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invoke
                        || !LeavesAtOnce(invoke, compilation))
                    {
                        return false;
                    }

                    invoked = true;
                }
            }

            return invoked;
        }

        /// <summary>
        /// The delegate call's value leaves the helper at once: nothing after a call that returned can send the helper
        /// round. A <c>yield return</c> goes on with the loop, so it does not count.
        /// </summary>
        private static bool LeavesAtOnce(IInvocationOperation invoke, Compilation compilation)
        {
            IOperation top = invoke;
            if (top.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == top
                && IsTaskType(configure.TargetMethod.ContainingType, compilation))
            {
                top = configure;
            }

            var outer = top;
            while (outer.Parent is IAwaitOperation or IConversionOperation or IParenthesizedOperation)
            {
                outer = outer.Parent;
            }

            if (outer.Parent is IReturnOperation { Kind: OperationKind.YieldReturn })
            {
                return false;
            }

            if (SwallowedAttempts.ReturnsDirectly(top, boundary: null))
            {
                return true;
            }

            // `await action(); return;` for a delegate with no value.
            return outer.Parent is IExpressionStatementOperation { Syntax: ExpressionStatementSyntax { Parent: BlockSyntax block } statement }
                && NoEnclosingFunction(outer)
                && block.Statements.IndexOf(statement) is var index && index + 1 < block.Statements.Count
                && block.Statements[index + 1] is ReturnStatementSyntax { Expression: null };
        }

        private static bool NoEnclosingFunction(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>, whose <c>ConfigureAwait</c> hands the same result on.</summary>
        private static bool IsTaskType(INamedTypeSymbol? type, Compilation compilation)
        {
            if (type is null)
            {
                return false;
            }

            var definition = type.OriginalDefinition;
            foreach (var name in new[] { "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1" })
            {
                if (SymbolEqualityComparer.Default.Equals(definition, compilation.GetTypeByMetadataName(name)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A mention that only checks the delegate is there: <c>ArgumentNullException.ThrowIfNull(operation)</c>,
        /// <c>operation is null</c>, <c>operation == null</c>, <c>nameof(operation)</c>.
        /// </summary>
        private static bool IsNullCheck(IParameterReferenceOperation reference, Compilation compilation)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case INameOfOperation:
                    return true;
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } }:
                    return true;
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } }:
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    return ValueOrigins.Unwrap(comparison.LeftOperand).ConstantValue is { HasValue: true, Value: null }
                        || ValueOrigins.Unwrap(comparison.RightOperand).ConstantValue is { HasValue: true, Value: null };
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ThrowIfNull", ContainingType: { } type } } }:
                    return SymbolEqualityComparer.Default.Equals(type, compilation.GetTypeByMetadataName("System.ArgumentNullException"));
                default:
                    return false;
            }
        }
    }
}
