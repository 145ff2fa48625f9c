using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Retry helpers reached through the project's interfaces, virtual and abstract methods, extension methods and
/// generic helpers, and helpers named in <c>ailint.retry_methods</c>.
/// </summary>
public class RetryHelperReachTests
{
    private const string Id = "AIL0001";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    // ---- Interfaces ----------------------------------------------------------------------------------------------

    [Fact]
    public Task Injected_retry_service_whose_only_implementation_loops() => VerifyAsync(
        """
        public interface IRetryService
        {
            Task<T> ExecuteAsync<T>(Func<Task<T>> action, CancellationToken ct = default);
        }

        public sealed class RetryService : IRetryService
        {
            public async Task<T> ExecuteAsync<T>(Func<Task<T>> action, CancellationToken ct = default)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { return await action(); }
                    catch (HttpRequestExceptionLike) when (attempt < 3) { await Task.Delay(200 * attempt, ct); }
                }
            }
        }

        public sealed class HttpRequestExceptionLike : Exception { }

        public sealed class Summarizer(IChatClient chat, IRetryService retry)
        {
            public async Task<string> SummarizeAsync(string text, CancellationToken ct)
            {
                var response = await retry.ExecuteAsync(() => chat.{|#0:GetResponseAsync|}("Summarize: " + text, cancellationToken: ct), ct);
                return response.Text;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "IRetryService.ExecuteAsync"));

    [Fact]
    public Task Injected_retry_service_implemented_with_a_polly_pipeline_and_a_method_group() => VerifyAsync(
        """
        public interface IResilientExecutor
        {
            ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken ct);
        }

