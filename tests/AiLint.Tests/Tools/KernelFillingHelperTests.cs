using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Semantic Kernel plugins added by a helper of the project that is handed the kernel, its builder or its plugin
/// collection (<c>AddPlugins(kernel)</c> with <c>static void AddPlugins(Kernel k) { k.Plugins.AddFromType&lt;A&gt;(); ... }</c>,
/// <c>Register(IKernelBuilder b)</c>, <c>AddMail(KernelPluginCollection plugins)</c>): the helper's registrations on its
/// parameter are read as made at the call, one level deep, as a tool list's filling helper is, and summed with the
/// kernel's own plugins.
/// </summary>
public class KernelFillingHelperTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected) =>
        VerifyAsync(code, compilerDiagnostics, OutputKind.DynamicallyLinkedLibrary, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, OutputKind outputKind, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = Usings + code, MarkupDiagnosticId = "AIL0201", CompilerDiagnostics = compilerDiagnostics, OutputKind = outputKind,
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

    private static string Plugins() =>
        Plugin("OrderPlugin", 8) + Plugin("SearchPlugin", 7) + Plugin("MailPlugin", 7) + Plugin("CalendarPlugin", 4);

    // ---- counted ----

    // 8 on the builder, 7 + 7 added by a void helper given the built kernel: one kernel of 22 functions.
    [Fact]
    public Task Plugins_added_by_a_void_helper_given_the_kernel_add_up_with_the_builders() => VerifyAsync($$"""
        static class KernelSetup
        {
            public static Kernel Create()
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<OrderPlugin>();
                var kernel = builder.Build();
                AddPlugins(kernel);
                return kernel;
            }

            static void AddPlugins(Kernel k)
            {
                k.Plugins.AddFromType<SearchPlugin>();
                k.ImportPluginFromObject(new MailPlugin());
            }
        }

        {{Plugins()}}
        """,
        OverCap(0, "22"));

    // A builder helper and a plugin-collection helper of another class, each under the cap, on one kernel with a plugin
    // of its own: 4 + 15 + 7.
    [Fact]
    public Task Builder_and_plugin_collection_helpers_of_another_class_add_up() => VerifyAsync($$"""
        static class PluginRegistration
        {
            public static void Register(IKernelBuilder b)
            {
                b.Plugins.AddFromType<OrderPlugin>();
                b.Plugins.AddFromType<SearchPlugin>();
            }

            public static void AddMail(KernelPluginCollection plugins) => plugins.AddFromType<MailPlugin>();
        }

        sealed class Assistant
        {
            private readonly Kernel _kernel;

            public Assistant()
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<CalendarPlugin>();
                PluginRegistration.Register(builder);
                var kernel = builder.Build();
                PluginRegistration.AddMail(kernel.Plugins);
                _kernel = kernel;
            }

            public Kernel Kernel => _kernel;
        }

        {{Plugins()}}
        """,
        OverCap(0, "26"));

    // A local function of a top-level program, called under an if: "up to".
    [Fact]
    public Task A_local_function_called_under_an_if_makes_the_count_up_to() => VerifyAsync($$"""
        var kernel = {|#0:new Kernel()|};
        kernel.ImportPluginFromType<OrderPlugin>();
        kernel.ImportPluginFromType<CalendarPlugin>();
        if (args.Length > 0)
        {
            AddSearch(kernel);
        }

        Console.WriteLine(kernel.Plugins.Count);

        static void AddSearch(Kernel k)
        {
            k.ImportPluginFromType<SearchPlugin>();
            k.ImportPluginFromType<MailPlugin>();
        }

        {{Plugins()}}
        """,
        CompilerDiagnostics.Errors,
        OutputKind.ConsoleApplication,
        OverCap(0, "up to 26"));

    // ---- quiet twins and bounds ----

    // A fixed small helper: 8 + 4 functions.
    [Fact]
    public Task A_small_helper_keeps_the_kernel_under_the_cap() => VerifyAsync($$"""
        static class KernelSetup
        {
            public static Kernel Create()
            {
                var kernel = new Kernel();
                kernel.ImportPluginFromType<OrderPlugin>();
                AddCalendar(kernel);
                return kernel;
            }

            static void AddCalendar(Kernel k) => k.Plugins.AddFromType<CalendarPlugin>();
        }

        {{Plugins()}}
        """);

    // Helpers in the if and else of one statement never both run: each branch is 15 or 15, not 22.
    [Fact]
    public Task Helpers_in_exclusive_branches_are_counted_one_branch_at_a_time() => VerifyAsync($$"""
        static class KernelSetup
        {
            public static Kernel Create(bool support)
            {
                var kernel = new Kernel();
                kernel.ImportPluginFromType<OrderPlugin>();
                if (support)
                {
                    AddSearch(kernel);
                }
                else
                {
                    AddMail(kernel);
                }

                return kernel;
            }

            static void AddSearch(Kernel k) => k.ImportPluginFromType<SearchPlugin>();

            static void AddMail(Kernel k) => k.ImportPluginFromType<MailPlugin>();
        }

        {{Plugins()}}
        """);

    // A helper the kernel is handed that registers nothing (it only runs a prompt) is read too: the count stays exact.
    [Fact]
    public Task A_helper_that_only_uses_the_kernel_keeps_the_count_exact() => VerifyAsync($$"""
        static class KernelSetup
        {
            public static async Task<string> AskAsync(string question)
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<SearchPlugin>();
                kernel.ImportPluginFromType<MailPlugin>();
                return await RunAsync(kernel, question);
            }

            static async Task<string> RunAsync(Kernel k, string question) =>
                (await k.InvokePromptAsync(question, new KernelArguments(ChatSettings.Auto))).ToString();
        }

        {{Plugins()}}
        """,
        OverCap(0, "22"));

    // A helper that hands the kernel on to a further helper may add anything there: "at least" what was seen.
    [Fact]
    public Task A_helper_that_hands_the_kernel_on_gives_a_lower_bound() => VerifyAsync($$"""
        static class KernelSetup
        {
            public static Kernel Create()
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<SearchPlugin>();
                AddMore(kernel);
                return kernel;
            }

            static void AddMore(Kernel k)
            {
                k.ImportPluginFromType<MailPlugin>();
                Scanner.AddAll(k);
            }
        }

        static class Scanner
        {
            public static void AddAll(Kernel k)
            {
                foreach (var type in {|#1:typeof(Scanner).Assembly.GetTypes()|})
                {
                    k.Plugins.AddFromObject(Activator.CreateInstance(type)!, type.Name);
                }
            }
        }

        {{Plugins()}}
        """,
        OverCap(0, "at least 22"),
        // The scanner registers every class of the assembly as a plugin: an unbounded catalog of its own (AssemblyScanPluginTests).
        new DiagnosticResult(AiLint.Analyzers.Descriptors.AIL0202ReflectedProjectType).WithLocation(1).WithArguments(
            "reflection over an assembly's types ('typeof(Scanner).Assembly.GetTypes()')", 20, "every class with a [KernelFunction] method added to the assembly"));

    // A helper whose own registrations pass the cap is reported there, on its first registration, and not again at the call.
    [Fact]
    public Task A_helper_over_the_cap_by_itself_is_reported_once_in_the_helper() => VerifyAsync($$"""
        static class KernelSetup
        {
            public static Kernel Create()
            {
                var kernel = new Kernel();
                kernel.ImportPluginFromType<CalendarPlugin>();
                AddAll(kernel);
                return kernel;
            }

            static void AddAll(Kernel k)
            {
                {|#0:k.ImportPluginFromType<OrderPlugin>()|};
                k.ImportPluginFromType<SearchPlugin>();
                k.ImportPluginFromType<MailPlugin>();
            }
        }

        {{Plugins()}}
        """,
        OverCap(0, "22"));

    // ---- half-typed code ----

    [Fact]
    public Task Half_typed_helpers_do_not_crash_or_report() => VerifyAsync($$"""
        static class KernelSetup
        {
            public static Kernel Create()
            {
                var kernel = new Kernel();
                kernel.ImportPluginFromType<OrderPlugin>();
                AddMissing(kernel);
                AddBroken(kernel);
                AddBroken(kernel.Plugins, );
                return kernel;
            }

            static void AddBroken(Kernel k)
            {
                k.ImportPluginFromType<MissingPlugin>();
                k.Plugins.AddFromType<SearchPlugin>(
            }
        }

        {{Plugins()}}
        """,
        CompilerDiagnostics.None);
}
