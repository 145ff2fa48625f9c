using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// The code real apps write next to the shapes added to AIL0201/AIL0202 on 2026-12-05 (waited MCP lists, container
/// plugins summed into the <c>AddKernel()</c> kernel, count guards): each neighbour is kept as a negative test, with
/// the true positive it sits next to pinned.
/// </summary>
public class ToolFalsePositiveHuntTests
{
    private static Task VerifyMcpAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string KernelUsings = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyKernelAsync(string code, bool autoChoice, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = KernelUsings + code, MarkupDiagnosticId = "AIL0201" };
        if (autoChoice)
        {
            test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static string Plugin(string name, int count) =>
        $"sealed class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    private static readonly string Plugins = Plugin("OrderPlugin", 8) + Plugin("AccountPlugin", 8) + Plugin("EmailPlugin", 8);

    // ---- Waited MCP lists ----

    // Listed to log or show the server's tools; never sent to a model.
    [Fact]
    public Task A_waited_list_only_logged_or_shown_is_not_reported() => VerifyMcpAsync("""
        sealed class ToolsPage(McpClient mcp)
        {
            public List<string> Names { get; } = new();

            public void Load()
            {
                foreach (var tool in mcp.ListToolsAsync().GetAwaiter().GetResult())
                {
                    Console.WriteLine($"{tool.Name}: {tool.Description}");
                    Names.Add(tool.Name);
                }
            }

            public IReadOnlyList<string> Describe() => mcp.ListToolsAsync().Result.Select(t => t.Name + " - " + t.Description).ToList();

            public string Json() => string.Join(",", mcp.ListToolsAsync().AsTask().Result.Select(t => t.JsonSchema.ToString()));
        }
        """);

    // Listed only to find one tool by name and call it.
    [Fact]
    public Task A_waited_list_searched_for_the_one_tool_to_call_is_not_reported() => VerifyMcpAsync("""
        sealed class Search(McpClient mcp, IChatClient chat)
        {
            public async Task<string> RunAsync(string query)
            {
                var tools = mcp.ListToolsAsync().GetAwaiter().GetResult();
                var search = tools.FirstOrDefault(t => t.Name == "search") ?? throw new InvalidOperationException("no search tool");
                var result = await mcp.CallToolAsync(search.Name, new Dictionary<string, object?> { ["query"] = query });
                return result.Content.Count.ToString();
            }

            public async Task<ChatResponse> OneToolAsync(string q)
            {
                var tools = await mcp.ListToolsAsync().ConfigureAwait(false);
                return await chat.GetResponseAsync(q, new ChatOptions { Tools = [tools.Single(t => t.Name == "search")] });
            }
        }
        """);

    // A waited list narrowed before it is stored or sent: allow-list, Take, RemoveAll.
    [Fact]
    public Task A_waited_list_narrowed_before_it_is_sent_is_not_reported() => VerifyMcpAsync("""
        sealed class Narrowed
        {
            private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase) { "read_file", "list_dir" };
            private readonly IChatClient _chat;
            private readonly List<McpClientTool> _tools;
            private readonly IList<AITool> _few;

            public Narrowed(IChatClient chat, McpClient mcp)
            {
                _chat = chat;
                _tools = mcp.ListToolsAsync().Result.Where(t => Allowed.Contains(t.Name)).ToList();
                _few = mcp.ListToolsAsync().GetAwaiter().GetResult().Take(8).Cast<AITool>().ToList();
            }

            public Task<ChatResponse> AskAsync(string q) => _chat.GetResponseAsync(q, new ChatOptions { Tools = [.. _tools, .. _few] });

            // Whichever list was written, the removal after it keeps the allow-listed tools only.
            public Task<ChatResponse> RewrittenBeforeAsync(McpClient mcp, McpClient other, bool all, string q)
            {
                var tools = mcp.ListToolsAsync().Result.ToList();
                if (all)
                {
                    tools = other.ListToolsAsync().Result.ToList();
                }

                tools.RemoveAll(t => !Allowed.Contains(t.Name));
                return _chat.GetResponseAsync(q, new ChatOptions { Tools = [.. tools] });
            }

            public Task<ChatResponse> RemovedAsync(McpClient mcp, string q)
            {
                var tools = mcp.ListToolsAsync().ConfigureAwait(false).GetAwaiter().GetResult().ToList();
                tools.RemoveAll(t => !Allowed.Contains(t.Name));
                return _chat.GetResponseAsync(q, new ChatOptions { Tools = [.. tools] });
            }
        }
        """);

    // The pinned positive next to them: the waited list stored whole in the constructor.
    [Fact]
    public Task A_waited_list_stored_whole_is_reported() => VerifyMcpAsync("""
        sealed class Whole
        {
            private readonly IChatClient _chat;
            private readonly IList<McpClientTool> _tools;

            public Whole(IChatClient chat, McpClient mcp)
            {
                _chat = chat;
                _tools = mcp.ListToolsAsync().ConfigureAwait(false).GetAwaiter().GetResult();
            }

            public Task<ChatResponse> AskAsync(string q) => _chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:_tools|}] });
        }
        """,
        Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20));

