using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>AIL0202: a tool catalog filled from a source that can hold any number of tools.</summary>
public partial class AIL0202Tests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyWithConfigAsync(code, null, expected);

    private static Task VerifyWithConfigAsync(string code, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        if (code.Contains("Microsoft.SemanticKernel", StringComparison.Ordinal))
        {
            // Semantic Kernel offers a kernel's functions only under automatic function choice (see ToolTestCode).
            test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        }

        if (editorConfig != null)
        {
            test.AddEditorConfig(editorConfig);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source, int cap = 20) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, cap);

    // ---- MEAI ChatOptions.Tools ----

    [Fact]
    public Task ListToolsAsync_through_a_local_spread_into_the_initializer() => VerifyAsync("""
        class Assistant
        {
            async Task<ChatOptions> Build(McpClient mcp)
            {
                var tools = await mcp.ListToolsAsync();
                return new ChatOptions { Tools = [.. {|#0:tools|}] };
            }
        }
        """,
        Unbounded(0, McpList));

    [Fact]
    public Task ListToolsAsync_spread_directly_in_an_assignment() => VerifyAsync("""
        class Assistant
        {
            async Task Configure(McpClient mcp, ChatOptions options)
            {
                options.Tools = [.. {|#0:await mcp.ListToolsAsync()|}];
            }
        }
        """,
        Unbounded(0, McpList));

    [Fact]
    public Task Message_names_a_multi_line_call_on_one_line_without_arguments() => VerifyAsync("""
        class Assistant
        {
            async Task Configure(McpClient client, ChatOptions options, CancellationToken cancellationToken)
            {
                options.Tools = [.. {|#0:await client
                    .ListToolsAsync(cancellationToken: cancellationToken)|}];
            }
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list)"));

    [Fact]
    public Task ListToolsAsync_copied_into_a_list_assigned_to_Tools() => VerifyAsync("""
        class Assistant
        {
            async Task Configure(McpClient mcp, ChatOptions options)
            {
                options.Tools = {|#0:(await mcp.ListToolsAsync()).ToList<AITool>()|};
            }
        }
        """,
        Unbounded(0, McpList));

    [Fact]
    public Task ListToolsAsync_added_one_by_one_in_a_foreach() => VerifyAsync("""
        class Assistant
        {
            async Task<ChatOptions> Build(McpClient mcp)
            {
                var options = new ChatOptions { Tools = new List<AITool>() };
                foreach (var tool in {|#0:await mcp.ListToolsAsync()|})
                {
                    options.Tools.Add(tool);
                }

                return options;
            }
        }
        """,
        Unbounded(0, McpList));

    [Fact]
    public Task ListToolsAsync_added_with_AddRange_on_a_list_local() => VerifyAsync("""
        class Assistant
        {
            async Task<ChatOptions> Build(McpClient mcp)
            {
                var tools = new List<AITool> { AIFunctionFactory.Create(() => 1, "one") };
                tools.AddRange({|#0:await mcp.ListToolsAsync()|});
                return new ChatOptions { Tools = tools };
            }
        }
        """,
        Unbounded(0, McpList));

    [Fact]
    public Task ListToolsAsync_added_with_AddRange_on_the_Tools_property_through_a_cast() => VerifyAsync("""
        class Assistant
        {
            async Task Configure(McpClient mcp, ChatOptions options)
            {
                options.Tools = new List<AITool>();
                ((List<AITool>)options.Tools).AddRange({|#0:await mcp.ListToolsAsync()|});
            }
        }
        """,
        Unbounded(0, McpList));

    [Fact]
    public Task ListToolsAsync_stored_in_a_field_of_the_same_type() => VerifyAsync("""
        class Assistant
        {
            private IList<McpClientTool> _tools = new List<McpClientTool>();

            async Task InitializeAsync(McpClient mcp) => _tools = await mcp.ListToolsAsync();

            ChatOptions Options() => new() { Tools = [.. {|#0:_tools|}] };
        }
        """,
        Unbounded(0, McpList));

    // ---- reflection ----

    [Fact]
    public Task Reflection_over_a_type_s_methods_fed_to_AIFunctionFactory() => VerifyAsync("""
        class Operations { public static int Ping() => 1; }

        class Assistant
        {
            ChatOptions Options() => new()
            {
                Tools = {|#0:typeof(Operations).GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, target: null)).ToList()|},
            };
        }
        """,
        new DiagnosticResult(Descriptors.AIL0202ReflectedProjectType).WithLocation(0)
            .WithArguments("reflection over a type's methods ('typeof(Operations).GetMethods()')", 20, "every public method added to 'Operations'"));

    // ---- injected collections and registries ----

    [Fact]
    public Task Constructor_injected_tool_collection() => VerifyAsync("""
        class Assistant(IEnumerable<AITool> tools)
        {
            ChatOptions Options() => new() { Tools = [.. {|#0:tools|}] };
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"));

    [Fact]
    public Task Constructor_injected_list_kept_in_a_field() => VerifyAsync("""
        class Assistant
        {
            private readonly IList<AITool> _tools;

            public Assistant(IList<AITool> tools) => _tools = tools;

            ChatOptions Options() => new() { Tools = {|#0:_tools|} };
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"));

    [Fact]
    public Task FromServices_parameter() => VerifyAsync("""
        using Microsoft.AspNetCore.Mvc;

        class ChatController
        {
            ChatOptions Options([FromServices] IEnumerable<AITool> tools) => new() { Tools = [.. {|#0:tools|}] };
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"));

    [Fact]
    public Task Minimal_api_handler_parameter() => VerifyAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        static class Endpoints
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapPost("/chat", (IEnumerable<AITool> tools, string question) => new ChatOptions { Tools = [.. {|#0:tools|}] });
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"));

    [Fact]
    public Task Injected_registry_returning_every_tool() => VerifyAsync("""
        interface IToolRegistry { IReadOnlyList<AITool> GetAll(); IReadOnlyList<AITool> All { get; } }

        class Assistant(IToolRegistry registry)
        {
            ChatOptions ByMethod() => new() { Tools = [.. {|#0:registry.GetAll()|}] };
            ChatOptions ByProperty() => new() { Tools = [.. {|#1:registry.All|}] };
        }
        """,
        Unbounded(0, "the injected tool registry 'registry.GetAll()'"),
        Unbounded(1, "the injected tool registry 'registry.All'"));

    [Fact]
    public Task Injected_registry_kept_in_a_field() => VerifyAsync("""
        interface IToolRegistry { Task<IReadOnlyList<AITool>> GetAllAsync(CancellationToken cancellationToken = default); }

        class Assistant
        {
            private readonly IToolRegistry _registry;
            public Assistant(IToolRegistry registry) => _registry = registry;

            async Task<ChatOptions> Options(CancellationToken ct) => new() { Tools = [.. {|#0:await _registry.GetAllAsync(ct)|}] };
        }
        """,
        Unbounded(0, "the injected tool registry '_registry.GetAllAsync()'"));

    [Fact]
    public Task Collections_and_locally_built_registries_are_not_injected_registries() => VerifyAsync("""
        interface IToolRegistry { IReadOnlyList<AITool> GetAll(); }
        class FixedRegistry : IToolRegistry { public IReadOnlyList<AITool> GetAll() => [AIFunctionFactory.Create(() => 1, "one")]; }

        class Assistant
        {
            private readonly IDictionary<string, AITool> _byName = new Dictionary<string, AITool> { ["one"] = AIFunctionFactory.Create(() => 1, "one") };
            private readonly IToolRegistry _local = new FixedRegistry();

            ChatOptions FromDictionary() => new() { Tools = [.. _byName.Values] };
            ChatOptions FromLocal() => new() { Tools = [.. _local.GetAll()] };
        }
        """);

    [Fact]
    public Task Plain_method_parameter_is_the_caller_s_decision() => VerifyAsync("""
        class Assistant
        {
            ChatOptions Options(IList<AITool> tools) => new() { Tools = tools };
        }
        """);

    [Fact]
    public Task Per_turn_selection_from_the_user_message_is_not_reported() => VerifyAsync("""
        interface IToolSelector { IList<AITool> Select(string userMessage); }

        class Assistant(IToolSelector selector, IEnumerable<AITool> all)
        {
            ChatOptions ForTurn(string userMessage) => new() { Tools = selector.Select(userMessage) };
            ChatOptions ForTurn2(string userMessage) => new() { Tools = PickTools(userMessage, all) };
            static IList<AITool> PickTools(string message, IEnumerable<AITool> tools) => tools.Where(t => message.Contains(t.Name)).Take(5).ToList();
        }
        """);

    // ---- loops over configured servers ----

    [Fact]
    public Task Loop_over_configured_servers_each_capped_is_still_unbounded() => VerifyAsync("""
        class Assistant
        {
            private readonly IEnumerable<McpClient> _servers;
            public Assistant(IEnumerable<McpClient> servers) => _servers = servers;

            async Task<ChatOptions> Build()
            {
                var all = new List<AITool>();
                foreach (var server in {|#0:_servers|})
                {
                    all.AddRange((await server.ListToolsAsync()).Take(5));
                }

                return new ChatOptions { Tools = all };
            }
        }
        """,
        Unbounded(0, "a loop over '_servers' that adds each MCP server's tools"));

    [Fact]
    public Task Loop_over_servers_reports_the_uncapped_list_inside_it() => VerifyAsync("""
        class Assistant(IEnumerable<McpClient> servers)
        {
            async Task<ChatOptions> Build()
            {
                var all = new List<AITool>();
                foreach (var server in servers)
                {
                    all.AddRange({|#0:await server.ListToolsAsync()|});
                }

                return new ChatOptions { Tools = all };
            }
        }
        """,
        Unbounded(0, "'server.ListToolsAsync()' (an MCP server's whole tool list)"));

    // Reviewer 14: each server's whole list renamed with `Select(t => t.WithName(prefix + t.Name))` (the usual way to keep
    // two servers' tool names apart) and added in a loop over servers. The lambda's own `return` was taken for a `return`
    // that leaves the loop (a cap), so nothing was reported. In a `foreach` and in a `for` over the servers.
    [Fact]
    public Task Loop_over_servers_renaming_each_servers_tools_is_reported() => VerifyAsync("""
        class Assistant
        {
            async Task<ChatResponse> Renamed(IChatClient chat, IReadOnlyList<McpClient> clients, CancellationToken ct)
            {
                var tools = new List<AITool>();
                foreach (var c in clients)
                    tools.AddRange({|#0:(await c.ListToolsAsync(cancellationToken: ct)).Select(t => t.WithName("x_" + t.Name))|});
                return await chat.GetResponseAsync("hi", new ChatOptions { Tools = tools }, ct);
            }

            async Task<ChatOptions> Indexed(IReadOnlyList<McpClient> clients, IReadOnlyList<string> names, CancellationToken ct)
            {
                var tools = new List<AITool>();
                for (var i = 0; i < clients.Count; i++)
                {
                    var listed = await clients[i].ListToolsAsync(cancellationToken: ct);
                    tools.AddRange({|#1:listed.Select(t => t.WithName($"{names[i]}_{t.Name}"))|});
                }

                return new ChatOptions { Tools = tools };
            }
        }
        """,
        Unbounded(0, "'c.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(1, "'clients[i].ListToolsAsync()' (an MCP server's whole tool list)"));

    // The correct neighbours stay silent: each server's tools allow-listed by name (a fixed list, or the server's own
    // configured names) hold only tools someone named, however many servers there are; a `return` of the method in the
    // loop still reads as a cap.
    [Fact]
    public Task Loop_over_servers_allow_listing_each_servers_tools_is_not_reported() => VerifyAsync("""
        record ServerEntry(string Name, HashSet<string> AllowedTools);

        class Assistant
        {
            private static readonly string[] Allowed = ["search_issues", "get_issue"];

            async Task<ChatOptions> Fixed(IReadOnlyList<McpClient> clients, CancellationToken ct)
            {
                var tools = new List<AITool>();
                foreach (var c in clients)
                    tools.AddRange((await c.ListToolsAsync(cancellationToken: ct)).Where(t => Allowed.Contains(t.Name)).Select(t => t.WithName("x_" + t.Name)));
                return new ChatOptions { Tools = tools };
            }

            async Task<ChatOptions> Configured(IReadOnlyList<McpClient> clients, IReadOnlyList<ServerEntry> servers, CancellationToken ct)
            {
                var tools = new List<AITool>();
                for (var i = 0; i < servers.Count; i++)
                {
                    var entry = servers[i];
                    var listed = await clients[i].ListToolsAsync(cancellationToken: ct);
                    tools.AddRange(listed.Where(t => entry.AllowedTools.Contains(t.Name)));
                }

                return new ChatOptions { Tools = tools };
            }

            async Task<ChatOptions?> Returning(IReadOnlyList<McpClient> clients, CancellationToken ct)
            {
                var tools = new List<AITool>();
                foreach (var c in clients)
                {
                    if (tools.Count > 10) return null;
                    tools.AddRange((await c.ListToolsAsync(cancellationToken: ct)).Select(t => t.WithName("x_" + t.Name)));
                }

                return new ChatOptions { Tools = tools };
            }
        }
        """);

    [Fact]
    public Task Loop_over_a_fixed_array_of_servers_each_capped_is_bounded() => VerifyAsync("""
        class Assistant
        {
            async Task<ChatOptions> Build(McpClient a, McpClient b)
            {
                var all = new List<AITool>();
                foreach (var server in new[] { a, b })
                {
                    all.AddRange((await server.ListToolsAsync()).Take(5));
                }

                return new ChatOptions { Tools = all };
            }
        }
        """);

    [Fact]
    public Task Loop_with_a_break_is_not_reported() => VerifyAsync("""
        class Assistant
        {
            async Task<ChatOptions> Build(McpClient mcp)
            {
                var tools = new List<AITool>();
                foreach (var tool in await mcp.ListToolsAsync())
                {
                    if (tools.Count == 10) break;
                    tools.Add(tool);
                }

                return new ChatOptions { Tools = tools };
            }
        }
        """);

    // ---- hosted MCP tools ----

    [Fact]
    public Task HostedMcpServerTool_without_AllowedTools() => VerifyAsync("""
        class Assistant
        {
            ChatOptions Options() => new() { Tools = [{|#0:new HostedMcpServerTool("github", "https://api.githubcopilot.com/mcp/")|}] };
        }
        """,
        Unbounded(0, "a hosted MCP server tool with no AllowedTools"));

    [Fact]
    public Task HostedMcpServerTool_with_AllowedTools_is_capped() => VerifyAsync("""
        class Assistant
        {
            ChatOptions Options() => new()
            {
                Tools = [new HostedMcpServerTool("github", "https://api.githubcopilot.com/mcp/") { AllowedTools = ["search_issues", "get_issue"] }],
            };

            ChatOptions Later()
            {
                var github = new HostedMcpServerTool("github", "https://api.githubcopilot.com/mcp/");
                github.AllowedTools = ["search_issues"];
                return new ChatOptions { Tools = [github] };
            }
        }
        """);

    [Fact]
    public Task OpenAI_response_mcp_tool_without_a_filter() => VerifyAsync("""
        using OpenAI.Responses;

        class Assistant
        {
            CreateResponseOptions Options() => new()
            {
                Tools = { {|#0:ResponseTool.CreateMcpTool("github", new Uri("https://api.githubcopilot.com/mcp/"))|} },
            };

            CreateResponseOptions Added()
            {
                var options = new CreateResponseOptions();
                options.Tools.Add({|#1:ResponseTool.CreateMcpTool("github", new Uri("https://api.githubcopilot.com/mcp/"), allowedTools: null)|});
                return options;
            }
        }
        """,
        Unbounded(0, "an MCP tool (ResponseTool.CreateMcpTool) with no allowedTools filter"),
        Unbounded(1, "an MCP tool (ResponseTool.CreateMcpTool) with no allowedTools filter"));

    [Fact]
    public Task OpenAI_response_mcp_tool_with_a_filter_is_capped() => VerifyAsync("""
        using OpenAI.Responses;

        class Assistant
        {
            CreateResponseOptions Options() => new()
            {
                Tools =
                {
                    ResponseTool.CreateMcpTool("github", new Uri("https://api.githubcopilot.com/mcp/"),
                        allowedTools: new McpToolFilter { ToolNames = { "search_issues" } }),
                },
            };
        }
        """);

    // ---- other sinks ----

    [Fact]
    public Task OpenAI_chat_tools_added_from_an_injected_collection() => VerifyAsync("""
        using OpenAI.Chat;

        class Assistant(IReadOnlyList<ChatTool> tools)
        {
            ChatCompletionOptions Options()
            {
                var options = new ChatCompletionOptions();
                foreach (var tool in {|#0:tools|})
                {
                    options.Tools.Add(tool);
                }

                return options;
            }
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"));

    [Fact]
    public Task Anthropic_message_params_tools_from_an_injected_list() => VerifyAsync("""
        using Anthropic.Models.Messages;

        class Assistant(IReadOnlyList<ToolUnion> tools)
        {
            MessageCreateParams Params() => new()
            {
                MaxTokens = 1024,
                Model = Model.ClaudeHaiku4_5,
                Messages = [new MessageParam(new UserMessageParam { Content = "hi" })],
                Tools = {|#0:tools|},
            };
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"));

    [Fact]
    public Task Anthropic_beta_tool_runner_with_an_injected_tool_list() => VerifyAsync("""
        using Anthropic;
        using Anthropic.Helpers.Beta;
        using Anthropic.Models.Beta.Messages;

        class Assistant(AnthropicClient client, IReadOnlyList<IBetaRunnableTool> tools)
        {
            BetaToolRunner Run(MessageCreateParams parameters) => client.Beta.Messages.ToolRunner(parameters, {|#0:tools|});
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"));

    [Fact]
    public Task Anthropic_beta_params_tools_set_with_a_with_expression() => VerifyAsync("""
        using Anthropic.Models.Beta.Messages;

        class Assistant(IReadOnlyList<BetaToolUnion> tools)
        {
            MessageCreateParams WithTools(MessageCreateParams parameters) => parameters with { Tools = {|#0:tools|} };
        }
        """,
        Unbounded(0, "the injected tool collection 'tools'"));

    [Fact]
    public Task Semantic_kernel_plugin_from_every_mcp_tool() => VerifyAsync("""
        using Microsoft.SemanticKernel;

        class Assistant
        {
            async Task Register(Kernel kernel, IKernelBuilder builder, McpClient mcp)
            {
                var tools = await mcp.ListToolsAsync();
                kernel.Plugins.AddFromFunctions("github", {|#0:tools.Select(t => t.AsKernelFunction())|});
                kernel.ImportPluginFromFunctions("github", {|#1:tools.Select(t => t.AsKernelFunction())|});
                kernel.Plugins.Add(KernelPluginFactory.CreateFromFunctions("github", {|#2:tools.Select(t => t.AsKernelFunction())|}));
                builder.Plugins.AddFromFunctions("github", {|#3:tools.Select(t => t.AsKernelFunction())|});
            }
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, McpList),
        Unbounded(2, McpList),
        Unbounded(3, McpList));

    [Fact]
    public Task Semantic_kernel_plugin_from_chosen_mcp_tools() => VerifyAsync("""
        using Microsoft.SemanticKernel;

        class Assistant
        {
            private static readonly string[] Pinned = ["search_issues", "get_issue"];

            async Task Register(Kernel kernel, McpClient mcp)
            {
                var tools = await mcp.ListToolsAsync();
                kernel.ImportPluginFromFunctions("pinned", tools.Where(t => t.Name == "search").Select(t => t.AsKernelFunction()));
                kernel.Plugins.AddFromFunctions("github", tools.Where(t => Pinned.Contains(t.Name)).Select(t => t.AsKernelFunction()));
                kernel.Plugins.Add(KernelPluginFactory.CreateFromFunctions("github", tools.Take(10).Select(t => t.AsKernelFunction())));
            }
        }
        """);

    // ---- capped sources ----

    [Theory]
    [InlineData("20")]
    [InlineData("MaxTools")]
    [InlineData("3")]
    public Task Take_with_a_constant_not_above_the_cap(string count) => VerifyAsync($$"""
        class Assistant
        {
            const int MaxTools = 10;

            async Task<ChatOptions> Build(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Take({{count}})] };
        }
        """);

    [Fact]
    public Task Take_above_the_cap_or_of_the_whole_list_is_still_unbounded() => VerifyAsync("""
        class Assistant
        {
            static readonly int Generous = 50;
            async Task<ChatOptions> Above(McpClient mcp) => new() { Tools = [.. {|#0:(await mcp.ListToolsAsync()).Take(21)|}] };
            async Task<ChatOptions> AboveField(McpClient mcp) => new() { Tools = [.. {|#1:(await mcp.ListToolsAsync()).Take(Generous)|}] };
            async Task<ChatOptions> Whole(McpClient mcp)
            {
                var all = await mcp.ListToolsAsync();
                return new() { Tools = [.. {|#2:all.Take(all.Count)|}] };
            }
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, McpList),
        Unbounded(2, McpList));

    [Fact]
    public Task Editorconfig_cap_applies_to_Take() => VerifyWithConfigAsync("""
        class Assistant
        {
            async Task<ChatOptions> Within(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Take(5)] };
            async Task<ChatOptions> Above(McpClient mcp) => new() { Tools = [.. {|#0:(await mcp.ListToolsAsync()).Take(6)|}] };
        }
        """,
        "ailint.max_tools = 5",
        Unbounded(0, McpList, cap: 5));

    [Fact]
    public Task Where_against_a_fixed_allow_list_is_capped() => VerifyAsync("""
        using System.Collections.Immutable;

        static class Allowed
        {
            public static readonly string[] Names = ["search_issues", "get_issue"];
        }

        class Assistant
        {
            private static readonly HashSet<string> AllowedSet = new(StringComparer.Ordinal) { "search_issues", "get_issue" };
            private static readonly string[] AllowedArray = new[] { "search_issues" };
            private static readonly ImmutableHashSet<string> AllowedImmutable = ImmutableHashSet.Create("search_issues");
            private const string OnlyTool = "get_issue";

            async Task<ChatOptions> Set(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => AllowedSet.Contains(t.Name))] };
            async Task<ChatOptions> Array(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => AllowedArray.Contains(t.Name))] };
            async Task<ChatOptions> Immutable(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => AllowedImmutable.Contains(t.Name))] };
            async Task<ChatOptions> OtherType(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => Allowed.Names.Contains(t.Name))] };
            async Task<ChatOptions> Const(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => t.Name == OnlyTool)] };
            async Task<ChatOptions> Pattern(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => t.Name is "search_issues" or "get_issue")] };
            async Task<ChatOptions> Local(McpClient mcp)
            {
                string[] allowed = ["search_issues", "get_issue"];
                var tools = await mcp.ListToolsAsync();
                return new() { Tools = [.. tools.Where(t => allowed.Contains(t.Name) && !t.Name.StartsWith("x"))] };
            }

            async Task<ChatOptions> Loop(McpClient mcp)
            {
                var options = new ChatOptions { Tools = [] };
                foreach (var tool in await mcp.ListToolsAsync())
                {
                    if (AllowedSet.Contains(tool.Name))
                    {
                        options.Tools.Add(tool);
                    }
                }

                return options;
            }
        }
        """);

    [Fact]
    public Task Where_against_a_configured_or_mutable_name_list_is_bounded() => VerifyAsync("""
        class McpSettings { public HashSet<string> AllowedTools { get; } = new(); public string? OnlyTool { get; set; } }

        class Assistant(McpSettings settings, Microsoft.Extensions.Options.IOptions<McpSettings> options)
        {
            private static readonly HashSet<string> Mutable = new() { "a" };

            void Allow(string name) => Mutable.Add(name);

            async Task<ChatOptions> Configured(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => settings.AllowedTools.Contains(t.Name))] };
            async Task<ChatOptions> FromOptions(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => options.Value.AllowedTools.Contains(t.Name) && t.Description.Length > 0)] };
            async Task<ChatOptions> OneConfigured(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => string.Equals(t.Name, settings.OnlyTool, StringComparison.Ordinal))] };
            async Task<ChatOptions> Mutated(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => Mutable.Contains(t.Name))] };
            async Task<ChatOptions> EmptyMeansAll(McpClient mcp) => new() { Tools = [.. (await mcp.ListToolsAsync()).Where(t => settings.AllowedTools.Count == 0 || settings.AllowedTools.Contains(t.Name))] };

            async Task<ChatOptions> Guarded(McpClient mcp)
            {
                var chat = new ChatOptions { Tools = [] };
                foreach (var tool in await mcp.ListToolsAsync())
                {
                    if (settings.AllowedTools.Contains(tool.Name))
                    {
                        chat.Tools.Add(tool);
                    }
                }

                return chat;
            }
        }
        """);

    [Fact]
    public Task Where_that_is_not_a_list_of_names_is_still_unbounded() => VerifyAsync("""
        class McpSettings { public HashSet<string> BlockedTools { get; } = new(); }

        class Assistant(McpSettings settings)
        {
            async Task<ChatOptions> NotNames(McpClient mcp) => new() { Tools = [.. {|#0:(await mcp.ListToolsAsync()).Where(t => t.Description.Length > 0)|}] };
            async Task<ChatOptions> Substring(McpClient mcp) => new() { Tools = [.. {|#1:(await mcp.ListToolsAsync()).Where(t => t.Name.Contains("issue"))|}] };
            async Task<ChatOptions> DenyList(McpClient mcp) => new() { Tools = [.. {|#2:(await mcp.ListToolsAsync()).Where(t => !settings.BlockedTools.Contains(t.Name))|}] };
            async Task<ChatOptions> Either(McpClient mcp) => new() { Tools = [.. {|#3:(await mcp.ListToolsAsync()).Where(t => settings.BlockedTools.Contains(t.Name) || t.Name.StartsWith("get_"))|}] };
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, McpList),
        Unbounded(2, McpList),
        Unbounded(3, McpList));

    [Fact]
    public Task Hand_built_catalog_is_not_unbounded() => VerifyAsync("""
        class Assistant
        {
            ChatOptions Options() => new() { Tools = [AIFunctionFactory.Create(() => 1, "one"), AIFunctionFactory.Create(() => 2, "two")] };
        }
        """);

    // ---- robustness ----

    [Fact]
    public Task No_diagnostic_and_no_crash_without_the_sdks()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = """
                using System.Collections.Generic;
                class ChatOptions { public IList<object>? Tools { get; set; } }
                class C { ChatOptions M(IList<object> tools) => new() { Tools = tools }; }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
        };
        return test.RunAsync();
    }

    [Theory]
    [InlineData("options.Tools = [.. await mcp.ListToolsAsync(")]
    [InlineData("options.Tools = ")]
    [InlineData("options.Tools = [.. await undefined.ListToolsAsync()];")]
    [InlineData("options.Tools = [.. (await mcp.ListToolsAsync()).Where(t => Unknown.Contains(t.Name))];")]
    [InlineData("foreach (var t in await mcp.ListToolsAsync()) options.Tools.Add(")]
    [InlineData("options.Tools.Add(new HostedMcpServerTool(")]
    [InlineData("var x = new List<AITool> { ")]
    [InlineData("options.Tools = [.. await Anthropic.Helpers.Beta.Mcp.BetaMcp.ListToolsAsync(mcp, deferLoading: ")]
    [InlineData("options.Tools = [.. Anthropic.Helpers.Beta.Mcp.BetaMcp.Tools(await mcp.ListToolsAsync(), deferLoading: Undefined)];")]
    [InlineData("foreach (var t in await mcp.ListToolsAsync()) options.Tools.Add(Anthropic.Helpers.Beta.Mcp.BetaMcp.Tool(t, deferLoading: ")]
    [InlineData("var l = new List<AITool>(); foreach (var c in new[] { mcp }) l.AddRange((await c.ListToolsAsync()).Select(t => { return t.WithName(")]
    public Task Half_typed_code_does_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + "class C { async Task M(McpClient mcp, ChatOptions options) { " + statement + " }",
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };
        test.ExpectedDiagnostics.Clear();
        return RunIgnoringDiagnosticsAsync(test);
    }

    /// <summary>Half-typed code: only "no exception" is asserted, whatever the analyzer reports.</summary>
    private static async Task RunIgnoringDiagnosticsAsync(AnalyzerTest<ToolCatalogAnalyzer> test)
    {
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
            // The diagnostics may differ; an analyzer exception must not.
        }
    }
}
