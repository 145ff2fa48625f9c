using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// Adversarial negatives for the result retry loop of AIL0001 (an error that fails builds): loops real LLM apps write
/// around a model call that ask again after looking at the answer but do not re-send the same request. The history
/// grows, the request changes through a property or a loop variable, each pass takes new work, the answers are compared
/// with each other, or the loop polls or streams. A positive sits next to the shapes that were narrowed.
/// </summary>
public class ResultRetryLoopFalsePositiveTests
{
    private const string Id = "AIL0001";

    private const string MeaiUsings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, MeaiUsings + source, expected);

    // ---- The history grows --------------------------------------------------------------------------------------------

    [Fact]
    public Task History_grown_by_AddRange_a_helper_or_a_conversation_object_is_not_a_retry() => VerifyAsync(
        """
        class Conversation
        {
            public List<ChatMessage> Messages { get; } = new();
            public void Append(ChatResponse response) => Messages.AddRange(response.Messages);
            public void Nudge(string text) => Messages.Add(new ChatMessage(ChatRole.User, text));
        }

        class State
        {
            public List<ChatMessage> Messages { get; } = new();
        }

        class Agent(IChatClient chat)
        {
            public async Task<string> AddRangeAsync(List<ChatMessage> history)
            {
                for (var turn = 0; turn < 5; turn++)
                {
                    var r = await chat.GetResponseAsync(history);
                    if (r.Text.Contains("DONE"))
                    {
                        return r.Text;
                    }

                    history.AddRange(r.Messages);
                    history.Add(new ChatMessage(ChatRole.User, "Continue."));
                }

                return "";
            }

            public async Task<string> StaticHelperAsync(List<ChatMessage> messages)
            {
                while (true)
                {
                    var r = await chat.GetResponseAsync(messages);
                    if (r.FinishReason == ChatFinishReason.Stop)
                    {
                        return r.Text;
                    }

                    var appended = AppendTurn(messages, r);
                    if (!appended)
                    {
                        return "";
                    }
                }
            }

            public async Task<string> ConversationObjectAsync(Conversation conversation)
            {
                for (var i = 0; i < 4; i++)
                {
                    var r = await chat.GetResponseAsync(conversation.Messages);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    conversation.Nudge("Answer with JSON only.");
                }

                return "";
            }

            public async Task<string> StateMessagesAsync(State state)
            {
                for (var i = 0; i < 4; i++)
                {
                    var r = await chat.GetResponseAsync(state.Messages);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    state.Messages.Add(new ChatMessage(ChatRole.User, "That was not JSON."));
                }

                return "";
            }

            private static bool AppendTurn(List<ChatMessage> messages, ChatResponse response)
            {
                messages.AddMessages(response);
                return true;
            }
        }
        """);

    /// <summary>
    /// The history is a field of the object, and a method of the same object adds to it between passes: the next request
    /// carries the correction, even though nothing in the loop names the history.
    /// </summary>
    [Fact]
    public Task History_field_grown_by_a_method_of_this_object_is_not_a_retry() => VerifyAsync(
        """
        class Tutor(IChatClient chat)
        {
            private readonly List<ChatMessage> history = new();
            private static readonly List<ChatMessage> Shared = new();
            private string instructions = "Answer in JSON.";

            public async Task<string> AskAsync()
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(history);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    AddCorrection();
                }

                return "";
            }

            public async Task<string> SharedAsync()
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(Shared);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    Remember("JSON only, please.");
                }

                return "";
            }

            public async Task<string> StricterAsync(string question)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(instructions + question);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    this.Tighten();
                }

                return "";
            }

            private void AddCorrection() => history.Add(new ChatMessage(ChatRole.User, "Not JSON. Try again."));

            private static void Remember(string text) => Shared.Add(new ChatMessage(ChatRole.User, text));

            private void Tighten() => instructions += " No prose.";
        }
        """);

    /// <summary>
    /// Next to it, a method of this object that leaves the request alone (a validator, a counter) does not hide the
    /// retry: the loop re-sends the same history.
    /// </summary>
    [Fact]
    public Task History_field_with_only_a_validator_of_this_object_in_the_loop_is_a_retry() => VerifyAsync(
        """
        class Tutor(IChatClient chat)
        {
            private readonly List<ChatMessage> history = new();
            private int rejected;

            public async Task<string> AskAsync()
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.[|GetResponseAsync|](history);
                    if (IsJson(r.Text))
                    {
                        return r.Text;
                    }

                    CountRejection();
                }

                return "";
            }

            private bool IsJson(string text) => text.StartsWith("{");

            private void CountRejection() => rejected++;
        }
        """);

    [Fact]
    public Task Semantic_Kernel_history_that_grows_is_not_a_retry() => RetryTestSupport.VerifyAsync(
        Id,
        """
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        class Planner(IChatCompletionService chat)
        {
            public async Task<string> AssistantMessageAsync(ChatHistory chatHistory)
            {
                for (var i = 0; i < 3; i++)
                {
                    var reply = await chat.GetChatMessageContentAsync(chatHistory);
                    if ((reply.Content ?? "").StartsWith("{"))
                    {
                        return reply.Content!;
                    }

                    chatHistory.AddAssistantMessage(reply.Content ?? "");
                    chatHistory.AddUserMessage("Answer with JSON only.");
                }

                return "";
            }

            public async Task<string> AddReplyAsync(ChatHistory chatHistory)
            {
                while (true)
                {
                    var reply = await chat.GetChatMessageContentAsync(chatHistory);
                    if (reply.Items.Count == 1)
                    {
                        return reply.Content ?? "";
                    }

                    chatHistory.Add(reply);
                }
            }
        }
        """);

    [Fact]
    public Task Agent_Framework_runs_that_carry_the_conversation_are_not_retries() => RetryTestSupport.VerifyAsync(
        Id,
        """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;

        class Planner(AIAgent agent)
        {
            public async Task<string> MessagesAsync(List<ChatMessage> messages)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await agent.RunAsync(messages);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    messages.AddRange(r.Messages);
                    messages.Add(new ChatMessage(ChatRole.User, "JSON only."));
                }

                return "";
            }

            public async Task<string> SessionFieldAsync(AgentSession session)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await agent.RunAsync("Give the plan as JSON.", session);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }
                }

                return "";
            }
        }
        """);

    // ---- The request changes through a property or a loop variable ---------------------------------------------------

    [Fact]
    public Task Request_changed_through_a_property_or_a_helper_is_not_a_retry() => VerifyAsync(
        """
        class Request
        {
            public string Prompt { get; set; } = "";
        }

        class Triage(IChatClient chat)
        {
            public async Task<string> SeedAsync(string prompt)
            {
                var options = new ChatOptions { Temperature = 0.7f };
                for (var i = 0; i < 3; i++)
                {
                    options.Seed = i;
                    var r = await chat.GetResponseAsync(prompt, options);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }
                }

                return "";
            }

            public async Task<string> WarmerAsync(string prompt, ChatOptions options)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(prompt, options);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    options.Temperature = (options.Temperature ?? 0f) + 0.2f;
                }

                return "";
            }

            public async Task<string> RequestPropertyAsync(Request request)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(request.Prompt);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    request.Prompt += "\nJSON only.";
                }

                return "";
            }

            public async Task<string> StopSequenceAsync(string prompt, ChatOptions options)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(prompt, options);
                    if (r.Text.EndsWith("}"))
                    {
                        return r.Text;
                    }

                    options.StopSequences!.Add("}");
                }

                return "";
            }

            public async Task<string> TweakedByHelperAsync(string prompt, ChatOptions options)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(prompt, options);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    Tweak(options);
                }

                return "";
            }

            private static void Tweak(ChatOptions options) => options.ResponseFormat = ChatResponseFormat.Json;
        }
        """);

    [Fact]
    public Task Loop_variable_in_the_prompt_or_choosing_the_chunk_or_client_is_not_a_retry() => VerifyAsync(
        """
        class Reader(IChatClient chat, IChatClient[] clients)
        {
            public async Task<string> AttemptInPromptAsync(string question)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync($"Attempt {i + 1}: {question}");
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }
                }

                return "";
            }

            public async Task<string> ChunksAsync(string[] chunks)
            {
                for (var i = 0; i < chunks.Length; i++)
                {
                    var r = await chat.GetResponseAsync("Does this mention a refund? " + chunks[i]);
                    if (r.Text.StartsWith("Yes"))
                    {
                        return chunks[i];
                    }
                }

                return "";
            }

            public async Task<string> PagesAsync(IReadOnlyList<string> pages)
            {
                var page = 0;
                while (page < pages.Count)
                {
                    var r = await chat.GetResponseAsync(pages[page++]);
                    if (r.Text.Contains("ANSWER"))
                    {
                        return r.Text;
                    }
                }

                return "";
            }

            public async Task<string> ClientPerAttemptAsync(string prompt)
            {
                for (var i = 0; i < clients.Length; i++)
                {
                    var r = await clients[i].GetResponseAsync(prompt);
                    if (r.Text.Length > 0)
                    {
                        return r.Text;
                    }
                }

                return "";
            }

            public async Task<string> FirstAttemptPlainAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var text = i == 0 ? prompt : prompt + "\nBe brief.";
                    var r = await chat.GetResponseAsync(text);
                    if (r.Text.Length < 200)
                    {
                        return r.Text;
                    }
                }

                return "";
            }
        }
        """);

    // ---- Each pass takes new work ------------------------------------------------------------------------------------

    [Fact]
    public Task Services_reading_a_queue_until_cancelled_are_not_retries() => VerifyAsync(
        """
        record Job(string Prompt);

        class Worker(IChatClient chat, ConcurrentQueue<Job> queue, ChannelReader<Job> reader)
        {
            public async Task<string> QueueAsync(CancellationToken cancellationToken)
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    if (!queue.TryDequeue(out var job))
                    {
                        await Task.Delay(500, cancellationToken);
                        continue;
                    }

                    var r = await chat.GetResponseAsync(job.Prompt, cancellationToken: cancellationToken);
                    if (r.Text.Contains("SHUTDOWN"))
                    {
                        return r.Text;
                    }
                }

                return "";
            }

            public async Task<string> ChannelAsync(CancellationToken cancellationToken)
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var job = await reader.ReadAsync(cancellationToken);
                    var r = await chat.GetResponseAsync(job.Prompt, cancellationToken: cancellationToken);
                    if (r.Text.Contains("SHUTDOWN"))
                    {
                        break;
                    }
                }

                return "";
            }
        }
        """);

    // ---- Answers compared with each other, exits on something else ---------------------------------------------------

    /// <summary>
    /// Asking until two answers in a row agree keeps each answer for the next pass's test: sampling on purpose, and the
    /// answer the loop stops on is the one it was compared with, not a rejected one dropped.
    /// </summary>
    [Fact]
    public Task Asking_until_two_answers_agree_is_not_a_retry() => VerifyAsync(
        """
        class Judge(IChatClient chat)
        {
            public async Task<string> StableAsync(string prompt)
            {
                string? previous = null;
                for (var i = 0; i < 5; i++)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    if (r.Text == previous)
                    {
                        return r.Text;
                    }

                    previous = r.Text;
                }

                return previous ?? "";
            }

            public async Task<string> StableDoAsync(string prompt)
            {
                var last = "";
                string current;
                var rounds = 0;
                do
                {
                    var r = await chat.GetResponseAsync(prompt);
                    current = r.Text;
                    if (current == last)
                    {
                        break;
                    }

                    last = current;
                }
                while (++rounds < 5);

                return current;
            }
        }
        """);

    [Fact]
    public Task Evaluation_and_budget_loops_are_not_retries() => VerifyAsync(
        """
        record Case(string Prompt, string Expected);

        class Eval(IChatClient chat)
        {
            public async Task<int> ScoreAsync(IReadOnlyList<Case> cases)
            {
                var passed = 0;
                for (var i = 0; i < cases.Count; i++)
                {
                    var r = await chat.GetResponseAsync(cases[i].Prompt);
                    if (r.Text == cases[i].Expected)
                    {
                        passed++;
                    }
                }

                return passed;
            }

            public async Task<string[]> RepeatAsync(string prompt, int runs)
            {
                var results = new string[runs];
                for (var i = 0; i < runs; i++)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    results[i] = r.Text;
                }

                return results;
            }

            public async Task RunForAsync(string prompt, TimeSpan budget)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                while (watch.Elapsed < budget)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    Console.WriteLine(r.Text);
                }
            }
        }
        """);

    // ---- Tool calls, streaming, polling ------------------------------------------------------------------------------

    [Fact]
    public Task Do_while_on_tool_calls_is_not_a_retry() => VerifyAsync(
        """
        class Agent(IChatClient chat)
        {
            public async Task<string> DoWhileAsync(List<ChatMessage> messages, ChatOptions options)
            {
                ChatResponse response;
                do
                {
                    response = await chat.GetResponseAsync(messages, options);
                    messages.AddMessages(response);
                    foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
                    {
                        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "42")]));
                    }
                }
                while (response.FinishReason == ChatFinishReason.ToolCalls);

                return response.Text;
            }

            public async Task<string> ToolsAddedByReturnedListAsync(List<ChatMessage> messages)
            {
                ChatResponse response;
                do
                {
                    response = await chat.GetResponseAsync(messages);
                    messages = [.. messages, .. response.Messages, .. RunTools(response)];
                }
                while (response.FinishReason == ChatFinishReason.ToolCalls);

                return response.Text;
            }

            private static IEnumerable<ChatMessage> RunTools(ChatResponse response) => [];
        }
        """);

    [Fact]
    public Task Streaming_turn_loop_is_not_a_retry() => VerifyAsync(
        """
        class Agent(IChatClient chat)
        {
            public async Task<string> StreamAsync(List<ChatMessage> messages)
            {
                while (true)
                {
                    var updates = new List<ChatResponseUpdate>();
                    await foreach (var update in chat.GetStreamingResponseAsync(messages))
                    {
                        Console.Write(update.Text);
                        updates.Add(update);
                    }

                    var response = updates.ToChatResponse();
                    if (response.FinishReason != ChatFinishReason.ToolCalls)
                    {
                        return response.Text;
                    }

                    messages.AddMessages(updates);
                }
            }
        }
        """);

    [Fact]
    public Task Polling_a_job_status_with_a_delay_is_not_a_retry() => VerifyAsync(
        """
        record JobStatus(bool Done, string Output);

        class JobClient
        {
            public Task<JobStatus> GetStatusAsync(string id) => Task.FromResult(new JobStatus(true, ""));
        }

        class Batch(IChatClient chat, JobClient jobs)
        {
            public async Task<string> WaitAsync(string id)
            {
                while (true)
                {
                    var status = await jobs.GetStatusAsync(id);
                    if (status.Done)
                    {
                        var summary = await chat.GetResponseAsync("Summarise: " + status.Output);
                        return summary.Text;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(5));
                }
            }
        }
        """);

    /// <summary>
    /// A person decides whether to keep the answer (a regenerate prompt in a console app): the exit tests the user's
    /// reply, not the answer. Kernel arguments changed per attempt change the rendered prompt.
    /// </summary>
    [Fact]
    public Task Regenerate_on_a_users_say_so_and_kernel_arguments_per_attempt_are_not_retries() => RetryTestSupport.VerifyAsync(
        Id,
        """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;

        class Drafts(IChatClient chat, Kernel kernel)
        {
            public async Task<string> RegenerateAsync(string prompt)
            {
                while (true)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    Console.WriteLine(r.Text);
                    Console.Write("Keep this draft? (y/n) ");
                    if (Console.ReadLine() == "y")
                    {
                        return r.Text;
                    }
                }
            }

            public async Task<string> KernelArgumentsAsync(string template)
            {
                var arguments = new KernelArguments();
                for (var i = 0; i < 3; i++)
                {
                    arguments["attempt"] = i;
                    var result = await kernel.InvokePromptAsync(template, arguments);
                    var text = result.GetValue<string>() ?? "";
                    if (text.Length > 0)
                    {
                        return text;
                    }
                }

                return "";
            }
        }
        """);

    /// <summary>
    /// A flakiness check asks the same question again on a good answer and stops at the first wrong one: it never keeps an
    /// answer, so it is a measurement, not a retry.
    /// </summary>
    [Fact]
    public Task Consistency_check_that_stops_on_a_wrong_answer_is_not_a_retry() => VerifyAsync(
        """
        class Eval(IChatClient chat)
        {
            public async Task<bool> AlwaysRightAsync(string prompt, string expected, int runs)
            {
                for (var i = 0; i < runs; i++)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    if (r.Text != expected)
                    {
                        return false;
                    }
                }

                return true;
            }

            public async Task<int> RunsUntilWrongAsync(string prompt, string expected)
            {
                var runs = 0;
                while (runs < 20)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    if (r.Text != expected)
                    {
                        break;
                    }

                    runs++;
                }

                return runs;
            }
        }
        """);

    /// <summary>
    /// Next to it, the loop that leaves with the accepted answer, and the one that keeps it in a variable declared before
    /// the loop, re-send the same request after a rejected answer: retries.
    /// </summary>
    [Fact]
    public Task Leaving_with_the_accepted_answer_is_still_a_retry() => VerifyAsync(
        """
        class Triage(IChatClient chat)
        {
            public async Task<string> ReturnsItAsync(string prompt, string[] labels)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.[|GetResponseAsync|](prompt);
                    if (labels.Contains(r.Text))
                    {
                        Console.WriteLine($"Label: {r.Text}");
                        return r.Text.ToLowerInvariant();
                    }
                }

                return "unknown";
            }

            public async Task<string> KeepsItAsync(string prompt, string[] labels)
            {
                ChatResponse? r = null;
                for (var i = 0; i < 3; i++)
                {
                    r = await chat.[|GetResponseAsync|](prompt);
                    if (labels.Contains(r.Text))
                    {
                        break;
                    }
                }

                return r?.Text ?? "unknown";
            }
        }
        """);

    /// <summary>A local function or a lambda kept in a local that adds to the captured history changes the next request.</summary>
    [Fact]
    public Task History_grown_by_a_local_function_or_a_lambda_is_not_a_retry() => VerifyAsync(
        """
        class Tutor(IChatClient chat)
        {
            public async Task<string> LocalFunctionAsync(string question)
            {
                var messages = new List<ChatMessage> { new(ChatRole.User, question) };
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(messages);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    Nudge();
                }

                return "";

                void Nudge() => messages.Add(new ChatMessage(ChatRole.User, "JSON only."));
            }

            public async Task<string> LambdaAsync(string question)
            {
                var messages = new List<ChatMessage> { new(ChatRole.User, question) };
                Action nudge = () => messages.Add(new ChatMessage(ChatRole.User, "JSON only."));
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(messages);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    nudge();
                }

                return "";
            }
        }
        """);

    /// <summary>A local function or a delegate that only judges the answer leaves the request alone: still a retry.</summary>
    [Fact]
    public Task Local_function_or_delegate_validator_is_still_a_retry() => VerifyAsync(
        """
        class Tutor(IChatClient chat)
        {
            public async Task<string> LocalValidatorAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.[|GetResponseAsync|](prompt);
                    if (IsJson(r.Text))
                    {
                        return r.Text;
                    }
                }

                return "";

                static bool IsJson(string text) => text.StartsWith("{");
            }

            public async Task<string> DelegateValidatorAsync(string prompt, Func<string, bool> accept)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.[|GetResponseAsync|](prompt);
                    if (accept(r.Text))
                    {
                        return r.Text;
                    }
                }

                return "";
            }
        }
        """);

    /// <summary>
    /// Half-typed helpers and exits do not crash the narrowed checks: a helper without a body, a local function cut off,
    /// an unresolved delegate and an exit missing its expression are all skipped without a report.
    /// </summary>
    [Fact]
    public async Task Half_typed_helpers_and_exits_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = MeaiUsings + """
                class Tutor(IChatClient chat)
                {
                    private readonly List<ChatMessage> history = new();

                    public async Task<string> AskAsync(string prompt)
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            var r = await chat.GetResponseAsync(history);
                            if (r.Text.StartsWith("{"))
                            {
                                return ;
                            }

                            AddCorrection();
                            nudge();
                            Local(
                        }

                        void Local() => history.Add(
                    }

                    private partial void AddCorrection();
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }
}
