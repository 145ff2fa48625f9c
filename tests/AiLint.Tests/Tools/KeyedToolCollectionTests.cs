using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// The container's keyed tool set: <c>sp.GetKeyedServices&lt;AITool&gt;(key)</c>,
/// <c>sp.GetRequiredKeyedService&lt;IEnumerable&lt;AITool&gt;&gt;(key)</c> and a <c>[FromKeyedServices(key)]
/// IEnumerable&lt;AITool&gt;</c> constructor parameter hold every <c>AITool</c> registered under that key, however many
/// the app's modules register: read as the unkeyed injected collection is (AIL0202).
/// </summary>
public class KeyedToolCollectionTests
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

    [Fact]
    public Task GetKeyedServices_of_AITool_in_an_agent_registration_is_the_injected_collection() => VerifyAsync("""
        public static class AgentRegistration
        {
            public static IServiceCollection AddAgent(this IServiceCollection services)
            {
                services.AddKeyedSingleton<AIAgent>("support", (sp, key) =>
                {
                    var chatClient = sp.GetRequiredService<IChatClient>();
                    var all = sp.GetKeyedServices<AITool>("support").ToArray();
                    return new ChatClientAgent(chatClient, new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = {|#0:all|} } });
                });
                return services;
            }
        }
        """,
        Unbounded(0, "the injected tool collection 'sp.GetKeyedServices<AITool>()' (keyed services \"support\")"));

    [Fact]
    public Task GetRequiredKeyedService_of_an_enumerable_of_AITool_is_the_injected_collection() => VerifyAsync("""
        public static class AgentRegistration
        {
            public static IServiceCollection AddAgent(this IServiceCollection services)
            {
                services.AddSingleton(sp => sp.GetRequiredService<IChatClient>().AsAIAgent(
                    instructions: "You help.", tools: {|#0:sp.GetRequiredKeyedService<IEnumerable<AITool>>("support").ToList()|}));
                return services;
            }
        }
        """,
        Unbounded(0, "the injected tool collection 'sp.GetRequiredKeyedService<IEnumerable<AITool>>()' (keyed services \"support\")"));

    [Fact]
    public Task A_FromKeyedServices_constructor_parameter_is_the_injected_collection() => VerifyAsync("""
        public sealed class SupportAgent([FromKeyedServices("support")] IEnumerable<AITool> tools, IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
        }
        """,
        Unbounded(0, "the injected tool collection 'tools' (keyed services \"support\")"));

    // The key is named as the code writes it, so the registrations can be found: a constant with its value, the key
    // a keyed factory is given by name.
    [Fact]
    public Task A_constant_or_computed_key_is_named_as_written() => VerifyAsync("""
        public static class ToolKeys
        {
            public const string Search = "search";
        }

        public static class AgentRegistration
        {
            public static IServiceCollection AddAgents(this IServiceCollection services)
            {
                services.AddKeyedSingleton<AIAgent>("search", (sp, key) => sp.GetRequiredService<IChatClient>().AsAIAgent(
                    instructions: "You search.", tools: {|#0:sp.GetKeyedServices<AITool>(ToolKeys.Search).ToList()|}));
                services.AddKeyedSingleton<AIAgent>("any", (sp, key) => sp.GetRequiredService<IChatClient>().AsAIAgent(
                    instructions: "You help.", tools: {|#1:sp.GetKeyedServices<AITool>(key).ToList()|}));
                return services;
            }
        }
        """,
        Unbounded(0, "the injected tool collection 'sp.GetKeyedServices<AITool>()' (keyed services 'ToolKeys.Search' = \"search\")"),
        Unbounded(1, "the injected tool collection 'sp.GetKeyedServices<AITool>()' (keyed services 'key')"));

    // Quiet twins: the keyed set capped or allow-listed; a keyed list object (the app built it) and one keyed tool are
    // not the container's whole set.
    [Fact]
    public Task A_capped_or_allow_listed_or_single_keyed_resolution_is_not_reported() => VerifyAsync("""
        public static class AgentRegistration
        {
            private static readonly string[] Allowed = ["get_orders", "get_customer"];

            public static IServiceCollection AddAgents(this IServiceCollection services)
            {
                services.AddKeyedSingleton<AIAgent>("capped", (sp, _) => new ChatClientAgent(sp.GetRequiredService<IChatClient>(),
                    new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = sp.GetKeyedServices<AITool>("erp").Take(10).ToList() } }));
                services.AddKeyedSingleton<AIAgent>("allowed", (sp, _) => new ChatClientAgent(sp.GetRequiredService<IChatClient>(),
                    new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = sp.GetKeyedServices<AITool>("erp").Where(t => Allowed.Contains(t.Name)).ToList() } }));
                services.AddKeyedSingleton<AIAgent>("list", (sp, _) => new ChatClientAgent(sp.GetRequiredService<IChatClient>(),
                    new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = sp.GetRequiredKeyedService<List<AITool>>("erp") } }));
                services.AddKeyedSingleton<AIAgent>("one", (sp, _) => new ChatClientAgent(sp.GetRequiredService<IChatClient>(),
                    new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = [sp.GetRequiredKeyedService<AITool>("erp")] } }));
                return services;
            }
        }
        """);

    [Theory]
    [InlineData("var all = sp.GetKeyedServices<>(\"k\").ToArray(); return new ChatOptions { Tools = all };")]
    [InlineData("var all = sp.GetKeyedServices<AITool>(.ToArray(); return new ChatOptions { Tools = all };")]
    [InlineData("return new ChatOptions { Tools = sp.GetRequiredKeyedService<IEnumerable<Missing>>(\"k\").ToList() };")]
    [InlineData("return new ChatOptions { Tools = missing.GetKeyedServices<AITool>(\"k\").ToList() };")]
    public async Task Half_typed_keyed_resolutions_do_not_crash_or_report(string body)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + DiUsings + "static class Options { static ChatOptions Make(IServiceProvider sp) { " + body + " } }\n");
        await test.RunAsync();
    }
}
