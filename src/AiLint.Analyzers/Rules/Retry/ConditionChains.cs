using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>The terms of an <c>&amp;&amp;</c> or <c>||</c> chain in a retry's condition or filter.</summary>
    internal static class ConditionChains
    {
        /// <summary>
        /// The terms of a chain of <paramref name="kind"/> (<c>&amp;&amp;</c> or <c>||</c>), in source order, each seen
        /// through <paramref name="unwrap"/> (conversions, or a predicate's stand-in).
        /// </summary>
        /// <remarks>
        /// With a stack rather than nested enumerators: a chain of n terms is a left-deep tree n operations deep, and
        /// nested enumerators would re-enter n frames for every term (n² steps, and a stack overflow for a chain long
        /// enough, which the compiler itself binds without recursion).
        /// </remarks>
        public static IReadOnlyList<IOperation> Terms(IOperation condition, BinaryOperatorKind kind, Func<IOperation, IOperation> unwrap)
        {
            condition = unwrap(condition);
            if (condition is not IBinaryOperation { } top || top.OperatorKind != kind)
            {
                return new[] { condition };
            }

            var terms = new List<IOperation>();
            var pending = new Stack<IOperation>();
            pending.Push(condition);
            while (pending.Count > 0)
            {
                var current = unwrap(pending.Pop());
                if (current is IBinaryOperation binary && binary.OperatorKind == kind)
                {
                    pending.Push(binary.RightOperand);
                    pending.Push(binary.LeftOperand);
                }
                else
                {
                    terms.Add(current);
                }
            }

            return terms;
        }
    }
}
