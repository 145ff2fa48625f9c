using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0201 on Semantic Kernel plugins registered from classes (<c>AddFromType&lt;T&gt;()</c>, <c>AddFromObject</c>,
/// <c>ImportPluginFromType&lt;T&gt;()</c>, <c>KernelPluginFactory.CreateFromType&lt;T&gt;()</c>), summed per kernel.
/// Shapes from public .NET apps: a Program.cs that builds one kernel and registers a plugin class per feature
/// (time, weather, orders, email...), each with a handful of <c>[KernelFunction]</c> methods.
/// </summary>
public class SemanticKernelTypePluginTests
{
    private const string Usings = """
        using System.Threading.Tasks;
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

    /// <summary>A plugin class with <paramref name="count"/> <c>[KernelFunction]</c> methods and one plain method.</summary>
    private static string Plugin(string name, int count) =>
        $"class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "    public string NotAFunction() => \"\";\n}\n";

    [Fact]
    public Task Builder_plugins_from_types_are_summed_on_the_builder() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build()
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<OrderPlugin>();
                builder.Plugins.AddFromType<AccountPlugin>();
                builder.Plugins.AddFromType<EmailPlugin>();
                return builder.Build();
            }
        }
        {{Plugin("OrderPlugin", 8)}}{{Plugin("AccountPlugin", 8)}}{{Plugin("EmailPlugin", 7)}}
        """,
        OverCap(0, "23"));

    [Fact]
    public Task A_kernel_built_from_a_builder_counts_the_builder_plugins_too() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build()
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<OrderPlugin>();
                var kernel = builder.Build();
                kernel.ImportPluginFromType<AccountPlugin>();
                return kernel;
            }

            Kernel Separate()
            {
                var builder = Kernel.CreateBuilder();
                builder.Plugins.AddFromType<OrderPlugin>();
                var kernel = new Kernel();
                kernel.ImportPluginFromType<AccountPlugin>();
                return kernel;
            }
        }
        {{Plugin("OrderPlugin", 11)}}{{Plugin("AccountPlugin", 11)}}
        """,
        OverCap(0, "22"));

    [Fact]
    public Task Kernel_registrations_of_every_shape_are_summed() => VerifyAsync($$"""
        class Registrar
        {
            void Register(Kernel kernel)
            {
                {|#0:kernel.ImportPluginFromType<OrderPlugin>()|};
                kernel.Plugins.AddFromObject(new AccountPlugin());
                kernel.Plugins.Add(KernelPluginFactory.CreateFromType<EmailPlugin>());
                kernel.ImportPluginFromObject(new TimePlugin(), "time");
            }
        }
        {{Plugin("OrderPlugin", 6)}}{{Plugin("AccountPlugin", 6)}}{{Plugin("EmailPlugin", 6)}}{{Plugin("TimePlugin", 3)}}
        """,
        OverCap(0, "21"));

    [Fact]
    public Task One_class_over_the_cap_is_reported_on_its_registration() => VerifyAsync($$"""
        class Registrar
        {
            KernelPlugin Create() => {|#0:KernelPluginFactory.CreateFromType<Everything>()|};
        }
        {{Plugin("Everything", 21)}}
        """,
        OverCap(0, "21"));

    [Fact]
    public Task Fluent_builder_chain_is_one_kernel() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build()
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<OrderPlugin>().AddFromType<AccountPlugin>().AddFromType<EmailPlugin>();
                return builder.Build();
            }
        }
        {{Plugin("OrderPlugin", 7)}}{{Plugin("AccountPlugin", 7)}}{{Plugin("EmailPlugin", 7)}}
        """,
        OverCap(0, "21"));

    // ASP.NET apps register the kernel in the container and chain its plugins.
    [Fact]
    public Task Container_kernel_with_chained_plugins() => VerifyAsync($$"""
        using Microsoft.Extensions.DependencyInjection;
        class Startup
        {
            void Configure(IServiceCollection services)
            {
                {|#0:services.AddKernel().Plugins.AddFromType<OrderPlugin>()|}.AddFromType<AccountPlugin>().AddFromType<EmailPlugin>();
            }

            void Held(IServiceCollection services)
            {
                var kernel = {|#1:services.AddKernel()|};
                kernel.Plugins.AddFromType<OrderPlugin>();
                kernel.Plugins.AddFromType<AccountPlugin>();
                kernel.Plugins.AddFromType<EmailPlugin>();
            }
        }
        {{Plugin("OrderPlugin", 7)}}{{Plugin("AccountPlugin", 7)}}{{Plugin("EmailPlugin", 7)}}
        """,
        OverCap(0, "21"),
        OverCap(1, "21"));

    // Semantic Kernel 1.82's KernelPluginFactory takes GetMethods(Public | NonPublic | Instance | Static) and keeps the
    // [KernelFunction] ones (checked by reflection on the real assembly): every method the class declares, whatever its
    // access, plus its base classes' non-private instance methods; an override counts once, even without the attribute.
    [Fact]
    public Task Functions_are_counted_as_Semantic_Kernel_reflects_over_the_class() => VerifyAsync($$"""
        class Startup
        {
            void Register(Kernel kernel)
            {
                {|#0:kernel.ImportPluginFromType<Derived>()|};
                kernel.ImportPluginFromType<OrderPlugin>();
            }
        }
        class Base
        {
            [KernelFunction] public string BasePublic() => "";
            [KernelFunction] protected string BaseProtected() => "";
            [KernelFunction] private string BasePrivate() => "";
            [KernelFunction] public static string BaseStatic() => "";
            [KernelFunction] public virtual string Virtual() => "";
        }
        class Derived : Base
        {
            [KernelFunction] public string Public() => "";
            [KernelFunction] private string Private() => "";
            [KernelFunction] internal string Internal() => "";
            [KernelFunction] public static string Static() => "";
            [KernelFunction] private static string PrivateStatic() => "";
            public override string Virtual() => "";
            public string Plain() => "";
        }
        {{Plugin("OrderPlugin", 13)}}
        """,
        OverCap(0, "21"));

    [Fact]
    public Task A_registration_under_a_condition_makes_the_count_a_worst_case() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build(bool beta)
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<OrderPlugin>();
                if (beta)
                {
                    builder.Plugins.AddFromType<BetaPlugin>();
                }

                return builder.Build();
            }
        }
        {{Plugin("OrderPlugin", 15)}}{{Plugin("BetaPlugin", 10)}}
        """,
        OverCap(0, "up to 25"));

    // A kernel field filled by two members holds both plugins only when both run.
    [Fact]
    public Task A_kernel_field_filled_by_several_members_is_a_worst_case() => VerifyAsync($$"""
        class Assistant
        {
            private readonly Kernel _kernel = {|#0:new Kernel()|};

            // Handed out to the chat code (a private kernel used only for direct calls would offer no functions).
            public Kernel Kernel => _kernel;

            public void EnableOrders() => _kernel.ImportPluginFromType<OrderPlugin>();

            public void EnableAccounts() => _kernel.ImportPluginFromType<AccountPlugin>();
        }
        {{Plugin("OrderPlugin", 11)}}{{Plugin("AccountPlugin", 11)}}
        """,
        OverCap(0, "up to 22"));

    [Fact]
    public Task An_object_of_a_type_that_may_be_derived_gives_a_lower_bound() => VerifyAsync($$"""
        class Startup
        {
            void Register(Kernel kernel, OrderPlugin orders)
            {
                {|#0:kernel.Plugins.AddFromObject(orders)|};
                kernel.Plugins.AddFromType<AccountPlugin>();
            }
        }
        {{Plugin("OrderPlugin", 11)}}{{Plugin("AccountPlugin", 10)}}
        """,
        OverCap(0, "at least 21"));

    // shuaihuadu/semantic-kernel-quickstart (ai-plugin-generator): a kernel built in a DI factory gets a class plugin and
    // prompt directories. Prompt plugins are not counted, so the count is a lower bound.
    [Fact]
    public Task Prompt_directory_plugins_make_the_count_a_lower_bound() => VerifyAsync($$"""
        using System;
        class Startup
        {
            Func<Kernel> Factory() => () =>
            {
                var builder = Kernel.CreateBuilder();
                Kernel kernel = {|#0:builder.Build()|};
                kernel.Plugins.AddFromType<MathPlugin>();
                kernel.ImportPluginFromPromptDirectory("Plugins/FunPlugin");
                return kernel;
            };
        }
        {{Plugin("MathPlugin", 21)}}
        """,
        OverCap(0, "at least 21"));

    // konghao8013/SemanticKernel2025 (SK18FunctionCallingReturn): the kernel's plugins are cleared before one is imported.
    // A kernel whose plugins are cleared or removed is not counted.
    [Fact]
    public Task A_cleared_kernel_is_not_counted() => VerifyAsync($$"""
        class Startup
        {
            void Register(Kernel kernel)
            {
                kernel.Plugins.Clear();
                kernel.ImportPluginFromType<WeatherPlugin>();
            }
        }
        {{Plugin("WeatherPlugin", 25)}}
        """);

    // The correct code next to the bug: a kernel at the cap, one kernel per area, and plain methods that are not functions.
    [Fact]
    public Task A_kernel_at_the_cap_and_separate_kernels_are_fine() => VerifyAsync($$"""
        class Startup
        {
            Kernel Orders()
            {
                var builder = Kernel.CreateBuilder();
                builder.Plugins.AddFromType<OrderPlugin>();
                builder.Plugins.AddFromType<AccountPlugin>();
                return builder.Build();
            }

            Kernel Email()
            {
                var builder = Kernel.CreateBuilder();
                builder.Plugins.AddFromType<EmailPlugin>();
                return builder.Build();
            }

            KernelPlugin Helpers() => KernelPluginFactory.CreateFromType<ManyHelpers>();
        }
        {{Plugin("OrderPlugin", 10)}}{{Plugin("AccountPlugin", 10)}}{{Plugin("EmailPlugin", 15)}}
        class ManyHelpers
        {
            [KernelFunction] public string One() => "";
            public string A() => ""; public string B() => ""; public string C() => ""; public string D() => "";
            public string E() => ""; public string F() => ""; public string G() => ""; public string H() => "";
            public string I() => ""; public string J() => ""; public string K() => ""; public string L() => "";
            public string M() => ""; public string N() => ""; public string O() => ""; public string P() => "";
            public string Q() => ""; public string R() => ""; public string S() => ""; public string T() => "";
            public string U() => "";
        }
        """);

    [Fact]
    public Task A_kernel_whose_plugins_are_removed_is_not_counted() => VerifyAsync($$"""
        class Startup
        {
            void Register(Kernel kernel)
            {
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                kernel.Plugins.Remove(kernel.Plugins["AccountPlugin"]);
            }
        }
        {{Plugin("OrderPlugin", 15)}}{{Plugin("AccountPlugin", 15)}}
        """);

    // CreatePluginFromType builds a plugin without registering it; a generic type parameter names no class.
    [Fact]
    public Task Unregistered_plugins_and_type_parameters_are_not_counted() => VerifyAsync($$"""
        class Startup
        {
            KernelPlugin Create(Kernel kernel) => kernel.CreatePluginFromType<OrderPlugin>();

            void Register<T>(Kernel kernel)
            {
                kernel.ImportPluginFromType<T>();
                kernel.ImportPluginFromType<AccountPlugin>();
            }
        }
        {{Plugin("OrderPlugin", 25)}}{{Plugin("AccountPlugin", 15)}}
        """);

    // A function list over the cap by itself is reported on the list (as before), not a second time on the kernel.
    [Fact]
    public Task A_function_list_over_the_cap_is_reported_once() => VerifyAsync($$"""
        class Startup
        {
            void Register(Kernel kernel, KernelFunction f)
            {
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromFunctions("many", {|#0:new[] { {{string.Join(", ", Enumerable.Repeat("f", 21))}} }|});
            }
        }
        {{Plugin("OrderPlugin", 5)}}
        """,
        OverCap(0, "21"));

    [Fact]
    public Task Function_lists_and_classes_add_up() => VerifyAsync($$"""
        class Startup
        {
            void Register(Kernel kernel, KernelFunction f)
            {
                {|#0:kernel.ImportPluginFromType<OrderPlugin>()|};
                kernel.ImportPluginFromFunctions("misc", new[] { {{string.Join(", ", Enumerable.Repeat("f", 10))}} });
            }
        }
        {{Plugin("OrderPlugin", 11)}}
        """,
        OverCap(0, "21"));

    // An MCP server's tools are served to whichever client connects; no request of this app is sent them, so the server
    // registration is not a catalog AIL0201 counts (see the rule page).
    [Fact]
    public Task MCP_server_tool_registrations_are_not_catalogs() => VerifyAsync($$"""
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Server;
        class Server
        {
            void Configure(IServiceCollection services) =>
                services.AddMcpServer().WithStdioServerTransport().WithTools<BigTools>().WithToolsFromAssembly();
        }
        [McpServerToolType]
        class BigTools
        {
        {{string.Concat(Enumerable.Range(1, 25).Select(i => $"    [McpServerTool] public static string Tool{i}() => \"{i}\";\n"))}}
        }
        """);

    // Registrations that do not bind count as unknown: the valid one is still counted, as a lower bound.
    [Fact]
    public Task Half_typed_registrations_do_not_crash() => VerifyAsync($$"""
        class Startup
        {
            void Register(Kernel kernel)
            {
                {|#0:kernel.Plugins.AddFromType<OrderPlugin>()|};
                kernel.ImportPluginFromType<{|CS0246:Missing|}>();
                kernel.Plugins.AddFromObject({|CS0103:missing|});
                kernel.Plugins.AddFromType<OrderPlugin>({|CS1503:42|});
            }
        }
        {{Plugin("OrderPlugin", 25)}}
        """,
        OverCap(0, "at least 25"));
}
