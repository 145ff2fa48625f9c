using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A list capped by reassigning it before it is read: <c>tools = tools.Take(20).ToList();</c>, or only when it is over
    /// the cap, <c>if (tools.Count &gt; 20) tools = tools.Take(20).ToList();</c> (the statement form of the accepted
    /// <c>tools.Count &gt; 20 ? [.. tools.Take(20)] : tools</c>). After the statement the list holds at most the larger of
    /// the two bounds on every path.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// The bound <paramref name="statement"/> leaves on <paramref name="holder"/> by reassigning it, or null. Only
        /// where the holder is read after the statement in the same body (a validation helper's reassigned parameter is
        /// its own copy, and does not cap the caller's list).
        /// </summary>
        private CountBound? CapByReassignment(IOperation statement, ISymbol holder)
        {
            switch (statement)
            {
                case IExpressionStatementOperation expression:
                    return CappingWrite(expression, holder);
                case IConditionalOperation { WhenFalse: null } check when CapInBranch(check.WhenTrue, holder) is { } capped:
                    // Not over the cap: the list as it was, bounded by the test. Over it: the capped copy.
                    return BoundWhen(check.Condition, false, holder, countOnly: false) is { } untouched ? Larger(untouched, capped) : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The branch of the <c>if</c> ends with the holder capped: the statement itself, or the last write of a block
        /// that leaves it early nowhere and adds nothing to the holder after the write.
        /// </summary>
        private CountBound? CapInBranch(IOperation branch, ISymbol holder)
        {
            if (branch is IExpressionStatementOperation statement)
            {
                return CappingWrite(statement, holder);
            }

            if (branch is not IBlockOperation block)
            {
                return null;
            }

            CountBound? capped = null;
            foreach (var operation in block.Operations)
            {
                if (WritesOrChanges(operation, holder))
                {
                    // Each later write replaces the earlier one; one that does not cap (or an Add) undoes the cap.
                    capped = operation is IExpressionStatementOperation write ? CappingWrite(write, holder) : null;
                }
            }

            foreach (var part in block.Descendants())
            {
                if (part is IBranchOperation)
                {
                    return null; // a break or goto may leave the block before the write
                }
            }

            return capped;
        }

        /// <summary><c>holder = &lt;capped value&gt;;</c>: the bound of the value.</summary>
        private CountBound? CappingWrite(IExpressionStatementOperation statement, ISymbol holder) =>
            statement.Operation is ISimpleAssignmentOperation assignment
            && SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(assignment.Target), holder)
                ? CapOfValue(assignment.Value)
                : null;

        /// <summary>
        /// <c>tools.Take(20).ToList()</c>, <c>[.. tools.Take(20)]</c>, <c>tools.OrderBy(...).Take(n).ToArray()</c>: a
        /// <c>Take</c> followed only by steps that keep or drop elements. Its constant, or a chosen count (a configured
        /// maximum) as for <c>Take</c> itself.
        /// </summary>
        private CountBound? CapOfValue(IOperation value)
        {
            var current = TypeIndex.Strip(value);
            for (var steps = 0; current != null && steps < 64; steps++)
            {
                if (current.Syntax is CollectionExpressionSyntax { Elements.Count: 1 } collection && collection.Elements[0] is SpreadElementSyntax spread)
                {
                    current = TypeIndex.Strip(SpreadOperand(current.SemanticModel, spread));
                    continue;
                }

                if (current is not IInvocationOperation invocation)
                {
                    return null;
                }

                switch (invocation.TargetMethod.Name)
                {
                    case "Take" when invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length == 2:
                        var count = invocation.Arguments[1].Value;
                        return TakeCount(count) is int n ? new CountBound(n)
                            : IsChosenCount(count) ? new CountBound(null) : (CountBound?)null;
                    case "ToList" or "ToArray" or "AsEnumerable" or "Select" or "Cast" or "OfType" or "Where" or "Distinct" or "DistinctBy"
                        or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Reverse" or "Skip" or "SkipWhile" or "TakeWhile"
                        when invocation.TargetMethod.IsExtensionMethod:
                        current = TypeIndex.Strip(TypeIndex.Receiver(invocation));
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>A write to the holder, or an Add/Remove on it, inside <paramref name="operation"/>.</summary>
        private bool WritesOrChanges(IOperation operation, ISymbol holder)
        {
            var span = operation.Syntax.Span;
            var tree = operation.Syntax.SyntaxTree;
            bool Inside(IOperation part) => part.Syntax.SyntaxTree == tree && span.Contains(part.Syntax.Span);
            return _index.Writes.TryGetValue(holder, out var writes) && writes.Exists(Inside)
                || _index.Mutations.TryGetValue(holder, out var mutations) && mutations.Exists(m => Inside(m));
        }

        /// <summary>
        /// The bound of "one or the other": a constant above the cap wins (the request may carry that many), else the
        /// larger constant; a chosen count on either side leaves the catalog chosen.
        /// </summary>
        private CountBound Larger(CountBound first, CountBound second)
        {
            if (first.Limit is int a && second.Limit is int b)
            {
                return new CountBound(System.Math.Max(a, b));
            }

            var constant = first.Limit ?? second.Limit;
            return constant is int above && above > _cap ? new CountBound(above) : new CountBound(null);
        }
    }
}
