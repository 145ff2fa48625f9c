using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The hand-written form of <c>await foreach</c> (review 89, SaffetHakanKocak/aygaz-ecommerce-agent): the enumerator
    /// kept with <c>responseStream ??= call.GetAsyncEnumerator(ct)</c> in a local declared before the loop, and a
    /// <c>MoveNextAsync</c> on it in a try (C# forbids a <c>yield return</c> inside a try with a catch, so a streaming
    /// helper that yields as it goes is written this way).
    /// </summary>
    /// <remarks>
    /// Here a pass that succeeds goes round on purpose: it reads the next part of the same stream, which sends nothing.
    /// So the "success leaves the loop" test of <see cref="LoopRetryClassifier.RetriesCall"/> says nothing about it
    /// (it only passed under <c>while (!response.IsError)</c>, where the success path writes what the condition reads,
    /// and failed under <c>while (true)</c>). What makes the loop a retry is the failure path: a catch that sets the
    /// local back to <c>null</c> and goes round makes a new stream, the same request again. A catch goes round when it
    /// ends in a <c>continue</c> of this loop, or falls out into statements that do not always leave: a catch that falls
    /// out with <c>hasNext</c> still false into <c>if (!hasNext) yield break;</c> ends the iterator (repro-3).
    /// </remarks>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>What the failure path of a hand-written stream loop does with the stream.</summary>
        internal enum StreamRemake
        {
            /// <summary>No catch that counts makes a new stream and goes round.</summary>
            NotRemade,

            /// <summary>A catch makes a new stream and goes round after parts may have been yielded: AIL0002.</summary>
            AfterParts,

            /// <summary>Every such catch goes round only while nothing was yielded yet: a re-send the user saw none of (AIL0001).</summary>
            BeforeFirstPart,
        }

        /// <summary>
        /// Null when <paramref name="call"/> is not read through an enumerator kept as above (or the local is written
        /// other than by the <c>??=</c> and resets to <c>null</c>); otherwise whether a catch around its
        /// <c>MoveNextAsync</c> resets the local and goes round (only catches <paramref name="counts"/> admits, when given),
        /// and whether every such catch goes round only while nothing was yielded (<see cref="GuardsNothingShown"/>).
        /// </summary>
        private static StreamRemake? HandWrittenStreamRemade(IOperation call, ILoopOperation loop, SemanticModel model, System.Func<ICatchClauseOperation, bool>? counts = null)
        {
            if (OnceCreatedEnumerators.KeptEnumerator(call, loop) is not { } kept)
            {
                return null;
            }

            var (local, coalesce) = kept;
            var operations = RetryContextFinder.DescendantsInSameFunction(loop.Body).ToList();
            if (operations.Any(o => o != coalesce && OnceCreatedEnumerators.WritesLocal(o, local) && !IsReset(o)))
            {
                return null;
            }

            var guarded = false;
            foreach (var @try in operations.OfType<ITryOperation>())
            {
                if (!RetryContextFinder.DescendantsInSameFunction(@try.Body).Any(o => IsMoveNextOn(o, local)))
                {
                    continue;
                }

                foreach (var @catch in @try.Catches)
                {
                    if ((counts is null || counts(@catch))
                        && RetryContextFinder.DescendantsInSameFunction(@catch.Handler).Any(o => OnceCreatedEnumerators.WritesLocal(o, local) && IsReset(o))
                        && CatchGoesRound(@catch, @try, loop, model))
                    {
                        if (!GuardsNothingShown(@catch, loop))
                        {
                            return StreamRemake.AfterParts;
                        }

                        guarded = true;
                    }
                }
            }

            return guarded ? StreamRemake.BeforeFirstPart : StreamRemake.NotRemade;
        }

        /// <summary>
        /// True when <paramref name="call"/> is read through an enumerator kept with <c>??=</c> in a try of
        /// <paramref name="loop"/> that is remade only by catches that go round while nothing was yielded yet: the loop
        /// re-sends a request the user saw none of (AIL0001, not AIL0002; see <see cref="NothingShownGuards"/>).
        /// </summary>
        public static bool RemadeOnlyBeforeFirstPart(IOperation call, ILoopOperation loop) =>
            loop.SemanticModel is { } model && HandWrittenStreamRemade(call, loop, model) == StreamRemake.BeforeFirstPart;

        /// <summary>
        /// The try awaits <c>MoveNextAsync</c> on an enumerator kept between passes of <paramref name="loop"/> with
        /// <c>local ??= ... .GetAsyncEnumerator(...)</c> (the local declared outside the loop). Its success path goes round
        /// on purpose, to read the next part: the finder lets the try's calls be judged by <see cref="RetriesCall"/>, which
        /// for the stream call reads only the failure path (<see cref="HandWrittenStreamRemade"/>).
        /// </summary>
        public static bool ReadsKeptEnumerator(ITryOperation @try, ILoopOperation loop)
        {
            foreach (var operation in RetryContextFinder.DescendantsInSameFunction(@try.Body))
            {
                if (operation is ICoalesceAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value }
                    && target.Local.DeclaringSyntaxReferences.Length == 1
                    && !ValueOrigins.IsWithin(target.Local.DeclaringSyntaxReferences[0].GetSyntax(), loop.Syntax)
                    && ValueOrigins.Unwrap(value) is IInvocationOperation { TargetMethod.Name: "GetAsyncEnumerator" }
                    && RetryContextFinder.DescendantsInSameFunction(@try.Body).Any(o => IsMoveNextOn(o, target.Local)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The catch goes round only while nothing was yielded: its filter has a <c>!yieldedAny</c> term
        /// (<c>when (ex is not OperationCanceledException &amp;&amp; !yieldedAny)</c>, aygaz's guard), or its handler starts
        /// (after logging calls) with <c>if (yieldedAny) throw;</c>. The flag is a bool local declared before
        /// <paramref name="loop"/> (carried across its passes) whose only writes in the loop are <c>yieldedAny = true;</c>
        /// statements written next to a <c>yield return</c>: it turns true once a part reached the caller and stays so.
        /// The same guard written with a count of the parts yielded (<c>when (yielded == 0)</c>, <c>if (yielded &gt; 0) throw;</c>)
        /// is read by <see cref="TestsYieldCount"/>.
        /// </summary>
        private static bool GuardsNothingShown(ICatchClauseOperation @catch, ILoopOperation loop)
        {
            if (@catch.Filter is { } filter
                && ConditionChains.Terms(filter, BinaryOperatorKind.ConditionalAnd, ValueOrigins.Unwrap)
                    .Any(term => (TestedForFalse(term) is { } flag && SetOnceYielded(flag, loop)) || TestsYieldCount(term, loop) == true))
            {
                return true;
            }

            var operations = @catch.Handler.Operations;
            var index = 0;
            while (index < operations.Length && operations[index] is IExpressionStatementOperation { Operation: IInvocationOperation })
            {
                index++; // logging before the test
            }

            return index < operations.Length
                && operations[index] is IConditionalOperation { WhenFalse: null } test
                && test.Condition.Type?.SpecialType == SpecialType.System_Boolean
                && IsThrow(test.WhenTrue is IBlockOperation { Operations.Length: 1 } only ? only.Operations[0] : test.WhenTrue)
                && ((ValueOrigins.Unwrap(test.Condition) is ILocalReferenceOperation read && SetOnceYielded(read.Local, loop))
                    || TestsYieldCount(test.Condition, loop) == false);
        }

        private static bool IsThrow(IOperation statement) => statement is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };

        /// <summary>See <see cref="GuardsNothingShown"/>: declared before the loop, written in it only by <c>flag = true;</c> beside a <c>yield return</c>.</summary>
        private static bool SetOnceYielded(ILocalSymbol flag, ILoopOperation loop)
        {
            if (flag.Type.SpecialType != SpecialType.System_Boolean || flag.DeclaringSyntaxReferences.Length != 1
                || ValueOrigins.IsWithin(flag.DeclaringSyntaxReferences[0].GetSyntax(), loop.Syntax))
            {
                return false;
            }

            var set = false;
            foreach (var operation in RetryContextFinder.DescendantsInSameFunction(loop.Body))
            {
                if (!OnceCreatedEnumerators.WritesLocal(operation, flag))
                {
                    continue;
                }

                if (operation is ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: true }, Parent: IExpressionStatementOperation { Parent: IBlockOperation block } }
                    && block.Operations.Any(o => o.Syntax is YieldStatementSyntax yield && yield.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.YieldReturnStatement)))
                {
                    set = true;
                    continue;
                }

                return false;
            }

            return set;
        }

        /// <summary><c>local = null</c> or <c>local = default</c>: the next pass's <c>??=</c> makes a new stream.</summary>
        private static bool IsReset(IOperation write) =>
            write is ISimpleAssignmentOperation assignment
            && ValueOrigins.Unwrap(assignment.Value) is { } value
            && (value is IDefaultValueOperation || (value.ConstantValue.HasValue && value.ConstantValue.Value is null));

        private static bool IsMoveNextOn(IOperation operation, ILocalSymbol local) =>
            operation is IInvocationOperation { TargetMethod.Name: "MoveNextAsync" } moveNext
            && ValueOrigins.Receiver(moveNext) is { } receiver
            && OnceCreatedEnumerators.IsLocal(receiver, local);

        /// <summary>The catch ends in a <c>continue</c> of <paramref name="loop"/>, or falls out into statements that do not always leave it.</summary>
        private static bool CatchGoesRound(ICatchClauseOperation @catch, ITryOperation @try, ILoopOperation loop, SemanticModel model)
        {
            if (@catch.Handler.Syntax is not BlockSyntax handler)
            {
                return false;
            }

            var flow = model.AnalyzeControlFlow(handler);
            if (!flow.Succeeded)
            {
                return false;
            }

            if (!flow.EndPointIsReachable)
            {
                return flow.ExitPoints.Any(e => e is ContinueStatementSyntax && InnermostLoop(e) == loop.Syntax);
            }

            // Falling out: only a try written straight in the loop body is read; elsewhere the way on is not clear.
            return @try.Syntax.Parent is BlockSyntax block && block.Parent == loop.Syntax
                && !FailureLeavesAfter(@catch, @try, block, loop, model);
        }

        /// <summary>
        /// After a catch that falls out, the statements after the try always leave (<c>yield break;</c>), or the first is
        /// <c>if (!hasNext) yield break;</c> on a flag that is still false on the failure path (see <see cref="FalseAfterFailure"/>).
        /// </summary>
        private static bool FailureLeavesAfter(ICatchClauseOperation @catch, ITryOperation @try, BlockSyntax block, ILoopOperation loop, SemanticModel model)
        {
            var index = block.Statements.IndexOf((StatementSyntax)@try.Syntax);
            if (index < 0 || index + 1 >= block.Statements.Count)
            {
                return false;
            }

            var next = block.Statements[index + 1];
            if (AlwaysLeaves(next, block.Statements[block.Statements.Count - 1], loop.Syntax, model))
            {
                return true;
            }

            if (next is not IfStatementSyntax { Else: null } test || !AlwaysLeaves(test.Statement, test.Statement, loop.Syntax, model))
            {
                return false;
            }

            var condition = model.GetOperation(test.Condition);
            if (condition is null || condition.DescendantsAndSelf().Any(o => o is IInvalidOperation || o.Type?.TypeKind == TypeKind.Error))
            {
                // Half-typed: the test cannot be read, so the catch is not taken to go round.
                return true;
            }

            return TestedForFalse(condition) is { } flag && FalseAfterFailure(flag, @catch, @try, loop);
        }

        /// <summary>The local of <c>!flag</c>, <c>flag == false</c> or <c>flag is false</c>.</summary>
        private static ILocalSymbol? TestedForFalse(IOperation condition)
        {
            condition = ValueOrigins.Unwrap(condition);
            return condition switch
            {
                IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand } => ValueOrigins.Unwrap(operand) is ILocalReferenceOperation l ? l.Local : null,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals when IsFalse(equals.RightOperand) => ValueOrigins.Unwrap(equals.LeftOperand) is ILocalReferenceOperation l ? l.Local : null,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals when IsFalse(equals.LeftOperand) => ValueOrigins.Unwrap(equals.RightOperand) is ILocalReferenceOperation l ? l.Local : null,
                IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } pattern when IsFalse(value) => ValueOrigins.Unwrap(pattern.Value) is ILocalReferenceOperation l ? l.Local : null,
                _ => null,
            };
        }

        private static bool IsFalse(IOperation value) => ValueOrigins.Unwrap(value).ConstantValue is { HasValue: true, Value: false };

        /// <summary>
        /// The flag is declared in the loop body (fresh each pass) as <c>false</c> or with no value, and is written
        /// only by <c>flag = false</c> in the catch and by <c>flag = await e.MoveNextAsync()</c> as the last statement
        /// of the try: a failure anywhere in the try leaves it false. A flag written earlier in the try, or carried from
        /// the pass before, may be true, and the catch then goes round.
        /// </summary>
        private static bool FalseAfterFailure(ILocalSymbol flag, ICatchClauseOperation @catch, ITryOperation @try, ILoopOperation loop)
        {
            if (flag.DeclaringSyntaxReferences.Length != 1 || !ValueOrigins.IsWithin(flag.DeclaringSyntaxReferences[0].GetSyntax(), loop.Body.Syntax))
            {
                return false;
            }

            var lastOfTry = @try.Body.Operations.LastOrDefault();
            foreach (var operation in RetryContextFinder.DescendantsInSameFunction(loop.Body))
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, flag):
                        if (declarator.GetVariableInitializer() is { } initializer && !IsFalse(initializer.Value))
                        {
                            return false;
                        }

                        break;
                    case ISimpleAssignmentOperation assignment when OnceCreatedEnumerators.IsLocal(assignment.Target, flag):
                        var inCatch = ValueOrigins.IsWithin(assignment.Syntax, @catch.Handler.Syntax);
                        var lastMoveNext = assignment.Parent is IExpressionStatementOperation statement && statement == lastOfTry
                            && ValueOrigins.Unwrap(assignment.Value) is IInvocationOperation { TargetMethod.Name: "MoveNextAsync" };
                        var afterTest = assignment.Syntax.SpanStart > @try.Syntax.Span.End;
                        if (!(inCatch && IsFalse(assignment.Value)) && !lastMoveNext && !afterTest)
                        {
                            return false;
                        }

                        break;
                    case IOperation other when other is IAssignmentOperation or IIncrementOrDecrementOperation or IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }
                        && OnceCreatedEnumerators.WritesLocal(other, flag):
                        return false;
                }
            }

            return true;
        }

        /// <summary>From <paramref name="first"/> to <paramref name="last"/>, every way out ends the method or breaks out of <paramref name="loopSyntax"/> (a throw has no exit point).</summary>
        private static bool AlwaysLeaves(StatementSyntax first, StatementSyntax last, SyntaxNode loopSyntax, SemanticModel model)
        {
            var flow = first == last ? model.AnalyzeControlFlow(first) : model.AnalyzeControlFlow(first, last);
            return flow.Succeeded && !flow.EndPointIsReachable
                && flow.ExitPoints.All(e => MethodExits.EndsMethod(e) || (e is BreakStatementSyntax && InnermostLoop(e) == loopSyntax));
        }

        /// <summary>The loop or switch a <c>break</c>/<c>continue</c> belongs to (null when a function boundary comes first).</summary>
        private static SyntaxNode? InnermostLoop(SyntaxNode jump)
        {
            var isBreak = jump is BreakStatementSyntax;
            foreach (var ancestor in jump.Ancestors())
            {
                switch (ancestor)
                {
                    case WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax:
                        return ancestor;
                    case SwitchStatementSyntax when isBreak:
                        return ancestor;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }
    }
}
