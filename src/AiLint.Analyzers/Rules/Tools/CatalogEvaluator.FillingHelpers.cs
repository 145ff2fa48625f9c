using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A tool list filled by a helper of the project it is handed: <c>var tools = new List&lt;AITool&gt;(); RegisterTools(tools);</c>
    /// with <c>void RegisterTools(List&lt;AITool&gt; tools) { tools.Add(...); ... }</c>, in this type or another, static,
    /// an extension (<c>tools.AddWeatherTools()</c>) or a local function. Real apps build their catalog this way across
    /// modules; what the helper's body adds to its list parameter is read as added at the call, one level deep.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// <paramref name="mutations"/> (the list's own <c>Add</c>s) with the helper calls among <paramref name="calls"/>
        /// that may add to it; a helper that only reads the list (a method that sends it) changes nothing and is left out,
        /// so the list stays what its declaration wrote. Null when there is neither.
        /// </summary>
        private List<IInvocationOperation>? WithFillingCalls(List<IInvocationOperation>? mutations, List<IInvocationOperation> calls)
        {
            List<IInvocationOperation>? result = null;
            foreach (var call in calls)
            {
                if (_index.HelperFillArguments.TryGetValue(call, out var argument) && !ReferenceEquals(HelperFill(call, argument, loop: null), CatalogContent.Empty))
                {
                    result ??= mutations == null ? new List<IInvocationOperation>() : new List<IInvocationOperation>(mutations);
                    result.Add(call);
                }
            }

            return result ?? mutations;
        }

        /// <summary>
        /// What <paramref name="call"/> adds to the list it is given as <paramref name="argument"/>. A helper AiLint cannot
        /// read (no body, virtual, partial), one that replaces, shrinks or hands the list on (to a further helper or itself),
        /// adds nothing certain (<see cref="CatalogContent.Unknown"/>); one that only reads the list adds nothing. The
        /// helper's unbounded sources enter the catalog at the argument, through the call (a <c>Take</c> there would cap
        /// nothing, so they are not fixable). A call inside a loop may run any number of times: only its sources are kept.
        /// </summary>
        private CatalogContent HelperFill(IInvocationOperation call, IArgumentOperation argument, ILoopOperation? loop)
        {
            var helper = call.TargetMethod.OriginalDefinition;
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth || argument.Parameter is not { } parameter
                || helper is not { IsAbstract: false, IsVirtual: false, IsOverride: false, IsExtern: false, IsPartialDefinition: false }
                || helper.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                || !_project.IsInSource(helper) || helper.ContainingType is not { } type)
            {
                // A body AiLint does not read: one shaped like a filler (returns nothing, or a bare Task) may add any
                // number of tools; one that returns a value is as likely the step that sends the list, as before.
                return IsFillerShaped(helper) ? CatalogContent.Unknown : CatalogContent.Empty;
            }

            var index = _index.Type != null && SymbolEqualityComparer.Default.Equals(_index.Type.OriginalDefinition, type.OriginalDefinition)
                ? _index
                : _project.IndexOf(type);
            var list = parameter.OriginalDefinition;
            if (index.ChangedParameters.Contains(list) || index.HandedOnParameters.Contains(list))
            {
                return CatalogContent.Unknown;
            }

            if (!index.ParameterMutations.TryGetValue(list, out var adds))
            {
                return CatalogContent.Empty;
            }

            if (!_visiting.Add(helper))
            {
                return CatalogContent.Unknown;
            }

            CatalogContent content;
            try
            {
                content = new CatalogEvaluator(_symbols, index, _cap, _project, _depth + 1).ApplyMutations(CatalogContent.Empty, adds, list);
            }
            finally
            {
                _visiting.Remove(helper);
            }

            if (!content.Unbounded.IsEmpty)
            {
                var suffix = $", through '{Describe(call.Syntax)}'";
                content = content.WithUnboundedSources(ImmutableArray.CreateRange(
                    content.Unbounded, source => source.Through(suffix, argument.Value, fixable: false)));
            }

            return loop == null ? content : new CatalogContent(0, false, 0, content.FromMcp, content.Unbounded);
        }

        private static bool IsFillerShaped(IMethodSymbol method) =>
            method.ReturnsVoid
            || method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false } task
                && task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
    }
}
