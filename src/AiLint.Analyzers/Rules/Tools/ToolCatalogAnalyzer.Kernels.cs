using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Tools
{
    // AIL0201 on Semantic Kernel totals: a kernel's plugins summed, and the project's one container kernel.
    public sealed partial class ToolCatalogAnalyzer
    {
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

                // A helper of the project handed the kernel counts what it registers there (KernelPlugins.FillingHelpers).
                var helper = index.KernelHelperCalls.TryGetValue(registration, out var handed);
                var part = helper
                    ? KernelPlugins.CountHelper(handed.Helper, handed.Parameter, project, symbols, cap)
                    : KernelPlugins.Count(registration, evaluator, symbols);

                // A function list, or a helper's kernel, over the cap by itself is reported there, not again here.
                if (part.Min > cap && (helper || KernelPlugins.IsFunctionList(registration)))
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
                // A kernel also handed to the project's own code (a scanner, a plugin's constructor) may get more plugins there.
                var exact = total.Exact && !(first.SemanticModel is { } model && KernelHandOver.MayGetMorePlugins(kernel, model));
                var number = total.Min.ToString(CultureInfo.InvariantCulture);
                var count = total.Conditional ? "up to " + number : exact ? number : "at least " + number;
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
    }
}
