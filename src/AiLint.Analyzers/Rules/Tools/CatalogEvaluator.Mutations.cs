using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>A local or field built by writes and Adds: the writes, the Adds (inside loops and exclusive branches), a final allow-list removal.</summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>A local or field: its writes, plus its Adds when it is a catalog under construction.</summary>
        private CatalogContent Symbol(ISymbol symbol, IOperation entry)
        {
            if (!_visiting.Add(symbol))
            {
                return CatalogContent.Unknown;
            }

            try
            {
                _index.Writes.TryGetValue(symbol, out var writes);
                _index.Mutations.TryGetValue(symbol, out var mutations);
                mutations = _index.FillingCalls.TryGetValue(symbol, out var fillingCalls) ? WithFillingCalls(mutations, fillingCalls) : mutations;
                if (writes == null || writes.Count == 0)
                {
                    // A local declared by a deconstruction has no write of its own (`var (client, tools) = ...`); one
                    // changed afterwards is not followed (an Add or a RemoveAll would need the tuple's element as its entry).
                    return mutations == null ? Deconstructed(symbol, entry) ?? CatalogContent.Unknown : ApplyMutations(CatalogContent.Unknown, mutations, symbol);
                }

                CatalogContent? result = null;
                foreach (var write in writes)
                {
                    // A plain holder re-homes its source to the reference; a catalog built by Adds keeps its own entries.
                    var content = Collection(write, mutations == null ? entry : write);
                    result = result == null ? content : result.Or(content);
                }

                return mutations == null ? result! : ApplyMutations(result!, mutations, symbol);
            }
            finally
            {
                _visiting.Remove(symbol);
            }
        }

        private CatalogContent ApplyMutations(CatalogContent result, List<IInvocationOperation> mutations, ISymbol? holder)
        {
            var declaration = holder is ILocalSymbol local && local.DeclaringSyntaxReferences.Length == 1
                ? local.DeclaringSyntaxReferences[0].Span
                : (Microsoft.CodeAnalysis.Text.TextSpan?)null;

            // Adds in the `if` and `else` of one statement (or two sections of one `switch`) never run together: each
            // alternative is counted on its own, and the largest is the catalog's count. Every alternative's unbounded
            // sources are kept, so AIL0202 still names a source in any branch.
            var initial = result;
            CatalogContent? largest = null;
            var unbounded = new List<UnboundedSource>();
            foreach (var alternative in ExclusiveBranches.Split(mutations, declaration))
            {
                var total = initial;
                var branchedCopies = BranchedCopyLoops(alternative, declaration);
                foreach (var mutation in alternative)
                {
                    var loop = EnclosingLoop(mutation, declaration);
                    if (loop is IForEachLoopOperation forEach && branchedCopies.TryGetValue(forEach, out var copies))
                    {
                        // One element per iteration whichever branch runs: the loop's adds count once, together.
                        if (ReferenceEquals(copies[0], mutation))
                        {
                            var copied = BranchedCopy(forEach, copies);
                            total = total.Plus(IsConditional(forEach, declaration) ? copied.AsConditional() : copied);
                        }

                        continue;
                    }

                    // RegisterTools(tools): what the helper adds to its list parameter (CatalogEvaluator.FillingHelpers).
                    var added = _index.HelperFillArguments.TryGetValue(mutation, out var filled)
                        ? HelperFill(mutation, filled, loop)
                        : new LoopAwareMutation(this, mutation, loop).Evaluate();
                    total = total.Plus(IsConditional(mutation, declaration) ? added.AsConditional() : added);
                }

                foreach (var source in total.Unbounded)
                {
                    if (!unbounded.Exists(known => ReferenceEquals(known, source) || (ReferenceEquals(known.Entry, source.Entry) && known.Description == source.Description)))
                    {
                        unbounded.Add(source);
                    }
                }

                if (largest == null || total.Min > largest.Min)
                {
                    largest = total;
                }
            }

            result = largest!.WithUnboundedSources(System.Collections.Immutable.ImmutableArray.CreateRange(unbounded));

            if (EndsWithAllowListRemoval(mutations, holder, declaration))
            {
                return result.MaybeFewer().WithoutUnbounded();
            }

            foreach (var mutation in mutations)
            {
                if (mutation.TargetMethod.Name.StartsWith("Remove", System.StringComparison.Ordinal) || mutation.TargetMethod.Name == "Clear")
                {
                    return result.MaybeFewer();
                }
            }

            return result;
        }

        /// <summary>
        /// <c>tools.RemoveAll(t =&gt; !allowed.Contains(t.Name))</c> as the last change of the list, run unconditionally:
        /// what is left is the allow-listed tools, however many the server listed (the same bound as <c>Where</c>).
        /// A removal that adds or writes come after (a later write may bring a whole list back), that runs only in a branch
        /// or a loop, or on a field, bounds nothing.
        /// </summary>
        private bool EndsWithAllowListRemoval(List<IInvocationOperation> mutations, ISymbol? holder, Microsoft.CodeAnalysis.Text.TextSpan? declaration)
        {
            // Only a local's changes have a text order that is their run order (a field's may be spread over members).
            if (declaration == null)
            {
                return false;
            }

            IInvocationOperation? last = null;
            foreach (var mutation in mutations)
            {
                if (last != null && mutation.Syntax.SyntaxTree != last.Syntax.SyntaxTree)
                {
                    return false;
                }

                if (last == null || mutation.Syntax.SpanStart > last.Syntax.SpanStart)
                {
                    last = mutation;
                }
            }

            if (last == null || !WrittenOnlyBefore(holder, last))
            {
                return false;
            }

            return last is { TargetMethod.Name: "RemoveAll", Arguments.Length: >= 1 }
                && TypeIndex.Strip(last.Arguments[last.Arguments.Length - 1].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                && lambda.Symbol.Parameters.Length == 1
                && NameFilter.AdmitsWhenFalse(_allowList, ReturnedValue(lambda.Body), lambda.Symbol.Parameters[0])
                && !IsConditional(last, declaration)
                && EnclosingLoop(last, declaration) == null;
        }

        /// <summary>Every write of <paramref name="holder"/> sits before <paramref name="point"/> in its file, outside a lambda.</summary>
        private bool WrittenOnlyBefore(ISymbol? holder, IOperation point)
        {
            if (holder == null || !_index.Writes.TryGetValue(holder, out var writes))
            {
                return true;
            }

            foreach (var write in writes)
            {
                if (write.Syntax.SyntaxTree != point.Syntax.SyntaxTree || write.Syntax.SpanStart > point.Syntax.SpanStart)
                {
                    return false;
                }

                for (var parent = write.Parent; parent != null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// Whether <paramref name="mutation"/> runs only under a condition (an <c>if</c>, a <c>?:</c>, a <c>switch</c> arm,
        /// a <c>catch</c>) inside the code that fills the catalog: between it and the catalog's declaration, or within its
        /// member body when the catalog is a field filled elsewhere.
        /// </summary>
        internal static bool IsConditional(IOperation mutation, Microsoft.CodeAnalysis.Text.TextSpan? declaration)
        {
            for (var current = mutation.Parent; current != null; current = current.Parent)
            {
                if (declaration is { } span && current.Syntax.Span.Contains(span))
                {
                    return false;
                }

                if (current is IConditionalOperation || current is ISwitchCaseOperation || current is ISwitchExpressionArmOperation || current is ICatchClauseOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The loop around <paramref name="operation"/> that does not also contain the catalog's declaration.</summary>
        private static ILoopOperation? EnclosingLoop(IOperation operation, Microsoft.CodeAnalysis.Text.TextSpan? declaration)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return null;
                }

                if (current is ILoopOperation loop)
                {
                    return declaration is { } span && loop.Syntax.Span.Contains(span) ? null : loop;
                }
            }

            return null;
        }
    }
}
