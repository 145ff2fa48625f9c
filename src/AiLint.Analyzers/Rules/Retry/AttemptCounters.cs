using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Locals the retry itself changes between attempts: the <c>attempt</c> of <c>for (var attempt = 1; ...; attempt++)</c>,
    /// a <c>retries</c> declared before a <c>while</c> and incremented in its catch, a captured counter a Polly callback
    /// increments. A key built from one of them (<c>$"{ticketId}-{attempt}"</c>) is new on every attempt, like a fresh GUID.
    /// </summary>
    /// <remarks>
    /// Only locals declared outside the re-run code count. A local declared inside it is rebuilt on every pass from its
    /// initializer, which the key tracing follows anyway; a loop over items has its index changed by a loop that is not
    /// the retry (see the batch tests), so that index is not among these.
    /// </remarks>
    internal static class AttemptCounters
    {
        /// <summary>The locals declared outside <paramref name="retry"/>'s region and counted up or down by the code that repeats it.</summary>
        public static HashSet<ILocalSymbol> Find(RetryContext retry)
        {
            var changed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            var region = retry.Region;
            IEnumerable<IOperation> repeated = RetryContextFinder.DescendantsInSameFunction(region);
            if (retry.Kind == RetryKind.Loop && region.Parent is ILoopOperation loop)
            {
                // The for loop's incrementors and the condition (`while (attempt++ < 3)`) run between attempts too.
                repeated = loop switch
                {
                    IForLoopOperation forLoop => repeated.Concat(forLoop.AtLoopBottom.SelectMany(RetryContextFinder.DescendantsInSameFunction))
                        .Concat(forLoop.Condition is null ? Enumerable.Empty<IOperation>() : RetryContextFinder.DescendantsInSameFunction(forLoop.Condition)),
                    IWhileLoopOperation { Condition: { } condition } => repeated.Concat(RetryContextFinder.DescendantsInSameFunction(condition)),
                    _ => repeated,
                };
            }
            else if (retry.Kind is not (RetryKind.Loop or RetryKind.PollyPipeline or RetryKind.PollyPolicy or RetryKind.Helper))
            {
                // Recursion passes the attempt as an argument and goto retries keep it outside the try: not followed.
                return changed;
            }

            foreach (var operation in repeated)
            {
                // Counting only: `attempt++`, `retries += 1`, `attempt = attempt + 1`. Not `key ??= NewKey()` or
                // `if (key is null) key = ...`, which make a key once and keep it across the attempts (the correct code).
                var target = operation switch
                {
                    IIncrementOrDecrementOperation increment => increment.Target,
                    ICompoundAssignmentOperation compound => compound.Target,
                    ISimpleAssignmentOperation simple when ValueOrigins.Unwrap(simple.Target) is ILocalReferenceOperation written
                        && simple.Value.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, written.Local)) => simple.Target,
                    _ => null,
                };

                if (target is not null && ValueOrigins.Unwrap(target) is ILocalReferenceOperation { Local: var local } && !DeclaredWithin(local, region.Syntax))
                {
                    changed.Add(local);
                }
            }

            return changed;
        }

        /// <summary>
        /// The expression of a key value that reads one of <paramref name="counters"/>, following locals assigned once
        /// (<c>var key = ticketId + "-" + retries;</c> leads to the initializer), or null.
        /// </summary>
        public static IOperation? CounterDerived(IOperation value, HashSet<ILocalSymbol> counters, int depth = 0)
        {
            if (counters.Count == 0 || depth > 8)
            {
                return null;
            }

            var current = ValueOrigins.Unwrap(value);
            if (current is ILocalReferenceOperation reference && !counters.Contains(reference.Local))
            {
                return ValueOrigins.LocalValue(reference) is { } assigned ? CounterDerived(assigned, counters, depth + 1) : null;
            }

            var locals = current.DescendantsAndSelf().OfType<ILocalReferenceOperation>().ToList();
            if (locals.Any(l => counters.Contains(l.Local)))
            {
                return current;
            }

            foreach (var local in locals)
            {
                if (ValueOrigins.LocalValue(local) is { } assigned && CounterDerived(assigned, counters, depth + 1) is { } derived)
                {
                    return derived;
                }
            }

            return null;
        }

        private static bool DeclaredWithin(ILocalSymbol local, SyntaxNode region) =>
            local.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == region.SyntaxTree && region.Span.Contains(r.Span));
    }
}
