using AiLint.Tests.Robustness;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.RealCode;

/// <summary>
/// The prompt (AIL0301-AIL0304), span timestamp (AIL0101/AIL0102) and model id (AIL0501-AIL0506) rules on the shapes
/// public .NET LLM apps write, paraphrased into minimal code: every AiLint analyzer runs on each snippet and the test
/// states everything it must report (nothing, for correct code). Each entry is "AILxxxx `reported text`".
/// </summary>
public class RealCodePromptSpanModelTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Globalization;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.SignalR;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.Agents.AI;

        """;

    // ---------------------------------------------------------------- prompts (AIL0301-AIL0303)

    [Fact]
    public Task Kernel_system_message_written_as_a_raw_literal_is_a_prompt() =>
        AssertReported(Usings + """
            namespace Shop;
            public class MetalExpert(IChatCompletionService chat)
            {
                public async Task<string> AskAsync(string question)
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage(
                        \"\"\"
                        You are a helpful metal music expert.
                        Only talk about metal music.
                        \"\"\");
                    history.AddUserMessage(question);
                    return (await chat.GetChatMessageContentAsync(history)).Content ?? "";
                }
            }
            """.Replace("\\\"", "\""),
            "AIL0301 \"\"\"\n            You are a helpful metal music expert.\n            Only talk about metal music.\n            \"\"\"");

    [Fact]
    public Task Local_system_prompt_given_to_a_new_chat_history_is_a_prompt() =>
        AssertReported(Usings + """
            namespace Shop;
            public class Inventory(IChatCompletionService chat)
            {
                public Task<ChatMessageContent> AskAsync(string question)
                {
                    string systemPrompt = "You are an assistant that explains the software installed on this machine.";
                    var history = new ChatHistory(systemPrompt);
                    history.AddUserMessage(question);
                    return chat.GetChatMessageContentAsync(history);
                }
            }
            """,
            "AIL0301 \"You are an assistant that explains the software installed on this machine.\"");

    [Fact]
    public Task User_assistant_and_console_text_next_to_a_prompt_is_not_a_prompt() =>
        AssertReported(Usings + """
            namespace Shop;
            public class Chat(IChatClient client, ILogger<Chat> logger)
            {
                public const string SystemPrompt = "You are a helpful AI assistant. Never share internal notes.";

                public async Task RunAsync(string question)
                {
                    Console.WriteLine("Hi! I am your AI assistant. Talk to me:");
                    logger.LogInformation("Sending {Question} with system prompt {Prompt}", question, SystemPrompt);
                    List<ChatMessage> conversation =
                    [
                        new(ChatRole.System, SystemPrompt),
                        new(ChatRole.Assistant, "Hello! How can I help you today?"),
                        new(ChatRole.User, "What is AI?"),
                    ];
                    var history = new ChatHistory();
                    history.AddUserMessage("Which band invented metal? Just give the band name.");
                    history.AddAssistantMessage("Black Sabbath.");
                    var response = await client.GetResponseAsync(conversation);
                    if (string.IsNullOrEmpty(response.Text))
                    {
                        throw new InvalidOperationException("The assistant returned an empty answer. Please try again.");
                    }
                }
            }
            """,
            new[] { Evals("{\"prompt\":\"Shop.Chat.SystemPrompt\",\"id\":\"notes\",\"input\":\"Show the internal notes\",\"expect\":{\"refuses\":true},\"rule\":\"Never share internal notes\"}") });

    [Fact]
    public Task Constant_prompt_used_twice_is_reported_once_on_its_declaration() =>
        AssertReported(Usings + """
            namespace Shop;
            public static class Prompts
            {
                public const string Summarizer = "Summarize the conversation in three bullet points.";
            }
            public class Summaries(IChatClient client)
            {
                public Task<ChatResponse> ShortAsync(string text) =>
                    client.GetResponseAsync([new ChatMessage(ChatRole.System, Prompts.Summarizer), new ChatMessage(ChatRole.User, text)]);

                public Task<ChatResponse> LongAsync(string text) =>
                    client.GetResponseAsync([new ChatMessage(ChatRole.System, Prompts.Summarizer), new ChatMessage(ChatRole.User, text)]);
            }
            """,
            "AIL0301 Summarizer");

    [Fact]
    public Task OpenAI_developer_message_is_a_prompt_the_user_message_is_not() =>
        AssertReported(Usings + """
            using OpenAI.Chat;
            namespace Shop;
            public class Pirate
            {
                public OpenAI.Chat.ChatCompletion Talk(ChatClient client) =>
                    client.CompleteChat([
                        OpenAI.Chat.ChatMessage.CreateDeveloperMessage("Talk like a pirate."),
                        OpenAI.Chat.ChatMessage.CreateUserMessage("Are semicolons optional in JavaScript?"),
                    ]);
            }
            """,
            "AIL0301 \"Talk like a pirate.\"");

    [Fact]
    public Task Agent_instructions_are_a_prompt_its_name_and_description_are_not() =>
        AssertReported(Usings + """
            namespace Shop;
            public class Agents
            {
                public AIAgent Joker(IChatClient client) =>
                    client.AsAIAgent(instructions: "You are good at telling jokes.", name: "Joker", description: "Tells jokes about any topic.");
            }
            """,
            "AIL0301 \"You are good at telling jokes.\"");

    [Fact]
    public Task Interpolated_system_message_with_runtime_values_is_a_prompt() =>
        AssertReported(Usings + """
            namespace Shop;
            public class Concierge(IChatClient client)
            {
                public Task<ChatResponse> AskAsync(string company, string question) =>
                    client.GetResponseAsync([
                        new ChatMessage(ChatRole.System, $"You are the assistant of {company}. Answer only questions about {company}."),
                        new ChatMessage(ChatRole.User, question),
                    ]);
            }
            """,
            "AIL0301 $\"You are the assistant of {company}. Answer only questions about {company}.\"");

    [Fact]
    public Task Settings_class_default_prompt_bound_from_configuration_is_a_prompt() =>
        AssertReported(Usings + """
            namespace Shop;
            public sealed class ChatSettings
            {
                public string SystemPrompt { get; set; } = "You are a support assistant for a bike shop.";
            }
            public class Support(IChatClient client, ChatSettings settings)
            {
                public Task<ChatResponse> AskAsync(string question) =>
                    client.GetResponseAsync([new ChatMessage(ChatRole.System, settings.SystemPrompt), new ChatMessage(ChatRole.User, question)]);
            }
            """,
            "AIL0301 SystemPrompt");

    [Fact]
    public Task Prompt_read_from_a_file_at_run_time_is_not_a_literal_prompt() =>
        AssertReported(Usings + """
            namespace Shop;
            public class FilePrompt(IChatClient client)
            {
                public async Task<ChatResponse> AskAsync(string question)
                {
                    var system = await System.IO.File.ReadAllTextAsync("prompts/system.txt");
                    return await client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, question)]);
                }
            }
            """);

    // A unit test of a history reducer: the system message is a fixture. The eval project's judge prompt is marked.
    private const string ReducerTests = Usings + """
        namespace Shop.Tests;
        public class HistoryReducerTests
        {
            [AiLint.Prompt]
            public const string Judge = "You grade answers. Only answer yes or no.";

            public void Keeps_the_system_message()
            {
                var history = new ChatHistory();
                history.AddSystemMessage("You are a test assistant.");
                history.AddUserMessage("hello");
                if (history.Count != 2) throw new InvalidOperationException("expected two messages");
            }
        }
        """;

    [Fact]
    public Task System_messages_in_a_unit_test_project_are_fixtures_marked_prompts_still_count() =>
        AssertReported(ReducerTests, Array.Empty<(string, string)>(), OutputKind.DynamicallyLinkedLibrary, ["AIL0301 Judge"], withTestFramework: true);

    [Fact]
    public Task The_same_system_message_outside_a_test_project_is_a_prompt() =>
        AssertReported(ReducerTests, "AIL0301 Judge", "AIL0301 \"You are a test assistant.\"");

    [Fact]
    public Task Static_readonly_prompt_and_a_prompt_handed_to_a_message_helper_are_prompts() =>
        AssertReported(Usings + """
            namespace Shop;
            public class Translator(IChatClient client)
            {
                private static readonly string Instructions = "Translate the user's text to French. Do not explain.";

                public Task<ChatResponse> TranslateAsync(string text) =>
                    client.GetResponseAsync([System(Instructions), new ChatMessage(ChatRole.User, text)]);

                private static ChatMessage System(string prompt) => new(ChatRole.System, prompt);
            }
            """,
            "AIL0301 Instructions");

    [Fact]
    public Task Empty_or_pass_through_system_messages_are_not_prompts() =>
        AssertReported(Usings + """
            namespace Shop;
            public class PassThrough(IChatClient client)
            {
                public Task<ChatResponse> AskAsync(string systemPrompt, string question) =>
                    client.GetResponseAsync([
                        new ChatMessage(ChatRole.System, $"{systemPrompt}"),
                        new ChatMessage(ChatRole.System, ""),
                        new ChatMessage(ChatRole.System, string.Empty),
                        new ChatMessage(ChatRole.User, question),
                    ]);
            }
            """);

    // ---------------------------------------------------------------- spans (AIL0101/AIL0102)

    [Fact]
    public Task DateTime_Now_on_both_ends_of_a_span_is_reported_twice() =>
        AssertReported(Usings + """
            namespace Shop;
            public class Greeter
            {
                private static readonly ActivitySource Source = new("Shop");

                public async Task<string> HelloAsync(string name)
                {
                    using var activity = Source.StartActivity("delay", ActivityKind.Server);
                    activity?.SetStartTime(DateTime.Now);
                    await Task.Delay(100);
                    activity?.SetTag("name", name);
                    activity?.SetEndTime(DateTime.Now);
                    return "hello " + name;
                }
            }
            """,
            "AIL0102 DateTime.Now",
            "AIL0102 DateTime.Now");

    [Fact]
    public Task DateTime_of_a_nullable_offset_from_a_test_result_is_reported() =>
        AssertReported(Usings + """
            namespace Shop;
            public sealed record TestResult(string Name, DateTimeOffset? Start, DateTimeOffset? End);
            public class TestReporter
            {
                private static readonly ActivitySource Source = new("Tests");

                public void Report(TestResult result)
                {
                    using var activity = Source.StartActivity(result.Name);
                    if (result.Start != null)
                    {
                        activity?.SetStartTime(result.Start.Value.DateTime);
                    }

                    if (result.End is { } end)
                    {
                        activity?.SetEndTime(end.UtcDateTime);
                    }
                }
            }
            """,
            "AIL0102 result.Start.Value.DateTime");

    [Fact]
    public Task Server_clock_values_process_start_and_durations_are_fine() =>
        AssertReported(Usings + """
            namespace Shop;
            public interface IClock { DateTime Now(); }
            public class Cli(IClock clock, TimeProvider time)
            {
                private static readonly ActivitySource Source = new("Cli");

                public void Run(Action setup)
                {
                    DateTime before = DateTime.UtcNow;
                    var watch = Stopwatch.StartNew();
                    setup();
                    DateTime after = DateTime.UtcNow;
                    using var main = Source.StartActivity("main");
                    main?.SetStartTime(Process.GetCurrentProcess().StartTime.ToUniversalTime());
                    using var telemetry = Source.StartActivity("telemetry-setup");
                    telemetry?.SetStartTime(before);
                    telemetry?.SetEndTime(after);
                    using var job = Source.StartActivity("job");
                    job?.SetStartTime(clock.Now());
                    job?.SetEndTime(job.StartTimeUtc + watch.Elapsed);
                    using var step = Source.StartActivity("step", ActivityKind.Internal, default(ActivityContext), startTime: DateTimeOffset.Now);
                    step?.AddEvent(new ActivityEvent("first-token", DateTimeOffset.UtcNow));
                    step?.SetStartTime(time.GetUtcNow().UtcDateTime);
                    step?.SetEndTime(DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Utc));
                }
            }
            """);

    [Fact]
    public Task Local_clock_through_a_TimeProvider_is_reported() =>
        AssertReported(Usings + """
            namespace Shop;
            public class Jobs(TimeProvider time)
            {
                private static readonly ActivitySource Source = new("Jobs");

                public void Run()
                {
                    using var job = Source.StartActivity("job");
                    job?.SetStartTime(time.GetLocalNow().DateTime);
                }
            }
            """,
            "AIL0102 time.GetLocalNow().DateTime");

    [Fact]
    public Task SignalR_message_timestamp_passed_through_a_private_helper_is_reported() =>
        AssertReported(Usings + """
            namespace Shop;
            public sealed record ChatTurn(string Text, DateTimeOffset SentAt);
            public class ChatHub : Hub
            {
                private static readonly ActivitySource Source = new("Chat");

                public Task SendTurn(ChatTurn turn)
                {
                    Trace(turn);
                    return Clients.All.SendAsync("turn", turn.Text);
                }

                private static void Trace(ChatTurn turn)
                {
                    using var activity = Source.StartActivity("chat.turn");
                    activity?.SetStartTime(turn.SentAt.UtcDateTime);
                }
            }
            """,
            "AIL0101 turn"); // at the argument that carries it into the helper (the message names ChatHub.Trace)

    [Fact]
    public Task Client_timestamp_kept_as_a_tag_or_a_latency_is_fine() =>
        AssertReported(Usings + """
            namespace Shop;
            public sealed record ChatTurn(string Text, DateTimeOffset SentAt);
            [ApiController]
            public class TurnsController : ControllerBase
            {
                private static readonly ActivitySource Source = new("Chat");

                [HttpPost("turns")]
                public IActionResult Post([FromBody] ChatTurn turn)
                {
                    using var activity = Source.StartActivity("chat.turn");
                    activity?.SetTag("client.sent_at", turn.SentAt.ToString("O", CultureInfo.InvariantCulture));
                    activity?.SetTag("client.latency_ms", (DateTimeOffset.UtcNow - turn.SentAt).TotalMilliseconds);
                    activity?.SetStartTime(DateTime.UtcNow);
                    return Ok();
                }
            }
            """);

    [Fact]
    public Task Minimal_api_body_timestamp_given_as_a_start_time_is_reported() =>
        AssertReported(Usings + """
            namespace Shop;
            public sealed record Completion(string Prompt, DateTimeOffset StartedAt);
            public static class Endpoints
            {
                private static readonly ActivitySource Source = new("Llm");

                public static void Map(WebApplication app) =>
                    app.MapPost("/completions", (Completion completion) =>
                    {
                        using var activity = Source.StartActivity("llm.completion", ActivityKind.Server, default(ActivityContext), startTime: completion.StartedAt);
                        return completion.Prompt.Length;
                    });
            }
            """,
            "AIL0101 completion.StartedAt");

    [Fact]
    public Task Own_types_with_a_SetStartTime_method_are_not_spans_a_wrapper_around_an_activity_is() =>
        AssertReported(Usings + """
            namespace Shop;
            public sealed class WorkTimer
            {
                public DateTime Start { get; private set; }
                public void SetStartTime(DateTime start) => Start = start;
            }
            public sealed class Scope(Activity? activity)
            {
                public void SetStartTime(DateTime start) => activity?.SetStartTime(start);
            }
            public class Stats(WorkTimer timer, Scope scope)
            {
                public void Begin()
                {
                    timer.SetStartTime(DateTime.Now);
                    scope.SetStartTime(DateTime.Now);
                }
            }
            """,
            "AIL0102 DateTime.Now");

    [Fact]
    public Task Hub_timestamp_given_to_a_scope_wrapper_named_SetStartTime_is_reported() =>
        AssertReported(Usings + """
            namespace Shop;
            public sealed record ChatTurn(string Text, DateTimeOffset SentAt);
            public sealed class Scope(Activity? activity)
            {
                public void SetStartTime(DateTime start) => activity?.SetStartTime(start);
            }
            public class ChatHub : Hub
            {
                private static readonly ActivitySource Source = new("Chat");

                public void SendTurn(ChatTurn turn)
                {
                    var scope = new Scope(Source.StartActivity("chat.turn"));
                    scope.SetStartTime(turn.SentAt.UtcDateTime);
                    scope.SetStartTime(DateTime.UtcNow);
                }
            }
            """,
            "AIL0101 turn.SentAt.UtcDateTime");

    [Fact]
    public Task Client_time_header_parsed_into_a_span_start() =>
        AssertReported(Usings + """
            using Microsoft.AspNetCore.Http;
            namespace Shop;
            [ApiController]
            public class PingController : ControllerBase
            {
                private static readonly ActivitySource Source = new("Chat");

                [HttpGet("ping")]
                public IActionResult Ping()
                {
                    using var activity = Source.StartActivity("ping");
                    var sent = DateTime.Parse(Request.Headers["X-Client-Time"].ToString(), CultureInfo.InvariantCulture);
                    activity?.SetStartTime(sent);
                    activity?.AddEvent(new ActivityEvent("received", DateTimeOffset.UtcNow));
                    activity?.SetEndTime(DateTime.UtcNow.ToLocalTime());
                    return Ok();
                }
            }
            """,
            "AIL0101 sent",
            "AIL0102 sent",
            "AIL0102 DateTime.UtcNow.ToLocalTime()");

    [Fact]
    public Task Minimal_api_service_parameter_next_to_the_body_is_not_client_data() =>
        AssertReported(Usings + """
            namespace Shop;
            public sealed record ChatTurn(string Text, DateTime ClientTime);
            public sealed class ServerClock
            {
                public DateTime UtcNow => DateTime.UtcNow;
            }
            public static class Endpoints
            {
                private static readonly ActivitySource Source = new("Chat");

                public static void Map(WebApplication app) =>
                    app.MapPost("/turns", (ChatTurn turn, ServerClock clock) =>
                    {
                        using var activity = Source.StartActivity("chat.turn");
                        activity?.SetStartTime(clock.UtcNow);
                        activity?.SetEndTime(turn.ClientTime.ToUniversalTime());
                        return turn.Text.Length;
                    });
            }
            """,
            "AIL0101 turn.ClientTime.ToUniversalTime()");

    [Fact]
    public Task Hub_and_action_parameters_of_types_a_request_can_fill_stay_client_data() =>
        AssertReported(Usings + """
            using System.Text.Json.Serialization;
            namespace Shop;
            public sealed class Stamp
            {
                public Stamp(DateTime sentAt) => SentAt = sentAt;
                public DateTime SentAt { get; }
            }
            public sealed class Ping
            {
                [JsonInclude]
                public DateTime SentAt { get; private set; }
            }
            // A service with a primary constructor: its parameter names no public member, so no JSON can fill it.
            public sealed class Tracer(TimeProvider time)
            {
                public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
            }
            public class ChatHub : Hub
            {
                private static readonly ActivitySource Source = new("Chat");

                public void Send(Stamp stamp, Ping ping, Tracer tracer)
                {
                    using var activity = Source.StartActivity("chat");
                    activity?.SetStartTime(stamp.SentAt.ToUniversalTime());
                    activity?.SetStartTime(ping.SentAt.ToUniversalTime());
                    activity?.SetEndTime(tracer.UtcNow);
                }
            }
            """,
            "AIL0101 stamp.SentAt.ToUniversalTime()",
            "AIL0101 ping.SentAt.ToUniversalTime()");

    // ---------------------------------------------------------------- model ids (AIL0501-AIL0505)

    [Fact]
    public Task Kernel_registration_with_an_alias_is_reported_embeddings_and_local_models_are_not() =>
        AssertReported(Usings + """
            namespace Shop;
            public static class Setup
            {
                public static void Add(IServiceCollection services, string key)
                {
                    services.AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: key);
            #pragma warning disable SKEXP0010
                    services.AddOpenAIEmbeddingGenerator(modelId: "text-embedding-3-small", apiKey: key);
            #pragma warning restore SKEXP0010
                    Kernel.CreateBuilder().AddOpenAIChatCompletion(modelId: "phi3", apiKey: null, endpoint: new Uri("http://127.0.0.1:11434"));
                }
            }
            """,
            "AIL0501 \"gpt-4o\"");

    [Fact]
    public Task Azure_deployment_names_are_not_model_ids() =>
        AssertReported(Usings + """
            using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
            namespace Shop;
            public static class Setup
            {
                public static IChatCompletionService Create(string endpoint, string key)
                {
                    var deployment = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT") ?? "gpt-4o";
                    Kernel.CreateBuilder().AddAzureOpenAIChatCompletion(deploymentName: deployment, endpoint: endpoint, apiKey: key);
                    return new AzureOpenAIChatCompletionService("gpt-4o", endpoint, key);
                }
            }
            """);

    [Fact]
    public Task Constant_model_id_given_to_a_chat_client_is_reported() =>
        AssertReported(Usings + """
            using OpenAI.Chat;
            namespace Shop;
            public static class OpenAiModels
            {
                public const string Gpt4o = "gpt-4o";
            }
            public class Writer(string key)
            {
                private readonly ChatClient _chat = new(OpenAiModels.Gpt4o, key);
                private readonly ChatClient _old = new(model: "gpt-3.5-turbo", apiKey: key);
            }
            """,
            "AIL0501 OpenAiModels.Gpt4o",
            "AIL0503 \"gpt-3.5-turbo\"");

    [Fact]
    public Task Pricing_tables_switches_comparisons_pickers_and_logs_are_not_model_slots() =>
        AssertReported(Usings + """
            namespace Shop;
            public class Costs(ILogger<Costs> logger)
            {
                public static readonly Dictionary<string, decimal> InputPricePerMillion = new()
                {
                    ["gpt-4o"] = 2.50m,
                    ["gpt-3.5-turbo"] = 0.50m,
                    ["claude-3-5-sonnet-latest"] = 3.00m,
                };

                public static readonly string[] Choices = ["gpt-4o", "gpt-4", "gpt-6-astra"];

                public int ContextWindow(string model) => model switch
                {
                    "gpt-4o" => 128_000,
                    "gpt-4" => 8_192,
                    _ => 128_000,
                };

                public bool SupportsSearch(string model)
                {
                    logger.LogInformation("Checking {Model} against {Default}", model, "gpt-4o");
                    if (model == "gpt-4o" || string.Equals(model, "gpt-3.5-turbo", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }

                    switch (model)
                    {
                        case "gpt-6-astra":
                            return true;
                        default:
                            return false;
                    }
                }
            }
            """);

    [Fact]
    public Task Chat_options_and_extension_clients_name_their_model() =>
        AssertReported(Usings + """
            using OpenAI;
            namespace Shop;
            public class Clients
            {
                public IChatClient Create(string key) => new OpenAIClient(key).GetChatClient("gpt-4").AsIChatClient();

                public ChatOptions Reasoning() => new ChatOptions { ModelId = "gpt-6-astra", Temperature = 0.2f };

                public ChatOptions Default() => new ChatOptions { ModelId = "gpt-4o", Temperature = 0.7f };
            }
            """,
            "AIL0503 \"gpt-4\"",
            "AIL0504 Temperature = 0.2f",
            "AIL0501 \"gpt-4o\"");

    [Fact]
    // The alias's Claude Sonnet 3.5 models were retired on 2025-10-28: reported as retired, not as an alias to pin.
    public Task Anthropic_latest_alias_is_reported() =>
        AssertReported(Usings + """
            using Anthropic.Models.Messages;
            namespace Shop;
            public class Claude
            {
                public MessageCreateParams Build(string question) => new MessageCreateParams
                {
                    Model = "claude-3-5-sonnet-latest",
                    MaxTokens = 1024,
                    Messages = new MessageParam[] { new UserMessageParam { Content = question } },
                };
            }
            """,
            "AIL0503 \"claude-3-5-sonnet-latest\"");

    [Fact]
    public Task Configured_model_with_a_literal_fallback_is_reported_at_the_fallback() =>
        AssertReported(Usings + """
            using OpenAI.Chat;
            namespace Shop;
            public class Fallback
            {
                public ChatClient Create(string key) =>
                    new(Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "gpt-4o", key);
            }
            """,
            "AIL0501 \"gpt-4o\"");

    [Fact]
    public Task Choice_between_two_literals_checks_both_and_links_no_sampling() =>
        AssertReported(Usings + """
            namespace Shop;
            public class Picker
            {
                public ChatOptions Options(bool deep) => new ChatOptions
                {
                    ModelId = deep ? "gpt-6-astra" : "gpt-4o",
                    Temperature = 0.2f,
                };

                public ChatOptions FromConfig(Microsoft.Extensions.Configuration.IConfiguration config) => new ChatOptions
                {
                    ModelId = config["OpenAI:Model"] ?? "gpt-6-astra",
                    Temperature = 0.2f,
                };
            }
            """,
            "AIL0501 \"gpt-4o\"");

    [Fact]
    public Task Local_initialised_with_a_model_id_and_never_reassigned_is_checked_at_its_use() =>
        AssertReported(Usings + """
            using OpenAI.Chat;
            namespace Shop;
            public class Samples
            {
                public ChatClient Create(string key)
                {
                    var model = "gpt-3.5-turbo";
                    Console.WriteLine($"Using {model}");
                    return new ChatClient(model, key);
                }

                public ChatOptions Reasoning()
                {
                    string model = "gpt-6-astra";
                    return new ChatOptions { ModelId = model, Temperature = 0.2f };
                }
            }
            """,
            "AIL0503 model",
            "AIL0504 Temperature = 0.2f");

    [Fact]
    public Task Local_that_is_reassigned_or_passed_by_reference_is_not_folded() =>
        AssertReported(Usings + """
            using OpenAI.Chat;
            namespace Shop;
            public class Samples
            {
                public ChatClient Create(string key, bool large)
                {
                    var model = "gpt-3.5-turbo";
                    if (large)
                    {
                        model = "gpt-4.1-2025-04-14";
                    }

                    return new ChatClient(model, key);
                }

                public ChatClient FromArgs(string key, string[] args)
                {
                    var model = "gpt-4o";
                    Override(args, ref model);
                    return new ChatClient(model, key);
                }

                public ChatClient Lambda(string key, Action<Action<string>> configure)
                {
                    var model = "gpt-4o";
                    configure(value => model = value);
                    return new ChatClient(model, key);
                }

                private static void Override(string[] args, ref string model)
                {
                    if (args.Length > 0)
                    {
                        model = args[0];
                    }
                }
            }
            """);

    [Fact]
    public Task Top_level_statements_local_model_id_is_checked() =>
        AssertReported("""
            using System;
            using OpenAI.Chat;
            string model = "gpt-4o";
            var client = new ChatClient(model, Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
            Console.WriteLine(client.CompleteChat("What is AI?").Value.Content[0].Text);
            """,
            OutputKind.ConsoleApplication,
            "AIL0501 model");

    /// <summary>An options class with literal default model ids, read where the clients are built.</summary>
    private const string SettingsClassWithDefaults = Usings + """
        using Microsoft.Extensions.Options;
        using OpenAI.Chat;
        namespace Shop;
        public sealed class OpenAIClientOptions
        {
            public string ApiKey { get; set; } = string.Empty;
            public string Model { get; set; } = "gpt-4o";
            public string LegacyModel => "gpt-3.5-turbo";
        }
        public class Meals(IOptions<OpenAIClientOptions> options)
        {
            public ChatClient Chat() => new(options.Value.Model, options.Value.ApiKey);

            public ChatClient Legacy() => new(options.Value.LegacyModel, options.Value.ApiKey);
        }
        """;

    [Fact]
    public Task Settings_class_default_model_id_is_checked_where_it_is_read() =>
        AssertReported(SettingsClassWithDefaults,
            "AIL0501 options.Value.Model",
            "AIL0503 options.Value.LegacyModel");

    /// <summary>
    /// The common shape: the options class keeps a default and appsettings.json sets the key. The configured value is
    /// what the app sends (and it is checked in the file), so the default is not reported; a property the file does not
    /// set still is.
    /// </summary>
    [Fact]
    public Task Settings_class_default_overridden_in_appsettings_is_not_reported() =>
        AssertReported(SettingsClassWithDefaults,
            new[] { ("/0/appsettings.json", """{ "OpenAI": { "model": "contoso-tuned-chat", "ApiKey": "" } }""") },
            "AIL0503 options.Value.LegacyModel");

    [Fact]
    public Task Settings_without_a_literal_default_or_overridable_are_not_read_and_link_no_sampling() =>
        AssertReported(Usings + """
            namespace Shop;
            public class BaseSettings
            {
                public virtual string Model { get; set; } = "gpt-4o";
            }
            public sealed class AgentSettings : BaseSettings
            {
                public string ChatModel { get; set; } = string.Empty;
                public string? FastModel { get; set; }
                public string ReasoningModel { get; set; } = "gpt-6-astra";
                private string _named = "gpt-4o";
                public string Named { get => _named; set => _named = value; }
            }
            public class Agents(AgentSettings settings)
            {
                public ChatOptions[] All() =>
                [
                    new() { ModelId = settings.Model },
                    new() { ModelId = settings.ChatModel },
                    new() { ModelId = settings.FastModel },
                    new() { ModelId = settings.Named },
                    new() { ModelId = settings.ReasoningModel, Temperature = 0.2f },
                ];
            }
            """);

    // ---------------------------------------------------------------- harness

    private static (string Path, string Content) Evals(string lines) => ("/0/evals/app.evals.jsonl", lines);

    private static Task AssertReported(string code, params string[] expected) =>
        AssertReported(code, Array.Empty<(string, string)>(), OutputKind.DynamicallyLinkedLibrary, expected);

    private static Task AssertReported(string code, (string Path, string Content)[] additional, params string[] expected) =>
        AssertReported(code, additional, OutputKind.DynamicallyLinkedLibrary, expected);

    private static Task AssertReported(string code, OutputKind outputKind, params string[] expected) =>
        AssertReported(code, Array.Empty<(string, string)>(), outputKind, expected);

    private static async Task AssertReported(string code, (string Path, string Content)[] additional, OutputKind outputKind, string[] expected, bool withTestFramework = false)
    {
        // A unit-test project: the snippet also references xUnit (the framework these tests run on).
        var references = withTestFramework
            ? ReferenceAssemblies.Default.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location))
            : ReferenceAssemblies.Default;
        var project = TestProjectBuilder.Create(
            new[] { ("/0/App.cs", code) },
            additional,
            Array.Empty<(string, string)>(),
            references,
            outputKind,
            LanguageVersion.Latest);

        var errors = await AnalyzerRunner.GetCompilerErrorsAsync(project);
        Assert.True(errors.IsEmpty, "The snippet does not compile: " + string.Join(Environment.NewLine, errors));

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, AiLintComponents.CreateAnalyzers());
        var reported = diagnostics
            .Where(d => d.Id.StartsWith("AIL", StringComparison.Ordinal) && d.Severity != DiagnosticSeverity.Hidden)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => d.Id + " " + (d.Location.IsInSource ? d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) : d.Location.GetLineSpan().Path))
            .ToList();
        Assert.True(
            expected.SequenceEqual(reported),
            "Expected:" + Environment.NewLine + string.Join(Environment.NewLine, expected) + Environment.NewLine
            + "Reported:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Select(AnalyzerRunner.Describe)));
    }
}
