using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The nested hand-written stream retry (SaffetHakanKocak/aygaz-ecommerce-agent,
    /// <c>AiProviderRetryExecutor.ExecuteStreamingAsync</c>): an outer loop makes a new enumerator on each pass
    /// (<c>var e = client.GetStreamingResponseAsync(m).GetAsyncEnumerator(ct);</c>), an inner loop reads it
    /// (<c>while (true) { try { if (!await e.MoveNextAsync()) goto done; } catch (X) { retry = true; break; } yield return e.Current; }</c>),
    /// and after the inner loop <c>if (retry) { await Task.Delay(d); continue; }</c> goes round to make the stream again.
    /// </summary>
    /// <remarks>
    /// Both paths are read, narrowly. The failure path: a catch of a try that awaits the enumerator's
    /// <c>MoveNextAsync</c> leaves the inner loop only by <c>break</c>, and the statements after the inner loop, with the
    /// catch's flags known, go round the outer loop (<c>if (retry) ... continue;</c>, or nothing that leaves). The success
    /// path: the branch taken when <c>MoveNextAsync</c> answers false leaves the outer loop (<c>goto done</c> to a label
    /// after it, <c>yield break</c>, <c>return</c>), or sets a flag and breaks out of the inner loop into statements that
    /// then leave (<c>finished = true; break;</c> ... <c>if (finished) yield break;</c>). A loop whose success path goes
    /// round (a poll, a turn loop) is not a retry. A flag is known only when it is a bool declared in the outer loop's body
    /// as <c>false</c> and set to <c>true</c> only in the catch or only in the success branch. Anything else is not read.
    /// </remarks>
    internal static partial class LoopRetryClassifier
    {
        private enum PathEnd
        {
            Unknown,
            Leaves,
            GoesRound,
        }

        /// <summary>
        /// Whether <paramref name="loop"/> makes <paramref name="call"/>'s stream anew on each pass and goes round after a
        /// failed <c>MoveNextAsync</c> (only catches <paramref name="counts"/> admits), with the call's inputs unchanged.
        /// </summary>
        public static StreamRemake RemadeEachPass(IInvocationOperation call, ILoopOperation loop, Func<ICatchClauseOperation, bool> counts)
        {
            if (loop.SemanticModel is not { } model || loop.Body is not IBlockOperation outer || outer.Syntax is not BlockSyntax
                || EnumeratorDeclaredInBody(call, outer) is not var (enumerator, index))
            {
                return StreamRemake.NotRemade;
            }

            var operations = RetryContextFinder.DescendantsInSameFunction(outer).ToList();
            if (operations.Any(o => o is IInvalidOperation || (o is IAssignmentOperation && OnceCreatedEnumerators.WritesLocal(o, enumerator))))
            {
                return StreamRemake.NotRemade;
            }

            var result = StreamRemake.NotRemade;
            for (var i = index + 1; i < outer.Operations.Length && result != StreamRemake.AfterParts; i++)
            {
                if (InnerLoopOf(outer.Operations[i]) is not { } inner)
                {
                    continue;
                }

                var after = outer.Operations.Skip(i + 1).ToList();
                foreach (var @try in RetryContextFinder.DescendantsInSameFunction(inner.Body).OfType<ITryOperation>())
                {
                    if (!ReferenceEquals(NearestLoop(@try), inner) || !@try.Body.Descendants().Any(o => IsMoveNextOn(o, enumerator))
                        || SuccessExit(@try, inner, enumerator) is not { } success
                        || SuccessPath(success, inner, loop, after, outer, model) != PathEnd.Leaves)
                    {
                        continue;
                    }

                    foreach (var @catch in @try.Catches)
                    {
                        if (counts(@catch) && FailurePath(@catch, inner, loop, after, outer, model) == PathEnd.GoesRound)
                        {
                            result = GuardsNothingShown(@catch, loop) ? StreamRemake.BeforeFirstPart : StreamRemake.AfterParts;
                            if (result == StreamRemake.AfterParts)
                            {
                                break;
                            }
                        }
                    }
                }
            }

            return result != StreamRemake.NotRemade && UnchangedInputs(call, loop, model.Compilation) is not null ? result : StreamRemake.NotRemade;
        }

        /// <summary>
        /// <c>var e = call.GetAsyncEnumerator(ct);</c> (or <c>await using var e = ...</c>) written straight in the outer
        /// loop's body: the enumerator local and the statement's index in the body.
        /// </summary>
        private static (ILocalSymbol Local, int Index)? EnumeratorDeclaredInBody(IInvocationOperation call, IBlockOperation body)
        {
            if (OnceCreatedEnumerators.ConsumerOf(call) is not { TargetMethod.Name: "GetAsyncEnumerator" } made)
            {
                return null;
            }

            IOperation value = made;
            while (value.Parent is IConversionOperation)
            {
                value = value.Parent;
            }

            if (value.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                || declarator.Symbol.Type.TypeKind == TypeKind.Error)
            {
                return null;
            }

            IOperation? statement = declarator.Parent?.Parent;
            if (statement?.Parent is IUsingDeclarationOperation usingDeclaration)
            {
                statement = usingDeclaration;
            }

            var index = statement is null ? -1 : body.Operations.IndexOf(statement);
            return index < 0 ? null : (declarator.Symbol, index);
        }

        /// <summary>The inner loop: the statement itself, or a loop in a <c>try</c> with no catch (a <c>finally</c> that disposes the enumerator).</summary>
        private static ILoopOperation? InnerLoopOf(IOperation statement) => statement switch
        {
            ILoopOperation loop => loop,
            ITryOperation { Catches.Length: 0, Body: var body } => body.Operations.OfType<ILoopOperation>().FirstOrDefault(),
            _ => null,
        };

        private static ILoopOperation? NearestLoop(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ILoopOperation loop)
                {
                    return loop;
                }
            }

            return null;
        }

        /// <summary>
        /// The branch taken when the stream has no more parts: <c>if (!await e.MoveNextAsync()) X</c> in the try, or
        /// <c>if (!hasNext) X</c> in the inner loop on a local the try sets from <c>await e.MoveNextAsync()</c>.
        /// </summary>
        private static IOperation? SuccessExit(ITryOperation @try, ILoopOperation inner, ILocalSymbol enumerator)
        {
            var hasNext = @try.Body.Descendants().OfType<ISimpleAssignmentOperation>()
                .Where(a => a.Target is ILocalReferenceOperation && IsAwaitedMoveNext(a.Value, enumerator))
                .Select(a => ((ILocalReferenceOperation)a.Target).Local)
                .FirstOrDefault();
            foreach (var test in RetryContextFinder.DescendantsInSameFunction(inner.Body).OfType<IConditionalOperation>())
            {
                if (test.WhenFalse is not null || !ReferenceEquals(NearestLoop(test), inner) || ValueOrigins.Unwrap(test.Condition) is not IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand })
                {
                    continue;
                }

                if (IsAwaitedMoveNext(operand, enumerator)
                    || (hasNext is not null && ValueOrigins.Unwrap(operand) is ILocalReferenceOperation flag && SymbolEqualityComparer.Default.Equals(flag.Local, hasNext)))
                {
                    return test.WhenTrue;
                }
            }

            return null;
        }

        /// <summary><c>await e.MoveNextAsync()</c> (<see cref="ValueOrigins.Unwrap"/> sees through the await).</summary>
        private static bool IsAwaitedMoveNext(IOperation value, ILocalSymbol enumerator) => IsMoveNextOn(ValueOrigins.Unwrap(value), enumerator);

        /// <summary>Where the success branch goes: out of the outer loop, or out of the inner loop into the statements after it.</summary>
        private static PathEnd SuccessPath(IOperation success, ILoopOperation inner, ILoopOperation loop, List<IOperation> after, IBlockOperation outer, SemanticModel model)
        {
            var exits = Exits(success.Syntax, model);
            if (exits is null || exits.Count == 0)
            {
                return PathEnd.Unknown;
            }

            if (exits.All(e => LeavesLoop(e, loop, model)))
            {
                return PathEnd.Leaves;
            }

            return exits.All(e => e is BreakStatementSyntax && InnermostLoop(e) == inner.Syntax)
                ? FollowAfter(after, KnownFlags(outer, success, loop), loop, model)
                : PathEnd.Unknown;
        }

        /// <summary>
        /// Where a catch goes: it must break out of the inner loop, into statements that go round the outer one. A catch
        /// that sets a flag the outer loop's condition reads (<c>failed = true;</c> under <c>while (!failed)</c>) may end the
        /// loop instead; it is not read (a counter it advances, <c>attempt++</c>, only bounds the retry).
        /// </summary>
        private static PathEnd FailurePath(ICatchClauseOperation @catch, ILoopOperation inner, ILoopOperation loop, List<IOperation> after, IBlockOperation outer, SemanticModel model)
        {
            var condition = ConditionSymbols(loop);
            if (condition.Count > 0 && RetryContextFinder.DescendantsInSameFunction(@catch.Handler).Any(o =>
                o is ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: bool } } flag
                && ValueOrigins.Unwrap(flag.Target) switch
                {
                    ILocalReferenceOperation l => condition.Contains(l.Local),
                    IParameterReferenceOperation p => condition.Contains(p.Parameter),
                    _ => false,
                }))
            {
                return PathEnd.Unknown;
            }

            var exits = Exits(@catch.Handler.Syntax, model);
            return exits is { Count: > 0 } && exits.All(e => e is BreakStatementSyntax && InnermostLoop(e) == inner.Syntax)
                ? FollowAfter(after, KnownFlags(outer, @catch.Handler, loop), loop, model)
                : PathEnd.Unknown;
        }

        /// <summary>The jumps out of a statement whose end cannot be reached (null when it can, or the analysis fails).</summary>
        private static List<SyntaxNode>? Exits(SyntaxNode statement, SemanticModel model)
        {
            if (statement is not StatementSyntax syntax)
            {
                return null;
            }

            var flow = model.AnalyzeControlFlow(syntax);
            return flow.Succeeded && !flow.EndPointIsReachable ? flow.ExitPoints.Cast<SyntaxNode>().ToList() : null;
        }

        /// <summary>A <c>return</c>/<c>yield break</c>, a <c>break</c> of the outer loop, or a <c>goto</c> to a label outside it.</summary>
        private static bool LeavesLoop(SyntaxNode exit, ILoopOperation loop, SemanticModel model) => exit switch
        {
            _ when MethodExits.EndsMethod(exit) => true,
            BreakStatementSyntax => InnermostLoop(exit) == loop.Syntax,
            GotoStatementSyntax jump => model.GetOperation(jump) is IBranchOperation { Target: { } label }
                && label.DeclaringSyntaxReferences.Length == 1
                && !ValueOrigins.IsWithin(label.DeclaringSyntaxReferences[0].GetSyntax(), loop.Syntax),
            _ => false,
        };

        /// <summary>
        /// The flags whose value is known on a path that leaves the inner loop from <paramref name="from"/> (a catch
        /// handler or the success branch): bools declared in the outer body as <c>false</c>, written only by <c>= true</c>,
        /// all within one of the two. Those written in <paramref name="from"/> are true; the others false.
        /// </summary>
        private static Dictionary<ILocalSymbol, bool> KnownFlags(IBlockOperation outer, IOperation from, ILoopOperation loop)
        {
            var known = new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
            foreach (var declarator in outer.Operations.OfType<IVariableDeclarationGroupOperation>().SelectMany(g => g.Declarations).SelectMany(d => d.Declarators))
            {
                if (declarator.Symbol.Type.SpecialType != SpecialType.System_Boolean || declarator.GetVariableInitializer() is not { } initializer || !IsFalse(initializer.Value))
                {
                    continue;
                }

                var writes = RetryContextFinder.DescendantsInSameFunction(loop.Body).Where(o => OnceCreatedEnumerators.WritesLocal(o, declarator.Symbol)).ToList();
                if (writes.Any(w => w is not ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: true } }))
                {
                    continue;
                }

                var inside = writes.Count(w => ValueOrigins.IsWithin(w.Syntax, from.Syntax));
                if (inside == writes.Count || inside == 0)
                {
                    known[declarator.Symbol] = inside > 0;
                }
            }

            return known;
        }

        /// <summary>
        /// Follows the statements after the inner loop with <paramref name="flags"/> known: an <c>if</c> on a known flag
        /// takes its branch; a statement that always jumps decides; one with no jumps is passed; anything else is unknown.
        /// Falling off the end of the outer body goes round.
        /// </summary>
        private static PathEnd FollowAfter(List<IOperation> after, Dictionary<ILocalSymbol, bool> flags, ILoopOperation loop, SemanticModel model)
        {
            foreach (var statement in after)
            {
                var taken = statement;
                if (statement is IConditionalOperation test && FlagValue(test.Condition, flags) is { } value)
                {
                    if ((value ? test.WhenTrue : test.WhenFalse) is not { } branch)
                    {
                        continue;
                    }

                    taken = branch;
                }

                if (taken.Syntax is not StatementSyntax syntax)
                {
                    return PathEnd.Unknown;
                }

                var flow = model.AnalyzeControlFlow(syntax);
                if (!flow.Succeeded)
                {
                    return PathEnd.Unknown;
                }

                if (flow.EndPointIsReachable)
                {
                    if (flow.ExitPoints.Length > 0)
                    {
                        return PathEnd.Unknown;
                    }

                    continue;
                }

                if (flow.ExitPoints.All(e => LeavesLoop(e, loop, model)))
                {
                    return PathEnd.Leaves;
                }

                return flow.ExitPoints.All(e => e is ContinueStatementSyntax && InnermostLoop(e) == loop.Syntax) ? PathEnd.GoesRound : PathEnd.Unknown;
            }

            return PathEnd.GoesRound;
        }

        /// <summary>The value of <c>flag</c> or <c>!flag</c> for a known flag; null otherwise.</summary>
        private static bool? FlagValue(IOperation condition, Dictionary<ILocalSymbol, bool> flags)
        {
            condition = ValueOrigins.Unwrap(condition);
            var negated = false;
            if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand })
            {
                negated = true;
                condition = ValueOrigins.Unwrap(operand);
            }

            return condition is ILocalReferenceOperation read && flags.TryGetValue(read.Local, out var value) ? value != negated : null;
        }
    }
}
