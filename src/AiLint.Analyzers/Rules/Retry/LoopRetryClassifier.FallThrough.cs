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
        /// The success path of a call whose code after it can reach the end of the loop body (review 24, M1:
        /// <c>while (true) { try { var r = await http.PostAsync(...); ... if (...) return text; } catch { log; } await
        /// Task.Delay(d); }</c>). Reaching the end of the body goes round exactly like a <c>continue</c>, so the code after
        /// the call is read as "leave on a good answer, otherwise go round", the shape an explicit <c>continue</c> already
        /// has. Only ways out that carry the call's answer out of the loop count here (a <c>return</c> of it or of what the
        /// loop made from it, or a test of it around the way out when it lives in a variable that outlasts the loop): a
        /// periodic loop whose only way out tests a cancellation token or a stop flag sends its request on a timer, not
        /// after a failure, and a warm-up that breaks on the first answer keeps nothing a second sample could change.
        /// </summary>
        private sealed class FallThroughPath
        {
            private readonly List<SyntaxNode> exits = new();
            private readonly List<(StatementSyntax First, StatementSyntax Last)> ranges = new();
            private bool reachesEnd = true;

            /// <summary>A level whose end is never reached (a switch section): the body's end is not reached from here.</summary>
            public void Stop() => reachesEnd = false;

            /// <summary>The statements of <paramref name="statements"/> from <paramref name="current"/> (or after it) to the end of the block.</summary>
            public void Add(SyntaxList<StatementSyntax> statements, StatementSyntax current, bool includeCurrent, SyntaxNode loopSyntax, SemanticModel model)
            {
                var index = statements.IndexOf(current);
                var first = includeCurrent ? index : index + 1;
                if (index < 0 || first >= statements.Count)
                {
                    return;
                }

                Add(statements[first], statements[statements.Count - 1], loopSyntax, model);
            }

            /// <summary>An embedded statement on its own (<c>if (x) r = await Call();</c>).</summary>
            public void Add(StatementSyntax statement, SyntaxNode loopSyntax, SemanticModel model) => Add(statement, statement, loopSyntax, model);

            private void Add(StatementSyntax first, StatementSyntax last, SyntaxNode loopSyntax, SemanticModel model)
            {
                if (!reachesEnd)
                {
                    return;
                }

                var flow = first == last ? model.AnalyzeControlFlow(first) : model.AnalyzeControlFlow(first, last);
                if (!flow.Succeeded || !flow.EndPointIsReachable)
                {
                    reachesEnd = false;
                    return;
                }

                ranges.Add((first, last));
                var breakLeavesLoop = !first.Ancestors().TakeWhile(a => a != loopSyntax).Any(a => a is SwitchStatementSyntax);
                exits.AddRange(flow.ExitPoints.Where(e => MethodExits.EndsMethod(e) || (breakLeavesLoop && e is BreakStatementSyntax)));
            }

            /// <summary>
            /// The code after the call reaches the end of the loop body, and one of its ways out of the loop returns the
            /// answer (or what the loop computed from it) or sits under a test of it.
            /// </summary>
            public bool LeavesOnAnswer(IOperation call, StatementSyntax statement, ILoopOperation loop, SemanticModel model)
            {
                if (!reachesEnd || exits.Count == 0)
                {
                    return false;
                }

                var answer = DerivedAnswer(call.Syntax, statement, loop, model);
                if (answer.Count == 0 || HandsRequestOn(call, model))
                {
                    return false;
                }

                // The way out must carry the answer out of the loop (see ExitKeepsAnswer): a warm-up that breaks on the
                // first non-empty answer and keeps nothing is not a retry.
                var outlastsLoop = answer.Any(a => !DeclaredIn(a, loop.Body.Syntax));
                return exits.Any(exit => ReturnsAnswer(exit, answer, model) || (outlastsLoop && TestsAnswer(exit, loop.Syntax, answer, model)));
            }

            /// <summary>
            /// The way round hands one of the request's objects to other code (<c>await tools.RunToolCallsAsync(completion,
            /// history, ct)</c> in a tool loop, with the runner in another project or behind an interface): the next pass may
            /// send a longer conversation, so going round is the next turn, not a retry. Only the fall-through reading is
            /// withheld; a catch that goes round with the request untouched is judged as before.
            /// </summary>
            private bool HandsRequestOn(IOperation call, SemanticModel model)
            {
                if (call is not IInvocationOperation invocation)
                {
                    return false;
                }

                var request = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                foreach (var argument in invocation.Arguments)
                {
                    if (ReferencedSymbol(argument.Value) is { } symbol && argument.Value.Type is { IsReferenceType: true, SpecialType: not SpecialType.System_String })
                    {
                        request.Add(symbol);
                    }
                }

                if (request.Count == 0)
                {
                    return false;
                }

                foreach (var (first, last) in ranges)
                {
                    foreach (var statement in StatementsBetween(first, last))
                    {
                        foreach (var other in model.GetOperation(statement)?.DescendantsAndSelf().OfType<IInvocationOperation>() ?? Enumerable.Empty<IInvocationOperation>())
                        {
                            if (other.Syntax != call.Syntax && !call.Syntax.Span.Contains(other.Syntax.Span)
                                && other.Arguments.Any(a => ReferencedSymbol(a.Value) is { } passed && request.Contains(passed)))
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }

            private static ISymbol? ReferencedSymbol(IOperation value) => ValueOrigins.Unwrap(value) switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };

            private static IEnumerable<StatementSyntax> StatementsBetween(StatementSyntax first, StatementSyntax last)
            {
                if (first == last || first.Parent is not BlockSyntax block)
                {
                    yield return first;
                    yield break;
                }

                var inRange = false;
                foreach (var statement in block.Statements)
                {
                    inRange |= statement == first;
                    if (inRange)
                    {
                        yield return statement;
                    }

                    if (statement == last)
                    {
                        yield break;
                    }
                }
            }

            /// <remarks>
            /// In an iterator the answer leaves through <c>yield return</c> before the <c>yield break</c>: retry middleware
            /// replays the updates it collected (<c>foreach (var u in buffered) yield return u; yield break;</c>).
            /// </remarks>
            private static bool ReturnsAnswer(SyntaxNode exit, HashSet<ISymbol> answer, SemanticModel model) => exit switch
            {
                ReturnStatementSyntax { Expression: { } returned } => ReadsAny(returned, answer, model),
                YieldStatementSyntax { Parent: BlockSyntax block } yieldBreak when MethodExits.EndsMethod(yieldBreak) =>
                    block.Statements.TakeWhile(s => s != yieldBreak).SelectMany(s => s.DescendantNodesAndSelf().OfType<YieldStatementSyntax>())
                        .Any(y => y.Expression is { } yielded && ReadsAny(yielded, answer, model)),
                _ => false,
            };

            /// <summary>
            /// The answer's variables and what the loop computes from them (see <see cref="Derive"/>), plus the
            /// iteration variables of a <c>foreach</c> over one of them (<c>foreach (var choice in choices.EnumerateArray())</c>).
            /// </summary>
            private static HashSet<ISymbol> DerivedAnswer(SyntaxNode call, StatementSyntax statement, ILoopOperation loop, SemanticModel model)
            {
                var answer = AnswerSymbols(call, statement, model);
                if (statement is CommonForEachStatementSyntax collecting && collecting.Expression.Span.Contains(call.Span))
                {
                    CollectedUpdates(collecting, model, answer);
                }

                for (var pass = 0; answer.Count > 0 && pass < MaxDerivationPasses; pass++)
                {
                    Derive(loop, answer);
                    var added = false;
                    foreach (var forEach in loop.Body.Descendants().OfType<IForEachLoopOperation>())
                    {
                        if (ReadsAny(forEach.Collection, answer))
                        {
                            foreach (var local in forEach.Locals)
                            {
                                added |= answer.Add(local);
                            }
                        }
                    }

                    if (!added)
                    {
                        break;
                    }
                }

                return answer;
            }

            /// <summary>
            /// A stream read by the <c>foreach</c> around it: its answer is each update (the iteration variable) and the
            /// locals the loop body collects them into (<c>buffered.Add(update)</c>, <c>text.Append(update.Text)</c>).
            /// </summary>
            private static void CollectedUpdates(CommonForEachStatementSyntax forEach, SemanticModel model, HashSet<ISymbol> answer)
            {
                if (forEach is not ForEachStatementSyntax single || model.GetDeclaredSymbol(single) is not ILocalSymbol update)
                {
                    return;
                }

                answer.Add(update);
                foreach (var invocation in forEach.Statement.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
                {
                    if (invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver }
                        && invocation.ArgumentList.Arguments.Any(a => ReadsAny(a.Expression, answer, model))
                        && model.GetSymbolInfo(receiver).Symbol is ILocalSymbol collection)
                    {
                        answer.Add(collection);
                    }
                }
            }

            /// <summary>A way out under an <c>if</c>, loop or <c>switch</c> that tests the answer.</summary>
            private static bool TestsAnswer(SyntaxNode exit, SyntaxNode loopSyntax, HashSet<ISymbol> answer, SemanticModel model)
            {
                foreach (var ancestor in exit.Ancestors().TakeWhile(a => a != loopSyntax))
                {
                    var test = ancestor switch
                    {
                        IfStatementSyntax @if => @if.Condition,
                        CommonForEachStatementSyntax forEach => forEach.Expression,
                        WhileStatementSyntax @while => @while.Condition,
                        SwitchStatementSyntax @switch => @switch.Expression,
                        _ => null,
                    };
                    if (test is not null && ReadsAny(test, answer, model))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
