using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Additions to one catalog that sit in exclusive branches: <c>if (support) tools.AddRange(Support); else
    /// tools.AddRange(Sales);</c>, one plugin per <c>switch</c> section. One run takes one branch only, so summing the
    /// branches reports a catalog no request is given. The additions are split into one alternative per branch (the
    /// additions outside the branching statement go into each), and each alternative is counted on its own. Not split
    /// when a loop runs the branching statement more than once for the same catalog
    /// (<c>foreach (var feature in features) switch (feature) { ... }</c> adds several branches), nor when a
    /// <c>switch</c> has <c>goto case</c>.
    /// </summary>
    internal static class ExclusiveBranches
    {
        /// <summary>Beyond this many alternatives the additions are counted together, as before (worst case).</summary>
        private const int MaxAlternatives = 16;

        /// <summary>
        /// The alternatives, each in the additions' original order; a single alternative (all of them) when nothing is
        /// exclusive. <paramref name="declaration"/> is the span of the local holding the catalog, if any: branching
        /// statements around it are outside the code that fills this catalog.
        /// </summary>
        public static List<List<T>> Split<T>(List<T> additions, TextSpan? declaration)
            where T : class, IOperation
        {
            var pending = new Stack<List<T>>();
            pending.Push(additions);
            var done = new List<List<T>>();
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                var parts = SplitOnce(current, declaration);
                if (parts == null)
                {
                    done.Add(current);
                    continue;
                }

                foreach (var part in parts)
                {
                    pending.Push(part);
                }

                if (pending.Count + done.Count > MaxAlternatives)
                {
                    return new List<List<T>> { additions };
                }
            }

            // Keep the first branch first (the first addition written is where a diagnostic may go).
            done.Reverse();
            return done;
        }

        /// <summary>The alternatives of the first branching statement with additions in two of its branches; null if none.</summary>
        private static List<List<T>>? SplitOnce<T>(List<T> additions, TextSpan? declaration)
            where T : class, IOperation
        {
            foreach (var addition in additions)
            {
                IOperation child = addition;
                for (var ancestor = addition.Parent; ancestor != null; child = ancestor, ancestor = ancestor.Parent)
                {
                    if (declaration is { } span && ancestor.Syntax.Span.Contains(span))
                    {
                        break;
                    }

                    if (BranchOf(ancestor, child) < 0 || RunsRepeatedly(ancestor, declaration))
                    {
                        continue;
                    }

                    var common = new List<T>();
                    var branches = new SortedDictionary<int, List<T>>();
                    foreach (var other in additions)
                    {
                        var branch = BranchWithin(other, ancestor);
                        if (branch < 0)
                        {
                            common.Add(other);
                        }
                        else
                        {
                            if (!branches.TryGetValue(branch, out var list))
                            {
                                branches.Add(branch, list = new List<T>());
                            }

                            list.Add(other);
                        }
                    }

                    if (branches.Count < 2)
                    {
                        continue;
                    }

                    var parts = new List<List<T>>(branches.Count);
                    foreach (var list in branches.Values)
                    {
                        var part = new List<T>();
                        foreach (var other in additions)
                        {
                            if (common.Contains(other) || list.Contains(other))
                            {
                                part.Add(other);
                            }
                        }

                        parts.Add(part);
                    }

                    // Pushed in reverse so that the first branch is taken first.
                    parts.Reverse();
                    return parts;
                }
            }

            return null;
        }

        /// <summary>
        /// Which branch of <paramref name="statement"/> its child <paramref name="child"/> is: 0 for the <c>if</c>
        /// part and 1 for the <c>else</c> part of an <c>if</c>/<c>else</c> or <c>?:</c>, the section's index in a
        /// <c>switch</c>; -1 for the condition, or an <c>if</c> without <c>else</c> (nothing exclusive to split).
        /// </summary>
        private static int BranchOf(IOperation statement, IOperation child)
        {
            switch (statement)
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return ReferenceEquals(child, conditional.WhenTrue) ? 0 : ReferenceEquals(child, whenFalse) ? 1 : -1;
                case ISwitchOperation @switch when child is ISwitchCaseOperation section && !HasGotoCase(@switch):
                    return @switch.Cases.IndexOf(section);
                default:
                    return -1;
            }
        }

        // `goto case` / `goto default` runs a second section after the first.
        private static bool HasGotoCase(ISwitchOperation @switch)
        {
            foreach (var node in @switch.Syntax.DescendantNodes())
            {
                if (node.IsKind(SyntaxKind.GotoCaseStatement) || node.IsKind(SyntaxKind.GotoDefaultStatement))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The branch of <paramref name="statement"/> that holds <paramref name="addition"/>; -1 when outside its branches.</summary>
        private static int BranchWithin(IOperation addition, IOperation statement)
        {
            IOperation child = addition;
            for (var ancestor = addition.Parent; ancestor != null; child = ancestor, ancestor = ancestor.Parent)
            {
                if (ReferenceEquals(ancestor, statement))
                {
                    return BranchOf(statement, child);
                }
            }

            return -1;
        }

        /// <summary>
        /// Whether a loop may run <paramref name="statement"/> several times for the same catalog: a loop around it that
        /// does not also declare the catalog (a catalog declared inside the loop body is a new one each time).
        /// </summary>
        private static bool RunsRepeatedly(IOperation statement, TextSpan? declaration)
        {
            for (var current = statement.Parent; current != null; current = current.Parent)
            {
                if (declaration is { } span && current.Syntax.Span.Contains(span))
                {
                    return false;
                }

                if (current is ILoopOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
