using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Loops that call a model again and again but are not retries (turn loops, round-robins, batches, failover,
/// self-correction), each next to the retry loop real apps write beside it. A loop retries a call only when a failed
/// attempt leads back to the same call with the same inputs.
/// </summary>
public class RetryLoopShapeTests
{
    private const string Id = "AIL0001";

    private const string LoopUsings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;

        """;

    private const string KernelUsings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, LoopUsings + source, expected);

    // ---- Turn loops (Microsoft Agent Framework) -------------------------------------------------------------------

    [Fact]
    public Task Agent_console_turn_loop_with_exit_inside_the_try_is_not_a_retry() => VerifyAsync(
        """
        class ConsoleChat(AIAgent agent)
        {
            public async Task RunAsync(CancellationToken ct)
            {
                var session = await agent.CreateSessionAsync(ct);
                while (true)
                {
                    try
                    {
                        Console.Write("You: ");
                        var input = Console.ReadLine();
                        if (string.IsNullOrWhiteSpace(input) || input == "exit")
                        {
                            break;
                        }

                        var response = await agent.RunAsync(input, session, cancellationToken: ct);
                        Console.WriteLine($"Agent: {response.Text}");
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine($"Error: {ex.Message}");
                    }
                }
            }

            // The console read feeds the call: after a failure the user types the next message, nothing is repeated.
            public async Task<string> AskUntilAnsweredAsync()
            {
                while (true)
                {
                    var question = Console.ReadLine() ?? "";
                    try
                    {
                        return (await agent.RunAsync(question)).Text;
                    }
                    catch (HttpRequestException)
                    {
                        Console.WriteLine("Please ask again.");
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Agent_call_retried_unchanged_in_a_while_loop_is_a_retry() => VerifyAsync(
        """
        class Desk(AIAgent agent)
        {
            public async Task<string> AnswerAsync(string question, AgentSession session, CancellationToken ct)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        var response = await agent.{|#0:RunAsync|}(question, session, cancellationToken: ct);
                        return response.Text;
                    }
                    catch (HttpRequestException) when (attempt++ < 3)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("RunAsync", "while loop"));

    [Fact]
    public Task Two_agents_taking_turns_on_the_previous_answer_is_not_a_retry() => VerifyAsync(
        """
        class Debate(AIAgent writer, AIAgent critic)
        {
            public async Task<string> RunAsync(string topic)
            {
                AIAgent[] agents = [writer, critic];
                var currentMessage = topic;
                for (var turn = 0; turn < 6; turn++)
                {
                    try
                    {
                        var response = await agents[turn % agents.Length].RunAsync(currentMessage);
                        currentMessage = response.Text;
                        if (currentMessage.Contains("APPROVED")) return currentMessage;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(500);
                    }
                }

                return currentMessage;
            }

            // Round-robin where a success leaves the loop: the index picks another agent on every pass.
            public async Task<string> FirstAvailableAsync(string question)
            {
                AIAgent[] agents = [writer, critic];
                for (var i = 0; i < 4; i++)
                {
                    try { return (await agents[i % agents.Length].RunAsync(question)).Text; }
                    catch (HttpRequestException) { }
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task Counting_loop_whose_index_does_not_feed_the_call_is_a_retry() => VerifyAsync(
        """
        class Desk(AIAgent agent)
        {
            public async Task<string> AnswerAsync(string question)
            {
                for (var i = 0; i < 4; i++)
                {
                    try { return (await agent.{|#0:RunAsync|}(question)).Text; }
                    catch (HttpRequestException) { await Task.Delay(100 * (i + 1)); }
                }

                return "";
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("RunAsync", "for loop"));

    // ---- Growing conversations (Microsoft.Extensions.AI) ----------------------------------------------------------

    [Fact]
    public Task Chat_client_with_a_growing_history_is_not_a_retry() => VerifyAsync(
        """
        class Chat(IChatClient client)
        {
            public async Task RunAsync()
            {
                List<ChatMessage> history = [new(ChatRole.System, "You are a support assistant.")];
                while (true)
                {
                    var line = Console.ReadLine();
                    if (line is null) return;
                    history.Add(new ChatMessage(ChatRole.User, line));
                    try
                    {
                        var response = await client.GetResponseAsync(history);
                        history.AddMessages(response);
                        Console.WriteLine(response.Text);
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }
            }

            // A tool-calling loop written by hand: the conversation grows on every pass, and a success with tool
            // calls goes round again.
            public async Task<string> AgentLoopAsync(List<ChatMessage> messages, ChatOptions options)
            {
                while (true)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(messages, options);
                        messages.AddMessages(response);
                        if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Chat_client_retried_with_the_same_messages_is_a_retry() => VerifyAsync(
        """
        class Chat(IChatClient client)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                List<ChatMessage> messages = [new(ChatRole.User, question)];
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var response = await client.{|#0:GetResponseAsync|}(messages, cancellationToken: ct);
                        return response.Text;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                    }
                }
            }

            // Messages rebuilt inside the loop from the same question: still the same request.
            public async Task<string> RebuiltAsync(string question)
            {
                var failures = 0;
                do
                {
                    var messages = new List<ChatMessage> { new(ChatRole.System, "Be brief."), new(ChatRole.User, question) };
                    try
                    {
                        return (await client.{|#1:GetResponseAsync|}(messages)).Text;
                    }
                    catch (HttpRequestException)
                    {
                        failures++;
                    }
                }
                while (failures < 3);

                return "";
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "for loop"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "do loop"));

    // ---- Semantic Kernel ------------------------------------------------------------------------------------------

    [Fact]
    public Task Kernel_chat_with_a_growing_ChatHistory_is_not_a_retry() => RetryTestSupport.VerifyAsync(
        Id,
        KernelUsings + """
        class KernelChat(Kernel kernel)
        {
            public async Task RunAsync()
            {
                var chat = kernel.GetRequiredService<IChatCompletionService>();
                var history = new ChatHistory("You are a helpful assistant.");
                while (true)
                {
                    try
                    {
                        Console.Write("User > ");
                        var input = Console.ReadLine();
                        if (input is null or "quit") break;
                        history.AddUserMessage(input);
                        var reply = await chat.GetChatMessageContentAsync(history, kernel: kernel);
                        history.Add(reply);
                        Console.WriteLine($"Assistant > {reply.Content}");
                    }
                    catch (HttpOperationException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Kernel_chat_retried_with_the_same_history_is_a_retry() => RetryTestSupport.VerifyAsync(
        Id,
        KernelUsings + """
        class KernelChat(IChatCompletionService chat)
        {
            public async Task<ChatMessageContent> ReplyAsync(ChatHistory history)
            {
                for (var i = 0; i < 3; i++)
                {
                    try { return await chat.{|#0:GetChatMessageContentAsync|}(history); }
                    catch (HttpOperationException) { await Task.Delay(200); }
                }

                throw new InvalidOperationException("no reply");
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetChatMessageContentAsync", "for loop"));

    // ---- Self-correction ------------------------------------------------------------------------------------------

    [Fact]
    public Task Self_correction_that_sends_the_error_back_is_not_a_retry() => VerifyAsync(
        """
        record Ticket(string Category, int Priority);
        class Classifier(IChatClient client)
        {
            public async Task<Ticket?> ClassifyAsync(string text)
            {
                var messages = new List<ChatMessage> { new(ChatRole.System, "Reply with JSON."), new(ChatRole.User, text) };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(messages);
                        return JsonSerializer.Deserialize<Ticket>(response.Text);
                    }
                    catch (JsonException ex)
                    {
                        messages.Add(new ChatMessage(ChatRole.User, "That JSON was invalid: " + ex.Message));
                    }
                }

                return null;
            }

            public async Task<Ticket?> ReassignedPromptAsync(string text)
            {
                var prompt = "Classify as JSON: " + text;
                while (true)
                {
                    try
                    {
                        return JsonSerializer.Deserialize<Ticket>((await client.GetResponseAsync(prompt)).Text);
                    }
                    catch (JsonException ex)
                    {
                        prompt += "\nYour previous answer was invalid: " + ex.Message;
                    }
                }
            }

            // The same correction through recursion: the prompt passed back is not the one received.
            public async Task<Ticket?> RecursiveAsync(string prompt, int attempt = 0)
            {
                try
                {
                    return JsonSerializer.Deserialize<Ticket>((await client.GetResponseAsync(prompt)).Text);
                }
                catch (JsonException ex) when (attempt < 2)
                {
                    return await RecursiveAsync(prompt + "\nThat JSON was invalid: " + ex.Message, attempt + 1);
                }
            }
        }
        """);

    [Fact]
    public Task Resampling_the_same_messages_after_invalid_JSON_is_a_retry() => VerifyAsync(
        """
        record Ticket(string Category, int Priority);
        class Classifier(IChatClient client)
        {
            public async Task<Ticket?> ClassifyAsync(string text)
            {
                var messages = new List<ChatMessage> { new(ChatRole.System, "Reply with JSON."), new(ChatRole.User, text) };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await client.{|#0:GetResponseAsync|}(messages);
                        return JsonSerializer.Deserialize<Ticket>(response.Text);
                    }
                    catch (JsonException ex)
                    {
                        Console.WriteLine("invalid JSON: " + ex.Message);
                    }
                }

                return null;
            }

            public async Task<Ticket?> RecursiveAsync(string prompt, int attempt = 0)
            {
                try
                {
                    return JsonSerializer.Deserialize<Ticket>((await client.{|#1:GetResponseAsync|}(prompt)).Text);
                }
                catch (JsonException) when (attempt < 2)
                {
                    return await RecursiveAsync(prompt, attempt + 1);
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "for loop"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "recursive call to RecursiveAsync"));

    // ---- Work items and failover ----------------------------------------------------------------------------------

    [Fact]
    public Task Foreach_over_work_items_or_clients_is_not_a_retry() => VerifyAsync(
        """
        class Worker(IChatClient client, ILogger log)
        {
            public async Task<string?> FirstSummaryAsync(IEnumerable<string> documents)
            {
                foreach (var document in documents)
                {
                    try
                    {
                        return (await client.GetResponseAsync("Summarize: " + document)).Text;
                    }
                    catch (HttpRequestException ex)
                    {
                        log.Warn(ex.Message);
                        continue;
                    }
                }

                return null;
            }

            // Failover: provider A, then provider B.
            public async Task<ChatResponse> FailoverAsync(IReadOnlyList<IChatClient> clients, List<ChatMessage> messages, CancellationToken ct)
            {
                foreach (var candidate in clients)
                {
                    try { return await candidate.GetResponseAsync(messages, cancellationToken: ct); }
                    catch (HttpRequestException) { }
                }

                throw new InvalidOperationException("all providers failed");
            }

            // Failover by swapping the client, and a catch that calls a fallback client.
            public async Task<ChatResponse> FallbackAsync(IChatClient fallback, List<ChatMessage> messages)
            {
                var current = client;
                for (var i = 0; i < 2; i++)
                {
                    try { return await current.GetResponseAsync(messages); }
                    catch (HttpRequestException) { current = fallback; }
                }

                try { return await client.GetResponseAsync(messages); }
                catch (HttpRequestException) { return await fallback.GetResponseAsync(messages); }
            }
        }

        interface ILogger { void Warn(string message); }
        """);

    [Fact]
    public Task Foreach_over_backoff_delays_around_an_unchanged_call_is_a_retry() => VerifyAsync(
        """
        class Worker(IChatClient client)
        {
            public async Task<string> AskAsync(string question)
            {
                foreach (var delay in new[] { 1, 2, 4 })
                {
                    try { return (await client.{|#0:GetResponseAsync|}(question)).Text; }
                    catch (HttpRequestException) { await Task.Delay(TimeSpan.FromSeconds(delay)); }
                }

                return "";
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "foreach loop"));

    [Fact]
    public Task Streaming_failover_over_distinct_clients_is_silent() => RetryTestSupport.VerifyAsync(
        "AIL0002",
        LoopUsings + """
        class Streamer
        {
            public async Task StreamAsync(IReadOnlyList<IChatClient> clients, List<ChatMessage> messages)
            {
                foreach (var candidate in clients)
                {
                    try
                    {
                        await foreach (var update in candidate.GetStreamingResponseAsync(messages)) { Console.Write(update.Text); }
                        return;
                    }
                    catch (HttpRequestException) { }
                }
            }

            // The same client again: AIL0002 as before.
            public async Task RetryStreamAsync(IChatClient client, List<ChatMessage> messages)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await foreach (var update in client.{|#0:GetStreamingResponseAsync|}(messages)) { Console.Write(update.Text); }
                        return;
                    }
                    catch (HttpRequestException) { }
                }
            }
        }
        """,
        Diagnostic("AIL0002").WithLocation(0).WithArguments("GetStreamingResponseAsync", "for loop"));

    [Fact]
    public Task Turn_loop_that_stops_on_a_flag_set_after_the_call_is_not_a_retry() => VerifyAsync(
        """
        class Interview(IChatClient client)
        {
            public async Task RunAsync(string opening)
            {
                var running = true;
                var next = opening;
                while (running)
                {
                    try
                    {
                        var reply = await client.GetResponseAsync(next);
                        running = !reply.Text.Contains("GOODBYE");
                        next = Console.ReadLine() ?? "";
                    }
                    catch (HttpRequestException) { await Task.Delay(500); }
                }
            }
        }
        """);

    [Fact]
    public Task Fresh_key_made_on_every_pass_of_a_retry_loop_is_still_AIL0004() => RetryTestSupport.VerifyAsync(
        "AIL0004",
        LoopUsings + "using AiLint;\n" + """
        class Gateway(IChatClient client)
        {
            public async Task<string> SummarizeAsync(string text, [IdempotencyKey] string? requestId = null) => (await client.GetResponseAsync(text)).Text;
        }

        class Worker(Gateway gateway)
        {
            public async Task<string> SummarizeAsync(string text)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var key = {|#0:Guid.NewGuid().ToString()|};
                    try { return await gateway.SummarizeAsync(text, key); }
                    catch (HttpRequestException) { }
                }

                return "";
            }
        }
        """,
        Diagnostic("AIL0004").WithLocation(0).WithArguments("SummarizeAsync", "for loop"));

    [Fact]
    public Task A_new_timeout_token_per_attempt_is_still_the_same_request() => VerifyAsync(
        """
        class Desk(IChatClient client)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                CancellationTokenSource? perAttempt = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    perAttempt?.Dispose();
                    perAttempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    perAttempt.CancelAfter(TimeSpan.FromSeconds(30));
                    try { return (await client.{|#0:GetResponseAsync|}(question, cancellationToken: perAttempt.Token)).Text; }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
                }

                return "";
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "for loop"));

    [Fact]
    public Task Loop_that_advances_an_enumerator_feeding_the_call_is_not_a_retry() => VerifyAsync(
        """
        class Desk(IChatClient client)
        {
            public async Task<string> FirstAnswerAsync(IEnumerable<string> questions)
            {
                using var next = questions.GetEnumerator();
                while (next.MoveNext())
                {
                    try { return (await client.GetResponseAsync(next.Current)).Text; }
                    catch (HttpRequestException) { }
                }

                return "";
            }

            public async Task<string> FromQueueAsync(Queue<string> pending)
            {
                while (pending.Count > 0)
                {
                    var question = pending.Peek();
                    try { return (await client.GetResponseAsync(question)).Text; }
                    catch (HttpRequestException) { pending.Dequeue(); }
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task A_failover_helper_is_not_a_retry_helper_but_a_retry_helper_is() => VerifyAsync(
        """
        static class Resilience
        {
            // Hands each provider in turn to the callback: failover, not a retry.
            public static async Task<T> FirstProviderAsync<T>(IReadOnlyList<IChatClient> providers, Func<IChatClient, Task<T>> action)
            {
                foreach (var provider in providers)
                {
                    try { return await action(provider); }
                    catch (HttpRequestException) { }
                }

                throw new InvalidOperationException("all providers failed");
            }

            public static async Task<T> RetryAsync<T>(Func<Task<T>> action)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { return await action(); }
                    catch (HttpRequestException) when (attempt < 3) { await Task.Delay(200 * attempt); }
                }
            }
        }

        class Desk(IChatClient client, IReadOnlyList<IChatClient> providers)
        {
            public async Task M(string q)
            {
                await Resilience.FirstProviderAsync(providers, p => p.GetResponseAsync(q));
                await Resilience.RetryAsync(() => client.{|#0:GetResponseAsync|}(q));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "Resilience.RetryAsync"));

    // ---- Retries around a turn loop, and broken code --------------------------------------------------------------

    [Fact]
    public Task A_pipeline_around_a_turn_loop_still_retries_the_calls_in_it() => RetryTestSupport.VerifyAsync(
        Id,
        LoopUsings + "using Polly;\n" + """
        class Chat(IChatClient client, ResiliencePipeline pipeline)
        {
            public async Task RunAsync(List<string> questions)
            {
                await pipeline.ExecuteAsync(async ct =>
                {
                    foreach (var question in questions)
                    {
                        try { Console.WriteLine((await client.{|#0:GetResponseAsync|}(question, cancellationToken: ct)).Text); }
                        catch (HttpRequestException) { }
                    }
                });
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public async Task Half_typed_turn_loops_do_not_crash()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = LoopUsings + """
                class Chat(IChatClient client, AIAgent agent)
                {
                    public async Task RunAsync(List<ChatMessage> history)
                    {
                        while (true)
                        {
                            try
                            {
                                var input = Console.ReadLine(
                                history.Add(new ChatMessage(ChatRole.User, input);
                                var response = await client.GetResponseAsync(history, );
                                history.AddMessages(response)
                                foreach (var x in ) { try { return await agent.RunAsync(x); } catch { continue } }
                                switch (input) { case "a": return await client.GetResponseAsync(; }
                            }
                            catch (Exception ex) when (
                            {
                                history.Add(ex.
                            }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }
}

/// <summary>Polly wraps and registered pipelines that hold no retry strategy are not retries.</summary>
public class PollyContentTests
{
    private const string Id = "AIL0001";

    private const string PollyUsings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Polly;
        using Polly.Registry;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, PollyUsings + source, expected);

    [Fact]
    public Task V7_wraps_of_timeout_and_circuit_breaker_do_not_retry() => VerifyAsync(
        """
        class Assistant(IChatClient client)
        {
            private readonly IAsyncPolicy guard = Policy.WrapAsync(
                Policy.TimeoutAsync(TimeSpan.FromSeconds(30)),
                Policy.Handle<Exception>().CircuitBreakerAsync(5, TimeSpan.FromMinutes(1)));

            public async Task M(string q)
            {
                await guard.ExecuteAsync(() => client.GetResponseAsync(q));
                var timeout = Policy.TimeoutAsync(10);
                var breaker = Policy.Handle<Exception>().CircuitBreakerAsync(2, TimeSpan.FromSeconds(30));
                var chained = timeout.WrapAsync(breaker);
                await chained.ExecuteAsync(() => client.GetResponseAsync(q));
            }
        }
        """);

    [Fact]
    public Task V7_wrap_holding_a_retry_retries() => VerifyAsync(
        """
        class Assistant(IChatClient client)
        {
            public async Task M(string q)
            {
                var timeout = Policy.TimeoutAsync(10);
                var retry = Policy.Handle<Exception>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
                var wrap = timeout.WrapAsync(retry);
                await wrap.ExecuteAsync(() => client.{|#0:GetResponseAsync|}(q));
                var forever = Policy.WrapAsync(Policy.Handle<Exception>().RetryForeverAsync(), Policy.TimeoutAsync(5));
                await forever.ExecuteAsync(() => client.{|#1:GetResponseAsync|}(q));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "AsyncPolicyWrap.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "AsyncPolicyWrap.ExecuteAsync"));

    private const string Registrations = """
        static class Registration
        {
            public static void AddPipelines(IServiceCollection services)
            {
                services.AddResiliencePipeline("llm-guard", builder => builder
                    .AddTimeout(TimeSpan.FromSeconds(30))
                    .AddCircuitBreaker(new Polly.CircuitBreaker.CircuitBreakerStrategyOptions()));
                services.AddResiliencePipeline("llm-retry", (builder, context) =>
                {
                    builder.AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 2 });
                    builder.AddTimeout(TimeSpan.FromSeconds(30));
                });
            }
        }

        """;

    [Fact]
    public Task Registered_pipelines_without_retry_or_not_visible_are_not_retries() => VerifyAsync(
        Registrations + """
        class Assistant(IChatClient client, ResiliencePipelineProvider<string> provider, [FromKeyedServices("llm-guard")] ResiliencePipeline keyed)
        {
            public async Task M(string q)
            {
                var guard = provider.GetPipeline("llm-guard");
                await guard.ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct));
                await keyed.ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct));
                // Registered out of sight (another assembly), or a key only known at run time: content unknown.
                await provider.GetPipeline("elsewhere").ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct));
                await provider.GetPipeline(q).ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct));
            }
        }
        """);

    [Fact]
    public Task Registered_pipeline_with_retry_retries() => VerifyAsync(
        Registrations + """
        class Assistant(IChatClient client, ResiliencePipelineProvider<string> provider, [FromKeyedServices("llm-retry")] ResiliencePipeline keyed)
        {
            public async Task M(string q)
            {
                var retry = provider.GetPipeline("llm-retry");
                await retry.ExecuteAsync(async ct => await client.{|#0:GetResponseAsync|}(q, cancellationToken: ct));
                await keyed.ExecuteAsync(async ct => await client.{|#1:GetResponseAsync|}(q, cancellationToken: ct));
            }

            public async Task N(IServiceProvider services, string q)
            {
                var pipeline = services.GetRequiredKeyedService<ResiliencePipeline>("llm-retry");
                await pipeline.ExecuteAsync(async ct => await client.{|#2:GetResponseAsync|}(q, cancellationToken: ct));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(2).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Registry_pipelines_are_judged_by_their_builders() => VerifyAsync(
        """
        class Assistant(IChatClient client)
        {
            public async Task M(string q)
            {
                var registry = new ResiliencePipelineRegistry<string>();
                registry.TryAddBuilder("guard", (builder, context) => builder.AddTimeout(TimeSpan.FromSeconds(10)));
                registry.TryAddBuilder("retry", (builder, context) => builder.AddRetry(new Polly.Retry.RetryStrategyOptions()));
                await registry.GetPipeline("guard").ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct));
                await registry.GetPipeline("retry").ExecuteAsync(async ct => await client.{|#0:GetResponseAsync|}(q, cancellationToken: ct));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public async Task Half_typed_wraps_registrations_and_recursion_do_not_crash()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = PollyUsings + """
                class Assistant(IChatClient client, ResiliencePipelineProvider<string> provider, IServiceCollection services)
                {
                    public async Task<ChatResponse> AskAsync(string q, int attempt = 0)
                    {
                        services.AddResiliencePipeline("x", b => b.
                        services.AddResiliencePipeline(, b => b.AddRetry(new Polly.Retry.RetryStrategyOptions()));
                        var wrap = Policy.WrapAsync(Policy.TimeoutAsync(, );
                        await wrap.ExecuteAsync(() => client.GetResponseAsync(q));
                        await provider.GetPipeline().ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct));
                        try { return await client.GetResponseAsync(q); }
                        catch (Exception) when (attempt < 2) { return await AskAsync(q + , attempt + 1 }
                        // Still a retry of the same call, half-typed or not.
                        while (true) try { return await client.[|GetResponseAsync|](q) } catch { switch (attempt) { case 1: break; default: continue } }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }
}
