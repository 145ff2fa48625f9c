using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A project wrapper whose every LLM call runs in a first-result store consult keyed from its parameters
/// (docs/rules/AIL0001.md, compliant example #2, moved into a method): retrying a call of it returns the first answer.
/// </summary>
public class CachedWrapperTests
{
    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync("AIL0001", Usings + "using System.Net.Http;\nusing Microsoft.Extensions.Caching.Memory;\n" + source);

    private const string Retry = """
        public static class Retry
        {
            public static async Task<T> RunAsync<T>(Func<Task<T>> f)
            {
                for (var i = 0; ; i++)
                {
                    try { return await f(); }
                    catch (HttpRequestException) when (i < 3) { await Task.Delay(200 * (i + 1)); }
                }
            }
        }

        """;

    [Fact]
    public Task A_retried_call_of_a_wrapper_keyed_from_its_parameters_is_keyed() => VerifyAsync(
        Retry + """
        public sealed class CachedChat(ChatClient chat, IMemoryCache cache)
        {
            public async Task<string> ReplyAsync(string ticketId, string text, CancellationToken ct) =>
                (await cache.GetOrCreateAsync($"reply:{ticketId}", async _ =>
                {
                    ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage(text)], cancellationToken: ct);
                    return c.Content[0].Text;
                }))!;

            public async Task<string> ConstantAsync(string text) =>
                (await cache.GetOrCreateAsync("greeting", async _ => (await chat.CompleteChatAsync(text)).Value.Content[0].Text))!;
        }

        public sealed class Handler(CachedChat chat, ResiliencePipeline pipeline)
        {
            public Task<string> HandleAsync(string id, string text, CancellationToken ct) => Retry.RunAsync(() => chat.ReplyAsync(id, text, ct));

            public async Task<string> PipelineAsync(string id, string text) =>
                await pipeline.ExecuteAsync(async ct => await chat.ReplyAsync(id, text, ct));

            public Task<string> GreetAsync(string text) => Retry.RunAsync(() => chat.ConstantAsync(text));
        }
        """);

    [Fact]
    public Task A_wrapper_with_a_call_outside_the_store_or_a_key_that_changes_is_still_a_retry() => VerifyAsync(
        Retry + """
        public sealed class CachedChat(ChatClient chat, IMemoryCache cache)
        {
            private int calls;

            // The fallback runs outside the store.
            public async Task<string> ReplyAsync(string ticketId, string text)
            {
                var cached = await cache.GetOrCreateAsync($"reply:{ticketId}", async _ => (await chat.CompleteChatAsync(text)).Value.Content[0].Text);
                return cached ?? (await chat.CompleteChatAsync(text)).Value.Content[0].Text;
            }

            // The key reads a field that changes between calls.
            public async Task<string> CountedAsync(string ticketId, string text) =>
                (await cache.GetOrCreateAsync($"reply:{ticketId}:{calls++}", async _ => (await chat.CompleteChatAsync(text)).Value.Content[0].Text))!;

            // A fresh key inside the wrapper.
            public async Task<string> FreshAsync(string text) =>
                (await cache.GetOrCreateAsync(Guid.NewGuid().ToString(), async _ => (await chat.CompleteChatAsync(text)).Value.Content[0].Text))!;

            public async Task<string> KeyedAsync(string ticketId, string text) =>
                (await cache.GetOrCreateAsync($"reply:{ticketId}", async _ => (await chat.CompleteChatAsync(text)).Value.Content[0].Text))!;
        }

        public sealed class Handler(CachedChat chat)
        {
            public Task<string> A(string id, string text) => Retry.RunAsync(() => chat.[|ReplyAsync|](id, text));

            public Task<string> B(string id, string text) => Retry.RunAsync(() => chat.[|CountedAsync|](id, text));

            public Task<string> C(string text) => Retry.RunAsync(() => chat.[|FreshAsync|](text));

            // The key argument is created fresh on every attempt: AIL0004 on it.
            public Task<string> D(string text) => Retry.RunAsync(() => chat.KeyedAsync({|AIL0004:Guid.NewGuid().ToString()|}, text));
        }
        """);

    [Fact]
    public Task Half_typed_wrappers_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + "using System.Net.Http;\nusing Microsoft.Extensions.Caching.Memory;\n" + Retry + """
                public sealed class CachedChat(ChatClient chat, IMemoryCache cache)
                {
                    public async Task<string> ReplyAsync(string ticketId, string text) =>
                        (await cache.GetOrCreateAsync($"reply:{ticketId", async _ => (await chat.CompleteChatAsync(text)).Value.Content[0].Text))!;
                    public async Task<string> Other(string text) => (await cache.GetOrCreateAsync(, async _ => (await chat.CompleteChatAsync(text)).Value))!;
                }

                public sealed class Handler(CachedChat chat)
                {
                    public Task<string> A(string id, string text) => Retry.RunAsync(() => chat.ReplyAsync(id, ));
                    public Task<string> B(string text) => Retry.RunAsync(() => chat.Other(text));
                }
                """,
            MarkupDiagnosticId = "AIL0001",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
