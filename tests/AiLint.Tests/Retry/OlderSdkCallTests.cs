using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// Recognition against older SDK versions that real apps still compile against (PackageDownload items of the test
/// project; see <see cref="OlderSdkReferences"/>).
/// </summary>
public class OlderSdkCallTests
{
    [Fact]
    public Task Agent_Framework_1_20() => LlmCallProbe.VerifyAsync(
        LlmCallProbe.AgentUsings + """
        class C
        {
            async Task M(IChatClient chatClient)
            {
                var agent = chatClient.AsAIAgent(instructions: "Answer support tickets.");
                var session = await agent.CreateSessionAsync();
                await agent.{|#0:RunAsync|}("hi", session);
                await foreach (var u in agent.{|#1:RunStreamingAsync|}("hi", session)) { }
                AIAgent any = agent;
                await any.{|#2:RunAsync|}("hi");
            }
        }
        """,
        OlderSdkReferences.Replacing(("Microsoft.Agents.AI", "1.20.0"), ("Microsoft.Agents.AI.Abstractions", "1.20.0")),
        LlmCallProbe.Call(0, "Generation", "AgentFramework"),
        LlmCallProbe.Call(1, "Streaming", "AgentFramework"),
        LlmCallProbe.Call(2, "Generation", "AgentFramework"));

    [Fact]
    public Task OllamaSharp_4() => LlmCallProbe.VerifyAsync(
        """
        using System.Threading.Tasks;
        using OllamaSharp;
        using OllamaSharp.Models;
        using OllamaSharp.Models.Chat;
        class C
        {
            async Task M(OllamaApiClient ollama)
            {
                await foreach (var chunk in ollama.{|#0:GenerateAsync|}(new GenerateRequest { Model = "llama3", Prompt = "hi" })) { }
                await foreach (var chunk in ollama.{|#1:ChatAsync|}(new ChatRequest { Model = "llama3" })) { }
                var chat = new Chat(ollama);
                await foreach (var token in chat.{|#2:SendAsync|}("hi")) { }
                await ollama.ListLocalModelsAsync();
            }
        }
        """,
        // A netstandard2.0 library: IAsyncEnumerable comes from Microsoft.Bcl.AsyncInterfaces (which forwards it on .NET).
        OlderSdkReferences.Replacing(("OllamaSharp", "4.0.17"), ("Microsoft.Bcl.AsyncInterfaces", "8.0.0")),
        LlmCallProbe.Call(0, "Streaming", "Ollama"),
        LlmCallProbe.Call(1, "Streaming", "Ollama"),
        LlmCallProbe.Call(2, "Streaming", "Ollama"));

    [Fact]
    public Task Anthropic_12() => LlmCallProbe.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        class C
        {
            async Task M(AnthropicClient client, MessageCreateParams p)
            {
                await client.Messages.{|#0:Create|}(p);
                await foreach (var e in client.Messages.{|#1:CreateStreaming|}(p)) { }
                await client.Messages.CountTokens(new MessageCountTokensParams { Messages = p.Messages, Model = p.Model });
            }
        }
        """,
        OlderSdkReferences.FrameworkAnd(("Anthropic", "12.60.0")),
        LlmCallProbe.Call(0, "Generation", "Anthropic"),
        LlmCallProbe.Call(1, "Streaming", "Anthropic"));

    [Fact]
    public Task Microsoft_Extensions_AI_Abstractions_9() => LlmCallProbe.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        class C
        {
            async Task M(IChatClient client, IEmbeddingGenerator<string, Embedding<float>> embeddings)
            {
                await client.{|#0:GetResponseAsync|}("hi");
                await foreach (var u in client.{|#1:GetStreamingResponseAsync|}("hi")) { }
                await embeddings.GenerateAsync(new[] { "hi" });
            }
        }
        """,
        OlderSdkReferences.FrameworkAnd(("Microsoft.Extensions.AI.Abstractions", "9.5.0")),
        LlmCallProbe.Call(0, "Generation", "MicrosoftExtensionsAI"),
        LlmCallProbe.Call(1, "Streaming", "MicrosoftExtensionsAI"));
}
