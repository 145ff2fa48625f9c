using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Tools;

/// <summary>
/// Semantic Kernel shapes where the plugins of a kernel, summed, pass the cap but no single request offers the model
/// that many functions. AIL0201 fails builds, so these must stay silent.
/// </summary>
public class KernelTotalFalsePositiveTests
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

    private static DiagnosticResult Diagnostic(int location, string count) =>
        CSharpAnalyzerVerifier<ToolCatalogAnalyzer>.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    private static string Plugin(string name, int count) =>
        $"class {name}\n{{\n"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"    [KernelFunction] public string {name}{i}() => \"{i}\";\n"))
        + "}\n";

    // One mode or the other: the kernel never holds both plugins.
    [Fact]
    public Task Plugins_in_the_branches_of_one_if_else_are_not_summed() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build(bool support)
            {
                var builder = Kernel.CreateBuilder();
                builder.Plugins.AddFromType<CorePlugin>();
                if (support)
                {
                    builder.Plugins.AddFromType<SupportPlugin>();
                }
                else
                {
                    builder.Plugins.AddFromType<SalesPlugin>();
                }

                return builder.Build();
            }
        }
        {{Plugin("CorePlugin", 5)}}{{Plugin("SupportPlugin", 12)}}{{Plugin("SalesPlugin", 12)}}
        """);

    [Fact]
    public Task Plugins_in_the_sections_of_one_switch_are_not_summed() => VerifyAsync($$"""
        enum Mode { Support, Sales, Billing }
        class Startup
        {
            void Register(Kernel kernel, Mode mode)
            {
                switch (mode)
                {
                    case Mode.Support:
                        kernel.ImportPluginFromType<SupportPlugin>();
                        break;
                    case Mode.Sales:
                        kernel.ImportPluginFromType<SalesPlugin>();
                        break;
                    default:
                        kernel.ImportPluginFromType<BillingPlugin>();
                        break;
                }
            }
        }
        {{Plugin("SupportPlugin", 12)}}{{Plugin("SalesPlugin", 12)}}{{Plugin("BillingPlugin", 12)}}
        """);

    // A clone per request, each scenario adding its own plugin: each clone is a kernel of its own.
    [Fact]
    public Task Clones_per_scenario_are_separate_kernels() => VerifyAsync($$"""
        class Assistant
        {
            private readonly Kernel _kernel;

            public Assistant(Kernel kernel) => _kernel = kernel;

            public Task<FunctionResult> SupportAsync(string question)
            {
                var kernel = _kernel.Clone();
                kernel.ImportPluginFromType<SupportPlugin>();
                return kernel.InvokePromptAsync(question, new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
            }

            public Task<FunctionResult> SalesAsync(string question)
            {
                var kernel = _kernel.Clone();
                kernel.ImportPluginFromType<SalesPlugin>();
                return kernel.InvokePromptAsync(question, new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
            }
        }
        {{Plugin("SupportPlugin", 12)}}{{Plugin("SalesPlugin", 12)}}
        """);

    [Fact]
    public Task An_else_if_chain_counts_one_mode_at_a_time() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build(string mode)
            {
                var kernel = new Kernel();
                kernel.ImportPluginFromType<CorePlugin>();
                if (mode == "support")
                    kernel.ImportPluginFromType<SupportPlugin>();
                else if (mode == "sales")
                    kernel.ImportPluginFromType<SalesPlugin>();
                else
                    kernel.ImportPluginFromType<BillingPlugin>();
                return kernel;
            }
        }
        {{Plugin("CorePlugin", 5)}}{{Plugin("SupportPlugin", 12)}}{{Plugin("SalesPlugin", 12)}}{{Plugin("BillingPlugin", 12)}}
        """);

    // The positive neighbours: a branch that alone passes the cap is still reported, and a loop over the enabled
    // features runs several switch sections on the same kernel, so those are summed.
    [Fact]
    public Task A_branch_over_the_cap_on_its_own_is_still_reported() => VerifyAsync($$"""
        class Startup
        {
            Kernel Build(bool support)
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<CorePlugin>();
                if (support)
                {
                    builder.Plugins.AddFromType<SupportPlugin>();
                }
                else
                {
                    builder.Plugins.AddFromType<SalesPlugin>();
                }

                return builder.Build();
            }
        }
        {{Plugin("CorePlugin", 10)}}{{Plugin("SupportPlugin", 12)}}{{Plugin("SalesPlugin", 3)}}
        """, Diagnostic(0, "up to 22"));

    [Fact]
    public Task Switch_sections_run_by_a_loop_are_summed() => VerifyAsync($$"""
        using System.Collections.Generic;
        class Startup
        {
            void Register(Kernel kernel, IEnumerable<string> features)
            {
                foreach (var feature in features)
                {
                    switch (feature)
                    {
                        case "support":
                            {|#0:kernel.ImportPluginFromType<SupportPlugin>()|};
                            break;
                        case "sales":
                            kernel.ImportPluginFromType<SalesPlugin>();
                            break;
                    }
                }
            }
        }
        {{Plugin("SupportPlugin", 12)}}{{Plugin("SalesPlugin", 12)}}
        """, Diagnostic(0, "up to 24"));

    [Fact]
    public Task Goto_case_runs_a_second_section_so_sections_are_summed() => VerifyAsync($$"""
        class Startup
        {
            void Register(Kernel kernel, int level)
            {
                switch (level)
                {
                    case 2:
                        {|#0:kernel.ImportPluginFromType<AdminPlugin>()|};
                        goto case 1;
                    case 1:
                        kernel.ImportPluginFromType<UserPlugin>();
                        break;
                }
            }
        }
        {{Plugin("AdminPlugin", 12)}}{{Plugin("UserPlugin", 12)}}
        """, Diagnostic(0, "up to 24"));

    // A kernel made only to run its plugins' functions from code: no chat request, so no model sees them.
    [Fact]
    public Task A_local_kernel_that_only_invokes_its_functions_directly_is_not_counted() => VerifyAsync($$"""
        class Batch
        {
            async Task<string> RunAsync()
            {
                var kernel = new Kernel();
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.Plugins.AddFromType<AccountPlugin>();
                var order = await kernel.InvokeAsync("OrderPlugin", "OrderPlugin1");
                var account = await kernel.InvokeAsync(kernel.Plugins["AccountPlugin"]["AccountPlugin2"]);
                var third = await kernel.InvokeAsync<string>(kernel.Plugins.GetFunction("OrderPlugin", "OrderPlugin3"));
                return order.ToString() + account + third;
            }
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """);

    // The positive neighbours of the direct-invocation shape: a prompt request, a kernel handed out, a plugin function
    // that receives the kernel (and may start a chat request with it) keep the kernel counted.
    [Fact]
    public Task A_local_kernel_used_for_a_prompt_is_counted() => VerifyAsync($$"""
        class Chat
        {
            async Task<string> AskAsync(string question)
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var direct = await kernel.InvokeAsync("OrderPlugin", "OrderPlugin1");
                var answer = await kernel.InvokePromptAsync(question, new(ChatSettings.Auto));
                return direct.ToString() + answer;
            }
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """, Diagnostic(0, "24"));

    [Fact]
    public Task A_local_kernel_handed_out_is_counted() => VerifyAsync($$"""
        class Factory
        {
            Kernel Create()
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                return kernel;
            }
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """, Diagnostic(0, "24"));

    // The same shape in a service: a private kernel field made in the constructor and used by the type's methods only
    // for prompts without settings and direct invocations.
    [Fact]
    public Task A_private_kernel_field_used_only_for_prompts_and_direct_calls_is_not_counted() => VerifyAsync($$"""
        class Summaries
        {
            private readonly Kernel _kernel;

            public Summaries()
            {
                _kernel = Kernel.CreateBuilder().Build();
                _kernel.ImportPluginFromType<OrderPlugin>();
                _kernel.Plugins.AddFromType<AccountPlugin>();
            }

            public async Task<string> SummariseAsync(string text) => (await _kernel.InvokePromptAsync("Summarise: " + text)).ToString();

            public async Task<string> OrderAsync() => (await _kernel.InvokeAsync("OrderPlugin", "OrderPlugin1")).ToString();
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """);

    // The positive neighbours: a prompt with settings, a field another type can read, a field handed out.
    [Fact]
    public Task A_kernel_field_used_with_settings_or_shared_is_counted() => VerifyAsync($$"""
        class Chat
        {
            private readonly Kernel _kernel;

            public Chat()
            {
                _kernel = {|#0:new Kernel()|};
                _kernel.ImportPluginFromType<OrderPlugin>();
                _kernel.ImportPluginFromType<AccountPlugin>();
            }

            public async Task<string> AskAsync(string question) => (await _kernel.InvokePromptAsync(question, new(ChatSettings.Auto))).ToString();
        }

        class Shared
        {
            internal readonly Kernel Kernel = {|#1:new Kernel()|};

            public Shared()
            {
                Kernel.ImportPluginFromType<OrderPlugin>();
                Kernel.ImportPluginFromType<AccountPlugin>();
            }
        }

        class HandedOut
        {
            private readonly Kernel _kernel = {|#2:new Kernel()|};

            public HandedOut()
            {
                _kernel.ImportPluginFromType<OrderPlugin>();
                _kernel.ImportPluginFromType<AccountPlugin>();
            }

            public Kernel Get() => _kernel;
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """,
        Diagnostic(0, "24"),
        Diagnostic(1, "24"),
        Diagnostic(2, "24"));

    [Fact]
    public Task A_plugin_function_that_receives_the_kernel_keeps_it_counted() => VerifyAsync($$"""
        class Batch
        {
            async Task<string> RunAsync()
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AgentPlugin>();
                var result = await kernel.InvokeAsync("AgentPlugin", "Delegate");
                return result.ToString();
            }
        }
        class AgentPlugin
        {
            [KernelFunction] public Task<FunctionResult> Delegate(Kernel kernel, string question) => kernel.InvokePromptAsync(question);
        }
        {{Plugin("OrderPlugin", 21)}}
        """, Diagnostic(0, "22"));

    // Half-typed code: an unknown member on the kernel is not a direct invocation, so the kernel stays counted; no crash.
    [Fact]
    public Task A_half_typed_use_of_the_kernel_does_not_crash() => VerifyAsync($$"""
        class Batch
        {
            async Task RunAsync(bool flag)
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                await kernel.{|CS1061:Frobnicate|}();
                if (flag) kernel.ImportPluginFromType<{|CS0246:Missing|}>(); else kernel.ImportPluginFromType<AccountPlugin>();
            }
        }
        {{Plugin("OrderPlugin", 12)}}{{Plugin("AccountPlugin", 12)}}
        """, Diagnostic(0, "up to 36"));
}
