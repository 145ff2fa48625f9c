using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>Runs <see cref="LlmCallProbeAnalyzer"/> (every recognised call, with its kind and SDK).</summary>
internal static class LlmCallProbe
{
    public const string AgentUsings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using Polly;

        """;

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, references: null, expected);

    public static Task VerifyAsync(string source, System.Collections.Immutable.ImmutableArray<MetadataReference>? references, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<LlmCallProbeAnalyzer> { TestCode = source };
        if (references is { } refs)
        {
            test.References = refs;
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Call(int location, string kind, string sdk) =>
        new DiagnosticResult(LlmCallProbeAnalyzer.Rule).WithLocation(location).WithArguments(kind, sdk);
}

/// <summary>Microsoft Agent Framework 1.28 calls, recognised against the real assemblies, and the retry rules on them.</summary>
public class AgentFrameworkCallTests
{
    private static DiagnosticResult Call(int location, string kind) => LlmCallProbe.Call(location, kind, "AgentFramework");

    [Fact]
    public Task Every_run_overload_of_AIAgent_and_ChatClientAgent() => LlmCallProbe.VerifyAsync(
        LlmCallProbe.AgentUsings + """
        record Answer(string Text);
        class C
        {
            async Task M(AIAgent agent, IChatClient chatClient, List<ChatMessage> messages, CancellationToken ct)
            {
                var session = await agent.CreateSessionAsync(ct);
                await agent.{|#0:RunAsync|}("hi", session, cancellationToken: ct);
                await agent.{|#1:RunAsync|}(messages, session);
                await agent.{|#2:RunAsync|}(new ChatMessage(ChatRole.User, "hi"));
                await agent.{|#3:RunAsync|}(session);
                await agent.{|#4:RunAsync|}<Answer>("hi");
                await foreach (var update in agent.{|#5:RunStreamingAsync|}("hi", session)) { }
                await foreach (var update in agent.{|#6:RunStreamingAsync|}(messages)) { }

                ChatClientAgent built = chatClient.AsAIAgent(instructions: "You answer support tickets.");
                await built.{|#7:RunAsync|}("hi");
                await built.{|#8:RunAsync|}<Answer>("hi");
                await foreach (var update in built.{|#9:RunStreamingAsync|}("hi")) { }

                var constructed = new ChatClientAgent(chatClient, instructions: "Be brief.", name: "support");
                await constructed.{|#10:RunAsync|}("hi", session);
            }
        }
        """,
        Call(0, "Generation"), Call(1, "Generation"), Call(2, "Generation"), Call(3, "Generation"), Call(4, "Generation"),
        Call(5, "Streaming"), Call(6, "Streaming"),
        Call(7, "Generation"), Call(8, "Generation"), Call(9, "Streaming"),
        Call(10, "Generation"));

    [Fact]
    public Task Derived_and_delegating_agents() => LlmCallProbe.VerifyAsync(
        LlmCallProbe.AgentUsings + """
        sealed class LoggingAgent(AIAgent inner) : DelegatingAIAgent(inner)
        {
            protected override Task<AgentResponse> RunCoreAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
            {
                Console.WriteLine("run");
                return base.{|#0:RunCoreAsync|}(messages, session, options, cancellationToken);
            }
        }

        class C
        {
            async Task M(LoggingAgent logging, ChatClientAgent agent)
            {
                await logging.{|#1:RunAsync|}("hi");
                await foreach (var u in logging.{|#2:RunStreamingAsync|}("hi")) { }
                var wrapped = agent.AsBuilder().Use((messages, session, options, next, ct) => next(messages, session, options, ct)).Build();
                await wrapped.{|#3:RunAsync|}("hi");
            }
        }
        """,
        Call(0, "Generation"), Call(1, "Generation"), Call(2, "Streaming"), Call(3, "Generation"));

    [Fact]
    public Task Session_and_service_members_are_not_calls() => LlmCallProbe.VerifyAsync(
        LlmCallProbe.AgentUsings + """
        class C
        {
            async Task M(AIAgent agent, IChatClient chatClient)
            {
                var session = await agent.CreateSessionAsync();
                var json = await agent.SerializeSessionAsync(session);
                await agent.DeserializeSessionAsync(json);
                agent.GetService(typeof(object));
                var tool = agent.AsAIFunction();
                var built = chatClient.AsAIAgent(instructions: "x");
                var name = agent.Name;
            }
        }
        """);

    // ---- The retry rules on agent calls ---------------------------------------------------------------------------

    [Fact]
    public Task Hand_written_retry_loop_around_agent_RunAsync_is_AIL0001() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        LlmCallProbe.AgentUsings + """
        class SupportDesk(AIAgent agent)
        {
            public async Task<string> ReplyAsync(string ticket, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var response = await agent.[|RunAsync|](ticket, cancellationToken: ct);
                        return response.Text;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                    }
                }
            }
        }
        """.Replace("HttpRequestException", "System.Net.Http.HttpRequestException"));

    [Fact]
    public Task Polly_pipeline_around_agent_RunStreamingAsync_is_AIL0002() => RetryTestSupport.VerifyAsync(
        "AIL0002",
        LlmCallProbe.AgentUsings + """
        class SupportDesk(ChatClientAgent agent, ResiliencePipeline pipeline)
        {
            public async Task StreamAsync(string ticket, Func<string, Task> send, CancellationToken ct)
            {
                await pipeline.ExecuteAsync(async token =>
                {
                    await foreach (var update in agent.[|RunStreamingAsync|](ticket, cancellationToken: token))
                    {
                        await send(update.Text);
                    }
                }, ct);
            }
        }
        """);

    [Fact]
    public Task Agent_calls_outside_a_retry_and_function_invocation_are_not_reported() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        LlmCallProbe.AgentUsings + """
        class SupportDesk(IChatClient inner)
        {
            // The function-invoking client sends the conversation again after each tool call: that is the tool loop,
            // not a retry of the same request.
            private readonly IChatClient client = inner.AsBuilder().UseFunctionInvocation().Build();

            public async Task<string> ReplyAsync(string ticket, CancellationToken ct)
            {
                var agent = client.AsAIAgent(instructions: "Answer the ticket.", tools: [AIFunctionFactory.Create(() => DateTime.UtcNow, "now")]);
                var response = await agent.RunAsync(ticket, cancellationToken: ct);
                var direct = await client.GetResponseAsync(ticket, cancellationToken: ct);
                return response.Text + direct.Text;
            }

            // A loop over tickets (no catch that goes round again) is a batch, not a retry.
            public async Task ReplyAllAsync(AIAgent agent, IEnumerable<string> tickets)
            {
                foreach (var ticket in tickets)
                {
                    await agent.RunAsync(ticket);
                }
            }
        }
        """);
}
