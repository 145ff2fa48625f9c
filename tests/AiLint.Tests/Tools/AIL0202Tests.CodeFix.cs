using AiLint.Analyzers.Rules.Tools;
using AiLint.CodeFixes.Rules.Tools;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Tools;

/// <summary>AIL0202's code fix: cap the source with <c>.Take(cap)</c> where it enters the catalog.</summary>
public partial class AIL0202Tests
{
    private static Task VerifyFixAsync(string code, string fixedCode, string? editorConfig = null, bool withUsings = true)
    {
        var prefix = withUsings ? ToolTestCode.Usings : string.Empty;
        var test = new CodeFixTest<ToolCatalogAnalyzer, CapToolSourceCodeFixProvider>
        {
            TestCode = prefix + code,
            FixedCode = prefix + fixedCode,
            MarkupDiagnosticId = "AIL0202",
            CodeActionEquivalenceKey = CapToolSourceCodeFixProvider.EquivalenceKey,
        };
        if (editorConfig != null)
        {
            test.AddEditorConfig(editorConfig);
        }

        return test.RunAsync();
    }

    [Fact]
    public Task Fix_caps_a_spread_local() => VerifyFixAsync("""
        class Assistant
        {
            async Task<ChatOptions> Build(McpClient mcp)
            {
                var tools = await mcp.ListToolsAsync();
                return new ChatOptions { Tools = [.. [|tools|]] };
            }
        }
        """, """
        class Assistant
        {
            async Task<ChatOptions> Build(McpClient mcp)
            {
                var tools = await mcp.ListToolsAsync();
                return new ChatOptions { Tools = [.. tools.Take(20)] };
            }
        }
        """);

    [Fact]
    public Task Fix_parenthesises_an_awaited_source() => VerifyFixAsync("""
        class Assistant
        {
            async Task Configure(McpClient mcp, ChatOptions options)
            {
                options.Tools = [.. [|await mcp.ListToolsAsync()|]];
                foreach (var tool in [|await mcp.ListToolsAsync()|])
                {
                    options.Tools.Add(tool);
                }
            }
        }
        """, """
        class Assistant
        {
            async Task Configure(McpClient mcp, ChatOptions options)
            {
                options.Tools = [.. (await mcp.ListToolsAsync()).Take(20)];
                foreach (var tool in (await mcp.ListToolsAsync()).Take(20))
                {
                    options.Tools.Add(tool);
                }
            }
        }
        """);

    [Fact]
    public Task Fix_materialises_a_list_for_ChatOptions_Tools() => VerifyFixAsync("""
        class Assistant(IList<AITool> tools)
        {
            ChatOptions Options() => new() { Tools = [|tools|] };
        }
        """, """
        class Assistant(IList<AITool> tools)
        {
            ChatOptions Options() => new() { Tools = tools.Take(20).ToList() };
        }
        """);

    [Fact]
    public Task Fix_names_the_element_type_when_the_source_holds_a_subtype() => VerifyFixAsync("""
        class Assistant
        {
            private IList<McpClientTool> _tools = new List<McpClientTool>();

            async Task InitializeAsync(McpClient mcp) => _tools = await mcp.ListToolsAsync();

            void Configure(ChatOptions options) => options.Tools = [|_tools.Cast<AITool>().ToList()|];

            void Configure2(ChatOptions options) => options.Tools = new List<AITool>([|_tools|]);
        }
        """, """
        class Assistant
        {
            private IList<McpClientTool> _tools = new List<McpClientTool>();

            async Task InitializeAsync(McpClient mcp) => _tools = await mcp.ListToolsAsync();

            void Configure(ChatOptions options) => options.Tools = _tools.Cast<AITool>().Take(20).ToList();

            void Configure2(ChatOptions options) => options.Tools = new List<AITool>(_tools.Take(20));
        }
        """);

