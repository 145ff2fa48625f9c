using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// An MCP server's tool list read as a stream, and what keeps a stream's elements, resolved once per compilation.
    /// ModelContextProtocol 0.2.0-preview.3 declares <c>EnumerateToolsAsync(this IMcpClient, JsonSerializerOptions?,
    /// CancellationToken)</c> on <c>McpClientExtensions</c>, beside <c>ListToolsAsync</c>: the same server list, streamed
    /// page by page (2.x no longer has it). Apps consume it with <c>await foreach</c>, often configured
    /// (<c>TaskAsyncEnumerableExtensions.ConfigureAwait/WithCancellation</c>), or gather and shape it with
    /// .NET 10's <c>System.Linq.AsyncEnumerable</c> (<c>ToListAsync</c>, <c>Where</c>, <c>Take</c>, <c>Select</c>), the
    /// same operators as <c>System.Linq.Enumerable</c>.
    /// </summary>
    internal sealed class McpToolStreams
    {
        private readonly ImmutableArray<INamedTypeSymbol> _listers;

        public McpToolStreams(Compilation compilation, ImmutableArray<INamedTypeSymbol> mcpToolListers)
        {
            _listers = mcpToolListers;
            AsyncEnumerable = compilation.GetTypeByMetadataName("System.Linq.AsyncEnumerable");
            StreamConfiguration = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskAsyncEnumerableExtensions");
            IAsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
            ConfiguredStream = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredCancelableAsyncEnumerable`1");
        }

        /// <summary>The LINQ operators over <c>IAsyncEnumerable&lt;T&gt;</c> (.NET 10, or the System.Linq.Async package of the same name).</summary>
        public INamedTypeSymbol? AsyncEnumerable { get; }

        /// <summary><c>stream.ConfigureAwait(false)</c>, <c>stream.WithCancellation(ct)</c>: the same elements.</summary>
        public INamedTypeSymbol? StreamConfiguration { get; }

        public INamedTypeSymbol? IAsyncEnumerableOfT { get; }

        public INamedTypeSymbol? ConfiguredStream { get; }

        /// <summary><c>mcp.EnumerateToolsAsync()</c> of an MCP client version that declares it (by its declaring type, as ListToolsAsync).</summary>
        public bool IsEnumerateTools(IMethodSymbol method) =>
            method.Name == "EnumerateToolsAsync" && method.ContainingType != null
            && _listers.Contains(method.ContainingType.OriginalDefinition, SymbolEqualityComparer.Default);

        public bool IsAsyncLinq(IMethodSymbol method) =>
            AsyncEnumerable != null && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, AsyncEnumerable);

        public bool IsStreamConfiguration(IMethodSymbol method) =>
            StreamConfiguration != null && (method.Name == "ConfigureAwait" || method.Name == "WithCancellation")
            && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, StreamConfiguration);

        /// <summary>
        /// A stream that can only be read with <c>await foreach</c>: <c>.Take(n)</c> appended to it needs an async LINQ
        /// the project may not reference, so the code fix is not offered there.
        /// </summary>
        public bool IsStream(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            var definition = type.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, IAsyncEnumerableOfT) || SymbolEqualityComparer.Default.Equals(definition, ConfiguredStream))
            {
                return true;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, IAsyncEnumerableOfT))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