    // The neighbours of the allow-list removal that bound nothing: a deny-list removal, a removal before more of the
    // server's tools are added or written, a removal only in a branch. Known imprecision: when adds or writes follow the
    // removal, the list removed from is named too (the removal is not placed in order among them); the catalog is
    // unbounded anyway.
    [Fact]
    public Task Removals_that_do_not_leave_an_allow_list_are_reported() => VerifyMcpAsync("""
        sealed class Removed(IChatClient chat)
        {
            private static readonly HashSet<string> Allowed = new() { "read_file", "list_dir" };

            public Task<ChatResponse> DenyAsync(McpClient mcp, string q)
            {
                var tools = {|#0:mcp.ListToolsAsync().GetAwaiter().GetResult().ToList()|};
                tools.RemoveAll(t => t.Name == "delete_file");
                return chat.GetResponseAsync(q, new ChatOptions { Tools = [.. tools] });
            }

            public Task<ChatResponse> AddedAfterAsync(McpClient mcp, McpClient other, string q)
            {
                var tools = {|#3:mcp.ListToolsAsync().Result.ToList()|};
                tools.RemoveAll(t => !Allowed.Contains(t.Name));
                tools.AddRange({|#1:other.ListToolsAsync().Result|});
                return chat.GetResponseAsync(q, new ChatOptions { Tools = [.. tools] });
            }

            public Task<ChatResponse> RewrittenAfterAsync(McpClient mcp, McpClient other, bool all, string q)
            {
                var tools = {|#5:mcp.ListToolsAsync().Result.ToList()|};
                tools.RemoveAll(t => !Allowed.Contains(t.Name));
                if (all)
                {
                    tools = {|#4:other.ListToolsAsync().Result.ToList()|};
                }

                return chat.GetResponseAsync(q, new ChatOptions { Tools = [.. tools] });
            }

            public Task<ChatResponse> BranchAsync(McpClient mcp, bool safe, string q)
            {
                var tools = {|#2:mcp.ListToolsAsync().Result.ToList()|};
                if (safe)
                {
                    tools.RemoveAll(t => !Allowed.Contains(t.Name));
                }

                return chat.GetResponseAsync(q, new ChatOptions { Tools = [.. tools] });
            }
        }
        """,
        Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20),
        Verify.Diagnostic("AIL0202").WithLocation(3).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20),
        Verify.Diagnostic("AIL0202").WithLocation(1).WithArguments("'other.ListToolsAsync()' (an MCP server's whole tool list)", 20),
        Verify.Diagnostic("AIL0202").WithLocation(5).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20),
        Verify.Diagnostic("AIL0202").WithLocation(4).WithArguments("'other.ListToolsAsync()' (an MCP server's whole tool list)", 20),
        Verify.Diagnostic("AIL0202").WithLocation(2).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20));

    // ---- Semantic Kernel plugins registered in the container ----

    // The project asks only for a fixed list, or for no tool: the kernel's whole plugin set is never offered.
    [Fact]
    public Task Container_plugins_with_only_fixed_or_no_function_choice_are_not_reported() => VerifyKernelAsync($$"""
        static class AiSetup
        {
            public static void Add(IServiceCollection services)
            {
                services.AddKernel();
                services.AddSingleton(KernelPluginFactory.CreateFromType<OrderPlugin>());
                services.AddSingleton(KernelPluginFactory.CreateFromType<AccountPlugin>());
                services.AddSingleton(KernelPluginFactory.CreateFromType<EmailPlugin>());
            }
        }

        sealed class Chat(Kernel kernel)
        {
            public PromptExecutionSettings Pick() => new()
            {
                FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions: [kernel.Plugins.GetFunction("OrderPlugin", "OrderPlugin1")]),
            };

            public PromptExecutionSettings Required() => new()
            {
                FunctionChoiceBehavior = FunctionChoiceBehavior.Required(functions: [kernel.Plugins.GetFunction("EmailPlugin", "EmailPlugin1")]),
            };

            public PromptExecutionSettings NoTools() => new() { FunctionChoiceBehavior = FunctionChoiceBehavior.None() };
        }
        {{Plugins}}
        """, autoChoice: false);

    // Plugins registered on a kernel builder's own services (Kernel.CreateBuilder().Services) go to the kernel that
    // builder builds, not to the container's AddKernel() kernel of the same type.
    [Fact]
    public Task A_kernel_builders_own_services_are_not_summed_into_the_container_kernel() => VerifyKernelAsync($$"""
        static class AiSetup
        {
            public static void Add(IServiceCollection services)
            {
                services.AddKernel();
                services.AddSingleton(KernelPluginFactory.CreateFromType<OrderPlugin>());
            }

            public static Kernel Standalone()
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddSingleton(KernelPluginFactory.CreateFromType<AccountPlugin>());
                return builder.Build();
            }

            public static Kernel Other()
            {
                IKernelBuilder builder = Kernel.CreateBuilder();
                builder.Services.AddSingleton(KernelPluginFactory.CreateFromType<EmailPlugin>());
                return builder.Build();
            }
        }
        {{Plugins}}
        """, autoChoice: true);

    // Pinned: the same three plugins in the one container AddKernel() builds from are reported.
    [Fact]
    public Task Container_plugins_of_one_container_are_reported() => VerifyKernelAsync($$"""
        static class AiSetup
        {
            public static void Add(IServiceCollection services)
            {
                var kernel = {|#0:services.AddKernel()|};
                kernel.Services.AddSingleton(KernelPluginFactory.CreateFromType<OrderPlugin>());
                services.AddSingleton(KernelPluginFactory.CreateFromType<AccountPlugin>());
                services.AddSingleton(KernelPluginFactory.CreateFromType<EmailPlugin>());
            }
        }
        {{Plugins}}
        """, autoChoice: true,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("24", 20, ""));

    // The other side: a Kernel.CreateBuilder() builder given more plugins on its own services than the cap.
    [Fact]
    public Task A_kernel_builders_own_services_are_summed_into_its_kernel() => VerifyKernelAsync($$"""
        static class AiSetup
        {
            public static Kernel Standalone()
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Services.AddSingleton(KernelPluginFactory.CreateFromType<OrderPlugin>());
                builder.Services.AddSingleton(KernelPluginFactory.CreateFromType<AccountPlugin>());
                builder.Plugins.AddFromType<EmailPlugin>();
                return builder.Build();
            }
        }
        {{Plugins}}
        """, autoChoice: true,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("24", 20, ""));

    // ---- Count guards that do not hold on the path that sends ----

    [Theory]
    [InlineData("if (strict) { if (tools.Count > MaxTools) throw new InvalidOperationException(); }")]
    [InlineData("try { if (tools.Count > MaxTools) throw new InvalidOperationException(); } catch (InvalidOperationException) { Console.WriteLine(\"many\"); }")]
    [InlineData("System.Diagnostics.Debug.Assert(tools.Count <= MaxTools);")]
    [InlineData("switch (mode) { case 1: if (tools.Count > MaxTools) return null; break; }")]
    [InlineData("void Check() { if (tools.Count > MaxTools) throw new InvalidOperationException(); }")]
    [InlineData("foreach (var t in tools) { if (tools.Count > MaxTools) break; }")]
    [InlineData("if (tools.Count > MaxTools) { } else { return null; }")]
    [InlineData("var few = tools.Take(MaxTools).ToList(); if (few.Count > MaxTools) throw new InvalidOperationException();")]
    public Task A_guard_that_does_not_hold_on_the_sending_path_caps_nothing(string guard) => VerifyMcpAsync($$"""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            private const int MaxTools = 20;

            public async Task<ChatResponse?> AskAsync(string question, bool strict, int mode)
            {
                var tools = mcp.ListToolsAsync().GetAwaiter().GetResult();
                {{guard}}
                var options = new ChatOptions { Tools = [.. {|#0:tools|}] };
                return await client.GetResponseAsync(question, options);
            }
        }
        """,
        Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20));

    // By design (docs/rules/AIL0202.md), a flag beside the count test is a configuration switch, as for allow-lists:
    // the check is the app's decision and the list is treated as capped. Pinned so a change to it is deliberate.
    [Fact]
    public Task A_count_check_beside_a_flag_is_read_as_a_configured_cap() => VerifyMcpAsync("""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question, bool strict)
            {
                var tools = mcp.ListToolsAsync().GetAwaiter().GetResult();
                if (tools.Count > 20 && strict) throw new InvalidOperationException();
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }
        }
        """);

    // A guard on one list before another is appended to it caps nothing appended. Known imprecision: the guarded list
    // is named too (the guard is dropped for the whole list once it changes after the check); the catalog is unbounded.
    [Fact]
    public Task A_guard_before_an_AddRange_caps_nothing_added_after() => VerifyMcpAsync("""
        sealed class Assistant(McpClient mcp, McpClient extra, IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool>({|#1:mcp.ListToolsAsync().Result|});
                if (tools.Count > 20) throw new InvalidOperationException();
                tools.AddRange({|#0:extra.ListToolsAsync().Result|});
                return await client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("'extra.ListToolsAsync()' (an MCP server's whole tool list)", 20),
        Verify.Diagnostic("AIL0202").WithLocation(1).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20));

    // A chat service that takes plugins off the container's kernel before it asks: AiLint sums a kernel within one type,
    // so the removal in another type is not seen and the container's total is still reported (pinned; the removal is
    // per kernel instance, and another consumer of the container's kernel still gets every plugin).
    [Fact]
    public Task Container_plugins_removed_in_another_type_are_still_counted() => VerifyKernelAsync($$"""
        static class AiSetup
        {
            public static void Add(IServiceCollection services)
            {
                services.AddKernel();
                services.AddSingleton({|#0:KernelPluginFactory.CreateFromType<OrderPlugin>()|});
                services.AddSingleton(KernelPluginFactory.CreateFromType<AccountPlugin>());
                services.AddSingleton(KernelPluginFactory.CreateFromType<EmailPlugin>());
            }
        }

        sealed class Chat(Kernel kernel)
        {
            public void Trim() => kernel.Plugins.Remove(kernel.Plugins["EmailPlugin"]);
        }
        {{Plugins}}
        """, autoChoice: true,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("24", 20, ""));
}
