using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Razor;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// AIL0001–AIL0004: LLM calls re-run by a retry. One analyzer for the family, because the four rules share the
    /// expensive part (finding the retry around a call) and AIL0004 replaces AIL0001 for the same call.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed partial class RetryAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AIL0001, Descriptors.AIL0002, Descriptors.AIL0003, Descriptors.AIL0004);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(RazorAwareAnalysisContext.GeneratedCode);
            context = RazorAwareAnalysisContext.Wrap(context);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var recognizer = LlmCallRecognizer.TryGetCompilationInstance(context.Compilation, context.Options);
            if (recognizer is null)
            {
                return;
            }

            var symbols = new KnownRetrySymbols(context.Compilation);
            var keys = new IdempotencyKeys(symbols, context.Compilation);
            keys.CachedWrappers = new CachedWrappers(keys, recognizer, context.Compilation);
            var finder = new RetryContextFinder(context.Compilation, symbols, ConfiguredRetryMethods.Read(context.Options, context.Compilation));
            var sdkRetries = new SdkBuiltInRetries(symbols, context.Compilation);
            var state = new CompilationState(
                context.Compilation,
                recognizer,
                finder,
                keys,
                sdkRetries,
                new SdkRetriesThroughProjectMethods(context.Compilation, sdkRetries, () => finder.SourceImplementationMap),
                new SwallowedAttempts(recognizer, context.Compilation, () => finder.SourceImplementationMap));

            // HTTP-level retries are reported at their registration, and only cost anything with Http.Resilience referenced.
            var httpRetries = HttpResilienceRetries.TryCreate(context.Compilation, symbols);
            // `new HttpClient(new PolicyHttpMessageHandler(retryPolicy) {...})`: only with Http.Polly referenced.
            var composedHandlers = ComposedPolicyHandlers.TryCreate(context.Compilation);

            // Only the members of files that can matter (Gating/RelevantFiles), through one semantic-model action: for
            // the other files the driver builds no IOperation tree on this analyzer's behalf and keeps no per-type
            // state (Gating/MemberBlocksContext).
            var gate = RelevantFiles.For(context.Compilation, context.Options);
            MemberBlocksContext.RegisterForRelevantFiles(context, gate, block => AnalyzeBlock(block, state, httpRetries, composedHandlers));
        }

        private static void AnalyzeBlock(MemberBlocksContext context, CompilationState state, HttpResilienceRetries? httpRetries, ComposedPolicyHandlers? composedHandlers)
        {
            // Collected per body so that one key shared by several calls is reported once (AIL0004). Why a block action
            // walking the body rather than a block-start action with an invocation action: the per-body registrations
            // and closures cost more than the walk (measured), and keeping only the calls that can matter leaves most
            // bodies with nothing to analyze. The walk visits the same invocations, in the same order, as the driver.
            List<IInvocationOperation>? calls = null;
            List<IInvocationOperation>? races = null;
            foreach (var root in context.OperationBlocks)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    // What were an invocation action and a method-reference action, on the same operations.
                    if (operation is IMethodReferenceOperation reference)
                    {
                        AnalyzeMethodGroup(reference, context, state);
                    }

                    if (composedHandlers is not null && operation is IObjectCreationOperation creation)
                    {
                        AnalyzeComposedHandler(creation, context, composedHandlers);
                    }

                    if (operation is IInvocationOperation call)
                    {
                        if (httpRetries is not null)
                        {
                            AnalyzeHttpResilience(call, context, httpRetries);
                        }

                        // SendWithRetryAsync(client, () => new HttpRequestMessage(HttpMethod.Post, "chat/completions") {...}).
                        if (call.Arguments.Length > 0 && SourceBodies.IsInSource(call.TargetMethod, context.Compilation))
                        {
                            AnalyzeRequestFactories(call, context, state);
                        }

                        if (MayBeLlmCall(call.TargetMethod, context.Compilation, state))
                        {
                            (calls ??= new List<IInvocationOperation>()).Add(call);
                        }
                        else if (HandWrittenHedging.IsWhenAny(call))
                        {
                            (races ??= new List<IInvocationOperation>()).Add(call);
                        }
                    }
                }
            }

            if (calls is not null)
            {
                AnalyzeCalls(context, state, calls);
                if (races is not null)
                {
                    AnalyzeHedging(context, state, races);
                }
            }
        }

        /// <summary>Only SDK entry points and methods of this compilation can be LLM calls (without binding any body).</summary>
        /// <remarks>
        /// The source test first: it is a field comparison, while the first RecognizeDirect of a source method reads its
        /// attributes and interfaces. A source method is looked at only when a retry re-runs it (see AnalyzeCalls).
        /// </remarks>
        private static bool MayBeLlmCall(IMethodSymbol method, Compilation compilation, CompilationState state) =>
            SourceBodies.IsInSource(method, compilation) || state.Recognizer.MayBeDirectLlmCall(method) || state.Finder.MayBeMiddlewareNext(method);

        private static void AnalyzeCalls(MemberBlocksContext context, CompilationState state, List<IInvocationOperation> calls)
        {
            HashSet<SyntaxNode>? reportedCreations = null;
            Dictionary<IOperation, RetryContext?>? retryMemo = calls.Count > 1 ? new Dictionary<IOperation, RetryContext?>() : null;
            var owningMethod = context.OwningSymbol as IMethodSymbol;
            SortBySpanStart(calls);
            foreach (var call in calls)
            {
                // The calls were filtered to SDK entry points and methods of this compilation (MayBeLlmCall); the
                // project call graph is consulted only for calls that a retry actually re-runs.
                // A Hangfire job re-run as a whole by its [AutomaticRetry] attribute, when nothing closer retries the call.
                // A prompt call on a kernel given a retrying function-invocation filter, likewise.
                var retry = state.Finder.Find(call, owningMethod, retryMemo, context.CancellationToken) ?? state.Finder.FindJobRetry(call, owningMethod)
                    ?? state.Finder.FindFilterRetry(call, context.CancellationToken);
                if (retry is null)
                {
                    continue;
                }

                // Recognize checks the SDK entry points first and binds project bodies only when that fails.
                var llmCall = state.Finder.RecognizeRetried(state.Recognizer, call, context.CancellationToken);
                // A test double of the project (`new FlakyChatClient(2)`) whose body calls no model re-sends nothing.
                if (!llmCall.IsLlmCall || SourceClientInstances.CallsNoModel(call, llmCall, state.Recognizer, context.Compilation, context.CancellationToken))
                {
                    continue;
                }

                // Every exception the retry goes round on is caught and turned into a result once the request is sent
                // (review 77 FP-1): the retry never re-sends it, so none of AIL0001-0004 applies.
                if (state.Swallowed.CannotResend(call, llmCall, retry, context.CancellationToken)
                    || UnenumeratedStreamReturns.OnlyMadeByRetry(call, llmCall, retry)) // makes a stream, enumerated after the retry (review 78 FP-1)
                {
                    continue;
                }

                // `try { await chat.GetResponseAsync("ping"); break; } catch (HttpRequestException) { ... }`: a warm-up.
                if (retry.Kind is RetryKind.Loop or RetryKind.Goto or RetryKind.Recursion or RetryKind.CatchResend && WarmUpProbes.IsDiscardedProbe(call, llmCall))
                {
                    continue;
                }

                var location = NameLocation(call);
                // A delegate call (`next(messages, options, ct)` in inline middleware) is named by what it calls, not `Invoke`.
                var callName = call.TargetMethod.MethodKind == MethodKind.DelegateInvoke && call.Syntax is InvocationExpressionSyntax { Expression: var callee }
                    ? callee.ToString()
                    : call.TargetMethod.Name;

                // A loop that re-asks after rejecting an answer: AIL0001 alone (see RetryKind.ResultLoop).
                var resultLoop = retry.Kind == RetryKind.ResultLoop;
                if (!resultLoop && SdkRetriesOf(call, llmCall, state, context.CancellationToken) is { } sdk)
                {
                    ReportSdkRetries(context, call, retry, sdk, location, callName);
                }

                // A stream re-opened only while nothing of it has arrived (`catch ... when (!sentAnything)`) hides no
                // shown text: it is re-sent like a generation, so it is judged as one (AIL0001), not as AIL0002.
                if (llmCall.Kind == LlmCallKind.Streaming && !NothingShownGuards.RetriesOnlyBeforeFirstUpdate(call, retry))
                {
                    if (resultLoop || retry.AfterFailedStatus)
                    {
                        continue;
                    }

                    // A key cannot undo tokens the user has already seen: AIL0002 replaces AIL0001 here.
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0002, location, callName, retry.Name));
                    continue;
                }

                var evidence = state.Keys.Analyze(call, retry, context.CancellationToken);
                foreach (var creation in resultLoop ? Enumerable.Empty<IOperation>() : evidence.FreshCreations)
                {
                    reportedCreations ??= new HashSet<SyntaxNode>();
                    if (reportedCreations.Add(creation.Syntax))
                    {
                        ReportFreshKey(context, creation, retry, callName, hoistable: !evidence.CounterDerived.Contains(creation));
                    }
                }

                if (!evidence.Keyed)
                {
                    ReportMissingKey(context, retry, evidence.Slot, location, callName);
                }
            }
        }

        /// <summary>
        /// The built-in retries of the SDK client the retried call sends with: the call's own client, or, for a call of the
        /// project's own service, the client that service visibly builds (see <see cref="SdkRetriesThroughProjectMethods"/>).
        /// </summary>
        private static SdkRetryFinding? SdkRetriesOf(IInvocationOperation call, LlmCall llmCall, CompilationState state, CancellationToken cancellationToken)
        {
            if (SdkBuiltInRetries.Judges(llmCall))
            {
                return state.SdkRetries.Find(call, llmCall, cancellationToken);
            }

            return llmCall.Sdk == LlmSdk.Project ? state.ThroughProjectMethods.Find(call, state.Recognizer, cancellationToken) : null;
        }

        /// <summary>
        /// Source order, so that a key shared by several calls is reported with the first call's name. Stable (ties, such
        /// as <c>a.B().C()</c> and <c>a.B()</c>, keep the walk's outer-first order) and in place: the calls arrive in tree
        /// order, which is nearly sorted, so an insertion sort is linear here and allocates nothing.
        /// </summary>
        private static void SortBySpanStart(List<IInvocationOperation> calls)
        {
            for (var i = 1; i < calls.Count; i++)
            {
                var call = calls[i];
                var start = call.Syntax.SpanStart;
                var j = i - 1;
                while (j >= 0 && calls[j].Syntax.SpanStart > start)
                {
                    calls[j + 1] = calls[j];
                    j--;
                }

                calls[j + 1] = call;
            }
        }

        private sealed class CompilationState
        {
            public CompilationState(Compilation compilation, LlmCallRecognizer recognizer, RetryContextFinder finder, IdempotencyKeys keys, SdkBuiltInRetries sdkRetries, SdkRetriesThroughProjectMethods throughProjectMethods, SwallowedAttempts swallowed)
            {
                Swallowed = swallowed;
                Recognizer = recognizer;
                Finder = finder;
                RequestFactories = new System.Lazy<RequestFactoryRetries>(() => new RequestFactoryRetries(compilation));
                Keys = keys;
                SdkRetries = sdkRetries;
                ThroughProjectMethods = throughProjectMethods;
            }

            public SdkRetriesThroughProjectMethods ThroughProjectMethods { get; }

            /// <summary>Built on first use: most compilations pass no request factory to a helper of their own.</summary>
            public System.Lazy<RequestFactoryRetries> RequestFactories { get; }

            public SwallowedAttempts Swallowed { get; }

            public LlmCallRecognizer Recognizer { get; }

            public RetryContextFinder Finder { get; }

            public IdempotencyKeys Keys { get; }

            public SdkBuiltInRetries SdkRetries { get; }
        }
    }
}
