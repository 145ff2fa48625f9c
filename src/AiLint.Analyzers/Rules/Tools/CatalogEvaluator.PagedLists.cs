using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// An MCP server's tool list, whole or a page at a time. ModelContextProtocol 2.x has two <c>ListToolsAsync</c>
    /// overloads: one returns every tool (the SDK follows the cursors), the other
    /// (<c>ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, ct)</c>) returns the server's raw
    /// <c>ListToolsResult</c>, and the caller loops over <c>NextCursor</c>. The <c>Tools</c> of such a page hold as
    /// many tools as the server chooses to send, and a loop over the cursors gathers them all, so a page's tools are
    /// the server's list as much as the whole list is; converted (<c>new McpClientTool(client, t)</c>) they are
    /// followed to the sink like any other.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>How many locals a page may pass through (<c>var result = await ...; var page = result;</c>).</summary>
        private const int MaxPageHops = 2;

        /// <summary>
        /// The server's list, or the app's own in-process server with a fixed tool set within the cap (bounded, count
        /// unknown, see <see cref="InProcessMcpServer"/>). <paramref name="listing"/> is the <c>ListToolsAsync</c> call.
        /// </summary>
        private CatalogContent ServerToolList(IInvocationOperation listing, IOperation entry, string what)
        {
            if (InProcessMcpServer.ToolCount(listing, _index, _symbols) is int served && served <= _cap)
            {
                return new CatalogContent(0, false, 0, true, CatalogContent.Empty.Unbounded, chosen: true);
            }

            return CatalogContent.From(new UnboundedSource($"'{Describe(listing.Syntax)}' ({what})", entry, fixable: true), fromMcp: true);
        }

        /// <summary>
        /// <c>result.Tools</c> of a page the server sent: the result is the paged <c>ListToolsAsync</c> call, awaited (or
        /// waited for), directly or through a local every write of which is such a call (a <c>null</c> written before the
        /// loop aside). Null for any other <c>ListToolsResult</c>, such as one the app builds for its own server's handler:
        /// its tools are the ones written there.
        /// </summary>
        private CatalogContent? PagedServerTools(IPropertyReferenceOperation reference, IOperation entry) =>
            _symbols.IsMcpPageTools(reference.Property) && ListedPage(reference.Instance, hops: 0) is { } listing
                ? ServerToolList(listing, entry, "a page of an MCP server's tool list")
                : null;

        /// <summary>The paged <c>ListToolsAsync</c> call <paramref name="operation"/> holds the result of; null when it is not one.</summary>
        private IInvocationOperation? ListedPage(IOperation? operation, int hops)
        {
            operation = TypeIndex.Strip(operation);
            switch (operation)
            {
                case null:
                    return null;
                case IAwaitOperation awaited:
                    return ListedPage(awaited.Operation, hops);
                case IInvocationOperation call when _symbols.IsMcpListToolsPage(call.TargetMethod):
                    return call;
                case ILocalReferenceOperation local when hops < MaxPageHops && _index.Writes.TryGetValue(local.Local, out var writes):
                    IInvocationOperation? listed = null;
                    foreach (var write in writes)
                    {
                        // `ListToolsResult? page = null;` before a do/while that assigns each page.
                        if (TypeIndex.IsNullConstant(write))
                        {
                            continue;
                        }

                        if (ListedPage(write, hops + 1) is not { } page)
                        {
                            return null;
                        }

                        listed ??= page;
                    }

                    return listed;
                default:
                    // `.ConfigureAwait(false)`, `.GetAwaiter().GetResult()`, `.Result`, `.AsTask()`: the same page.
                    return AwaitedTask(operation) is { } task ? ListedPage(task, hops) : null;
            }
        }
    }
}
