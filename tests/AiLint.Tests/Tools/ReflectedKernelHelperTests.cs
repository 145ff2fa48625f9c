using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A plugin-registration helper of the project reached through reflection with a constant name:
/// <c>typeof(PluginRegistration).GetMethod("RegisterPlugins")!.Invoke(null, new object[] { kernel })</c>. Semantic Kernel
/// samples and app hosts wire optional plugin modules this way; the helper's registrations on the kernel count at the
/// call as they do for a direct <c>PluginRegistration.RegisterPlugins(kernel)</c> (KernelPlugins.FillingHelpers).
/// </summary>
public class ReflectedKernelHelperTests
{
    private const string Usings = """
        using System;
        using System.Reflection;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = Usings + code, MarkupDiagnosticId = "AIL0201", CompilerDiagnostics = compilerDiagnostics,
        };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    /// <summary>A sealed plugin class with <paramref name="count"/> <c>[KernelFunction]</c> methods.</summary>
    private static string Plugin(string name, int count) =>
        $"sealed class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    private static string Plugins() => Plugin("OrderPlugin", 8) + Plugin("SearchPlugin", 7) + Plugin("MailPlugin", 7);

    // 8 on the kernel, 7 + 7 registered by the helper invoked by name: 22, as with a direct call.
    [Theory]
    [InlineData("typeof(PluginRegistration).GetMethod(\"RegisterPlugins\")!.Invoke(null, new object[] { kernel });")]
    [InlineData("typeof(PluginRegistration).GetMethod(nameof(PluginRegistration.RegisterPlugins))?.Invoke(null, new object?[] { kernel });")]
    [InlineData("var register = typeof(PluginRegistration).GetMethod(\"RegisterPlugins\")!; register.Invoke(null, new object[] { kernel });")]
    [InlineData("typeof(PluginRegistration).GetMethod(\"AddToCollection\")!.Invoke(null, new object[] { \"mail\", kernel.Plugins });")]
    public Task A_helper_invoked_by_a_constant_name_counts_like_a_direct_call(string invoke) => VerifyAsync($$"""
        static class KernelSetup
        {
            public static Kernel Create()
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                {{invoke}}
                return kernel;
            }
        }

        public static class PluginRegistration
        {
            public static void RegisterPlugins(Kernel kernel)
            {
                kernel.ImportPluginFromType<SearchPlugin>();
                kernel.ImportPluginFromType<MailPlugin>();
            }

            public static void AddToCollection(string name, KernelPluginCollection plugins)
            {
                plugins.AddFromType<SearchPlugin>();
                plugins.AddFromType<MailPlugin>(name);
            }
        }

        {{Plugins()}}
        """,
        OverCap(0, "22"));

    // The correct code beside it, and the invocations that do not run that helper: a name computed at run time, a name
    // two public overloads share (GetMethod throws), a private method (GetMethod finds none), a type of another assembly,
    // an argument array that does not match the helper's parameters (Invoke throws). The kernel keeps its own 8.
    [Theory]
    [InlineData("typeof(PluginRegistration).GetMethod(name)!.Invoke(null, new object[] { kernel });")]
    [InlineData("typeof(PluginRegistration).GetMethod(\"Overloaded\")!.Invoke(null, new object[] { kernel });")]
    [InlineData("typeof(PluginRegistration).GetMethod(\"Hidden\")?.Invoke(null, new object[] { kernel });")]
    [InlineData("typeof(string).GetMethod(\"RegisterPlugins\")?.Invoke(null, new object[] { kernel });")]
    [InlineData("typeof(PluginRegistration).GetMethod(\"RegisterPlugins\")!.Invoke(null, new object[] { kernel, 1 });")]
    [InlineData("typeof(PluginRegistration).GetMethod(\"RegisterSmall\")!.Invoke(null, new object[] { kernel });")]
    public Task Invocations_that_do_not_run_the_helper_add_nothing(string invoke) => VerifyAsync($$"""
        static class KernelSetup
        {
            public static Kernel Create(string name)
            {
                var kernel = new Kernel();
                kernel.ImportPluginFromType<OrderPlugin>();
                {{invoke}}
                return kernel;
            }
        }

        public static class PluginRegistration
        {
            public static void RegisterPlugins(Kernel kernel)
            {
                kernel.ImportPluginFromType<SearchPlugin>();
                kernel.ImportPluginFromType<MailPlugin>();
            }

            public static void RegisterSmall(Kernel kernel) => kernel.ImportPluginFromType<CalendarPlugin>();

            public static void Overloaded(Kernel kernel) => RegisterPlugins(kernel);

            public static void Overloaded(Kernel kernel, int times) => RegisterPlugins(kernel);

            private static void Hidden(Kernel kernel) => RegisterPlugins(kernel);
        }

        {{Plugins() + Plugin("CalendarPlugin", 4)}}
        """);

    // Half-typed invocations: no crash, no count.
    [Theory]
    [InlineData("typeof(PluginRegistration).GetMethod(\"RegisterPlugins\", ).Invoke(null, new object[] { kernel });")]
    [InlineData("typeof(Missing).GetMethod(\"RegisterPlugins\")!.Invoke(null, new object[] { kernel });")]
    [InlineData("typeof(PluginRegistration).GetMethod(\"RegisterPlugins\")!.Invoke(null, new object[] { undefined });")]
    [InlineData("typeof(PluginRegistration).GetMethod(\"RegisterPlugins\").Invoke(")]
    public Task Half_typed_invocations_count_nothing(string invoke) => VerifyAsync($$"""
        static class KernelSetup
        {
            public static Kernel Create()
            {
                var kernel = new Kernel();
                kernel.ImportPluginFromType<OrderPlugin>();
                {{invoke}}
                return kernel;
            }
        }

        public static class PluginRegistration
        {
            public static void RegisterPlugins(Kernel kernel)
            {
                kernel.ImportPluginFromType<SearchPlugin>();
                kernel.ImportPluginFromType<MailPlugin>();
            }
        }

        {{Plugins()}}
        """,
        CompilerDiagnostics.None);
}
