using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// OpenAI Realtime (OpenAI 2.15, <c>OpenAI.Realtime</c>): the session options' <c>Tools</c>
/// (<c>RealtimeConversationSessionOptions.Tools</c>) and a response's (<c>RealtimeResponseOptions.Tools</c>) are the tools
/// the model may call in a voice session, catalogs like <c>ChatCompletionOptions.Tools</c>: filled from an unbounded
/// source they are reported, and AIL0201 counts them.
/// </summary>
public class RealtimeSessionToolTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string Head = """
        using System.ComponentModel;
        using System.Reflection;
        using OpenAI.Realtime;

        """;

    [Fact]
    public Task Reflected_functions_in_the_session_tools_are_reported() => VerifyAsync(Head + """
        public static class RealtimeSetup
        {
            public static async Task ConfigureAsync(RealtimeSessionClient session, IReadOnlyList<object> plugins, CancellationToken ct)
            {
                List<AIFunction> tools = plugins
                    .SelectMany(p => p.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                        .Where(m => m.GetCustomAttribute<DescriptionAttribute>() != null)
                        .Select(m => AIFunctionFactory.Create(m, p)))
                    .ToList();

                var options = new RealtimeConversationSessionOptions();
                foreach (var tool in {|#0:tools|})
                {
                    options.Tools.Add(new RealtimeFunctionTool(tool.Name)
                    {
                        FunctionDescription = tool.Description,
                        FunctionParameters = BinaryData.FromString(tool.JsonSchema.GetRawText()),
                    });
                }

                await session.ConfigureConversationSessionAsync(options, ct);
            }

            public static async Task ConfigureOneAsync(RealtimeSessionClient session, object plugin, CancellationToken ct)
            {
                var options = new RealtimeConversationSessionOptions();
                foreach (var m in {|#1:plugin.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)|})
                {
                    var f = AIFunctionFactory.Create(m, plugin);
                    options.Tools.Add(new RealtimeFunctionTool(f.Name) { FunctionDescription = f.Description });
                }

                await session.ConfigureConversationSessionAsync(options, ct);
            }

            public static async Task RespondAsync(RealtimeSessionClient session, McpClient mcp, CancellationToken ct)
            {
                var response = new RealtimeResponseOptions();
                foreach (var t in {|#2:await mcp.ListToolsAsync(cancellationToken: ct)|})
                {
                    response.Tools.Add(new RealtimeFunctionTool(t.Name) { FunctionDescription = t.Description });
                }

                await session.StartResponseAsync(response, ct);
            }
        }
        """,
        Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("reflection over a type's methods ('p.GetType().GetMethods()')", 20),
        Verify.Diagnostic("AIL0202").WithLocation(1).WithArguments("reflection over a type's methods ('plugin.GetType().GetMethods()')", 20),
        Verify.Diagnostic("AIL0202").WithLocation(2).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20));

    [Fact]
    public Task Too_many_written_session_tools_are_counted() => VerifyAsync(Head + """
        public static class RealtimeSetup
        {
            public static RealtimeConversationSessionOptions Options()
            {
                var options = {|#0:new RealtimeConversationSessionOptions()|};

        """ + string.Join("\n", Enumerable.Range(1, 21).Select(i => $"        options.Tools.Add(new RealtimeFunctionTool(\"t{i}\"));")) + """

                return options;
            }
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("21", 20, ""));

    // ---- quiet twins ----

    // A few written tools, reflected functions allow-listed by name, and a server's list capped with Take.
    [Fact]
    public Task Fixed_allow_listed_and_capped_session_tools_are_not_reported() => VerifyAsync(Head + """
        public static class RealtimeSetup
        {
            private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "get_weather", "get_time" };

            public static async Task ConfigureAsync(RealtimeSessionClient session, object plugin, McpClient mcp, CancellationToken ct)
            {
                var options = new RealtimeConversationSessionOptions();
                options.Tools.Add(new RealtimeFunctionTool("hang_up") { FunctionDescription = "Ends the call." });
                foreach (var m in plugin.GetType().GetMethods())
                {
                    if (Allowed.Contains(m.Name))
                    {
                        options.Tools.Add(new RealtimeFunctionTool(m.Name));
                    }
                }

                foreach (var t in (await mcp.ListToolsAsync(cancellationToken: ct)).Take(5))
                {
                    options.Tools.Add(new RealtimeFunctionTool(t.Name) { FunctionDescription = t.Description });
                }

                await session.ConfigureConversationSessionAsync(options, ct);
            }
        }
        """);

    // ---- half-typed code ----

    [Fact]
    public async Task Half_typed_session_tools_report_nothing_and_do_not_crash()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + Head + """
            public static class RealtimeSetup
            {
                public static async Task ConfigureAsync(RealtimeSessionClient session, object plugin, CancellationToken ct)
                {
                    var options = new RealtimeConversationSessionOptions();
                    foreach (var m in plugin.GetType().GetMethodz())
                        options.Tools.Add(new RealtimeFunctionTool(m.Name) { Missing = 1 });
                    options.Tools.Add(new RealtimeMissingTool("x"));
                    options.Tols.Add(new RealtimeFunctionTool("y"));
                    var other = new RealtimeResponseOptions { Tools = null };
                    await session.ConfigureConversationSessionAsync(options, ct);
                }
            }
            """);
        await test.RunAsync();
    }
}
