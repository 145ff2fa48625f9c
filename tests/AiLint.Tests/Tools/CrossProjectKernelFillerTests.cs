using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Summaries;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0202 across projects for Semantic Kernel: a library's public helper that fills the kernel, builder or plugin
/// collection it is given with a whole unbounded catalog (McpDotNet.Extensions.SemanticKernel's
/// <c>plugins.AddMcpFunctionsFromStdioServerAsync(...)</c>, which registers every tool an MCP server lists), called by an
/// app that asks for <c>FunctionChoiceBehavior.Auto()</c>. With both in one project the helper's registration is
/// reported; across projects the library's summary records the helper and its kernel parameter
/// (KernelCatalogFillerSummary), and the app reports at its call. The library is compiled with the real summary
/// generator and referenced as metadata.
/// </summary>
public class CrossProjectKernelFillerTests
{
    private const string Library = """
        #pragma warning disable SKEXP0001
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using ModelContextProtocol.Client;

        namespace Lib
        {
            public sealed class StdioOptions
            {
                public string Name { get; set; } = "";
                public string Command { get; set; } = "";
            }

            public static class McpKernelExtensions
            {
                // The overload apps call hands the collection on to the one that lists the server.
                public static Task<KernelPlugin> AddMcpFunctionsFromStdioServerAsync(this KernelPluginCollection plugins, string serverName, string command, CancellationToken cancellationToken = default) =>
                    AddMcpFunctionsFromStdioServerAsync(plugins, new StdioOptions { Name = serverName, Command = command }, cancellationToken);

                // As the library writes it: a plugin cached per server is added again as it is, a new server's whole list is listed.
                public static async Task<KernelPlugin> AddMcpFunctionsFromStdioServerAsync(this KernelPluginCollection plugins, StdioOptions options, CancellationToken cancellationToken = default)
                {
                    ArgumentNullException.ThrowIfNull(plugins);
                    var key = options.Name.Replace("-", "_");
                    if (StdioMap.TryGetValue(key, out var cached))
                    {
                        try
                        {
                            plugins.AddFromFunctions(key, cached.ToArray());
                        }
                        catch
                        {
                        }

                        return cached;
                    }

                    var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions { Command = options.Command, Name = options.Name }), cancellationToken: cancellationToken);
                    var functions = await client.MapToFunctionsAsync(cancellationToken).ConfigureAwait(false);
                    return StdioMap[key] = plugins.AddFromFunctions(key, functions);
                }

                private static readonly ConcurrentDictionary<string, KernelPlugin> StdioMap = new();

                // The kernel as the second parameter, imported on the kernel itself.
                public static async Task AddGitHubToolsAsync(McpClient client, Kernel kernel)
                {
                    var tools = await client.ListToolsAsync();
                    kernel.ImportPluginFromFunctions("github", tools.Select(t => t.AsKernelFunction()));
                }

                // Every method of an object the caller hands over.
                public static void AddMethodsOf(this KernelPluginCollection plugins, object target) =>
                    plugins.AddFromFunctions("ops", target.GetType().GetMethods().Select(m => KernelFunctionFactory.CreateFromMethod(m, target)));

                // Not recorded: a fixed list, a cap within the limit, an allow-list, the caller's own list, a virtual helper.
                public static void AddClock(this KernelPluginCollection plugins) =>
                    plugins.AddFromFunctions("clock", [KernelFunctionFactory.CreateFromMethod(() => DateTime.UtcNow, "now")]);

                public static async Task AddFewAsync(this KernelPluginCollection plugins, McpClient client) =>
                    plugins.AddFromFunctions("few", (await client.ListToolsAsync()).Take(10).Select(t => t.AsKernelFunction()));

                private static readonly string[] Pinned = ["search_issues", "get_issue"];

                public static async Task AddPinnedAsync(this KernelPluginCollection plugins, McpClient client) =>
                    plugins.AddFromFunctions("pinned", (await client.ListToolsAsync()).Where(t => Pinned.Contains(t.Name)).Select(t => t.AsKernelFunction()));

                public static void AddGiven(this KernelPluginCollection plugins, IEnumerable<KernelFunction> functions) =>
                    plugins.AddFromFunctions("given", functions);

                // Reflection over a type the library declares: fixed when the app builds (the library's own analysis reports it).
                public static void AddOwnOperations(this KernelPluginCollection plugins) =>
                    plugins.AddFromFunctions("own", typeof(Operations).GetMethods().Select(m => KernelFunctionFactory.CreateFromMethod(m, new Operations())));
            }

            public class KernelSetup
            {
                public static async Task AddServerAsync(IKernelBuilder builder, string url)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                    var tools = await client.ListToolsAsync();
                    builder.Plugins.AddFromFunctions("server", tools.Select(t => t.AsKernelFunction()));
                }

                // The plugin made by the factory and added to the kernel's collection.
                public static async Task AddThroughFactoryAsync(Kernel kernel, McpClient client) =>
                    kernel.Plugins.Add(KernelPluginFactory.CreateFromFunctions("server", (await client.ListToolsAsync()).Select(t => t.AsKernelFunction())));

                public virtual async Task AddOverridableAsync(Kernel kernel, McpClient client) =>
                    kernel.Plugins.AddFromFunctions("server", (await client.ListToolsAsync()).Select(t => t.AsKernelFunction()));
            }

            public sealed class Operations
            {
                public int Add(int a, int b) => a + b;
            }

            internal static class McpMapping
            {
                internal static async Task<IReadOnlyList<KernelFunction>> MapToFunctionsAsync(this McpClient client, CancellationToken cancellationToken)
                {
                    var functions = new List<KernelFunction>();
                    foreach (var tool in await client.ListToolsAsync(cancellationToken: cancellationToken))
                    {
                        functions.Add(tool.AsKernelFunction());
                    }

                    return functions;
                }

                public static async Task AddHiddenAsync(Kernel kernel, McpClient client) =>
                    kernel.Plugins.AddFromFunctions("hidden", (await client.ListToolsAsync()).Select(t => t.AsKernelFunction()));
            }
        }
        """;

