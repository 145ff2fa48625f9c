using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A "retry once" written without a loop: the try makes an LLM call and its catch, of a failure that call can raise,
/// makes the same call again (same method, same receiver, the same arguments, nothing changed in between). The second
/// call samples and bills a new answer for a request that may already have been answered, so it is AIL0001 at the call
/// in the catch, named after the catch. A catch that calls another client (failover), changes the request
/// (self-correction, a shorter history, another model), rethrows or returns a fallback stays quiet, as in loops.
/// </summary>
public class CatchResendOnceTests
{
    private const string Id = "AIL0001";

    private const string LocalUsings = Usings + """
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Text.Json;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, LocalUsings + source, expected);

    private static DiagnosticResult Resend(int location, string method, int catchLine) =>
        Diagnostic(Id).WithLocation(location).WithArguments(method, $"catch at line {catchLine} that sends the same request again");

    // Lines are counted from the start of the test source: the usings above take 16 lines.
    private const int UsingLines = 16;

    [Fact]
    public Task A_catch_that_sends_the_same_request_again_is_reported() => VerifyAsync(
        """
        class ReplyService(IChatClient chatClient)
        {
            public async Task<ChatResponse> ReplyAsync(IEnumerable<ChatMessage> history, ChatOptions? options, CancellationToken ct)
            {
                try
                {
                    return await chatClient.GetResponseAsync(history, options, ct);
                }
                catch (ArgumentNullException ex) when (ex.ParamName == "encodedArguments")
                {
                    Console.WriteLine("tool call arrived without arguments; asking once more");
                    return await chatClient.{|#0:GetResponseAsync|}(history, options, ct);
                }
            }

            public async Task<string> SummarizeAsync(IList<ChatMessage> history, CancellationToken ct)
            {
                ChatResponse response;
                try
                {
                    response = await chatClient.GetResponseAsync(history, cancellationToken: ct);
                }
                catch (HttpRequestException ex)
                {
                    Console.WriteLine(ex.Message);
                    await Task.Delay(1000, ct);
                    response = await chatClient.{|#1:GetResponseAsync|}(history, cancellationToken: ct);
                }

                return response.Text;
            }
        }
        """,
        Resend(0, "GetResponseAsync", UsingLines + 9),
        Resend(1, "GetResponseAsync", UsingLines + 23));

    [Fact]
    public Task A_catch_inside_a_turn_loop_is_reported_once_at_the_resend() => VerifyAsync(
        """
        class ConsoleChat(IChatClient chat)
        {
            public async Task RunAsync(CancellationToken ct)
            {
                var history = new List<ChatMessage>();
                while (true)
                {
                    var line = Console.ReadLine();
                    if (line is null)
                    {
                        return;
                    }

                    history.Add(new ChatMessage(ChatRole.User, line));
                    ChatResponse answer;
                    try
                    {
                        answer = await chat.GetResponseAsync(history, cancellationToken: ct);
                    }
                    catch (TaskCanceledException)
                    {
                        answer = await chat.{|#0:GetResponseAsync|}(history, cancellationToken: ct);
                    }

                    history.AddMessages(answer);
                    Console.WriteLine(answer.Text);
                }
            }
        }
        """,
        Resend(0, "GetResponseAsync", UsingLines + 20));

    [Fact]
    public Task Failover_and_changed_requests_stay_quiet() => VerifyAsync(
        """
        class Replies(IChatClient primary, IChatClient fallback)
        {
            // Failover: the catch asks another client.
            public async Task<ChatResponse> FailoverAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                try { return await primary.GetResponseAsync(messages, cancellationToken: ct); }
                catch (HttpRequestException) { return await fallback.GetResponseAsync(messages, cancellationToken: ct); }
            }

            // Self-correction: the error goes into the conversation first.
            public async Task<ChatResponse> CorrectAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                try { return await primary.GetResponseAsync(messages, cancellationToken: ct); }
                catch (InvalidOperationException ex)
                {
                    messages.Add(new ChatMessage(ChatRole.User, "Your last reply failed: " + ex.Message));
                    return await primary.GetResponseAsync(messages, cancellationToken: ct);
                }
            }

            // A shorter history: a different request.
            public async Task<ChatResponse> TruncateAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                try { return await primary.GetResponseAsync(messages, cancellationToken: ct); }
                catch (HttpRequestException)
                {
                    messages.RemoveRange(0, messages.Count / 2);
                    return await primary.GetResponseAsync(messages, cancellationToken: ct);
                }
            }

