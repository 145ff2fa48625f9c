using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Retry shapes read in public .NET LLM apps through the code search (this round), paraphrased: names and bodies are
/// ours, only the control flow is kept. Each positive sits next to the correct code written beside it.
/// </summary>
public class SearchedRetryShapeTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source, expected);

    /// <summary>An <c>IChatClient</c> decorator whose loop bound comes from a settings object and whose filter is a helper.</summary>
    [Fact]
    public Task Settings_bound_decorator_loop_is_a_retry() => VerifyAsync(
        """
        sealed class RetrySettings { public int MaxRetries { get; set; } = 3; public double DelaySeconds { get; set; } = 1; }

        sealed class RetryingChatClient(IChatClient inner, RetrySettings settings) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var failures = new List<Exception>();
                var delay = TimeSpan.FromSeconds(settings.DelaySeconds);
                for (var attempt = 0; attempt <= settings.MaxRetries; attempt++)
                {
                    try
                    {
                        return await base.{|#0:GetResponseAsync|}(messages, options, cancellationToken);
                    }
                    catch (Exception ex) when (IsTransient(ex))
                    {
                        failures.Add(ex);
                        await Task.Delay(delay, cancellationToken);
                        delay *= 2;
                    }
                }

                throw new AggregateException(failures);
            }

            private static bool IsTransient(Exception ex) => ex is HttpRequestException or TimeoutException;
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "for loop"));

    /// <summary>
    /// A kernel extension that retries <c>InvokePromptAsync</c> in a loop and makes a last attempt after it: the call in
    /// the loop is retried, the last one is not.
    /// </summary>
    [Fact]
    public Task Kernel_prompt_loop_with_a_last_attempt_after_it() => VerifyAsync(
        """
        static class KernelRetry
        {
            public static async Task<FunctionResult> InvokeWithRetryAsync(this Kernel kernel, string prompt, int maxAttempts = 3, CancellationToken ct = default)
            {
                var delay = 500;
                for (var attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    try
                    {
                        var result = await kernel.{|#0:InvokePromptAsync|}(prompt, cancellationToken: ct);
                        return result;
                    }
                    catch (HttpOperationException ex) when (attempt < maxAttempts && ex.StatusCode != HttpStatusCode.BadRequest)
                    {
                        Console.WriteLine($"attempt {attempt} failed: {ex.Message}");
                        try { await Task.Delay(delay, ct); } catch (TaskCanceledException) { }
                        delay *= 2;
                    }
                }

                return await kernel.InvokePromptAsync(prompt, cancellationToken: ct);
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("InvokePromptAsync", "for loop"));

    /// <summary>A Polly v7 policy handed out by an interface of the project, around a Semantic Kernel chat call.</summary>
    [Fact]
    public Task Policy_from_a_project_interface_factory_is_a_retry() => VerifyAsync(
        """
        interface IRetryPolicies
        {
            IAsyncPolicy<Microsoft.SemanticKernel.ChatMessageContent> ForChat(TimeSpan baseDelay);
        }

        sealed class RetryPolicies : IRetryPolicies
        {
            public IAsyncPolicy<Microsoft.SemanticKernel.ChatMessageContent> ForChat(TimeSpan baseDelay) =>
                Policy<Microsoft.SemanticKernel.ChatMessageContent>.Handle<HttpOperationException>().Or<TaskCanceledException>()
                    .WaitAndRetryAsync(3, n => TimeSpan.FromTicks(baseDelay.Ticks * n));
        }

        sealed class Narrator(IChatCompletionService chat, IRetryPolicies policies)
        {
            public async Task<string?> TellAsync(ChatHistory history) =>
                (await policies.ForChat(TimeSpan.FromSeconds(1)).ExecuteAsync(() => chat.{|#0:GetChatMessageContentAsync|}(history))).Content;
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetChatMessageContentAsync", "IAsyncPolicy.ExecuteAsync"));

    /// <summary>
    /// OpenAI's <c>ClientResultException</c> filtered on its status: a 429-only catch waits for a request the provider
    /// refused; a catch that also admits 5xx re-sends one it may have processed.
    /// </summary>
    [Fact]
    public Task Client_result_status_filters() => VerifyAsync(
        """
        sealed class Completer(ChatClient chat)
        {
            public async Task<string> OnRateLimitAsync(string prompt)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(prompt)]);
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status == 429 && attempt < 4)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5 * attempt));
                    }
                }
            }

            public async Task<string> OnServerErrorAsync(string prompt)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        ChatCompletion completion = await chat.{|#0:CompleteChatAsync|}([new UserChatMessage(prompt)]);
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when ((ex.Status == 429 || ex.Status >= 500) && attempt < 4)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5 * attempt));
                    }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "for loop"));

    /// <summary>
    /// A tool-choice loop that, on a bad answer, appends the answer and a correction and goes round, and waits on 429:
    /// every pass that goes round after an answer sends a longer conversation.
    /// </summary>
    [Fact]
    public Task Correcting_choice_loop_with_a_rate_limit_wait_is_not_reported() => VerifyAsync(
        """
        sealed class Chooser(IChatClient chat)
        {
            public async Task<string?> ChooseAsync(string question, int maxRetry, CancellationToken ct)
            {
                var request = new List<ChatMessage> { new(ChatRole.User, question) };
                for (var retry = 0; retry <= maxRetry; retry++)
                {
                    try
                    {
                        var response = await chat.GetResponseAsync(request, cancellationToken: ct);
                        var choice = response.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionCallContent>().FirstOrDefault();
                        if (choice is not null)
                        {
                            return choice.Arguments?["choice"]?.ToString();
                        }

                        request.Add(new ChatMessage(ChatRole.Assistant, response.Text));
                        request.Add(new ChatMessage(ChatRole.User, "Use the SubmitChoice tool to answer."));
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(15 * (retry + 1)), ct);
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>An embeddings call retried on 429: neither a generation nor a duplicated request.</summary>
    [Fact]
    public Task Embedding_retry_on_rate_limit_is_not_reported() => VerifyAsync(
        """
        sealed class Indexer(IEmbeddingGenerator<string, Embedding<float>> generator)
        {
            public async Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(IReadOnlyList<string> inputs, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await generator.GenerateAsync(inputs, cancellationToken: ct);
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        if (attempt >= 4) throw;
                        await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                    }
                }
            }
        }
        """);
}
