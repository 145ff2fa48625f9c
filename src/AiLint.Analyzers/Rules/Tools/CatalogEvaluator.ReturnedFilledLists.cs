using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A filling helper that returns the list it was handed, for chaining: <c>var tools = AddSearchTools(new List&lt;AITool&gt;());</c>
    /// with <c>List&lt;AITool&gt; AddSearchTools(List&lt;AITool&gt; tools) { tools.Add(...); return tools; }</c>, or fluent
    /// extensions <c>new List&lt;AITool&gt;().WithOrders().WithSearch()</c>. Read as a conversion helper, it returned
    /// only what it was given (an empty list), and its adds were lost; its result is the list it was given with the
    /// helper's adds on it, read one level deep as a void filling helper's are (CatalogEvaluator.FillingHelpers).
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>What the call returns when every <c>return</c> of the helper gives back its one list parameter; null otherwise.</summary>
        private CatalogContent? FollowReturnedFilledList(IInvocationOperation invocation, IOperation entry)
        {
            var helper = invocation.TargetMethod.OriginalDefinition;
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth
                || helper is not { IsAbstract: false, IsVirtual: false, IsOverride: false, IsExtern: false, IsPartialDefinition: false }
                || helper.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                || !_project.IsInSource(helper) || !_symbols.IsToolCollection(UnwrapTask(invocation.Type)))
            {
                return null;
            }

            IArgumentOperation? list = null;
            foreach (var argument in invocation.Arguments)
            {
                if (_index.IsListFillingParameter(argument.Parameter))
                {
                    if (list != null)
                    {
                        // Two lists handed over: which one comes back is the helper's choice, as before.
                        return null;
                    }

                    list = argument;
                }
            }

            if (list?.Parameter is not { } parameter)
            {
                return null;
            }

            var values = _project.ReturnedValues(helper);
            if (values.Count == 0)
            {
                return null;
            }

            foreach (var value in values)
            {
                if (TypeIndex.Strip(value) is not IParameterReferenceOperation returned
                    || !SymbolEqualityComparer.Default.Equals(returned.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                {
                    return null;
                }
            }

            return Collection(list.Value, entry).Plus(HelperFill(invocation, list, loop: null));
        }
    }
}
