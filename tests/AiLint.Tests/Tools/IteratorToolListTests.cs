using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Tool catalogs written as iterators in another class (<c>IEnumerable&lt;AITool&gt; GetTools() { yield return ...; }</c>),
/// a shape public apps use for tool registries: each <c>yield return</c> is one tool, a <c>foreach</c> that yields every
/// element holds as many as its collection (reflection and MCP lists stay unbounded), and an iterator that may stop
/// early is not counted.
/// </summary>
public class IteratorToolListTests
{
    private const string Usings = """
        using System.Reflection;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static string Yields(int count, string indent = "        ") =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"{indent}yield return AIFunctionFactory.Create(() => {i}, \"t{i}\");\n"));

    [Fact]
    public Task An_iterator_yielding_too_many_tools_is_counted_at_the_call() => VerifyAsync($$"""
        static class ToolCatalog
        {
            public static IEnumerable<AITool> All()
            {
        {{Yields(21)}}
            }
        }

        class Assistant
        {
            ChatOptions Options() => new() { Tools = {|#0:[.. ToolCatalog.All()]|} };
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("21", 20, ""));

    [Fact]
    public Task An_iterator_over_reflection_or_a_server_list_is_unbounded() => VerifyAsync($$"""
        class Calculator
        {
            public int Add(int a, int b) => a + b;
        }

        class CalculatorTools(Calculator calculator, McpClient mcp)
        {
            public IEnumerable<AITool> GetTools()
            {
                foreach (var method in typeof(Calculator).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    yield return AIFunctionFactory.Create(method, calculator);
                }
            }

            public async IAsyncEnumerable<AITool> ServerAsync()
            {
                foreach (var tool in await mcp.ListToolsAsync())
                {
                    yield return tool;
                }
            }
        }

        class Assistant(CalculatorTools tools)
        {
            ChatOptions Options() => new() { Tools = [.. {|#0:tools.GetTools()|}] };
        }
        """,
        new DiagnosticResult(Descriptors.AIL0202ReflectedProjectType).WithLocation(0)
            .WithArguments("reflection over a type's methods ('typeof(Calculator).GetMethods()'), through 'tools.GetTools()'", 20, "every public instance method added to 'Calculator'"));

    // The correct code beside it: a few fixed tools (also behind a registry interface, which AiLint now reads instead
    // of treating as an injected registry), an iterator that stops early or skips tools, an allow-listed server loop.
    [Fact]
    public Task Iterators_with_few_tools_or_that_may_stop_early_are_not_reported() => VerifyAsync($$"""
        interface IToolProvider { IEnumerable<AITool> GetTools(); }

        class ClockTools : IToolProvider
        {
            public IEnumerable<AITool> GetTools()
            {
        {{Yields(3)}}
            }
        }

        class Limited(bool full)
        {
            public IEnumerable<AITool> GetTools()
            {
        {{Yields(3)}}
                if (!full)
                {
                    yield break;
                }

        {{Yields(21)}}
            }
        }

        class ServerTools(McpClient mcp)
        {
            private static readonly string[] Allowed = ["search", "fetch"];

            public IEnumerable<AITool> GetTools()
            {
                foreach (var tool in mcp.ListToolsAsync().GetAwaiter().GetResult())
                {
                    if (Allowed.Contains(tool.Name))
                    {
                        yield return tool;
                    }
                }
            }
        }

        class Assistant(IToolProvider provider, Limited limited, ServerTools server)
        {
            ChatOptions Provided() => new() { Tools = [.. provider.GetTools()] };
            ChatOptions Limited() => new() { Tools = [.. limited.GetTools()] };
            ChatOptions Server() => new() { Tools = [.. server.GetTools()] };
        }
        """);

    [Fact]
    public Task Half_typed_iterators_do_not_crash() => VerifyAsync($$"""
        class Broken
        {
            public IEnumerable<AITool> GetTools()
            {
                yield return {|CS0103:Undefined|};
                foreach (var x in {|CS0103:Nowhere|})
                {
                    yield return x;
                }
            }
        }

        class Assistant(Broken broken)
        {
            ChatOptions Options() => new() { Tools = [.. broken.GetTools()] };
        }
        """);
}
