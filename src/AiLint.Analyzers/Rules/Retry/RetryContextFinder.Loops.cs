using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A try inside a hand-written loop that goes round after a failure, or a loop that asks again after a rejected answer
    /// or a failed status: whether it is a retry (the try's side; per call see <see cref="LoopRetryClassifier"/>), and how
    /// it is named and counted in the message.
    /// </summary>
    internal sealed partial class RetryContextFinder
    {
        // ---- Hand-written loops -------------------------------------------------------------------------------------

        /// <summary>
        /// A try inside a loop is a retry when one of its catches lets the loop go round again and success leaves the
        /// loop (a return or break in the try, or the loop condition reading a variable the try assigns). A loop that
        /// never leaves on success processes a batch of items; it does not retry. This is the try's side only: whether
        /// the loop repeats a given call unchanged is decided per call by <see cref="LoopRetryClassifier"/>.
        /// </summary>
        private RetryContext? RetryLoop(ITryOperation @try)
        {
            ILoopOperation? loop = null;
            for (var parent = @try.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (parent is ILoopOperation found)
                {
                    loop = found;
                    break;
                }
            }

            // A catch that admits only rate limits (429) re-sends a request the provider refused: nothing to duplicate. A
            // catch that goes round only when the user asks at the console ("Retry? (y/n)") leaves the new request to them.
            if (loop is null
                || !@try.Catches.Any(c => CatchGoesRound(c, @try.SemanticModel, loop) && !rateLimits.CatchesOnlyRateLimits(c)
                    && !UserConfirmedRetries.GoesRoundOnlyWhenUserAsks(c, @try, loop))
                || !(ExitsOnSuccess(@try.Body, loop) || ConditionAssignedIn(loop, @try.Body) || LeavesAfter(@try, loop) || ConditionAdvancedIn(loop, @try.Body)
                    || LeavesOnTestAfter(@try, loop) || LoopRetryClassifier.ReadsKeptEnumerator(@try, loop)))
            {
                return null;
            }

            var (name, attempts) = LoopNameAndAttempts(loop);
            // `for (var i = 0; i < 1; i++)`: one pass, nothing is sent twice.
            if (loop is IForLoopOperation once && HelperAttemptArguments.LoopRunsOnce(once))
            {
                return null;
            }

            // `for (var attempt = 0; ; attempt++)` bounded by `catch ... when (attempt < MaxRetries)` (LoopAttemptBounds).
            attempts ??= LoopAttemptBounds.FromCatchFilters(loop, @try);

            var anchor = loop.Syntax.Parent is BlockSyntax ? loop.Syntax : null;
            var bound = attempts is null && loop is IForLoopOperation forLoop ? HelperAttemptArguments.BoundOf(forLoop) : null; // a helper's `attempt <= maxAttempts`
            return new RetryContext(RetryKind.Loop, name, loop.Body, anchor, attempts, unbounded: false, attemptsParameter: bound);
        }

        /// <summary>
        /// A work loop whose catch puts the failed item back on the queue it reads (see <see cref="RequeueRetries"/>). No
        /// anchor: a key made before the loop would be shared by every item.
        /// </summary>
        private RetryContext? RequeueRetry(ITryOperation @try)
        {
            for (var parent = @try.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (parent is ILoopOperation loop)
                {
                    return RequeueRetries.RequeueName(@try, loop, c => !rateLimits.CatchesOnlyRateLimits(c)) is { } queue
                        ? new RetryContext(RetryKind.Loop, "re-queue to " + queue, loop.Body, anchor: null, attempts: null, unbounded: false)
                        : null;
                }
            }

            return null;
        }

        /// <summary>
        /// The catch lets <paramref name="loop"/> go round again: it falls out of its end or continues, and does not first
        /// make the loop's own condition false (<c>failed = true;</c> under <c>while (!failed)</c>: see <see cref="LoopEndingCatches"/>).
        /// </summary>
        private static bool CatchGoesRound(ICatchClauseOperation @catch, SemanticModel? model, ILoopOperation? loop) =>
            CatchGoesRound(@catch, model) && (loop is null || !LoopEndingCatches.EndsLoop(@catch, loop));

        private static bool CatchGoesRound(ICatchClauseOperation @catch, SemanticModel? model)
        {
            if (model is null || @catch.Syntax is not CatchClauseSyntax { Block: { } block })
            {
                return false;
            }

            if (block.Statements.Count == 0)
            {
                return true;
            }

            var flow = model.AnalyzeControlFlow(block);
            if (!flow.Succeeded)
            {
                return false;
            }

            // Falling out of the catch, or a `continue` leaving it, goes round the loop (the nearest loop: see RetryLoop).
            return flow.EndPointIsReachable || flow.ExitPoints.Any(e => e is ContinueStatementSyntax);
        }

        private static bool ExitsOnSuccess(IOperation body, ILoopOperation loop)
        {
            foreach (var operation in DescendantsInSameFunction(body))
            {
                if (operation is IReturnOperation { Kind: OperationKind.Return })
                {
                    return true;
                }

                if (operation is IBranchOperation { BranchKind: BranchKind.Break } branch && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>try { text = await Ask(); } catch { ...; continue; } return text;</c>: the try is a statement of the loop body
        /// and the statements after it always return or break out of the loop, so a success leaves.
        /// </summary>
        private static bool LeavesAfter(ITryOperation @try, ILoopOperation loop)
        {
            if (@try.SemanticModel is not { } model
                || @try.Syntax is not TryStatementSyntax statement
                || statement.Parent is not BlockSyntax block
                || block != LoopBodySyntax(loop))
            {
                return false;
            }

            var index = block.Statements.IndexOf(statement);
            if (index < 0 || index == block.Statements.Count - 1)
            {
                return false;
            }

            var flow = model.AnalyzeControlFlow(block.Statements[index + 1], block.Statements[block.Statements.Count - 1]);
            return flow.Succeeded && !flow.EndPointIsReachable
                && flow.ExitPoints.Any(e => MethodExits.EndsMethod(e) || (e is BreakStatementSyntax && !e.Ancestors().TakeWhile(a => a != block).Any(a => a is SwitchStatementSyntax)));
        }

        private static SyntaxNode? LoopBodySyntax(ILoopOperation loop) => loop.Syntax switch
        {
            ForStatementSyntax forLoop => forLoop.Statement,
            WhileStatementSyntax whileLoop => whileLoop.Statement,
            DoStatementSyntax doLoop => doLoop.Statement,
            CommonForEachStatementSyntax forEach => forEach.Statement,
            _ => null,
        };

        private static bool ConditionAssignedIn(ILoopOperation loop, IOperation body) =>
            ConditionReads(loop) is { } read
            && DescendantsInSameFunction(body).Any(o => o is IAssignmentOperation assignment && ReferencedSymbol(assignment.Target) is { } target && read.Contains(target));

        /// <summary>
        /// The try advances a local the loop condition reads (<c>i++;</c>): a loop over items that may go round on the
        /// same item after a failure (see <see cref="LoopRetryClassifier.RetriesCallAdvancingOnSuccess"/>, which decides per call).
        /// </summary>
        private static bool ConditionAdvancedIn(ILoopOperation loop, IOperation body) =>
            ConditionReads(loop) is { } read
            && DescendantsInSameFunction(body).Any(o => o is IIncrementOrDecrementOperation or ICompoundAssignmentOperation
                && ReferencedSymbol(o is IIncrementOrDecrementOperation increment ? increment.Target : ((ICompoundAssignmentOperation)o).Target) is { } target
                && read.Contains(target));

        // What the loop's condition reads (locals, parameters, fields, properties); null for a loop without one.
        private static HashSet<ISymbol>? ConditionReads(ILoopOperation loop)
        {
            if (LoopRetryClassifier.ConditionOf(loop) is not { } condition)
            {
                return null;
            }

            var read = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (ReferencedSymbol(operation) is { } symbol)
                {
                    read.Add(symbol);
                }
            }

            return read;
        }

        private static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

        /// <summary>How a retry loop is named in the message, and its attempt count when a <c>for</c> loop states one.</summary>
        private static (string Name, int? Attempts) LoopNameAndAttempts(ILoopOperation loop) => loop switch
        {
            IForLoopOperation forLoop => ("for loop", HelperAttemptArguments.ConstantAttempts(forLoop)),
            IWhileLoopOperation { ConditionIsTop: false } => ("do loop", (int?)null),
            IWhileLoopOperation => ("while loop", null),
            IForEachLoopOperation => ("foreach loop", null),
            _ => ("loop", null),
        };

        /// <summary>
        /// A loop that re-asks after a rejected answer (see <see cref="LoopRetryClassifier.RetriesOnResult"/>). No anchor:
        /// the key fixes would make every attempt return the first, rejected answer.
        /// </summary>
        private static RetryContext ResultLoopContext(ILoopOperation loop)
        {
            var (name, attempts) = LoopNameAndAttempts(loop);

            return new RetryContext(RetryKind.ResultLoop, name + " that asks again after rejecting the answer", loop.Body, anchor: null, attempts, unbounded: false);
        }

        /// <summary>
        /// A loop that sends a raw HTTP request again after a failed status (see <see cref="LoopRetryClassifier.RetriesOnStatus"/>):
        /// a retry of a failure, like a catch that goes round, so a key made before the loop is the remedy and one made on
        /// each pass is AIL0004. One that also tests the content asks again after rejecting the answer (a result loop).
        /// </summary>
        private static RetryContext StatusLoopContext(ILoopOperation loop, LoopRetryClassifier.StatusLoopRetry status)
        {
            if (status != LoopRetryClassifier.StatusLoopRetry.AfterFailedStatus)
            {
                return ResultLoopContext(loop);
            }

            var (name, attempts) = LoopNameAndAttempts(loop);
            var anchor = loop.Syntax.Parent is BlockSyntax ? loop.Syntax : null;
            return new RetryContext(RetryKind.Loop, name + " that sends again after a failed status", loop.Body, anchor, attempts, unbounded: false, afterFailedStatus: true);
        }
    }
}