            public async Task<ChatResponse> RebuildAsync(IList<ChatMessage> messages, CancellationToken ct)
            {
                try { return await primary.GetResponseAsync(messages, cancellationToken: ct); }
                catch (HttpRequestException)
                {
                    messages = messages.Skip(2).ToList();
                    return await primary.GetResponseAsync(messages, cancellationToken: ct);
                }
            }

            // Another model on the same options object.
            public async Task<ChatResponse> SmallerModelAsync(List<ChatMessage> messages, ChatOptions options, CancellationToken ct)
            {
                try { return await primary.GetResponseAsync(messages, options, ct); }
                catch (HttpRequestException)
                {
                    options.ModelId = "gpt-4o-mini";
                    return await primary.GetResponseAsync(messages, options, ct);
                }
            }

            // Other arguments: another options object, a new message list.
            public async Task<ChatResponse> OtherArgumentsAsync(List<ChatMessage> messages, ChatOptions options, ChatOptions cheap, string question, CancellationToken ct)
            {
                try { return await primary.GetResponseAsync(messages, options, ct); }
                catch (HttpRequestException)
                {
                    try { return await primary.GetResponseAsync(messages, cheap, ct); }
                    catch (HttpRequestException) { return await primary.GetResponseAsync(new List<ChatMessage> { new(ChatRole.User, question) }, options, ct); }
                }
            }
        }
        """);

    [Fact]
    public Task Catches_that_leave_or_guard_other_failures_stay_quiet() => VerifyAsync(
        """
        class QuotaExceededException : Exception { }

        class Store
        {
            public Task SaveAsync(string text) => Task.CompletedTask;
        }

        class Replies(IChatClient chat, Store store)
        {
            public async Task<ChatResponse> RethrowAsync(List<ChatMessage> messages)
            {
                try { return await chat.GetResponseAsync(messages); }
                catch (HttpRequestException ex) { Console.WriteLine(ex.Message); throw; }
            }

            public async Task<string> FallbackTextAsync(List<ChatMessage> messages)
            {
                try { return (await chat.GetResponseAsync(messages)).Text; }
                catch (HttpRequestException) { return "The assistant is unavailable right now."; }
            }

            // Not an LLM call: saving twice is the store's business.
            public async Task SaveAsync(string text)
            {
                try { await store.SaveAsync(text); }
                catch (IOException) { await store.SaveAsync(text); }
            }

            // A second attempt in the finally is not a catch.
            public async Task<ChatResponse?> FinallyAsync(List<ChatMessage> messages)
            {
                ChatResponse? response = null;
                try { response = await chat.GetResponseAsync(messages); }
                finally { if (response is null) { response = await chat.GetResponseAsync(messages); } }
                return response;
            }

            // The project's own exception: the SDK cannot raise it, so the call in the try never failed with it.
            public async Task<ChatResponse> QuotaAsync(List<ChatMessage> messages, bool overQuota)
            {
                try
                {
                    if (overQuota) throw new QuotaExceededException();
                    return await chat.GetResponseAsync(messages);
                }
                catch (QuotaExceededException) { await Task.Delay(1000); return await chat.GetResponseAsync(messages); }
            }

