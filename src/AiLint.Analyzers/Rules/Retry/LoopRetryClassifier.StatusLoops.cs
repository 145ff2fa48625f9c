using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Loops over a raw HTTP call to a generation endpoint that test the response's status and send again:
    /// <code>
    /// while (attempt &lt; max)
    /// {
    ///     var response = await http.PostAsync(url, content);
    ///     if (response.IsSuccessStatusCode) return Parse(await response.Content.ReadAsStringAsync());
    ///     if ((int)response.StatusCode &gt;= 500 || response.StatusCode == HttpStatusCode.TooManyRequests) { await Task.Delay(d); attempt++; continue; }
    ///     throw new HttpRequestException(...);
    /// }
    /// </code>
    /// A 5xx (or 408, a timeout at a proxy, any failure after <c>if (response.IsSuccessStatusCode) return ...;</c>) may come
    /// after the provider generated and billed an answer, so going round on it re-sends a processed request: a retry. Going
    /// round only on a 429 (or 401) re-sends a request the provider refused: a rate-limit wait, not a retry
    /// (<see cref="RateLimitOnlyRetries"/>). Everything else a result loop checks applies unchanged (the loop leaves with
    /// the answer, drops a failed one, and sends the same request each pass: <see cref="AnswerRetried"/>), so turn loops,
    /// pagination, failover over models or endpoints and loops that shorten the prompt before going round stay quiet.
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>What a loop over a raw HTTP call does when it goes round.</summary>
        internal enum StatusLoopRetry
        {
            /// <summary>Not a retry (or not a raw HTTP call).</summary>
            None,

            /// <summary>Its tests read only the response's status: it sends again after a failed status.</summary>
            AfterFailedStatus,

            /// <summary>A test reads the answer's content: it asks again after rejecting the answer, as a result loop does.</summary>
            AfterRejectedAnswer,
        }

        /// <summary>The members of <c>HttpResponseMessage</c> that tell how it failed, not what the model answered (<c>Headers</c>: <c>Retry-After</c>).</summary>
        private static readonly HashSet<string> StatusMembers = new(System.StringComparer.Ordinal) { "StatusCode", "IsSuccessStatusCode", "ReasonPhrase", "Headers" };

        /// <summary>
        /// Whether <paramref name="loop"/> re-sends the raw HTTP <paramref name="call"/> unchanged after a failed status or a
        /// rejected answer (see the class remarks).
        /// </summary>
        public static StatusLoopRetry RetriesOnStatus(IInvocationOperation call, ILoopOperation loop)
        {
            if (loop.SemanticModel is not { } model || !ReturnsHttpResponse(call, model.Compilation)
                || SendsRequestMadeBeforeLoop(call, loop, model.Compilation)
                || AnswerRetried(call, loop, model) is not { } retried)
            {
                return StatusLoopRetry.None;
            }

            return TestsOnlyStatus(loop.Syntax, retried.Kept, retried.Derived, model) && !GoesRoundOnParseFailure(loop.Syntax, retried.Kept, retried.Derived, model)
                ? StatusLoopRetry.AfterFailedStatus
                : StatusLoopRetry.AfterRejectedAnswer;
        }

        /// <summary>
        /// A <c>try</c> in the loop that reads the response's content and has a catch that <c>continue</c>s the loop
        /// (<c>try { return Parse(await response.Content.ReadAsStringAsync()); } catch (JsonException) when (attempt &lt; 3)
        /// { await Task.Delay(d); continue; }</c>, review 49): the loop also asks again after rejecting a successful answer,
        /// a result retry, so a key made before the loop would hand back the rejected answer.
        /// </summary>
        private static bool GoesRoundOnParseFailure(SyntaxNode loop, HashSet<ISymbol> response, HashSet<ISymbol> derived, SemanticModel model) =>
            loop.DescendantNodes().OfType<TryStatementSyntax>().Any(@try =>
                (ReadsAny(@try.Block, response, model) || ReadsAny(@try.Block, derived, model))
                && !ReadsOnlyStatus(@try.Block, response, derived, model, allowLocals: true)
                && @try.Catches.Any(c => model.AnalyzeControlFlow(c.Block) is { Succeeded: true } flow
                    && flow.ExitPoints.Any(e => e is ContinueStatementSyntax && JumpTarget(e) == loop)));

        /// <summary>
        /// <c>SendAsync(request)</c> of an <c>HttpRequestMessage</c> the loop does not make (a local made before it, a
        /// parameter, a field): .NET refuses to send one request message twice, so the second pass throws
        /// <c>InvalidOperationException</c> instead of sending the request again.
        /// </summary>
        private static bool SendsRequestMadeBeforeLoop(IInvocationOperation call, ILoopOperation loop, Compilation compilation) =>
            call.TargetMethod.Name is "SendAsync" or "Send"
            && compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage") is { } requestType
            && call.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.Type, requestType)) is { } request
            && ValueOrigins.Unwrap(request.Value) switch
            {
                ILocalReferenceOperation local => !local.Local.DeclaringSyntaxReferences.Any(r => loop.Body.Syntax.Span.Contains(r.Span)),
                IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation => true,
                _ => false,
            };

        /// <summary>The call answers with an <c>HttpResponseMessage</c> (a raw HTTP call).</summary>
        private static bool ReturnsHttpResponse(IInvocationOperation call, Compilation compilation)
        {
            var type = call.Type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task && task.Name is "Task" or "ValueTask"
                ? task.TypeArguments[0]
                : call.Type;
            return KnownRetrySymbols.IsOrInherits(type, compilation.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage"));
        }

        /// <summary>
        /// Every test in the loop (an <c>if</c>, a <c>switch</c>, the loop condition) that reads the response, or what the
        /// loop computes from it, reads only its status (<c>response.IsSuccessStatusCode</c>, <c>(int)response.StatusCode
        /// &gt;= 500</c>, or a local set from those). A test of the content (<c>TryParse(json, out var r)</c>) rejects an answer.
        /// </summary>
        private static bool TestsOnlyStatus(SyntaxNode loop, HashSet<ISymbol> response, HashSet<ISymbol> derived, SemanticModel model)
        {
            var tests = loop.DescendantNodesAndSelf().Select(node => node switch
            {
                IfStatementSyntax test => test.Condition,
                SwitchStatementSyntax @switch => @switch.Expression,
                _ when node == loop => LoopCondition(loop),
                _ => null,
            });

            foreach (var test in tests)
            {
                if (test is not null && !ReadsOnlyStatus(test, response, derived, model, allowLocals: true))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <paramref name="node"/> reads the response only as <c>response.StatusCode</c>, <c>.IsSuccessStatusCode</c> or
        /// <c>.ReasonPhrase</c>, and (with <paramref name="allowLocals"/>) what is computed from it only through locals whose
        /// initializer does the same (<c>var status = (int)response.StatusCode;</c>).
        /// </summary>
        private static bool ReadsOnlyStatus(SyntaxNode node, HashSet<ISymbol> response, HashSet<ISymbol> derived, SemanticModel model, bool allowLocals)
        {
            foreach (var name in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(name).Symbol is not { } symbol || !derived.Contains(symbol))
                {
                    continue;
                }

                var statusRead = response.Contains(symbol)
                    ? name.Parent is MemberAccessExpressionSyntax member && member.Expression == name && StatusMembers.Contains(member.Name.Identifier.ValueText)
                    : allowLocals && symbol is ILocalSymbol local && SetOnlyFromStatus(local, response, derived, model);
                if (!statusRead)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A local declared with an initializer that reads the response only through its status.</summary>
        private static bool SetOnlyFromStatus(ILocalSymbol local, HashSet<ISymbol> response, HashSet<ISymbol> derived, SemanticModel model) =>
            local.DeclaringSyntaxReferences.Length > 0
            && local.DeclaringSyntaxReferences.All(r => r.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value }
                && ReadsOnlyStatus(value, response, derived, model, allowLocals: false));

        /// <summary>
        /// A read of a raw HTTP response that only checks its status, a test like an <c>if</c>:
        /// <c>response.EnsureSuccessStatusCode();</c> (it throws on a failure, as <c>if (!response.IsSuccessStatusCode)
        /// throw ...;</c> does) or the value of a <c>switch</c> on <c>response.StatusCode</c>.
        /// </summary>
        private static bool IsStatusCheck(SyntaxNode node, SyntaxNode parent, SemanticModel model)
        {
            switch (parent)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "EnsureSuccessStatusCode", Parent: InvocationExpressionSyntax ensure } member when member.Expression == node:
                    return model.GetSymbolInfo(ensure).Symbol is IMethodSymbol { ContainingType: var type }
                        && KnownRetrySymbols.IsOrInherits(type, model.Compilation.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage"));
                case SwitchStatementSyntax @switch when @switch.Expression == node:
                    return model.GetOperation(node) is { } value && RateLimitOnlyRetries.IsStatusRead(value);
                default:
                    return false;
            }
        }

        // ---- Ways round taken only after a refusal ------------------------------------------------------------------

        /// <summary>
        /// Every way the loop goes round after the call's statement (a <c>continue</c> of this loop, or reaching the end
        /// of the body) passes a test that the request was refused (a status of 429 or 401, see
        /// <see cref="RateLimitOnlyRetries"/>), so every pass that goes round re-sends a request the provider did not process:
        /// <list type="bullet">
        /// <item>a <c>continue</c> inside <c>if (429 test) { ... }</c> (also nested in <c>if (!response.IsSuccessStatusCode)</c>),
        /// in the <c>else</c> of <c>if (status != 429)</c>, or in a <c>case 429:</c> section of a switch on the status;</item>
        /// <item>anything after a statement that completes only on a refusal: <c>if (r.HttpStatusCode !=
        /// HttpStatusCode.TooManyRequests) break;</c> (also <c>return</c> or <c>throw</c>), an <c>if</c> whose every branch
        /// that can complete is taken only on a refusal, or a switch on the status whose only sections that can complete
        /// are labelled 429.</item>
        /// </list>
        /// A call in a <c>try</c> block is read the same way when every catch of that try that goes round admits only rate
        /// limits; one that goes round on any other failure is a way round no status test guards.
        /// </summary>
        private static bool GoesRoundOnlyOnRefusal(StatementSyntax statement, BlockSyntax body, SyntaxNode loop, SemanticModel model)
        {
            var block = (BlockSyntax)statement.Parent!;
            var @try = block == body ? null : block.Parent as TryStatementSyntax;
            if (block != body && (@try is null || @try.Catches.Any(c => CatchGoesRound(c, loop, model) && !CatchesOnlyRateLimits(c, model))))
            {
                return false;
            }

            // What runs after the call on one pass: the rest of its block, then (in a try) the rest of the loop body.
            var afterCall = block.Statements.Skip(block.Statements.IndexOf(statement) + 1).ToList();
            var afterTry = @try is null ? new List<StatementSyntax>() : body.Statements.Skip(body.Statements.IndexOf(@try) + 1).ToList();
            if (afterCall.Count + afterTry.Count == 0)
            {
                return false;
            }

            var refusals = new RefusalReader(afterCall, afterTry, body, model);
            var waysRound = 0;
            foreach (var @continue in afterCall.Concat(afterTry).SelectMany(s => s.DescendantNodesAndSelf()).OfType<ContinueStatementSyntax>())
            {
                if (JumpTarget(@continue) != loop)
                {
                    continue; // a continue of a nested loop, or inside a lambda
                }

                if (!refusals.OnlyAfterRefusal(@continue))
                {
                    return false;
                }

                waysRound++;
            }

            // Falling off the end of the body goes round like a continue.
            var reachesEnd = ReachesEnd(afterCall, model);
            if (reachesEnd == true)
            {
                reachesEnd = ReachesEnd(afterTry, model);
            }

            if (reachesEnd is null)
            {
                return false;
            }

            if (reachesEnd == true)
            {
                if (!afterCall.Concat(afterTry).Any(refusals.CompletesOnlyOnRefusal))
                {
                    return false;
                }

                waysRound++;
            }

            return waysRound > 0;
        }

        /// <summary>Whether running <paramref name="statements"/> can end after the last one; null when the analysis fails.</summary>
        private static bool? ReachesEnd(List<StatementSyntax> statements, SemanticModel model) =>
            statements.Count == 0 ? true
            : model.AnalyzeControlFlow(statements[0], statements[statements.Count - 1]) is { Succeeded: true } flow ? flow.EndPointIsReachable : null;

        private static bool CatchesOnlyRateLimits(CatchClauseSyntax @catch, SemanticModel model) =>
            model.GetOperation(@catch) is ICatchClauseOperation operation && new RateLimitOnlyRetries(model.Compilation).CatchesOnlyRateLimits(operation);

        /// <summary>Reads the statements after a call for the tests that let only a refused request through.</summary>
        private sealed class RefusalReader
        {
            private readonly List<StatementSyntax> afterCall;
            private readonly List<StatementSyntax> afterTry;
            private readonly BlockSyntax body;
            private readonly SemanticModel model;
            private readonly RateLimitOnlyRetries rateLimits;

            public RefusalReader(List<StatementSyntax> afterCall, List<StatementSyntax> afterTry, BlockSyntax body, SemanticModel model)
            {
                this.afterCall = afterCall;
                this.afterTry = afterTry;
                this.body = body;
                this.model = model;
                rateLimits = new RateLimitOnlyRetries(model.Compilation);
            }

            /// <summary>Every path from the call to <paramref name="jump"/> passes a refusal test.</summary>
            public bool OnlyAfterRefusal(SyntaxNode jump)
            {
                for (var node = jump; node != body && node.Parent is { } parent; node = parent)
                {
                    switch (parent)
                    {
                        case IfStatementSyntax test when test.Statement == node && IsRefusal(test.Condition):
                            return true;
                        case ElseClauseSyntax { Parent: IfStatementSyntax test } when IsNotRefusal(test.Condition):
                            return true;
                        case SwitchSectionSyntax section when section.Parent is SwitchStatementSyntax @switch && IsRefusalSection(@switch, section):
                            return true;
                        case BlockSyntax block when Before(block, node).Any(CompletesOnlyOnRefusal):
                            return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// The statements that ran before <paramref name="node"/> in <paramref name="block"/> on a pass that reaches it:
            /// after the call in the call's block; in the loop body after a try around the call, the rest of the try block
            /// too (only a finished try block, or a catch of a rate limit, reaches what follows it).
            /// </summary>
            private IEnumerable<StatementSyntax> Before(BlockSyntax block, SyntaxNode node)
            {
                if (node is not StatementSyntax statement)
                {
                    return Enumerable.Empty<StatementSyntax>();
                }

                var inCallBlock = afterCall.IndexOf(statement);
                if (inCallBlock >= 0)
                {
                    return afterCall.Take(inCallBlock);
                }

                var inBody = afterTry.IndexOf(statement);
                if (inBody >= 0)
                {
                    return afterCall.Concat(afterTry.Take(inBody));
                }

                return block == body ? Enumerable.Empty<StatementSyntax>() : block.Statements.TakeWhile(s => s != statement);
            }

            /// <summary>The statement completes (goes on to the next one) only when the request was refused.</summary>
            public bool CompletesOnlyOnRefusal(StatementSyntax statement)
            {
                switch (statement)
                {
                    case BlockSyntax block:
                        return block.Statements.Any(CompletesOnlyOnRefusal);
                    case IfStatementSyntax test:
                        var whenTrue = !CanComplete(test.Statement) || IsRefusal(test.Condition) || CompletesOnlyOnRefusal(test.Statement);
                        var whenFalse = IsNotRefusal(test.Condition)
                            || (test.Else is { Statement: var otherwise } && (!CanComplete(otherwise) || CompletesOnlyOnRefusal(otherwise)));
                        return whenTrue && whenFalse;
                    case SwitchStatementSyntax @switch:
                        // Without a default, any other status falls out of the switch.
                        return @switch.Sections.Any(s => s.Labels.Any(l => l is DefaultSwitchLabelSyntax))
                            && @switch.Sections.All(s => IsRefusalSection(@switch, s) || !BreaksOut(s, @switch));
                    default:
                        return false;
                }
            }

            private bool CanComplete(StatementSyntax statement) => model.AnalyzeControlFlow(statement) is not { Succeeded: true, EndPointIsReachable: false };

            /// <summary>A <c>break</c> in the section leaves the switch (C# lets no section fall into the next).</summary>
            private static bool BreaksOut(SwitchSectionSyntax section, SwitchStatementSyntax @switch) =>
                section.Statements.SelectMany(s => s.DescendantNodesAndSelf()).OfType<BreakStatementSyntax>().Any(b => JumpTarget(b) == @switch);

            private bool IsRefusalSection(SwitchStatementSyntax @switch, SwitchSectionSyntax section)
            {
                if (model.GetOperation(@switch) is not ISwitchOperation operation || !RateLimitOnlyRetries.IsStatusRead(operation.Value))
                {
                    return false;
                }

                var index = @switch.Sections.IndexOf(section);
                return index >= 0 && index < operation.Cases.Length && RateLimitOnlyRetries.IsRefusalSection(operation.Cases[index]);
            }

            /// <summary>The test holds only for a refused request: <c>response.StatusCode == HttpStatusCode.TooManyRequests</c>, <c>(int)r.StatusCode == 429 &amp;&amp; tries &lt; 5</c>.</summary>
            private bool IsRefusal(ExpressionSyntax condition) =>
                model.GetOperation(condition) is { } operation && rateLimits.IsRateLimitCondition(operation);

            /// <summary>
            /// The test fails only for a refused request: <c>r.StatusCode != HttpStatusCode.TooManyRequests</c> (also with an
            /// attempt cap after <c>||</c>), or that test after <c>!response.IsSuccessStatusCode &amp;&amp;</c>: a success that gets
            /// past it is not a failure sent again.
            /// </summary>
            private bool IsNotRefusal(ExpressionSyntax condition)
            {
                if (model.GetOperation(condition) is not { } operation)
                {
                    return false;
                }

                operation = ValueOrigins.Unwrap(operation);
                while (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and && IsFailureTest(and.LeftOperand))
                {
                    operation = ValueOrigins.Unwrap(and.RightOperand);
                }

                return rateLimits.IsNotRateLimitCondition(operation);
            }

            /// <summary><c>!response.IsSuccessStatusCode</c>.</summary>
            private static bool IsFailureTest(IOperation operation) =>
                ValueOrigins.Unwrap(operation) is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not
                && ValueOrigins.Unwrap(not.Operand) is IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" };
        }
    }
}
