using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Tools;

/// <summary>
/// A catalog passed to the method that calls the model is reported on the caller's argument, which may be in another
/// file than the one whose analysis finds it. These tests pin down what a build and an editor see (documented in the
/// known limitations of AIL0201 and AIL0202).
/// </summary>
public class CallerDiagnosticScopeTests
{
    private const string GatewayFile = """
        class ModelGateway(IChatClient client)
        {
            public Task<ChatResponse> AskAsync(string question, IList<AITool> tools) =>
                client.GetResponseAsync(question, new ChatOptions { Tools = tools });
        }
        """;

    private const string CallerFile = """
        class Caller(ModelGateway gateway, McpClient mcp)
        {
            public async Task<ChatResponse> RunAsync(string question) =>
                await gateway.AskAsync(question, [.. await mcp.ListToolsAsync()]);
        }
        """;

    private const string GatewayPath = "/0/ModelGateway.cs";
    private const string CallerPath = "/0/Caller.cs";

    private static async Task<(CompilationWithAnalyzers Analysis, Compilation Compilation)> AnalyseAsync()
    {
        var project = TestProjectBuilder.Create(
            [(GatewayPath, ToolTestCode.Usings + GatewayFile), (CallerPath, ToolTestCode.Usings + CallerFile)],
            [],
            [],
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);
        var compilation = (await project.GetCompilationAsync())!;
        var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        return (compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ToolCatalogAnalyzer()), options), compilation);
    }

    private static SemanticModel ModelOf(Compilation compilation, string path) =>
        compilation.GetSemanticModel(compilation.SyntaxTrees.Single(t => t.FilePath == path));

    [Fact]
    public async Task A_build_reports_the_caller_once()
    {
        var (analysis, _) = await AnalyseAsync();
        var diagnostics = await analysis.GetAnalyzerDiagnosticsAsync();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("AIL0202", diagnostic.Id);
        Assert.Equal(CallerPath, diagnostic.Location.SourceTree!.FilePath);
    }

    // What an editor sees when it analyses one file at a time: the caller's file alone runs no analysis that finds the
    // diagnostic (it is found by the analysis of the gateway's type), and the gateway's file alone reports it on the
    // caller's file, which the per-file answer leaves out. The diagnostic appears in a build and in full-solution
    // analysis, not as a live squiggle.
    [Fact]
    public async Task Analysing_one_file_at_a_time_does_not_show_the_caller_s_diagnostic()
    {
        var (callerOnly, callerCompilation) = await AnalyseAsync();
        var callerDiagnostics = await callerOnly.GetAnalyzerSemanticDiagnosticsAsync(ModelOf(callerCompilation, CallerPath), filterSpan: null, CancellationToken.None);
        Assert.Empty(callerDiagnostics);

        var (gatewayOnly, gatewayCompilation) = await AnalyseAsync();
        var gatewayDiagnostics = await gatewayOnly.GetAnalyzerSemanticDiagnosticsAsync(ModelOf(gatewayCompilation, GatewayPath), filterSpan: null, CancellationToken.None);
        Assert.Empty(gatewayDiagnostics);
    }
}
