using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace SupportAssistant.Tools;

/// <summary>
/// Answers support questions with the tools of the company's MCP servers, the way most MCP samples do it:
/// every tool a server lists goes straight into the request.
/// </summary>
public sealed class McpToolAssistant(IChatClient chat, IOptions<McpServerSettings> settings, ILoggerFactory loggerFactory)
{
    private static readonly HashSet<string> OrderToolAllowList = new(StringComparer.Ordinal) { "get_order", "list_orders", "refund_order" };

    /// <summary>Pours the orders server's whole tool list into the options (fixable: cap it with Take).</summary>
    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        await using var orders = await ConnectAsync(settings.Value.OrdersEndpoint, cancellationToken);
        var tools = await orders.ListToolsAsync(cancellationToken: cancellationToken);
        var options = new ChatOptions
        {
            Tools = [.. tools], // expect AIL0202
        };

        var response = await chat.GetResponseAsync(question, options, cancellationToken);
        return response.Text;
    }

    /// <summary>The compliant shape: only the tools the support flow was designed and evaluated with.</summary>
    public async Task<string> AnswerWithAllowListAsync(string question, CancellationToken cancellationToken)
    {
        await using var orders = await ConnectAsync(settings.Value.OrdersEndpoint, cancellationToken);
        var tools = await orders.ListToolsAsync(cancellationToken: cancellationToken);
        var options = new ChatOptions { Tools = [.. tools.Where(t => OrderToolAllowList.Contains(t.Name))] };

        var response = await chat.GetResponseAsync(question, options, cancellationToken);
        return response.Text;
    }

    /// <summary>Merges every configured server: a cap per server does not cap the catalog.</summary>
    public async Task<string> AnswerWithEveryServerAsync(string question, CancellationToken cancellationToken)
    {
        var clients = new List<McpClient>();
        var tools = new List<AITool>();
        try
        {
            foreach (var endpoint in settings.Value.Servers) // expect AIL0202
            {
                var client = await ConnectAsync(endpoint, cancellationToken);
                clients.Add(client);
                tools.AddRange((await client.ListToolsAsync(cancellationToken: cancellationToken)).Take(10));
            }

            var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = tools }, cancellationToken);
            return response.Text;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>A provider-hosted MCP server with no allow-list exposes whatever the server lists today.</summary>
    public async Task<string> AnswerWithGitHubAsync(string question, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Tools = [new HostedMcpServerTool("github", settings.Value.GitHubEndpoint)], // expect AIL0202
        };

        var response = await chat.GetResponseAsync(question, options, cancellationToken);
        return response.Text;
    }

    private Task<McpClient> ConnectAsync(Uri endpoint, CancellationToken cancellationToken) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint }, loggerFactory),
            loggerFactory: loggerFactory,
            cancellationToken: cancellationToken);
}
