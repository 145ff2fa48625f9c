using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Copy loops whose body branches but adds one element per iteration on every path (see <see cref="OncePerPathLoop"/>):
    /// <c>if (cacheable) result.Add(new CachingAiFunction(function)); else result.Add(tool);</c>. Such a loop holds as
    /// many tools as the collection it walks, so a helper built on it keeps every tool (a conversion helper, followed)
    /// instead of being a selection step.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// The <c>foreach</c> loops among <paramref name="mutations"/> whose adds to this catalog (at least two, each an
        /// <c>Add</c>/<c>Insert</c> of a value made from the loop's element) run once per path through the body; each
        /// loop's adds in text order.
        /// </summary>
        private Dictionary<IForEachLoopOperation, List<IInvocationOperation>> BranchedCopyLoops(List<IInvocationOperation> mutations, Microsoft.CodeAnalysis.Text.TextSpan? declaration)
        {
            var byLoop = new Dictionary<IForEachLoopOperation, List<IInvocationOperation>>();
            foreach (var mutation in mutations)
            {
                if (EnclosingLoop(mutation, declaration) is IForEachLoopOperation loop)
                {
                    if (!byLoop.TryGetValue(loop, out var list))
                    {
                        byLoop.Add(loop, list = new List<IInvocationOperation>());
                    }

                    list.Add(mutation);
                }
            }

            var copies = new Dictionary<IForEachLoopOperation, List<IInvocationOperation>>();
            foreach (var pair in byLoop)
            {
                if (pair.Value.Count >= 2 && pair.Value.TrueForAll(m => AddsLoopElement(m, pair.Key))
                    && OncePerPathLoop.AddsOncePerPath(pair.Key, pair.Value.ConvertAll(m => (IOperation)m)))
                {
                    copies.Add(pair.Key, pair.Value);
                }
            }

            return copies;
        }

        /// <summary>
        /// The loop's collection, counted once for all the adds: each add is evaluated as an add that runs once per
        /// iteration, and the branches are alternatives (<see cref="CatalogContent.Or"/>), so the sources any branch
        /// adds are kept.
        /// </summary>
        private CatalogContent BranchedCopy(IForEachLoopOperation loop, List<IInvocationOperation> adds)
        {
            CatalogContent? result = null;
            foreach (var add in adds)
            {
                var content = new LoopAwareMutation(this, add, loop, everyPathAddsOnce: true).Evaluate();
                result = result == null ? content : result.Or(content);
            }

            return result!;
        }

        /// <summary>
        /// <c>Add(tool)</c>, <c>Add(new CachingAiFunction(function))</c> with <c>function</c> declared by <c>tool is
        /// AIFunction function</c>: one element made from the loop's element (not a fixed tool added in its place).
        /// </summary>
        private bool AddsLoopElement(IInvocationOperation mutation, IForEachLoopOperation loop)
        {
            var name = mutation.TargetMethod.Name;
            if ((name != "Add" && name != "Insert") || mutation.Arguments.Length == 0)
            {
                return false;
            }

            var value = mutation.Arguments[mutation.Arguments.Length - 1].Value;
            if (ReadsLoopVariable(value, loop, out _))
            {
                return true;
            }

            foreach (var descendant in value.DescendantsAndSelf())
            {
                if (descendant is ILocalReferenceOperation reference && PatternInput(reference.Local, loop) is { } input
                    && ReadsLoopVariable(input, loop, out _))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value a pattern in the loop's body tests when it declares <paramref name="local"/> (<c>tool</c> in <c>tool is AIFunction function</c>).</summary>
        private static IOperation? PatternInput(ILocalSymbol local, IForEachLoopOperation loop)
        {
            foreach (var descendant in loop.Body.DescendantsAndSelf())
            {
                if (descendant is not IDeclarationPatternOperation pattern || !SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, local))
                {
                    continue;
                }

                for (var current = pattern.Parent; current != null && current != loop; current = current.Parent)
                {
                    switch (current)
                    {
                        case IIsPatternOperation isPattern:
                            return isPattern.Value;
                        case ISwitchOperation @switch:
                            return @switch.Value;
                    }
                }

                return null;
            }

            return null;
        }
    }
}
