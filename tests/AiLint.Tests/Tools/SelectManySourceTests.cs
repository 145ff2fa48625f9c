using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// <c>SelectMany</c> whose selector yields an unbounded source (reflection over each element's methods, each element's
/// whole MCP list) carries that source: every container-resolved tool object's <c>[Description]</c> methods turned into
/// functions is as unbounded as one object's. A selector yielding a bounded list keeps the earlier reading (unknown size).
/// </summary>
public class SelectManySourceTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Reflection(int location, string call) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments($"reflection over a type's methods ('{call}')", 20);

    private const string Plugins = """
        using System.ComponentModel;
        using System.Reflection;
        using Microsoft.Extensions.DependencyInjection;

        public interface IPlugin { }

        """;

    [Fact]
    public Task Reflection_over_every_resolved_object_in_a_SelectMany_is_reported() => VerifyAsync(Plugins + """
        public static class Assistant
        {
            public static async Task<string> AskAsync(IChatClient chat, IServiceProvider services, string prompt)
            {
                var funcs = services.GetServices<IPlugin>()
                    .SelectMany(plugin => plugin.GetType()
                        .GetMethods(BindingFlags.Public | BindingFlags.Instance)
                        .Where(m => m.GetCustomAttribute<DescriptionAttribute>() != null)
                        .Select(m => AIFunctionFactory.Create(m, plugin)))
                    .ToArray();
                var options = new ChatOptions { Tools = {|#0:funcs|} };
                return (await chat.GetResponseAsync(prompt, options)).Text;
            }

            public static async Task<string> AskListAsync(IChatClient chat, IReadOnlyList<object> plugins, string prompt)
            {
                List<AITool> tools = [.. {|#1:plugins.SelectMany(p => p.GetType().GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, p)))|}];
                return (await chat.GetResponseAsync(prompt, new ChatOptions { Tools = tools })).Text;
            }
        }
        """,
        Reflection(0, "plugin.GetType().GetMethods()"),
        Reflection(1, "p.GetType().GetMethods()"));

    [Fact]
    public Task Every_server_list_in_a_SelectMany_is_reported() => VerifyAsync("""
        public static class Assistant
        {
            public static async Task<string> AskAsync(IChatClient chat, IReadOnlyList<McpClient> clients, string prompt)
            {
                var all = clients.SelectMany(c => c.ListToolsAsync().GetAwaiter().GetResult()).ToList();
                return (await chat.GetResponseAsync(prompt, new ChatOptions { Tools = [.. {|#0:all|}] })).Text;
            }
        }
        """,
        Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("'c.ListToolsAsync()' (an MCP server's whole tool list)", 20));

    // ---- quiet twins ----

    // The real shape: the reflected functions filtered against a configured allow-list; one capped with Take; and a
    // SelectMany over fixed per-plugin lists (a bounded selector keeps its unknown size, not reported).
    [Fact]
    public Task Allow_listed_capped_and_fixed_SelectMany_are_not_reported() => VerifyAsync(Plugins + """
        public interface IToolGroup { IReadOnlyList<AITool> Tools { get; } }

        public sealed class AssistantConfig { public List<string> EnabledFunctions { get; } = []; }

        public static class Assistant
        {
            public static async Task<string> AskAsync(IChatClient chat, IServiceProvider services, AssistantConfig config, IReadOnlyList<IToolGroup> groups, string prompt)
            {
                var enabled = services.GetServices<IPlugin>()
                    .SelectMany(plugin => plugin.GetType()
                        .GetMethods(BindingFlags.Public | BindingFlags.Instance)
                        .Where(m => m.GetCustomAttribute<DescriptionAttribute>() != null)
                        .Select(m => AIFunctionFactory.Create(m, plugin)))
                    .Where(f => config.EnabledFunctions.Contains(f.Name))
                    .ToArray();
                var capped = services.GetServices<IPlugin>()
                    .SelectMany(plugin => plugin.GetType().GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, plugin)))
                    .Take(10)
                    .ToList();
                var fixedGroups = groups.SelectMany(g => new AITool[] { AIFunctionFactory.Create(() => 1, "one"), AIFunctionFactory.Create(() => 2, "two") }).ToList();
                var perGroup = groups.SelectMany(g => g.Tools).ToList();
                var options = new ChatOptions { Tools = [.. enabled, .. capped, .. fixedGroups, .. perGroup] };
                return (await chat.GetResponseAsync(prompt, options)).Text;
            }
        }
        """);

    // ---- half-typed code ----

    [Fact]
    public async Task A_half_typed_SelectMany_reports_nothing_and_does_not_crash()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + """
            public static class Assistant
            {
                public static async Task<string> AskAsync(IChatClient chat, IReadOnlyList<object> plugins, string prompt)
                {
                    var a = plugins.SelectMany(p => p.GetType().Missing()).ToArray();
                    var b = plugins.SelectMany().ToArray();
                    var c = plugins.SelectMany(p => ).ToArray();
                    var d = Unknown.SelectMany(p => p.GetType().GetMethods().Select(m => AIFunctionFactory.Create(m, p))).ToArray();
                    return (await chat.GetResponseAsync(prompt, new ChatOptions { Tools = [.. a, .. b, .. c, .. d] })).Text;
                }
            }
            """);
        await test.RunAsync();
    }
}
