using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// The container's whole tool set taken by hand: <c>sp.GetServices&lt;AITool&gt;()</c>, or
    /// <c>sp.GetRequiredService&lt;IEnumerable&lt;AITool&gt;&gt;()</c>, in an agent's factory lambda. The container answers
    /// with every <c>AITool</c> registration of the app (its own, plug-ins', reflection helpers', MCP mounters'), the same
    /// collection a constructor parameter <c>IEnumerable&lt;AITool&gt; tools</c> receives, so it is read as that injected
    /// collection is. The keyed forms (<c>sp.GetKeyedServices&lt;AITool&gt;(key)</c>,
    /// <c>sp.GetRequiredKeyedService&lt;IEnumerable&lt;AITool&gt;&gt;(key)</c>) answer with every registration under that
    /// key, a set the app's modules grow the same way; AIL0202's message names the key (<c>(keyed services "search")</c>),
    /// as it does for a <c>[FromKeyedServices("search")]</c> parameter, so the registrations can be found.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>The injected tool collection such a call resolves; null for any other call.</summary>
        private CatalogContent? ResolvedToolCollection(IInvocationOperation invocation, IOperation entry)
        {
            var method = invocation.TargetMethod;
            if (!method.IsGenericMethod || method.TypeArguments.Length != 1)
            {
                return null;
            }

            var keyed = SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.KeyedServiceProviderExtensions);
            if (!keyed && !SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.ServiceProviderExtensions))
            {
                return null;
            }

            // Only the collection the container makes by itself from the registrations (IEnumerable<T>); a registered
            // List<AITool> or array is one object the app built, which may well be bounded.
            var resolvesAll = method.Name == (keyed ? "GetKeyedServices" : "GetServices")
                ? _symbols.IsToolType(method.TypeArguments[0])
                : (keyed ? method.Name is "GetRequiredKeyedService" or "GetKeyedService" : method.Name is "GetRequiredService" or "GetService")
                    && method.TypeArguments[0] is INamedTypeSymbol requested
                    && SymbolEqualityComparer.Default.Equals(requested.OriginalDefinition, _symbols.IEnumerableOfT)
                    && _symbols.IsToolCollection(requested);
            if (!resolvesAll)
            {
                return null;
            }

            // The key names the registrations that fill the set: said in the message, so the user can find them.
            var key = keyed ? KeyArgument(invocation) : null;
            var description = $"the injected tool collection '{Describe(invocation.Syntax)}'" + (key == null ? string.Empty : $" (keyed services {DescribeKey(key)})");
            return CatalogContent.From(new UnboundedSource(description, entry, fixable: true), fromMcp: false);
        }

        /// <summary>The <c>serviceKey</c> argument of a keyed resolution; null when it is missing (half-typed code).</summary>
        private static IOperation? KeyArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { Ordinal: > 0 } && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return TypeIndex.Strip(argument.Value);
                }
            }

            return null;
        }

        /// <summary>
        /// A key as the code writes it: a literal as is (<c>"search"</c>), a named constant with its value
        /// (<c>'ToolKeys.Search' = "search"</c>), anything else by its text (<c>'key'</c>).
        /// </summary>
        private static string DescribeKey(IOperation key)
        {
            if (key is ILiteralOperation literal)
            {
                return literal.Syntax.ToString();
            }

            var text = $"'{Describe(key.Syntax)}'";
            return key.ConstantValue is { HasValue: true, Value: string value }
                ? $"{text} = {SymbolDisplay.FormatLiteral(value, quote: true)}"
                : text;
        }

        /// <summary>An injected tool collection parameter, with its key when the container resolves it keyed.</summary>
        private static string InjectedCollectionDescription(IParameterSymbol parameter) =>
            $"the injected tool collection '{parameter.Name}'"
            + (FromKeyedServicesKey(parameter) is { } key ? $" (keyed services {key})" : string.Empty);

        /// <summary>
        /// The key of a <c>[FromKeyedServices(key)]</c> parameter, as a constant (<c>"search"</c>); null for a parameter
        /// without the attribute, or one whose key is not a constant the attribute holds.
        /// </summary>
        private static string? FromKeyedServicesKey(IParameterSymbol parameter)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "FromKeyedServicesAttribute" } attributeClass
                    && attributeClass.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection"
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0] is { Kind: not TypedConstantKind.Error and not TypedConstantKind.Array, IsNull: false } key)
                {
                    return key.ToCSharpString();
                }
            }

            return null;
        }
    }
}
