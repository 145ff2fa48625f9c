using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Tools;

/// <summary>
/// The per-kernel link between a kernel and the settings of the requests that use it. In a project that calls
/// <c>FunctionChoiceBehavior.Auto()</c> somewhere (here in <c>ChatSettings</c>, for another kernel), a kernel whose every
/// request is visibly given settings with a function list, <c>None()</c>, or no function choice offers the model no
/// whole kernel, so its plugin sum is not reported. Where the link is not visible, the per-project answer stands.
/// </summary>
public class KernelRequestSettingsTests
{
    private const string Usings = """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

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

    private static string Plugins => Plugin("OrderPlugin", 12) + Plugin("AccountPlugin", 12);

    // The reviewer's shape: a method builds its own kernel with many plugins and asks for one function by name.
    [Fact]
    public Task A_method_kernel_whose_prompt_lists_its_functions_is_not_counted() => VerifyAsync($$"""
        class Reports
        {
            async Task<string> RunAsync(string prompt)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("gpt-4o-mini", "key");
                builder.Plugins.AddFromType<OrderPlugin>();
                builder.Plugins.AddFromType<AccountPlugin>();
                var kernel = builder.Build();
                var settings = new OpenAIPromptExecutionSettings
                {
                    Temperature = 0,
                    FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions: [kernel.Plugins.GetFunction("OrderPlugin", "OrderPlugin1")]),
                };
                var result = await kernel.InvokePromptAsync(prompt, new(settings));
                return result.ToString();
            }
        }
        {{Plugins}}
        """);

    // Its positive twin: the same method with Auto() and no list offers both plugins.
    [Fact]
    public Task The_same_method_kernel_with_auto_and_no_list_is_counted() => VerifyAsync($$"""
        class Reports
        {
            async Task<string> RunAsync(string prompt)
            {
                var builder = {|#0:Kernel.CreateBuilder()|};
                builder.AddOpenAIChatCompletion("gpt-4o-mini", "key");
                builder.Plugins.AddFromType<OrderPlugin>();
                builder.Plugins.AddFromType<AccountPlugin>();
                var kernel = builder.Build();
                var settings = new OpenAIPromptExecutionSettings
                {
                    Temperature = 0,
                    FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
                };
                var result = await kernel.InvokePromptAsync(prompt, new(settings));
                return result.ToString();
            }
        }
        {{Plugins}}
        """, Diagnostic(0, "24"));

    [Fact]
    public Task Prompts_with_none_no_choice_or_a_required_list_are_not_counted() => VerifyAsync($$"""
        class Reports
        {
            async Task<string> RunAsync(string prompt)
            {
                var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", "key").Build();
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var none = await kernel.InvokePromptAsync(prompt, new KernelArguments(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.None() }));
                var plain = await kernel.InvokePromptAsync(prompt, new(new OpenAIPromptExecutionSettings { MaxTokens = 200 }) { ["topic"] = "orders" });
                var required = await kernel.InvokePromptAsync(prompt, new(new PromptExecutionSettings
                {
                    FunctionChoiceBehavior = FunctionChoiceBehavior.Required(new[] { kernel.Plugins["AccountPlugin"]["AccountPlugin2"] }),
                }));
                return none.ToString() + plain + required;
            }
        }
        {{Plugins}}
        """);

    // A private kernel field used by a chat service call whose settings list one function, and by a prompt with none.
    [Fact]
    public Task A_private_kernel_field_given_to_a_chat_service_with_listed_functions_is_not_counted() => VerifyAsync($$"""
        class Assistant
        {
            private readonly Kernel _kernel;

            public Assistant()
            {
                _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", "key").Build();
                _kernel.Plugins.AddFromType<OrderPlugin>();
                _kernel.Plugins.AddFromType<AccountPlugin>();
            }

            public async Task<string> AskAsync(ChatHistory history)
            {
                var chat = _kernel.GetRequiredService<IChatCompletionService>();
                var settings = new OpenAIPromptExecutionSettings
                {
                    FunctionChoiceBehavior = FunctionChoiceBehavior.Auto([_kernel.Plugins.GetFunction("OrderPlugin", "OrderPlugin3")]),
                };
                var reply = await chat.GetChatMessageContentAsync(history, settings, _kernel);
                return reply.Content ?? "";
            }

            public async Task<string> TitleAsync(ChatHistory history)
            {
                var chat = _kernel.GetRequiredService<IChatCompletionService>();
                var replies = await chat.GetChatMessageContentsAsync(history, kernel: _kernel);
                return replies[0].Content ?? "";
            }
        }
        {{Plugins}}
        """);

    // The positive neighbours of the visible link: settings that ask for the whole kernel (inline, null list, changed
    // later, or from elsewhere), one such request among listed ones, and a chat call with Auto().
    [Fact]
    public Task A_kernel_with_one_request_offering_it_whole_is_counted() => VerifyAsync($$"""
        class Reports
        {
            async Task<string> NullListAsync(string prompt)
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions: null) };
                return (await kernel.InvokePromptAsync(prompt, new(settings))).ToString();
            }

            async Task<string> ChangedLaterAsync(string prompt)
            {
                var kernel = {|#1:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.None() };
                settings.FunctionChoiceBehavior = FunctionChoiceBehavior.Auto();
                return (await kernel.InvokePromptAsync(prompt, new(settings))).ToString();
            }

            async Task<string> MixedAsync(string prompt)
            {
                var kernel = {|#2:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var listed = await kernel.InvokePromptAsync(prompt, new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto([kernel.Plugins.GetFunction("OrderPlugin", "OrderPlugin1")]) }));
                var whole = await kernel.InvokePromptAsync(prompt, new(ChatSettings.Auto));
                return listed.ToString() + whole;
            }

            async Task<string> AllFunctionsListedAsync(string prompt)
            {
                var kernel = {|#3:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(kernel.Plugins.SelectMany(p => p)) };
                return (await kernel.InvokePromptAsync(prompt, new(settings))).ToString();
            }

            async Task<string> ChatAsync(ChatHistory history)
            {
                var kernel = {|#4:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var chat = kernel.GetRequiredService<IChatCompletionService>();
                var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                return (await chat.GetChatMessageContentAsync(history, settings, kernel)).Content ?? "";
            }
        }
        {{Plugins}}
        """,
        Diagnostic(0, "24"),
        Diagnostic(1, "24"),
        Diagnostic(2, "24"),
        Diagnostic(3, "24"),
        Diagnostic(4, "24"));

    // Where the link is not visible (a kernel from the container, a builder handed on), the per-project answer stands.
    [Fact]
    public Task A_kernel_from_the_container_or_a_builder_handed_on_is_counted_as_before() => VerifyAsync($$"""
        class Injected
        {
            private readonly Kernel _kernel;

            public Injected(Kernel kernel)
            {
                _kernel = {|#0:kernel|};
                _kernel.ImportPluginFromType<OrderPlugin>();
                _kernel.ImportPluginFromType<AccountPlugin>();
            }

            public async Task<string> AskAsync(string prompt) =>
                (await _kernel.InvokePromptAsync(prompt, new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.None() }))).ToString();
        }

        class Shared
        {
            async Task<string> RunAsync(string prompt)
            {
                var builder = {|#1:Kernel.CreateBuilder()|};
                builder.Plugins.AddFromType<OrderPlugin>();
                builder.Plugins.AddFromType<AccountPlugin>();
                Configure(builder);
                var kernel = builder.Build();
                return (await kernel.InvokePromptAsync(prompt, new(new PromptExecutionSettings()))).ToString();
            }

            static void Configure(IKernelBuilder builder) { }
        }
        {{Plugins}}
        """,
        Diagnostic(0, "24"),
        // The builder is handed to Configure, project code: still counted, and since Configure is a helper whose body is
        // read (KernelPlugins.FillingHelpers) and registers nothing, the count stays exact.
        Diagnostic(1, "24"));

    // Prompt functions made with visible settings and run on the kernel, either way round.
    [Fact]
    public Task Prompt_functions_with_listed_or_no_choice_are_not_counted() => VerifyAsync($$$"""
        class Reports
        {
            async Task<string> RunAsync(string topic)
            {
                var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", "key").Build();
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var summarise = kernel.CreateFunctionFromPrompt("Summarise {{$topic}}.", new OpenAIPromptExecutionSettings { MaxTokens = 100 });
                var classify = KernelFunctionFactory.CreateFromPrompt("Classify {{$topic}}.");
                var first = await kernel.InvokeAsync(summarise, new() { ["topic"] = topic });
                var second = await classify.InvokeAsync(kernel, new KernelArguments { ["topic"] = topic });
                var third = await summarise.InvokeAsync(kernel, new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.None() }));
                return first.ToString() + second + third;
            }
        }
        {{{Plugins}}}
        """);

    [Fact]
    public Task Prompt_functions_offering_the_kernel_whole_are_counted() => VerifyAsync($$$"""
        class Reports
        {
            async Task<string> RunAsync(string topic, KernelFunction injected)
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var agentic = kernel.CreateFunctionFromPrompt("Handle {{$topic}}.", new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });
                return (await kernel.InvokeAsync(agentic, new() { ["topic"] = topic })).ToString();
            }

            async Task<string> InjectedAsync(KernelFunction injected)
            {
                var kernel = {|#1:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                return (await injected.InvokeAsync(kernel)).ToString();
            }

            async Task<string> ArgumentsAsync(string topic)
            {
                var kernel = {|#2:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var plain = kernel.CreateFunctionFromPrompt("Handle {{$topic}}.");
                return (await kernel.InvokeAsync(plain, new(ChatSettings.Auto) { ["topic"] = topic })).ToString();
            }
        }
        {{{Plugins}}}
        """,
        Diagnostic(0, "24"),
        Diagnostic(1, "24"),
        Diagnostic(2, "24"));

    // Top-level statements: the settings changed in a later statement of the program keep the kernel counted; the
    // same program without the change does not.
    [Theory]
    [InlineData("settings.FunctionChoiceBehavior = FunctionChoiceBehavior.Auto();", true)]
    [InlineData("settings.Temperature = 0.2;", false)]
    public Task Top_level_programs_read_every_statement(string change, bool counted)
    {
        var code = Usings + $$"""
            var builder = {|#0:Kernel.CreateBuilder()|};
            builder.Plugins.AddFromType<OrderPlugin>();
            builder.Plugins.AddFromType<AccountPlugin>();
            var kernel = builder.Build();
            var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.None() };
            {{change}}
            System.Console.WriteLine(await kernel.InvokePromptAsync("Hello", new(settings)));
            {{Plugins}}
            """;
        if (!counted)
        {
            code = code.Replace("{|#0:Kernel.CreateBuilder()|}", "Kernel.CreateBuilder()");
        }

        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = code,
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            MarkupDiagnosticId = "AIL0201",
        };
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        if (counted)
        {
            // The statements of a top-level program are one body: both registrations run, so the count is exact.
            test.ExpectedDiagnostics.Add(Diagnostic(0, "24"));
        }

        return test.RunAsync();
    }

    // Half-typed settings: no crash, and the kernel stays counted.
    [Fact]
    public Task Half_typed_settings_keep_the_kernel_counted() => VerifyAsync($$"""
        class Reports
        {
            async Task<string> RunAsync(string prompt)
            {
                var kernel = {|#0:new Kernel()|};
                kernel.ImportPluginFromType<OrderPlugin>();
                kernel.ImportPluginFromType<AccountPlugin>();
                var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.{|CS0117:Sometimes|}() };
                return (await kernel.InvokePromptAsync(prompt, new(settings))).ToString();
            }
        }
        {{Plugins}}
        """, Diagnostic(0, "24"));
}
