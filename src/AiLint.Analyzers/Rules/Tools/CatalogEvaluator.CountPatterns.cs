using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Count checks written as patterns: <c>tools is { Count: &gt; MaxTools }</c> and <c>tools.Count is &gt; MaxTools</c>
    /// (the spellings IDE0078/IDE0083-style refactorings produce), with <c>not</c>, <c>and</c>, <c>or</c> and constants.
    /// They are read as the binary test <c>tools.Count &gt; MaxTools</c> is (<see cref="CountTest"/>).
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>The bound <paramref name="isPattern"/> puts on the holder's count when it evaluates to <paramref name="truth"/>.</summary>
        private CountBound? PatternCountTest(IIsPatternOperation isPattern, bool truth, ISymbol holder, bool countOnly)
        {
            if (IsCountOf(isPattern.Value, holder, countOnly))
            {
                return PatternBound(isPattern.Pattern, truth, onCount: true) is int count ? new CountBound(count) : (CountBound?)null;
            }

            // `tools is { Count: > 20 }`: the pattern is on the collection itself.
            return !countOnly && SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(isPattern.Value), holder)
                && PatternBound(isPattern.Pattern, truth, onCount: false) is int bound
                ? new CountBound(bound)
                : (CountBound?)null;
        }

        /// <summary>
        /// <c>tools is { Count: &gt; 20 } ? [.. tools.Take(20)] : tools</c>: the pattern form of <see cref="CountGuarded"/>.
        /// The branch that hands on the collection itself runs only when the pattern bounds its count by a constant within
        /// the cap; the other branch is read as it is.
        /// </summary>
        private CatalogContent? PatternGuarded(IConditionalOperation conditional, IIsPatternOperation isPattern, IOperation entry)
        {
            foreach (var (branch, other, truth) in new[] { (conditional.WhenTrue, conditional.WhenFalse!, true), (conditional.WhenFalse!, conditional.WhenTrue, false) })
            {
                if (TypeIndex.Holder(SpreadOf(branch)) is { } holder
                    && PatternCountTest(isPattern, truth, holder, countOnly: false) is { Limit: int bound }
                    && bound <= _cap)
                {
                    return Collection(other, entry).Or(CatalogContent.Unknown);
                }
            }

            return null;
        }

        /// <summary>
        /// The largest count that can pass when <paramref name="pattern"/> evaluates to <paramref name="truth"/>, or null.
        /// <paramref name="onCount"/>: the pattern's input is the count (<c>Count is &gt; 20</c>), else the collection
        /// (<c>is { Count: &gt; 20 }</c>).
        /// </summary>
        private int? PatternBound(IPatternOperation pattern, bool truth, bool onCount)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            switch (pattern)
            {
                case INegatedPatternOperation not:
                    return PatternBound(not.Pattern, !truth, onCount);
                case IBinaryPatternOperation binary:
                    // `a and b` holds when both do, fails when either does; `a or b` the other way round. A side known to
                    // hold gives its bound; when either side may be the one that holds, both must give one.
                    var left = PatternBound(binary.LeftPattern, truth, onCount);
                    var right = PatternBound(binary.RightPattern, truth, onCount);
                    var bothHold = (binary.OperatorKind == BinaryOperatorKind.And) == truth;
                    return bothHold
                        ? left is int l && right is int r ? System.Math.Min(l, r) : left ?? right
                        : left is int a && right is int b ? System.Math.Max(a, b) : (int?)null;
                case IRelationalPatternOperation relational when onCount:
                    return RelationalBound(relational.OperatorKind, relational.Value, truth);
                case IConstantPatternOperation constant when onCount:
                    return truth ? RelationalBound(BinaryOperatorKind.Equals, constant.Value, truth: true) : null;
                case IRecursivePatternOperation recursive when !onCount:
                    return RecursiveBound(recursive, truth);
                default:
                    return null;
            }
        }

        /// <summary>
        /// <c>{ Count: &gt; 20 }</c>: matched, every subpattern holds, so a count subpattern's bound holds. Failed, the
        /// collection is null (no catalog) or a subpattern failed, which bounds the count only when the count subpattern is
        /// the only test (no type, no other property, no deconstruction).
        /// </summary>
        private int? RecursiveBound(IRecursivePatternOperation recursive, bool truth)
        {
            if (!truth && (recursive.PropertySubpatterns.Length != 1 || recursive.DeconstructionSubpatterns.Length != 0
                || recursive.Syntax is RecursivePatternSyntax { Type: not null }))
            {
                return null;
            }

            int? bound = null;
            foreach (var subpattern in recursive.PropertySubpatterns)
            {
                if (subpattern.Member is IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: IInstanceReferenceOperation }
                    && PatternBound(subpattern.Pattern, truth, onCount: true) is int count)
                {
                    bound = bound is int known ? System.Math.Min(known, count) : count;
                }
            }

            return bound;
        }

        /// <summary>The largest count for which <c>count <paramref name="kind"/> limit</c> is <paramref name="truth"/>, with a constant limit.</summary>
        private int? RelationalBound(BinaryOperatorKind kind, IOperation limit, bool truth)
        {
            if (TakeCount(limit) is not int n)
            {
                return null;
            }

            if (!truth)
            {
                kind = NegatedUpperTest(kind);
            }

            return kind switch
            {
                BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.Equals => n,
                BinaryOperatorKind.LessThan => n - 1,
                _ => null,
            };
        }
    }
}
