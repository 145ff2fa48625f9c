using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Count checks that stop the method before a collection is read: <c>if (tools.Count &gt; MaxTools) throw ...;</c>,
    /// <c>ArgumentOutOfRangeException.ThrowIfGreaterThan(tools.Count, 20);</c>, a validation helper of the project that
    /// throws on a count test (<c>ValidateTools(tools);</c>), the read sitting in the branch of an <c>if</c> that runs
    /// only when the count is small enough, or the list reassigned to a capped copy before the read
    /// (<c>if (tools.Count &gt; 20) tools = tools.Take(20).ToList();</c>, CapReassignment). Past such a check the collection holds at most the bound, so it is a cap
    /// like <c>Take(bound)</c>.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>A bound a count check puts on a collection: a constant (<see cref="Limit"/>), or a number chosen elsewhere.</summary>
        private readonly struct CountBound
        {
            public CountBound(int? limit) => Limit = limit;

            /// <summary>The largest count that gets past the check; null for a configured or computed number.</summary>
            public int? Limit { get; }
        }

        /// <summary><paramref name="content"/>, read at <paramref name="read"/> from <paramref name="holder"/>, capped by a guard before it.</summary>
        private CatalogContent WithCountGuard(IOperation read, ISymbol holder, CatalogContent content)
        {
            if ((content.Unbounded.IsEmpty && content.Min <= _cap) || GuardBefore(read, holder) is not { } bound)
            {
                return content;
            }

            return bound.Limit is int limit ? content.AtMost(limit, capped: limit <= _cap) : content.MaybeFewer().WithoutUnbounded();
        }

        /// <summary>
        /// The bound of a guard that every path to <paramref name="read"/> passes: a statement before it in its block or an
        /// enclosing one, or the condition of an <c>if</c> whose branch holds it. Not across a lambda or local function
        /// (it may run later), and not when the holder is written or added to between the guard and the read.
        /// </summary>
        private CountBound? GuardBefore(IOperation read, ISymbol holder)
        {
            var current = read;
            for (var parent = read.Parent; parent != null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return null;
                    case IBlockOperation block:
                        for (var i = block.Operations.IndexOf(current) - 1; i >= 0; i--)
                        {
                            if ((GuardOf(block.Operations[i], holder, countOnly: false, followHelpers: true) ?? CapByReassignment(block.Operations[i], holder)) is { } bound)
                            {
                                return UnchangedBetween(holder, block.Operations[i], read) ? bound : null;
                            }
                        }

                        break;
                    case IConditionalOperation branch when !ReferenceEquals(branch.Condition, current):
                        // if (tools.Count <= 20) { options.Tools = tools; }: the branch runs only with a small enough list.
                        if (BoundWhen(branch.Condition, ReferenceEquals(branch.WhenTrue, current), holder, countOnly: false) is { } inBranch)
                        {
                            return UnchangedBetween(holder, branch.Condition, read) ? inBranch : null;
                        }

                        break;
                }
            }

            return null;
        }

        /// <summary>
        /// The bound a statement guarantees on the holder's count once it completes normally. <paramref name="countOnly"/>:
        /// the holder is itself the count (an <c>int</c> parameter of a validation helper given <c>tools.Count</c>).
        /// </summary>
        private CountBound? GuardOf(IOperation statement, ISymbol holder, bool countOnly, bool followHelpers)
        {
            switch (statement)
            {
                case IConditionalOperation { WhenFalse: null } check when Exits(check.WhenTrue):
                    return BoundWhen(check.Condition, false, holder, countOnly);
                case IConditionalOperation { WhenFalse: { } otherwise } check when Exits(otherwise) && !Exits(check.WhenTrue):
                    return BoundWhen(check.Condition, true, holder, countOnly);
                case IExpressionStatementOperation { Operation: var expression }:
                    var call = TypeIndex.Strip(expression is IAwaitOperation awaited ? awaited.Operation : expression) as IInvocationOperation;
                    return call == null ? null : ThrowHelperBound(call, holder, countOnly) ?? (followHelpers ? ValidationHelperBound(call, holder) : null);
                default:
                    return null;
            }
        }

        /// <summary><c>throw</c>, <c>return</c> or <c>yield break</c>, alone or last in a block that branches nowhere else.</summary>
        private static bool Exits(IOperation? operation)
        {
            switch (operation)
            {
                case IThrowOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                case IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }:
                    return true;
                case IBlockOperation block when block.Operations.Length > 0 && Exits(block.Operations[block.Operations.Length - 1]):
                    // A `continue`, `break` or `goto` inside could leave the block without the throw.
                    return !block.Descendants().Any(o => o is IBranchOperation);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The bound that holds when <paramref name="condition"/> evaluates to <paramref name="truth"/>. A configuration
        /// switch beside the count test (<c>maxTools &gt; 0 &amp;&amp; tools.Count &gt; maxTools</c>, "0 means no limit") is
        /// the configuration's decision, as for allow-lists, and does not undo the bound.
        /// </summary>
        private CountBound? BoundWhen(IOperation condition, bool truth, ISymbol holder, bool countOnly)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            switch (TypeIndex.Strip(condition))
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return BoundWhen(not.Operand, !truth, holder, countOnly);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                    // True: both hold. False: either failed; a count test beside a switch that reads no tools still bounds.
                    return truth
                        ? BoundWhen(both.LeftOperand, true, holder, countOnly) ?? BoundWhen(both.RightOperand, true, holder, countOnly)
                        : BoundBesideSwitch(both, truth, holder, countOnly);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                    return truth
                        ? BoundBesideSwitch(either, truth, holder, countOnly)
                        : BoundWhen(either.LeftOperand, false, holder, countOnly) ?? BoundWhen(either.RightOperand, false, holder, countOnly);
                case IBinaryOperation test:
                    return CountTest(test, truth, holder, countOnly);
                case IIsPatternOperation isPattern:
                    // `tools is { Count: > 20 }`, `tools.Count is > 20`: the same test as a pattern (CountPatterns).
                    return PatternCountTest(isPattern, truth, holder, countOnly);
                default:
                    return null;
            }
        }

        private CountBound? BoundBesideSwitch(IBinaryOperation pair, bool truth, ISymbol holder, bool countOnly)
        {
            if (BoundWhen(pair.LeftOperand, truth, holder, countOnly) is { } left && !ReadsTools(pair.RightOperand, holder))
            {
                return left;
            }

            return BoundWhen(pair.RightOperand, truth, holder, countOnly) is { } right && !ReadsTools(pair.LeftOperand, holder) ? right : null;
        }

        private bool ReadsTools(IOperation operation, ISymbol holder)
        {
            foreach (var part in operation.DescendantsAndSelf())
            {
                if ((part.Type is { } type && _symbols.IsToolCollection(type)) || SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(part), holder))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>tools.Count &gt; 20</c> (either side, any of the four orders, or <c>==</c>) read as the count's bound when it is <paramref name="truth"/>.</summary>
        private CountBound? CountTest(IBinaryOperation test, bool truth, ISymbol holder, bool countOnly)
        {
            BinaryOperatorKind kind;
            IOperation limit;
            if (IsCountOf(test.LeftOperand, holder, countOnly))
            {
                (kind, limit) = (test.OperatorKind, test.RightOperand);
            }
            else if (IsCountOf(test.RightOperand, holder, countOnly))
            {
                (kind, limit) = (Flip(test.OperatorKind), test.LeftOperand);
            }
            else
            {
                return null;
            }

            // Which comparison holds now: `count > n` when false is `count <= n`.
            if (!truth)
            {
                kind = NegatedUpperTest(kind);
            }

            var offset = kind switch
            {
                BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.Equals => 0,
                BinaryOperatorKind.LessThan => -1,
                _ => (int?)null,
            };
            if (offset is not int shift)
            {
                return null;
            }

            if (TakeCount(limit) is int n)
            {
                return new CountBound(n + shift);
            }

            return IsChosenCount(limit) && !ReadsTools(limit, holder) ? new CountBound(null) : null;
        }

        private static bool IsCountOf(IOperation operand, ISymbol holder, bool countOnly) =>
            countOnly
                ? SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(operand), holder)
                : SymbolEqualityComparer.Default.Equals(CountOf(operand), holder);

        /// <summary><c>ArgumentOutOfRangeException.ThrowIfGreaterThan(tools.Count, 20)</c> and <c>ThrowIfGreaterThanOrEqual</c>.</summary>
        private CountBound? ThrowHelperBound(IInvocationOperation call, ISymbol holder, bool countOnly)
        {
            var method = call.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.ArgumentOutOfRangeException)
                || (method.Name != "ThrowIfGreaterThan" && method.Name != "ThrowIfGreaterThanOrEqual"))
            {
                return null;
            }

            var value = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "value")?.Value;
            var other = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "other")?.Value;
            if (value == null || other == null || !IsCountOf(value, holder, countOnly))
            {
                return null;
            }

            var shift = method.Name == "ThrowIfGreaterThan" ? 0 : -1;
            if (TakeCount(other) is int n)
            {
                return new CountBound(n + shift);
            }

            return IsChosenCount(other) && !ReadsTools(other, holder) ? new CountBound(null) : null;
        }

        /// <summary>
        /// <c>ValidateTools(server, tools)</c> or <c>EnsureToolCount(tools.Count)</c>: a method of the project given the
        /// collection (or its count) whose body, before any <c>return</c> and before it changes that parameter, runs a
        /// guard on it. Helpers are read one level deep.
        /// </summary>
        private CountBound? ValidationHelperBound(IInvocationOperation call, ISymbol holder)
        {
            if (_project == null || !SourceBodies.IsInSource(call.TargetMethod, _project.Compilation))
            {
                return null;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is not { RefKind: RefKind.None } parameter)
                {
                    continue;
                }

                var countOnly = !SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(argument.Value), holder);
                if (countOnly && !SymbolEqualityComparer.Default.Equals(CountOf(argument.Value), holder))
                {
                    continue;
                }

                foreach (var body in SourceBodies.GetBodies(call.TargetMethod, _project.Compilation, _project.CancellationToken))
                {
                    var block = body is IMethodBodyOperation method ? method.BlockBody ?? method.ExpressionBody : body as IBlockOperation;
                    if (block != null && GuardAtTop(block, parameter.OriginalDefinition, countOnly) is { } bound)
                    {
                        return bound;
                    }
                }
            }

            return null;
        }

        private CountBound? GuardAtTop(IBlockOperation body, IParameterSymbol parameter, bool countOnly)
        {
            foreach (var statement in body.Operations)
            {
                if (GuardOf(statement, parameter, countOnly, followHelpers: false) is { } bound)
                {
                    return bound;
                }

                // A statement that may return early, or that changes the parameter, comes before the guard: it may not run.
                foreach (var part in statement.DescendantsAndSelf())
                {
                    if (part is IReturnOperation or IBranchOperation
                        || (part is IAssignmentOperation assignment && SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(assignment.Target), parameter))
                        || (part is IArgumentOperation { Parameter.RefKind: not RefKind.None } byRef && SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(byRef.Value), parameter)))
                    {
                        return null;
                    }
                }
            }

            return null;
        }

        /// <summary>No write to the holder and no <c>Add</c> on it lies between the guard and the read.</summary>
        private bool UnchangedBetween(ISymbol holder, IOperation guard, IOperation read)
        {
            var start = guard.Syntax.Span.End;
            var end = read.Syntax.SpanStart;
            var tree = read.Syntax.SyntaxTree;
            bool Between(IOperation operation) => operation.Syntax.SyntaxTree == tree && operation.Syntax.SpanStart >= start && operation.Syntax.SpanStart < end;

            if (_index.Writes.TryGetValue(holder, out var writes) && writes.Exists(Between))
            {
                return false;
            }

            if (_index.Mutations.TryGetValue(holder, out var mutations) && mutations.Exists(m => Between(m)))
            {
                return false;
            }

            return !(holder is IParameterSymbol parameter && _index.ChangedParameters.Contains(parameter.OriginalDefinition));
        }
    }
}
