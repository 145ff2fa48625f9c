using System.Collections.Generic;
using System.Collections.Immutable;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Razor;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// AIL0101: a span timestamp (Activity.SetStartTime, StartActivity(startTime:), new ActivityEvent(name, timestamp),
    /// Tracer.StartSpan(startTime:), TelemetrySpan.End(t) ...) whose value comes from the client: a request-bound
    /// parameter, a read of HttpRequest headers/query/form/body, a SignalR hub argument or a gRPC request message.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ClientTimestampAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AIL0101);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(RazorAwareAnalysisContext.GeneratedCode);
            context = RazorAwareAnalysisContext.Wrap(context);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSpanSymbols.TryCreate(start.Compilation);
                if (symbols is null || !symbols.CanHaveClientSources)
                {
                    return;
                }

                var summaries = new HelperSummaries(start.Compilation, symbols);
                var classifier = new ClientParameterClassifier(symbols, start.Compilation);
                // Only the members of files that can matter (Gating/RelevantFiles): a sink or a helper that reaches one
                // is spelled by name, so for the other files the driver builds no IOperation tree for this. One
                // semantic-model action, so the driver keeps no per-type state either (Gating/MemberBlocksContext).
                var gate = RelevantFiles.For(start.Compilation, start.Options);
                MemberBlocksContext.RegisterForRelevantFiles(start, gate, member => AnalyzeBlock(member, symbols, summaries, classifier));
            });
        }

        private static void AnalyzeBlock(MemberBlocksContext context, KnownSpanSymbols symbols, HelperSummaries summaries, ClientParameterClassifier classifier)
        {
            // One cheap pass finds the candidates; the local index is built only for blocks that have one.
            var sinks = new List<SpanSink>();
            var calls = new List<IInvocationOperation>();
            foreach (var root in context.OperationBlocks)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (SpanSinks.TryGetSink(operation, symbols, out var sink))
                    {
                        sinks.Add(sink);
                    }
                    else if (operation is IInvocationOperation call && call.Arguments.Length > 0 && HelperSummaries.HasSource(call.TargetMethod))
                    {
                        calls.Add(call);
                    }
                }
            }

            if (sinks.Count == 0 && calls.Count == 0)
            {
                return;
            }

            if (!ContainsClientSource(context.OperationBlocks, symbols, classifier))
            {
                return;
            }

            var evaluator = new ClientTaintEvaluator(symbols, classifier, summarized: null, summaries, new LocalValueIndex(context.OperationBlocks), HelperSummaries.CallChain.Root);
            foreach (var sink in sinks)
            {
                if (evaluator.Evaluate(sink.Argument.Value).Source is { } source)
                {
                    var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                    properties[SpanDiagnosticProperties.SinkType] = sink.TypeName;
                    properties[SpanDiagnosticProperties.Role] = sink.Role.ToString();
                    properties[SpanDiagnosticProperties.ClockType] = symbols.IsDateTime(sink.Argument.Parameter!.Type) ? "DateTime" : "DateTimeOffset";
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AIL0101, sink.Argument.Value.Syntax.GetLocation(), properties.ToImmutable(), sink.DisplayName, source));
                }
            }

            foreach (var call in calls)
            {
                foreach (var (argument, sink) in summaries.ArgumentsReachingSinks(call, evaluator, onlyClient: true))
                {
                    var source = evaluator.Evaluate(argument.Value).Source;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0101, argument.Value.Syntax.GetLocation(), sink, source));
                }
            }
        }

        /// <summary>
        /// True when the block holds an operation a client source can start at. Why this prefilter is sound: every
        /// AIL0101 needs <see cref="ClientTaint.Source"/> set, and ClientTaintEvaluator sets it in exactly four places,
        /// each on an operation of the analysed block itself (a value returned by a helper is traced back to this
        /// block's own arguments): a parameter reference the classifier calls client-bound, a read of an HttpRequest
        /// member (Headers, Query ...), a request-body read (ReadFromJsonAsync, ReadFormAsync), and a call that hands an
        /// HttpRequest or HttpContext to a helper that reads the client's data from it (MethodSummary.ReturnedSource is
        /// used only for such a call). A block with none of them cannot report, whatever its sinks, so it needs
        /// neither the local index nor any helper summary. Most blocks have no such operation: this walk then replaces
        /// the sink search, the index and the evaluation of every argument of every call to a source method.
        /// </summary>
        private static bool ContainsClientSource(ImmutableArray<IOperation> blocks, KnownSpanSymbols symbols, ClientParameterClassifier classifier)
        {
            foreach (var root in blocks)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    // Switch on Kind (a virtual call) rather than on interface type tests, once per operation.
                    switch (operation.Kind)
                    {
                        case OperationKind.ParameterReference:
                            var parameter = (IParameterReferenceOperation)operation;
                            if (classifier.IsClient(parameter.Parameter, parameter))
                            {
                                return true;
                            }

                            break;
                        case OperationKind.PropertyReference:
                            if (ClientTaintEvaluator.IsRequestMember(((IPropertyReferenceOperation)operation).Property, symbols))
                            {
                                return true;
                            }

                            break;
                        case OperationKind.Invocation:
                            var invocation = (IInvocationOperation)operation;
                            if (ClientTaintEvaluator.ReadsRequestBody(invocation.TargetMethod, symbols)
                                || ((invocation.Arguments.Length > 0 || invocation.Instance is not null) && symbols.PassesRequestObject(invocation) && HelperSummaries.HasSource(invocation.TargetMethod)))
                            {
                                return true;
                            }

                            break;
                    }
                }
            }

            return false;
        }
    }
}
