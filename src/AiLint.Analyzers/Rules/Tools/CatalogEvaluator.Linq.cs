using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>LINQ over a tool collection: what each operator keeps, a <c>Take(n)</c> cap, an allow-list <c>Where</c>.</summary>
    internal sealed partial class CatalogEvaluator
    {
        private CatalogContent Linq(IInvocationOperation invocation, IOperation entry)
        {
            // _plugins.SelectMany(p => p.Value) over a dictionary of every server's list (CatalogEvaluator.Dictionaries).
            if (invocation.TargetMethod.Name == "SelectMany" && DictionaryUnion(invocation, entry) is { } union)
            {
                return union;
            }

            // _mcpClients.SelectMany(c => c.Tools) over a list of per-server holders (CatalogEvaluator.WrapperLists).
            if (invocation.TargetMethod.Name == "SelectMany" && WrapperListUnion(invocation, entry) is { } wrappers)
            {
                return wrappers;
            }

            // contextProviders.SelectMany(p => p.GetTools()) over the container's providers (CatalogEvaluator.RegistryCollections).
            if (invocation.TargetMethod.Name == "SelectMany" && RegistryCollectionUnion(invocation, entry) is { } providers)
            {
                return providers;
            }

            // _chatTools.Select(tool => tool.Get()) over an injected IEnumerable<IChatTool> (CatalogEvaluator.AppToolInterfaces).
            if (invocation.TargetMethod.Name == "Select" && ConvertedAppToolCollection(invocation) is { } appTools)
            {
                return appTools;
            }

            // plugins.SelectMany(p => p.GetType().GetMethods()...): each element's unbounded source (CatalogEvaluator.SelectManySources).
            if (invocation.TargetMethod.Name == "SelectMany" && SelectorSources(invocation, entry) is { } perElement)
            {
                return perElement;
            }

            var source = Collection(invocation.Arguments[0].Value, entry);
            switch (invocation.TargetMethod.Name)
            {
                case "Take" when invocation.Arguments.Length == 2:
                    return TakeCount(invocation.Arguments[1].Value) is int n
                        ? source.AtMost(n, capped: n <= _cap)
                        : IsChosenCount(invocation.Arguments[1].Value) ? source.MaybeFewer().WithoutUnbounded() : source.MaybeFewer();
                case "Where" when invocation.Arguments.Length == 2:
                    return IsAllowListFilter(invocation.Arguments[1].Value) ? source.MaybeFewer().ChosenByName() : source.MaybeFewer();
                case "Select":
                case "Cast":
                case "ToList":
                case "ToArray":
                case "AsEnumerable":
                case "OrderBy":
                case "OrderByDescending":
                case "ThenBy":
                case "ThenByDescending":
                case "Reverse":
                    return source;
                case "Concat" when invocation.Arguments.Length == 2:
                    return source.Plus(Collection(invocation.Arguments[1].Value, entry));
                case "Union" when invocation.Arguments.Length >= 2:
                    return source.Plus(Collection(invocation.Arguments[1].Value, entry)).MaybeFewer();
                case "Append":
                case "Prepend":
                    return invocation.Arguments.Length == 2 ? source.Plus(Element(invocation.Arguments[1].Value, entry)) : source;
                case "OfType":
                case "Distinct":
                case "DistinctBy":
                case "Skip":
                case "SkipWhile":
                case "TakeWhile":
                case "ToHashSet":
                case "SelectMany":
                    return source.MaybeFewer();
                default:
                    // First(), Count(), Aggregate(): not a catalog of the source's tools.
                    return CatalogContent.Unknown;
            }
        }

        /// <summary>
        /// The value of <c>Take(n)</c>: a constant, or a <c>static readonly</c> int field of the project initialised with
        /// one (<c>static readonly int MaxTools = 50;</c> caps at 50, not at whatever it might be).
        /// </summary>
        private int? TakeCount(IOperation count)
        {
            if (count.ConstantValue.Value is int n)
            {
                return n;
            }

            if (TypeIndex.Strip(count) is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true, DeclaringSyntaxReferences.Length: 1 } field }
                && field.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer })
            {
                // The field may be declared in another file (a `Limits` class): its tree's model, when the project is known.
                var model = count.SemanticModel?.SyntaxTree == initializer.SyntaxTree
                    ? count.SemanticModel
                    : _project != null ? AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(_project.Compilation, initializer.SyntaxTree) : null;
                if (model?.GetConstantValue(initializer.Value).Value is int value)
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>
        /// <c>Take(topK)</c>, <c>Take(settings.MaxTools)</c>: a number someone chose (a router's top-K, a configured
        /// maximum) bounds the catalog the way a configured allow-list does (see <see cref="NameFilter"/>): its size is a
        /// deployment decision, not a list that grows with the server. A count taken from a tool collection
        /// (<c>Take(all.Count)</c>) bounds nothing.
        /// </summary>
        private bool IsChosenCount(IOperation count)
        {
            foreach (var operation in count.DescendantsAndSelf())
            {
                if (operation.Type is { } type && _symbols.IsToolCollection(type))
                {
                    return false;
                }
            }

            return count.Type?.SpecialType == SpecialType.System_Int32;
        }

        private bool IsAllowListFilter(IOperation predicate)
        {
            switch (TypeIndex.Strip(predicate))
            {
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } when lambda.Symbol.Parameters.Length == 1:
                    return NameFilter.Admits(_allowList, ReturnedValue(lambda.Body), lambda.Symbol.Parameters[0]);
                case IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: { } method } }:
                    // Where(IsAllowed): a method of your own decides, tool by tool (a selection step, see NameFilter).
                    return NameFilter.IsOwnMethod(method);
            }

            return false;
        }

        private static IOperation? ReturnedValue(IBlockOperation body) =>
            body.Operations.Length == 1 && body.Operations[0] is IReturnOperation ret ? ret.ReturnedValue : null;
    }
}
