using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Adversarial negatives for the retry shapes added on 2026-12-05 (goto retries, success exits after the try, appends on
/// the way out, caller-supplied POST URLs): correct code that sits next to each shape in real apps and re-sends nothing
/// the provider may already have processed. Each test names the shape it guards; one broken-code test per shape.
/// </summary>
public class TodayRetryShapeFalsePositiveTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source, expected);

    private static Task VerifyBrokenAsync(string source)
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + source,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    // ---- 1. goto retries -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Goto shape: a chunked summariser whose label advances the position (<c>pos += size;</c>) before the try, so a failed
    /// chunk is skipped and the next pass sends the next chunk; a console menu whose label reads a new question; a label
    /// jumped to only by a catch that goes to a fallback label after the try.
    /// </summary>
    [Fact]
    public Task Goto_to_a_label_that_advances_the_input_or_reads_a_new_one_is_not_a_retry() => VerifyAsync(
        """
        sealed class Summarizer(IChatClient client)
        {
            public async Task<List<string>> ChunksAsync(string document, int size)
            {
                var parts = new List<string>();
                var pos = -size;
            next:
                pos += size;
                try
                {
                    var response = await client.GetResponseAsync("Summarize: " + document.Substring(pos, Math.Min(size, document.Length - pos)));
                    parts.Add(response.Text);
                    return parts;
                }
                catch (HttpRequestException) when (pos + size < document.Length)
                {
                    goto next;
                }
            }

            public async Task<string> MenuAsync(TextReader input)
            {
                string? question;
            menu:
                Console.Write("Question> ");
                question = input.ReadLine();
                try
                {
                    return (await client.GetResponseAsync(question ?? "")).Text;
                }
                catch (HttpRequestException ex)
                {
                    Console.WriteLine("That failed (" + ex.Message + "). Ask something else.");
                    goto menu;
                }
            }

            public async Task<string> FallbackAsync(string prompt)
            {
            start:
                try
                {
                    return (await client.GetResponseAsync(prompt)).Text;
                }
                catch (HttpRequestException)
                {
                    goto fallback;
                }
            fallback:
                return "The assistant is unavailable.";
            }
        }
        """);

    /// <summary>
    /// Goto shape: the catch switches to a fallback model (a local read into the options, or the options' own
    /// <c>ModelId</c>) or to the next prompt of a list before jumping back: the next pass is a different request.
    /// </summary>
    [Fact]
    public Task Goto_back_after_changing_the_model_or_the_prompt_is_not_a_retry() => VerifyAsync(
        """
        sealed class Failover(IChatClient client)
        {
            public async Task<ChatResponse> ModelLocalAsync(string prompt, string primary, string fallback)
            {
                var model = primary;
            retry:
                try
                {
                    return await client.GetResponseAsync(prompt, new ChatOptions { ModelId = model });
                }
                catch (HttpRequestException) when (model != fallback)
                {
                    model = fallback;
                    goto retry;
                }
            }

            public async Task<ChatResponse> ModelOptionAsync(string prompt)
            {
                var options = new ChatOptions { ModelId = "gpt-4o" };
            retry:
                try
                {
                    return await client.GetResponseAsync(prompt, options);
                }
                catch (HttpRequestException) when (options.ModelId != "gpt-4o-mini")
                {
                    options.ModelId = "gpt-4o-mini";
                    goto retry;
                }
            }

            public async Task<ChatResponse> PromptListAsync(string[] prompts)
            {
                var index = 0;
                string prompt;
            retry:
                prompt = prompts[index];
                try
                {
                    return await client.GetResponseAsync(prompt);
                }
                catch (HttpRequestException) when (index < prompts.Length - 1)
                {
                    index++;
                    goto retry;
                }
            }
        }
        """);

    /// <summary>
    /// Goto shape: a catch that renews an expired key on 401 and jumps back. The provider refused the request without
    /// processing it, so re-sending it duplicates nothing (like a 429 wait).
    /// </summary>
    [Fact]
    public Task Goto_back_after_renewing_credentials_on_401_is_not_a_retry() => VerifyAsync(
        """
        sealed class Renewing(IChatClient client, Func<Task> renewKeyAsync)
        {
            public async Task<ChatResponse> AskAsync(string prompt)
            {
                var renewed = false;
            retry:
                try
                {
                    return await client.GetResponseAsync(prompt);
                }
                catch (ClientResultException ex) when (ex.Status == 401 && !renewed)
                {
                    renewed = true;
                    await renewKeyAsync();
                    goto retry;
                }
            }

            public async Task<string> LoopAsync(string prompt)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return (await client.GetResponseAsync(prompt)).Text;
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized && attempt == 0)
                    {
                        await renewKeyAsync();
                    }
                }
            }
        }
        """);

    /// <summary>
    /// Next to it: the same catch that also admits server errors re-sends a request the provider may have processed.
    /// </summary>
    [Fact]
    public Task Goto_back_on_401_or_a_server_error_is_a_retry() => VerifyAsync(
        """
        sealed class Renewing(IChatClient client, Func<Task> renewKeyAsync)
        {
            public async Task<ChatResponse> AskAsync(string prompt)
            {
                var tries = 0;
            retry:
                try
                {
                    return await client.[|GetResponseAsync|](prompt);
                }
                catch (ClientResultException ex) when ((ex.Status == 401 || ex.Status >= 500) && ++tries < 3)
                {
                    await renewKeyAsync();
                    goto retry;
                }
            }
        }
        """);

    // ---- 2. success exit after the try ---------------------------------------------------------------------------------

    /// <summary>
    /// Success-after-try shape: the catch <c>continue</c>s to the NEXT item (a document of a list, a prompt by index, a
    /// model of a failover list) and the statement after the try returns the first answer that worked. Each pass sends a
    /// different request.
    /// </summary>
    [Fact]
    public Task Continue_to_the_next_item_then_return_after_the_try_is_not_a_retry() => VerifyAsync(
        """
        sealed class FirstThatWorks(IChatClient client)
        {
            public async Task<string> FirstDocumentAsync(IEnumerable<string> documents)
            {
                foreach (var document in documents)
                {
                    ChatResponse response;
                    try
                    {
                        response = await client.GetResponseAsync("Summarize: " + document);
                    }
                    catch (HttpRequestException)
                    {
                        continue;
                    }

                    return response.Text;
                }

                return "";
            }

            public async Task<string> ByIndexAsync(string[] prompts)
            {
                for (var i = 0; i < prompts.Length; i++)
                {
                    string text;
                    try
                    {
                        text = (await client.GetResponseAsync(prompts[i])).Text;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(100);
                        continue;
                    }

                    return text;
                }

                return "";
            }

            public async Task<string> ModelsAsync(string prompt, IReadOnlyList<string> models)
            {
                foreach (var model in models)
                {
                    ChatResponse response;
                    try
                    {
                        response = await client.GetResponseAsync(prompt, new ChatOptions { ModelId = model });
                    }
                    catch (HttpRequestException)
                    {
                        continue;
                    }

                    return response.Text;
                }

                throw new InvalidOperationException("No model answered.");
            }
        }
        """);

    /// <summary>
    /// Success-after-try shape: a console loop that reads a new question each pass and returns the first answer; a batch
    /// loop whose catch skips the item and whose code after the try collects the answer and goes on (no exit).
    /// </summary>
    [Fact]
    public Task Continue_to_a_new_user_question_or_the_next_batch_item_is_not_a_retry() => VerifyAsync(
        """
        sealed class Console2(IChatClient client)
        {
            public async Task<string> AskUntilAnsweredAsync(TextReader input)
            {
                while (true)
                {
                    Console.Write("Question: ");
                    var question = input.ReadLine();
                    if (string.IsNullOrWhiteSpace(question))
                    {
                        continue;
                    }

                    string answer;
                    try
                    {
                        answer = (await client.GetResponseAsync(question)).Text;
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine("Error: " + ex.Message + ". Ask again.");
                        continue;
                    }

                    return answer;
                }
            }

            public async Task<List<string>> BatchAsync(IReadOnlyList<string> items, List<string> failed)
            {
                var results = new List<string>();
                for (var i = 0; i < items.Count; i++)
                {
                    string text;
                    try
                    {
                        text = (await client.GetResponseAsync(items[i])).Text;
                    }
                    catch (HttpRequestException)
                    {
                        failed.Add(items[i]);
                        continue;
                    }

                    if (text.Contains("STOP"))
                    {
                        break;
                    }

                    results.Add(text);
                }

                return results;
            }
        }
        """);

    /// <summary>
    /// Success-after-try shape over a source that advances each pass: an enumerator (<c>MoveNext</c>/<c>Current</c>)
    /// and a channel read (<c>await reader.ReadAsync()</c>) feed the call; the first answer is returned after the try.
    /// </summary>
    [Fact]
    public Task Continue_to_the_next_enumerated_or_queued_input_is_not_a_retry() => VerifyAsync(
        """
        sealed class Sources(IChatClient client)
        {
            public async Task<string> EnumeratorAsync(IEnumerator<string> prompts)
            {
                while (prompts.MoveNext())
                {
                    ChatResponse response;
                    try
                    {
                        response = await client.GetResponseAsync(prompts.Current);
                    }
                    catch (HttpRequestException)
                    {
                        continue;
                    }

                    return response.Text;
                }

                return "";
            }

            public async Task<string> ChannelAsync(System.Threading.Channels.ChannelReader<string> questions, CancellationToken ct)
            {
                while (true)
                {
                    var question = await questions.ReadAsync(ct);
                    ChatResponse response;
                    try
                    {
                        response = await client.GetResponseAsync(question, cancellationToken: ct);
                    }
                    catch (HttpRequestException)
                    {
                        continue;
                    }

                    return response.Text;
                }
            }
        }
        """);

    /// <summary>
    /// Goto shape: the label sits on an append of the user's question before the try, so each jump back sends a longer
    /// history (a different request, even if a careless one).
    /// </summary>
    [Fact]
    public Task Goto_to_a_label_that_appends_to_the_history_is_not_a_retry() => VerifyAsync(
        """
        sealed class Appending
        {
            public async Task<string> AskAsync(IChatCompletionService chat, Kernel kernel, ChatHistory history, string question)
            {
            retry:
                history.AddUserMessage(question);
                try
                {
                    return (await chat.GetChatMessageContentAsync(history, null, kernel)).Content ?? "";
                }
                catch (HttpOperationException)
                {
                    goto retry;
                }
            }
        }
        """);

    // ---- 3. appends on the way out -------------------------------------------------------------------------------------

    /// <summary>
    /// Append-on-the-way-out shape: a turn loop appends the user's new line and the assistant's answer and goes on to the
    /// next line; a "continue generating" loop appends the partial answer and a "Continue." before going round, and only
    /// its final branch appends and returns. Each later pass sends a longer history.
    /// </summary>
    [Fact]
    public Task Turn_and_continuation_loops_that_append_and_go_round_are_not_retries() => VerifyAsync(
        """
        sealed class Turns
        {
            public async Task ChatAsync(IChatCompletionService chat, Kernel kernel, ChatHistory history, Func<string?> read, Action<string?> write, CancellationToken ct)
            {
                while (true)
                {
                    var line = read();
                    if (line is null or "exit")
                    {
                        return;
                    }

                    history.AddUserMessage(line);
                    try
                    {
                        var reply = await chat.GetChatMessageContentAsync(history, null, kernel, ct);
                        history.AddAssistantMessage(reply.Content ?? "");
                        write(reply.Content);
                    }
                    catch (HttpOperationException)
                    {
                        write("The service is unavailable, try another question.");
                    }
                }
            }

            public async Task<string> ContinueAsync(IChatCompletionService chat, Kernel kernel, ChatHistory history, CancellationToken ct)
            {
                while (true)
                {
                    try
                    {
                        var reply = await chat.GetChatMessageContentAsync(history, null, kernel, ct);
                        var content = reply.Content ?? "";
                        if (content.EndsWith("DONE", StringComparison.Ordinal))
                        {
                            history.AddAssistantMessage(content);
                            return content;
                        }

                        history.AddAssistantMessage(content);
                        history.AddUserMessage("Continue.");
                    }
                    catch (HttpOperationException)
                    {
                        await Task.Delay(500, ct);
                    }
                }
            }
        }
        """);

    /// <summary>
    /// Append-on-the-way-out shape in an agent loop: the final answer is appended and returned, but a tool-call answer is
    /// appended with its tool result and the loop <c>continue</c>s (and a <c>break</c> that leaves only the inner loop
    /// over the tool calls is not a way out of the retry loop).
    /// </summary>
    [Fact]
    public Task Agent_loop_appending_tool_results_before_going_round_is_not_a_retry() => VerifyAsync(
        """
        sealed class Agent(IChatClient client)
        {
            public async Task<string> RunAsync(List<ChatMessage> messages, ChatOptions options, CancellationToken ct)
            {
                for (var step = 0; step < 8; step++)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(messages, options, ct);
                        if (response.FinishReason != Microsoft.Extensions.AI.ChatFinishReason.ToolCalls)
                        {
                            messages.AddMessages(response);
                            return response.Text;
                        }

                        messages.AddMessages(response);
                        messages.Add(new ChatMessage(ChatRole.Tool, "42"));
                        continue;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000, ct);
                    }
                }

                return "Too many steps.";
            }

            public async Task<string> InnerBreakAsync(List<ChatMessage> messages, ChatOptions options, IReadOnlyList<string> toolResults, CancellationToken ct)
            {
                for (var step = 0; step < 8; step++)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(messages, options, ct);
                        if (response.FinishReason != Microsoft.Extensions.AI.ChatFinishReason.ToolCalls)
                        {
                            return response.Text;
                        }

                        foreach (var result in toolResults)
                        {
                            messages.Add(new ChatMessage(ChatRole.Tool, result));
                            break;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000, ct);
                    }
                }

                return "Too many steps.";
            }
        }
        """);

    // ---- 4. caller-supplied POST URLs ----------------------------------------------------------------------------------

    private const string PostHelper = """
        static class RetryingHttp
        {
            public static async Task<HttpResponseMessage> PostWithRetryAsync(this HttpClient client, string url, object body, string? source = null)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var response = await client.PostAsJsonAsync(url, body);
                        response.EnsureSuccessStatusCode();
                        return response;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(500 * attempt);
                    }
                }
            }

            public static async Task<HttpResponseMessage> GetWithRetryAsync(this HttpClient client, string url)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var response = await client.GetAsync(url);
                        response.EnsureSuccessStatusCode();
                        return response;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(500 * attempt);
                    }
                }
            }

            public static async Task<HttpResponseMessage> SendGetWithRetryAsync(this HttpClient client, string url)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
                        response.EnsureSuccessStatusCode();
                        return response;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(500 * attempt);
                    }
                }
            }
        }

        """;

    /// <summary>
    /// Caller-URL shape: the retrying POST helper's callers pass only non-generation endpoints (token counting, batch
    /// creation, a response's cancel, file upload), a URL read from the environment, a generation URL only in another
    /// parameter (the log source), or forward a parameter whose own callers pass embeddings.
    /// </summary>
    [Fact]
    public Task A_retrying_post_helper_whose_callers_pass_no_generation_url_is_not_reported() => VerifyAsync(
        PostHelper + """
        sealed class Api(HttpClient http)
        {
            private const string ChatUrl = "https://api.openai.com/v1/chat/completions";

            public Task<HttpResponseMessage> CountAsync(object body) => http.PostWithRetryAsync("https://api.anthropic.com/v1/messages/count_tokens", body);

            public Task<HttpResponseMessage> InputTokensAsync(object body) => http.PostWithRetryAsync("https://api.openai.com/v1/responses/input_tokens", body);

            public Task<HttpResponseMessage> BatchAsync(object body) => http.PostWithRetryAsync("https://api.anthropic.com/v1/messages/batches", body);

            public Task<HttpResponseMessage> CancelAsync(string id) => http.PostWithRetryAsync($"https://api.openai.com/v1/responses/{id}/cancel", new { });

            public Task<HttpResponseMessage> UploadAsync(object file) => http.PostWithRetryAsync("https://api.openai.com/v1/files", file);

            public Task<HttpResponseMessage> ConfiguredAsync(object body) => http.PostWithRetryAsync(Environment.GetEnvironmentVariable("LLM_URL") ?? "", body);

            public Task<HttpResponseMessage> WebhookAsync(object body) => http.PostWithRetryAsync("https://hooks.example.com/notify", body, ChatUrl);

            public Task<HttpResponseMessage> EmbedAsync(object body) => ForwardAsync("https://api.openai.com/v1/embeddings", body);

            private Task<HttpResponseMessage> ForwardAsync(string endpoint, object body) => http.PostWithRetryAsync(endpoint, body);
        }
        """);

    /// <summary>
    /// Caller-URL shape: GET helpers with a retry (plain <c>GetAsync</c> and a <c>SendAsync</c> of a GET request) polling a
    /// stored response or a run's status, even when the URL spells a generation path: a GET creates nothing.
    /// </summary>
    [Fact]
    public Task A_retrying_get_helper_polling_a_generation_path_is_not_reported() => VerifyAsync(
        PostHelper + """
        sealed class Poller(HttpClient http)
        {
            public Task<HttpResponseMessage> ListAsync() => http.GetWithRetryAsync("https://api.openai.com/v1/chat/completions");

            public Task<HttpResponseMessage> StatusAsync() => http.SendGetWithRetryAsync("https://api.openai.com/v1/responses");

            public Task<HttpResponseMessage> TagsAsync() => http.GetWithRetryAsync("http://localhost:11434/api/chat");
        }
        """);

    // ---- broken code, one per shape ------------------------------------------------------------------------------------

    /// <summary>
    /// Success-after-try shape, half typed: missing semicolons, an unfinished filter, an unknown local returned. No crash;
    /// the loop still visibly re-sends the same prompt after a failure, so it is reported.
    /// </summary>
    [Fact]
    public Task Broken_success_after_try_loop_does_not_crash() => VerifyBrokenAsync(
        """
        sealed class Broken(IChatClient client)
        {
            public async Task<string> AskAsync(string prompt)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    string text;
                    try
                    {
                        text = (await client.[|GetResponseAsync|](prompt)).Text
                    }
                    catch (HttpRequestException) when (attempt <
                    {
                        continue
                    }

                    return missing;
                }
            }
        }
        """);

    /// <summary>
    /// Append-on-the-way-out shape, half typed: an append missing its argument, an unknown method, an unfinished return.
    /// No crash; none of the calls on the history binds, so nothing visibly grows it and the retry is reported.
    /// </summary>
    [Fact]
    public Task Broken_append_on_the_way_out_does_not_crash() => VerifyBrokenAsync(
        """
        sealed class Broken
        {
            public async Task<string> RunAsync(IChatCompletionService chat, ChatHistory history)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        var result = await chat.[|GetChatMessageContentAsync|](history);
                        history.AddAssistantMessage();
                        history.Unknown(result);
                        return result.;
                    }
                    catch (Exception)
                    {
                    }
                }
            }
        }
        """);

    /// <summary>Goto shape: a label on a declaration, a goto to a label of another method, a catch jumping back twice.</summary>
    [Fact]
    public Task Broken_goto_labels_do_not_crash() => VerifyBrokenAsync(
        """
        sealed class Broken(IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string prompt)
            {
            retry:
                var x = 1;
                try
                {
                    return await client.GetResponseAsync(prompt);
                }
                catch (HttpRequestException)
                {
                    goto retry;
                    goto retry
                }
                catch
                {
                    goto elsewhere;
                }
            }

            public void Other()
            {
            elsewhere:
                ;
            }
        }
        """);
}
