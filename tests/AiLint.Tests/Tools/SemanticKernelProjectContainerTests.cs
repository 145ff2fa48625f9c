using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Semantic Kernel plugins registered in the container by registration classes of their own
/// (<c>services.AddOrderPlugins()</c> in one class, <c>services.AddBillingPlugins()</c> in another) for the one kernel
/// <c>services.AddKernel()</c> builds. Summed across types only when every summed registration surely reaches that
/// container: called unconditionally from the block that calls <c>AddKernel()</c>, on the same collection, and written
/// unconditionally in the helper.
/// </summary>
public class SemanticKernelProjectContainerTests
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

    /// <summary>One registration class per feature, each registering one plugin on the collection it is given.</summary>
    private const string Registrations = """
        static class OrderRegistration
        {
            public static IServiceCollection AddOrderPlugins(this IServiceCollection services)
            {
                services.AddSingleton(KernelPluginFactory.CreateFromType<OrderPlugin>());
                return services;
            }
        }

        static class AccountRegistration
        {
            public static IServiceCollection AddAccountPlugins(this IServiceCollection services) =>
                services.AddSingleton(sp => KernelPluginFactory.CreateFromType<AccountPlugin>(serviceProvider: sp));
        }

        static class EmailRegistration
        {
            public static void AddEmailPlugins(IServiceCollection services, bool enabled)
            {
                services.AddSingleton<KernelPlugin>(KernelPluginFactory.CreateFromObject(new EmailPlugin()));
            }
        }

        """;

    [Fact]
    public Task Plugins_registered_by_several_classes_are_summed_on_the_one_AddKernel() => VerifyAsync($$"""
        static class AiSetup
        {
            public static IServiceCollection AddAssistant(this IServiceCollection services)
            {
                {|#0:services.AddKernel()|};
                services.AddOrderPlugins().AddAccountPlugins();
                EmailRegistration.AddEmailPlugins(services, enabled: true);
                return services;
            }
        }
        {{Registrations}}
        {{Plugins}}
        """,
        OverCap(0, "24"));

    // The ASP.NET shape: builder.Services in Program, plugins of the calling type and of a registration class together.
    [Fact]
    public Task Builder_services_in_a_top_level_program_are_summed()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = Usings + $$"""
                var builder = new AppBuilder();
                {|#0:builder.Services.AddKernel()|}.AddOpenAIChatCompletion("gpt-4o", "key");
                builder.Services.AddSingleton(sp => KernelPluginFactory.CreateFromType<OrderPlugin>(serviceProvider: sp));
                builder.Services.AddAccountPlugins();
                EmailRegistration.AddEmailPlugins(builder.Services, true);

                sealed class AppBuilder
                {
                    public IServiceCollection Services { get; } = new ServiceCollection();
                }
                {{Registrations}}
                {{Plugins}}
                """,
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            MarkupDiagnosticId = "AIL0201",
        };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        test.ExpectedDiagnostics.Add(OverCap(0, "24"));
        return test.RunAsync();
    }

    // The twins: a helper called under a condition, after an early return, never, or with another collection; a
    // registration under a condition in the helper. Each leaves 16 functions that surely reach the kernel.
    [Theory]
    [InlineData("if (enabled) EmailRegistration.AddEmailPlugins(services, true);")]
    [InlineData("if (!enabled) return services; EmailRegistration.AddEmailPlugins(services, true);")]
    [InlineData("")]
    [InlineData("EmailRegistration.AddEmailPlugins(new ServiceCollection(), true);")]
    [InlineData("System.Action later = () => EmailRegistration.AddEmailPlugins(services, true);")]
    [InlineData("ConditionalEmail.Add(services, enabled);")]
    public Task Registrations_that_may_not_run_are_not_summed(string third) => VerifyAsync($$"""
        static class AiSetup
        {
            public static IServiceCollection AddAssistant(this IServiceCollection services, bool enabled)
            {
                services.AddKernel();
                services.AddOrderPlugins();
                services.AddAccountPlugins();
                {{third}}
                return services;
            }
        }

        static class ConditionalEmail
        {
            public static void Add(IServiceCollection services, bool enabled)
            {
                if (enabled)
                {
                    services.AddSingleton(KernelPluginFactory.CreateFromType<EmailPlugin>());
                }
            }
        }
        {{Registrations}}
        {{Plugins}}
        """);

    // Two AddKernel() calls (which kernel a plugin reaches is not known), or plugins on the builder AddKernel() returns
    // (the per-type sum's own shape): no project sum.
    [Fact]
    public Task Two_kernels_or_builder_plugins_are_not_summed_across_types() => VerifyAsync($$"""
        static class AiSetup
        {
            public static void AddAssistant(IServiceCollection services)
            {
                services.AddKernel();
                services.AddOrderPlugins();
                services.AddAccountPlugins();
                EmailRegistration.AddEmailPlugins(services, true);
            }
        }

        static class Tests
        {
            public static void Other(IServiceCollection services) => services.AddKernel();
        }
        {{Registrations}}
        {{Plugins}}
        """);

    [Fact]
    public Task Builder_plugins_keep_the_per_type_answer() => VerifyAsync($$"""
        static class AiSetup
        {
            public static void AddAssistant(IServiceCollection services)
            {
                services.AddKernel().Plugins.AddFromType<OrderPlugin>();
                services.AddAccountPlugins();
                EmailRegistration.AddEmailPlugins(services, true);
            }
        }
        {{Registrations}}
        {{Plugins}}
        """);

    // The calling type's own plugins over the cap are reported by the per-type sum, once, not again on AddKernel().
    [Fact]
    public Task Own_plugins_over_the_cap_are_reported_once() => VerifyAsync($$"""
        static class AiSetup
        {
            public static void AddAssistant(IServiceCollection services)
            {
                services.AddKernel();
                services.AddSingleton({|#0:KernelPluginFactory.CreateFromType<OrderPlugin>()|});
                services.AddSingleton(KernelPluginFactory.CreateFromType<AccountPlugin>());
                services.AddSingleton(KernelPluginFactory.CreateFromType<EmailPlugin>());
                EmailRegistration.AddEmailPlugins(services, true);
            }
        }
        {{Registrations}}
        {{Plugins}}
        """,
        OverCap(0, "24"));

    // Without automatic function choice anywhere in the project, no kernel offers its functions.
    [Fact]
    public async Task Project_without_automatic_choice_is_not_summed()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = Usings + """
                static class AiSetup
                {
                    public static void AddAssistant(IServiceCollection services)
                    {
                        services.AddKernel();
                        services.AddOrderPlugins().AddAccountPlugins();
                        EmailRegistration.AddEmailPlugins(services, true);
                    }
                }
                """ + Registrations + Plugins,
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData("services.AddKernel(")]
    [InlineData("services.AddKernel(); services.AddOrderPlugins(")]
    [InlineData("services.AddKernel(); Missing.AddPlugins(services);")]
    [InlineData("services.AddKernel(); services.AddSingleton(KernelPluginFactory.CreateFromType<>());")]
    public async Task Half_typed_setup_does_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = Usings + "static class AiSetup { public static void Add(IServiceCollection services) { " + statement + " } }\n" + Registrations + Plugins,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
            // Only "no analyzer exception" is asserted: half-typed code may or may not report.
        }
    }
}
