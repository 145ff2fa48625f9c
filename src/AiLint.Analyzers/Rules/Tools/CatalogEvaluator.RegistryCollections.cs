using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Every registry the container injects as a collection (<c>IEnumerable&lt;IContextProvider&gt; contextProviders</c>,
    /// review80 repro-1, shinyorg/aiconversation): each element is an injected registry like a single injected
    /// <c>IContextProvider</c>, so its <c>GetTools()</c> is followed into the project's implementations the same way
    /// (<see cref="FollowImplementations"/>). Reached as the variable of a <c>foreach</c> over the collection or the
    /// parameter of a LINQ lambda over it (<c>contextProviders.SelectMany(p =&gt; p.GetTools())</c>), or picked with
    /// <c>First()</c>/<c>Single()</c>/<c>Last()</c>.
    /// </summary>
    /// <remarks>
    /// Only <c>IEnumerable&lt;T&gt;</c>, what the container fills with every registration of <c>T</c>: an
    /// <c>IList&lt;T&gt;</c> or array of providers is as likely built by a caller with <c>new</c>, as for tool
    /// collections reached from a registry (see the page's limitations). The number of providers is the container's, so
    /// a catalog made of them has no count AiLint can give (AIL0201 counts it as at least what one provider returns);
    /// providers that each return a list the project wrote or bounded are not reported.
    /// </remarks>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>A foreach variable or LINQ lambda parameter that stands for one element of an injected registry collection.</summary>
        private bool IsRegistryCollectionElement(IOperation instance)
        {
            switch (instance)
            {
                case ILocalReferenceOperation local:
                    return DeclaringForEach(local) is { } loop && IsInjectedRegistryCollection(loop.Collection);
                case IParameterReferenceOperation { Parameter: { Ordinal: 0, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda } }:
                    return LinqSourceOfLambda(instance, lambda) is { } source && IsInjectedRegistryCollection(source);
                case IInvocationOperation { TargetMethod.Name: "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault", Arguments.Length: >= 1 } pick
                        when SymbolEqualityComparer.Default.Equals(pick.TargetMethod.ContainingType, _symbols.Enumerable):
                    // contextProviders.First(): one of the container's providers (whichever was registered first).
                    return IsInjectedRegistryCollection(pick.Arguments[0].Value);
                default:
                    return false;
            }
        }

        /// <summary><c>contextProviders</c> in <c>contextProviders.Select(p =&gt; ...)</c>: the source a LINQ lambda's first parameter walks.</summary>
        private IOperation? LinqSourceOfLambda(IOperation reference, IMethodSymbol lambda)
        {
            for (var current = reference.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
                {
                    return ArgumentOfLambda(function) is { Parameter.Ordinal: > 0, Parent: IInvocationOperation linq }
                        && SymbolEqualityComparer.Default.Equals(linq.TargetMethod.ContainingType, _symbols.Enumerable)
                        && linq.Arguments.Length > 0
                        ? linq.Arguments[0].Value
                        : null;
                }
            }

            return null;
        }

        /// <summary>An injected <c>IEnumerable&lt;T&gt;</c> of an interface or abstract class that is no collection or tool itself.</summary>
        private bool IsInjectedRegistryCollection(IOperation? collection)
        {
            collection = TypeIndex.Strip(collection);
            if (collection?.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } type
                || !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _symbols.IEnumerableOfT))
            {
                return false;
            }

            var element = type.TypeArguments[0];
            return (element.TypeKind == TypeKind.Interface || element is { IsAbstract: true, TypeKind: TypeKind.Class })
                && _symbols.GetElementType(element) == null && !_symbols.IsToolType(element)
                && IsInjectedValue(collection);
        }

        /// <summary>
        /// <c>contextProviders.SelectMany(p =&gt; p.GetTools())</c>: what one provider returns, once per provider (how
        /// many, the container decides). Null for any other <c>SelectMany</c>.
        /// </summary>
        private CatalogContent? RegistryCollectionUnion(IInvocationOperation selectMany, IOperation entry)
        {
            if (selectMany.Arguments.Length != 2
                || TypeIndex.Strip(selectMany.Arguments[1].Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation selector }
                || selector.Symbol.Parameters.Length != 1
                || ReturnedValue(selector.Body) is not { } selected
                || !IsInjectedRegistryCollection(selectMany.Arguments[0].Value))
            {
                return null;
            }

            return Collection(selected, entry).MaybeFewer();
        }
    }
}
