using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A catalog filled in a top-level <c>Program.cs</c> (in the statements themselves or in a minimal-API lambda) and
/// passed to a parameter of a project method that hands it to the model, the shape of
/// almirbanjanovic/dotnet-agent-framework's crm-agent (<c>agentFactory.CreateAgent(prompt, tools)</c> whose body is
/// <c>chatClient.AsAIAgent(tools: tools)</c>; review32 M1). The caller is reported as a class-method caller is (AIL0201,
/// AIL0202 "Catalogs built in another member"); the class-method twins stay reported beside it.
/// </summary>
public class TopLevelCallerCatalogTests
{
    private const string CrmList = "'crm.ListToolsAsync()' (an MCP server's whole tool list)";

    private const string AgentFactory = """
        using Microsoft.Agents.AI;

        internal sealed class AgentFactory(IChatClient chatClient)
        {
            public AIAgent CreateAgent(string instructions, IList<AITool> tools) =>
                chatClient.AsAIAgent(instructions: instructions, name: "CRM Agent", tools: tools);
        }
        """;

    private static Task VerifyAsync(string program, params DiagnosticResult[] expected) => VerifyAsync([program, AgentFactory], expected);

    private static Task VerifyAsync(string[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { OutputKind = OutputKind.ConsoleApplication };
        foreach (var file in files)
        {
            test.TestState.Sources.Add(ToolTestCode.Usings + file);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, string.Empty);

    // ---- AIL0202: an MCP server's whole list ----

    // The crm-agent shape: the handler lambda of a minimal API in the top-level program.
    [Fact]
    public Task A_minimal_api_lambda_of_the_top_level_program_is_followed() => VerifyAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<AgentFactory>();
        var app = builder.Build();

        app.MapPost("/chat", async (string message, AgentFactory agentFactory, CancellationToken ct) =>
        {
            McpClient crm = await McpClient.CreateAsync(null!, cancellationToken: ct);
            var tools = new List<AITool>();
            tools.AddRange({|#0:await crm.ListToolsAsync(cancellationToken: ct)|});
            var agent = agentFactory.CreateAgent("You are a CRM agent.", tools);
            return (await agent.RunAsync(message, cancellationToken: ct)).ToString();
        });

        app.Run();
        """,
        Unbounded(0, CrmList));

    [Fact]
    public Task The_top_level_statements_themselves_are_followed() => VerifyAsync("""
        McpClient crm = await McpClient.CreateAsync(null!);
        var factory = new AgentFactory(null!);
        var tools = new List<AITool>();
        tools.AddRange({|#0:await crm.ListToolsAsync()|});
        var agent = factory.CreateAgent("You are a CRM agent.", tools);
        Console.WriteLine(await agent.RunAsync(args[0]));
        """,
        Unbounded(0, CrmList));

    // The twins the reviewer compared with (a lambda in a class method, an ordinary method) stay reported beside the
    // top-level caller, each once.
    [Fact]
    public Task Top_level_and_class_method_callers_are_each_reported_once() => VerifyAsync("""
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.CreateBuilder(args).Build();
        app.MapPost("/chat", async (string message, AgentFactory agentFactory, CancellationToken ct) =>
        {
            McpClient crm = await McpClient.CreateAsync(null!, cancellationToken: ct);
            var tools = new List<AITool>();
            tools.AddRange({|#0:await crm.ListToolsAsync(cancellationToken: ct)|});
            return (await agentFactory.CreateAgent("x", tools).RunAsync(message, cancellationToken: ct)).ToString();
        });
        ChatEndpoint.Map(app);
        app.Run();

        internal static class ChatEndpoint
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/chat2", async (string message, AgentFactory agentFactory, CancellationToken ct) =>
                {
                    McpClient crm = await McpClient.CreateAsync(null!, cancellationToken: ct);
                    var tools = new List<AITool>();
                    tools.AddRange({|#1:await crm.ListToolsAsync(cancellationToken: ct)|});
                    return (await agentFactory.CreateAgent("x", tools).RunAsync(message, cancellationToken: ct)).ToString();
                });
            }
        }

        internal sealed class ChatHandler(AgentFactory agentFactory)
        {
            public async Task<string> HandleAsync(McpClient crm, string message, CancellationToken ct)
            {
                var tools = new List<AITool>();
                tools.AddRange({|#2:await crm.ListToolsAsync(cancellationToken: ct)|});
                return (await agentFactory.CreateAgent("x", tools).RunAsync(message, cancellationToken: ct)).ToString();
            }
        }
        """,
        Unbounded(0, CrmList),
        Unbounded(1, CrmList),
        Unbounded(2, CrmList));

    // Two levels, as for class callers: the top-level program hands the list to a service that hands it to the factory.
    [Fact]
    public Task A_top_level_caller_of_a_service_that_passes_the_list_on_is_followed() => VerifyAsync([
        """
        McpClient crm = await McpClient.CreateAsync(null!);
        var service = new ChatService(new AgentFactory(null!));
        var tools = new List<AITool>();
        tools.AddRange({|#0:await crm.ListToolsAsync()|});
        Console.WriteLine(await service.AskAsync(args[0], tools));
        """,
        AgentFactory,
        """
        internal sealed class ChatService(AgentFactory factory)
        {
            public async Task<string> AskAsync(string question, IList<AITool> tools) =>
                (await factory.CreateAgent("You help.", tools).RunAsync(question)).ToString();
        }
        """,
        ],
        Unbounded(0, CrmList));

    // The correct code beside it: the top-level caller hands over an allow-listed subset or the first few tools.
    [Fact]
    public Task A_top_level_caller_that_passes_a_chosen_subset_is_not_reported() => VerifyAsync("""
        using Microsoft.AspNetCore.Builder;

        HashSet<string> allowed = ["get_customer", "get_orders"];
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapPost("/chat", async (string message, AgentFactory agentFactory, CancellationToken ct) =>
        {
            McpClient crm = await McpClient.CreateAsync(null!, cancellationToken: ct);
            var all = await crm.ListToolsAsync(cancellationToken: ct);
            var tools = new List<AITool>();
            tools.AddRange(all.Where(t => allowed.Contains(t.Name)));
            return (await agentFactory.CreateAgent("x", tools).RunAsync(message, cancellationToken: ct)).ToString();
        });

        McpClient cli = await McpClient.CreateAsync(null!);
        var factory = new AgentFactory(null!);
        var first = await factory.CreateAgent("x", [.. (await cli.ListToolsAsync()).Take(5)]).RunAsync("hi");
        var chosen = await factory.CreateAgent("x", [.. (await cli.ListToolsAsync()).Where(t => allowed.Contains(t.Name))]).RunAsync("hi");
        app.Run();
        """);

    // ---- AIL0201: a counted list ----

    // Repro TopLevelCallerCountedCatalog: 21 tools from the top-level statements, and the same from a class method.
    [Fact]
    public Task A_counted_list_passed_from_the_top_level_statements_is_reported_on_it() => VerifyAsync($$"""
        using Microsoft.Agents.AI;

        IList<AITool> tools = {|#0:[{{ToolTestCode.Functions(21)}}]|};
        var agent = new AgentFactory(null!).CreateAgent("x", tools);
        Console.WriteLine(await agent.RunAsync(args[0]));

        internal sealed class Caller(AgentFactory factory)
        {
            public AIAgent Make()
            {
                IList<AITool> tools2 = {|#1:[{{ToolTestCode.Functions(21)}}]|};
                return factory.CreateAgent("x", tools2);
            }
        }
        """,
        OverCap(0, "21"),
        OverCap(1, "21"));

    // The correct code beside it: a small fixed list, and a long one cut to the cap, from the top-level statements.
    [Fact]
    public Task A_small_or_capped_list_from_the_top_level_statements_is_not_reported() => VerifyAsync($$"""
        using Microsoft.AspNetCore.Builder;

        IList<AITool> few = [{{ToolTestCode.Functions(3)}}];
        AITool[] many = [{{ToolTestCode.Functions(25)}}];
        var factory = new AgentFactory(null!);
        Console.WriteLine(await factory.CreateAgent("x", few).RunAsync(args[0]));
        Console.WriteLine(await factory.CreateAgent("x", [.. many.Take(10)]).RunAsync(args[0]));

        var app = WebApplication.CreateBuilder(args).Build();
        app.MapPost("/chat", async (string message) =>
        {
            List<AITool> tools = [{{ToolTestCode.Functions(4)}}];
            return (await factory.CreateAgent("x", tools).RunAsync(message)).ToString();
        });
        app.Run();
        """);

    // ---- half-typed Program.cs ----

    // A Program.cs being typed: the broken statement after the call does not stop the caller from being followed.
    [Fact]
    public Task A_half_typed_program_still_reports_the_complete_caller()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            OutputKind = OutputKind.ConsoleApplication,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.Sources.Add(ToolTestCode.Usings + """
            McpClient crm = await McpClient.CreateAsync(null!);
            var tools = new List<AITool>();
            tools.AddRange({|#0:await crm.ListToolsAsync()|});
            var agent = new AgentFactory(null!).CreateAgent("x", tools);
            var answer = await agent.RunAsync(
            """);
        test.TestState.Sources.Add(ToolTestCode.Usings + AgentFactory);
        test.ExpectedDiagnostics.Add(Unbounded(0, CrmList));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("tools.AddRange(await crm.ListToolsAsync(); factory.CreateAgent(\"x\", tools);")]
    [InlineData("factory.CreateAgent(\"x\", ")]
    [InlineData("factory.CreateAgent(\"x\", tools, extra);")]
    [InlineData("factory.CreateAgent(\"x\", undefined.Tools);")]
    [InlineData("app.MapPost(\"/chat\", async (AgentFactory f) => { tools.AddRange(await crm.ListToolsAsync()); f.CreateAgent(\"x\", tools)")]
    [InlineData("tools.AddRange(await crm.ListToolsAsync()); new Unknown().CreateAgent(\"x\", tools);")]
    public async Task Half_typed_top_level_code_does_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            OutputKind = OutputKind.ConsoleApplication,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };
        test.TestState.Sources.Add(ToolTestCode.Usings + """
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.CreateBuilder(args).Build();
            McpClient crm = await McpClient.CreateAsync(null!);
            var factory = new AgentFactory(null!);
            var tools = new List<AITool>();

            """ + statement);
        test.TestState.Sources.Add(ToolTestCode.Usings + AgentFactory);

        // Only "no analyzer exception" is asserted: what a half-typed program reports is not specified.
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
        }
    }
}
