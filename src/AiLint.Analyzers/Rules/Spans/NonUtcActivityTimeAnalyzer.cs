using System;
using System.Collections.Immutable;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Naming;
using AiLint.Analyzers.Razor;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// AIL0102: a DateTime whose Kind is not Utc passed to Activity.SetStartTime/SetEndTime. The runtime ignores such a
    /// value without an exception (checked on .NET 10, docs/design/sdk-facts.md section G): the span keeps its time, Duration 0.
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
            context.ConfigureGeneratedCodeAnalysis(RazorAwareAnalysisContext.GeneratedCode);
            context = RazorAwareAnalysisContext.Wrap(context);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSpanSymbols.TryCreate(start.Compilation);
                if (symbols?.Activity is null)
                {
                    return;
                }

                // Why a semantic-model action that asks for the invocations of relevant files only, rather than an
                // invocation action: a compilation-wide operation action makes the driver build the IOperation tree of
                // every method body, and a per-type symbol-start action costs the driver about as much bookkeeping as
                // it saves on a project of plain files (docs/performance.md). A sink, or a project helper that reaches
                // one, is spelled by name (Gating/RelevantFiles), so other files cannot hold an AIL0102.
                var helpers = new KindPreservingHelpers(start.Compilation, symbols, start.CancellationToken);
                var gate = RelevantFiles.For(start.Compilation, start.Options);
                start.RegisterSemanticModelAction(TooDeepInputs.Skipped((SemanticModelAnalysisContext modelContext) =>
                {
                    var model = modelContext.SemanticModel;
                    var cancellationToken = modelContext.CancellationToken;
                    if (!gate.IsRelevant(model.SyntaxTree))
                    {
                        return;
                    }

                    // Every invocation of the file, walked once per model and shared with Evaluation (Gating/CallSitesOfFile).
                    var sites = CallSitesOfFile.Of(model, cancellationToken);
                    for (var i = 0; i < sites.Nodes.Length; i++)
                    {
                        if (sites.Nodes[i] is InvocationExpressionSyntax && sites.Operation(i, cancellationToken) is IInvocationOperation invocation)
                        {
                            AnalyzeInvocation(invocation, modelContext.ReportDiagnostic, symbols, helpers);
                        }
                    }
                }));
            });
        }

        private static void AnalyzeInvocation(IInvocationOperation invocation, Action<Diagnostic> report, KnownSpanSymbols symbols, KindPreservingHelpers helpers)
        {

            // A name test first (no symbol comparison, no allocation); TryGetSink then checks the containing type.
            var name = invocation.TargetMethod.Name;
            if (name != "SetStartTime" && name != "SetEndTime")
            {
                AnalyzeHelperCall(report, invocation, symbols, helpers);
                return;
            }

            if (!SpanSinks.TryGetSink(invocation, symbols, out var sink))
            {
                // The project's own SetStartTime (a scope wrapper that forwards to its Activity, or a timer class
                // that only stores the time): a helper like any other, a sink only if its body reaches one.
                AnalyzeHelperCall(report, invocation, symbols, helpers);
                return;
            }

            if (!sink.IgnoresNonUtc)
            {
                return;
            }

            Report(report, invocation, sink.Argument.Value, sink.DisplayName, symbols);
        }

        /// <summary><c>Track("llm", DateTime.Now, elapsed)</c> where the project's Track passes the time on to SetStartTime.</summary>
        private static void AnalyzeHelperCall(Action<Diagnostic> report, IInvocationOperation invocation, KnownSpanSymbols symbols, KindPreservingHelpers helpers)
        {
            if (!helpers.MayBeHelper(invocation.TargetMethod))
            {
                return;
            }

            var sinks = helpers.SinkParameters(invocation.TargetMethod);
            if (sinks.IsEmpty)
            {
                return;
            }

            var method = invocation.TargetMethod;
            var helper = HelperNames.Of(method);
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && !argument.IsImplicit && sinks.TryGetValue(parameter.Ordinal, out var reached))
                {
                    Report(report, invocation, argument.Value, HelperNames.Through(helper, reached), symbols);
                }
            }
        }

        private static void Report(Action<Diagnostic> report, IInvocationOperation invocation, IOperation argument, string sinkName, KnownSpanSymbols symbols)
        {

            // The local look-back needs the writes of the locals of the enclosing member. The topmost ancestor is the
            // member's root operation (method/constructor body, field or property initializer): it holds every write
            // to a local or parameter the argument can read, the same writes as the member's operation blocks. The
            // classification does not depend on the order in which sinks are classified (a local on a write cycle is
            // never classified non-UTC), so one classifier per sink gives the same findings as one per block.
            var root = (IOperation)invocation;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            var classifier = new DateTimeKindClassifier(symbols, new LocalValueIndex(new[] { root }), invocation.SemanticModel?.Compilation);
            if (classifier.Classify(argument) is not { } finding)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(SpanDiagnosticProperties.Shape, finding.Shape);
            report(Diagnostic.Create(
                Descriptors.AIL0102,
                argument.Syntax.GetLocation(),
                new[] { finding.Origin.Syntax.GetLocation() },
                properties,
                sinkName,
                finding.Description));
        }
    }
}
