// AiLint package-consumer check for the Tools family (AIL0202, code fix "Cap the tool source with .Take(20)").
// An MCP server's whole tool list is poured into ChatOptions.Tools: the build reports AIL0202 on `tools`, and
// `dotnet format analyzers --diagnostics AIL0202` rewrites it to `[.. tools.Take(20)]`, which builds cleanly.
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace AiLintConsumer.Tools;

public static class McpCatalog
{
    public static async Task<ChatOptions> CreateOptionsAsync(McpClient mcp, CancellationToken cancellationToken = default)
    {
        var tools = await mcp.ListToolsAsync(cancellationToken: cancellationToken);
        return new ChatOptions { Tools = [.. tools] };
    }
}
