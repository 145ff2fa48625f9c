using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retry loop whose transient catch goes round with the same request, beside a sibling catch that changes the request
/// and then always returns or throws (review 19, M1: PulsaLLM's <c>CallWithRetryAsync</c> caps <c>MaxOutputTokens</c> on a
/// 400 and returns a second call). That change can never reach a later attempt, so the loop is still a retry. A catch
/// that changes the request and goes round is a reformulation and stays quiet.
/// </summary>
public class LeavingCatchChangeTests
{
    private const string MeaiMessage = "using ChatMessage = Microsoft.Extensions.AI.ChatMessage;\n";

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync("AIL0001", Usings + MeaiMessage + source);

    [Fact]
    public Task A_400_catch_that_changes_the_options_and_returns_does_not_hide_the_transient_retry() => VerifyAsync(
        """
        public sealed class Summarizer(IChatClient chatClient)
        {
            public async Task<ChatResponse> WithOverflowCatchAsync(List<ChatMessage> messages, ChatOptions? chatOptions, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chatClient.[|GetResponseAsync|](messages, chatOptions, ct);
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        chatOptions ??= new ChatOptions();
                        chatOptions.MaxOutputTokens = 512;
                        return await chatClient.GetResponseAsync(messages, chatOptions, ct);
                    }
                    catch (ClientResultException ex) when (attempt < 3 && ex.Status is 408 or 429 or >= 500)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2), ct);
                    }
                }
            }

            public async Task<ChatResponse> WithoutOverflowCatchAsync(List<ChatMessage> messages, ChatOptions? chatOptions, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chatClient.[|GetResponseAsync|](messages, chatOptions, ct);
                    }
                    catch (ClientResultException ex) when (attempt < 3 && ex.Status is 408 or 429 or >= 500)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2), ct);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_catch_that_truncates_the_messages_then_returns_or_rethrows_on_every_path_does_not_hide_it() => VerifyAsync(
        """
        public sealed class Worker(IChatClient chatClient)
        {
            public async Task<ChatResponse> CallAsync(List<ChatMessage> messages, ChatOptions? chatOptions, bool canShrink, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chatClient.[|GetResponseAsync|](messages, chatOptions, ct);
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        if (!canShrink)
                        {
                            throw;
                        }

                        messages[^1] = new ChatMessage(ChatRole.User, messages[^1].Text[..1000]);
                        messages.RemoveAt(0);
                        try
                        {
                            return await chatClient.GetResponseAsync(messages, chatOptions, ct);
                        }
                        catch (ClientResultException)
                        {
                            throw;
                        }
                    }
                    catch (ClientResultException ex) when (attempt < 3 && ex.Status >= 500)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_catch_that_changes_the_request_and_goes_round_is_a_reformulation() => VerifyAsync(
        """
        public sealed class Worker(IChatClient chatClient)
        {
            public async Task<ChatResponse> ShrinkAndGoRoundAsync(List<ChatMessage> messages, ChatOptions? chatOptions, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chatClient.GetResponseAsync(messages, chatOptions, ct);
                    }
                    catch (ClientResultException ex) when (ex.Status == 400 && attempt < 3)
                    {
                        chatOptions ??= new ChatOptions();
                        chatOptions.MaxOutputTokens = 512;
                    }
                }
            }

            public async Task<ChatResponse> ReturnsOnlySometimesAsync(List<ChatMessage> messages, ChatOptions? chatOptions, bool once, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await chatClient.GetResponseAsync(messages, chatOptions, ct);
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        messages.RemoveAt(0);
                        if (once)
                        {
                            return await chatClient.GetResponseAsync(messages, chatOptions, ct);
                        }
                    }
                    catch (ClientResultException ex) when (ex.Status >= 500)
                    {
                        await Task.Delay(1000, ct);
                    }
                }

                throw new InvalidOperationException("no answer");
            }

            public async Task<ChatResponse> ContinuesAfterTheChangeAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await chatClient.GetResponseAsync(messages, cancellationToken: ct);
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        messages.RemoveAt(0);
                        continue;
                    }
                    catch (ClientResultException ex) when (ex.Status >= 500)
                    {
                        await Task.Delay(1000, ct);
                    }
                }

                throw new InvalidOperationException("no answer");
            }
        }
        """);

    [Fact]
    public Task A_throw_from_the_changing_catch_that_an_outer_try_in_the_loop_catches_goes_round_changed() => VerifyAsync(
        """
        public sealed class Worker(IChatClient chatClient)
        {
            public async Task<ChatResponse> NestedAsync(List<ChatMessage> messages, ChatOptions chatOptions, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        try
                        {
                            return await chatClient.GetResponseAsync(messages, chatOptions, ct);
                        }
                        catch (ClientResultException ex) when (ex.Status == 400)
                        {
                            chatOptions.MaxOutputTokens = 512;
                            throw;
                        }
                    }
                    catch (ClientResultException ex) when (attempt < 3)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_turn_loop_with_a_leaving_catch_stays_a_turn_loop() => VerifyAsync(
        """
        public sealed class Console2(IChatClient chatClient)
        {
            public async Task RunAsync(List<ChatMessage> history, CancellationToken ct)
            {
                while (true)
                {
                    var line = Console.ReadLine();
                    if (string.IsNullOrEmpty(line))
                    {
                        return;
                    }

                    history.Add(new ChatMessage(ChatRole.User, line));
                    try
                    {
                        var response = await chatClient.GetResponseAsync(history, cancellationToken: ct);
                        history.AddMessages(response);
                        Console.WriteLine(response.Text);
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        history.Clear();
                        return;
                    }
                    catch (ClientResultException ex) when (ex.Status >= 500)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task An_index_advanced_after_a_success_is_read_the_same_way() => VerifyAsync(
        """
        public static class Pages
        {
            public static async Task LeavingAsync(IChatClient client, IReadOnlyList<string> pages, ChatOptions options, List<string> output)
            {
                for (var page = 0; page < pages.Count;)
                {
                    try
                    {
                        var response = await client.[|GetResponseAsync|](pages[page], options);
                        output.Add(response.Text);
                        page += 1;
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        options.MaxOutputTokens = 256;
                        throw;
                    }
                    catch (ClientResultException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            public static async Task GoingRoundAsync(IChatClient client, IReadOnlyList<string> pages, ChatOptions options, List<string> output)
            {
                for (var page = 0; page < pages.Count;)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(pages[page], options);
                        output.Add(response.Text);
                        page += 1;
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        options.MaxOutputTokens = 256;
                    }
                    catch (ClientResultException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_catches_do_not_crash_and_the_transient_catch_still_goes_round() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + MeaiMessage + """
            public sealed class Worker(IChatClient chatClient)
            {
                public async Task<ChatResponse> CallAsync(List<ChatMessage> messages, ChatOptions chatOptions, CancellationToken ct)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            return await chatClient.[|GetResponseAsync|](messages, chatOptions, ct);
                        }
                        catch (ClientResultException ex) when (ex.Status == 400
                        {
                            chatOptions.MaxOutputTokens = ;
                            return
                        }
                        catch (ClientResultException ex) when (attempt < 3 && ex.Status >= 500)
                        {
                            await Task.Delay(1000, ct)
                        }
            }
            """,
        MarkupDiagnosticId = "AIL0001",
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();
}
