using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// The container's kernel (<c>services.AddKernel()</c> and plugins registered in the container) offers its functions only
/// when a whole-kernel choice (<c>FunctionChoiceBehavior.Auto()</c>) is written outside the types that build a kernel
/// of their own: an <c>Auto()</c> next to <c>Kernel.CreateBuilder()</c> goes with that kernel. A reviewer's app had the
/// container kernel counted because of a separate three-function kernel's <c>Auto()</c>.
/// </summary>
public class ContainerKernelChoiceTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;

        """;

    private static readonly string Plugins =
        Plugin("OrderPlugin", 11) + Plugin("WeatherPlugin", 10) + Plugin("Tiny", 2);

    private static string Plugin(string name, int count) =>
        $"public sealed class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    // The container's kernel, 21 functions; its own request lists two of them.
    private const string Container = """
        public static class Registration
        {
            public static async Task<string> RunAsync(string question)
            {
                var services = new ServiceCollection();
                services.AddKernel();
                services.AddSingleton({|#0:KernelPluginFactory.CreateFromType<OrderPlugin>()|});
                services.AddSingleton(KernelPluginFactory.CreateFromType<WeatherPlugin>());
                var kernel = services.BuildServiceProvider().GetRequiredService<Kernel>();
                var settings = new PromptExecutionSettings
                {
                    FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions: [kernel.Plugins.GetFunction("OrderPlugin", "OrderPlugin1")]),
                };
                return (await kernel.InvokePromptAsync(question, new(settings))).ToString();
            }
        }

        """;

    [Fact]
    public Task An_Auto_next_to_a_kernel_the_type_builds_does_not_make_the_container_kernel_count() => Run(
        Container.Replace("{|#0:", "").Replace(")|})", "))") + """
        static class Small
        {
            public static async Task<string> RunAsync(string question)
            {
                var builder = Kernel.CreateBuilder();
                builder.Plugins.AddFromType<Tiny>();
                var kernel = builder.Build();
                var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                return (await kernel.InvokePromptAsync(question, new(settings))).ToString();
            }
        }
        """);

    // Twin: the same Auto() in a chat service given a kernel by the container counts the container's kernel.
    [Fact]
    public Task An_Auto_in_a_type_without_its_own_kernel_counts_the_container_kernel() => Run(
        Container + """
        public sealed class ChatService(Kernel kernel)
        {
            public async Task<string> AskAsync(string question)
            {
                var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                return (await kernel.InvokePromptAsync(question, new(settings))).ToString();
            }
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("21", 20, ""));

    private static Task Run(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = Usings + code + Plugins, MarkupDiagnosticId = "AIL0201" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
