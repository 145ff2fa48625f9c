using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// AIL0102: a DateTime whose Kind is not Utc passed to Activity.SetStartTime/SetEndTime. The runtime ignores such a
    /// value without an exception (checked on .NET 10, sdk-api-surface.md section G): the span keeps its time, Duration 0.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NonUtcActivityTimeAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AIL0102);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSpanSymbols.TryCreate(start.Compilation);
                if (symbols?.Activity is null)
                {
                    return;
                }

                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, symbols));
            });
        }

        private static void AnalyzeBlock(OperationBlockAnalysisContext context, KnownSpanSymbols symbols)
        {
            DateTimeKindClassifier? classifier = null;
            foreach (var root in context.OperationBlocks)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (!SpanSinks.TryGetSink(operation, symbols, out var sink) || !sink.IgnoresNonUtc)
                    {
                        continue;
                    }

                    classifier ??= new DateTimeKindClassifier(symbols, new LocalValueIndex(context.OperationBlocks));
                    if (classifier.Classify(sink.Argument.Value) is not { } finding)
                    {
                        continue;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty.Add(SpanDiagnosticProperties.Shape, finding.Shape);
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AIL0102,
                        sink.Argument.Value.Syntax.GetLocation(),
                        new[] { finding.Origin.Syntax.GetLocation() },
                        properties,
                        sink.DisplayName,
                        finding.Description));
                }
            }
        }
    }
}
