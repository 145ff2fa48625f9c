using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Semantic Kernel plugins registered in the container, the ASP.NET shape: <c>services.AddKernel()</c> in Program.cs or a
/// startup extension, and one <c>services.AddSingleton(KernelPluginFactory.CreateFromType&lt;T&gt;())</c> per feature.
/// The kernel the container builds holds every unkeyed <c>KernelPlugin</c> registration, so they are summed with the
/// plugins of the builder <c>AddKernel()</c> returns.
/// </summary>
public class SemanticKernelContainerPluginTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = Usings + code, MarkupDiagnosticId = "AIL0201" };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    private static string Plugin(string name, int count) =>
        $"sealed class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    private static readonly string Plugins = Plugin("OrderPlugin", 8) + Plugin("AccountPlugin", 8) + Plugin("EmailPlugin", 8);

    [Fact]
    public Task Container_plugins_are_summed_into_the_container_kernel() => VerifyAsync($$"""
        static class AiSetup
        {
            public static IServiceCollection AddAssistant(this IServiceCollection services)
            {
                services.AddKernel();
                services.AddSingleton({|#0:KernelPluginFactory.CreateFromType<OrderPlugin>()|});
                services.AddSingleton(sp => KernelPluginFactory.CreateFromType<AccountPlugin>(serviceProvider: sp));
                services.AddSingleton<KernelPlugin>(KernelPluginFactory.CreateFromObject(new EmailPlugin()));
                return services;
            }
        }
        {{Plugins}}
        """,
        OverCap(0, "24"));

    // Plugins on the builder AddKernel() returns and in the container go to the same kernel.
    [Fact]
    public Task Container_plugins_are_summed_with_the_builder_plugins() => VerifyAsync($$"""
        static class AiSetup
        {
            public static void Add(IServiceCollection services)
            {
                var kernel = {|#0:services.AddKernel()|};
                kernel.Plugins.AddFromType<OrderPlugin>();
                services.AddTransient(sp => KernelPluginFactory.CreateFromType<AccountPlugin>(serviceProvider: sp));
                services.AddScoped(sp => KernelPluginFactory.CreateFromType<EmailPlugin>());
            }
        }
        {{Plugins}}
        """,
        OverCap(0, "24"));

    // The neighbours: within the cap; keyed registrations (AddKernel's kernel does not read them); no AddKernel() in the
    // type (the kernel may be built from a few of them elsewhere); AddKernel() builders on two collections (which one is unknown;
    // chains on one collection are one kernel, see AddKernelChainTests).
    [Fact]
    public Task Container_plugins_that_do_not_add_up_to_one_known_kernel_are_not_summed() => VerifyAsync($$"""
        static class WithinCap
        {
            public static void Add(IServiceCollection services)
            {
                services.AddKernel();
                services.AddSingleton(KernelPluginFactory.CreateFromType<OrderPlugin>());
                services.AddSingleton(KernelPluginFactory.CreateFromType<AccountPlugin>());
            }
        }

        static class Keyed
        {
            public static void Add(IServiceCollection services)
            {
                services.AddKernel();
                services.AddKeyedSingleton("orders", KernelPluginFactory.CreateFromType<OrderPlugin>());
                services.AddKeyedSingleton("accounts", KernelPluginFactory.CreateFromType<AccountPlugin>());
                services.AddKeyedSingleton("email", KernelPluginFactory.CreateFromType<EmailPlugin>());
            }
        }

        static class NoKernelHere
        {
            public static void Add(IServiceCollection services)
            {
                services.AddSingleton(KernelPluginFactory.CreateFromType<OrderPlugin>());
                services.AddSingleton(KernelPluginFactory.CreateFromType<AccountPlugin>());
                services.AddSingleton(KernelPluginFactory.CreateFromType<EmailPlugin>());
            }
        }

        static class TwoKernels
        {
            public static void Add(IServiceCollection services, IServiceCollection other)
            {
                services.AddKernel().Plugins.AddFromType<OrderPlugin>();
                other.AddKernel().Plugins.AddFromType<AccountPlugin>();
                services.AddSingleton(KernelPluginFactory.CreateFromType<EmailPlugin>());
            }
        }
        {{Plugins}}
        """);

    // Without automatic function choice anywhere in the project, no kernel offers its functions.
    [Fact]
    public async Task Container_plugins_in_a_project_without_automatic_choice_are_not_counted()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = Usings + """
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
                """ + Plugins,
        };
        await test.RunAsync();
    }
}
