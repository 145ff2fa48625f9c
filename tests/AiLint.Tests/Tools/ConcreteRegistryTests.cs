using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A home-grown tool registry injected as its concrete class: a private dictionary grown by a public
/// <c>RegisterTool(tool)</c> and read back whole by <c>GetAllTools()</c>. Behind an interface the same registry is the
/// "injected tool registry" (AIL0202); injected as the class it holds just as much, whatever the app registers.
/// </summary>
public class ConcreteRegistryTests
{
    private const string Usings = """
        using System.Collections.Concurrent;
        using Microsoft.Agents.AI;

        """;

    private const string Registry = """
        public sealed class ToolRegistry
        {
            private readonly ConcurrentDictionary<string, AIFunction> _tools = new();

            public void RegisterTool(AIFunction tool) => _tools.TryAdd(tool.Name, tool);

            public IEnumerable<AIFunction> GetAllTools() => _tools.Values;

            public AIFunction? GetTool(string name) => _tools.TryGetValue(name, out var tool) ? tool : null;
        }

        public static class McpRegistration
        {
            public static async Task RegisterServerAsync(ToolRegistry registry, McpClient mcp, CancellationToken ct)
            {
                foreach (var tool in await mcp.ListToolsAsync(cancellationToken: ct))
                {
                    registry.RegisterTool(tool);
                }
            }
        }

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>();
        test.TestState.Sources.Add(ToolTestCode.Usings + Usings + code);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    [Fact]
    public Task A_concrete_registry_grown_by_register_calls_is_the_injected_registry() => VerifyAsync(Registry + """
        public sealed class DirectChat(IChatClient chat, ToolRegistry registry)
        {
            public async Task<string> AskAsync(string question) =>
                (await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:registry.GetAllTools()|}] })).Text;
        }

        public sealed class Orchestrator(IChatClient chat, ToolRegistry toolRegistry)
        {
            private readonly ToolRegistry _registry = toolRegistry;

            public ChatClientAgent Build() => new(chat, instructions: null, tools: {|#1:_registry.GetAllTools().Cast<AITool>().ToList()|});
        }
        """,
        Unbounded(0, "the injected tool registry 'registry.GetAllTools()'"),
        Unbounded(1, "the injected tool registry '_registry.GetAllTools()'"));

    // Quiet twins: a registry class filled only by itself (fixed tools in its constructor); one the code creates and
    // fills in view; the injected registry's list capped before use.
    [Fact]
    public Task Registries_filled_in_view_or_capped_are_not_reported() => VerifyAsync(Registry + """
        public sealed class BuiltInTools
        {
            private readonly List<AITool> _tools = new();

            public BuiltInTools()
            {
                _tools.Add(AIFunctionFactory.Create(() => 1, "one"));
                _tools.Add(AIFunctionFactory.Create(() => 2, "two"));
            }

            public IEnumerable<AITool> GetAllTools() => _tools.ToList();
        }

        public sealed class Chats(IChatClient chat, BuiltInTools builtIn, ToolRegistry registry)
        {
            public Task<ChatResponse> BuiltInAsync(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. builtIn.GetAllTools()] });

            public Task<ChatResponse> CappedAsync(string q) =>
                chat.GetResponseAsync(q, new ChatOptions { Tools = [.. registry.GetAllTools().Take(10)] });

            public Task<ChatResponse> LocalAsync(string q)
            {
                var local = new ToolRegistry();
                local.RegisterTool(AIFunctionFactory.Create(() => 1, "one"));
                return chat.GetResponseAsync(q, new ChatOptions { Tools = [.. local.GetAllTools()] });
            }
        }
        """);

    [Theory]
    [InlineData("public IEnumerable<AIFunction> GetAllTools() => _tools.;")]
    [InlineData("public IEnumerable<AIFunction> GetAllTools() => _missing.Values;")]
    [InlineData("public IEnumerable<AIFunction> GetAllTools() { return _tools.Values")]
    public async Task Half_typed_registries_do_not_crash_or_report(string getter)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + Usings + """
            public sealed class ToolRegistry
            {
                private readonly ConcurrentDictionary<string, AIFunction> _tools = new();
                public void RegisterTool(AIFunction tool) => _tools[tool.Name] = tool;
            """ + getter + """
            }

            public sealed class DirectChat(IChatClient chat, ToolRegistry registry)
            {
                public Task<ChatResponse> AskAsync(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. registry.GetAllTools()] });
            }
            """);
        await test.RunAsync();
    }
}
