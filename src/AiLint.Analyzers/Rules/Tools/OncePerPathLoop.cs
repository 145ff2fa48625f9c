using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A converting loop written with branches: <c>foreach (var tool in tools) { if (cacheable) result.Add(new
    /// CachingAiFunction(f)); else result.Add(tool); }</c>, or a <c>switch</c> whose every section (a <c>default</c>
    /// among them) adds. Every path through the body adds exactly one element, so the loop copies the collection's count
    /// (N in, N out) as a single unconditional <c>Add</c> does. A <c>continue</c>, a <c>break</c> of the loop, a
    /// <c>throw</c> (a caller's <c>catch</c> may keep a partial list), a branch that adds nothing or adds twice, an
    /// <c>Add</c> inside an inner loop, a lambda or a <c>try</c>, and a <c>switch</c> with no <c>default</c> are not such a
    /// loop: it may return fewer (or more), so a helper built on it stays a selection step.
    /// </summary>
    internal static class OncePerPathLoop
    {
        private const int Varies = -1;

        /// <summary>
        /// Whether every path through <paramref name="loop"/>'s body runs exactly one of <paramref name="adds"/> (the
        /// body's every change to the catalog), each a statement of its own.
        /// </summary>
        public static bool AddsOncePerPath(IForEachLoopOperation loop, IReadOnlyCollection<IOperation> adds)
        {
            if (adds.Count < 2 || LeavesAnIteration(loop.Body))
            {
                return false;
            }

            var set = new HashSet<IOperation>(adds);
            return PerPath(loop.Body, set) == 1;
        }

        /// <summary>How many of <paramref name="adds"/> every path through <paramref name="operation"/> runs; <see cref="Varies"/> when paths differ or an add sits where it may not run.</summary>
        private static int PerPath(IOperation operation, HashSet<IOperation> adds)
        {
            switch (operation)
            {
                case IBlockOperation block:
                    return Sum(block.Operations, adds);
                case IExpressionStatementOperation statement when adds.Contains(statement.Operation):
                    return 1;
                case IConditionalOperation { Type: null } conditional when !Contains(conditional.Condition, adds):
                    var whenTrue = PerPath(conditional.WhenTrue, adds);
                    var whenFalse = conditional.WhenFalse == null ? 0 : PerPath(conditional.WhenFalse, adds);
                    return whenTrue == whenFalse ? whenTrue : Varies;
                case ISwitchOperation @switch when Contains(@switch, adds):
                    return Sections(@switch, adds);
                default:
                    return Contains(operation, adds) ? Varies : 0;
            }
        }

        /// <summary>Every section of a <c>switch</c> with a <c>default</c> adds the same number (its closing <c>break</c> ends the switch, not the loop).</summary>
        private static int Sections(ISwitchOperation @switch, HashSet<IOperation> adds)
        {
            if (Contains(@switch.Value, adds))
            {
                return Varies;
            }

            var hasDefault = false;
            int? count = null;
            foreach (var section in @switch.Cases)
            {
                foreach (var clause in section.Clauses)
                {
                    hasDefault |= clause is IDefaultCaseClauseOperation;
                    if (clause is IPatternCaseClauseOperation { Guard: { } guard } && Contains(guard, adds))
                    {
                        return Varies;
                    }
                }

                var body = Sum(section.Body, adds);
                if (body == Varies || (count != null && count != body))
                {
                    return Varies;
                }

                count = body;
            }

            return hasDefault && count != null ? count.Value : Varies;
        }

        private static int Sum(IEnumerable<IOperation> operations, HashSet<IOperation> adds)
        {
            var total = 0;
            foreach (var operation in operations)
            {
                var count = PerPath(operation, adds);
                if (count == Varies)
                {
                    return Varies;
                }

                total += count;
            }

            return total;
        }

        private static bool Contains(IOperation operation, HashSet<IOperation> adds)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (adds.Contains(descendant))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A jump or a <c>throw</c> that may end an iteration before its add: anything but the <c>break</c> that closes a
        /// <c>switch</c> section. Jumps inside a lambda or local function of the body end that function and are left alone.
        /// </summary>
        private static bool LeavesAnIteration(IOperation body)
        {
            foreach (var descendant in body.DescendantsAndSelf())
            {
                if (descendant is IThrowOperation || descendant is IReturnOperation)
                {
                    if (!InFunction(descendant, body))
                    {
                        return true;
                    }
                }
                else if (descendant is IBranchOperation branch && !InFunction(branch, body) && !EndsSwitchSection(branch))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool EndsSwitchSection(IBranchOperation branch) =>
            branch.BranchKind == BranchKind.Break
            && branch.Parent is ISwitchCaseOperation section
            && section.Parent is ISwitchOperation @switch
            && SymbolEqualityComparer.Default.Equals(branch.Target, @switch.ExitLabel)
            && section.Body.Length > 0 && ReferenceEquals(section.Body[section.Body.Length - 1], branch);

        private static bool InFunction(IOperation operation, IOperation body)
        {
            for (var current = operation.Parent; current != null && current != body; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
