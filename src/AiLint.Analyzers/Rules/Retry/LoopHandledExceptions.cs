using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The exception types a hand-written catch-and-retry loop goes round on after the call: the types of
    /// the catches of every <c>try</c> around the call inside the loop body whose block can end normally or leaves by
    /// <c>continue</c>/<c>goto</c>. A catch that leaves only by <c>return</c> or a throw ends the loop
    /// (<see cref="AttemptExits"/> then checks that its throw is not of a retried type).
    /// </summary>
    /// <remarks>
    /// Null (not known) when a loop, switch or function lies between the call and the loop body (a <c>break</c> in a
    /// catch would leave only that), when a catch takes every exception (<c>catch</c> with no type), or when the call is
    /// not inside any <c>try</c> of the loop body (the loop then goes round by some other means).
    /// </remarks>
    internal static class LoopHandledExceptions
    {
        public static ImmutableArray<ITypeSymbol>? Of(IOperation call, IOperation loopBody)
        {
            var handled = new List<ITypeSymbol>();
            var current = call;
            var tries = 0;
            for (var parent = call.Parent; parent is not null && parent != loopBody; current = parent, parent = parent.Parent)
            {
                // A break or continue in a catch may then target that inner statement instead of the retry loop.
                if (parent is ILoopOperation or ISwitchOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (parent is not ITryOperation @try || current != @try.Body)
                {
                    continue;
                }

                tries++;
                foreach (var @catch in @try.Catches)
                {
                    if (AttemptExits.LeavesByReturnOrThrow(@catch))
                    {
                        continue;
                    }

                    if (@catch.ExceptionType.SpecialType == SpecialType.System_Object)
                    {
                        return null;
                    }

                    handled.Add(@catch.ExceptionType);
                }
            }

            return tries == 0 ? null : handled.ToImmutableArray();
        }
    }
}
