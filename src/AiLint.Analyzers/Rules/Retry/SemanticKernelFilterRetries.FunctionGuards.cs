using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A filter that chooses the functions it retries (<c>if (context.Function.PluginName != "StockPlugin") { await
    /// next(context); return; }</c>) retries named plugin functions, not the prompt functions <c>InvokePromptAsync</c>
    /// makes (they have a generated name and no plugin). Which functions pass the test is not read, so any condition on
    /// the context's <c>Function</c> keeps the filter from counting as a retry of prompt calls.
    /// </summary>
    internal sealed partial class SemanticKernelFilterRetries
    {
        private static bool ChoosesFunctions(IOperation body, IParameterSymbol context) =>
            body.Descendants().Any(operation => operation switch
            {
                IConditionalOperation conditional => ReadsFunction(conditional.Condition, context),
                ISwitchOperation @switch => ReadsFunction(@switch.Value, context),
                ISwitchExpressionOperation @switch => ReadsFunction(@switch.Value, context),
                IIsPatternOperation pattern => ReadsFunction(pattern.Value, context),
                _ => false,
            });

        /// <summary>The condition reads <c>context.Function</c> (its name, plugin name or metadata).</summary>
        private static bool ReadsFunction(IOperation condition, IParameterSymbol context) =>
            condition.DescendantsAndSelf().OfType<IPropertyReferenceOperation>().Any(property =>
                property.Property.Name == "Function"
                && property.Instance is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter, context));
    }
}
