using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A hand-written retry of a stream that goes round only while nothing of the stream has arrived: every <c>catch</c>
    /// that lets it go round tests a local that the stream's <c>foreach</c> sets on its first update
    /// (<c>catch (HttpRequestException) when (!sentAnything &amp;&amp; attempt &lt; 3)</c>, <c>if (received &gt; 0) throw;</c>,
    /// <c>when (text.Length == 0)</c>). The user has seen nothing of the failed attempt, so AIL0002 (a retry replacing a
    /// partly shown answer) is the wrong report; the request is still sent again without a key, which is AIL0001's case.
    /// </summary>
    /// <remarks>
    /// The local must be written inside a <c>foreach</c> of the same <c>try</c>: set to a constant (<c>sent = true</c>,
    /// <c>first = false</c>), counted (<c>n++</c>, <c>n += 1</c>) or appended to (<c>sb.Append(u.Text)</c>,
    /// <c>text += u.Text</c>, <c>list.Add(u)</c>). A catch that goes round without such a test, or a <c>try</c> body with
    /// a <c>continue</c> of its own, keeps AIL0002.
    /// </remarks>
    internal static class NothingShownGuards
    {
        private enum Written
        {
            SetTrue,
            SetFalse,
            Counted,
            Appended,
        }

        public static bool RetriesOnlyBeforeFirstUpdate(IInvocationOperation call, RetryContext retry)
        {
            // The hand-written `await foreach` (a `MoveNextAsync` loop whose catch is filtered on `!yieldedAny`): marked by
            // the finder when the stream is made outside a try, read here when it is made in the retried try.
            if (retry.BeforeFirstPart
                || (retry.Kind == RetryKind.Loop && retry.Region.Parent is ILoopOperation loop && LoopRetryClassifier.RemadeOnlyBeforeFirstPart(call, loop)))
            {
                return true;
            }

            if (retry.Kind is not (RetryKind.Loop or RetryKind.Goto or RetryKind.Recursion))
            {
                return false;
            }

            var tries = EnclosingTries(call, retry.Region);
            if (tries.Count == 0)
            {
                return false;
            }

            if (UnreadStreamingSends.BodyUnreadInEveryTry(call, tries))
            {
                return true;
            }

            var anyGuarded = false;
            foreach (var @try in tries)
            {
                // `try { await foreach (...) Show(u); if (bad) continue; }`, or a body that may fall out of the try after
                // the stream was shown (`if (complete) break;`): a way round that no catch guards.
                if (!EndsByLeaving(@try.Body)
                    || @try.Body.Descendants().OfType<IBranchOperation>().Any(b => b.BranchKind == BranchKind.Continue && !InsideLoopOf(b, @try.Body)))
                {
                    return false;
                }

                var progress = ProgressLocals(@try.Body, call);
                foreach (var @catch in @try.Catches)
                {
                    if (IsGuarded(@catch, progress, retry.Kind))
                    {
                        anyGuarded = true;
                    }
                    else if (!EndsWithoutGoingRound(@catch.Handler, retry.Kind))
                    {
                        return false;
                    }
                }
            }

            return anyGuarded;
        }

        /// <summary>The try body's last statement leaves it for good: <c>break</c>, <c>return</c> or <c>throw</c>.</summary>
        private static bool EndsByLeaving(IBlockOperation body) =>
            body.Operations.Length > 0 && body.Operations[body.Operations.Length - 1] is IBranchOperation { BranchKind: BranchKind.Break } or IReturnOperation or IThrowOperation
                or IExpressionStatementOperation { Operation: IThrowOperation };

        /// <summary>The <c>try</c> statements between the call and the retried region whose body holds the call.</summary>
        private static List<ITryOperation> EnclosingTries(IOperation call, IOperation region)
        {
            var tries = new List<ITryOperation>();
            for (var node = call; node is not null && !ReferenceEquals(node, region); node = node.Parent)
            {
                if (node.Parent is ITryOperation @try && ReferenceEquals(@try.Body, node))
                {
                    tries.Add(@try);
                }
            }

            return tries;
        }

        /// <summary>A <c>continue</c> that belongs to a loop nested inside the try body (the stream's own loop), not the retry.</summary>
        private static bool InsideLoopOf(IOperation branch, IOperation body)
        {
            for (var node = branch.Parent; node is not null && !ReferenceEquals(node, body); node = node.Parent)
            {
                if (node is ILoopOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Locals the stream's <c>foreach</c> in the try body writes on each update, and how. The stream's loop is one
        /// over the call itself (<c>await foreach (var u in chat.GetStreamingResponseAsync(q))</c>) or over a local
        /// that holds it; a flag set by some other loop says nothing about the stream.
        /// </summary>
        private static Dictionary<ILocalSymbol, Written> ProgressLocals(IOperation body, IOperation call)
        {
            var locals = new Dictionary<ILocalSymbol, Written>(SymbolEqualityComparer.Default);
            foreach (var loop in body.DescendantsAndSelf().OfType<IForEachLoopOperation>())
            {
                var collection = ValueOrigins.Unwrap(loop.Collection);
                if (collection is not ILocalReferenceOperation && !collection.DescendantsAndSelf().Contains(call))
                {
                    continue;
                }

                foreach (var operation in loop.Body.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value }
                            when value.ConstantValue is { HasValue: true, Value: bool constant }:
                            locals[target.Local] = constant ? Written.SetTrue : Written.SetFalse;
                            break;
                        case IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation counted }:
                            locals[counted.Local] = Written.Counted;
                            break;
                        case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation added }:
                            locals[added.Local] = added.Type?.SpecialType == SpecialType.System_String ? Written.Appended : Written.Counted;
                            break;
                        case IInvocationOperation { TargetMethod.Name: "Append" or "AppendLine" or "Add", Instance: ILocalReferenceOperation appended }:
                            locals[appended.Local] = Written.Appended;
                            break;
                    }
                }
            }

            return locals;
        }

        /// <summary>A handler whose every way out leaves the retry: it ends in a <c>throw</c> (or, in a loop, a <c>return</c>/<c>break</c>) and has no <c>continue</c> or <c>goto</c>.</summary>
        private static bool EndsWithoutGoingRound(IBlockOperation handler, RetryKind kind)
        {
            if (handler.Operations.Length == 0 || handler.Descendants().Any(o => o is IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.GoTo }))
            {
                return false;
            }

            var last = handler.Operations[handler.Operations.Length - 1];
            return IsThrow(last)
                || (kind == RetryKind.Loop && (last is IBranchOperation { BranchKind: BranchKind.Break } || last is IReturnOperation));
        }

        private static bool IsThrow(IOperation statement) => statement is IThrowOperation || statement is IExpressionStatementOperation { Operation: IThrowOperation };

        /// <summary>
        /// <c>when (!sent &amp;&amp; ...)</c>; or, after logging, <c>if (sent) throw;</c> at the handler's start, or
        /// <c>if (!sent &amp;&amp; ...) { ...go round... } throw;</c>.
        /// </summary>
        private static bool IsGuarded(ICatchClauseOperation @catch, Dictionary<ILocalSymbol, Written> progress, RetryKind kind)
        {
            if (progress.Count == 0)
            {
                return false;
            }

            if (@catch.Filter is { } filter && ConditionChains.Terms(filter, BinaryOperatorKind.ConditionalAnd, ValueOrigins.Unwrap).Any(part => Means(part, progress) == true))
            {
                return true;
            }

            var operations = @catch.Handler.Operations;
            var index = 0;
            while (index < operations.Length && operations[index] is IExpressionStatementOperation { Operation: IInvocationOperation })
            {
                index++; // logging before the test
            }

            if (index >= operations.Length || operations[index] is not IConditionalOperation guard)
            {
                return false;
            }

            // `if (sent) throw;`
            if (guard.WhenFalse is null && Means(guard.Condition, progress) == false && Leaves(guard.WhenTrue, kind))
            {
                return true;
            }

            // `if (!sent && attempt < 3) { await Task.Delay(d); continue; } throw;`
            if (!ConditionChains.Terms(guard.Condition, BinaryOperatorKind.ConditionalAnd, ValueOrigins.Unwrap).Any(part => Means(part, progress) == true))
            {
                return false;
            }

            var rest = operations.Skip(index + 1).ToList();
            return guard.WhenFalse is { } otherwise ? rest.Count == 0 && Leaves(otherwise, kind) : rest.Count > 0 && Leaves(rest[rest.Count - 1], kind) && rest.All(r => r is IExpressionStatementOperation or IThrowOperation or IReturnOperation or IBranchOperation { BranchKind: BranchKind.Break });
        }

        private static bool Leaves(IOperation statement, RetryKind kind)
        {
            if (statement is IBlockOperation { Operations.Length: 1 } block)
            {
                statement = block.Operations[0];
            }

            return IsThrow(statement) || (kind == RetryKind.Loop && (statement is IBranchOperation { BranchKind: BranchKind.Break } || statement is IReturnOperation));
        }

        /// <summary>
        /// <see cref="Means"/> for a test of one count of the parts so far (<c>n == 0</c>, <c>n &lt; 1</c>, <c>n is 0</c>:
        /// true; <c>n &gt; 0</c>, <c>n != 0</c>: false; <c>n &lt; 3</c>: null). Whether <paramref name="counter"/> does count
        /// the parts is the caller's to know.
        /// </summary>
        internal static bool? MeansForCount(IOperation test, ILocalSymbol counter) =>
            Means(test, new Dictionary<ILocalSymbol, Written>(SymbolEqualityComparer.Default) { [counter] = Written.Counted });

        /// <summary>True: the test holds only while nothing has arrived; false: only once something has; null: neither.</summary>
        private static bool? Means(IOperation test, Dictionary<ILocalSymbol, Written> progress)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            test = ValueOrigins.Unwrap(test);
            switch (test)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Means(not.Operand, progress) is { } inner ? !inner : null;
                case ILocalReferenceOperation flag when progress.TryGetValue(flag.Local, out var written):
                    return written switch
                    {
                        Written.SetTrue => false,  // `sent` is true once something arrived
                        Written.SetFalse => true,  // `first` stays true until then
                        _ => null,
                    };
                case IBinaryOperation binary:
                    return ComparedWithZero(binary, progress);
                case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern
                    when IsZero(constant.Value) && IsAmountRead(pattern.Value, progress):
                    return true;
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation negated } } pattern
                    when IsZero(negated.Value) && IsAmountRead(pattern.Value, progress):
                    return false;
                case IInvocationOperation { TargetMethod.Name: "IsNullOrEmpty", Arguments.Length: 1 } empty
                    when empty.TargetMethod.ContainingType.SpecialType == SpecialType.System_String
                        && ValueOrigins.Unwrap(empty.Arguments[0].Value) is ILocalReferenceOperation text
                        && progress.TryGetValue(text.Local, out var appended) && appended == Written.Appended:
                    return true;
                default:
                    return null;
            }
        }

        /// <summary><c>n == 0</c>, <c>sb.Length == 0</c>, <c>n &lt; 1</c> (nothing yet); <c>n &gt; 0</c>, <c>n != 0</c> (something).</summary>
        private static bool? ComparedWithZero(IBinaryOperation binary, Dictionary<ILocalSymbol, Written> progress)
        {
            IOperation amount;
            IOperation other;
            var kind = binary.OperatorKind;
            if (IsAmountRead(binary.LeftOperand, progress))
            {
                amount = binary.LeftOperand;
                other = binary.RightOperand;
            }
            else if (IsAmountRead(binary.RightOperand, progress))
            {
                amount = binary.RightOperand;
                other = binary.LeftOperand;
                kind = kind switch
                {
                    BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                    BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                    BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                    BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                    _ => kind,
                };
            }
            else
            {
                return null;
            }

            var value = ValueOrigins.Unwrap(other).ConstantValue;
            if (!value.HasValue || value.Value is not (int or long))
            {
                return null;
            }

            var n = System.Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture);
            return (kind, n) switch
            {
                (BinaryOperatorKind.Equals, 0) or (BinaryOperatorKind.LessThanOrEqual, 0) or (BinaryOperatorKind.LessThan, 1) => true,
                (BinaryOperatorKind.NotEquals, 0) or (BinaryOperatorKind.GreaterThan, 0) or (BinaryOperatorKind.GreaterThanOrEqual, 1) => false,
                _ => null,
            };
        }

        private static bool IsZero(IOperation value) =>
            ValueOrigins.Unwrap(value).ConstantValue is { HasValue: true, Value: int or long } constant
            && System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture) == 0;

        /// <summary>A counted local (<c>n</c>), or the <c>Length</c>/<c>Count</c> of an appended one (<c>sb.Length</c>, <c>text.Length</c>).</summary>
        private static bool IsAmountRead(IOperation operation, Dictionary<ILocalSymbol, Written> progress)
        {
            operation = ValueOrigins.Unwrap(operation);
            return operation switch
            {
                ILocalReferenceOperation counted => progress.TryGetValue(counted.Local, out var written) && written == Written.Counted,
                IPropertyReferenceOperation { Property.Name: "Length" or "Count", Instance: { } instance } =>
                    ValueOrigins.Unwrap(instance) is ILocalReferenceOperation appended && progress.TryGetValue(appended.Local, out var kind) && kind == Written.Appended,
                _ => false,
            };
        }
    }
}
