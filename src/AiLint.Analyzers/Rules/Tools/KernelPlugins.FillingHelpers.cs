using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Plugins a helper of the project registers on the kernel it is handed: <c>AddPlugins(kernel)</c> with
    /// <c>static void AddPlugins(Kernel k) { k.Plugins.AddFromType&lt;A&gt;(); k.ImportPluginFromObject(new B()); }</c>,
    /// <c>Register(IKernelBuilder b)</c>, <c>AddMail(KernelPluginCollection plugins)</c>. Apps split their setup this way
    /// across modules; the helper's registrations on its parameter count as made at the call, one level deep, as a tool
    /// list's filling helper's adds do (CatalogEvaluator.FillingHelpers).
    /// </summary>
    internal static partial class KernelPlugins
    {
        /// <summary>A parameter through which a helper can register plugins on the caller's kernel.</summary>
        public static bool IsKernelParameter(IParameterSymbol? parameter) =>
            parameter is { RefKind: RefKind.None, Type: INamedTypeSymbol { Name: "Kernel" or "IKernelBuilder" or "KernelPluginCollection" or "IKernelBuilderPlugins" } type }
            && type.ContainingNamespace?.ToDisplayString() == Namespace;

        /// <summary>
        /// What <paramref name="helper"/> registers on the kernel it is given as <paramref name="parameter"/>: its
        /// registrations on that parameter, counted as the kernel's own are (the largest of exclusive branches, "up to"
        /// under a condition). A helper AiLint does not read (no body, virtual), or one that reassigns the parameter or
        /// removes plugins, adds no sure number (<see cref="CatalogContent.Unknown"/>); one that also hands the kernel on
        /// to further code of the project adds at least its own registrations; one that registers nothing on it (it only
        /// runs a prompt) adds nothing.
        /// </summary>
        public static CatalogContent CountHelper(IMethodSymbol helper, IParameterSymbol parameter, ProjectCatalogs project, KnownToolSymbols symbols, int cap)
        {
            helper = helper.OriginalDefinition;
            if (helper is not { IsAbstract: false, IsVirtual: false, IsOverride: false, IsExtern: false, IsPartialDefinition: false }
                || helper.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                || !project.IsInSource(helper) || helper.ContainingType is not { } type)
            {
                return CatalogContent.Unknown;
            }

            // The helper's body alone, in an index of its own: the registrations on its parameter, found as the type's
            // walk finds them. The type's shared index is not read, since its analysis may be merging kernels meanwhile.
            var body = new TypeIndex(symbols);
            foreach (var operation in SourceBodies.GetBodies(helper, project.Compilation, project.CancellationToken))
            {
                body.Add(operation);
            }

            var own = parameter.OriginalDefinition;
            if (body.ChangedParameters.Contains(own))
            {
                return CatalogContent.Unknown;
            }

            // Handed on further: what the helper registers itself is sure, what the further code adds is not seen.
            var more = body.HandedOnKernelParameters.Contains(own) ? CatalogContent.Unknown : CatalogContent.Empty;

            KernelCatalog? kernel = null;
            foreach (var candidate in body.Kernels)
            {
                if (candidate.Holder != null && SymbolEqualityComparer.Default.Equals(candidate.Holder.OriginalDefinition, own))
                {
                    kernel = candidate;
                }
            }

            if (kernel == null)
            {
                return more;
            }

            if (kernel.Shrinks)
            {
                return CatalogContent.Unknown;
            }

            // Function lists and plugin objects are read with the helper's type around them (its fields, its builders).
            var evaluator = new CatalogEvaluator(symbols, project.IndexOf(type), cap, project, depth: 1);
            var alternatives = ExclusiveBranches.Split(kernel.Registrations, null);
            CatalogContent? largest = null;
            foreach (var alternative in alternatives)
            {
                var total = CatalogContent.Empty;
                foreach (var registration in alternative)
                {
                    if (PromptDirectoryFunctions.RepeatsAnEarlierImport(registration, alternative))
                    {
                        continue;
                    }

                    var part = Count(registration, evaluator, symbols);
                    total = total.Plus(CatalogEvaluator.IsConditional(registration, null) ? part.AsConditional() : part);
                }

                largest = largest == null || total.Min > largest.Min ? total : largest;
            }

            var result = (largest ?? CatalogContent.Empty).Plus(more);
            return alternatives.Count > 1 ? result.AsConditional() : result;
        }
    }
}
