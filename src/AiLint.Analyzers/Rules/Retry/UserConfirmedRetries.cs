using System.Linq;
using Microsoft.CodeAnalysis;
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
    /// Only the console counts: a file or a channel is not a person deciding.
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
            if (loop.Syntax is DoStatementSyntax doLoop && typed.Reads(doLoop.Condition))
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
            if (!flow.Succeeded)
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

            public TypedInput(SemanticModel model, INamedTypeSymbol console, SyntaxNode loop)
            {
                this.model = model;
                this.console = console;
                this.loop = loop;
            }

            /// <summary><c>if (typed test) break;</c>: a test of what the user typed whose branch surely leaves the loop.</summary>
            public bool IsLeavingTest(StatementSyntax statement)
            {
                if (statement is not IfStatementSyntax test || !Reads(test.Condition))
                {
                    return false;
                }

                var flow = model.AnalyzeControlFlow(test.Statement);
                return flow.Succeeded && !flow.EndPointIsReachable && !flow.ExitPoints.Any(e => e is ContinueStatementSyntax && NearestLoop(e) == loop);
            }

            /// <summary>The <c>continue</c> lies in the then-branch of an <c>if</c> (inside <paramref name="region"/>) on what the user typed.</summary>
            public bool UnderTest(SyntaxNode node, SyntaxNode region)
            {
                for (var current = node; current is not null && current != region; current = current.Parent)
                {
                    if (current.Parent is IfStatementSyntax test && test.Statement == current && Reads(test.Condition))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The expression reads the console, or a local of the loop set from a console read.</summary>
            public bool Reads(ExpressionSyntax expression)
            {
                foreach (var node in expression.DescendantNodesAndSelf())
                {
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

            // `var answer = Console.ReadLine();` or `answer = Console.ReadKey().KeyChar;` somewhere in the loop.
            private bool SetFromConsole(ILocalSymbol local)
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
                        .Any(i => model.GetOperation(i) is IInvocationOperation invocation && ReadsConsole(invocation, 0)))
                    {
                        return true;
                    }
                }

                return false;
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
