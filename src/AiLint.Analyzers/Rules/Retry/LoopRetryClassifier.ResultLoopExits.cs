// LoopRetryClassifier, result loops: the loop's exits on a tested answer and the control-flow tests behind them (leaves, goes round, parse tries); a concern of its own, read apart from the answer and input tests of ResultLoops.cs.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal static partial class LoopRetryClassifier
    {
        // ---- The exits on a good answer -----------------------------------------------------------------------------

        /// <summary>
        /// The code of the loop's exits on a tested answer (where the answer may be used freely), or null when the loop has
        /// no exit on the answer: then it does not leave on a good answer, and going round is not a retry.
        /// </summary>
        private static List<SyntaxNode>? Exits(ILoopOperation loop, List<StatementSyntax> following, HashSet<ISymbol> answer, SemanticModel model)
        {
            var exits = new List<SyntaxNode>();
            if (LoopCondition(loop.Syntax) is { } condition && ReadsAny(condition, answer, model))
            {
                exits.Add(condition);
            }

            var gated = false;
            var found = false;
            foreach (var next in following)
            {
                switch (next)
                {
                    case IfStatementSyntax test when ReadsAny(test.Condition, answer, model):
                        foreach (var branch in new[] { test.Statement, test.Else?.Statement })
                        {
                            if (branch is not null && Leaves(branch, loop.Syntax, model))
                            {
                                exits.Add(branch);
                            }
                        }

                        // `if (!IsValid(r)) continue;`: a rejected answer goes round, so a later unconditional return is the exit.
                        gated |= test.Else is null && GoesRound(test.Statement, loop.Syntax, model);

                        // `if (response.IsSuccessStatusCode) { try { return Parse(...); } catch (JsonException) { continue; } }`
                        // (review 49, Nexora): the parse try inside the branch that tested the status is the exit.
                        if (test.Else is null && test.Statement is BlockSyntax branchBlock && !Leaves(test.Statement, loop.Syntax, model))
                        {
                            foreach (var inner in branchBlock.Statements.OfType<TryStatementSyntax>())
                            {
                                found |= AddParseTry(inner, loop.Syntax, answer, model, exits);
                            }
                        }

                        break;
                    case TryStatementSyntax @try:
                        found |= AddParseTry(@try, loop.Syntax, answer, model, exits);
                        break;
                    case ReturnStatementSyntax or BreakStatementSyntax when gated:
                        exits.Add(next);
                        break;
                }
            }

            return found || exits.Count > 0 ? exits : null;
        }

        /// <summary>
        /// A <c>try</c> that reads the answer and has a catch that goes round (a parse of the answer): true, with its block
        /// added to the exits when it always leaves. One that may fall through (<c>if (parsed is not null) return parsed;</c>)
        /// goes round on a rejected answer too, so its reads are checked one by one.
        /// </summary>
        private static bool AddParseTry(TryStatementSyntax @try, SyntaxNode loop, HashSet<ISymbol> answer, SemanticModel model, List<SyntaxNode> exits)
        {
            if (!ReadsAny(@try.Block, answer, model) || !@try.Catches.Any(c => CatchGoesRound(c, loop, model))
                || LeavesOrFallsThrough(@try.Block, loop, model) is not { } reachableEnd)
            {
                return false;
            }

            if (!reachableEnd)
            {
                exits.Add(@try.Block);
            }

            return true;
        }

        /// <summary>
        /// A retry leaves with the answer it accepted: an exit returns it (or something made from it), hands it on, or the
        /// answer lives in a variable that outlasts the loop. A loop whose exits only return a constant or break, with the
        /// answer left inside the loop (<c>if (r.Text != expected) return false;</c>), stops on a wrong answer and asks
        /// again after a right one: a consistency check or an evaluation, not a retry. A retry that only returns a verdict
        /// (<c>if (r.Text == "SAFE") return true;</c>) looks the same, and is missed on purpose: AIL0001 fails builds. A read
        /// of the answer in a log call does not count (<c>Console.WriteLine($"Wrong: {r.Text}"); return false;</c>).
        /// </summary>
        private static bool ExitKeepsAnswer(ILoopOperation loop, List<SyntaxNode> exits, HashSet<ISymbol> answer, HashSet<ISymbol> tested, SemanticModel model, LogAndWaitCalls logging)
        {
            // A try that parses the answer and may fall through is an exit without code of its own (see Exits).
            // A local only set from the answer to be tested (`selected = r.Messages.LastOrDefault()?.AuthorName ?? "__"`, see
            // TestedLocals) holds a verdict on the answer, not the answer: it outlasting the loop does not carry the answer out.
            if (exits.Count == 0 || answer.Any(a => !tested.Contains(a) && !DeclaredIn(a, loop.Body.Syntax)))
            {
                return true;
            }

            return exits.Any(exit => exit.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name =>
                model.GetSymbolInfo(name).Symbol is { } symbol && answer.Contains(symbol)
                && !name.Ancestors().TakeWhile(a => a != exit).OfType<InvocationExpressionSyntax>()
                    .Any(call => logging.IsLogging(model.GetSymbolInfo(call).Symbol as IMethodSymbol))));
        }

        private static ITypeSymbol? SymbolType(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        /// <summary>A local declared inside <paramref name="scope"/>; parameters, fields and outer locals outlast it.</summary>
        private static bool DeclaredIn(ISymbol symbol, SyntaxNode scope) =>
            symbol is ILocalSymbol && symbol.DeclaringSyntaxReferences.Length > 0
            && symbol.DeclaringSyntaxReferences.All(r => r.SyntaxTree == scope.SyntaxTree && scope.Span.Contains(r.Span));

        private static ExpressionSyntax? LoopCondition(SyntaxNode loop) => loop switch
        {
            WhileStatementSyntax whileLoop => whileLoop.Condition,
            DoStatementSyntax doLoop => doLoop.Condition,
            ForStatementSyntax forLoop => forLoop.Condition,
            _ => null,
        };

        /// <summary>Never falls through, and every way out returns or breaks out of <paramref name="loop"/>.</summary>
        private static bool Leaves(StatementSyntax statement, SyntaxNode loop, SemanticModel model)
        {
            var flow = model.AnalyzeControlFlow(statement);
            return flow is { Succeeded: true } && !flow.EndPointIsReachable && flow.ExitPoints.Length > 0
                && flow.ExitPoints.All(e => e is ReturnStatementSyntax || (e is BreakStatementSyntax && JumpTarget(e) == loop));
        }

        /// <summary>
        /// Whether <paramref name="block"/> can fall through (true), or always leaves (false), when it has a way out and every
        /// way out returns or breaks out of <paramref name="loop"/>; null when it has none or another (a <c>continue</c>).
        /// </summary>
        private static bool? LeavesOrFallsThrough(BlockSyntax block, SyntaxNode loop, SemanticModel model)
        {
            var flow = model.AnalyzeControlFlow(block);
            return flow is { Succeeded: true } && flow.ExitPoints.Length > 0
                && flow.ExitPoints.All(e => e is ReturnStatementSyntax || (e is BreakStatementSyntax && JumpTarget(e) == loop))
                ? flow.EndPointIsReachable
                : null;
        }

        /// <summary>Never falls through, and every way out is a <c>continue</c> of <paramref name="loop"/>.</summary>
        private static bool GoesRound(StatementSyntax statement, SyntaxNode loop, SemanticModel model)
        {
            var flow = model.AnalyzeControlFlow(statement);
            return flow is { Succeeded: true } && !flow.EndPointIsReachable && flow.ExitPoints.Length > 0
                && flow.ExitPoints.All(e => e is ContinueStatementSyntax && JumpTarget(e) == loop);
        }

        private static bool CatchGoesRound(CatchClauseSyntax @catch, SyntaxNode loop, SemanticModel model)
        {
            if (@catch.Block.Statements.Count == 0)
            {
                return true;
            }

            var flow = model.AnalyzeControlFlow(@catch.Block);
            return flow is { Succeeded: true } && (flow.EndPointIsReachable || flow.ExitPoints.Any(e => e is ContinueStatementSyntax && JumpTarget(e) == loop));
        }

        /// <summary>The loop or switch a <c>break</c>/<c>continue</c> jumps out of (a <c>continue</c> skips switches).</summary>
        private static SyntaxNode? JumpTarget(SyntaxNode jump) => jump.Ancestors().FirstOrDefault(a =>
            a is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
            || (a is SwitchStatementSyntax && jump is BreakStatementSyntax)
            || a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
    }
}
