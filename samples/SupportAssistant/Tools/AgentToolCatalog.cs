using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace SupportAssistant.Tools;

/// <summary>Which of the knowledge-base server's tools the agents may use, bound from the "KnowledgeBase" section.</summary>
public sealed class KnowledgeBaseSettings
{
    /// <summary>The knowledge-base MCP server.</summary>
    public Uri Endpoint { get; set; } = new("http://localhost:5200/mcp");

    /// <summary>The tool names operations has approved for the support agents.</summary>
    public HashSet<string> AllowedTools { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Builds tool catalogs in one place for the agents that use them elsewhere: the shape of most agent apps, where a
/// catalog service lists an MCP server's tools once and every agent takes what it returns.
/// </summary>
public sealed class KnowledgeBaseToolCatalog(IOptions<KnowledgeBaseSettings> settings, ILoggerFactory loggerFactory)
{
    /// <summary>Every tool the server lists today (the list grows when the server ships a new tool).</summary>
    public async Task<List<AITool>> GetToolsAsync(CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken);
        return [.. await client.ListToolsAsync(cancellationToken: cancellationToken)];
    }

    /// <summary>Only the tools operations approved in configuration: bounded by that list.</summary>
    public async Task<List<AITool>> GetApprovedToolsAsync(CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        return [.. tools.Where(t => settings.Value.AllowedTools.Contains(t.Name))];
    }

    private Task<McpClient> ConnectAsync(CancellationToken cancellationToken) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = settings.Value.Endpoint }, loggerFactory),
            loggerFactory: loggerFactory,
            cancellationToken: cancellationToken);
}

/// <summary>Agents built on the catalog service: the catalog is built in one method and handed to the model in another.</summary>
public sealed class KnowledgeBaseAgents(IChatClient chat, KnowledgeBaseToolCatalog catalog)
{
    private const string Instructions = "Answer support questions from the knowledge base.";

    /// <summary>Hands the server's whole list to the agent: reported where the catalog reaches the agent.</summary>
    public async Task<AIAgent> CreateResearchAgentAsync(CancellationToken cancellationToken) =>
        chat.AsAIAgent(instructions: Instructions, tools: await catalog.GetToolsAsync(cancellationToken)); // expect AIL0202

    /// <summary>The compliant shape: the configured allow-list bounds the catalog.</summary>
    public async Task<AIAgent> CreateSupportAgentAsync(CancellationToken cancellationToken) =>
        new ChatClientAgent(chat, Instructions, "support", tools: await catalog.GetApprovedToolsAsync(cancellationToken));
}
