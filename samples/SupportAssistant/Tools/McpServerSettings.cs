namespace SupportAssistant.Tools;

/// <summary>The MCP servers the assistant may use, bound from the "Mcp" configuration section.</summary>
public sealed class McpServerSettings
{
    /// <summary>The order-management MCP server.</summary>
    public Uri OrdersEndpoint { get; set; } = new("http://localhost:5100/mcp");

    /// <summary>Every MCP server operations has configured (the list grows without a code change).</summary>
    public List<Uri> Servers { get; set; } = [];

    /// <summary>The GitHub MCP server the model provider connects to itself (a hosted tool).</summary>
    public string GitHubEndpoint { get; set; } = "https://api.githubcopilot.com/mcp/";
}
