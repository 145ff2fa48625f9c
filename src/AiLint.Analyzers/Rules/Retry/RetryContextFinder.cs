using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Finds the innermost retry that re-runs an operation: a Polly v8 pipeline or v7 policy callback, a hand-written
    /// retry loop, a method that calls itself from its own catch, or a lambda passed to one of the project's retry
    /// helpers. One instance per compilation; thread-safe.
    /// </summary>
    internal sealed partial class RetryContextFinder
    {
        private readonly Compilation compilation;
        private readonly PollyRetries polly;
        private readonly RateLimitOnlyRetries rateLimits;
        private readonly ConcurrentDictionary<IMethodSymbol, HelperInfo> helpers = new(SymbolEqualityComparer.Default);
        private readonly object helperGate = new();
        private readonly HashSet<IMethodSymbol> helpersInProgress = new(SymbolEqualityComparer.Default);

        public RetryContextFinder(Compilation compilation, KnownRetrySymbols symbols, ConfiguredRetryMethods? configured = null)
        {
            this.compilation = compilation;
            implementations = new System.Lazy<Dictionary<IMethodSymbol, List<IMethodSymbol>>>(() => SourceImplementations.Find(compilation));
            polly = new PollyRetries(symbols, compilation, implementations);
            rateLimits = new RateLimitOnlyRetries(compilation);
            this.configured = configured ?? ConfiguredRetryMethods.Empty;
            callerUrls = new System.Lazy<CallerSuppliedUrls>(() => new CallerSuppliedUrls(compilation));
            clonedSends = new System.Lazy<ClonedRequestSends>(() => new ClonedRequestSends(compilation));
            middlewareNext = new MiddlewareNextCalls(symbols, compilation);
            projectThrows = new System.Lazy<ProjectThrows>(() => new ProjectThrows(compilation));
        }

        private readonly System.Lazy<ProjectThrows> projectThrows;

        public PollyRetries Polly => polly;

        /// <summary>The innermost retry re-running <paramref name="operation"/>, or null.</summary>
        /// <param name="operation">An operation inside a member body.</param>
        /// <param name="owningMethod">The method whose body the operation tree is (for the recursion shape).</param>
        /// <param name="cancellationToken">Cancels the analysis.</param>
        public RetryContext? Find(IOperation operation, IMethodSymbol? owningMethod, CancellationToken cancellationToken) =>
            Find(operation, owningMethod, memo: null, cancellationToken);

        /// <summary>
        /// As <see cref="Find(IOperation, IMethodSymbol?, CancellationToken)"/>, remembering in <paramref name="memo"/> what
        /// each enclosing lambda and try of one body contributes.
        /// </summary>
        /// <remarks>
        /// Why a per-body memo: several calls under the same lambda or try would otherwise each re-classify it (a Polly
        /// receiver traced through the whole body, control-flow analysis of every catch). What a lambda or try contributes
        /// depends on that construct alone: the lambda's callback context is a function of the lambda; for a try, the
        /// function used by the recursion shape is the nearest local function around the try (the walk stops at the
        /// first local function, so that is also the one around the operation) or else <paramref name="owningMethod"/>,
        /// which is fixed for one body. The memo belongs to one body of one analysis and is dropped with it.
        /// </remarks>
        public RetryContext? Find(IOperation operation, IMethodSymbol? owningMethod, Dictionary<IOperation, RetryContext?>? memo, CancellationToken cancellationToken)
        {
            IMethodSymbol? enclosingMethod = null;
            var enclosingKnown = false;
            var current = operation;
            for (var parent = operation.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        RetryContext? callback;
                        if (memo is null || !memo.TryGetValue(lambda, out callback))
                        {
                            callback = CallbackContext(lambda, lambda, cancellationToken);
                            memo?.Add(lambda, callback);
                        }

                        if (callback is not null)
                        {
                            return callback;
                        }

                        // Middleware registered with ChatClientBuilder.Use / AIAgentBuilder.Use runs later, once per request:
                        // what is around the registration does not run it.
                        if (middlewareNext.RunsPerRequest(lambda))
                        {
                            return null;
                        }

                        // Other lambdas (Task.Run, LINQ) run where they are written: keep looking outwards.
                        break;
                    case ILocalFunctionOperation:
                        // A local function runs where it is called; its callers see it through the project call graph.
                        return null;
                    case ITryOperation @try when current == @try.Body:
                        RetryContext? retry;
                        if (memo is null || !memo.TryGetValue(@try, out retry))
                        {
                            if (!enclosingKnown)
                            {
                                enclosingMethod = EnclosingFunction(operation) ?? owningMethod;
                                enclosingKnown = true;
                            }

                            retry = TryRetry(@try, enclosingMethod);
                            memo?.Add(@try, retry);
                        }

                        if (!enclosingKnown && retry?.Kind == RetryKind.Recursion)
                        {
                            enclosingMethod = EnclosingFunction(operation) ?? owningMethod;
                            enclosingKnown = true;
                        }

                        // The try re-runs its body; whether that repeats *this* call with the same inputs depends on
                        // the call (a turn loop, a round-robin or a self-correction sends something new each time).
                        // When it does not, an outer pipeline or loop may still retry the call: keep looking.
                        if (retry is not null && RetriesSameCall(operation, @try, retry, enclosingMethod)
                            && !CatchesOnlyPreCallFailures(operation, @try, retry, cancellationToken))
                        {
                            return retry;
                        }

                        // A long-poll loop whose offset passes an update only after it was handled fetches a failed one again.
                        if (LongPollRedelivery.RedeliveringLoop(operation, @try) is { } redelivering
                            && @try.Catches.Any(c => !rateLimits.CatchesOnlyRateLimits(c)))
                        {
                            return new RetryContext(RetryKind.Loop, "long-poll loop that fetches the failed update again", redelivering.Body, anchor: null, attempts: null, unbounded: false);
                        }

                        break;
                    // `stream ??= call.GetAsyncEnumerator(ct); try { hasNext = await stream.MoveNextAsync(); } catch { stream = null; continue; }`:
                    // the call is in no try, so only the loop shows the retry (RetryContextFinder.KeptStreams.cs).
                    case ILoopOperation loop when current == loop.Body && operation is IInvocationOperation madeBeforeTry
                        && KeptStreamRemadeBeforeTry(madeBeforeTry, loop) is { } keptStream:
                        return keptStream;
                    case ILoopOperation loop when current == loop.Body && operation is IInvocationOperation call && LoopRetryClassifier.RetriesOnResult(call, loop):
                        return ResultLoopContext(loop);

                    // `var response = await http.PostAsync(url, content); if (response.IsSuccessStatusCode) return ...; await Task.Delay(d);`
                    case ILoopOperation loop when current == loop.Body && operation is IInvocationOperation sent
                        && LoopRetryClassifier.RetriesOnStatus(sent, loop) is var status && status != LoopRetryClassifier.StatusLoopRetry.None:
                        return StatusLoopContext(loop, status);
                }
            }

            // `var r = await Ask(prompt); if (IsBad(r) && attempt < 3) return await AskAsync(prompt, attempt + 1);`.
            if (operation is IInvocationOperation asked && LoopRetryClassifier.RecursesOnResult(asked))
            {
                var name = owningMethod?.Name ?? "itself";
                return new RetryContext(RetryKind.ResultLoop, "recursive call to " + name + " that asks again after rejecting the answer", current, anchor: null, attempts: null, unbounded: false);
            }

            return null;
        }

        /// <summary>How a retry loop is named in the message, and its attempt count when a <c>for</c> loop states one.</summary>
        private static (string Name, int? Attempts) LoopNameAndAttempts(ILoopOperation loop) => loop switch
        {
            IForLoopOperation forLoop => ("for loop", ForLoopAttempts(forLoop)),
            IWhileLoopOperation { ConditionIsTop: false } => ("do loop", (int?)null),
            IWhileLoopOperation => ("while loop", null),
            IForEachLoopOperation => ("foreach loop", null),
            _ => ("loop", null),
        };

        /// <summary>
        /// A loop that re-asks after a rejected answer (see <see cref="LoopRetryClassifier.RetriesOnResult"/>). No anchor:
        /// the key fixes would make every attempt return the first, rejected answer.
        /// </summary>
        private static RetryContext ResultLoopContext(ILoopOperation loop)
        {
            var (name, attempts) = LoopNameAndAttempts(loop);

            return new RetryContext(RetryKind.ResultLoop, name + " that asks again after rejecting the answer", loop.Body, anchor: null, attempts, unbounded: false);
        }

        /// <summary>
        /// A loop that sends a raw HTTP request again after a failed status (see <see cref="LoopRetryClassifier.RetriesOnStatus"/>):
        /// a retry of a failure, like a catch that goes round, so a key made before the loop is the remedy and one made on
        /// each pass is AIL0004. One that also tests the content asks again after rejecting the answer (a result loop).
        /// </summary>
        private static RetryContext StatusLoopContext(ILoopOperation loop, LoopRetryClassifier.StatusLoopRetry status)
        {
            if (status != LoopRetryClassifier.StatusLoopRetry.AfterFailedStatus)
            {
                return ResultLoopContext(loop);
            }

            var (name, attempts) = LoopNameAndAttempts(loop);
            var anchor = loop.Syntax.Parent is BlockSyntax ? loop.Syntax : null;
            return new RetryContext(RetryKind.Loop, name + " that sends again after a failed status", loop.Body, anchor, attempts, unbounded: false, afterFailedStatus: true);
        }

        private bool RetriesSameCall(IOperation operation, ITryOperation @try, RetryContext retry, IMethodSymbol? enclosingMethod) => retry.Kind switch
        {
            RetryKind.Loop => retry.Region.Parent is ILoopOperation loop
                && !OnceCreatedEnumerators.CreatedOnce(operation, loop)
                && (LoopRetryClassifier.RetriesCall(operation, loop) || LoopRetryClassifier.RetriesCallAdvancingOnSuccess(operation, loop, @try)
                    || RequeueRetries.RetriesCall(operation, @try, loop, c => !rateLimits.CatchesOnlyRateLimits(c))),
            RetryKind.Recursion => enclosingMethod is not null && LoopRetryClassifier.RecursionRetriesCall(operation, @try, enclosingMethod),
            RetryKind.Goto => LoopRetryClassifier.GotoRetriesCall(operation, @try),
            _ => true,
        };

        /// <summary>
        /// Every catch that may go round catches only a project exception that the try throws before the call
        /// (<c>if (!lease.IsAcquired) throw new LeaseRejectedException();</c>, see <see cref="ProjectThrows"/>), or admits only
        /// rate limits: a failure that reaches the retry never came from the call, so the call is never re-sent.
        /// </summary>
        private bool CatchesOnlyPreCallFailures(IOperation call, ITryOperation @try, RetryContext retry, CancellationToken cancellationToken)
        {
            if (retry.Kind is not (RetryKind.Loop or RetryKind.Recursion or RetryKind.Goto))
            {
                return false;
            }

            var relevant = @try.Catches.Where(c => !rateLimits.CatchesOnlyRateLimits(c)
                && (retry.Kind != RetryKind.Loop || (CatchGoesRound(c, @try.SemanticModel, retry.Region.Parent as ILoopOperation)
                    && !(retry.Region.Parent is ILoopOperation loop && UserConfirmedRetries.GoesRoundOnlyWhenUserAsks(c, @try, loop))))).ToList();
            return relevant.Count > 0
                && relevant.All(c => projectThrows.Value.OnlyThrownBefore(c.ExceptionType, call.Syntax, @try.Body.Syntax, cancellationToken));
        }

        private RetryContext? TryRetry(ITryOperation @try, IMethodSymbol? enclosingMethod)
        {
            if (RetryLoop(@try) is { } loop)
            {
                return loop;
            }

            if (GotoRetry(@try) is { } jump)
            {
                return jump;
            }

            if (RequeueRetry(@try) is { } requeue)
            {
                return requeue;
            }

            if (enclosingMethod is not null && CallsItselfFromCatch(@try, enclosingMethod))
            {
                return new RetryContext(RetryKind.Recursion, "recursive call to " + enclosingMethod.Name, ValueOrigins.Root(@try), anchor: null, attempts: null, unbounded: false);
            }

            return null;
        }

        /// <summary>
        /// The retry that runs a method group handed to it as the callback (<c>pipeline.ExecuteAsync(CallModelAsync, ct)</c>).
        /// </summary>
        public RetryContext? FindForMethodGroup(IMethodReferenceOperation reference, CancellationToken cancellationToken) =>
            CallbackContext(reference, reference, cancellationToken);

        private static IMethodSymbol? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is ILocalFunctionOperation local)
                {
                    return local.Symbol;
                }
            }

            return null;
        }

        /// <summary>
        /// The retry that runs <paramref name="callback"/> (a lambda or a delegate parameter reference) when it is
        /// passed to a Polly <c>Execute*</c> or a project retry helper.
        /// </summary>
        private RetryContext? CallbackContext(IOperation callback, IOperation region, CancellationToken cancellationToken)
        {
            var context = CallbackRetry(callback, region, cancellationToken, out var perAttempt);

            // `RetryWithBackoffAsync(async attempt => ...)`: the helper hands the callback the attempt; the same request
            // goes again unless the callback uses it to change the request (see PerAttemptArguments).
            return context is not null && perAttempt is not null && !PerAttemptArguments.IgnoredBy(callback, perAttempt, compilation, cancellationToken)
                ? null
                : context;
        }

        /// <summary>
        /// As <see cref="CallbackContext"/>, without judging the callback: <paramref name="perAttempt"/> receives the
        /// ordinals of the callback's parameters that a retry helper hands a per-attempt value (null when none).
        /// </summary>
        private RetryContext? CallbackRetry(IOperation callback, IOperation region, CancellationToken cancellationToken, out int[]? perAttempt)
        {
            perAttempt = null;
            var current = callback.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            if (current is not IArgumentOperation { Parameter: { } parameter } argument || argument.Parent is not IInvocationOperation invocation)
            {
                return null;
            }

            if (parameter.OriginalDefinition.Type.TypeKind != TypeKind.Delegate)
            {
                return null;
            }

            var anchor = AnchorOf(invocation.Syntax);
            if (polly.IsPipelineExecute(invocation))
            {
                var shape = polly.ClassifyPipeline(invocation.Instance, cancellationToken);
                return shape.Retries
                    ? new RetryContext(RetryKind.PollyPipeline, invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name, region, anchor, shape.Attempts, shape.Unbounded)
                    : null;
            }

            if (polly.IsPolicyExecute(invocation))
            {
                var receiver = ValueOrigins.Receiver(invocation);
                var shape = polly.ClassifyPolicy(receiver, cancellationToken);
                var typeName = (receiver is null ? null : ValueOrigins.Unwrap(receiver).Type?.Name) ?? invocation.TargetMethod.ContainingType.Name;
                return shape.Retries
                    ? new RetryContext(RetryKind.PollyPolicy, typeName + "." + invocation.TargetMethod.Name, region, anchor, shape.Attempts, shape.Unbounded)
                    : null;
            }

            return HelperContext(invocation, parameter, region, anchor, cancellationToken, out perAttempt);
        }

        // ---- Hand-written loops -------------------------------------------------------------------------------------

        /// <summary>
        /// A try inside a loop is a retry when one of its catches lets the loop go round again and success leaves the
        /// loop (a return or break in the try, or the loop condition reading a variable the try assigns). A loop that
        /// never leaves on success processes a batch of items; it does not retry. This is the try's side only: whether
        /// the loop repeats a given call unchanged is decided per call by <see cref="LoopRetryClassifier"/>.
        /// </summary>
        private RetryContext? RetryLoop(ITryOperation @try)
        {
            ILoopOperation? loop = null;
            for (var parent = @try.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (parent is ILoopOperation found)
                {
                    loop = found;
                    break;
                }
            }

            // A catch that admits only rate limits (429) re-sends a request the provider refused: nothing to duplicate. A
            // catch that goes round only when the user asks at the console ("Retry? (y/n)") leaves the new request to them.
            if (loop is null
                || !@try.Catches.Any(c => CatchGoesRound(c, @try.SemanticModel, loop) && !rateLimits.CatchesOnlyRateLimits(c)
                    && !UserConfirmedRetries.GoesRoundOnlyWhenUserAsks(c, @try, loop))
                || !(ExitsOnSuccess(@try.Body, loop) || ConditionAssignedIn(loop, @try.Body) || LeavesAfter(@try, loop) || ConditionAdvancedIn(loop, @try.Body)
                    || LeavesOnTestAfter(@try, loop) || LoopRetryClassifier.ReadsKeptEnumerator(@try, loop)))
            {
                return null;
            }

            var (name, attempts) = LoopNameAndAttempts(loop);
            // `for (var i = 0; i < 1; i++)`: one pass, nothing is sent twice.
            if (loop is IForLoopOperation once && HelperAttemptArguments.LoopRunsOnce(once, attempts))
            {
                return null;
            }

            // `for (var attempt = 0; ; attempt++)` bounded by `catch ... when (attempt < MaxRetries)` (LoopAttemptBounds).
            attempts ??= LoopAttemptBounds.FromCatchFilters(loop, @try);

            var anchor = loop.Syntax.Parent is BlockSyntax ? loop.Syntax : null;
            var bound = attempts is null && loop is IForLoopOperation forLoop ? HelperAttemptArguments.BoundOf(forLoop) : null; // a helper's `attempt <= maxAttempts`
            return new RetryContext(RetryKind.Loop, name, loop.Body, anchor, attempts, unbounded: false, attemptsParameter: bound);
        }

        /// <summary>
        /// A work loop whose catch puts the failed item back on the queue it reads (see <see cref="RequeueRetries"/>). No
        /// anchor: a key made before the loop would be shared by every item.
        /// </summary>
        private RetryContext? RequeueRetry(ITryOperation @try)
        {
            for (var parent = @try.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (parent is ILoopOperation loop)
                {
                    return RequeueRetries.RequeueName(@try, loop, c => !rateLimits.CatchesOnlyRateLimits(c)) is { } queue
                        ? new RetryContext(RetryKind.Loop, "re-queue to " + queue, loop.Body, anchor: null, attempts: null, unbounded: false)
                        : null;
                }
            }

            return null;
        }

        /// <summary>
        /// The catch lets <paramref name="loop"/> go round again: it falls out of its end or continues, and does not first
        /// make the loop's own condition false (<c>failed = true;</c> under <c>while (!failed)</c>: see <see cref="LoopEndingCatches"/>).
        /// </summary>
        private static bool CatchGoesRound(ICatchClauseOperation @catch, SemanticModel? model, ILoopOperation? loop) =>
            CatchGoesRound(@catch, model) && (loop is null || !LoopEndingCatches.EndsLoop(@catch, loop));

        private static bool CatchGoesRound(ICatchClauseOperation @catch, SemanticModel? model)
        {
            if (model is null || @catch.Syntax is not CatchClauseSyntax { Block: { } block })
            {
                return false;
            }

            if (block.Statements.Count == 0)
            {
                return true;
            }

            var flow = model.AnalyzeControlFlow(block);
            if (!flow.Succeeded)
            {
                return false;
            }

            // Falling out of the catch, or a `continue` leaving it, goes round the loop (the nearest loop: see RetryLoop).
            return flow.EndPointIsReachable || flow.ExitPoints.Any(e => e is ContinueStatementSyntax);
        }

        private static bool ExitsOnSuccess(IOperation body, ILoopOperation loop)
        {
            foreach (var operation in DescendantsInSameFunction(body))
            {
                if (operation is IReturnOperation { Kind: OperationKind.Return })
                {
                    return true;
                }

                if (operation is IBranchOperation { BranchKind: BranchKind.Break } branch && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>try { text = await Ask(); } catch { ...; continue; } return text;</c>: the try is a statement of the loop body
        /// and the statements after it always return or break out of the loop, so a success leaves.
        /// </summary>
        private static bool LeavesAfter(ITryOperation @try, ILoopOperation loop)
        {
            if (@try.SemanticModel is not { } model
                || @try.Syntax is not TryStatementSyntax statement
                || statement.Parent is not BlockSyntax block
                || block != LoopBodySyntax(loop))
            {
                return false;
            }

            var index = block.Statements.IndexOf(statement);
            if (index < 0 || index == block.Statements.Count - 1)
            {
                return false;
            }

            var flow = model.AnalyzeControlFlow(block.Statements[index + 1], block.Statements[block.Statements.Count - 1]);
            return flow.Succeeded && !flow.EndPointIsReachable
                && flow.ExitPoints.Any(e => MethodExits.EndsMethod(e) || (e is BreakStatementSyntax && !e.Ancestors().TakeWhile(a => a != block).Any(a => a is SwitchStatementSyntax)));
        }

        private static SyntaxNode? LoopBodySyntax(ILoopOperation loop) => loop.Syntax switch
        {
            ForStatementSyntax forLoop => forLoop.Statement,
            WhileStatementSyntax whileLoop => whileLoop.Statement,
            DoStatementSyntax doLoop => doLoop.Statement,
            CommonForEachStatementSyntax forEach => forEach.Statement,
            _ => null,
        };

        private static bool ConditionAssignedIn(ILoopOperation loop, IOperation body) =>
            ConditionReads(loop) is { } read
            && DescendantsInSameFunction(body).Any(o => o is IAssignmentOperation assignment && ReferencedSymbol(assignment.Target) is { } target && read.Contains(target));

        /// <summary>
        /// The try advances a local the loop condition reads (<c>i++;</c>): a loop over items that may go round on the
        /// same item after a failure (see <see cref="LoopRetryClassifier.RetriesCallAdvancingOnSuccess"/>, which decides per call).
        /// </summary>
        private static bool ConditionAdvancedIn(ILoopOperation loop, IOperation body) =>
            ConditionReads(loop) is { } read
            && DescendantsInSameFunction(body).Any(o => o is IIncrementOrDecrementOperation or ICompoundAssignmentOperation
                && ReferencedSymbol(o is IIncrementOrDecrementOperation increment ? increment.Target : ((ICompoundAssignmentOperation)o).Target) is { } target
                && read.Contains(target));

        // What the loop's condition reads (locals, parameters, fields, properties); null for a loop without one.
        private static HashSet<ISymbol>? ConditionReads(ILoopOperation loop)
        {
            if (LoopRetryClassifier.ConditionOf(loop) is not { } condition)
            {
                return null;
            }

            var read = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (ReferencedSymbol(operation) is { } symbol)
                {
                    read.Add(symbol);
                }
            }

            return read;
        }

        private static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

        /// <summary>`for (var i = a; i &lt; b; ...)` with constants: b - a attempts (b - a + 1 for &lt;=).</summary>
        private static int? ForLoopAttempts(IForLoopOperation loop)
        {
            if (loop.Condition is not IBinaryOperation { LeftOperand: ILocalReferenceOperation counter } condition
                || ValueOrigins.ConstantInt(condition.RightOperand) is not { } bound)
            {
                return null;
            }

            var start = loop.Before.SelectMany(b => b.DescendantsAndSelf()).OfType<IVariableDeclaratorOperation>()
                .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, counter.Local))?.GetVariableInitializer()?.Value;
            if (start is null || ValueOrigins.ConstantInt(start) is not { } first)
            {
                return null;
            }

            return condition.OperatorKind switch
            {
                BinaryOperatorKind.LessThan => bound - first,
                BinaryOperatorKind.LessThanOrEqual => bound - first + 1,
                _ => null,
            };
        }

        // ---- goto -------------------------------------------------------------------------------------------------

        /// <summary><c>retry: try { ... } catch { ...; goto retry; }</c> (see <see cref="GotoRetries"/>); a rate-limit-only catch does not count.</summary>
        private RetryContext? GotoRetry(ITryOperation @try)
        {
            if (GotoRetries.RetryLabel(@try) is not { } labeled
                || !GotoRetries.JumpingCatches(@try, labeled.Label).Any(c => !rateLimits.CatchesOnlyRateLimits(c)))
            {
                return null;
            }

            return new RetryContext(RetryKind.Goto, "goto " + labeled.Label.Name, @try, AnchorOf(labeled.Syntax), attempts: null, unbounded: false);
        }

        // ---- Recursion ----------------------------------------------------------------------------------------------

        private bool CallsItselfFromCatch(ITryOperation @try, IMethodSymbol method)
        {
            var definition = method.OriginalDefinition;
            bool IsOwnCall(IOperation o) => o is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, definition);
            if (@try.Catches.Any(c => !rateLimits.CatchesOnlyRateLimits(c) && DescendantsInSameFunction(c.Handler).Any(IsOwnCall)))
            {
                return true;
            }

            // `catch (HttpRequestException) { log; } return await AskAsync(prompt, attempt + 1);`: the call of itself after
            // the try, reached only from a catch that falls out. A rate-limit catch among them is not told apart here
            // (RecursionRetriesCall reads every catch that falls out), so its presence leaves the shape unreported.
            var fallingOut = RecursionAfterTry.FallingOut(@try).ToList();
            return fallingOut.Count > 0 && !fallingOut.Any(rateLimits.CatchesOnlyRateLimits)
                && RecursionAfterTry.StatementsAfterFailure(@try).SelectMany(DescendantsInSameFunction).Any(IsOwnCall);
        }

        // ---- Project retry helpers ----------------------------------------------------------------------------------

        /// <summary>
        /// A method of the compilation that invokes one of its delegate parameters inside a retry (or hands it to a
        /// Polly pipeline/policy or another helper) retries every lambda passed for that parameter. Computed once per
        /// method, on demand.
        /// </summary>
        private HelperInfo? GetHelper(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (!method.Parameters.Any(p => p.Type.TypeKind == TypeKind.Delegate))
            {
                return null;
            }

            if (helpers.TryGetValue(method, out var known))
            {
                return known.RetriedParameters.Count == 0 ? null : known;
            }

            lock (helperGate)
            {
                if (helpers.TryGetValue(method, out known))
                {
                    return known.RetriedParameters.Count == 0 ? null : known;
                }

                // Helpers calling helpers are followed; a cycle between them counts as "not a helper".
                if (!helpersInProgress.Add(method))
                {
                    return null;
                }

                try
                {
                    known = ComputeHelper(method, cancellationToken);
                    helpers[method] = known;
                    return known.RetriedParameters.Count == 0 ? null : known;
                }
                finally
                {
                    helpersInProgress.Remove(method);
                }
            }
        }

        private HelperInfo ComputeHelper(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var retried = new Dictionary<int, RetryContext>();

            // Per retried parameter, the ordinals of the delegate's own parameters handed a per-attempt value, merged
            // over every retry of it (absent: the delegate is re-run with the same arguments).
            var perAttempt = new Dictionary<int, int[]>();
            var unconditional = new HashSet<int>();

            // Per retried parameter, the predicate parameter every retry of it asks (null once one retry does not).
            var callerPredicates = new Dictionary<int, int?>();
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var reference in body.Descendants().OfType<IParameterReferenceOperation>())
                {
                    var parameter = reference.Parameter;
                    if (parameter.Type.TypeKind != TypeKind.Delegate || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
                        || (retried.ContainsKey(parameter.Ordinal) && callerPredicates[parameter.Ordinal] is null && unconditional.Contains(parameter.Ordinal)))
                    {
                        continue;
                    }

                    // `action(ct)` / `action.Invoke(ct)` inside a retry, or `pipeline.ExecuteAsync(action, ct)`.
                    var invoke = reference.Parent as IInvocationOperation;
                    int[]? handed = null;
                    RetryContext? context;
                    if (invoke is { TargetMethod.MethodKind: MethodKind.DelegateInvoke })
                    {
                        context = Find(invoke, method, cancellationToken);

                        // `return await operation(attempt);`: the counter the loop advances is an argument, so the call
                        // is not the same call each time; the delegate is re-run all the same, and the callback decides
                        // whether the request changes (review 63 M1). The delegate itself is what the retry repeats.
                        if (context is null && PerAttemptArguments.Of(invoke, method) is { Length: > 0 } varying
                            && Find(reference, method, cancellationToken) is { } rerun)
                        {
                            context = rerun;
                            handed = varying;
                        }
                    }
                    else
                    {
                        // Handed on to another helper that gives it the attempt: this helper's callers inherit that.
                        context = CallbackRetry(reference, reference, cancellationToken, out handed);
                    }

                    if (context is null)
                    {
                        continue;
                    }

                    if (handed is null)
                    {
                        unconditional.Add(parameter.Ordinal);
                    }
                    else
                    {
                        perAttempt[parameter.Ordinal] = perAttempt.TryGetValue(parameter.Ordinal, out var known) ? known.Union(handed).OrderBy(o => o).ToArray() : handed;
                    }

                    var predicate = invoke is { TargetMethod.MethodKind: MethodKind.DelegateInvoke } ? CallerPredicateOf(invoke, method, context) : null;
                    if (!retried.ContainsKey(parameter.Ordinal))
                    {
                        retried[parameter.Ordinal] = context;
                        callerPredicates[parameter.Ordinal] = predicate;
                    }
                    else if (callerPredicates[parameter.Ordinal] != predicate)
                    {
                        callerPredicates[parameter.Ordinal] = null;
                    }
                }
            }

            var asked = new Dictionary<int, int>();
            foreach (var pair in callerPredicates)
            {
                if (pair.Value is { } predicateOrdinal)
                {
                    asked[pair.Key] = predicateOrdinal;
                }
            }

            // One retry that re-runs the delegate with the same arguments repeats the same request whatever the callback reads.
            foreach (var ordinal in unconditional)
            {
                perAttempt.Remove(ordinal);
            }

            return new HelperInfo(retried, asked, perAttempt);
        }

        // ---- Shared -------------------------------------------------------------------------------------------------

        /// <summary>The statement, directly inside a block, that contains <paramref name="node"/>.</summary>
        public static SyntaxNode? AnchorOf(SyntaxNode node)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                if (current is StatementSyntax statement && statement.Parent is BlockSyntax)
                {
                    return statement;
                }

                if (current is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax { Block: null } or LocalFunctionStatementSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>Descendants that run as part of the same function (not inside nested lambdas or local functions).</summary>
        public static IEnumerable<IOperation> DescendantsInSameFunction(IOperation root)
        {
            var stack = new Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                yield return operation;
                foreach (var child in operation.ChildOperations)
                {
                    if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        private sealed class HelperInfo
        {
            public HelperInfo(Dictionary<int, RetryContext> retriedParameters, Dictionary<int, int> callerPredicates, Dictionary<int, int[]> perAttemptArguments)
            {
                RetriedParameters = retriedParameters;
                CallerPredicates = callerPredicates;
                PerAttemptArguments = perAttemptArguments;
            }

            /// <summary>
            /// Retried parameter ordinal → ordinals of the delegate's parameters the helper hands a per-attempt value
            /// (<c>operation(attempt)</c>); a parameter absent here is re-run with the same arguments.
            /// </summary>
            public Dictionary<int, int[]> PerAttemptArguments { get; }

            /// <summary>Retried delegate parameters by ordinal, with the retry inside the helper.</summary>
            public Dictionary<int, RetryContext> RetriedParameters { get; }

            /// <summary>
            /// Retried parameter ordinal → ordinal of the predicate parameter that decides, in every retry of it, whether the
            /// helper goes round (see <c>RetryContextFinder.HelperPredicates.cs</c>).
            /// </summary>
            public Dictionary<int, int> CallerPredicates { get; }
        }
    }
}
