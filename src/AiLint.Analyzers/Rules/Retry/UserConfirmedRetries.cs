using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A loop whose catch goes round only after the user asks for it: the console "Retry? (y/n)" of a chat app.
    /// <code>
    /// while (true)
    /// {
    ///     try { await foreach (var u in chat.GetStreamingResponseAsync(history)) Console.Write(u.Text); break; }
    ///     catch (HttpRequestException ex) { Console.WriteLine(ex.Message); }
    ///     Console.Write("Press r to retry: ");
    ///     if (Console.ReadLine() != "r") break;
    /// }
    /// </code>
    /// The next attempt is a new request the user made after seeing the failure, like the same "Retry" button written
    /// as a separate handler (which is not a retry either): no code sends the request again on its own.
    /// </summary>
    /// <remarks>
    /// A catch counts as asking the user when every way it goes round passes a test of what the user typed at the console
    /// (<c>Console.ReadLine</c>, <c>ReadKey</c>, <c>Read</c>, directly, through a local set from one, or through a method of
    /// the project that reads the console, two calls deep) that can leave the loop:
    /// <list type="bullet">
    /// <item>a statement of the catch, before any <c>continue</c>, is <c>if (typed test) break;</c> (or <c>return</c>, <c>throw</c>);</item>
    /// <item>the catch ends in <c>throw</c>/<c>break</c>/<c>return</c> and every <c>continue</c> in it sits in the branch of an
    /// <c>if</c> on what the user typed (<c>if (Console.ReadLine() == "y") continue; throw;</c>);</item>
    /// <item>the catch falls out, the try is a statement of the loop body, and a later statement of that body, before any
    /// <c>continue</c>, is such a leaving <c>if</c>;</item>
    /// <item>the loop is a <c>do</c> loop whose condition reads what the user typed.</item>
    /// </list>
    /// Only the console counts: a file or a channel is not a person deciding. The read must happen every time the test
    /// runs: <c>Console.KeyAvailable &amp;&amp; Console.ReadKey().Key == ConsoleKey.Escape</c> skips the read when no key is
    /// waiting, so the loop goes round on its own ("Esc to give up" is an automatic retry the user can only stop).
    /// </remarks>
    internal static class UserConfirmedRetries
    {
        /// <summary>True when a failure caught by <paramref name="catch"/> goes round <paramref name="loop"/> only after the user asks.</summary>
        public static bool GoesRoundOnlyWhenUserAsks(ICatchClauseOperation @catch, ITryOperation @try, ILoopOperation loop)
        {
            if (@catch.Syntax is not CatchClauseSyntax { Block: { } block }
                || @try.Syntax is not TryStatementSyntax tryStatement
                || @try.SemanticModel is not { } model
                || model.Compilation.GetTypeByMetadataName("System.Console") is not { } console)
            {
                return false;
            }

            var typed = new TypedInput(model, console, loop.Syntax);
            if (loop.Syntax is DoStatementSyntax doLoop && typed.Reads(doLoop.Condition, skipIsSafeWhen: false))
            {
                return true;
            }

            foreach (var statement in block.Statements)
            {
                if (typed.IsLeavingTest(statement))
                {
                    return true;
                }

                if (ContinuesLoop(statement, loop.Syntax))
                {
                    break;
                }
            }

            var flow = model.AnalyzeControlFlow(block);
            if (flow is null || !flow.Succeeded)
            {
                return false;
            }

            var continues = flow.ExitPoints.OfType<ContinueStatementSyntax>().Where(c => NearestLoop(c) == loop.Syntax).ToList();
            if (!flow.EndPointIsReachable)
            {
                return continues.Count > 0 && continues.All(c => typed.UnderTest(c, block));
            }

            if (continues.Count > 0 || tryStatement.Parent is not BlockSyntax body || body.Parent != loop.Syntax)
            {
                return false;
            }

            foreach (var statement in body.Statements.Skip(body.Statements.IndexOf(tryStatement) + 1))
            {
                if (typed.IsLeavingTest(statement))
                {
                    return true;
                }

                if (ContinuesLoop(statement, loop.Syntax))
                {
                    return false;
                }
            }

            return false;
        }

        private static bool ContinuesLoop(SyntaxNode node, SyntaxNode loop) =>
            node.DescendantNodesAndSelf().OfType<ContinueStatementSyntax>().Any(c => NearestLoop(c) == loop);

        private static SyntaxNode? NearestLoop(SyntaxNode node) =>
            node.Ancestors().FirstOrDefault(a => a is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax);

        /// <summary>What the user typed at the console, as the tests of one loop read it.</summary>
        private sealed class TypedInput
        {
            private readonly SemanticModel model;
            private readonly INamedTypeSymbol console;
            private readonly SyntaxNode loop;

            // Per local, whether the loop sets it from the console: a condition of thousands of terms reads the same local
            // (the caught exception) in each, and each answer walks the whole loop.
            private readonly Dictionary<ILocalSymbol, bool> setFromConsole = new(SymbolEqualityComparer.Default);

            public TypedInput(SemanticModel model, INamedTypeSymbol console, SyntaxNode loop)
            {
                this.model = model;
                this.console = console;
                this.loop = loop;
            }

            /// <summary><c>if (typed test) break;</c>: a test of what the user typed whose branch surely leaves the loop.</summary>
            public bool IsLeavingTest(StatementSyntax statement)
            {
                if (statement is not IfStatementSyntax test || !Reads(test.Condition, skipIsSafeWhen: true))
                {
                    return false;
                }

                var flow = model.AnalyzeControlFlow(test.Statement);
                return flow is { Succeeded: true } && !flow.EndPointIsReachable && !flow.ExitPoints.Any(e => e is ContinueStatementSyntax && NearestLoop(e) == loop);
            }

            /// <summary>The <c>continue</c> lies in the then-branch of an <c>if</c> (inside <paramref name="region"/>) on what the user typed.</summary>
            public bool UnderTest(SyntaxNode node, SyntaxNode region)
            {
                for (var current = node; current is not null && current != region; current = current.Parent)
                {
                    if (current.Parent is IfStatementSyntax test && test.Statement == current && Reads(test.Condition, skipIsSafeWhen: false))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// The expression reads the console, or a local of the loop set from a console read, every time it is evaluated:
            /// a read the test can skip (<c>Console.KeyAvailable &amp;&amp; Console.ReadKey().Key == ...</c>) does not wait for
            /// the user, so the loop goes round on its own whenever no key is waiting. A read skipped by <c>&amp;&amp;</c>/<c>||</c>
            /// still counts when skipping makes the whole test <paramref name="skipIsSafeWhen"/> (true for a leaving <c>if</c>,
            /// false for a <c>do</c> condition or an <c>if</c> that continues): <c>while (!done &amp;&amp; Console.ReadLine() == "y")</c>.
            /// </summary>
            public bool Reads(ExpressionSyntax expression, bool skipIsSafeWhen)
            {
                foreach (var node in expression.DescendantNodesAndSelf())
                {
                    if (!AlwaysEvaluated(node, expression, skipIsSafeWhen))
                    {
                        continue;
                    }

                    if (node is InvocationExpressionSyntax && model.GetOperation(node) is IInvocationOperation invocation && ReadsConsole(invocation, 0))
                    {
                        return true;
                    }

                    if (node is IdentifierNameSyntax && model.GetSymbolInfo(node).Symbol is ILocalSymbol local && SetFromConsole(local))
                    {
                        return true;
                    }
                }

                return false;
            }

            // `var answer = Console.ReadLine();` or `answer = Console.ReadKey().KeyChar;` somewhere in the loop, not in a branch
            // that can skip it (`if (Console.KeyAvailable) key = Console.ReadKey().Key;`).
            private bool SetFromConsole(ILocalSymbol local)
            {
                if (!setFromConsole.TryGetValue(local, out var set))
                {
                    set = FindConsoleWrite(local);
                    setFromConsole[local] = set;
                }

                return set;
            }

            private bool FindConsoleWrite(ILocalSymbol local)
            {
                foreach (var node in loop.DescendantNodes())
                {
                    ExpressionSyntax? value = node switch
                    {
                        VariableDeclaratorSyntax { Initializer: { } initializer } declarator when SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator), local) => initializer.Value,
                        AssignmentExpressionSyntax assignment when SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left).Symbol, local) => assignment.Right,
                        _ => null,
                    };
                    if (value is not null && value.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                        .Any(i => AlwaysEvaluated(i, loop, null) && model.GetOperation(i) is IInvocationOperation invocation && ReadsConsole(invocation, 0)))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// False when <paramref name="node"/> sits, below <paramref name="boundary"/>, where it may not run: the right of
            /// <c>&amp;&amp;</c>/<c>||</c>/<c>??</c>, a branch of <c>?:</c>, an <c>if</c> or a <c>switch</c>, after <c>?.</c>,
            /// or in a lambda. A skip by <c>&amp;&amp;</c>/<c>||</c> whose value makes <paramref name="boundary"/> (a condition)
            /// <paramref name="skipIsSafeWhen"/> is fine: the skip does not go round.
            /// </summary>
            private static bool AlwaysEvaluated(SyntaxNode node, SyntaxNode boundary, bool? skipIsSafeWhen)
            {
                for (var child = node; child != boundary && child.Parent is { } parent; child = parent)
                {
                    if (skipIsSafeWhen is { } safe && parent is BinaryExpressionSyntax logical && child == logical.Right
                        && logical.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression)
                    {
                        return ValueWhenSkipped(logical, boundary) == safe;
                    }

                    var skippable = parent switch
                    {
                        BinaryExpressionSyntax binary => child == binary.Right && binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression,
                        AssignmentExpressionSyntax assignment => child == assignment.Right && assignment.Kind() == SyntaxKind.CoalesceAssignmentExpression,
                        ConditionalExpressionSyntax conditional => child != conditional.Condition,
                        ConditionalAccessExpressionSyntax access => child == access.WhenNotNull,
                        IfStatementSyntax test => child != test.Condition,
                        SwitchExpressionSyntax @switch => child != @switch.GoverningExpression,
                        SwitchSectionSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax => true,
                        _ => false,
                    };
                    if (skippable)
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>
            /// The value of <paramref name="boundary"/> when <paramref name="logical"/> short-circuits, followed up through
            /// parentheses, <c>!</c> and <c>&amp;&amp;</c>/<c>||</c> that the value decides; null when something else decides it.
            /// </summary>
            private static bool? ValueWhenSkipped(BinaryExpressionSyntax logical, SyntaxNode boundary)
            {
                var value = logical.IsKind(SyntaxKind.LogicalOrExpression);
                for (SyntaxNode current = logical; current != boundary; current = current.Parent!)
                {
                    switch (current.Parent)
                    {
                        case ParenthesizedExpressionSyntax:
                            break;
                        case PrefixUnaryExpressionSyntax negation when negation.IsKind(SyntaxKind.LogicalNotExpression):
                            value = !value;
                            break;
                        case BinaryExpressionSyntax outer when outer.IsKind(value ? SyntaxKind.LogicalOrExpression : SyntaxKind.LogicalAndExpression):
                            break;
                        default:
                            return null;
                    }
                }

                return value;
            }

            // Console.ReadLine/ReadKey/Read, or a method of the project (two calls deep) that makes one: `AskYesNo("Retry?")`.
            private bool ReadsConsole(IInvocationOperation invocation, int depth)
            {
                var method = invocation.TargetMethod;
                if (method.Name.StartsWith("Read", System.StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(method.ContainingType, console))
                {
                    return true;
                }

                if (depth >= 2 || !AiLint.Analyzers.LlmCalls.SourceBodies.IsInSource(method.OriginalDefinition, model.Compilation))
                {
                    return false;
                }

                return AiLint.Analyzers.LlmCalls.SourceBodies.GetBodies(method.OriginalDefinition, model.Compilation, System.Threading.CancellationToken.None)
                    .Any(body => body.DescendantsAndSelf().OfType<IInvocationOperation>().Any(inner => ReadsConsole(inner, depth + 1)));
            }
        }
    }
}
