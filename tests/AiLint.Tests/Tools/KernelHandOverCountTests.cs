using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// review85 JD.AI probe: a kernel whose counted plugins are over the cap is also handed to code of the project that may
/// register more (an assembly scanner, a plugin's constructor). AIL0201 then says "at least N": N is what AiLint saw
/// registered, not all the kernel may hold. Handed only to Semantic Kernel itself (a request, a prompt), the count stays exact.
/// </summary>
public class KernelHandOverCountTests
{
    private const string Usings = """
        using System;
        using System.Reflection;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = Usings + code, MarkupDiagnosticId = "AIL0201", CompilerDiagnostics = compilerDiagnostics };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    /// <summary>A plugin class with <paramref name="count"/> <c>[KernelFunction]</c> methods.</summary>
    private static string Plugin(string name, int count, string constructor = "") =>
        $"sealed class {name}\n{{\n{constructor}"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    /// <summary>JD.AI's assembly scanner, reduced: it registers every plugin class it finds, by reflection.</summary>
    private const string Scanner = """
        static class ToolAssemblyScanner
        {
            public static void RegisterStaticPlugins(Kernel kernel, Assembly assembly)
            {
                foreach (var type in assembly.GetTypes())
                {
                    if (type.Name.EndsWith("Tools", StringComparison.Ordinal) && type.GetConstructor(Type.EmptyTypes) != null)
                    {
                        kernel.Plugins.AddFromObject(Activator.CreateInstance(type)!, type.Name);
                    }
                }
            }
        }

        """;

    // JD.AI's ToolRegistrar.RegisterAll, reduced: 11 + 10 counted functions, the kernel also given to the scanner and
    // to a plugin's constructor (which can import plugins of its own).
    [Fact]
    public Task A_kernel_also_handed_to_project_code_is_counted_as_a_lower_bound() => VerifyAsync($$"""
        static class ToolRegistrar
        {
            public static void RegisterAll(Kernel kernel)
            {
                ToolAssemblyScanner.RegisterStaticPlugins(kernel, typeof(TaskTools).Assembly);
                {|#0:kernel.Plugins.AddFromObject(new TaskTools(), "tasks")|};
                kernel.Plugins.AddFromObject(new SchedulerTools(), "scheduler");
            }
        }

        static class LocalRegistrar
        {
            public static Kernel Build()
            {
                var kernel = {|#1:new Kernel()|};
                kernel.ImportPluginFromObject(new TaskTools(), "tasks");
                kernel.ImportPluginFromObject(new CapabilityTools(kernel), "capabilities");
                return kernel;
            }
        }

        {{Scanner}}{{Plugin("TaskTools", 11)}}{{Plugin("SchedulerTools", 10)}}
        {{Plugin("CapabilityTools", 10, "    public CapabilityTools(Kernel kernel) => kernel.ImportPluginFromObject(new SchedulerTools(), \"more\");\n")}}
        """,
        OverCap(0, "at least 21"),
        OverCap(1, "at least 21"),
        // The scanner itself registers every plugin class of an assembly on a kernel of a project that lets the model
        // choose functions: an unbounded catalog (AIL0202, AssemblyScanPluginTests), at its loop's collection.
        new DiagnosticResult(AiLint.Analyzers.Descriptors.AIL0202ReflectedProjectType).WithSpan(31, 30, 31, 49).WithArguments(
            "reflection over an assembly's types ('assembly.GetTypes()')", 20, "every class with a [KernelFunction] method added to the assembly"));

    // The correct count beside it: the kernel is only registered on and used by Semantic Kernel (a chat request, a
    // prompt); nothing else can add to it, so the count is exact.
    [Fact]
    public Task A_kernel_used_only_by_semantic_kernel_keeps_the_exact_count() => VerifyAsync($$"""
        sealed class Assistant(IChatCompletionService chat)
        {
            public async Task<string> AskAsync(string question)
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromObject(new TaskTools(), "tasks");
                kernel.ImportPluginFromObject(new SchedulerTools(), "scheduler");
                var history = new ChatHistory(question);
                var reply = await chat.GetChatMessageContentAsync(history, ChatSettings.Auto, kernel);
                var summary = await kernel.InvokePromptAsync("Summarise: " + reply.Content);
                return summary.ToString();
            }
        }

        {{Plugin("TaskTools", 11)}}{{Plugin("SchedulerTools", 10)}}
        """,
        OverCap(0, "21"));

    // Half-typed: the helper the kernel is handed to does not exist yet. No crash; an unresolved call says nothing
    // about the kernel, so the count stays what was seen.
    [Fact]
    public Task Half_typed_hand_over_does_not_crash() => VerifyAsync($$"""
        static class ToolRegistrar
        {
            public static void RegisterAll(Kernel kernel)
            {
                ToolScanner.RegisterStaticPlugins(kernel);
                {|#0:kernel.Plugins.AddFromObject(new TaskTools(), "tasks")|};
                kernel.Plugins.AddFromObject(new SchedulerTools(), "scheduler");
            }
        }

        {{Plugin("TaskTools", 11)}}{{Plugin("SchedulerTools", 10)}}
        """,
        CompilerDiagnostics.None,
        OverCap(0, "21"));
}
