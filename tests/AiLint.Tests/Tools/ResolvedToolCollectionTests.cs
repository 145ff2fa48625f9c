using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// The container's tool set resolved by hand in an agent registration, <c>sp.GetServices&lt;AITool&gt;()</c> (or
/// <c>sp.GetRequiredService&lt;IEnumerable&lt;AITool&gt;&gt;()</c>): every <c>AITool</c> registration of the app, the
/// collection a constructor parameter <c>IEnumerable&lt;AITool&gt;</c> receives, reported as that one is (AIL0202).
/// </summary>
public class ResolvedToolCollectionTests
{
    private const string DiUsings = """
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>();
        test.TestState.Sources.Add(ToolTestCode.Usings + DiUsings + code);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    // The agent's options built in the registration lambda from the resolved set.
    [Fact]
    public Task GetServices_of_AITool_in_an_agent_registration_is_the_injected_collection() => VerifyAsync("""
        public static class AgentRegistration
        {
            public static IServiceCollection AddAgent(this IServiceCollection services)
            {
                services.AddSingleton<AIAgent>(sp =>
                {
                    var chatClient = sp.GetRequiredService<IChatClient>();
                    var all = sp.GetServices<AITool>().ToArray();
                    return new ChatClientAgent(chatClient, new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = {|#0:all|} } });
                });
                return services;
            }
        }
        """,
        Unbounded(0, "the injected tool collection 'sp.GetServices<AITool>()'"));

    [Fact]
    public Task GetRequiredService_of_an_enumerable_of_AITool_is_the_injected_collection() => VerifyAsync("""
        public static class AgentRegistration
        {
            public static IServiceCollection AddAgent(this IServiceCollection services)
            {
                services.AddSingleton(sp => sp.GetRequiredService<IChatClient>().AsAIAgent(
                    instructions: "You help.", tools: {|#0:sp.GetRequiredService<IEnumerable<AITool>>().ToList()|}));
                return services;
            }
        }
        """,
        Unbounded(0, "the injected tool collection 'sp.GetRequiredService<IEnumerable<AITool>>()'"));

    // Quiet twins: the resolved set capped, or filtered by a fixed allow-list; a registered list object (the app built it)
    // and one registered tool are not the container's whole set.
    [Fact]
    public Task A_capped_or_allow_listed_or_single_resolution_is_not_reported() => VerifyAsync("""
        public static class AgentRegistration
        {
            private static readonly string[] Allowed = ["get_orders", "get_customer"];

            public static IServiceCollection AddAgents(this IServiceCollection services)
            {
                services.AddKeyedSingleton<AIAgent>("capped", (sp, _) => new ChatClientAgent(sp.GetRequiredService<IChatClient>(),
                    new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = sp.GetServices<AITool>().Take(10).ToList() } }));
                services.AddKeyedSingleton<AIAgent>("allowed", (sp, _) => new ChatClientAgent(sp.GetRequiredService<IChatClient>(),
                    new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = sp.GetServices<AITool>().Where(t => Allowed.Contains(t.Name)).ToList() } }));
                services.AddKeyedSingleton<AIAgent>("list", (sp, _) => new ChatClientAgent(sp.GetRequiredService<IChatClient>(),
                    new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = sp.GetRequiredService<List<AITool>>() } }));
                services.AddKeyedSingleton<AIAgent>("one", (sp, _) => new ChatClientAgent(sp.GetRequiredService<IChatClient>(),
                    new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = [sp.GetRequiredService<AITool>()] } }));
                return services;
            }
        }
        """);

    [Theory]
    [InlineData("var all = sp.GetServices<>().ToArray(); return new ChatOptions { Tools = all };")]
    [InlineData("var all = sp.GetServices<AITool>(.ToArray(); return new ChatOptions { Tools = all };")]
    [InlineData("return new ChatOptions { Tools = sp.GetRequiredService<IEnumerable<Missing>>().ToList() };")]
    [InlineData("return new ChatOptions { Tools = missing.GetServices<AITool>().ToList() };")]
    public async Task Half_typed_resolutions_do_not_crash_or_report(string body)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + DiUsings + "static class Options { static ChatOptions Make(IServiceProvider sp) { " + body + " } }\n");
        await test.RunAsync();
    }
}
