using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retried queue handler that dispatches through a dictionary of its own class's method groups
/// (<c>_handlers[message.Action](message, ct)</c>, <c>_handlers.TryGetValue(action, out var handler)</c>, filled with
/// <c>["chat"] = HandleChatAsync</c> where it is declared or in the constructor): a call of the delegate is a call of
/// one of those methods, so a handler whose table holds a method that calls the model is a retried model call, as when it
/// calls that method directly. Cut from a real queue consumer (a Service Bus listener retrying the handler, the chat
/// handler calling the model and then publishing). Quiet: a table also written elsewhere, lambda values that call no
/// model, and method groups none of which reaches a model.
/// </summary>
public class DictionaryDispatchRetryTests
{
    private const string Id = "AIL0001";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    private const string Listener = """
        public class Message { public string Action { get; init; } = ""; public string Text { get; init; } = ""; }
        public class RetryableException(string message, Exception inner) : Exception(message, inner);

        public interface IQueueHandler { Task HandleAsync(Message message, CancellationToken ct); }
        public interface IQueueListener { Task StartAsync(Func<Message, CancellationToken, Task> handler, CancellationToken ct); }

        public class Listener : IQueueListener
        {
            public async Task StartAsync(Func<Message, CancellationToken, Task> handler, CancellationToken ct)
            {
                var msg = new Message();
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { await handler(msg, ct); return; }
                    catch (RetryableException) { await Task.Delay(1000, ct); }
                }
            }
        }

        """;

    /// <summary>The processor whose lambda the listener retries; <c>{0}</c> marks the call when it is expected.</summary>
    private static string Processor(bool marked) => $$"""
        public class Processor(IQueueListener listener, IQueueHandler handler)
        {
            public Task RunAsync(CancellationToken ct) =>
                listener.StartAsync(async (msg, token) => await handler.{{(marked ? "{|#0:HandleAsync|}" : "HandleAsync")}}(msg, token), ct);
        }

        """;

    private const string ChatMethods = """
            private async Task HandleChatAsync(Message message, CancellationToken ct)
            {
                try
                {
                    var answer = await _chat.CompleteChatAsync([new UserChatMessage(message.Text)], cancellationToken: ct);
                    await PublishAsync(answer.Value.Content[0].Text, ct);
                }
                catch (Exception ex)
                {
                    throw new RetryableException("Transient error while processing AI chat.", ex);
                }
            }

            private Task HandleLogAsync(Message message, CancellationToken ct)
            {
                Console.WriteLine(message.Text);
                return Task.CompletedTask;
            }

            private static Task PublishAsync(string text, CancellationToken ct) => Task.CompletedTask;
        """;

    /// <summary>A handler with the table <c>{0}</c> (declaration and constructor) and the dispatch <c>{1}</c>.</summary>
    private static string Handler(string table, string dispatch, string extra = "") => $$"""
        public class EngineQueueHandler : IQueueHandler
        {
            private readonly ChatClient _chat = new("gpt-4o-mini-2024-07-18", "key");
            {{table}}

            public async Task HandleAsync(Message message, CancellationToken ct)
            {
                {{dispatch}}
            }

            {{extra}}
        {{ChatMethods}}
        }
        """;

    private static DiagnosticResult[] Reported() =>
    [
        Diagnostic("AIL0001").WithLocation(0).WithArguments("HandleAsync", "IQueueListener.StartAsync"),
        Diagnostic("AIL0003").WithLocation(0).WithArguments("HandleAsync", "IQueueListener.StartAsync", "OpenAI", "3 retries by default", "3 × 4 = 12 requests"),
    ];

    private const string ConstructorTable = """
        private readonly Dictionary<string, Func<Message, CancellationToken, Task>> _handlers;

            public EngineQueueHandler()
            {
                _handlers = new Dictionary<string, Func<Message, CancellationToken, Task>>
                {
                    ["chat"] = HandleChatAsync,
                    ["log"] = HandleLogAsync,
                };
            }
        """;

    private const string TryGetValueDispatch = "if (_handlers.TryGetValue(message.Action, out var handler)) { await handler(message, ct); }";