    [Fact]
    public Task Fix_caps_reflection_in_a_foreach() => VerifyFixAsync("""
        using System.Reflection;

        class Operations { public static int Ping() => 1; }

        class Assistant
        {
            ChatOptions Options()
            {
                var tools = new List<AITool>();
                foreach (var method in [|typeof(Operations).GetMethods(BindingFlags.Public | BindingFlags.Static)|])
                {
                    tools.Add(AIFunctionFactory.Create(method, target: null));
                }

                return new ChatOptions { Tools = tools };
            }
        }
        """, """
        using System.Reflection;

        class Operations { public static int Ping() => 1; }

        class Assistant
        {
            ChatOptions Options()
            {
                var tools = new List<AITool>();
                foreach (var method in typeof(Operations).GetMethods(BindingFlags.Public | BindingFlags.Static).Take(20))
                {
                    tools.Add(AIFunctionFactory.Create(method, target: null));
                }

                return new ChatOptions { Tools = tools };
            }
        }
        """);

    [Fact]
    public Task Fix_inserts_Take_before_an_existing_ToList() => VerifyFixAsync("""
        class Operations { public static int Ping() => 1; }

        class Assistant
        {
            ChatOptions Options() => new()
            {
                Tools = [|typeof(Operations).GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, target: null)).ToList()|],
            };
        }
        """, """
        class Operations { public static int Ping() => 1; }

        class Assistant
        {
            ChatOptions Options() => new()
            {
                Tools = typeof(Operations).GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, target: null)).Take(20).ToList(),
            };
        }
        """);

    [Fact]
    public Task Fix_lowers_a_Take_above_the_cap_to_the_editorconfig_cap() => VerifyFixAsync("""
        class Assistant
        {
            async Task<ChatOptions> Above(McpClient mcp) => new() { Tools = [.. [|(await mcp.ListToolsAsync()).Take(50)|]] };
        }
        """, """
        class Assistant
        {
            async Task<ChatOptions> Above(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Take(5)] };
        }
        """,
        editorConfig: "ailint.max_tools = 5");

    [Fact]
    public Task Fix_materialises_an_Anthropic_read_only_list() => VerifyFixAsync("""
        using Anthropic.Models.Messages;

        class Assistant(IEnumerable<ToolUnion> tools)
        {
            MessageCreateParams Params() => new()
            {
                MaxTokens = 1024,
                Model = Model.ClaudeHaiku4_5,
                Messages = [new MessageParam(new UserMessageParam { Content = "hi" })],
                Tools = [|tools.ToList()|],
            };
        }
        """, """
        using Anthropic.Models.Messages;

        class Assistant(IEnumerable<ToolUnion> tools)
        {
            MessageCreateParams Params() => new()
            {
                MaxTokens = 1024,
                Model = Model.ClaudeHaiku4_5,
                Messages = [new MessageParam(new UserMessageParam { Content = "hi" })],
                Tools = tools.Take(20).ToList(),
            };
        }
        """);

    [Fact]
    public Task Fix_all_adds_one_using_System_Linq() => VerifyFixAsync("""
        using System.Collections.Generic;
        using Microsoft.Extensions.AI;

        class Assistant(IEnumerable<AITool> tools, IList<AITool> more)
        {
            ChatOptions First() => new() { Tools = [.. [|tools|]] };
            ChatOptions Second() => new() { Tools = [|more|] };
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.Extensions.AI;

        class Assistant(IEnumerable<AITool> tools, IList<AITool> more)
        {
            ChatOptions First() => new() { Tools = [.. tools.Take(20)] };
            ChatOptions Second() => new() { Tools = more.Take(20).ToList() };
        }
        """,
        withUsings: false);

    [Fact]
    public Task No_fix_for_hosted_mcp_tools_or_server_loops() => VerifyFixAsync("""
        class Assistant(IEnumerable<McpClient> servers)
        {
            ChatOptions Options() => new() { Tools = [[|new HostedMcpServerTool("github", "https://api.githubcopilot.com/mcp/")|]] };

            async Task<ChatOptions> Build()
            {
                var all = new List<AITool>();
                foreach (var server in [|servers|])
                {
                    all.AddRange((await server.ListToolsAsync()).Take(5));
                }

                return new ChatOptions { Tools = all };
            }
        }
        """, """
        class Assistant(IEnumerable<McpClient> servers)
        {
            ChatOptions Options() => new() { Tools = [[|new HostedMcpServerTool("github", "https://api.githubcopilot.com/mcp/")|]] };

            async Task<ChatOptions> Build()
            {
                var all = new List<AITool>();
                foreach (var server in [|servers|])
                {
                    all.AddRange((await server.ListToolsAsync()).Take(5));
                }

                return new ChatOptions { Tools = all };
            }
        }
        """);
}
