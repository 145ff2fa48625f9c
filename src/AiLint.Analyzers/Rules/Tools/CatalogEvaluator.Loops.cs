using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>Adds inside loops: a loop over a source, an allow-list guard, a loop over configured MCP servers.</summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>One Add/AddRange/Insert, inside or outside a loop.</summary>
        private readonly struct LoopAwareMutation
        {
            private readonly CatalogEvaluator _evaluator;
            private readonly IInvocationOperation _mutation;
            private readonly ILoopOperation? _loop;

            /// <summary>The add is one branch of a body that adds once on every path (<see cref="CatalogEvaluator.BranchedCopyLoops"/>).</summary>
            private readonly bool _everyPathAddsOnce;

            public LoopAwareMutation(CatalogEvaluator evaluator, IInvocationOperation mutation, ILoopOperation? loop, bool everyPathAddsOnce = false)
            {
                _evaluator = evaluator;
                _mutation = mutation;
                _loop = loop;
                _everyPathAddsOnce = everyPathAddsOnce;
            }

            public CatalogContent Evaluate()
            {
                var name = _mutation.TargetMethod.Name;
                var value = LastArgument(_mutation);
                if (value == null || !(name == "Add" || name == "Insert" || name == "AddRange" || name == "InsertRange"))
                {
                    return CatalogContent.Empty;
                }

                var isRange = name.EndsWith("Range", System.StringComparison.Ordinal);
                if (_loop == null)
                {
                    // list.ForEach(x => tools.Add(x)) copies the list like a foreach (CatalogEvaluator.GatheredLists).
                    if (!isRange && _evaluator.ForEachCopy(_mutation, value) is { } copied)
                    {
                        return copied;
                    }

                    return isRange ? _evaluator.Collection(value, value) : _evaluator.Element(value, value);
                }

                // A `break` or `return` in the loop may be a cap of its own: stay silent. (A body that adds once on every
                // path has none but the `break`s closing its switch sections, checked by OncePerPathLoop.)
                if (!_everyPathAddsOnce && MayLeaveEarly(_loop))
                {
                    return CatalogContent.Unknown;
                }

                ILocalSymbol? variable = null;
                if (!isRange && _loop is IForEachLoopOperation forEach && (_everyPathAddsOnce || _evaluator.ReadsLoopVariable(value, forEach, out variable)))
                {
                    // foreach (var t in source) tools.Add(t): the source enters the catalog through the loop (also when the
                    // element is converted into a local of the body first: `var chatTool = Convert(t); tools.Add(chatTool);`).
                    // An allow-list test that picks a branch (wrap the named tools, keep the rest) bounds nothing when every branch adds.
                    var guarded = !_everyPathAddsOnce && _evaluator.AllowListGuard(_mutation, forEach, variable!);
                    // foreach (var tool in injectedAppTools) options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, ...)) (CatalogEvaluator.AppToolFactories).
                    var source = _evaluator.ConvertedAppToolLoop(forEach, value) ?? _evaluator.Collection(forEach.Collection, TypeIndex.Strip(forEach.Collection)!);
                    if (guarded)
                    {
                        return source.MaybeFewer().WithoutUnbounded();
                    }

                    // foreach (var n in names) tools.Add(new Tool { ..., DeferLoading = true }): each element is deferred
                    // (Anthropic's tool search), so the loop loads none up front; with a flag computed per element, it
                    // loads no sure number.
                    var element = _evaluator.Element(value, value);
                    if (element.Min == 0 && element.Unbounded.IsEmpty)
                    {
                        return element.Exact ? CatalogContent.Empty : source.MaybeFewer();
                    }

                    // foreach (var t in _tools) options.Tools.Add(t.AsOpenAIChatTool()): an Add that runs once per element
                    // copies the collection's count (the usual way to fill OpenAI's get-only Tools from a list).
                    var copied = _everyPathAddsOnce || RunsOncePerIteration(_mutation, forEach) ? source : source.MaybeFewer();

                    // An element that is an unbounded source by itself (`new HostedMcpServerTool(server.Name, server.Url)`
                    // with no AllowedTools, one per configured server) stays one, whatever the loop copies.
                    return element.Unbounded.IsEmpty ? copied : copied.WithUnboundedSources(source.Unbounded.AddRange(element.Unbounded));
                }

                var perIteration = isRange ? _evaluator.Collection(value, value) : _evaluator.Element(value, value);
                // A loop over a dictionary of per-server lists copies each stored list once (CatalogEvaluator.DictionaryLoops):
                // a list bounded before it was stored stays bounded, as in `SelectMany(p => p.Value)`.
                if (perIteration.FromMcp && perIteration.Unbounded.IsEmpty && !(_loop is IForEachLoopOperation { Collection: var c } over && (_evaluator.IsKnownCount(c) || _evaluator.IsDictionaryLoop(over))))
                {
                    // One MCP server per configured item: a cap per server does not cap the catalog.
                    var loopEntry = _loop is IForEachLoopOperation each ? TypeIndex.Strip(each.Collection)! : (IOperation)_mutation;
                    var label = _loop is IForEachLoopOperation each2 ? $"a loop over '{Describe(TypeIndex.Strip(each2.Collection)!.Syntax)}' that adds each MCP server's tools" : "a loop that adds MCP servers' tools";
                    return perIteration.MaybeFewer().WithUnbounded(new UnboundedSource(label, loopEntry, fixable: false));
                }

                return perIteration.MaybeFewer();
            }

            /// <summary>
            /// A <c>break</c> or <c>return</c> in the loop's body. The <c>return</c> of a lambda or local function written
            /// in the body (<c>Select(t =&gt; t.WithName(prefix + t.Name))</c>) ends that function, not the loop.
            /// </summary>
            internal static bool MayLeaveEarly(ILoopOperation loop)
            {
                foreach (var descendant in loop.Body.DescendantsAndSelf())
                {
                    if (descendant is IBranchOperation { BranchKind: BranchKind.Break }
                        || descendant is IReturnOperation && !InFunctionWithin(descendant, loop))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool InFunctionWithin(IOperation operation, ILoopOperation loop)
            {
                for (var current = operation.Parent; current != null && current != loop; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Nothing between the loop and the Add can skip it (an <c>if</c>, a <c>switch</c>, a <c>try</c>, an inner
            /// loop, a lambda, a <c>?.</c>), and no <c>continue</c> or <c>goto</c> in the body skips an iteration.
            /// </summary>
            internal static bool RunsOncePerIteration(IOperation mutation, IForEachLoopOperation loop)
            {
                for (var current = mutation.Parent; current != null && current != loop; current = current.Parent)
                {
                    if (current is IConditionalOperation || current is ISwitchOperation || current is ISwitchExpressionOperation
                        || current is ITryOperation || current is ILoopOperation || current is IAnonymousFunctionOperation
                        || current is ILocalFunctionOperation || current is IConditionalAccessOperation || current is ICoalesceOperation)
                    {
                        return false;
                    }
                }

                foreach (var descendant in loop.Body.DescendantsAndSelf())
                {
                    if (descendant is IBranchOperation)
                    {
                        return false;
                    }
                }

                return true;
            }

            private static IOperation? LastArgument(IInvocationOperation invocation) =>
                invocation.Arguments.Length == 0 ? null : invocation.Arguments[invocation.Arguments.Length - 1].Value;
        }

        /// <summary>
        /// Whether <paramref name="value"/> reads the loop's variable, directly or through locals declared in the loop's
        /// body and written once there (<c>var protocolTool = mcpTool.ProtocolTool; var chatTool =
        /// ChatTool.CreateFunctionTool(protocolTool.Name, ...); options.Tools.Add(chatTool);</c>): a value made anew from
        /// each element, so the Add adds one tool per element as if the conversion were written inside it.
        /// </summary>
        internal bool ReadsLoopVariable(IOperation value, IForEachLoopOperation loop, out ILocalSymbol? variable)
        {
            variable = null;
            foreach (var local in loop.Locals)
            {
                if (ReadsLocal(value, local, loop, hops: 0))
                {
                    variable = local;
                    return true;
                }
            }

            return false;
        }

        /// <summary>How many body locals deep a conversion is followed: enough for a conversion in two steps, cheap.</summary>
        private const int MaxBodyLocalHops = 3;

        private bool ReadsLocal(IOperation value, ILocalSymbol target, IForEachLoopOperation loop, int hops)
        {
            foreach (var descendant in value.DescendantsAndSelf())
            {
                if (descendant is not ILocalReferenceOperation reference)
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(reference.Local, target))
                {
                    return true;
                }

                if (hops < MaxBodyLocalHops && IsWrittenOnceInBody(reference.Local, loop, out var write)
                    && ReadsLocal(write!, target, loop, hops + 1))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A local declared inside the loop's body (fresh in each iteration) with a single write.</summary>
        private bool IsWrittenOnceInBody(ILocalSymbol local, IForEachLoopOperation loop, out IOperation? write)
        {
            write = null;
            if (local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].SyntaxTree != loop.Body.Syntax.SyntaxTree
                || !loop.Body.Syntax.Span.Contains(local.DeclaringSyntaxReferences[0].Span)
                || !_index.Writes.TryGetValue(local, out var writes) || writes.Count != 1)
            {
                return false;
            }

            write = writes[0];
            return true;
        }

        /// <summary>
        /// Whether an <c>if</c> between the loop and the Add admits only names of a fixed or configured allow-list, or a
        /// statement of the loop's body before the Add skips every other name (<c>if (!allowed.Contains(t.Name)) continue;</c>,
        /// <c>if (allowed?.Contains(t.Name) != true) continue;</c>).
        /// </summary>
        private bool AllowListGuard(IOperation mutation, ILoopOperation loop, ILocalSymbol variable)
        {
            for (var current = mutation.Parent; current != null && current != loop; current = current.Parent)
            {
                if (current is IConditionalOperation conditional && NameFilter.Admits(_allowList, conditional.Condition, variable))
                {
                    return true;
                }
            }

            if (loop.Body is not IBlockOperation body)
            {
                return false;
            }

            foreach (var statement in body.Operations)
            {
                if (statement.Syntax.SpanStart >= mutation.Syntax.SpanStart)
                {
                    break;
                }

                if (statement is IConditionalOperation { WhenFalse: null } skip
                    && IsContinue(skip.WhenTrue)
                    && NameFilter.AdmitsWhenFalse(_allowList, skip.Condition, variable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>continue;</c>, or a block that ends with it (<c>{ log.Skipped(t.Name); continue; }</c>): written directly in
        /// the loop's body, it skips to this loop's next element.
        /// </summary>
        private static bool IsContinue(IOperation operation) =>
            operation is IBranchOperation { BranchKind: BranchKind.Continue }
            || operation is IBlockOperation { Operations.Length: > 0 } block
                && block.Operations[block.Operations.Length - 1] is IBranchOperation { BranchKind: BranchKind.Continue };

        private bool IsKnownCount(IOperation collection)
        {
            var content = Collection(collection, collection);
            if (content.Exact)
            {
                return true;
            }

            return _allowList.CountConstantSet(collection) != null;
        }
    }
}