            // A 429 refused the request: nothing was generated.
            public async Task<ChatResponse> RateLimitedAsync(List<ChatMessage> messages)
            {
                try { return await chat.GetResponseAsync(messages); }
                catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(2000);
                    return await chat.GetResponseAsync(messages);
                }
            }
        }
        """.Replace("IOException", "System.IO.IOException"));

    [Fact]
    public Task A_call_with_an_idempotency_key_made_before_the_try_stays_quiet() => VerifyAsync(
        """
        class Gateway(IChatClient chat)
        {
            public async Task<string> DraftAsync(string topic, [IdempotencyKey] string? requestId = null) =>
                (await chat.GetResponseAsync(topic)).Text;
        }

        class Drafts(Gateway gateway)
        {
            public async Task<string> DraftAsync(string topic, string requestId)
            {
                try { return await gateway.DraftAsync(topic, requestId); }
                catch (HttpRequestException) { await Task.Delay(500); return await gateway.DraftAsync(topic, requestId); }
            }

            public async Task<string> KeylessAsync(string topic)
            {
                try { return await gateway.DraftAsync(topic); }
                catch (HttpRequestException) { await Task.Delay(500); return await gateway.{|#0:DraftAsync|}(topic); }
            }
        }
        """,
        Resend(0, "DraftAsync", UsingLines + 18));

    /// <summary>
    /// The key fixes put a key before the retry and pass it to the retried call; here that would key the second call
    /// only, which no server can match with the first, so neither fix is offered.
    /// </summary>
    [Fact]
    public Task No_key_fix_is_offered_on_a_catch_that_resends() => new CodeFixTest<RetryAnalyzer, AddIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = LocalUsings + KeyedGateway,
        FixedCode = LocalUsings + KeyedGateway,
    }.RunAsync();

    [Fact]
    public Task No_run_once_fix_is_offered_on_a_catch_that_resends() => new CodeFixTest<RetryAnalyzer, RunOnceWithRuntimeCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        References = AiLint.Tests.Runtime.RuntimeTestSupport.WithRuntime,
        TestCode = AiLint.Tests.Runtime.RuntimeTestSupport.Usings + RuntimeShape,
        FixedCode = AiLint.Tests.Runtime.RuntimeTestSupport.Usings + RuntimeShape,
    }.RunAsync();

    private const string KeyedGateway = """
        class Gateway(IChatClient chat)
        {
            public async Task<string> DraftAsync(string topic, [IdempotencyKey] string? requestId = null) =>
                (await chat.GetResponseAsync(topic)).Text;
        }

        class Drafts(Gateway gateway)
        {
            public async Task<string> DraftAsync(string topic)
            {
                try { return await gateway.DraftAsync(topic); }
                catch (HttpRequestException) { return await gateway.[|DraftAsync|](topic); }
            }
        }
        """;

    private const string RuntimeShape = """
        class Replies(IChatClient chat, IDistributedCache cache)
        {
            public async Task<ChatResponse> ReplyAsync(string question, CancellationToken ct)
            {
                try { return await chat.GetResponseAsync(question, cancellationToken: ct); }
                catch (System.Net.Http.HttpRequestException) { return await chat.[|GetResponseAsync|](question, cancellationToken: ct); }
            }
        }
        """;

    [Fact]
    public Task A_catch_resend_in_half_typed_code_does_not_crash() => new AiLint.Tests.Verifiers.AnalyzerTest<RetryAnalyzer>
    {
        TestCode = LocalUsings + """
            class Replies(IChatClient chat)
            {
                public async Task<ChatResponse> TypingAsync(List<ChatMessage> messages, CancellationToken ct)
                {
                    try { return await chat.GetResponseAsync(messages, cancellationToken: ct); }
                    catch (HttpRequestException) { return await chat.GetResponseAsync(messages, ); }
                }

                public async Task<ChatResponse> UnknownAsync(List<ChatMessage> messages)
                {
                    try { return await chat.GetResponseAsync(mesages); }
                    catch (HttpRequestException) { return await chat.GetResponseAsync(mesages); }
                }

                public async Task<ChatResponse> NoTypeAsync(List<ChatMessage> messages)
                {
                    try { return await chat.GetResponseAsync(messages); }
                    catch (Nope) { return await chat.GetResponseAsync(messages); }
                    catch ( { }
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
