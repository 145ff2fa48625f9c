using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A method that asks again by calling itself after rejecting the answer, the recursive twin of a result loop:
    /// <code>
    /// var r = await chat.GetResponseAsync(prompt);
    /// if (string.IsNullOrWhiteSpace(r.Text) &amp;&amp; attempt &lt; 3) return await AskAsync(prompt, attempt + 1);
    /// return r.Text;
    /// </code>
    /// The same question goes out again and a new answer is billed. Recursion written the same way also walks pages
    /// (the cursor comes from the answer), falls back to a smaller request (<c>AskAsync(prompt, image: null)</c>), sends
    /// the error back, or carries a conversation on; so every one of these must hold:
    /// <list type="number">
    /// <item>the call is a statement of the method's own body and keeps its answer in a variable;</item>
    /// <item>a later statement of that body is an <c>if</c> testing the answer (not a rate-limit test) whose branch only
    /// waits or logs and then returns the method's call of itself;</item>
    /// <item>that call reads nothing of the answer and passes on unchanged every parameter the request reads;</item>
    /// <item>nothing in the method changes an input that outlives one run (a field, a parameter's list), no input is
    /// handed to a method of the project or recomputed by a call that may answer differently, and the call takes no
    /// agent session (as for a result loop);</item>
    /// <item>only locals and logging sit between the call and the test, and the method returns the accepted answer.</item>
    /// </list>
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>True when the method around <paramref name="call"/> calls itself after rejecting its answer, re-sending it unchanged.</summary>
        public static bool RecursesOnResult(IInvocationOperation call)
        {
            if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke
                || call.SemanticModel is not { } model
                || FunctionBody(call.Syntax) is not { } body
                || CallStatement(call.Syntax, body) is not { } statement
                || statement.Parent != body
                || body.Parent is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                || !MentionsOwnCall(body, statement, body.Parent is MethodDeclarationSyntax method ? method.Identifier.ValueText : ((LocalFunctionStatementSyntax)body.Parent).Identifier.ValueText)
                || model.GetDeclaredSymbol(body.Parent) is not IMethodSymbol declared
                || ReturnsHttpResponse(call, model.Compilation))
            {
                return false;
            }

            var definition = declared.OriginalDefinition;
            var answer = AnswerSymbols(call.Syntax, statement, model);
            if (answer.Count == 0)
            {
                return false;
            }

            var following = body.Statements.Skip(body.Statements.IndexOf(statement) + 1).ToList();
            var logging = LogAndWaitCalls.For(model.Compilation);
            IInvocationOperation? recursive = null;
            IfStatementSyntax? test = null;
            foreach (var next in following)
            {
                if (next is IfStatementSyntax { Else: null } candidate
                    && ReadsAny(candidate.Condition, answer, model)
                    && RecursiveReturn(candidate.Statement, definition, model, logging) is { } found)
                {
                    recursive = found;
                    test = candidate;
                    break;
                }

                // Only locals derived from the answer and logging before the test: anything else may use the answer.
                if (next is LocalDeclarationStatementSyntax declaration)
                {
                    foreach (var declarator in declaration.Declaration.Variables)
                    {
                        if (declarator.Initializer is { } initializer && ReadsAny(initializer.Value, answer, model) && model.GetDeclaredSymbol(declarator) is { } derived)
                        {
                            answer.Add(derived);
                        }
                    }

                    continue;
                }

                if (next is not ExpressionStatementSyntax { Expression: var expression } || !IsWaitOrLog(expression, model, logging))
                {
                    return false;
                }
            }

            if (recursive is null || test is null
                || ReadsAny(recursive.Syntax, answer, model)
                || (model.GetOperation(test.Condition) is { } condition && new RateLimitOnlyRetries(model.Compilation).IsRateLimitCondition(condition))
                || !following.Skip(following.IndexOf(test) + 1).Any(s => s is ReturnStatementSyntax { Expression: { } value } && ReadsAny(value, answer, model)))
            {
                return false;
            }

            var root = ValueOrigins.Root(call);
            var inputs = new Inputs(root.Syntax, model.Compilation);
            return inputs.Collect(call, root)
                && PassesThrough(recursive, inputs.Symbols)
                && PassesOnOrCounts(recursive, logging)
                && model.GetOperation(body) is { } bodyOperation
                && !ChangesLastingInput(bodyOperation, body, inputs, call)
                && !InputsMayChangeElsewhere(call, bodyOperation, inputs.Symbols, model.Compilation, logging, rerun: recursive);
        }

        /// <summary>
        /// Every argument of the call to itself passes the same parameter on, or counts it (<c>attempt + 1</c>,
        /// <c>retries - 1</c>). Stricter than <see cref="PassesThrough"/>, which looks only at the parameters the request
        /// visibly reads: a parameter that reaches the request another way (<c>message.Contents.Add(new DataContent(image,
        /// ...))</c>) and is replaced (<c>DescribeAsync(prompt, null)</c>) makes a smaller request, a fallback. A parameter
        /// left to its default is replaced too, except a cancellation token.
        /// </summary>
        private static bool PassesOnOrCounts(IInvocationOperation recursive, LogAndWaitCalls calls)
        {
            foreach (var argument in recursive.Arguments)
            {
                if (argument.Parameter is not { } parameter)
                {
                    return false;
                }

                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    if (!calls.IsCancellationToken(parameter.Type))
                    {
                        return false;
                    }

                    continue;
                }

                var value = ValueOrigins.Unwrap(argument.Value);
                var passed = value switch
                {
                    IParameterReferenceOperation reference => reference.Parameter,
                    IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract, LeftOperand: var left, RightOperand: var right }
                        when ValueOrigins.ConstantInt(right) is not null => (ValueOrigins.Unwrap(left) as IParameterReferenceOperation)?.Parameter,
                    IIncrementOrDecrementOperation { Target: IParameterReferenceOperation target } => target.Parameter,
                    _ => null,
                };
                if (passed is null || !SymbolEqualityComparer.Default.Equals(passed.OriginalDefinition, parameter.OriginalDefinition))
                {
                    // `ct` handed on under another name, or `CancellationToken.None`: not part of the request.
                    if (!calls.IsCancellationToken(parameter.Type))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The block body of the method or local function around <paramref name="node"/>; null inside a lambda.</summary>
        private static BlockSyntax? FunctionBody(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax:
                        return null;
                    case LocalFunctionStatementSyntax local:
                        return local.Body;
                    case MethodDeclarationSyntax method:
                        return method.Body;
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        // A cheap test before binding anything: an `if` after the call's statement returns something naming the method.
        private static bool MentionsOwnCall(BlockSyntax body, StatementSyntax statement, string name)
        {
            for (var i = body.Statements.IndexOf(statement) + 1; i < body.Statements.Count; i++)
            {
                if (body.Statements[i] is IfStatementSyntax { Else: null } test
                    && test.Statement.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().Any(r => r.Expression is { } e
                        && e.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == name)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>return await AskAsync(prompt, attempt + 1);</c>, alone or after waits and logging in a block: the call of
        /// <paramref name="method"/> it returns.
        /// </summary>
        private static IInvocationOperation? RecursiveReturn(StatementSyntax branch, IMethodSymbol method, SemanticModel model, LogAndWaitCalls logging)
        {
            var statements = branch is BlockSyntax block ? block.Statements.ToList() : new List<StatementSyntax> { branch };
            if (statements.Count == 0 || statements[statements.Count - 1] is not ReturnStatementSyntax { Expression: { } returned })
            {
                return null;
            }

            for (var i = 0; i < statements.Count - 1; i++)
            {
                if (statements[i] is not ExpressionStatementSyntax { Expression: var expression } || !IsWaitOrLog(expression, model, logging))
                {
                    return null;
                }
            }

            var value = returned;
            while (true)
            {
                switch (value)
                {
                    case AwaitExpressionSyntax awaited:
                        value = awaited.Expression;
                        continue;
                    case ParenthesizedExpressionSyntax parenthesized:
                        value = parenthesized.Expression;
                        continue;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var inner } }:
                        value = inner;
                        continue;
                }

                break;
            }

            return value is InvocationExpressionSyntax && model.GetOperation(value) is IInvocationOperation invocation
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, method)
                ? invocation
                : null;
        }

        /// <summary><c>await Task.Delay(d);</c> or a logging call.</summary>
        private static bool IsWaitOrLog(ExpressionSyntax expression, SemanticModel model, LogAndWaitCalls logging)
        {
            if (expression is AwaitExpressionSyntax awaited)
            {
                expression = awaited.Expression;
            }

            if (model.GetOperation(expression) is not IInvocationOperation invocation)
            {
                return false;
            }

            return logging.IsLoggingOrWait(invocation.TargetMethod);
        }

        /// <summary>
        /// The method changes an input that outlives one run (a field, or an object a parameter holds) or hands an input to
        /// a method of the project: the next run then sends something else. Locals declared in the method are built anew on
        /// each run, so filling them (<c>messages.Add(...)</c> on a list made here) changes nothing between runs.
        /// </summary>
        private static bool ChangesLastingInput(IOperation bodyOperation, BlockSyntax body, Inputs inputs, IInvocationOperation call)
        {
            var operations = RetryContextFinder.DescendantsInSameFunction(bodyOperation).ToList();
            if (inputs.HandedToOtherCode(operations, call))
            {
                return true;
            }

            foreach (var operation in operations)
            {
                if (!inputs.ChangedIn(new[] { operation }))
                {
                    continue;
                }

                var written = operation switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IIncrementOrDecrementOperation increment => increment.Target,
                    IArgumentOperation argument => argument.Value,
                    IInvocationOperation invocation => invocation.Instance ?? invocation.Arguments.FirstOrDefault()?.Value,
                    _ => null,
                };
                if (written is null
                    || ValueOrigins.Unwrap(written) is not ILocalReferenceOperation { Local: var local }
                    || !local.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == body.SyntaxTree && body.Span.Contains(r.Span)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
