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

                var breakLeavesLoop = !first.Ancestors().TakeWhile(a => a != loopSyntax).Any(a => a is SwitchStatementSyntax);
                exits.AddRange(flow.ExitPoints.Where(e => e is ReturnStatementSyntax || (breakLeavesLoop && e is BreakStatementSyntax)));
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
                if (answer.Count == 0)
                {
                    return false;
                }

                // The way out must carry the answer out of the loop (see ExitKeepsAnswer): a warm-up that breaks on the
                // first non-empty answer and keeps nothing is not a retry.
                var outlastsLoop = answer.Any(a => !DeclaredIn(a, loop.Body.Syntax));
                return exits.Any(exit => ReturnsAnswer(exit, answer, model) || (outlastsLoop && TestsAnswer(exit, loop.Syntax, answer, model)));
            }

            private static bool ReturnsAnswer(SyntaxNode exit, HashSet<ISymbol> answer, SemanticModel model) =>
                exit is ReturnStatementSyntax { Expression: { } returned } && ReadsAny(returned, answer, model);

            /// <summary>
            /// The answer's variables and what the loop computes from them (see <see cref="Derive"/>), plus the
            /// iteration variables of a <c>foreach</c> over one of them (<c>foreach (var choice in choices.EnumerateArray())</c>).
            /// </summary>
            private static HashSet<ISymbol> DerivedAnswer(SyntaxNode call, StatementSyntax statement, ILoopOperation loop, SemanticModel model)
            {
                var answer = AnswerSymbols(call, statement, model);
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
