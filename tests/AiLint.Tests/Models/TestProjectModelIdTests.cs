using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// In a unit-test project, a provider-neutral request (<c>ChatOptions</c>, Semantic Kernel's settings) handed to an
/// in-process fake is a fixture: its model id and sampling parameters go nowhere, so they are checked only when the
/// same member visibly sends the request to a client it built from an SDK. Concrete SDK clients are checked as
/// anywhere else: integration tests call the provider.
/// </summary>
public class TestProjectModelIdTests
{
    private const string FakeClient = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Xunit;

        public sealed class FakeChatClient : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }

        """;

    private static Task VerifyTestProjectAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = FakeClient + code };
        test.References = test.References.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Requests_handed_to_a_fake_client_in_a_test_project_are_fixtures() =>
        VerifyTestProjectAsync("""
            public class FakeTests
            {
                [Fact]
                public async Task Options_reach_the_fake()
                {
                    var fake = new FakeChatClient();
                    await fake.GetResponseAsync(new[] { new ChatMessage(ChatRole.User, "hi") }, new ChatOptions { ModelId = "gpt-4-0613" });
                    await fake.GetResponseAsync(new[] { new ChatMessage(ChatRole.User, "hi") }, new ChatOptions { ModelId = "gpt-6-astra", Temperature = 0.2f });
                    var options = new ChatOptions();
                    options.ModelId = "gpt-3.5-turbo-0613";
                    IChatClient client = fake;
                    await client.GetResponseAsync(new[] { new ChatMessage(ChatRole.User, "hi") }, options);
                }

                private readonly ChatOptions shared = new();

                [Fact]
                public void A_shared_fixture_is_set_up()
                {
                    shared.ModelId = "gpt-4-0613";
                }
            }
            """);

    // Integration tests next to them: a concrete SDK client, and a neutral request sent to a client the test built
    // from the SDK, are requests to the provider.
    [Fact]
    public Task Sdk_clients_and_requests_sent_to_them_are_checked_in_a_test_project() =>
        VerifyTestProjectAsync("""
            public class LiveTests
            {
                [Fact]
                public async Task Calls_the_provider()
                {
                    var chat = new OpenAI.Chat.ChatClient({|#0:"gpt-4-0613"|}, "key");
                    IChatClient client = new OpenAI.OpenAIClient("key").GetChatClient("gpt-5.5-2026-04-23").AsIChatClient();
                    await client.GetResponseAsync(new[] { new ChatMessage(ChatRole.User, "hi") }, new ChatOptions { ModelId = {|#1:"gpt-3.5-turbo-0613"|} });
                    await client.GetResponseAsync(new[] { new ChatMessage(ChatRole.User, "hi") }, new ChatOptions { ModelId = "gpt-6-astra", {|#2:Temperature = 0.2f|} });
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4-0613", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo-0613", "2024-09-13", ""),
            Diagnostic("AIL0504").WithLocation(2).WithArguments("gpt-6-astra", "temperature"));

    // The same fixture outside a test project is checked as before.
    [Fact]
    public Task The_same_requests_in_an_app_are_checked() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            class App
            {
                async Task Run(IChatClient chat)
                {
                    await chat.GetResponseAsync("hi", new ChatOptions { ModelId = {|#0:"gpt-4-0613"|} });
                    await chat.GetResponseAsync("hi", new ChatOptions { ModelId = "gpt-6-astra", {|#1:Temperature = 0.2f|} });
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4-0613", "2026-10-23", ""),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "temperature"));
}
