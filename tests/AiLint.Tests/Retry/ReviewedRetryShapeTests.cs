using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Shapes from the fourth outside review: client-side limiters, rate-limit tests written as <c>or</c> patterns and
/// switches, warm-up probes, in-process test doubles of <c>IChatClient</c>. Each negative sits next to the positive
/// twin real code writes beside it.
/// </summary>
public class ReviewedRetryShapeTests
{
    private const string Id = "AIL0001";

    private static Task VerifyAsync(string source) =>
        RetryTestSupport.VerifyAsync(Id, Usings + "using System.Net;\nusing System.Net.Http;\nusing System.Threading.RateLimiting;\nusing ChatMessage = Microsoft.Extensions.AI.ChatMessage;\n" + source);

    // ---- A project exception thrown before the call --------------------------------------------------------------

    [Fact]
    public Task A_limiter_loop_whose_only_catch_is_thrown_before_the_call_is_not_a_retry() => VerifyAsync(
        """
        public sealed class LeaseRejectedException : Exception;

        public static class Ask
        {
            public static async Task<string> LimitedAsync(ChatClient chat, RateLimiter limiter, string q)
            {
                for (var i = 0; i < 5; i++)
                {
                    try
                    {
                        using var lease = await limiter.AcquireAsync();
                        if (!lease.IsAcquired) throw new LeaseRejectedException();
                        ChatCompletion r = await chat.CompleteChatAsync([new UserChatMessage(q)]);
                        return r.Content[0].Text;
                    }
                    catch (LeaseRejectedException) { await Task.Delay(100); }
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task A_project_exception_thrown_after_the_call_or_elsewhere_still_makes_a_retry() => VerifyAsync(
        """
        public sealed class LeaseRejectedException : Exception;
        public sealed class BadAnswerException : Exception;
        public class ModelFailedException : Exception;

        public sealed class Wrapper(IChatClient inner)
        {
            public async Task<ChatResponse> AskAsync(string q)
            {
                try { return await inner.GetResponseAsync(q); }
                catch (HttpRequestException e) { throw new ModelFailedException(); }
            }
        }

        public static class Ask
        {
            // Thrown after the call, on a rejected answer: the catch re-sends the request.
            public static async Task<string> ValidatedAsync(ChatClient chat, string q)
            {
                for (var i = 0; i < 5; i++)
                {
                    try
                    {
                        ChatCompletion r = await chat.[|CompleteChatAsync|]([new UserChatMessage(q)]);
                        if (r.Content.Count == 0) throw new BadAnswerException();
                        return r.Content[0].Text;
                    }
                    catch (BadAnswerException) { await Task.Delay(100); }
                }

                return "";
            }

            // The same limiter, but the catch also admits the SDK's failures.
            public static async Task<string> LimitedAsync(ChatClient chat, RateLimiter limiter, string q)
            {
                for (var i = 0; i < 5; i++)
                {
                    try
                    {
                        using var lease = await limiter.AcquireAsync();
                        if (!lease.IsAcquired) throw new LeaseRejectedException();
                        ChatCompletion r = await chat.[|CompleteChatAsync|]([new UserChatMessage(q)]);
                        return r.Content[0].Text;
                    }
                    catch (LeaseRejectedException) { await Task.Delay(100); }
                    catch (ClientResultException) { await Task.Delay(1000); }
                }

                return "";
            }

            // A project exception that a wrapper throws when the model call failed.
            public static async Task<string> WrappedAsync(Wrapper wrapper, string q)
            {
                for (var i = 0; i < 5; i++)
                {
                    try
                    {
                        if (q.Length == 0) throw new ModelFailedException();
                        return (await wrapper.[|AskAsync|](q)).Text;
                    }
                    catch (ModelFailedException) { await Task.Delay(100); }
                }

                return "";
            }
        }
        """);

    // ---- Rate-limit tests as `or` patterns and switches ------------------------------------------------------------

    [Fact]
    public Task Or_patterns_of_429_and_401_and_a_switch_that_goes_round_only_on_429_are_not_retries() => VerifyAsync(
        """
        public static class Ask
        {
            public static async Task<string> PatternAsync(ChatClient chat, string q)
            {
                for (var i = 0; ; i++)
                {
                    try { ChatCompletion r = await chat.CompleteChatAsync([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e) when (e.Status is 429 or 401 && i < 3) { await Task.Delay(1000); }
                }
            }

            public static async Task<string> NegatedAsync(ChatClient chat, string q)
            {
                while (true)
                {
                    try { ChatCompletion r = await chat.CompleteChatAsync([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e)
                    {
                        if (e.Status is not (429 or 401)) throw;
                        await Task.Delay(1000);
                    }
                }
            }

            public static async Task<string> SwitchAsync(ChatClient chat, string q)
            {
                for (var i = 0; i < 3; i++)
                {
                    try { ChatCompletion r = await chat.CompleteChatAsync([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e)
                    {
                        switch (e.Status)
                        {
                            case 429: await Task.Delay(1000); continue;
                            case 401: continue;
                            default: throw;
                        }
                    }
                }

                return "";
            }

            public static async Task<string> HttpSwitchAsync(IChatClient client, string q)
            {
                for (var i = 0; i < 3; i++)
                {
                    try { return (await client.GetResponseAsync(q)).Text; }
                    catch (HttpRequestException e)
                    {
                        Console.WriteLine(e.Message);
                        switch (e.StatusCode)
                        {
                            case HttpStatusCode.TooManyRequests:
                                await Task.Delay(1000);
                                break;
                            default:
                                throw;
                        }
                    }
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task An_or_pattern_or_a_switch_that_also_admits_a_server_error_is_a_retry() => VerifyAsync(
        """
        public static class Ask
        {
            public static async Task<string> PatternAsync(ChatClient chat, string q)
            {
                for (var i = 0; ; i++)
                {
                    try { ChatCompletion r = await chat.[|CompleteChatAsync|]([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e) when (e.Status is 429 or 503 && i < 3) { await Task.Delay(1000); }
                }
            }

            public static async Task<string> SwitchAsync(ChatClient chat, string q)
            {
                for (var i = 0; i < 3; i++)
                {
                    try { ChatCompletion r = await chat.[|CompleteChatAsync|]([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e)
                    {
                        switch (e.Status)
                        {
                            case 429:
                            case 503: await Task.Delay(1000); continue;
                            default: throw;
                        }
                    }
                }

                return "";
            }

            // No default: any other status falls out of the switch and the loop goes round.
            public static async Task<string> NoDefaultAsync(ChatClient chat, string q)
            {
                for (var i = 0; i < 3; i++)
                {
                    try { ChatCompletion r = await chat.[|CompleteChatAsync|]([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e)
                    {
                        switch (e.Status)
                        {
                            case 429: await Task.Delay(5000); break;
                        }
                    }
                }

                return "";
            }
        }
        """);

    // ---- Warm-up probes --------------------------------------------------------------------------------------------

    [Fact]
    public Task A_warm_up_probe_whose_answer_is_discarded_is_not_a_retry() => VerifyAsync(
        """
        public static class Warmup
        {
            public static async Task RunAsync(IChatClient chat, ChatClient openAi, CancellationToken ct)
            {
                for (var i = 0; i < 3; i++)
                {
                    try { await chat.GetResponseAsync("ping"); break; }
                    catch (HttpRequestException) { await Task.Delay(1000); }
                }

                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        await openAi.CompleteChatAsync([new UserChatMessage("Say OK")], new ChatCompletionOptions { MaxOutputTokenCount = 1 }, ct).ConfigureAwait(false);
                        return;
                    }
                    catch (ClientResultException) { await Task.Delay(1000, ct); }
                }
            }
        }
        """);

    [Fact]
    public Task A_probe_that_keeps_its_answer_or_sends_the_app_s_own_input_is_a_retry() => VerifyAsync(
        """
        public static class Warmup
        {
            public static async Task<string> KeptAsync(IChatClient chat)
            {
                for (var i = 0; i < 3; i++)
                {
                    try { var r = await chat.[|GetResponseAsync|]("ping"); return r.Text; }
                    catch (HttpRequestException) { await Task.Delay(1000); }
                }

                return "";
            }

            public static async Task SendAsync(IChatClient chat, string task)
            {
                for (var i = 0; i < 3; i++)
                {
                    try { await chat.[|GetResponseAsync|](task); break; }
                    catch (HttpRequestException) { await Task.Delay(1000); }
                }
            }
        }
        """);

    // ---- In-process test doubles -----------------------------------------------------------------------------------

    private const string Fakes = """
        public sealed class FlakyChatClient(int failures) : IChatClient
        {
            public int Calls { get; private set; }
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                if (++Calls <= failures) throw new HttpRequestException("simulated 503");
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
            }
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }

        public sealed class LoggingChatClient(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                Console.WriteLine("asking");
                return base.GetResponseAsync(messages, options, cancellationToken);
            }
        }

        public sealed class HttpChatClient(HttpClient http, string endpoint) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                using var content = new StringContent("{}");
                var reply = await http.PostAsync(endpoint + "/api/chat", content, cancellationToken);
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, await reply.Content.ReadAsStringAsync(cancellationToken)));
            }
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }

        public sealed class ForwardingChatClient(IChatClient inner) : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                inner.GetResponseAsync(messages, options, cancellationToken);
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                inner.GetStreamingResponseAsync(messages, options, cancellationToken);
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }

        """;

    [Fact]
    public Task A_retry_test_against_a_fake_client_of_the_project_is_not_reported() => VerifyAsync(
        Fakes + """
        public class FakeTests
        {
            public async Task Concrete()
            {
                var flaky = new FlakyChatClient(2);
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { await flaky.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]); break; }
                    catch (HttpRequestException) { }
                }
            }

            public async Task<string> Interface()
            {
                IChatClient flaky = new FlakyChatClient(2);
                ChatResponse? r = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { r = await flaky.GetResponseAsync("hi"); break; }
                    catch (HttpRequestException) { }
                }

                return r!.Text;
            }

            public async Task<string> Inline(string q)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return (await new FlakyChatClient(1).GetResponseAsync(q)).Text; }
                    catch (HttpRequestException) when (attempt < 3) { }
                }
            }
        }
        """);

    [Fact]
    public Task A_project_client_that_forwards_to_a_model_or_an_unknown_client_is_still_reported() => VerifyAsync(
        Fakes + """
        public class Callers
        {
            public async Task<string> Delegating(IChatClient inner, string q)
            {
                IChatClient chat = new LoggingChatClient(inner);
                for (var attempt = 0; ; attempt++)
                {
                    try { return (await chat.[|GetResponseAsync|](q)).Text; }
                    catch (HttpRequestException) when (attempt < 3) { }
                }
            }

            public async Task<string> Forwarding(IChatClient inner, string q)
            {
                var chat = new ForwardingChatClient(inner);
                for (var attempt = 0; ; attempt++)
                {
                    try { return (await chat.[|GetResponseAsync|]([new ChatMessage(ChatRole.User, q)])).Text; }
                    catch (HttpRequestException) when (attempt < 3) { }
                }
            }

            // A hand-written provider client of the project: it sends HTTP to an endpoint AiLint cannot see.
            public async Task<string> HandWritten(HttpClient http, string endpoint, string q)
            {
                var chat = new HttpChatClient(http, endpoint);
                for (var attempt = 0; ; attempt++)
                {
                    try { return (await chat.[|GetResponseAsync|]([new ChatMessage(ChatRole.User, q)])).Text; }
                    catch (HttpRequestException) when (attempt < 3) { }
                }
            }

            // Assigned twice: which client runs is not visible.
            public async Task<string> Reassigned(IChatClient real, bool fake, string q)
            {
                IChatClient chat = new FlakyChatClient(1);
                if (!fake) chat = real;
                for (var attempt = 0; ; attempt++)
                {
                    try { return (await chat.[|GetResponseAsync|](q)).Text; }
                    catch (HttpRequestException) when (attempt < 3) { }
                }
            }
        }
        """);

    // ---- Half-typed code -------------------------------------------------------------------------------------------

    [Fact]
    public Task Half_typed_shapes_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + "using System.Net.Http;\nusing ChatMessage = Microsoft.Extensions.AI.ChatMessage;\n" + """
                public sealed class Rejected : Exception;
                public sealed class Half : IChatClient
                {
                    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new Missing(;
                }

                public static class Ask
                {
                    public static async Task<string> A(ChatClient chat, string q)
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            try { if (q == null) throw new Rejected(; ChatCompletion r = await chat.[|CompleteChatAsync|](q); return r.Content[0].Text; }
                            catch (Rejected) { }
                            // Half-typed: the `or` pattern admits no known status, so the catch is not a rate-limit wait.
                            catch (ClientResultException e) when (e.Status is 429 or) { }
                            catch (ClientResultException e) { switch (e.Status) { case 429: continue; case : throw; } }
                        }
                        return "";
                    }

                    public static async Task B(IChatClient chat)
                    {
                        var fake = new Half();
                        for (var i = 0; i < 3; i++)
                        {
                            try { await fake.GetResponseAsync("ping", ); break; }
                            catch (HttpRequestException) { }
                            try { await chat.GetResponseAsync(Unknown.Prompt); break; }
                            catch { }
                        }
                    }
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
