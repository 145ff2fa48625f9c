using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

public class ProbeTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.IO;
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json;
        using Polly.Retry;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source, expected);

    [Fact]
    public Task P01_agent_tool_loop_with_try() => VerifyAsync(
        """
        sealed class Agent(IChatClient chat)
        {
            public async Task<string> RunAsync(List<ChatMessage> history, ChatOptions options)
            {
                while (true)
                {
                    ChatResponse r;
                    try
                    {
                        r = await chat.GetResponseAsync(history, options);
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                        await Task.Delay(1000);
                        continue;
                    }
                    history.AddMessages(r);
                    var calls = r.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionCallContent>().ToList();
                    if (calls.Count == 0) return r.Text;
                    foreach (var c in calls) history.Add(new ChatMessage(ChatRole.Tool, [new Microsoft.Extensions.AI.FunctionResultContent(c.CallId, "ok")]));
                }
            }
        }
        """);

    [Fact]
    public Task P02_repl_with_try() => VerifyAsync(
        """
        sealed class Repl(IChatClient chat)
        {
            public async Task RunAsync()
            {
                string? line;
                var history = new List<ChatMessage>();
                while ((line = Console.ReadLine()) != null)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync(line);
                        Console.WriteLine(r.Text);
                        if (line == "quit") break;
                    }
                    catch (Exception ex) { Console.WriteLine(ex.Message); }
                }
            }
        }
        """);

    [Fact]
    public Task P03_self_consistency_with_try() => VerifyAsync(
        """
        sealed class Voter(IChatClient chat)
        {
            public async Task<string> VoteAsync(string prompt, int samples)
            {
                var answers = new List<string>();
                for (var i = 0; i < samples; i++)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync(prompt, new ChatOptions { Temperature = 0.8f });
                        answers.Add(r.Text);
                    }
                    catch (HttpRequestException) { }
                }
                return answers.GroupBy(a => a).OrderByDescending(g => g.Count()).First().Key;
            }

            public async Task<string> BestOfAsync(string prompt, int n)
            {
                string best = "";
                for (var i = 0; i < n; i++)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    if (r.Text.Length > best.Length) best = r.Text;
                }
                return best;
            }
        }
        """);

    [Fact]
    public Task P04_eval_loop() => VerifyAsync(
        """
        record Case(string Input, string Expected);
        sealed class Eval(IChatClient chat)
        {
            public async Task<int> RunAsync(IReadOnlyList<Case> cases)
            {
                var passed = 0;
                for (var i = 0; i < cases.Count; i++)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync(cases[i].Input);
                        if (r.Text.Contains(cases[i].Expected)) passed++;
                    }
                    catch (Exception ex) { Console.WriteLine(ex); continue; }
                }
                return passed;
            }
        }
        """);

    [Fact]
    public Task P05_summarise_until_short() => VerifyAsync(
        """
        sealed class Shrinker(IChatClient chat)
        {
            public async Task<string> ShrinkAsync(string text, int max)
            {
                while (text.Length > max)
                {
                    var r = await chat.GetResponseAsync("Summarize: " + text);
                    text = r.Text;
                }
                return text;
            }

            public async Task<string> ShrinkTryAsync(string text, int max)
            {
                var current = text;
                for (var pass = 0; pass < 5; pass++)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync("Shorten: " + current);
                        current = r.Text;
                        if (current.Length <= max) return current;
                    }
                    catch (HttpRequestException) { }
                }
                return current;
            }
        }
        """);

    [Fact]
    public Task P06_stream_resume() => VerifyAsync(
        """
        sealed class Resumer(IChatClient chat)
        {
            public async Task<string> StreamAsync(List<ChatMessage> messages, ChatOptions options)
            {
                var text = new System.Text.StringBuilder();
                while (true)
                {
                    try
                    {
                        await foreach (var u in chat.GetStreamingResponseAsync(messages, options))
                        {
                            text.Append(u.Text);
                            options.ContinuationToken = u.ContinuationToken;
                        }
                        return text.ToString();
                    }
                    catch (IOException)
                    {
                        await Task.Delay(500);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task P07_conversation_turns_test() => VerifyAsync(
        """
        sealed class Turns(IChatClient chat)
        {
            public async Task RunAsync()
            {
                var history = new List<ChatMessage>();
                foreach (var turn in new[] { "hi", "what's the weather", "thanks" })
                {
                    history.Add(new ChatMessage(ChatRole.User, turn));
                    try
                    {
                        var r = await chat.GetResponseAsync(history);
                        history.AddMessages(r);
                    }
                    catch (Exception) { continue; }
                }
            }
        }
        """);

    [Fact]
    public Task P08_paging_chunks() => VerifyAsync(
        """
        sealed class Pager(IChatClient chat)
        {
            public async Task<List<string>> PagesAsync(string doc)
            {
                var result = new List<string>();
                var offset = 0;
                while (offset < doc.Length)
                {
                    var chunk = doc.Substring(offset, Math.Min(1000, doc.Length - offset));
                    try
                    {
                        var r = await chat.GetResponseAsync("Summarize: " + chunk);
                        result.Add(r.Text);
                    }
                    catch (HttpRequestException) { }
                    offset += 1000;
                }
                return result;
            }
        }
        """);

    // ---------------- misses ----------------

    [Fact]
    public Task M01_polly_v7_inline() => VerifyAsync(
        """
        sealed class V7(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string q) =>
                await Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i))
                    .ExecuteAsync(() => chat.[|GetResponseAsync|](q));
        }
        """);

    [Fact]
    public Task M02_polly_v7_field_ctor_nonreadonly() => VerifyAsync(
        """
        sealed class V7Field
        {
            private readonly IChatCompletionService chat;
            private IAsyncPolicy policy;
            public V7Field(IChatCompletionService chat)
            {
                this.chat = chat;
                policy = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
            }
            public async Task<string?> AskAsync(ChatHistory h) =>
                (await policy.ExecuteAsync(() => chat.[|GetChatMessageContentAsync|](h))).Content;
        }
        """);

    [Fact]
    public Task M03_pipeline_from_helper_timeout_only() => VerifyAsync(
        """
        sealed class Helper(IChatClient chat)
        {
            private readonly ResiliencePipeline pipeline = CreatePipeline();
            private static ResiliencePipeline CreatePipeline() => new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(30)).Build();
            public async Task<ChatResponse> AskAsync(string q) =>
                await pipeline.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task M04_pipeline_from_helper_retry_in_other_class() => VerifyAsync(
        """
        static class Pipelines
        {
            public static ResiliencePipeline Create()
            {
                var builder = new ResiliencePipelineBuilder();
                builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 });
                return builder.Build();
            }
        }
        sealed class User(IChatClient chat)
        {
            private readonly ResiliencePipeline pipeline = Pipelines.Create();
            public async Task<ChatResponse> AskAsync(string q) =>
                await pipeline.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task M05_property_timeout_only() => VerifyAsync(
        """
        sealed class Prop(IChatClient chat)
        {
            private ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(30)).Build();
            public async Task<ChatResponse> AskAsync(string q) =>
                await Pipeline.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task M06_v7_policy_helper_timeout_only() => VerifyAsync(
        """
        sealed class V7Timeout(IChatClient chat)
        {
            private static IAsyncPolicy CreatePolicy() => Policy.TimeoutAsync(30);
            private readonly IAsyncPolicy policy = CreatePolicy();
            public async Task<ChatResponse> AskAsync(string q) =>
                await policy.ExecuteAsync(() => chat.GetResponseAsync(q));
        }
        """);

    [Fact]
    public Task M07_recursion_attempt_plus_one() => VerifyAsync(
        """
        sealed class Rec(IChatClient chat)
        {
            public async Task<string> AskAsync(string q, int attempt = 0)
            {
                try
                {
                    var r = await chat.[|GetResponseAsync|](q);
                    return r.Text;
                }
                catch (Exception ex) when (attempt < 3)
                {
                    Console.WriteLine(ex.Message);
                    await Task.Delay(1000 * (attempt + 1));
                    return await AskAsync(q, attempt + 1);
                }
            }
        }
        """);

    [Fact]
    public Task M08_recursion_through_wrapper_helper() => VerifyAsync(
        """
        sealed class Rec2(ChatClient chat)
        {
            public async Task<string> AskAsync(List<OpenAI.Chat.ChatMessage> messages, int retries = 3)
            {
                try
                {
                    ChatCompletion c = await chat.[|CompleteChatAsync|](messages);
                    return c.Content[0].Text;
                }
                catch (ClientResultException)
                {
                    if (retries <= 0) throw;
                    await Task.Delay(2000);
                    return await AskAsync(messages, --retries);
                }
            }
        }
        """);

    [Fact]
    public Task M09_retry_around_post_helper() => VerifyAsync(
        """
        sealed class Gateway(HttpClient http)
        {
            private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();
            private async Task<string> PostAsync(string url, object body)
            {
                var response = await http.PostAsJsonAsync(url, body);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }
            public async Task<string> AskAsync(string q) =>
                await Pipeline.ExecuteAsync(async ct => await [|PostAsync|]("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", messages = new[] { new { role = "user", content = q } } }));
            public async Task<string> EmbedAsync(string q) =>
                await Pipeline.ExecuteAsync(async ct => await PostAsync("https://api.openai.com/v1/embeddings", new { input = q }));
        }
        """);

    [Fact]
    public Task M10_validation_reask() => VerifyAsync(
        """
        record Ticket(string Title);
        sealed class Json(IChatClient chat)
        {
            public async Task<Ticket?> AskAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.[|GetResponseAsync|](prompt);
                    try
                    {
                        return JsonSerializer.Deserialize<Ticket>(r.Text);
                    }
                    catch (JsonException) { }
                }
                return null;
            }
        }
        """);

    [Fact]
    public Task M11_post_helper_forwarded_and_nested() => VerifyAsync(
        """
        static class Http
        {
            public static async Task<string> SendJsonAsync(this HttpClient http, string url, object body)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        sealed class Llm(HttpClient http)
        {
            private const string Endpoint = "http://localhost:11434/api/chat";
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();
            private Task<string> CallAsync(string url, object body) => http.SendJsonAsync(url, body);
            public Task<string> ChatAsync(object body) => pipeline.ExecuteAsync(async ct => await [|CallAsync|](Endpoint, body)).AsTask();
            public Task<string> ForwardAsync(string url, object body) => pipeline.ExecuteAsync(async ct => await CallAsync(url, body)).AsTask();
            public Task<string> GetModelsAsync() => pipeline.ExecuteAsync(async ct => await CallAsync("http://localhost:11434/api/tags", new { })).AsTask();
        }
        """);

    [Fact]
    public Task M12_post_helper_with_key_not_reported() => VerifyAsync(
        """
        sealed class Llm(HttpClient http)
        {
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();
            private async Task<string> PostAsync(string url, object body, string key)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
            public Task<string> ChatAsync(object body, string key) => pipeline.ExecuteAsync(async ct => await PostAsync("https://api.openai.com/v1/chat/completions", body, key)).AsTask();
        }
        """);

    [Fact]
    public Task M13_property_ctor_v7_timeout_wrap() => VerifyAsync(
        """
        sealed class Holder
        {
            public IAsyncPolicy Policy1 { get; }
            public Holder() { Policy1 = Policy.TimeoutAsync(10); }
        }
        sealed class User(IChatClient chat, Holder holder)
        {
            private static readonly Holder Own = new();
            public async Task<ChatResponse> AskAsync(string q) => await Own.Policy1.ExecuteAsync(() => chat.GetResponseAsync(q));
        }
        """);

    [Fact]
    public Task R01_goto_retry_helper() => VerifyAsync(
        """
        static class Retry
        {
            public static async Task<T> RetryAsync<T>(Func<Task<T>> func)
            {
                var tries = 0;
            again:
                try
                {
                    return await func();
                }
                catch (HttpRequestException) when (++tries < 3)
                {
                    goto again;
                }
            }
        }
        sealed class User(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string q) => Retry.RetryAsync(() => chat.[|GetResponseAsync|](q));
        }
        """);

    [Fact]
    public Task R02_extension_recursion_unbounded() => VerifyAsync(
        """
        static class Ext
        {
            public static async Task<ChatResponse> GetWithRetryAsync(this IChatClient chat, IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken ct = default, int maxRetry = 5)
            {
                try
                {
                    return await chat.[|GetResponseAsync|](messages, options, ct);
                }
                catch (Exception)
                {
                    await Task.Delay(10000);
                    return await chat.GetWithRetryAsync(messages, options, ct, maxRetry - 1);
                }
            }
        }
        """);

    [Fact]
    public Task R03_local_function_recursion() => VerifyAsync(
        """
        sealed class User(IChatClient chat)
        {
            public async Task<string> AskAsync(string q)
            {
                return await Attempt(3);

                async Task<string> Attempt(int left)
                {
                    try
                    {
                        return (await chat.[|GetResponseAsync|](q)).Text;
                    }
                    catch (HttpRequestException) when (left > 0)
                    {
                        await Task.Delay(500);
                        return await Attempt(left - 1);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task F01_background_continuation_polling() => VerifyAsync(
        """
        sealed class Background(IChatClient chat)
        {
            public async Task<string> RunAsync(string prompt)
            {
                var options = new ChatOptions { AllowBackgroundResponses = true };
                var response = await chat.GetResponseAsync(prompt, options);
                while (response.ContinuationToken is not null)
                {
                    await Task.Delay(1000);
                    options.ContinuationToken = response.ContinuationToken;
                    response = await chat.GetResponseAsync([], options);
                }
                return response.Text;
            }
        }
        """);

    [Fact]
    public Task F02_health_check_and_assert_loops() => VerifyAsync(
        """
        static class Expect { public static void Contains(string expected, string actual) { if (!actual.Contains(expected)) throw new Exception(actual); } }
        sealed class Checks(IChatClient chat)
        {
            public async Task WarmUpAsync()
            {
                while (true)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync("ping");
                        if (r.Text.Length > 0) break;
                    }
                    catch (HttpRequestException) { await Task.Delay(2000); }
                }
            }

            public async Task DeterminismAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(prompt, new ChatOptions { Temperature = 0 });
                    Expect.Contains("Paris", r.Text);
                }
            }
        }
        """);

    [Fact]
    public Task F03_sk_agent_loop_with_catch_error_message() => VerifyAsync(
        """
        sealed class SkAgent(IChatCompletionService chat, Kernel kernel)
        {
            public async Task<string> RunAsync(ChatHistory history, int maxSteps)
            {
                var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };
                for (var step = 0; step < maxSteps; step++)
                {
                    try
                    {
                        var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
                        history.Add(reply);
                        var calls = Microsoft.SemanticKernel.FunctionCallContent.GetFunctionCalls(reply).ToList();
                        if (calls.Count == 0) return reply.Content ?? "";
                        foreach (var call in calls)
                        {
                            var result = await call.InvokeAsync(kernel);
                            history.Add(result.ToChatMessage());
                        }
                    }
                    catch (HttpOperationException ex)
                    {
                        history.AddUserMessage("The last step failed: " + ex.Message);
                    }
                }
                return "";
            }
        }
        """);

    [Fact]
    public Task F04_worker_loop_queue() => VerifyAsync(
        """
        sealed class Worker(IChatClient chat, System.Threading.Channels.Channel<string> jobs)
        {
            public async Task RunAsync(CancellationToken ct)
            {
                await foreach (var job in jobs.Reader.ReadAllAsync(ct))
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            var r = await chat.[|GetResponseAsync|](job, cancellationToken: ct);
                            Console.WriteLine(r.Text);
                            break;
                        }
                        catch (HttpRequestException) { await Task.Delay(1000 * attempt, ct); }
                    }
                }
            }
        }
        """);

    [Fact]
    public Task F05_polly_field_nonreadonly_assigned_twice() => VerifyAsync(
        """
        sealed class Switcher(IChatClient chat)
        {
            private ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(5)).Build();
            public void Enable() => pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();
            public async Task<ChatResponse> AskAsync(string q) => await pipeline.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task S01_should_handle_lambda_429() => VerifyAsync(
        """
        sealed class Lambdas(IChatClient chat)
        {
            private static readonly ResiliencePipeline RateLimited = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = 5,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ClientResultException { Status: 429 }),
                })
                .Build();

            private static readonly ResiliencePipeline RateLimitedAnd = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException e && e.StatusCode == HttpStatusCode.TooManyRequests),
                })
                .Build();

            private static readonly ResiliencePipeline Network = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException),
                })
                .Build();

            private static readonly ResiliencePipeline RateOrServer = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ClientResultException { Status: 429 } || args.Outcome.Exception is ClientResultException { Status: >= 500 }),
                })
                .Build();

            public async Task<ChatResponse> A(string q) => await RateLimited.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
            public async Task<ChatResponse> B(string q) => await RateLimitedAnd.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
            public async Task<ChatResponse> C(string q) => await Network.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
            public async Task<ChatResponse> D(string q) => await RateOrServer.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);
}
