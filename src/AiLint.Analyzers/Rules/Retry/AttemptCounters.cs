using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Locals the retry itself changes between attempts: the <c>attempt</c> of <c>for (var attempt = 1; ...; attempt++)</c>,
    /// a <c>retries</c> declared before a <c>while</c> and incremented in its catch, a captured counter a Polly callback
    /// increments, an <c>attempt++</c> before a <c>goto retry</c>, the <c>attempt</c> parameter a method passes on as
    /// <c>attempt + 1</c> when it calls itself. A key built from one of them (<c>$"{ticketId}-{attempt}"</c>) is new on every
    /// attempt, like a fresh GUID.
    /// </summary>
    /// <remarks>
    /// Only locals declared outside the re-run code count. A local declared inside it is rebuilt on every pass from its
    /// initializer, which the key tracing follows anyway; a loop over items has its index changed by a loop that is not
    /// the retry (see the batch tests), so that index is not among these.
    /// </remarks>
    internal static class AttemptCounters
    {
        /// <summary>
        /// The locals declared outside <paramref name="retry"/>'s region and counted up or down by the code that repeats it,
        /// and for a recursive retry the parameters it passes on counted.
        /// </summary>
        public static HashSet<ISymbol> Find(RetryContext retry)
        {
            var changed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
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
            else if (retry.Kind == RetryKind.Goto && region is ITryOperation @try)
            {
                // `retry: attempt++; try { ... }`: the statements between the label and the try run again on each jump.
                repeated = repeated.Concat(GotoRetries.StatementsBefore(@try).SelectMany(RetryContextFinder.DescendantsInSameFunction));
            }
            else if (retry.Kind == RetryKind.Recursion)
            {
                AddRecursionCounters(region, changed);
                return changed;
            }
            else if (retry.Kind is not (RetryKind.Loop or RetryKind.PollyPipeline or RetryKind.PollyPolicy or RetryKind.Helper))
            {
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
        /// <c>return await AskAsync(id, prompt, attempt + 1);</c>: a parameter of the method that the method's calls of
        /// itself pass on counted (<c>attempt + 1</c>, <c>retries - 1</c>, <c>++attempt</c>). Each attempt runs with a new
        /// value. A parameter passed on unchanged, or replaced by something else, is not a counter.
        /// </summary>
        private static void AddRecursionCounters(IOperation region, HashSet<ISymbol> changed)
        {
            foreach (var operation in region.Descendants())
            {
                // Only the calls of itself that retry, from a catch: `if (page.HasMore) return await FetchAsync(id, page + 1)`
                // outside it walks pages, and its `page` is the same on every attempt of the retry.
                if (operation is not IInvocationOperation call
                    || call.TargetMethod.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                    || !call.Syntax.Ancestors().Any(a => a is Microsoft.CodeAnalysis.CSharp.Syntax.CatchClauseSyntax)
                    || !IsDeclaredAround(call.TargetMethod, call.Syntax))
                {
                    continue;
                }

                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter is { } parameter && CountedFrom(argument.Value) is { } counted
                        && SymbolEqualityComparer.Default.Equals(counted.OriginalDefinition, parameter.OriginalDefinition))
                    {
                        changed.Add(counted.OriginalDefinition);
                    }
                }
            }
        }

        // The call is inside the declaration of the method it calls: the method calling itself.
        private static bool IsDeclaredAround(IMethodSymbol method, SyntaxNode call) =>
            method.OriginalDefinition.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == call.SyntaxTree && r.Span.Contains(call.Span));

        /// <summary>The parameter <c>p</c> of <c>p + 1</c>, <c>p - 1</c>, <c>1 + p</c>, <c>++p</c>, <c>p--</c>; otherwise null.</summary>
        private static IParameterSymbol? CountedFrom(IOperation value) => ValueOrigins.Unwrap(value) switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary
                when ValueOrigins.ConstantInt(binary.RightOperand) is not null && ValueOrigins.Unwrap(binary.LeftOperand) is IParameterReferenceOperation left => left.Parameter,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary
                when ValueOrigins.ConstantInt(binary.LeftOperand) is not null && ValueOrigins.Unwrap(binary.RightOperand) is IParameterReferenceOperation right => right.Parameter,
            IIncrementOrDecrementOperation { Target: IParameterReferenceOperation target } => target.Parameter,
            _ => null,
        };

        /// <summary>
        /// The expression of a key value that reads one of <paramref name="counters"/>, following locals assigned once
        /// (<c>var key = ticketId + "-" + retries;</c> leads to the initializer), or null.
        /// </summary>
        public static IOperation? CounterDerived(IOperation value, HashSet<ISymbol> counters, int depth = 0)
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
            if (locals.Any(l => counters.Contains(l.Local))
                || current.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Any(p => counters.Contains(p.Parameter.OriginalDefinition)))
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
