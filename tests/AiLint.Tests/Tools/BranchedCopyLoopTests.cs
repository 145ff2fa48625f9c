using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// review85 promised miss (MarinCervinschi/DraftStream SchemaWorkflowHandler): a helper of the project whose copy loop
/// branches but adds one tool on every path (wrap the cacheable tools, keep the rest) returns every tool it is given, so
/// it is a conversion helper and is followed, not a selection step. A loop that may skip a tool (a <c>continue</c>, an
/// <c>if</c> with no <c>else</c>, a branch that only logs, a <c>switch</c> with no <c>default</c>) stays a selection step.
/// </summary>
public class BranchedCopyLoopTests
{
    private const string Registry = "the injected tool registry '_mcpToolProvider.GetToolsAsync()'";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, CompilerDiagnostics = compilerDiagnostics };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    /// <summary>DraftStream's handler, reduced: an injected MCP tool provider (implemented in another project), one helper.</summary>
    private static string Handler(string loopBody, string marked = "wrappedTools") => $$"""
        public interface IMcpToolProvider
        {
            Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken cancellationToken);
        }

        public sealed class SchemaWorkflowHandler(IChatClient chatClient, IMcpToolProvider mcpToolProvider)
        {
            private static readonly HashSet<string> CacheableToolNames = ["API-retrieve-a-database", "API-get-self"];
            private readonly IMcpToolProvider _mcpToolProvider = mcpToolProvider;

            public async Task<string> HandleAsync(string text, CancellationToken cancellationToken)
            {
                IReadOnlyList<AITool> tools = await _mcpToolProvider.GetToolsAsync(cancellationToken);
                IList<AITool> wrappedTools = WrapCacheableTools(tools);
                var options = new ChatOptions { Tools = [.. {{marked}}] };
                ChatResponse response = await chatClient.GetResponseAsync(text, options, cancellationToken);
                return response.Text;
            }

            private IList<AITool> WrapCacheableTools(IReadOnlyList<AITool> tools)
            {
                var result = new List<AITool>(tools.Count);
                foreach (AITool tool in tools)
                {
        {{loopBody}}
                }

                return result;
            }
        }
        """;

    [Fact]
    public Task A_copy_loop_whose_if_and_else_both_add_keeps_every_tool() => VerifyAsync(
        Handler("""
                    if (tool is AIFunction function && CacheableToolNames.Contains(function.Name))
                    {
                        result.Add(new ApprovalRequiredAIFunction(function));
                    }
                    else
                    {
                        result.Add(tool);
                    }
        """, "{|#0:wrappedTools|}"),
        Unbounded(0, Registry));

    [Fact]
    public Task A_copy_loop_whose_switch_adds_in_every_section_keeps_every_tool() => VerifyAsync(
        Handler("""
                    switch (tool)
                    {
                        case AIFunction function when CacheableToolNames.Contains(function.Name):
                            result.Add(new ApprovalRequiredAIFunction(function));
                            break;
                        case AIFunction function:
                            result.Add(function);
                            break;
                        default:
                            result.Add(tool);
                            break;
                    }
        """, "{|#0:wrappedTools|}"),
        Unbounded(0, Registry));

    // The neighbours real helpers write: each may return fewer tools than it is given, so each is a selection step.
    [Theory]
    [InlineData("""
                    if (tool is AIFunction function && CacheableToolNames.Contains(function.Name))
                    {
                        result.Add(new ApprovalRequiredAIFunction(function));
                    }
        """)]
    [InlineData("""
                    if (tool.Name.StartsWith("API-delete"))
                    {
                        continue;
                    }

                    if (tool is AIFunction function) result.Add(new ApprovalRequiredAIFunction(function));
                    else result.Add(tool);
        """)]
    [InlineData("""
                    if (tool is AIFunction function)
                    {
                        result.Add(new ApprovalRequiredAIFunction(function));
                    }
                    else
                    {
                        Console.WriteLine($"skipping {tool.Name}");
                    }
        """)]
    [InlineData("""
                    switch (tool)
                    {
                        case AIFunction function:
                            result.Add(new ApprovalRequiredAIFunction(function));
                            break;
                        case AITool other when other.Name.Length > 0:
                            result.Add(other);
                            break;
                    }
        """)]
    [InlineData("""
                    if (tool is AIFunction function) result.Add(new ApprovalRequiredAIFunction(function));
                    else result.Add(AIFunctionFactory.Create(() => "unavailable", "unavailable"));
        """)]
    [InlineData("""
                    if (tool is AIFunction function) { result.Add(function); result.Add(new ApprovalRequiredAIFunction(function)); }
                    else result.Add(tool);
        """)]
    [InlineData("""
                    if (tool is not AIFunction function) throw new InvalidOperationException(tool.Name);
                    if (CacheableToolNames.Contains(function.Name)) result.Add(new ApprovalRequiredAIFunction(function));
                    else result.Add(function);
        """)]
    public Task A_copy_loop_that_may_skip_or_replace_a_tool_stays_a_selection_step(string loopBody) => VerifyAsync(Handler(loopBody));

    // AIL0201: the same loop over a list the code writes counts the list exactly (it used to count nothing).
    [Fact]
    public Task A_branched_copy_of_a_written_list_is_counted_exactly() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chatClient)
        {
            private static readonly AIFunction[] Functions = [{{ToolTestCode.Functions(21)}}];

            public Task<ChatResponse> AskAsync(string question, bool approve)
            {
                var tools = {|#0:new List<AITool>()|};
                foreach (var function in Functions)
                {
                    if (approve) tools.Add(new ApprovalRequiredAIFunction(function));
                    else tools.Add(function);
                }

                return chatClient.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("21", 20, string.Empty));

    // Half-typed: the wrapper type and the branch condition do not resolve yet. No crash, and nothing from error types.
    [Fact]
    public Task Half_typed_branched_copy_loop_does_not_crash() => VerifyAsync(
        Handler("""
                    if (tool is AIFunction function && IsCacheable(function.Nam))
                    {
                        result.Add(new CachingAiFunction(function));
                    }
                    else
                    {
                        result.Add(
        """),
        CompilerDiagnostics.None);
}