    [Theory]
    [InlineData(ConstructorTable, TryGetValueDispatch)]
    [InlineData(ConstructorTable, "await _handlers[message.Action](message, ct);")]
    [InlineData("""
        private readonly Dictionary<string, Func<Message, CancellationToken, Task>> _handlers;

            public EngineQueueHandler() => _handlers = new() { { "log", HandleLogAsync }, { "chat", HandleChatAsync } };
        """, "var handler = _handlers[message.Action]; await handler(message, ct);")]
    [InlineData("""
        private IReadOnlyDictionary<string, Func<Message, CancellationToken, Task>> Handlers { get; }

            public EngineQueueHandler() => Handlers = new Dictionary<string, Func<Message, CancellationToken, Task>> { ["chat"] = HandleChatAsync };
        """, "if (Handlers.TryGetValue(message.Action, out var handler)) { await handler(message, ct); }")]
    public Task A_retried_handler_dispatching_to_a_method_that_calls_the_model_is_reported(string table, string dispatch) =>
        VerifyAsync(Listener + Processor(marked: true) + Handler(table, dispatch), Reported());

    /// <summary>A static table written in its declaration, with a lambda beside the method group.</summary>
    [Fact]
    public Task A_table_initialised_where_it_is_declared_is_reported() => VerifyAsync(
        Listener + Processor(marked: true) + """
        public class EngineQueueHandler : IQueueHandler
        {
            private static readonly ChatClient Chat = new("gpt-4o-mini-2024-07-18", "key");

            private static readonly Dictionary<string, Func<Message, CancellationToken, Task>> Handlers = new()
            {
                ["ping"] = (m, ct) => Task.CompletedTask,
                ["chat"] = HandleChatAsync,
            };

            public async Task HandleAsync(Message message, CancellationToken ct)
            {
                if (Handlers.TryGetValue(message.Action, out var handler))
                {
                    await handler(message, ct);
                }
            }

            private static async Task HandleChatAsync(Message message, CancellationToken ct)
            {
                var answer = await Chat.CompleteChatAsync([new UserChatMessage(message.Text)], cancellationToken: ct);
                if (answer.Value.Content.Count == 0)
                {
                    throw new RetryableException("empty", new InvalidOperationException());
                }
            }
        }
        """,
        Reported());

    [Theory]
    // The table is also written outside its declaration and constructor: any delegate may be in it.
    [InlineData(ConstructorTable + """

            public void Register(string action, Func<Message, CancellationToken, Task> handler) => _handlers[action] = handler;
        """)]
    [InlineData(ConstructorTable + """

            public void Register(string action, Func<Message, CancellationToken, Task> handler) => _handlers.Add(action, handler);
        """)]
    // Lambdas that call no model, and method groups none of which reaches one.
    [InlineData("""
        private readonly Dictionary<string, Func<Message, CancellationToken, Task>> _handlers = new()
            {
                ["ping"] = (m, ct) => Task.CompletedTask,
                ["echo"] = (m, ct) => { Console.WriteLine(m.Text); return Task.CompletedTask; },
            };
        """)]
    [InlineData("""
        private readonly Dictionary<string, Func<Message, CancellationToken, Task>> _handlers;

            public EngineQueueHandler() => _handlers = new() { ["log"] = HandleLogAsync };
        """)]
    public Task A_table_written_elsewhere_or_reaching_no_model_is_quiet(string table) =>
        VerifyAsync(Listener + Processor(marked: false) + Handler(table, TryGetValueDispatch));

    [Fact]
    public Task Half_typed_tables_and_dispatches_do_not_crash() => VerifyAsync(
        Listener + Processor(marked: false) + """
        public class EngineQueueHandler : IQueueHandler
        {
            private readonly Dictionary<string, Func<Message, CancellationToken, Task>> _handlers = new()
            {
                ["chat"] = {|CS0103:HandleMissingAsync|},
            };

            private readonly Dictionary<string, Func<Message, CancellationToken, Task>> _others = new() { ["x"] = {|CS0103:Nope|} };

            public async Task HandleAsync(Message message, CancellationToken ct)
            {
                if (_handlers.TryGetValue(message.Action, out var handler)) { await handler(message, ct); }
                await _others[{|CS0103:key|}](message, ct);
                await {|CS0103:_missing|}[message.Action](message, ct);
            }
        }
        """);
}
