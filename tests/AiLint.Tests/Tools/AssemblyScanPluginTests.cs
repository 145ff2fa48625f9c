using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Tools;
using AiLint.CodeFixes.Rules.Tools;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Tools;

/// <summary>
/// Semantic Kernel plugins imported by scanning an assembly's types (every class with a <c>[KernelFunction]</c> method
/// becomes a plugin of a kernel offered whole with <c>FunctionChoiceBehavior.Auto()</c>), as plugin registrars of public
/// apps write them; next to them the fixed type lists, capped scans and scans that never reach a kernel.
/// </summary>
public class AssemblyScanPluginTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Reflection;
        using Microsoft.SemanticKernel;

        """;

    private const string Plugins = """

        public sealed class BudgetTools
        {
            [KernelFunction] public string Budget(string input) => input;
        }

        public sealed class RateTools
        {
            [KernelFunction] public string Rate(string input) => input;
        }
        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = Usings + code + Plugins, MarkupDiagnosticId = "AIL0202", CompilerDiagnostics = compilerDiagnostics };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Scan(int location, string call) =>
        new DiagnosticResult(Descriptors.AIL0202ReflectedProjectType).WithLocation(location)
            .WithArguments($"reflection over an assembly's types ('{call}')", 20, "every class with a [KernelFunction] method added to the assembly");

    // The registrar of the repro: a filtered scan held in a local, one plugin per type, on a kernel handed in.
    [Fact]
    public Task A_registrar_importing_every_plugin_class_of_an_assembly_is_reported() => VerifyAsync("""
        public static class KernelPluginRegistrar
        {
            public static void ImportPluginsFromAssembly(Kernel kernel, Assembly assembly)
            {
                var pluginTypes = assembly.GetTypes().Where(IsKernelPluginType).ToList();
                foreach (var pluginType in {|#0:pluginTypes|})
                {
                    var pluginInstance = Activator.CreateInstance(pluginType);
                    if (pluginInstance == null) continue;
                    kernel.ImportPluginFromObject(pluginInstance, pluginType.Name);
                }
            }

            private static bool IsKernelPluginType(Type type) =>
                type.IsClass && !type.IsAbstract
                && type.GetMethods().Any(m => m.GetCustomAttribute<KernelFunctionAttribute>() != null);
        }
        """,
        Scan(0, "assembly.GetTypes()"));

    // The inline forms: the executing assembly, typeof(X).Assembly, exported types, the builder's plugin collection.
    [Fact]
    public Task Inline_scans_of_an_assembly_are_reported() => VerifyAsync("""
        public sealed class Startup
        {
            public Kernel Build()
            {
                var kernel = Kernel.CreateBuilder().Build();
                foreach (var t in {|#0:Assembly.GetExecutingAssembly().GetTypes().Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<KernelFunctionAttribute>() != null))|})
                {
                    kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                }

                return kernel;
            }

            public Kernel BuildExported()
            {
                var builder = Kernel.CreateBuilder();
                foreach (var t in {|#1:typeof(Startup).Assembly.GetExportedTypes()|})
                {
                    builder.Plugins.AddFromObject(Activator.CreateInstance(t)!, t.Name);
                }

                return builder.Build();
            }

            public Kernel BuildFromFactory()
            {
                var kernel = Kernel.CreateBuilder().Build();
                foreach (var t in {|#2:typeof(Startup).Assembly.GetTypes()|})
                {
                    kernel.Plugins.Add(KernelPluginFactory.CreateFromType(t));
                }

                return kernel;
            }
        }
        """,
        Scan(0, "Assembly.GetExecutingAssembly().GetTypes()"),
        Scan(1, "typeof(Startup).Assembly.GetExportedTypes()"),
        Scan(2, "typeof(Startup).Assembly.GetTypes()"));

    // Quiet twins: the types listed by hand, a scan capped within the cap (or by a configured number), and scans whose
    // types never become plugins (their names used only), and a scan filtered against a fixed list of type names.
    [Fact]
    public Task Fixed_type_lists_capped_scans_and_scans_that_reach_no_kernel_are_not_reported() => VerifyAsync("""
        public sealed class Startup
        {
            public int Max { get; set; } = 50;

            public Kernel Fixed()
            {
                var kernel = Kernel.CreateBuilder().Build();
                foreach (var t in new[] { typeof(BudgetTools), typeof(RateTools) })
                {
                    kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                }

                return kernel;
            }

            public Kernel Capped()
            {
                var kernel = Kernel.CreateBuilder().Build();
                foreach (var t in typeof(Startup).Assembly.GetTypes().Where(t => t.IsClass).Take(10))
                {
                    kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                }

                foreach (var t in typeof(Startup).Assembly.GetTypes().Take(Max))
                {
                    kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                }

                return kernel;
            }

            private static readonly string[] Allowed = ["BudgetTools", "RateTools"];

            public Kernel AllowListed()
            {
                var kernel = Kernel.CreateBuilder().Build();
                foreach (var t in typeof(Startup).Assembly.GetTypes().Where(t => Allowed.Contains(t.Name)))
                {
                    kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                }

                return kernel;
            }

            public List<string> NamesOnly()
            {
                var kernel = Kernel.CreateBuilder().Build();
                var names = new List<string>();
                foreach (var t in typeof(Startup).Assembly.GetTypes())
                {
                    names.Add(t.Name);
                    kernel.ImportPluginFromObject(new BudgetTools(), t.Name);
                }

                return names;
            }
        }
        """);

    // A scan over the cap stays reported: Take(50) is no cap when the configured cap is 20.
    [Fact]
    public Task A_scan_capped_above_the_cap_is_reported() => VerifyAsync("""
        public sealed class Startup
        {
            public Kernel Build()
            {
                var kernel = Kernel.CreateBuilder().Build();
                foreach (var t in {|#0:typeof(Startup).Assembly.GetTypes().Take(50)|})
                {
                    kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                }

                return kernel;
            }
        }
        """,
        Scan(0, "typeof(Startup).Assembly.GetTypes()"));

    // A reassigned local is no longer the scan alone.
    [Fact]
    public Task A_scan_local_capped_later_is_not_reported() => VerifyAsync("""
        public sealed class Startup
        {
            public Kernel Build()
            {
                var kernel = Kernel.CreateBuilder().Build();
                var types = typeof(Startup).Assembly.GetTypes().ToList();
                types = types.Take(5).ToList();
                foreach (var t in types)
                {
                    kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                }

                return kernel;
            }
        }
        """);

    // Half-typed: an unresolved assembly, a missing registration method, a loop still being written.
    [Fact]
    public Task Half_typed_scans_do_not_crash_or_report() => VerifyAsync("""
        public sealed class Startup
        {
            public void Build(Kernel kernel)
            {
                foreach (var t in missingAssembly.GetTypes())
                {
                    kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                }

                foreach (var t in typeof(Startup).Assembly.GetTypes())
                {
                    kernel.ImportPluginFromMissing(Activator.CreateInstance(t)!);
                }

                foreach (var t in typeof(Startup).Assembly.GetTypes())
                {
                    kernel.ImportPluginFromObject(
                }
            }
        }
        """,
        CompilerDiagnostics.None);
    // The fix caps the scan where it enters the loop, as for any other source.
    [Fact]
    public Task The_fix_caps_the_scan_at_the_loop() => new CodeFixTest<ToolCatalogAnalyzer, CapToolSourceCodeFixProvider>
    {
        TestCode = Usings + """
            public sealed class Startup
            {
                public Kernel Build()
                {
                    var kernel = Kernel.CreateBuilder().Build();
                    foreach (var t in [|typeof(Startup).Assembly.GetTypes()|])
                    {
                        kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                    }

                    return kernel;
                }
            }
            """ + Plugins,
        FixedCode = Usings + """
            public sealed class Startup
            {
                public Kernel Build()
                {
                    var kernel = Kernel.CreateBuilder().Build();
                    foreach (var t in typeof(Startup).Assembly.GetTypes().Take(20))
                    {
                        kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);
                    }

                    return kernel;
                }
            }
            """ + Plugins,
        MarkupDiagnosticId = "AIL0202",
        CodeActionEquivalenceKey = CapToolSourceCodeFixProvider.EquivalenceKey,
        Sources = { ("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile) },
        FixedSources = { ("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile) },
    }.RunAsync();
}
