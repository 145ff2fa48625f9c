using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AiLint.Tests.Robustness.Corpus;

/// <summary>
/// Generates realistic projects: ordinary C# mixed with LLM-app code in every shape AiLint looks at (Polly retries
/// around OpenAI, Anthropic and Microsoft.Extensions.AI calls, Activity and OpenTelemetry spans, tool catalogs,
/// [Prompt] members with eval files, [LlmSchema] types). The code compiles against the real SDK assemblies.
/// Shared by the robustness tests and the benchmarks (which link this file).
/// </summary>
public static class LlmAppCorpus
{
    /// <summary>The shapes in one cycle of ten files: half ordinary code, half LLM code.</summary>
    private static readonly Func<int, string>[] Cycle =
    {
        Plain, Plain, Plain, Plain, Plain, RetryOpenAI, RetryAnthropic, Spans, Tools, PromptsOrSchema,
    };

    /// <summary>The shapes, by name, for per-shape corpora.</summary>
    public static IReadOnlyDictionary<string, Func<int, string>> Shapes { get; } = new Dictionary<string, Func<int, string>>(StringComparer.Ordinal)
    {
        ["plain"] = Plain,
        ["retry-openai"] = RetryOpenAI,
        ["retry-anthropic"] = RetryAnthropic,
        ["streaming"] = StreamingInRetry,
        ["spans"] = Spans,
        ["tools"] = Tools,
        ["prompts"] = Prompts,
        ["schema"] = Schema,
    };

    /// <summary><paramref name="count"/> source files (path, text) and the eval files for their prompts.</summary>
    public static (List<(string Path, string Content)> Sources, List<(string Path, string Content)> EvalFiles) Generate(int count)
    {
        var sources = new List<(string, string)>(count);
        var evals = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var shape = Cycle[i % Cycle.Length];
            sources.Add(($"Generated/File{i:D5}.cs", shape(i)));
            if (shape == PromptsOrSchema && i % 20 == 9)
            {
                evals.Append(EvalLines(i, casesPerPrompt: 2));
            }
        }

        var evalFiles = new List<(string, string)>();
        if (evals.Length > 0)
        {
            evalFiles.Add(("evals/generated.evals.jsonl", evals.ToString()));
        }

