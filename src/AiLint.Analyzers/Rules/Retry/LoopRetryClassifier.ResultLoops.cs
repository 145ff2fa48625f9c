using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Loops that ask the model again after rejecting its answer (the answer is tested, rather than an exception from the
    /// call caught):
    /// <code>
    /// for (var i = 0; i &lt; 3; i++) { var r = await chat.GetResponseAsync(messages); if (IsValid(r)) return r; }
    /// for (var i = 0; i &lt; 3; i++) { var r = await chat.GetResponseAsync(messages); try { return Parse(r.Text); } catch (JsonException) { } }
    /// do { json = await Ask(prompt); } while (!IsValidJson(json) &amp;&amp; ++attempt &lt; 3);
    /// </code>
    /// Each pass re-sends the same request. Many other loops around a model call look alike and are not retries: tool-call
    /// loops, continuation loops, sampling loops that keep every answer, polling and work loops. So every one of these must
    /// hold, and anything the code does not show counts against a retry:
    /// <list type="number">
    /// <item>The call is a statement of the loop body itself, or of a <c>try</c> block that is one (not in another nested
    /// block or a lambda), that keeps its answer in a variable (<c>var r = await ...</c>, <c>result = TryParse(await ...)</c>,
    /// <c>var (ok, error) = await ...</c>).</item>
    /// <item>The loop leaves on a test of that answer: an <c>if</c> on it whose branch returns or breaks out, a <c>try</c>
    /// reading it that returns or breaks and has a <c>catch</c> that goes round, an <c>if (...) continue;</c> on it
    /// before an unconditional return, or the loop condition reading it.</item>
    /// <item>A rejected answer is dropped: outside those exits, the answer (and what is derived from it) is only tested,
    /// logged, thrown or returned. An answer added to a list, handed to a tool runner or stored in another object means
    /// the loop does something with each answer; it is not a retry.</item>
    /// <item>The request stays the same (<see cref="UnchangedInputs"/>), and, stricter than for a <c>try</c> loop: no
    /// input is handed to a method that could change it (outside the BCL and logging), no input is recomputed in the loop
    /// with an <c>await</c> or a call that may answer differently (fresh data each pass, the next question), and the call
    /// does not take an agent session or thread (each run appends to it).</item>
    /// </list>
    /// Calls through a delegate are left out: a helper that re-invokes its delegate until a validator accepts the answer
    /// would turn every lambda passed to it into a retry, with no code to show where the answer is rejected. Raw HTTP
    /// calls, whose loops test a status, are read by <see cref="RetriesOnStatus"/>.
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        private const int MaxDerivationPasses = 8;

        /// <summary>True when <paramref name="loop"/> re-sends <paramref name="call"/> unchanged after rejecting its answer.</summary>
        public static bool RetriesOnResult(IInvocationOperation call, ILoopOperation loop) =>
            loop.SemanticModel is { } model && !ReturnsHttpResponse(call, model.Compilation) && AnswerRetried(call, loop, model) is not null;

        /// <summary>
        /// The loop re-sends <paramref name="call"/> unchanged after testing its answer and going round: the variables it
        /// keeps the answer in (<c>Kept</c>) and those with what the loop computes from it (<c>Derived</c>), or null.
        /// Shared by result loops and raw HTTP status loops (<see cref="RetriesOnStatus"/>).
        /// </summary>
        private static (HashSet<ISymbol> Kept, HashSet<ISymbol> Derived)? AnswerRetried(IInvocationOperation call, ILoopOperation loop, SemanticModel model)
        {
            if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke)
            {
                return null;
            }

            // `for (...; reply is null && i < 3; i++) reply = await TryAskAsync(prompt);`: a body without braces is the
            // call's statement alone, which always goes round; only the loop condition can leave on the answer.
            var body = loop.Body.Syntax as BlockSyntax;
            var statement = body is null ? EmbeddedCallStatement(call.Syntax, loop.Body.Syntax) : CallStatement(call.Syntax, body);
            if (statement is null)
            {
                return null;
            }

            var answer = AnswerSymbols(call.Syntax, statement, model);
            if (answer.Count == 0)
            {
                return null;
            }

            var kept = new HashSet<ISymbol>(answer, SymbolEqualityComparer.Default);

            // A wrapper that answers with a success flag (`var (ok, error) = await TryReplyAsync(...)`) used the model's
            // answer itself; leaving on the flag alone is leaving with it (see ExitKeepsAnswer).
            var answersWithFlag = answer.Any(a => SymbolType(a)?.SpecialType == SpecialType.System_Boolean);
            Derive(loop, answer);
            // `if (r.Successful) return r; if (r.HttpStatusCode != HttpStatusCode.TooManyRequests) break; await Task.Delay(d);`:
            // the loop goes round only on a refused request (a rate-limit wait, see RateLimitOnlyRetries).
            if ((body is not null && GoesRoundOnlyOnRefusal(statement, body, loop.Syntax, model)) || RepeatsOnlyOnRateLimit(loop, model))
            {
                return null;
            }

            var allowed = Exits(loop, body is null ? new List<StatementSyntax>() : Following(statement, body), answer, model);
            if (allowed is null || (body is not null && !CanGoRound(statement, body, loop.Syntax, model)))
            {
                return null;
            }

            var logging = LogAndWaitCalls.For(model.Compilation);
            return (answersWithFlag || ExitKeepsAnswer(loop, allowed, answer, TestedLocals(loop, statement, kept, answer), model, logging))
                && AnswerDroppedOnRetry(loop, statement, kept, answer, allowed, model, logging)
                && UnchangedInputs(call, loop, model.Compilation) is { } inputs
                && !InputsMayChangeElsewhere(call, loop, inputs.Symbols, model.Compilation, logging)
                ? (kept, answer)
                : null;
        }

        /// <summary>
        /// A loop whose condition holds only for a refused request repeats only on one:
        /// <c>do { ...; r = await ...CreateCompletion(req); } while (!r.Successful &amp;&amp; r.HttpStatusCode == HttpStatusCode.TooManyRequests &amp;&amp; ++tries &lt; 5);</c>
        /// (a <c>continue</c> also goes through the condition).
        /// </summary>
        private static bool RepeatsOnlyOnRateLimit(ILoopOperation loop, SemanticModel model) =>
            ConditionOf(loop) is { } condition && new RateLimitOnlyRetries(model.Compilation).IsRateLimitCondition(condition);

        // ---- The call and its answer --------------------------------------------------------------------------------

        /// <summary>
        /// The declaration or expression statement holding the call, directly in <paramref name="body"/> or directly in the
        /// block of a <c>try</c> that is itself a statement of <paramref name="body"/> (<c>try { var r = await ...; if
        /// (IsValid(r)) return r; } catch (HttpRequestException) { }</c>: the answer test fails and the loop goes round).
        /// </summary>
        private static StatementSyntax? CallStatement(SyntaxNode call, BlockSyntax body)
        {
            for (var node = call; node is not null; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return null;
                }

                if (node.Parent == body || node.Parent is BlockSyntax { Parent: TryStatementSyntax @try } block && @try.Block == block && @try.Parent == body)
                {
                    return node is LocalDeclarationStatementSyntax or ExpressionStatementSyntax ? (StatementSyntax)node : null;
                }
            }

            return null;
        }

        /// <summary>The loop's body when it is an expression statement holding the call (not inside a lambda in it).</summary>
        private static StatementSyntax? EmbeddedCallStatement(SyntaxNode call, SyntaxNode body)
        {
            if (body is not ExpressionStatementSyntax statement || !statement.Span.Contains(call.Span))
            {
                return null;
            }

            for (var node = call; node != statement && node is not null; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax)
                {
                    return null;
                }
            }

            return statement;
        }

        /// <summary>
        /// Some path from the call's statement reaches the end of the loop body or a <c>continue</c>: without one
        /// (<c>if (IsValid(r)) return r; throw new InvalidOperationException();</c>) the call never runs twice.
        /// </summary>
        private static bool CanGoRound(StatementSyntax statement, BlockSyntax body, SyntaxNode loop, SemanticModel model)
        {
            var block = (BlockSyntax)statement.Parent!;
            var flow = model.AnalyzeControlFlow(statement, block.Statements[block.Statements.Count - 1]);
            if (flow is not { Succeeded: true })
            {
                return false;
            }

            if (flow.ExitPoints.Any(e => e is ContinueStatementSyntax && JumpTarget(e) == loop))
            {
                return true;
            }

            if (!flow.EndPointIsReachable)
            {
                return false;
            }

            // Inside a try: falling out of its block continues after the try statement.
            if (block == body || block.Parent is not StatementSyntax @try)
            {
                return true;
            }

            var index = body.Statements.IndexOf(@try);
            if (index == body.Statements.Count - 1)
            {
                return true;
            }

            var rest = model.AnalyzeControlFlow(body.Statements[index + 1], body.Statements[body.Statements.Count - 1]);
            return rest is { Succeeded: true }
                && (rest.EndPointIsReachable || rest.ExitPoints.Any(e => e is ContinueStatementSyntax && JumpTarget(e) == loop));
        }

        /// <summary>What runs after the call's statement in one pass: the rest of its block, then (inside a try) the rest of the loop body.</summary>
        private static List<StatementSyntax> Following(StatementSyntax statement, BlockSyntax body)
        {
            var following = new List<StatementSyntax>();
            var block = (BlockSyntax)statement.Parent!;
            following.AddRange(block.Statements.Skip(block.Statements.IndexOf(statement) + 1));
            if (block != body && block.Parent is StatementSyntax @try)
            {
                following.AddRange(body.Statements.Skip(body.Statements.IndexOf(@try) + 1));
            }

            return following;
        }

        /// <summary>
        /// Where the answer goes: the locals declared from the call (<c>var r = await ...</c>) or the variable assigned from
        /// it (<c>result = TryParse(await ...)</c>, a local, parameter or field of this object).
        /// </summary>
        private static HashSet<ISymbol> AnswerSymbols(SyntaxNode call, StatementSyntax statement, SemanticModel model)
        {
            var answer = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            switch (statement)
            {
                case LocalDeclarationStatementSyntax declaration:
                    foreach (var declarator in declaration.Declaration.Variables)
                    {
                        if (declarator.Initializer is { } initializer && initializer.Span.Contains(call.Span) && model.GetDeclaredSymbol(declarator) is { } local)
                        {
                            answer.Add(local);
                        }
                    }

                    break;
                case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right.Span.Contains(call.Span):
                    if (SimpleTarget(assignment.Left, model) is { } target)
                    {
                        answer.Add(target);
                    }

                    // `(ok, error) = await TryAskAsync(...)` and `var (ok, text) = await TryAskAsync(...)`: every part is the answer.
                    foreach (var part in DeconstructedParts(assignment.Left, model))
                    {
                        answer.Add(part);
                    }

                    break;
            }

            return answer;
        }

        private static IEnumerable<ISymbol> DeconstructedParts(ExpressionSyntax target, SemanticModel model)
        {
            switch (target)
            {
                case TupleExpressionSyntax tuple:
                    foreach (var argument in tuple.Arguments)
                    {
                        var part = argument.Expression is DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax single }
                            ? model.GetDeclaredSymbol(single)
                            : SimpleTarget(argument.Expression, model);
                        if (part is not null)
                        {
                            yield return part;
                        }
                    }

                    break;
                case DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax designation }:
                    foreach (var single in designation.Variables.OfType<SingleVariableDesignationSyntax>())
                    {
                        if (model.GetDeclaredSymbol(single) is { } part)
                        {
                            yield return part;
                        }
                    }

                    break;
            }
        }

        /// <summary><c>x</c> or <c>this.x</c>: a local, parameter, field or property of this object; null for anything else.</summary>
        private static ISymbol? SimpleTarget(ExpressionSyntax target, SemanticModel model)
        {
            var name = target switch
            {
                IdentifierNameSyntax identifier => identifier,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => member.Name,
                _ => null,
            };

            return name is null ? null : model.GetSymbolInfo(name).Symbol switch
            {
                ILocalSymbol local => local,
                IParameterSymbol parameter => parameter,
                IFieldSymbol field => field,
                IPropertySymbol { IsIndexer: false } property => property,
                _ => null,
            };
        }

        /// <summary>
        /// Adds what the loop computes from the answer: locals initialised or assigned from it (<c>var text = r.Text</c>),
        /// out variables of a call that reads it (<c>TryParse(r.Text, out var parsed)</c>), pattern variables of a test on it.
        /// </summary>
        private static void Derive(ILoopOperation loop, HashSet<ISymbol> answer)
        {
            for (var pass = 0; pass < MaxDerivationPasses; pass++)
            {
                var added = false;
                foreach (var operation in loop.Body.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer && ReadsAny(initializer.Value, answer):
                            added |= answer.Add(declarator.Symbol);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when ReadsAny(assignment.Value, answer):
                            added |= answer.Add(target.Local);
                            break;
                        case IInvocationOperation invocation when ReadsAny(invocation, answer):
                            foreach (var argument in invocation.Arguments)
                            {
                                if (argument.Parameter?.RefKind == RefKind.Out && OutLocal(argument.Value) is { } local)
                                {
                                    added |= answer.Add(local);
                                }
                            }

                            break;
                        case IIsPatternOperation test when ReadsAny(test.Value, answer):
                            foreach (var declared in test.Pattern.DescendantsAndSelf())
                            {
                                var symbol = declared switch
                                {
                                    IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
                                    IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
                                    _ => null,
                                };
                                if (symbol is not null)
                                {
                                    added |= answer.Add(symbol);
                                }
                            }

                            break;
                    }
                }

                if (!added)
                {
                    return;
                }
            }
        }

        /// <summary>The local an <c>out</c> argument writes (<c>out var x</c> or <c>out x</c>).</summary>
        internal static ILocalSymbol? OutLocal(IOperation value) => value switch
        {
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };

        private static bool ReadsAny(IOperation operation, HashSet<ISymbol> symbols) =>
            operation.DescendantsAndSelf().Any(o => ReadSymbol(o) is { } symbol && symbols.Contains(symbol));

        private static bool ReadsAny(SyntaxNode node, HashSet<ISymbol> symbols, SemanticModel model) =>
            node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => model.GetSymbolInfo(n).Symbol is { } symbol && symbols.Contains(symbol));

        private static ISymbol? ReadSymbol(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
            _ => null,
        };

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

        // ---- A rejected answer is dropped ---------------------------------------------------------------------------

        /// <summary>Every read of the answer outside the exits is a test, a derivation, a log, a throw or a return.</summary>
        private static bool AnswerDroppedOnRetry(ILoopOperation loop, StatementSyntax statement, HashSet<ISymbol> kept, HashSet<ISymbol> answer, List<SyntaxNode> exits, SemanticModel model, LogAndWaitCalls logging)
        {
            foreach (var operation in loop.Descendants())
            {
                if (ReadSymbol(operation) is { } symbol && answer.Contains(symbol) && !IsAnswerDerivedAssignmentTarget(operation, loop, statement, kept, answer)
                    && !IsAllowedRead(operation.Syntax, loop.Syntax, statement, answer, exits, model, logging))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAllowedRead(SyntaxNode read, SyntaxNode loop, StatementSyntax statement, HashSet<ISymbol> answer, List<SyntaxNode> exits, SemanticModel model, LogAndWaitCalls logging)
        {
            var handedOver = false;
            for (SyntaxNode node = read; node != loop && node.Parent is { } parent; node = parent)
            {
                if (node == statement || exits.Contains(node) || IsDisposeStatement(node, parent, model))
                {
                    return true;
                }

                switch (node)
                {
                    case ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax:
                        return true;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        // Captured by a lambda: where it runs, and with what, is not visible.
                        return false;
                    case ArgumentSyntax when parent.Parent is InvocationExpressionSyntax invocation:
                        var method = model.GetSymbolInfo(invocation).Symbol as IMethodSymbol;
                        // Logged, or waited on (`await Task.Delay(response.Headers.RetryAfter?.Delta ?? d)`): nothing keeps it.
                        if (logging.IsLoggingOrWait(method))
                        {
                            return true;
                        }

                        handedOver |= HandsOver(invocation, method, answer, model);
                        break;
                }

                if (IsTest(node, parent) || IsStatusCheck(node, parent, model) || (!handedOver && IsDerivation(node, parent, model)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>response.Dispose();</c> as a statement on the answer (review 84, AionMemory's status loop disposes the failed
        /// response before waiting): it releases the failed answer, it keeps nothing of it.
        /// </summary>
        private static bool IsDisposeStatement(SyntaxNode node, SyntaxNode parent, SemanticModel model) =>
            parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } access && access.Expression == node
            && access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Parent: ExpressionStatementSyntax } invocation
            && model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Parameters.Length: 0, ReturnsVoid: true };

        /// <summary>
        /// The answer is handed to a method (or extension method) of another object outside the BCL
        /// (<c>game.Apply(move.Text)</c>, <c>store.Save(r)</c>): that object does something with it. Static methods
        /// (parsers) and the answer's own methods only compute from it.
        /// </summary>
        private static bool HandsOver(InvocationExpressionSyntax invocation, IMethodSymbol? method, HashSet<ISymbol> answer, SemanticModel model) =>
            method is null
            || ((!method.IsStatic || method.ReducedFrom is not null) && !IsBcl(method)
                && !(invocation.Expression is MemberAccessExpressionSyntax member && ReadsAny(member.Expression, answer, model)));

        /// <summary><paramref name="node"/> is the condition of an <c>if</c> or a loop: a test of the answer.</summary>
        private static bool IsTest(SyntaxNode node, SyntaxNode parent) => parent switch
        {
            IfStatementSyntax test => test.Condition == node,
            WhileStatementSyntax whileLoop => whileLoop.Condition == node,
            DoStatementSyntax doLoop => doLoop.Condition == node,
            ForStatementSyntax forLoop => forLoop.Condition == node,
            _ => false,
        };

        /// <summary><paramref name="node"/> is the initializer of a local or the value assigned to a plain variable (<c>last = r.Text</c>).</summary>
        private static bool IsDerivation(SyntaxNode node, SyntaxNode parent, SemanticModel model) => parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax } => node is ExpressionSyntax,
            AssignmentExpressionSyntax assignment => assignment.Right == node && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && SimpleTarget(assignment.Left, model) is not null,
            _ => false,
        };

        // ---- Inputs nobody else may change --------------------------------------------------------------------------

        /// <summary>
        /// The stricter input checks of a result loop: the call takes an agent session or thread; an input is recomputed
        /// inside the loop in a way that may differ (<see cref="MayBeNewEachPass"/>); or an input object is handed to, or its method called by, code that could
        /// change it (a project or SDK method: <c>await tools.RunAsync(response, messages)</c>).
        /// </summary>
        private static bool InputsMayChangeElsewhere(IInvocationOperation call, IOperation scope, HashSet<ISymbol> inputs, Compilation compilation, LogAndWaitCalls logging, IOperation? rerun = null)
        {
            var sessions = new[]
            {
                compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AgentSession"),
                compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AgentThread"),
                compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Agents.AgentThread"),
            };
            if (call.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue && a.Value.ConstantValue is not { HasValue: true, Value: null }
                && sessions.Any(s => KnownRetrySymbols.IsOrInherits(ValueOrigins.Unwrap(a.Value).Type, s))))
            {
                return true;
            }

            // The request itself built by a call that may answer differently: `chat.GetResponseAsync(BoardState())`.
            if (call.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue && MayBeNewEachPass(a.Value, compilation))
                || (call.Instance is { } built && MayBeNewEachPass(built, compilation)))
            {
                return true;
            }

            var receiverSymbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (call.Instance is { } instance)
            {
                foreach (var operation in instance.DescendantsAndSelf())
                {
                    if (ReadSymbol(operation) is { } symbol)
                    {
                        receiverSymbols.Add(symbol.OriginalDefinition);
                    }
                }
            }

            foreach (var operation in scope.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when inputs.Contains(declarator.Symbol)
                        && declarator.GetVariableInitializer() is { } initializer && MayBeNewEachPass(initializer.Value, compilation):
                        return true;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when inputs.Contains(target.Local)
                        && MayBeNewEachPass(assignment.Value, compilation):
                        return true;
                    case IInvocationOperation other when other != call && other.Syntax != rerun?.Syntax && !call.Syntax.Span.Contains(other.Syntax.Span) && MayChangeInputs(other, inputs, receiverSymbols, logging, compilation):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A value the loop computes again on every pass that may differ: anything awaited (fresh data, the next queue
        /// message), or a call to a project method or an instance method outside the BCL (<c>prompts.Next()</c>). BCL calls
        /// (string formatting, LINQ), SDK factories (<c>ChatMessage.CreateUserMessage(text)</c>) and project methods that
        /// only compute from their arguments (<see cref="ReadOnlyProjectMethods"/>: <c>CreateRequest(request, configuration)</c>)
        /// give the same value, and so does a copy of a request (<see cref="RequestClones"/>: <c>await CloneAsync(request, ct)</c>,
        /// review 61), which is made anew only because .NET refuses to send one request message twice.
        /// </summary>
        private static bool MayBeNewEachPass(IOperation value, Compilation compilation) =>
            value.DescendantsAndSelf().Any(o => o switch
            {
                IAwaitOperation awaited => !IsRequestCopy(WithoutConfigureAwait(awaited.Operation), compilation),
                IInvocationOperation invocation => !IsBcl(invocation.TargetMethod)
                    && (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingAssembly, compilation.Assembly) || invocation.Instance is not null)
                    && !ReadOnlyProjectMethods.IsReadOnlyCall(invocation, compilation)
                    && !IsRequestCopy(invocation, compilation),
                _ => false,
            });

        private static bool IsRequestCopy(IOperation operation, Compilation compilation) =>
            operation is IInvocationOperation call && RequestClones.OriginalArgument(call, compilation) is not null;

        private static IOperation WithoutConfigureAwait(IOperation operation) =>
            ValueOrigins.Unwrap(operation) is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task } ? ValueOrigins.Unwrap(task) : ValueOrigins.Unwrap(operation);

        private static bool MayChangeInputs(IInvocationOperation invocation, HashSet<ISymbol> inputs, HashSet<ISymbol> receiverSymbols, LogAndWaitCalls logging, Compilation compilation)
        {
            var method = invocation.TargetMethod;

            // A delegate called for its side effect (`nudge();`, `await onRejected(r);`) runs code the loop does not
            // show, which may add to a captured history. One whose result is used (`if (accept(r.Text))`) is a test.
            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                return IsStatementOfItsOwn(invocation.Syntax) && inputs.Any(i => !receiverSymbols.Contains(i));
            }

            // A project method that only reads what it is given (`DelayBeforeRetryAsync(configuration, attempt, ct)`), or
            // copies the request it is given (writing only the copy).
            if (IsBcl(method) || logging.IsLogging(method) || ReadOnlyProjectMethods.IsReadOnlyCall(invocation, compilation, calledForEffect: IsStatementOfItsOwn(invocation.Syntax))
                || IsRequestCopy(invocation, compilation))
            {
                return false;
            }

            if (invocation.Instance is { } instance && ReadSymbol(ValueOrigins.Unwrap(instance)) is { } owner
                && inputs.Contains(owner.OriginalDefinition) && !receiverSymbols.Contains(owner.OriginalDefinition) && IsMutableObject(instance.Type))
            {
                return true;
            }

            return invocation.Arguments.Any(a => ReadSymbol(ValueOrigins.Unwrap(a.Value)) is { } passed
                && inputs.Contains(passed.OriginalDefinition) && IsMutableObject(ValueOrigins.Unwrap(a.Value).Type))
                || OwnMethodMayChangeMembers(invocation, inputs, receiverSymbols);
        }

        /// <summary>
        /// A method of this object (or a static one of its type, or a local function) called with nothing from the request, whose body names a
        /// field, property or primary constructor parameter the request reads (<c>AddCorrection()</c> adding to the
        /// <c>history</c> field, <c>Tighten()</c> rewriting the instructions): the next pass may send a different request
        /// although the loop itself never names it. The body is matched by name, and a body that calls another method of
        /// this object counts too, so a false match only keeps a loop from being reported. Validators and counters that
        /// name none of the inputs (<c>IsJson(r.Text)</c>, <c>CountRejection()</c>) leave the retry reported.
        /// </summary>
        private static bool OwnMethodMayChangeMembers(IInvocationOperation invocation, HashSet<ISymbol> inputs, HashSet<ISymbol> receiverSymbols)
        {
            var method = invocation.TargetMethod;
            if (invocation.Instance is not (null or IInstanceReferenceOperation) || method.ContainingType is not { } type)
            {
                return false;
            }

            // A local function also sees the method's locals and parameters (`void Nudge() => messages.Add(...)`).
            var local = method.MethodKind == MethodKind.LocalFunction;
            var members = new HashSet<string>(inputs
                .Where(i => !receiverSymbols.Contains(i) && (local || IsMemberOf(i, type)))
                .Select(i => i.Name));
            if (members.Count == 0)
            {
                return false;
            }

            var declarations = method.DeclaringSyntaxReferences;
            if (declarations.Length == 0)
            {
                // A method of a base type from another assembly: its body is not visible.
                return true;
            }

            return declarations.Any(d => d.GetSyntax().DescendantNodes().Any(n => n switch
            {
                IdentifierNameSyntax name => members.Contains(name.Identifier.ValueText)
                    || (name.Parent is InvocationExpressionSyntax || (name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax } member
                        && member.Name == name && member.Parent is InvocationExpressionSyntax)),
                _ => false,
            }));
        }

        /// <summary><c>f();</c> or <c>await f();</c>: a call made for what it does, its result unused.</summary>
        private static bool IsStatementOfItsOwn(SyntaxNode invocation)
        {
            var node = invocation.Parent;
            while (node is AwaitExpressionSyntax or ParenthesizedExpressionSyntax)
            {
                node = node.Parent;
            }

            return node is ExpressionStatementSyntax;
        }

        /// <summary>A field or property of <paramref name="type"/> or a base type, or a parameter of its primary constructor.</summary>
        private static bool IsMemberOf(ISymbol symbol, INamedTypeSymbol type)
        {
            var owner = symbol switch
            {
                IFieldSymbol or IPropertySymbol => symbol.ContainingType,
                IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } => constructor.ContainingType,
                _ => null,
            };

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, owner?.OriginalDefinition))
                {
                    return owner is not null;
                }
            }

            return false;
        }

        private static bool IsBcl(IMethodSymbol method)
        {
            var ns = (method.ReducedFrom ?? method).ContainingNamespace;
            while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns?.Name == "System";
        }

        /// <summary>An object a method could change: a class or interface other than string or a delegate.</summary>
        private static bool IsMutableObject(ITypeSymbol? type) =>
            type is not null && type.IsReferenceType && type.SpecialType != SpecialType.System_String && type.TypeKind != TypeKind.Delegate;
    }
}
