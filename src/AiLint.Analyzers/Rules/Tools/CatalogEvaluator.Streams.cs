using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// An MCP server's whole tool list read as a stream (<c>await foreach (var t in mcp.EnumerateToolsAsync())</c>), and
    /// the stream operators that keep its elements (see <see cref="McpToolStreams"/>).
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>What a stream call holds; null when <paramref name="invocation"/> is not one of them.</summary>
        private CatalogContent? StreamedTools(IInvocationOperation invocation, IOperation entry)
        {
            var streams = _symbols.Streams;
            var method = invocation.TargetMethod;
            if (streams.IsEnumerateTools(method))
            {
                // The same list as ListToolsAsync. `.Take(20)` fixes an await foreach only with an async LINQ, so the
                // code fix is offered where the stream has been gathered into a list, not on the stream itself.
                var description = $"'{Describe(invocation.Syntax)}' (an MCP server's whole tool list)";
                return CatalogContent.From(new UnboundedSource(description, entry, fixable: !streams.IsStream(entry.Type)), fromMcp: true);
            }

            // Extension calls: the stream is the first argument.
            if (invocation.Arguments.Length == 0)
            {
                return null;
            }

            if (streams.IsStreamConfiguration(method))
            {
                return Collection(invocation.Arguments[0].Value, entry);
            }

            if (!streams.IsAsyncLinq(method))
            {
                return null;
            }

            switch (method.Name)
            {
                case "ToListAsync":
                case "ToArrayAsync":
                    return Collection(invocation.Arguments[0].Value, entry);
                case "ToHashSetAsync":
                    return Collection(invocation.Arguments[0].Value, entry).MaybeFewer();
                default:
                    // Take, Where, Select, Concat...: read as their System.Linq.Enumerable namesakes (an operator with an
                    // async delegate, `Where(async (t, ct) => ...)`, is not an allow-list it can read: MaybeFewer).
                    return Linq(invocation, entry);
            }
        }
    }
}
