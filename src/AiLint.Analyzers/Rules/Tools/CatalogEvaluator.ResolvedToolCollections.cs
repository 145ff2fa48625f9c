using Microsoft.CodeAnalysis;
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
    /// key, a set the app's modules grow the same way.
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
            return resolvesAll
                ? CatalogContent.From(new UnboundedSource($"the injected tool collection '{Describe(invocation.Syntax)}'", entry, fixable: true), fromMcp: false)
                : null;
        }
    }
}
