using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Tools;

/// <summary>
/// Semantic Kernel 1.82 offers a kernel's functions to the model only when the request's settings ask for it: with no
/// <c>FunctionChoiceBehavior</c> (and no OpenAI <c>ToolCallBehavior</c>) the connectors send no tool,
/// <c>Auto(functions: list)</c>/<c>Required(functions: list)</c> send that list only, and <c>None()</c> lets the model
/// call nothing. Checked against the connector's <c>GetFunctionCallingConfiguration</c> and
/// <c>FunctionChoiceBehavior.GetFunctions</c> in the 1.82 assemblies. AIL0201/AIL0202 must stay silent on kernels no
/// request offers whole, and keep reporting the ones it does.
/// </summary>
public class SemanticKernelFunctionChoiceTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, null, expected);

    private static Task VerifyAsync(string code, string? otherFile, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = Usings + code, MarkupDiagnosticId = "AIL0201" };
        if (otherFile != null)
        {
            test.Sources.Add(("/0/Other.cs", otherFile));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        CSharpAnalyzerVerifier<ToolCatalogAnalyzer>.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    private static string Plugin(string name, int count) =>
        $"class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    /// <summary>A console chat whose kernel holds 24 functions, asked with the given settings expression.</summary>
    private static string ChatWith(string settings, bool marked) => $$"""
        class Console
        {
            async Task<string?> AskAsync(string question)
            {
                var kernel = {{(marked ? "{|#0:" : "")}}Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", "key").Build(){{(marked ? "|}" : "")}};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var chat = kernel.GetRequiredService<IChatCompletionService>();
                var history = new ChatHistory();
                history.AddUserMessage(question);
                var reply = await chat.GetChatMessageContentAsync(history, {{settings}}, kernel);
                return reply.Content;
            }
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """;

    // ---- no request offers the kernel: silent ----

    // Shape of the chat samples that register plugins and call the chat service with default settings: nothing in the
    // project asks for function calling, so the model sees no tool.
    [Fact]
    public Task A_project_that_never_asks_for_function_choice_offers_no_kernel() =>
        VerifyAsync(ChatWith("new OpenAIPromptExecutionSettings { Temperature = 0 }", marked: false));

    [Fact]
    public Task None_lets_the_model_call_nothing() =>
        VerifyAsync(ChatWith("new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.None() }", marked: false));

    [Fact]
    public Task Auto_with_a_function_list_offers_that_list_only() =>
        VerifyAsync(ChatWith(
            "new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions: [kernel.Plugins.GetFunction(\"OrderPlugin\", \"OrderPlugin1\"), kernel.Plugins.GetFunction(\"AccountPlugin\", \"AccountPlugin2\")]) }",
            marked: false));

    [Fact]
    public Task Required_with_a_function_list_offers_that_list_only() =>
        VerifyAsync(ChatWith(
            "new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Required(kernel.Plugins[\"OrderPlugin\"].Take(3), autoInvoke: false) }",
            marked: false));

    // ---- a request offers the whole kernel: reported ----

    [Theory]
    [InlineData("new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }")]
    [InlineData("new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions: null) }")]
    [InlineData("new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Required(autoInvoke: false) }")]
    // Auto with options only, as sabbadino/winforms-mcp-designer's DrawerChatService builds its settings per model.
    [InlineData("new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(options: new() { AllowStrictSchemaAdherence = true }) }")]
    // The older OpenAI connector switch (the shape of MicrosoftDocs/learn's auto function calling module).
    [InlineData("new OpenAIPromptExecutionSettings { ToolCallBehavior = ToolCallBehavior.AutoInvokeKernelFunctions }")]
    [InlineData("new OpenAIPromptExecutionSettings { ToolCallBehavior = ToolCallBehavior.EnableKernelFunctions }")]
    public Task Settings_that_offer_every_function_keep_the_kernel_counted(string settings) =>
        VerifyAsync(ChatWith(settings, marked: true), OverCap(0, "24"));

    // The settings usually live apart from the kernel (a chat service given the kernel by the container): a kernel built in
    // Program is counted when any code of the project asks for automatic choice.
    [Fact]
    public Task Automatic_choice_in_another_file_keeps_the_kernel_counted() => VerifyAsync($$"""
        static class Startup
        {
            public static Kernel Build()
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<OrderPlugin>();
                builder.Plugins.AddFromType<AccountPlugin>();
                return builder.Build();
            }
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """,
        ToolTestCode.AutoFunctionChoiceFile,
        OverCap(0, "24"));

    // The project's files are walked for a choice only where their text spells one of its names (the shared words): a
    // choice spelled with a Unicode escape (\u0041uto is Auto) is still found, since such a file counts as spelling every
    // name; and a file that spells Auto only in a comment is walked and finds nothing.
    [Fact]
    public Task Automatic_choice_spelled_with_an_escape_in_another_file_keeps_the_kernel_counted() => VerifyAsync($$"""
        static class Startup
        {
            public static Kernel Build()
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<OrderPlugin>();
                builder.Plugins.AddFromType<AccountPlugin>();
                return builder.Build();
            }
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """,
        """
        using Microsoft.SemanticKernel;

        static class ChatSettings
        {
            public static readonly PromptExecutionSettings Auto = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.\u0041uto() };
        }
        """,
        OverCap(0, "24"));

    [Fact]
    public Task Auto_spelled_only_in_a_comment_offers_no_kernel() => VerifyAsync($$"""
        static class Startup
        {
            public static Kernel Build()
            {
                var builder = Kernel.CreateBuilder();
                builder.Plugins.AddFromType<OrderPlugin>();
                builder.Plugins.AddFromType<AccountPlugin>();
                return builder.Build();
            }
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """,
        """
        using Microsoft.SemanticKernel;

        static class ChatSettings
        {
            // Auto: the default settings below ask for no function choice (Required by nothing).
            public static readonly PromptExecutionSettings Default = new();
        }
        """);

    // ---- a kernel used only for prompts without settings ----

    // Shape of RogerBarreto/semantic-kernel-demos (Beginner-Hands-On, grounding prompts with plugins): plugins registered
    // so that the prompt template calls them ({{GetDateTime}}), prompts run with arguments but no execution settings. The
    // template engine calls the functions; the model is offered none, even though another part of the app uses Auto().
    [Fact]
    public Task A_kernel_used_only_for_prompts_without_settings_is_not_counted() => VerifyAsync($$$"""
        class Grounding
        {
            async Task RunAsync()
            {
                var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", "key").Build();
                var bulb = new LightBulbPlugin();
                kernel.Plugins.AddFromObject(bulb);
                kernel.Plugins.AddFromType<TimePlugin>();
                var arguments = new KernelArguments { ["name"] = "Roger" };
                await foreach (var token in kernel.InvokePromptStreamingAsync("At {{GetDateTime}} {{$name}} saw the light {{GetStatus}}.", arguments))
                {
                    System.Console.Write(token);
                }

                var summary = await kernel.InvokePromptAsync("Summarise the day of {{$name}}.", new KernelArguments { ["name"] = "Roger" });
                var plain = await kernel.InvokePromptAsync<string>("Say hello.");
                System.Console.WriteLine(summary.ToString() + plain);
            }
        }
        {{{Plugin("LightBulbPlugin", 12)}}}{{{Plugin("TimePlugin", 12)}}}
        """,
        ToolTestCode.AutoFunctionChoiceFile);

    // Its positive neighbours: the same prompts given settings (inline, or set on the arguments later) offer the kernel.
    [Fact]
    public Task A_prompt_given_settings_keeps_the_kernel_counted() => VerifyAsync($$$"""
        class Grounding
        {
            async Task RunAsync(PromptExecutionSettings settings)
            {
                var kernel = {|#0:Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", "key").Build()|};
                kernel.Plugins.AddFromObject(new LightBulbPlugin());
                kernel.Plugins.AddFromType<TimePlugin>();
                await kernel.InvokePromptAsync("Turn the light on.", new KernelArguments(settings));
            }

            async Task LaterAsync(PromptExecutionSettings settings)
            {
                var kernel = {|#1:Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", "key").Build()|};
                kernel.Plugins.AddFromType<LightBulbPlugin>();
                kernel.Plugins.AddFromType<TimePlugin>();
                var arguments = new KernelArguments { ["name"] = "Roger" };
                arguments.ExecutionSettings = new Dictionary<string, PromptExecutionSettings> { ["default"] = settings };
                await kernel.InvokePromptAsync("Turn the light on for {{$name}}.", arguments);
            }
        }
        {{{Plugin("LightBulbPlugin", 12)}}}{{{Plugin("TimePlugin", 12)}}}
        """,
        ToolTestCode.AutoFunctionChoiceFile,
        OverCap(0, "24"),
        OverCap(1, "24"));

    // ---- AIL0202: a kernel plugin from a whole MCP server, in a project that never offers kernels ----

    [Fact]
    public async Task An_mcp_plugin_on_a_kernel_no_request_offers_is_not_reported()
    {
        var code = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using ModelContextProtocol.Client;

            class Assistant
            {
                async Task<FunctionResult> Register(Kernel kernel, McpClient mcp)
                {
                    var tools = await mcp.ListToolsAsync();
                    kernel.Plugins.AddFromFunctions("github", tools.Select(t => t.AsKernelFunction()));
                    return await kernel.InvokeAsync("github", "search_issues");
                }
            }
            """;
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = code };
        await test.RunAsync();

        // The same registration in a project that asks for automatic choice is reported.
        var reported = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = code.Replace("AddFromFunctions(\"github\", tools.Select(t => t.AsKernelFunction()))", "AddFromFunctions(\"github\", {|#0:tools.Select(t => t.AsKernelFunction())|})", StringComparison.Ordinal),
            MarkupDiagnosticId = "AIL0202",
        };
        reported.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        reported.ExpectedDiagnostics.Add(CSharpAnalyzerVerifier<ToolCatalogAnalyzer>.Diagnostic("AIL0202").WithLocation(0)
            .WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20));
        await reported.RunAsync();
    }

    // ---- half-typed code ----

    [Fact]
    public Task A_misspelt_or_half_typed_function_choice_is_no_evidence_and_does_not_crash() => VerifyAsync(
        ChatWith("new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.{|CS0117:Automatic|}() }", marked: false),
        """
        using Microsoft.SemanticKernel;

        static class Other
        {
            static readonly PromptExecutionSettings Broken = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto({|CS0103:missingFunctions|}) };
            static readonly object Unknown = {|CS0103:ToolCallBehavior|}.AutoInvokeKernelFunctions;
        }
        """);
}
