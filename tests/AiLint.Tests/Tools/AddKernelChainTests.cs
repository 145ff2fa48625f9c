using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// One plugin per <c>services.AddKernel().Plugins.AddFromType&lt;T&gt;()</c> statement, the way many ASP.NET
/// Program.cs files register them. Semantic Kernel's <c>AddKernel()</c> returns a builder over the same service
/// collection and each plugin becomes a <c>KernelPlugin</c> singleton there, so the container's one kernel holds them
/// all: the chains on one collection are one kernel and their functions add up (Semantic Kernel 1.82, checked at run
/// time: three chains of 3 + 12 + 12 functions give one kernel of 27).
/// </summary>
public class AddKernelChainTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;

        """;

    private static string Plugin(string name, int count) =>
        $"sealed class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    private static readonly string Plugins = Plugin("FlightPlugin", 3) + Plugin("NavigationPlugin", 12) + Plugin("PayloadPlugin", 12);

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, string.Empty);

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = Usings + code, MarkupDiagnosticId = "AIL0201" };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The Program.cs shape: three chains on builder.Services, the container's kernel injected into a minimal-API handler
    // whose request asks for automatic choice.
    [Fact]
    public Task Chains_on_builder_services_in_a_top_level_program_are_one_kernel()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            OutputKind = OutputKind.ConsoleApplication,
            TestCode = Usings + """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.SemanticKernel.ChatCompletion;

                var builder = WebApplication.CreateBuilder(args);
                {|#0:builder.Services.AddKernel().Plugins.AddFromType<FlightPlugin>("Tools")|};
                builder.Services.AddKernel().Plugins.AddFromType<NavigationPlugin>("Navigation");
                builder.Services.AddKernel().Plugins.AddFromType<PayloadPlugin>("Payload");
                var app = builder.Build();

                app.MapPost("/execute", async (string message, Kernel kernel) =>
                {
                    var chat = kernel.GetRequiredService<IChatCompletionService>();
                    var history = new ChatHistory();
                    history.AddUserMessage(message);
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };
                    var response = await chat.GetChatMessageContentAsync(history, settings, kernel);
                    return response.Content;
                });

                app.Run();

                """ + Plugins,
        };
        test.ExpectedDiagnostics.Add(OverCap(0, "27"));
        return test.RunAsync();
    }

    // A startup extension method: the chains on its services parameter, and a container registration beside them, go to
    // the same kernel.
    [Fact]
    public Task Chains_on_one_services_parameter_are_summed_with_the_container_plugins() => VerifyAsync($$"""
        static class AiSetup
        {
            public static IServiceCollection AddAssistant(this IServiceCollection services)
            {
                {|#0:services.AddKernel().Plugins.AddFromType<NavigationPlugin>()|};
                services.AddKernel().Plugins.AddFromType<FlightPlugin>();
                services.AddSingleton(KernelPluginFactory.CreateFromType<PayloadPlugin>());
                return services;
            }
        }
        {{Plugins}}
        """,
        OverCap(0, "27"));

    // Quiet twins: two chains within the cap; two chains on different collections (two containers); kernels built with
    // Kernel.CreateBuilder() or new Kernel() stay one kernel each.
    [Fact]
    public Task Chains_within_the_cap_and_separate_kernels_are_not_summed() => VerifyAsync($$"""
        static class WithinCap
        {
            public static void Add(IServiceCollection services)
            {
                services.AddKernel().Plugins.AddFromType<FlightPlugin>();
                services.AddKernel().Plugins.AddFromType<NavigationPlugin>();
            }
        }

        static class TwoContainers
        {
            public static void Add(IServiceCollection services, IServiceCollection other)
            {
                services.AddKernel().Plugins.AddFromType<NavigationPlugin>();
                other.AddKernel().Plugins.AddFromType<PayloadPlugin>();
            }
        }

        static class OwnKernels
        {
            public static Kernel[] Build()
            {
                var first = Kernel.CreateBuilder();
                first.Plugins.AddFromType<NavigationPlugin>();
                var second = Kernel.CreateBuilder();
                second.Plugins.AddFromType<PayloadPlugin>();
                var third = new Kernel();
                third.Plugins.AddFromType<PayloadPlugin>();
                return [first.Build(), second.Build(), third];
            }
        }
        {{Plugins}}
        """);

    [Theory]
    [InlineData("services.AddKernel().Plugins.AddFromType<Missing>(); services.AddKernel().Plugins.AddFromType<NavigationPlugin>();")]
    [InlineData("services.AddKernel(.Plugins.AddFromType<NavigationPlugin>(); services.AddKernel().Plugins.AddFromType<PayloadPlugin>();")]
    [InlineData("services.AddKernel().Plugins.AddFromType<NavigationPlugin>(); unknown.Services.AddKernel().Plugins.AddFromType<PayloadPlugin>();")]
    [InlineData("services.AddKernel().Plugins.; services.AddKernel().Plugins.AddFromType<PayloadPlugin>(")]
    public async Task Half_typed_chains_do_not_crash_or_report(string statements)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = Usings + "static class AiSetup { public static void Add(IServiceCollection services) { " + statements + " } }\n" + Plugins,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        await test.RunAsync();
    }
}
