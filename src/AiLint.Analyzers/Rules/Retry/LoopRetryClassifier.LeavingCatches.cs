using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal static partial class LoopRetryClassifier
    {
        /// <summary>
        /// Leaves out of <paramref name="scanned"/> the operations inside a <c>catch</c> whose every path leaves the loop by a
        /// <c>return</c> or a <c>throw</c>, and which no <c>try</c> between it and the loop can catch from (review 19, M1):
        /// <code>
        /// catch (ClientResultException ex) when (ex.Status == 400)
        /// {
        ///     options.MaxOutputTokens = 512;
        ///     return await chat.GetResponseAsync(messages, options);
        /// }
        /// </code>
        /// A change made there can never reach a later attempt of the loop: an exception thrown inside a catch leaves its
        /// <c>try</c> statement (its sibling catches do not see it), and a <c>return</c> leaves the method. So it is not a
        /// change of the request the loop re-sends, whatever another catch of the same <c>try</c> does. A catch that can
        /// fall through, <c>continue</c>, <c>break</c> or <c>goto</c> is scanned as before.
        /// </summary>
        private static IEnumerable<IOperation> OutsideLeavingCatches(IEnumerable<IOperation> scanned, ILoopOperation loop)
        {
            var leaving = new Dictionary<ICatchClauseOperation, bool>();
            var inside = new Dictionary<IOperation, bool>();
            return scanned.Where(operation => !InLeavingCatch(operation, loop, leaving, inside));
        }

        /// <summary>
        /// Whether the operation lies in the handler of a leaving catch below the loop. The answer of each ancestor on the
        /// way up is kept in <paramref name="inside"/>: a chain of thousands of <c>||</c> terms in a catch would otherwise
        /// walk up the whole chain from every term (quadratic).
        /// </summary>
        private static bool InLeavingCatch(IOperation operation, ILoopOperation loop, Dictionary<ICatchClauseOperation, bool> leaving, Dictionary<IOperation, bool> inside)
        {
            var path = new List<IOperation>();
            var answer = false;
            for (var current = operation; ; current = current.Parent!)
            {
                if (inside.TryGetValue(current, out answer))
                {
                    break;
                }

                path.Add(current);
                var parent = current.Parent;
                if (parent is null || parent == loop)
                {
                    answer = false;
                    break;
                }

                // In the handler of a catch (not its filter or declaration) that leaves the loop.
                if (parent is ICatchClauseOperation @catch && current == @catch.Handler && Leaves(@catch, loop, leaving))
                {
                    answer = true;
                    break;
                }
            }

            foreach (var visited in path)
            {
                inside[visited] = answer;
            }

            return answer;
        }

        private static bool Leaves(ICatchClauseOperation @catch, ILoopOperation loop, Dictionary<ICatchClauseOperation, bool> leaving)
        {
            if (!leaving.TryGetValue(@catch, out var leaves))
            {
                leaves = LeavesLoop(@catch, loop);
                leaving[@catch] = leaves;
            }

            return leaves;
        }

        /// <summary>
        /// The handler cannot complete, its only jumps out are <c>return</c>s (the rest ends in <c>throw</c>), and no <c>try</c>
        /// with catches encloses its <c>try</c> inside the loop (that one could catch the throw and go round). AIL0003's count
        /// also skips such a catch (<see cref="LoopAttemptBounds"/>): it adds no attempt.
        /// </summary>
        internal static bool LeavesLoop(ICatchClauseOperation @catch, ILoopOperation loop)
        {
            if (@catch.Parent is not ITryOperation owner || @catch.Handler.Syntax is not BlockSyntax block || @catch.SemanticModel is not { } model)
            {
                return false;
            }

            IOperation current = owner;
            for (var parent = owner.Parent; parent is not null && parent != loop; current = parent, parent = parent.Parent)
            {
                if (parent is ITryOperation { Catches.Length: > 0 } outer && outer.Body == current)
                {
                    return false;
                }
            }

            var flow = model.AnalyzeControlFlow(block);
            return flow.Succeeded && !flow.EndPointIsReachable && flow.ExitPoints.All(exit => exit is ReturnStatementSyntax);
        }
    }
}