        internal sealed class PollyExecutor(ResiliencePipeline pipeline) : IResilientExecutor
        {
            public ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken ct) => pipeline.ExecuteAsync(action, ct);
        }

        public sealed class Assistant(ChatClient chat, IResilientExecutor executor)
        {
            public async Task<string> AskAsync(string q, CancellationToken ct)
            {
                var completion = await executor.RunAsync(async token => (await chat.{|#0:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: token)).Value, ct);
                return completion.Content[0].Text;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "IResilientExecutor.RunAsync"));

    [Fact]
    public Task Interface_with_a_pass_through_implementation_or_none_in_the_compilation_is_not_a_retry() => VerifyAsync(
        """
        public interface IRetryService
        {
            Task<T> ExecuteAsync<T>(Func<Task<T>> action);
        }

        public sealed class RetryService : IRetryService
        {
            public async Task<T> ExecuteAsync<T>(Func<Task<T>> action)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { return await action(); }
                    catch (Exception) when (attempt < 3) { }
                }
            }
        }

        // Used when resilience is switched off: runs the delegate once.
        public sealed class NoRetryService : IRetryService
        {
            public Task<T> ExecuteAsync<T>(Func<Task<T>> action) => action();
        }

        // Implemented in another assembly (or mocked): nothing to go on.
        public interface IExecutionStrategy
        {
            Task<T> ExecuteAsync<T>(Func<Task<T>> action);
        }

        public sealed class Assistant(IChatClient chat, IRetryService retry, IExecutionStrategy strategy)
        {
            public async Task M(string q)
            {
                await retry.ExecuteAsync(() => chat.GetResponseAsync(q));
                await strategy.ExecuteAsync(() => chat.GetResponseAsync(q));
            }
        }
        """);

    [Fact]
    public Task Interface_that_runs_the_delegate_once_in_every_implementation_is_not_a_retry() => VerifyAsync(
        """
        public interface IUnitOfWork
        {
            Task<T> InTransactionAsync<T>(Func<Task<T>> action);
        }

        public sealed class UnitOfWork : IUnitOfWork
        {
            public async Task<T> InTransactionAsync<T>(Func<Task<T>> action)
            {
                try { return await action(); }
                catch (Exception) { Console.WriteLine("rolled back"); throw; }
            }
        }

        public sealed class Assistant(IChatClient chat, IUnitOfWork work)
        {
            public Task<ChatResponse> M(string q) => work.InTransactionAsync(() => chat.GetResponseAsync(q));
        }
        """);

    // ---- Virtual and abstract methods ----------------------------------------------------------------------------

    [Fact]
    public Task Abstract_helper_whose_override_retries_and_virtual_helper_with_a_retrying_body() => VerifyAsync(
        """
        public abstract class ResilienceBase
        {
            public abstract Task<T> WithRetriesAsync<T>(Func<Task<T>> action);

            public virtual async Task<T> WithBackoffAsync<T>(Func<Task<T>> action)
            {
                var attempt = 0;
                while (true)
                {
                    try { return await action(); }
                    catch (TimeoutException) when (++attempt < 4) { await Task.Delay(1000 * attempt); }
                }
            }
        }

        public sealed class PollyResilience(ResiliencePipeline pipeline) : ResilienceBase
        {
            public override async Task<T> WithRetriesAsync<T>(Func<Task<T>> action) =>
                await pipeline.ExecuteAsync(async _ => await action());
        }

        public sealed class Assistant(IChatClient chat, ResilienceBase resilience)
        {
            public async Task M(string q)
            {
                await resilience.WithRetriesAsync(() => chat.{|#0:GetResponseAsync|}(q));
                await resilience.WithBackoffAsync(() => chat.{|#1:GetResponseAsync|}(q));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResilienceBase.WithRetriesAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "ResilienceBase.WithBackoffAsync"));

    [Fact]
    public Task Virtual_helper_with_an_override_that_does_not_retry_is_not_a_retry() => VerifyAsync(
        """
        public class Resilience
        {
            public virtual async Task<T> WithRetriesAsync<T>(Func<Task<T>> action)
            {
                for (var i = 0; i < 3; i++)
                {
                    try { return await action(); }
                    catch (Exception) { }
                }

                throw new InvalidOperationException();
            }
        }

        public sealed class NoResilience : Resilience
        {
            public override Task<T> WithRetriesAsync<T>(Func<Task<T>> action) => action();
        }

        public sealed class Assistant(IChatClient chat, Resilience resilience)
        {
            public Task<ChatResponse> M(string q) => resilience.WithRetriesAsync(() => chat.GetResponseAsync(q));
        }
        """);

    // ---- Extension and generic helpers ---------------------------------------------------------------------------

    [Fact]
    public Task Generic_extension_helpers_on_a_pipeline_and_on_the_chat_client() => VerifyAsync(
        """
        public static class ResilienceExtensions
        {
            public static async Task<T> ExecuteWithRetryAsync<T>(this ResiliencePipeline pipeline, Func<Task<T>> action, CancellationToken ct = default) =>
                await pipeline.ExecuteAsync(async _ => await action(), ct);

            public static async Task<TResult> WithRetriesAsync<TClient, TResult>(this TClient client, Func<TClient, Task<TResult>> call, int attempts = 3)
            {
                for (var i = 1; ; i++)
                {
                    try { return await call(client); }
                    catch (Exception) when (i < attempts) { }
                }
            }

            // Runs the call once and logs: not a helper.
            public static async Task<T> LoggedAsync<T>(this IChatClient client, Func<IChatClient, Task<T>> call)
            {
                Console.WriteLine("calling");
                return await call(client);
            }
        }

        public sealed class Assistant(IChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task M(string q)
            {
                await pipeline.ExecuteWithRetryAsync(() => chat.{|#0:GetResponseAsync|}(q));
                await chat.WithRetriesAsync(c => c.{|#1:GetResponseAsync|}(q));
                await chat.LoggedAsync(c => c.GetResponseAsync(q));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResilienceExtensions.ExecuteWithRetryAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "ResilienceExtensions.WithRetriesAsync"));

    [Fact]
    public async Task Half_written_retry_services_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + """
                public interface IRetryService
                {
                    Task<T> ExecuteAsync<T>(Func<Task<T>> action);
                    Task<T> RunAsync<T>(Func<Task<T>> action);
                }

                public sealed class RetryService : IRetryService
                {
                    public async Task<T> ExecuteAsync<T>(Func<Task<T>> action)
                    {
                        for (var i = 0; ; i++)
                        {
                            try { return await action(
                        }
                    }
                }

                public abstract class Broken : IMissing { public abstract Task<T> RunAsync<T>(Func<Task<T>> action) }

                public sealed class Assistant(IChatClient chat, IRetryService retry)
                {
                    public Task M(string q) => retry.ExecuteAsync(() => chat.GetResponseAsync(q)).Missing();
                    public Task N(string q) => retry.RunAsync(() => chat.GetResponseAsync(q));
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    // ---- ailint.retry_methods ------------------------------------------------------------------------------------

    /// <summary>
    /// Helpers from packages have no body in the compilation. <c>Task.Run</c> stands in for such a package method
    /// here: it takes a delegate, and without the option it is (rightly) not a retry.
    /// </summary>
    [Fact]
    public async Task Configured_retry_methods_in_a_global_config()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + """
                public sealed class Assistant(IChatClient chat)
                {
                    public async Task M(string q)
                    {
                        await Task.Run(() => chat.{|#0:GetResponseAsync|}(q));
                        await Task.Run(async () => await chat.{|#1:GetResponseAsync|}(q));
                        await Task.Factory.StartNew(() => chat.GetResponseAsync(q));
                    }
                }
                """,
        };
        test.AnalyzerConfigFiles.Add(("/0/.globalconfig", "is_global = true\nailint.retry_methods = System.Threading.Tasks.Task.Run, Contoso.Resilience.Retry.Execute\n"));
        test.ExpectedDiagnostics.Add(Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "Task.Run"));
        test.ExpectedDiagnostics.Add(Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "Task.Run"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Configured_retry_methods_in_an_editorconfig_section_and_unlisted_methods()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + """
                public sealed class Assistant(IChatClient chat)
                {
                    public async Task M(string q)
                    {
                        await Task.Run(() => chat.{|#0:GetResponseAsync|}(q));
                        await Task.Factory.StartNew(() => chat.GetResponseAsync(q));
                        await Task.Delay(1).ContinueWith(_ => chat.GetResponseAsync(q));
                    }
                }
                """,
        };
        test.AddEditorConfig("ailint.retry_methods = System.Threading.Tasks.Task.Run");
        test.ExpectedDiagnostics.Add(Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "Task.Run"));
        await test.RunAsync();
    }

    [Fact]
    public Task Without_the_option_task_run_is_not_a_retry() => VerifyAsync(
        """
        public sealed class Assistant(IChatClient chat)
        {
            public Task M(string q) => Task.Run(() => chat.GetResponseAsync(q));
        }
        """);
}
