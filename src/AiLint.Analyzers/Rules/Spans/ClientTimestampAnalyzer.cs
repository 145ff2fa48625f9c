using System.Collections.Generic;
using System.Collections.Immutable;
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
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSpanSymbols.TryCreate(start.Compilation);
                if (symbols is null)
                {
                    return;
                }

                var summaries = new HelperSummaries(start.Compilation, symbols);
                var classifier = new ClientParameterClassifier(symbols);
                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, symbols, summaries, classifier));
            });
        }

        private static void AnalyzeBlock(OperationBlockAnalysisContext context, KnownSpanSymbols symbols, HelperSummaries summaries, ClientParameterClassifier classifier)
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
    }
}
