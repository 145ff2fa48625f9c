using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0003 on a client held in a field: the field's initializer is the client the retry wraps only when
/// nothing else writes the field. <c>private readonly ChatClient chat = new("gpt-4o", "k");</c> that the constructor
/// replaces with an injected client (whose registration may have turned the SDK's retries off) is not judged by the
/// initializer, nor is a mutable field a method replaces. Twins that stay reported: the initializer alone, a readonly
/// field its constructor writes once with no initializer, a chaining constructor that writes nothing, a static readonly
/// field a static constructor leaves alone.
/// </summary>
public class OverwrittenClientFieldRetryTests
{
    private const string Id = "AIL0003";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    [Fact]
    public Task Readonly_client_field_the_constructor_may_replace_is_not_judged_by_its_initializer() => VerifyAsync(
        """
        class Assistant
        {
            private readonly IAsyncPolicy policy;
            private readonly ChatClient chat = new("gpt-4o", "k");

            public Assistant(IAsyncPolicy policy, ChatClient? configured = null)
            {
                this.policy = policy;
                if (configured is not null)
                {
                    chat = configured;
                }
            }

            public Task M(string q) => policy.ExecuteAsync(() => chat.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));
        }
        """);

    [Fact]
    public Task Readonly_client_field_the_constructor_always_replaces_is_not_judged_by_its_initializer() => VerifyAsync(
        """
        class Assistant
        {
            private readonly IAsyncPolicy policy;
            private readonly ChatClient chat = new("gpt-4o", "k");

            public Assistant(IAsyncPolicy policy, ChatClient configured)
            {
                this.policy = policy;
                chat = configured;
            }

            public Task M(string q) => policy.ExecuteAsync(() => chat.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));
        }
        """);

    [Fact]
    public Task Mutable_client_field_a_method_replaces_is_not_judged_by_its_initializer() => VerifyAsync(
        """
        class Assistant(IAsyncPolicy policy)
        {
            private ChatClient chat = new("gpt-4o", "k");

            public void Use(ChatClient other) => chat = other;

            public Task M(string q) => policy.ExecuteAsync(() => chat.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));
        }
        """);

    [Fact]
    public Task Client_field_with_only_its_initializer_is_reported() => VerifyAsync(
        """
        class Assistant(IAsyncPolicy policy)
        {
            private readonly ChatClient chat = new("gpt-4o", "k");

            public Task M(string q) => policy.ExecuteAsync(() => chat.{|AIL0001:{|#0:CompleteChatAsync|}|}(new UserChatMessage(q)));
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "IAsyncPolicy.ExecuteAsync", "OpenAI", "3 retries by default", "each of its attempts makes up to 4 requests"));

    [Fact]
    public Task Readonly_client_written_once_in_the_constructor_is_reported() => VerifyAsync(
        """
        class Assistant
        {
            private readonly IAsyncPolicy policy;
            private readonly ChatClient chat;

            public Assistant(IAsyncPolicy policy, string key)
            {
                this.policy = policy;
                chat = new ChatClient("gpt-4o", key);
            }

            public Task M(string q) => policy.ExecuteAsync(() => chat.{|AIL0001:{|#0:CompleteChatAsync|}|}(new UserChatMessage(q)));
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "IAsyncPolicy.ExecuteAsync", "OpenAI", "3 retries by default", "each of its attempts makes up to 4 requests"));

    [Fact]
    public Task Chaining_constructor_and_static_constructor_that_write_nothing_keep_the_initializer() => VerifyAsync(
        """
        class Assistant
        {
            private readonly IAsyncPolicy policy;
            private readonly ChatClient chat = new("gpt-4o", "k");

            public Assistant() : this(Policy.Handle<Exception>().RetryAsync(2))
            {
            }

            public Assistant(IAsyncPolicy policy)
            {
                this.policy = policy;
            }

            public Task M(string q) => policy.ExecuteAsync(() => chat.{|AIL0001:{|#0:CompleteChatAsync|}|}(new UserChatMessage(q)));
        }

        static class Shared
        {
            private static readonly ChatClient Chat = new("gpt-4o", "k");
            private static readonly TimeSpan Timeout;

            static Shared()
            {
                Timeout = TimeSpan.FromSeconds(30);
            }

            public static Task M(IAsyncPolicy policy, string q) => policy.ExecuteAsync(() => Chat.{|AIL0001:{|#1:CompleteChatAsync|}|}(new UserChatMessage(q)));
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "IAsyncPolicy.ExecuteAsync", "OpenAI", "3 retries by default", "each of its attempts makes up to 4 requests"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "IAsyncPolicy.ExecuteAsync", "OpenAI", "3 retries by default", "each of its attempts makes up to 4 requests"));

    // Half-typed code: the constructor assigns an undeclared value to the field and writes a field that does not exist.
    [Fact]
    public Task Half_typed_constructor_writes_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + """
                class Assistant
                {
                    private readonly IAsyncPolicy policy;
                    private readonly ChatClient chat = new("gpt-4o", "k");

                    public Assistant(IAsyncPolicy policy)
                    {
                        this.policy = policy;
                        _missing = policy;
                        chat = undeclared
                    }

                    public Task M(string q) => policy.ExecuteAsync(() => chat.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
