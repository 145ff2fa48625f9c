using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Tools;

/// <summary>
/// review83 tombly/ancela: a project whose only function choice is <c>FunctionChoiceBehavior.Auto(functions:
/// kernel.Plugins.SelectMany(p =&gt; p).Where(f =&gt; allowedNames is null || ...).ToList())</c>. With the chat profile's null
/// switch that list is every function of the kernel, so the project offers a whole kernel as <c>Auto()</c> does and its
/// kernel's plugins are counted. A filter without the null escape, <c>Take</c>, or one plugin's functions stay selections.
/// </summary>
public class KernelWideFunctionListTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = Usings + code, MarkupDiagnosticId = "AIL0201", CompilerDiagnostics = compilerDiagnostics };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        CSharpAnalyzerVerifier<ToolCatalogAnalyzer>.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    private static string Plugin(string name, int count) =>
        $"sealed class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    /// <summary>
    /// ancela's KernelFactory.Create and Agent.InvokeKernelAsync, reduced: the kernel is built in one type with 24
    /// functions, and another type asks with the given <c>functions</c> list (<c>allowedNames</c> is the profile's switch).
    /// </summary>
    private static string AgentWith(string functions, bool marked) => $$"""
        static class KernelFactory
        {
            public static Kernel Create()
            {
                var builder = {{(marked ? "{|#0:" : "")}}Kernel.CreateBuilder(){{(marked ? "|}" : "")}};
                builder.AddOpenAIChatCompletion("gpt-4o-mini", "key");
                builder.Plugins.AddFromType<CalendarPlugin>();
                builder.Plugins.AddFromType<MailPlugin>();
                return builder.Build();
            }
        }

        sealed class Agent(Kernel kernel)
        {
            public async Task<string?> InvokeKernelAsync(ChatHistory history, IReadOnlyCollection<string>? allowedNames)
            {
                var chat = kernel.GetRequiredService<IChatCompletionService>();
                var settings = new PromptExecutionSettings
                {
                    FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions: {{functions}}),
                };
                var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
                return reply.Content;
            }
        }
        {{Plugin("CalendarPlugin", 12)}}{{Plugin("MailPlugin", 12)}}
        """;

    // The last row, `functions: null`, is the shape the gate already took: the lists above must read the same.
    [Theory]
    // ancela's own list: the chat profile passes allowedNames = null, so every function is offered.
    [InlineData("kernel.Plugins.SelectMany(p => p).Where(f => allowedNames is null || allowedNames.Contains(f.Name)).ToList()")]
    [InlineData("kernel.Plugins.SelectMany(p => p).Where(f => allowedNames == null || allowedNames.Contains(f.Name)).ToArray()")]
    [InlineData("kernel.Plugins.SelectMany(p => p).Where(f => allowedNames.Contains(f.Name) || allowedNames is null)")]
    [InlineData("kernel.Plugins.SelectMany(p => p).ToList()")]
    [InlineData("kernel.Plugins.SelectMany(plugin => plugin)")]
    [InlineData("null")]
    public Task Every_function_of_the_kernel_as_the_list_counts_as_automatic_choice(string functions) =>
        VerifyAsync(AgentWith(functions, marked: true), OverCap(0, "24"));

    // ancela's real spelling (Agent.InvokeKernelAsync): the list held in a local written once, and a second filter that
    // lets everything by for the owner.
    [Fact]
    public Task A_list_held_in_a_local_with_a_flag_filter_counts_as_automatic_choice() => VerifyAsync(
        AgentWith("advertised", marked: true).Replace(
            "var chat = kernel.GetRequiredService<IChatCompletionService>();",
            """
            var chat = kernel.GetRequiredService<IChatCompletionService>();
                    var isOwner = history.Count > 0;
                    var advertised = kernel.Plugins
                        .SelectMany(plugin => plugin)
                        .Where(f => allowedNames is null || allowedNames.Contains(f.Name))
                        .Where(f => isOwner || !f.Name.StartsWith("Send"))
                        .ToList();
            """),
        OverCap(0, "24"));

    // The same local written twice is not one list: the gate stays closed.
    [Fact]
    public Task A_local_written_twice_is_no_evidence() => VerifyAsync(
        AgentWith("advertised", marked: false).Replace(
            "var chat = kernel.GetRequiredService<IChatCompletionService>();",
            """
            var chat = kernel.GetRequiredService<IChatCompletionService>();
                    var advertised = kernel.Plugins.SelectMany(plugin => plugin).ToList();
                    advertised = advertised.Take(3).ToList();
            """));

    [Theory]
    // A filter that can never let everything by is a selection.
    [InlineData("kernel.Plugins.SelectMany(p => p).Where(f => allowedNames!.Contains(f.Name)).ToList()")]
    [InlineData("kernel.Plugins.SelectMany(p => p).Where(f => f.Name.StartsWith(\"Calendar\")).ToList()")]
    [InlineData("kernel.Plugins.SelectMany(p => p).Take(5).ToList()")]
    [InlineData("kernel.Plugins[\"CalendarPlugin\"].ToList()")]
    [InlineData("[kernel.Plugins.GetFunction(\"CalendarPlugin\", \"CalendarPlugin1\")]")]
    public Task A_selection_of_the_kernel_s_functions_keeps_the_project_gate_closed(string functions) =>
        VerifyAsync(AgentWith(functions, marked: false));

    [Fact]
    public Task A_half_typed_list_is_no_evidence_and_does_not_crash() => VerifyAsync(
        AgentWith("kernel.Plugins.SelectMany(p => p).Where(missingFilter).ToList()", marked: false),
        CompilerDiagnostics.None);
}
