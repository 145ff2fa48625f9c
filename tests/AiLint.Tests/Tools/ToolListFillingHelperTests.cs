using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A tool list filled by a helper of the project it is handed (<c>var tools = new List&lt;AITool&gt;();
/// RegisterTools(tools);</c>, <c>tools.AddWeatherTools()</c>, <c>ToolSetup.AddAdminTools(tools)</c>): what the helper's
/// body adds to its list parameter is read as added at the call, one level deep. A helper that only reads the list, adds
/// few tools, or whose adds AiLint cannot count (no body, a loop over its own input, a recursive or further helper)
/// adds nothing certain.
/// </summary>
public class ToolListFillingHelperTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>();
        test.TestState.Sources.Add(ToolTestCode.Usings + code);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, string.Empty);

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    private static string Adds(string list, int from, int count) =>
        string.Join("\n        ", Enumerable.Range(from, count).Select(i => $"{list}.Add(AIFunctionFactory.Create(() => {i}, \"t{i}\"));"));

    private static string ChatToolAdds(int count) =>
        string.Join("\n        ", Enumerable.Range(1, count).Select(i => $"tools.Add(ChatTool.CreateFunctionTool(\"t{i}\"));"));

    // ---- counted (AIL0201) ----

    [Fact]
    public Task A_void_helper_of_the_same_type_counts_what_it_adds() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = {|#0:new List<AITool>()|};
                RegisterTools(tools);
                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static void RegisterTools(List<AITool> tools)
            {
                {{Adds("tools", 1, 21)}}
            }
        }
        """,
        OverCap(0, "21"));

    [Fact]
    public Task Helpers_of_another_class_taking_IList_and_ICollection_add_up_with_the_callers_own_adds() => VerifyAsync($$"""
        public static class OrderTools
        {
            public static void Register(IList<AITool> tools)
            {
                {{Adds("tools", 1, 10)}}
            }
        }

        public static class AccountTools
        {
            public static void Register(ICollection<AITool> tools)
            {
                {{Adds("tools", 11, 10)}}
            }
        }

        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = {|#0:new List<AITool> { AIFunctionFactory.Create(() => 0, "t0") }|};
                OrderTools.Register(tools);
                AccountTools.Register(tools);
                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        OverCap(0, "21"));

    [Fact]
    public Task An_extension_method_filling_the_list_counts_what_it_adds() => VerifyAsync($$"""
        public static class WeatherToolExtensions
        {
            public static void AddWeatherTools(this List<AITool> tools)
            {
                {{Adds("tools", 1, 21)}}
            }
        }

        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = {|#0:new List<AITool>()|};
                tools.AddWeatherTools();
                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        OverCap(0, "21"));

    [Fact]
    public Task A_helper_called_under_an_if_makes_the_count_up_to() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question, bool admin)
            {
                var tools = {|#0:new List<AITool>()|};
                if (admin)
                {
                    RegisterTools(tools);
                }

                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static void RegisterTools(List<AITool> tools)
            {
                {{Adds("tools", 1, 21)}}
            }
        }
        """,
        OverCap(0, "up to 21"));

    // ---- an unbounded source inside the helper (AIL0202) ----

    [Fact]
    public Task A_servers_whole_list_added_in_the_helper_is_the_catalogs() => VerifyAsync("""
        public sealed class Assistant(IChatClient chat, McpClient mcp)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool>();
                await AddServerToolsAsync({|#0:tools|}, mcp);
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static async Task AddServerToolsAsync(List<AITool> tools, McpClient client)
            {
                foreach (var tool in await client.ListToolsAsync())
                {
                    tools.Add(tool);
                }
            }
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'AddServerToolsAsync()'"));

    [Fact]
    public Task Reflection_in_a_helper_of_another_class_is_the_catalogs() => VerifyAsync("""
        public static class ToolScanner
        {
            public static void AddAll(List<AITool> tools)
            {
                tools.AddRange(typeof(ToolScanner).GetMethods().Select(m => AIFunctionFactory.Create(m, target: null)));
            }
        }

        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool>();
                ToolScanner.AddAll({|#0:tools|});
                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        new DiagnosticResult(Descriptors.AIL0202ReflectedProjectType).WithLocation(0)
            .WithArguments("reflection over a type's methods ('typeof(ToolScanner).GetMethods()'), through 'ToolScanner.AddAll()'", 20, "every public method added to 'ToolScanner'"));

    [Fact]
    public Task The_containers_set_added_in_a_helper_is_the_catalogs() => VerifyAsync("""
        using Microsoft.Extensions.DependencyInjection;

        public static class ToolSetup
        {
            public static void AddContainerTools(ICollection<AITool> tools, IServiceProvider services)
            {
                foreach (var tool in services.GetServices<AITool>())
                {
                    tools.Add(tool);
                }
            }
        }

        public sealed class Assistant(IChatClient chat, IServiceProvider services)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool>();
                ToolSetup.AddContainerTools({|#0:tools|}, services);
                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        Unbounded(0, "the injected tool collection 'services.GetServices<AITool>()', through 'ToolSetup.AddContainerTools()'"));

    // OpenAI's get-only Tools handed to the helper.
    [Fact]
    public Task OpenAIs_get_only_tools_filled_by_a_helper_are_counted() => VerifyAsync($$"""
        using OpenAI.Chat;

        public sealed class Assistant(ChatClient chat)
        {
            public Task<System.ClientModel.ClientResult<ChatCompletion>> AskAsync(string question)
            {
                var options = {|#0:new ChatCompletionOptions()|};
                RegisterTools(options.Tools);
                return chat.CompleteChatAsync([new UserChatMessage(question)], options);
            }

            private static void RegisterTools(IList<ChatTool> tools)
            {
                {{ChatToolAdds(21)}}
            }
        }
        """,
        OverCap(0, "21"));

    // ---- quiet ----

    [Fact]
    public Task A_helper_adding_three_tools_is_under_the_cap() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool>();
                RegisterTools(tools);
                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static void RegisterTools(List<AITool> tools)
            {
                {{Adds("tools", 1, 3)}}
            }
        }
        """);

    [Fact]
    public Task A_helper_that_only_reads_the_list_adds_nothing() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool> { {{ToolTestCode.Functions(5)}} };
                LogTools(tools);
                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static void LogTools(List<AITool> tools)
            {
                foreach (var tool in tools)
                {
                    Console.WriteLine(tool.Name);
                }
            }
        }
        """);

    // Two helpers of which one runs ('if' and 'else'): the larger one is the count, not their sum.
    [Fact]
    public Task Helpers_in_exclusive_branches_are_not_summed() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question, bool admin)
            {
                var tools = new List<AITool>();
                if (admin)
                {
                    AddAdminTools(tools);
                }
                else
                {
                    AddUserTools(tools);
                }

                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static void AddAdminTools(List<AITool> tools)
            {
                {{Adds("tools", 1, 12)}}
            }

            private static void AddUserTools(List<AITool> tools)
            {
                {{Adds("tools", 13, 12)}}
            }
        }
        """);

    // What AiLint cannot count adds nothing certain: an interface method (no body), a loop over the helper's own input
    // that may skip elements, a helper that hands the list to a further helper or to itself.
    [Fact]
    public Task Helpers_whose_adds_cannot_be_counted_stay_quiet() => VerifyAsync($$"""
        public interface IToolModule
        {
            void Register(List<AITool> tools);
        }

        public sealed class Assistant(IChatClient chat, IToolModule module, IEnumerable<AITool> extra)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool> { {{ToolTestCode.Functions(3)}} };
                module.Register(tools);
                AddEnabled(tools, extra);
                AddNested(tools, 3);
                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static void AddEnabled(List<AITool> tools, IEnumerable<AITool> candidates)
            {
                foreach (var tool in candidates)
                {
                    if (tool.Name.StartsWith("x"))
                    {
                        tools.Add(tool);
                    }
                }
            }

            private static void AddNested(List<AITool> tools, int depth)
            {
                {{Adds("tools", 1, 21)}}
                if (depth > 0)
                {
                    AddNested(tools, depth - 1);
                }
            }
        }
        """);

    // A cap in the helper bounds the server's list; a helper called once per configured item adds no sure number.
    [Fact]
    public Task A_capped_helper_or_a_helper_called_in_a_loop_is_not_reported() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chat, McpClient mcp, string[] areas)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool>();
                await AddServerToolsAsync(tools, mcp);
                foreach (var area in areas)
                {
                    AddAreaTools(tools);
                }

                return await chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static async Task AddServerToolsAsync(List<AITool> tools, McpClient client)
            {
                tools.AddRange((await client.ListToolsAsync()).Take(10));
            }

            private static void AddAreaTools(List<AITool> tools)
            {
                {{Adds("tools", 1, 5)}}
            }
        }
        """);

    [Theory]
    [InlineData("var tools = new List<AITool>(); Register(tools); return new ChatOptions { Tools = tools }; } static void Register(List<AITool> t) { t.Add(Missing); ")]
    [InlineData("var tools = new List<AITool>(); Register(tools; return new ChatOptions { Tools = tools }; } static void Register(List<AITool> t) { t.Add( ")]
    [InlineData("var tools = new List<AITool>(); Missing.Register(tools); return new ChatOptions { Tools = tools }; ")]
    [InlineData("var tools = new List<AITool>(); Register(tools); return new ChatOptions { Tools = tools }; } static void Register(List<Missing> t) { t.Add(null); ")]
    [InlineData("var tools = new List<AITool>(); tools.AddMissing(); Register(tools, tools); return new ChatOptions { Tools = tools }; } static void Register(List<AITool> t) { t.Add(null); ")]
    public async Task Half_typed_helpers_do_not_crash_or_report(string body)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + "static class Options { static ChatOptions Make() { " + body + " } }\n");
        await test.RunAsync();
    }
}
