namespace AiLint.Tests.Tools;

/// <summary>
/// Tool names passed through a <c>params</c> array select tools as an explicit list argument does: the registry or the
/// builder is then a selection step, not a source of every tool (tools11 noticed that only explicit arguments counted as
/// inputs, so <c>registry.GetTools("search", "weather")</c> was read as <c>registry.GetTools()</c>).
/// </summary>
public partial class AIL0202Tests
{
    [Fact]
    public Task Registry_selecting_by_params_names_is_quiet_and_its_empty_call_is_reported() => VerifyAsync("""
        interface IToolRegistry { IReadOnlyList<AITool> GetTools(params string[] names); }

        class Assistant(IToolRegistry registry)
        {
            ChatOptions Selected() => new() { Tools = [.. registry.GetTools("search", "weather")] };
            ChatOptions Everything() => new() { Tools = [.. {|#0:registry.GetTools()|}] };
        }
        """,
        Unbounded(0, "the injected tool registry 'registry.GetTools()'"));

    [Fact]
    public Task Mcp_list_builder_given_params_names_is_quiet() => VerifyAsync("""
        class Catalog
        {
            public static async Task<IList<AITool>> ToolsAsync(McpClient client, params string[] names)
            {
                var all = await client.ListToolsAsync();
                return names.Length == 0 ? all.Cast<AITool>().ToList() : all.Where(t => names.Contains(t.Name)).Cast<AITool>().ToList();
            }
        }

        class Assistant(McpClient client)
        {
            async Task<ChatOptions> Selected() => new() { Tools = await Catalog.ToolsAsync(client, "search", "weather") };
        }
        """);
}
