using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A registry taken from the container by hand: <c>var provider = sp.GetRequiredService&lt;IMcpToolProvider&gt;();</c>
    /// in the factory lambda of <c>services.AddSingleton&lt;AIAgent&gt;(sp =&gt; ...)</c> (the usual Agent Framework
    /// registration, review85 ChatWithYourData). The container hands out the same instance a constructor parameter of
    /// that type would get, so it is read as one (an injected registry, whose implementations in the project are read).
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// <c>GetRequiredService&lt;T&gt;()</c>, <c>GetService&lt;T&gt;()</c>, <c>GetRequiredKeyedService&lt;T&gt;(key)</c>,
        /// <c>GetKeyedService&lt;T&gt;(key)</c> of Microsoft.Extensions.DependencyInjection.Abstractions (also waited
        /// for with the null-forgiving operator). Not <c>GetServices&lt;T&gt;()</c>: a list of registrations is the
        /// collection case of CatalogEvaluator.RegistryCollections, read only from injected parameters.
        /// </summary>
        private bool IsServiceResolution(IOperation? operation)
        {
            if (TypeIndex.Strip(operation) is not IInvocationOperation { TargetMethod: { IsGenericMethod: true } method })
            {
                return false;
            }

            var type = method.ContainingType;
            if (type == null
                || !(SymbolEqualityComparer.Default.Equals(type, _symbols.ServiceProviderExtensions)
                    || SymbolEqualityComparer.Default.Equals(type, _symbols.KeyedServiceProviderExtensions)))
            {
                return false;
            }

            return method.Name is "GetRequiredService" or "GetService" or "GetRequiredKeyedService" or "GetKeyedService";
        }

        /// <summary>A local whose every write resolves it from the container (<c>var provider = sp.GetRequiredService&lt;T&gt;();</c>).</summary>
        private bool IsResolvedLocal(ILocalSymbol local)
        {
            if (!_index.Writes.TryGetValue(local, out var writes) || writes.Count == 0)
            {
                return false;
            }

            foreach (var write in writes)
            {
                if (!IsServiceResolution(write))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
