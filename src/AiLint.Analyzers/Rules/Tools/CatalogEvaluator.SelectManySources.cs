using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// <c>SelectMany</c> whose selector yields an unbounded source for each element:
    /// <c>services.GetServices&lt;ITool&gt;().SelectMany(tool =&gt; tool.GetType().GetMethods()...Select(m =&gt;
    /// AIFunctionFactory.Create(m, tool)))</c>, <c>clients.SelectMany(c =&gt; c.ListToolsAsync()...)</c>. Each element
    /// brings the whole of that source, so the union is at least as unbounded as one element's: the selector's sources
    /// enter the catalog where the <c>SelectMany</c> does.
    /// </summary>
    /// <remarks>
    /// A selector whose result is bounded keeps the earlier reading (a union of unknown size). A selector that reads a
    /// member of its element (<c>c =&gt; c.Tools</c>, <c>p =&gt; p.Value</c>) or calls a method of the project on it
    /// (<c>p =&gt; p.GetTools()</c>) is left to the readings that decide when such holders, dictionaries and registries are
    /// followed (<see cref="DictionaryUnion"/>, <see cref="WrapperListUnion"/>, <see cref="RegistryCollectionUnion"/>).
    /// </remarks>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>The outer collection's content with the selector's unbounded sources added; null when the selector yields none.</summary>
        private CatalogContent? SelectorSources(IInvocationOperation selectMany, IOperation entry)
        {
            if (selectMany.Arguments.Length < 2
                || TypeIndex.Strip(selectMany.Arguments[1].Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation selector }
                || selector.Symbol.Parameters.Length == 0
                || ReturnedValue(selector.Body) is not { } selected
                || IsElementMember(TypeIndex.Strip(selected), selector.Symbol.Parameters[0]))
            {
                return null;
            }

            // A parameter the selector reads is not forwarded to the callers unless its content is kept.
            var forwarded = Forwarded.Count == 0 ? null : new HashSet<IParameterSymbol>(Forwarded, SymbolEqualityComparer.Default);
            var perElement = Collection(selected, entry);
            if (perElement.Unbounded.IsEmpty)
            {
                if (forwarded == null)
                {
                    Forwarded.Clear();
                }
                else
                {
                    Forwarded.IntersectWith(forwarded);
                }

                return null;
            }

            var outer = Collection(selectMany.Arguments[0].Value, entry);
            return new CatalogContent(0, false, 0, outer.FromMcp || perElement.FromMcp, outer.Unbounded.AddRange(perElement.Unbounded));
        }

        /// <summary><c>c.Tools</c>, <c>p.Value</c>, <c>p.GetTools()</c> (a method of the project) on the selector's element.</summary>
        private static bool IsElementMember(IOperation? selected, IParameterSymbol element)
        {
            IOperation? instance;
            switch (selected)
            {
                case IMemberReferenceOperation member:
                    instance = member.Instance;
                    break;
                case IInvocationOperation call when call.TargetMethod.DeclaringSyntaxReferences.Length != 0:
                    instance = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                    break;
                default:
                    return false;
            }

            return TypeIndex.Strip(instance) is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter, element);
        }
    }
}
