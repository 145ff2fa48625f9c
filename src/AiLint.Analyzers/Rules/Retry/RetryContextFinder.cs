using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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
            hangfireJobs = new HangfireJobRetries(symbols.HangfireAutomaticRetryAttribute);
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
                    // `try { return await chat.GetResponseAsync(m); } catch (HttpRequestException) { return await chat.GetResponseAsync(m); }`.
                    case ITryOperation resentFrom when current is ICatchClauseOperation @catch && CatchResend(operation, resentFrom, @catch) is { } resend:
                        return resend;
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
    }
}