    private const string AutoChoice = """
        using Microsoft.SemanticKernel;

        static class ChatSettings
        {
            public static readonly PromptExecutionSettings Auto = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        }
        """;

    private const string App = """
        using System.Threading.Tasks;
        using Lib;
        using Microsoft.SemanticKernel;
        using ModelContextProtocol.Client;

        static class Program
        {
            public static async Task RunAsync(McpClient client, IKernelBuilder builder, KernelSetup setup)
            {
                var kernel = new Kernel();
                await {|#0:kernel.Plugins.AddMcpFunctionsFromStdioServerAsync("Everything", "dnx")|};
                await {|#1:McpKernelExtensions.AddGitHubToolsAsync(client, kernel)|};
                await {|#2:KernelSetup.AddServerAsync(builder, "http://localhost:5000/mcp")|};
                {|#3:kernel.Plugins.AddMethodsOf(new object())|};

                // The correct code beside it: helpers that add a fixed, capped or allow-listed list, or the app's own list.
                kernel.Plugins.AddClock();
                await kernel.Plugins.AddFewAsync(client);
                await kernel.Plugins.AddPinnedAsync(client);
                kernel.Plugins.AddGiven([KernelFunctionFactory.CreateFromMethod(() => 1, "one")]);
                kernel.Plugins.AddOwnOperations();
                await setup.AddOverridableAsync(kernel, client);
            }
        }
        """;

    private const string McpList = "an MCP server's whole tool list, added to the kernel by the helper";

    [Fact]
    public void The_library_records_its_public_helpers_that_fill_a_kernel_from_a_whole_list()
    {
        Assert.Equal(
            [
                "M:Lib.KernelSetup.AddServerAsync(Microsoft.SemanticKernel.IKernelBuilder,System.String)|0|mcp",
                "M:Lib.KernelSetup.AddThroughFactoryAsync(Microsoft.SemanticKernel.Kernel,ModelContextProtocol.Client.McpClient)|0|mcp",
                "M:Lib.McpKernelExtensions.AddGitHubToolsAsync(ModelContextProtocol.Client.McpClient,Microsoft.SemanticKernel.Kernel)|1|mcp",
                "M:Lib.McpKernelExtensions.AddMcpFunctionsFromStdioServerAsync(Microsoft.SemanticKernel.KernelPluginCollection,Lib.StdioOptions,System.Threading.CancellationToken)|0|mcp",
                "M:Lib.McpKernelExtensions.AddMcpFunctionsFromStdioServerAsync(Microsoft.SemanticKernel.KernelPluginCollection,System.String,System.String,System.Threading.CancellationToken)|0|mcp",
                "M:Lib.McpKernelExtensions.AddMethodsOf(Microsoft.SemanticKernel.KernelPluginCollection,System.Object)|0|reflection",
            ],
            Recorded(Library));
    }

    [Fact]
    public Task A_library_helper_filling_the_kernel_is_reported_at_the_call_of_an_app_that_asks_for_auto() => VerifyAppAsync(
        App,
        withAuto: true,
        Unbounded(0, $"'kernel.Plugins.AddMcpFunctionsFromStdioServerAsync()' ({McpList})"),
        Unbounded(1, $"'McpKernelExtensions.AddGitHubToolsAsync()' ({McpList})"),
        Unbounded(2, $"'KernelSetup.AddServerAsync()' ({McpList})"),
        Unbounded(3, "'kernel.Plugins.AddMethodsOf()' (reflection over a type's methods, added to the kernel by the helper)"));