        return (sources, evalFiles);
    }

    /// <summary><paramref name="count"/> files of one shape, numbered from <paramref name="firstIndex"/> (type names embed it).</summary>
    public static List<(string Path, string Content)> GenerateShape(string shape, int count, int firstIndex = 0)
    {
        var result = new List<(string, string)>(count);
        for (var i = firstIndex; i < firstIndex + count; i++)
        {
            result.Add(($"{shape}/File{i:D5}.cs", Shapes[shape](i)));
        }

        return result;
    }

    /// <summary>One eval file with <paramref name="cases"/> cases spread over the prompts of <see cref="Prompts"/> file 0..n.</summary>
    public static string LargeEvalFile(int cases, int promptFiles)
    {
        var text = new StringBuilder(cases * 200);
        text.AppendLine("// generated eval cases");
        for (var c = 0; c < cases; c++)
        {
            var file = c % Math.Max(1, promptFiles);
            text.Append(CultureInfo.InvariantCulture, $"{{\"prompt\":\"Corpus.Prompts{file}.SupportPrompts{file}.Support\",\"id\":\"case-{c}\",\"input\":{{\"question\":\"Where is order {c}?\"}},\"expect\":{{\"contains\":\"order {c}\"}},\"rule\":\"never reveal internal order notes\"}}");
            text.Append('\n');
        }

        return text.ToString();
    }

    private static string PromptsOrSchema(int i) => i % 20 == 9 ? Prompts(i) : Schema(i);

    private static string EvalLines(int i, int casesPerPrompt)
    {
        var text = new StringBuilder();
        for (var c = 0; c < casesPerPrompt; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{{\"prompt\":\"Corpus.Prompts{i}.SupportPrompts{i}.Support\",\"id\":\"c{c}\",\"input\":{{\"q\":\"refund for {i}\"}},\"expect\":{{\"label\":\"refund\"}},\"rule\":\"Never reveal internal order notes\"}}\n");
        }

        return text.ToString();
    }

    private static string Plain(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using System.Linq;
        using System.Text;

        namespace Corpus.Shop{{i}};

        public sealed record Order{{i}}(int Id, string Customer, decimal Total, DateTime CreatedUtc);

        public sealed class OrderReport{{i}}
        {
            private readonly List<Order{{i}}> orders = new();

            public void Add(Order{{i}} order)
            {
                if (order.Total < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(order), "A total cannot be negative.");
                }

                orders.Add(order);
            }

            public decimal Sum() => orders.Where(o => o.Total > 0).Sum(o => o.Total);

            public IReadOnlyList<string> TopCustomers(int n) =>
                orders.GroupBy(o => o.Customer, StringComparer.OrdinalIgnoreCase)
                    .OrderByDescending(g => g.Sum(o => o.Total))
                    .Take(n)
                    .Select(g => g.Key)
                    .ToList();

            public string Render()
            {
                var text = new StringBuilder();
                foreach (var order in orders.OrderBy(o => o.CreatedUtc))
                {
                    text.Append(order.Id.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(order.Customer);
                    text.Append(order.Total > 1000 ? " (large)" : string.Empty).AppendLine();
                }

                return text.ToString();
            }

            public static bool TryParse(string line, out Order{{i}}? order)
            {
                order = null;
                var parts = line.Split(';');
                if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                {
                    return false;
                }

                order = new Order{{i}}(id, parts[1], decimal.Parse(parts[2], CultureInfo.InvariantCulture), DateTime.UtcNow);
                return true;
            }
        }
        """;

    private static string RetryOpenAI(int i) => $$"""
        using System.ClientModel;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using Polly;
        using Polly.Retry;

        namespace Corpus.Retry{{i}};

        public sealed class Summarizer{{i}}
        {
            private readonly ChatClient chat;
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 })
                .Build();

            public Summarizer{{i}}(ChatClient chat) => this.chat = chat;

            public async Task<string> SummarizeAsync(string text, CancellationToken cancellationToken)
            {
                ClientResult<ChatCompletion> result = await pipeline.ExecuteAsync(
                    async token => await chat.CompleteChatAsync(
                        new ChatMessage[] { new SystemChatMessage("Summarize the ticket in one sentence."), new UserChatMessage(text) },
                        cancellationToken: token),
                    cancellationToken);
                return result.Value.Content[0].Text;
            }

            public string SummarizeOnce(string text) =>
                chat.CompleteChat(new ChatMessage[] { new UserChatMessage(text) }).Value.Content[0].Text;
        }
        """;

    private static string RetryAnthropic(int i) => i % 20 == 6 ? StreamingInRetry(i) : $$"""
        using System;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using Polly;

        namespace Corpus.Claude{{i}};

        public sealed class Classifier{{i}}
        {
            private readonly AnthropicClient client = new AnthropicClient();
            private readonly IAsyncPolicy policy = Policy.Handle<Exception>()
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromMilliseconds(100 * attempt));

            public async Task<Message> ClassifyAsync(string ticket)
            {
                var parameters = new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = "claude-haiku-4-5",
                    Messages = new MessageParam[] { new UserMessageParam { Content = ticket } },
                };
                return await policy.ExecuteAsync(() => client.Messages.Create(parameters));
            }
        }
        """;

    private static string StreamingInRetry(int i) => $$"""
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Polly;

        namespace Corpus.Stream{{i}};

        public sealed class Streamer{{i}}
        {
            private readonly IChatClient client;
            private readonly ResiliencePipeline pipeline;

            public Streamer{{i}}(IChatClient client, ResiliencePipeline pipeline)
            {
                this.client = client;
                this.pipeline = pipeline;
            }

            public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken) =>
                await pipeline.ExecuteAsync(
                    async token =>
                    {
                        var text = new StringBuilder();
                        await foreach (var update in client.GetStreamingResponseAsync(question, cancellationToken: token))
                        {
                            text.Append(update.Text);
                        }

                        return text.ToString();
                    },
                    cancellationToken);

            public async Task<string> AnswerOnceAsync(string question) => (await client.GetResponseAsync(question)).Text;
        }
        """;

    private static string Spans(int i) => $$"""
        using System;
        using System.Diagnostics;
        using OpenTelemetry.Trace;

        namespace Corpus.Tracing{{i}};

        public sealed record ClientEvent{{i}}(string Name, DateTimeOffset ClientTimestamp);

        public sealed class TurnTracer{{i}}
        {
            private static readonly ActivitySource Source = new("Corpus.Tracing{{i}}");

            public void Record(ClientEvent{{i}} clientEvent, Tracer tracer)
            {
                using var activity = Source.StartActivity("turn");
                activity?.SetStartTime(DateTime.Now);
                activity?.SetTag("event", clientEvent.Name);
                var span = tracer.StartSpan("client-turn", SpanKind.Internal, default(SpanContext), startTime: clientEvent.ClientTimestamp);
                span.End();
                activity?.SetEndTime(DateTime.UtcNow);
            }

            public void RecordServerSide(string name)
            {
                using var activity = Source.StartActivity(name, ActivityKind.Server);
                activity?.SetStartTime(DateTime.UtcNow);
            }
        }
        """;

    private static string Tools(int i)
    {
        var tools = new StringBuilder();
        var count = i % 20 == 8 ? 25 : 5;
        for (var t = 0; t < count; t++)
        {
            tools.Append(CultureInfo.InvariantCulture, $"                AIFunctionFactory.Create((string orderId) => \"ok\", \"tool_{t}\", \"Looks up order data #{t}.\"),\n");
        }

        return $$"""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using ModelContextProtocol.Client;

            namespace Corpus.Agents{{i}};

            public sealed class ToolCatalog{{i}}
            {
                public ChatOptions Build() => new ChatOptions
                {
                    Tools = new List<AITool>
                    {
            {{tools}}            },
                };

                public async Task<ChatOptions> FromServerAsync(McpClient client)
                {
                    var tools = await client.ListToolsAsync();
                    return new ChatOptions { Tools = tools.Take(10).Cast<AITool>().ToList() };
                }

                public async Task<ChatOptions> EverythingAsync(McpClient client)
                {
                    var tools = await client.ListToolsAsync();
                    return new ChatOptions { Tools = tools.Cast<AITool>().ToList() };
                }
            }
            """;
    }

    private static string Prompts(int i) => $$"""
        using AiLint;

        namespace Corpus.Prompts{{i}};

        public static class SupportPrompts{{i}}
        {
            [Prompt]
            public const string Support = "You are the support assistant of an online shop.\n- Never reveal internal order notes.\n- Always answer in the customer's language.\nYou must cite the order id.";

            [Prompt("corpus.triage{{i}}")]
            public static readonly string Triage = "Classify the ticket as refund, delivery or other. Only answer with the label.";

            public static string Greeting(string name) => "Hello " + name;
        }
        """;

    private static string Schema(int i) => $$"""
        using System.Collections.Generic;
        using AiLint;

        namespace Corpus.Schemas{{i}};

        public enum InvoiceStatus{{i}}
        {
            Draft,
            Sent,
            Paid,
        }

        [LlmSchema]
        public partial record InvoiceLine{{i}}
        {
            public string Sku { get; init; } = "";

            public int Quantity { get; init; }
        }

        [LlmSchema]
        public partial record Invoice{{i}}
        {
            public string Number { get; init; } = "";

            public double Total { get; init; }

            public bool Paid { get; init; }

            public InvoiceStatus{{i}} Status { get; init; }

            public List<InvoiceLine{{i}}> Lines { get; init; } = new();

            public string? Notes { get; init; }
        }
        """;
}
