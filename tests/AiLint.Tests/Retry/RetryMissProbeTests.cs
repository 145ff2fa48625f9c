using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

public class RetryMissProbeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using AiLint;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync("AIL0001", Usings + source);

    [Fact]
    public Task P1_for_null_helper() => VerifyAsync(
        """
        class Asker(IChatClient chat)
        {
            public async Task<string?> AskAsync(string prompt)
            {
                string? reply = null;
                for (var i = 0; reply is null && i < 3; i++)
                    reply = await [|TryAskAsync|](prompt);
                return reply;
            }

            private async Task<string?> TryAskAsync(string prompt)
            {
                try { return (await chat.GetResponseAsync(prompt)).Text; }
                catch (HttpRequestException) { return null; }
            }
        }
        """);

    [Fact]
    public Task P2_while_bool_helper() => VerifyAsync(
        """
        class Summariser(IChatClient chat)
        {
            public string? Summary;
            public async Task RunAsync(string doc)
            {
                var ok = false;
                var attempts = 0;
                while (!ok && attempts++ < 3)
                {
                    ok = await [|TrySummariseAsync|](doc);
                }
            }

            private async Task<bool> TrySummariseAsync(string doc)
            {
                try { Summary = (await chat.GetResponseAsync("Summarise: " + doc)).Text; return true; }
                catch (Exception) { return false; }
            }
        }
        """);

    [Fact]
    public Task P3_recursion_after_bad_result() => VerifyAsync(
        """
        class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(string prompt, int attempt = 0)
            {
                var r = await chat.[|GetResponseAsync|](prompt);
                if (string.IsNullOrWhiteSpace(r.Text) && attempt < 3)
                    return await AskAsync(prompt, attempt + 1);
                return r.Text;
            }
        }
        """);

    [Fact]
    public Task P4_recursion_in_catch() => VerifyAsync(
        """
        class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(string prompt, int attempt = 0)
            {
                try { return (await chat.[|GetResponseAsync|](prompt)).Text; }
                catch (HttpRequestException) when (attempt < 3)
                {
                    await Task.Delay(1000 * (attempt + 1));
                    return await AskAsync(prompt, attempt + 1);
                }
            }
        }
        """);

    [Fact]
    public Task P5_goto_retry() => VerifyAsync(
        """
        class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(string prompt)
            {
                var attempt = 0;
            retry:
                try { return (await chat.[|GetResponseAsync|](prompt)).Text; }
                catch (HttpRequestException) when (attempt < 3)
                {
                    attempt++;
                    await Task.Delay(1000);
                    goto retry;
                }
            }
        }
        """);

    [Fact]
    public Task P6_recursion_key_from_attempt() => RetryTestSupport.VerifyAsync("AIL0004", Usings +
        """
        class Gateway(IChatClient chat)
        {
            public async Task<string> CompleteAsync(string prompt, [IdempotencyKey] string key) => (await chat.GetResponseAsync(prompt)).Text;
        }
        class Asker(Gateway gateway)
        {
            public async Task<string> AskAsync(string id, string prompt, int attempt = 0)
            {
                try { return await gateway.CompleteAsync(prompt, [|$"{id}-{attempt}"|]); }
                catch (HttpRequestException) when (attempt < 3)
                {
                    return await AskAsync(id, prompt, attempt + 1);
                }
            }
        }
        """);

    [Fact]
    public Task P7_goto_key_from_counter() => RetryTestSupport.VerifyAsync("AIL0004", Usings +
        """
        class Gateway(IChatClient chat)
        {
            public async Task<string> CompleteAsync(string prompt, [IdempotencyKey] string key) => (await chat.GetResponseAsync(prompt)).Text;
        }
        class Asker(Gateway gateway)
        {
            public async Task<string> AskAsync(string id, string prompt)
            {
                var attempt = 0;
            retry:
                try { return await gateway.CompleteAsync(prompt, [|$"{id}-{attempt}"|]); }
                catch (HttpRequestException) when (attempt < 3)
                {
                    attempt++;
                    goto retry;
                }
            }
        }
        """);

    [Fact]
    public Task P8_recursive_extension() => VerifyAsync(
        """
        static class ChatExtensions
        {
            public static async Task<ChatResponse> AskWithRetryAsync(this IChatClient chat, IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken ct = default, int maxRetry = 5)
            {
                try
                {
                    return await chat.[|GetResponseAsync|](messages, options, ct);
                }
                catch (Exception)
                {
                    await Task.Delay(10000, ct);
                    return await chat.AskWithRetryAsync(messages, options, ct, maxRetry - 1);
                }
            }
        }
        """);

    [Fact]
    public Task P9_recursive_429_only() => VerifyAsync(
        """
        static class ChatExtensions
        {
            public static async Task<ChatResponse> AskWithRetryAsync(this IChatClient chat, IEnumerable<ChatMessage> messages, int maxRetry = 5)
            {
                try
                {
                    return await chat.GetResponseAsync(messages);
                }
                catch (HttpRequestException ex)
                {
                    if (ex.StatusCode == System.Net.HttpStatusCode.TooManyRequests && maxRetry > 0)
                    {
                        await Task.Delay(10000);
                        return await chat.AskWithRetryAsync(messages, maxRetry - 1);
                    }
                    throw;
                }
            }
        }
        """);

    [Fact]
    public Task P10_recursion_fallback_without_image() => VerifyAsync(
        """
        class Asker(IChatClient chat)
        {
            public async Task<string?> AskAsync(string prompt, byte[]? image)
            {
                var message = new ChatMessage(ChatRole.User, prompt);
                if (image is not null) message.Contents.Add(new DataContent(image, "image/png"));
                ChatResponse? r = null;
                try { r = await chat.GetResponseAsync([message]); } catch (HttpRequestException) { }
                if (r is null && image is not null)
                    return await AskAsync(prompt, null);
                return r?.Text;
            }
        }
        """);

    [Fact]
    public Task P11_turn_loop_with_helper() => VerifyAsync(
        """
        class Repl(IChatClient chat)
        {
            public async Task RunAsync()
            {
                string? reply = null;
                while (reply is null)
                {
                    var input = Console.ReadLine();
                    if (input is null) break;
                    reply = await TryAskAsync(input);
                }
            }

            private async Task<string?> TryAskAsync(string prompt)
            {
                try { return (await chat.GetResponseAsync(prompt)).Text; }
                catch (HttpRequestException) { return null; }
            }
        }
        """);

    [Fact]
    public Task P12_work_queue_with_helper() => VerifyAsync(
        """
        class Worker(IChatClient chat)
        {
            public async Task RunAsync(Queue<string> docs)
            {
                var ok = true;
                while (ok && docs.Count > 0)
                {
                    var doc = docs.Dequeue();
                    ok = await TrySummariseAsync(doc);
                }
            }

            private async Task<bool> TrySummariseAsync(string doc)
            {
                try { await chat.GetResponseAsync("Summarise: " + doc); return true; }
                catch (Exception) { return false; }
            }
        }
        """);
}
