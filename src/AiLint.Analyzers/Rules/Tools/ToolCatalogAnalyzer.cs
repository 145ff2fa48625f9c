using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Razor;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// AIL0201 (a catalog holds more tools than <c>ailint.max_tools</c>) and AIL0202 (a catalog is filled from a source
    /// that can hold any number of tools). One pass per type: a catalog is followed through the locals and fields of
    /// the type that builds it, so both rules share the work.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ToolCatalogAnalyzer : DiagnosticAnalyzer
    {
        // OpenAI's API rejects a request with more than 128 tools; Anthropic documents at most 20 strict tools per request.
        private const int OpenAIToolLimit = 128;
        private const int AnthropicStrictToolLimit = 20;

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AIL0201, Descriptors.AIL0202);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(RazorAwareAnalysisContext.GeneratedCode);
            context = RazorAwareAnalysisContext.Wrap(context);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(compilationContext =>
            {
                var symbols = KnownToolSymbols.TryCreate(compilationContext.Compilation);
                if (symbols == null)
                {
                    return;
                }

                // Per compilation (never static): the answer depends on this compilation's trees and sink names.
                var prefilter = new SinkTextPrefilter(TypeIndex.SinkNames(symbols), compilationContext.Compilation);
                var project = new ProjectCatalogs(compilationContext.Compilation, symbols, compilationContext.CancellationToken)
                {
                    PromptDirectories = PromptDirectoryFunctions.From(compilationContext.Options.AdditionalFiles),
                };

                // Why a semantic-model action and not a symbol-start action per type: the driver keeps per-type state for
                // every type of the compilation for an analyzer with a symbol-start action, about 10 MB on 1,000 plain
                // files (docs/performance.md), although most types never mention a catalog. Each type is analysed once,
                // by the file of its owning declaration (TypeOwnership), with the blocks of all its non-generated parts.
                compilationContext.RegisterSemanticModelAction(TooDeepInputs.Skipped((SemanticModelAnalysisContext modelContext) => AnalyzeFile(modelContext, symbols, prefilter, project)));
            });
        }

        private static void AnalyzeFile(SemanticModelAnalysisContext context, KnownToolSymbols symbols, SinkTextPrefilter prefilter, ProjectCatalogs project)
        {
            var model = context.SemanticModel;
            var tree = model.SyntaxTree;
            var cancellationToken = context.CancellationToken;
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
            {
                return;
            }

            // A file without partial types or top-level statements declares every part of its types itself; when its
            // text spells no sink name, none of its types can hold a sink (SinkTextPrefilter), so nothing is reported.
            if (!TypeOwnership.MayShareTypes(unit) && !prefilter.MayMentionSink(tree, cancellationToken))
            {
                return;
            }

            foreach (var (type, declaration) in TypeOwnership.DeclaredTypes(model, unit, cancellationToken))
            {
                // The text test first: it is cached per file, the owner test reads each part's options and header.
                if (!prefilter.MayMentionSink(type, cancellationToken)
                    || !TypeOwnership.IsOwner(type, declaration, context.Options, cancellationToken))
                {
                    continue;
                }

                var blocks = TypeOwnership.BlocksOfType(type, model, context.Options, cancellationToken);
                AnalyzeType(type, blocks, context.Options, context.ReportDiagnostic, symbols, project);
            }
        }

        private static void AnalyzeType(INamedTypeSymbol type, List<IOperation> blocks, AnalyzerOptions options, System.Action<Diagnostic> reportToDriver, KnownToolSymbols symbols, ProjectCatalogs project)
        {
            // A diagnostic on a caller's argument may be reached from the sinks of several types: one of them reports it.
            void ReportOnce(Diagnostic diagnostic)
            {
                if (project.IsReporter(diagnostic, type))
                {
                    reportToDriver(diagnostic);
                }
            }

            // Most types never touch a tool catalog. Indexing them (a write list per local and field) was most of this
            // analyzer's allocations, so a type is indexed only when one of its blocks can create a sink; without a sink
            // nothing is reported, so skipping the others changes no diagnostic.
            // The project's container kernel, when its plugins are registered across types, is reported by the type that
            // calls AddKernel() (which need not hold a sink itself: Program.cs calling registration helpers).
            var containerKernel = project.ContainerKernel is { } found && SymbolEqualityComparer.Default.Equals(found.Owner.OriginalDefinition, type.OriginalDefinition)
                ? found
                : null;
            if (!ContainsSinkCandidate(blocks, symbols))
            {
                if (containerKernel != null)
                {
                    ReportContainerKernel(options, ReportOnce, symbols, project, containerKernel, own: null, new HashSet<(string, TextSpan, SyntaxTree)>());
                }

                return;
            }

            var index = new TypeIndex(symbols) { Type = type };
            foreach (var block in blocks)
            {
                index.Add(block);
            }

            project.Remember(index);

            var reported = new HashSet<(string, TextSpan, SyntaxTree)>();
            foreach (var sink in index.Sinks)
            {
                var anchor = AnchorOf(sink);

                // A request told to call no tool, or one named tool, gives the model no choice among its catalog.
                if (anchor == null || RequestToolChoice.LeavesNoChoice(sink, index))
                {
                    continue;
                }

                var tree = anchor.Syntax.SyntaxTree;
                var cap = AiLintOptions.GetMaxTools(options, tree);
                var evaluator = new CatalogEvaluator(symbols, index, cap, project);
                var content = evaluator.EvaluateSink(sink);
                ReportUnbounded(content, cap, ReportOnce, reported);

                if (content.Min > cap)
                {
                    ReportOverCap(CatalogLocation(sink, index, anchor), sink, content, cap, ReportOnce, reported);
                }

                // One parameter at a time only: a catalog built from two parameters is left to its callers' own sinks.
                if (evaluator.Forwarded.Count == 1)
                {
                    foreach (var parameter in evaluator.Forwarded)
                    {
                        ReportCallers(sink, index, symbols, project, parameter, content, cap, ReportOnce, reported);
                    }
                }
            }

            if (containerKernel != null)
            {
                // Before the per-type merge, which hands the type's own container plugins to its kernel.
                ReportContainerKernel(options, ReportOnce, symbols, project, containerKernel, index.ContainerPlugins?.Registrations, reported);
            }

            foreach (var kernel in KernelPlugins.MergeBuiltKernels(index))
            {
                ReportKernelTotal(options, ReportOnce, symbols, project, index, kernel, reported);
            }
        }

        /// <summary>
        /// A catalog read from a parameter (<c>AskAsync(string q, IList&lt;AITool&gt; tools)</c> sets <c>Tools = tools</c>):
        /// the catalog is evaluated again with the parameter holding each caller's argument, and what that caller passes
        /// is reported at the call (AIL0202 where the source enters the argument, AIL0201 on the argument), since the
        /// caller chose the catalog. A caller that passes on a parameter of its own is followed to its callers once more
        /// (a controller that hands the catalog to a service that hands it to the gateway). Callers the project does not
        /// contain (another assembly, a delegate) are not seen.
        /// </summary>
        private static void ReportCallers(CatalogSink sink, TypeIndex index, KnownToolSymbols symbols, ProjectCatalogs project, IParameterSymbol parameter, CatalogContent alone, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            CatalogContent ToSink(CatalogContent passed) =>
                new CatalogEvaluator(symbols, index, cap, project, depth: 0, Bind(parameter, passed)).EvaluateSink(sink);

            ReportCallers(sink, symbols, project, parameter, ToSink, alone, cap, report, reported, level: 1);
        }

        /// <summary>How many levels of callers are read: the caller, and that caller's callers.</summary>
        private const int CallerLevels = 2;

        private static void ReportCallers(CatalogSink sink, KnownToolSymbols symbols, ProjectCatalogs project, IParameterSymbol parameter, System.Func<CatalogContent, CatalogContent> toSink, CatalogContent alone, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported, int level)
        {
            foreach (var argument in project.CallArguments(parameter))
            {
                if (argument.SemanticModel?.GetEnclosingSymbol(argument.Syntax.SpanStart, project.CancellationToken)?.ContainingType is not { } caller)
                {
                    continue;
                }

                var callerIndex = project.IndexOf(caller);
                var evaluator = new CatalogEvaluator(symbols, callerIndex, cap, project, depth: 1);
                var content = toSink(evaluator.Collection(argument, argument));
                ReportUnbounded(content, cap, report, reported);
                if (content.Min > cap && alone.Min <= cap)
                {
                    ReportOverCap(ArgumentLocation(argument, callerIndex), sink, content, cap, report, reported);
                }

                if (level < CallerLevels && evaluator.Forwarded.Count == 1)
                {
                    foreach (var outer in evaluator.Forwarded)
                    {
                        var passedOn = argument;
                        CatalogContent ThroughCaller(CatalogContent passed) =>
                            toSink(new CatalogEvaluator(symbols, callerIndex, cap, project, depth: 1, Bind(outer, passed)).Collection(passedOn, passedOn));

                        ReportCallers(sink, symbols, project, outer, ThroughCaller, content, cap, report, reported, level + 1);
                    }
                }
            }
        }

        private static Dictionary<IParameterSymbol, CatalogContent> Bind(IParameterSymbol parameter, CatalogContent content) =>
            new Dictionary<IParameterSymbol, CatalogContent>(SymbolEqualityComparer.Default) { [parameter] = content };

        /// <summary>The caller's catalog: the argument, or the collection a local it reads was initialised with.</summary>
        private static Location ArgumentLocation(IOperation argument, TypeIndex callerIndex)
        {
            var value = argument;
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            while (TypeIndex.Holder(value) is ILocalSymbol holder && seen.Add(holder)
                && callerIndex.Writes.TryGetValue(holder, out var writes) && writes.Count == 1 && !callerIndex.Mutations.ContainsKey(holder))
            {
                value = writes[0];
            }

            return value.Syntax.GetLocation();
        }

        private static void ReportUnbounded(CatalogContent content, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            foreach (var source in content.Unbounded)
            {
                var location = source.Entry.Syntax.GetLocation();
                if (reported.Add((Descriptors.AIL0202.Id, location.SourceSpan, location.SourceTree!)))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty
                        .Add(ToolDiagnosticProperties.Cap, cap.ToString(CultureInfo.InvariantCulture))
                        .Add(ToolDiagnosticProperties.Fixable, source.Fixable ? "1" : "0");
                    report(Diagnostic.Create(Descriptors.AIL0202, location, properties, source.Description, cap));
                }
            }
        }

        private static void ReportOverCap(Location location, CatalogSink sink, CatalogContent content, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            if (reported.Add((Descriptors.AIL0201.Id, location.SourceSpan, location.SourceTree!)))
            {
                var number = content.Min.ToString(CultureInfo.InvariantCulture);
                var count = content.Conditional ? "up to " + number : content.Exact ? number : "at least " + number;
                report(Diagnostic.Create(Descriptors.AIL0201, location, count, cap, ProviderLimit(sink, content)));
            }
        }

        /// <summary>
        /// AIL0201 on a kernel whose plugins together hold more functions than the cap. A kernel one of whose function
        /// lists alone is over the cap was reported on that list already, so it is not reported twice.
        /// </summary>
        private static void ReportKernelTotal(AnalyzerOptions options, System.Action<Diagnostic> report, KnownToolSymbols symbols, ProjectCatalogs project, TypeIndex index, KernelCatalog kernel, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            if (kernel.Shrinks || kernel.Registrations.Count == 0)
            {
                return;
            }

            // The registration written first (in a fluent chain, the innermost call).
            var first = kernel.Registrations[0];
            foreach (var registration in kernel.Registrations)
            {
                var span = registration.Syntax.Span;
                if (registration.Syntax.SyntaxTree == first.Syntax.SyntaxTree
                    && (span.Start < first.Syntax.SpanStart || (span.Start == first.Syntax.SpanStart && span.Length < first.Syntax.Span.Length)))
                {
                    first = registration;
                }
            }

            var cap = AiLintOptions.GetMaxTools(options, first.Syntax.SyntaxTree);
            var evaluator = new CatalogEvaluator(symbols, index, cap, project);
            var declaration = kernel.Holder is ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local ? local.DeclaringSyntaxReferences[0].Span : (TextSpan?)null;
            var total = CatalogContent.Empty;
            foreach (var registration in kernel.Registrations)
            {
                if (PromptDirectoryFunctions.RepeatsAnEarlierImport(registration, kernel.Registrations))
                {
                    continue;
                }

                var part = KernelPlugins.Count(registration, evaluator, symbols);
                if (part.Min > cap && KernelPlugins.IsFunctionList(registration))
                {
                    return;
                }

                total = total.Plus(CatalogEvaluator.IsConditional(registration, declaration) ? part.AsConditional() : part);
            }

            if (total.Min <= cap)
            {
                return;
            }

            // A kernel held in a field and filled by several members reaches the total only when all of them run.
            if (SpansSeveralMembers(kernel.Registrations))
            {
                total = total.AsConditional();
            }

            // On the kernel's (or builder's) creation when one write makes it, else on the first registration.
            var location = kernel.Holder != null && index.Writes.TryGetValue(kernel.Holder, out var writes) && writes.Count == 1
                ? writes[0].Syntax.GetLocation()
                : first.Syntax.GetLocation();
            if (reported.Add((Descriptors.AIL0201.Id, location.SourceSpan, location.SourceTree!)))
            {
                var number = total.Min.ToString(CultureInfo.InvariantCulture);
                var count = total.Conditional ? "up to " + number : total.Exact ? number : "at least " + number;
                report(Diagnostic.Create(Descriptors.AIL0201, location, count, cap, string.Empty));
            }
        }

        /// <summary>
        /// AIL0201 on the project's one <c>AddKernel()</c> when the container plugins that surely reach its kernel, from
        /// several types, hold more functions than the cap. Not when the calling type's own container plugins
        /// (<paramref name="own"/>) or one plugin alone are over the cap: the per-type sum reports those already.
        /// </summary>
        private static void ReportContainerKernel(AnalyzerOptions options, System.Action<Diagnostic> report, KnownToolSymbols symbols, ProjectCatalogs project, ProjectContainerKernel kernel, List<Microsoft.CodeAnalysis.Operations.IInvocationOperation>? own, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            if (!symbols.FunctionChoice.OffersWholeContainerKernels)
            {
                return;
            }

            var tree = kernel.AddKernel.Syntax.SyntaxTree;
            var cap = AiLintOptions.GetMaxTools(options, tree);
            CatalogContent Count(Microsoft.CodeAnalysis.Operations.IInvocationOperation registration)
            {
                var owner = registration.SemanticModel?.GetEnclosingSymbol(registration.Syntax.SpanStart, project.CancellationToken)?.ContainingType;
                var index = owner != null ? project.IndexOf(owner) : new TypeIndex(symbols);
                return KernelPlugins.Count(registration, new CatalogEvaluator(symbols, index, cap, project), symbols);
            }

            var ownTotal = CatalogContent.Empty;
            foreach (var registration in own ?? new List<Microsoft.CodeAnalysis.Operations.IInvocationOperation>())
            {
                ownTotal = ownTotal.Plus(Count(registration));
            }

            if (ownTotal.Min > cap)
            {
                return;
            }

            var total = CatalogContent.Empty;
            foreach (var registration in kernel.Registrations)
            {
                var part = Count(registration);
                if (part.Min > cap)
                {
                    return;
                }

                total = total.Plus(part);
            }

            var location = kernel.AddKernel.Syntax.GetLocation();
            if (total.Min > cap && reported.Add((Descriptors.AIL0201.Id, location.SourceSpan, location.SourceTree!)))
            {
                var number = total.Min.ToString(CultureInfo.InvariantCulture);
                report(Diagnostic.Create(Descriptors.AIL0201, location, total.Exact ? number : "at least " + number, cap, string.Empty));
            }
        }

        private static bool SpansSeveralMembers(List<Microsoft.CodeAnalysis.Operations.IInvocationOperation> registrations)
        {
            SyntaxNode? member = null;
            foreach (var registration in registrations)
            {
                SyntaxNode? current = registration.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>();
                if (current is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax)
                {
                    // The statements of a top-level program are one body, run in order.
                    current = current.Parent;
                }

                if (member != null && current != member)
                {
                    return true;
                }

                member = current;
            }

            return false;
        }

        private static bool ContainsSinkCandidate(List<IOperation> blocks, KnownToolSymbols symbols)
        {
            foreach (var block in blocks)
            {
                if (TypeIndex.MayCreateSink(block, symbols))
                {
                    return true;
                }
            }

            return false;
        }

        private static string ProviderLimit(CatalogSink sink, CatalogContent content)
        {
            if (sink.Provider == "OpenAI" && content.Min > OpenAIToolLimit)
            {
                return "; OpenAI rejects more than " + OpenAIToolLimit.ToString(CultureInfo.InvariantCulture) + " tools in one request";
            }

            if (sink.Provider == "Anthropic" && content.Strict > AnthropicStrictToolLimit)
            {
                return "; " + content.Strict.ToString(CultureInfo.InvariantCulture) + " are strict, and Anthropic accepts at most "
                    + AnthropicStrictToolLimit.ToString(CultureInfo.InvariantCulture) + " strict tools per request";
            }

            return string.Empty;
        }

        private static IOperation? AnchorOf(CatalogSink sink)
        {
            if (sink.Values.Count > 0)
            {
                return sink.Values[0];
            }

            if (sink.Initializers.Count > 0)
            {
                return sink.Initializers[0];
            }

            return sink.Mutations.Count > 0 ? sink.Mutations[0] : null;
        }

        /// <summary>
        /// Where AIL0201 goes: the catalog's construction (the collection a local or field is initialised with, or the
        /// options object whose Tools are filled by Adds), else its assignment.
        /// </summary>
        private static Location CatalogLocation(CatalogSink sink, TypeIndex index, IOperation anchor)
        {
            if (sink.Values.Count > 0)
            {
                var value = sink.Values[0];
                var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                while (TypeIndex.Holder(value) is { } holder && seen.Add(holder)
                    && index.Writes.TryGetValue(holder, out var writes) && writes.Count == 1)
                {
                    value = writes[0];
                }

                return value.Syntax.GetLocation();
            }

            if (sink.Initializers.Count > 0)
            {
                return sink.Initializers[0].Syntax.GetLocation();
            }

            if (sink.Creation != null)
            {
                return sink.Creation.Syntax.GetLocation();
            }

            if (sink.Holder != null && index.Writes.TryGetValue(sink.Holder, out var holderWrites) && holderWrites.Count == 1)
            {
                return holderWrites[0].Syntax.GetLocation();
            }

            return anchor.Syntax.GetLocation();
        }
    }
}