    // Without automatic function choice no request is given the kernel's functions: nothing is a catalog.
    [Fact]
    public Task An_app_that_never_asks_for_auto_is_not_reported() => VerifyAppAsync(App.Replace("{|#0:", "").Replace("{|#1:", "").Replace("{|#2:", "").Replace("{|#3:", "").Replace("|}", ""), withAuto: false);

    // A library built with <AiLintProjectSummary>false</AiLintProjectSummary> records nothing: the app is quiet, as before.
    [Fact]
    public Task A_library_without_a_summary_is_not_reported()
    {
        var quiet = App.Replace("{|#0:", "").Replace("{|#1:", "").Replace("{|#2:", "").Replace("{|#3:", "").Replace("|}", "");
        return VerifyAppAsync(quiet, withAuto: true, optOut: true);
    }

    // Half-typed app code: a call that does not bind, or binds with a missing argument, reports nothing and does not crash.
    [Theory]
    [InlineData("await kernel.Plugins.AddMcpFunctionsFromStdioServerAsync(")]
    [InlineData("await kernel.Plugins.AddMcpFunctionsFromStdioServerAsync(\"x\");")]
    [InlineData("await Undefined.AddMcpFunctionsFromStdioServerAsync(kernel.Plugins, \"x\", \"y\");")]
    [InlineData("await McpKernelExtensions.AddGitHubToolsAsync(client, missing);")]
    public Task Half_typed_app_calls_report_nothing(string statement) => VerifyAppAsync(
        "using System.Threading.Tasks;\nusing Lib;\nusing Microsoft.SemanticKernel;\nusing ModelContextProtocol.Client;\n"
        + "static class Program { public static async Task RunAsync(McpClient client) { var kernel = new Kernel(); " + statement + " } }",
        withAuto: true,
        optOut: false,
        CompilerDiagnostics.None);

    // A half-typed library helper does not make the generator fail (a library with errors emits nothing to read).
    [Theory]
    [InlineData("public static class S { public static async Task Add(this KernelPluginCollection p, McpClient c) { p.AddFromFunctions(\"x\", (await c.ListToolsAsync()).Select(t => t.AsKernelFunction()")]
    [InlineData("public static class S { public static void Add(this KernelPluginCollection p, Undefined u) => p.AddFromFunctions(\"x\", u.Functions); }")]
    [InlineData("public static class S { public static Task Add(Kernel k, string url) => Missing(k.Plugins, url); }")]
    [InlineData("public static class S { public static Task Add(Kernel k) => Add(k); }")]
    public void A_half_typed_library_helper_does_not_break_the_generator(string declaration)
    {
        var compilation = CSharpCompilation.Create(
            "Shared",
            [CSharpSyntaxTree.ParseText("#pragma warning disable SKEXP0001\nusing System;\nusing System.Linq;\nusing System.Threading.Tasks;\nusing Microsoft.SemanticKernel;\nusing ModelContextProtocol.Client;\n" + declaration, new CSharpParseOptions(LanguageVersion.Latest))],
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(compilation).GetRunResult();

        Assert.NotEmpty(result.Results);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
    }

    private static string[] Recorded(string source)
    {
        var tree = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(ProjectSummaryTests.CreateLibrary(source)).GetRunResult().GeneratedTrees.SingleOrDefault();
        return tree == null
            ? []
            : tree.ToString().Split('\n')
                .Where(l => l.Contains(KernelCatalogFillerSummary.Key, StringComparison.Ordinal))
                .Select(l => l.Substring(l.IndexOf(", \"", StringComparison.Ordinal) + 3).TrimEnd('\r', ')', ']', '"'))
                .ToArray();
    }

    private static Task VerifyAppAsync(string source, bool withAuto, params DiagnosticResult[] expected) =>
        VerifyAppAsync(source, withAuto, optOut: false, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAppAsync(string source, bool withAuto, bool optOut) =>
        VerifyAppAsync(source, withAuto, optOut, CompilerDiagnostics.Errors);

    private static async Task VerifyAppAsync(string source, bool withAuto, bool optOut, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        ProjectSummaryTests.CreateDriver(optOut).RunGeneratorsAndUpdateCompilation(ProjectSummaryTests.CreateLibrary(Library), out var library, out _);
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = source,
            CompilerDiagnostics = compilerDiagnostics,
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit((CSharpCompilation)library)),
        };
        if (withAuto)
        {
            test.Sources.Add(("/0/ChatSettings.cs", AutoChoice));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);
}
