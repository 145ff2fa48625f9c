using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Summaries;

/// <summary>
/// Review 13's cross-project retry findings: a timeout-only pipeline built by a factory of a referenced project (FP1),
/// and a referenced retry interface that the app itself implements with a pass-through (D3). Each is judged as the
/// same code inside one project is.
/// </summary>
public class CrossProjectRetryFindingTests
{
    /// <summary>The library of review 13's repro <c>TimeoutOnlyPipelineFromLibrary</c>, with a retrying twin and a switchable factory.</summary>
    private const string PipelineLibrary = """
        using System;
        using Polly;

        namespace Shared
        {
            public static class Pipelines
            {
                // Timeout only: model calls must not be retried.
                public static ResiliencePipeline ModelCallTimeout() =>
                    new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(90)).Build();

                public static ResiliencePipeline WithRetry() =>
                    new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();

                public static ResiliencePipeline<string> TypedTimeout()
                {
                    var builder = new ResiliencePipelineBuilder<string>();
                    builder.AddTimeout(TimeSpan.FromSeconds(30));
                    return builder.Build();
                }

                public static ResiliencePipeline Switchable(bool enableRetries)
                {
                    if (!enableRetries)
                    {
                        return ResiliencePipeline.Empty;
                    }

                    return WithRetry();
                }

                public static ResiliencePipeline Given(ResiliencePipeline pipeline) => pipeline;

                internal static ResiliencePipeline InternalTimeout() => ModelCallTimeout();
            }
        }
        """;

    [Fact]
    public void The_summary_records_the_factories_whose_pipeline_may_run_the_callback_once()
    {
        var summary = Summary(PipelineLibrary);
        Assert.Equal(
            [
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PipelineFactory", "M:Shared.Pipelines.ModelCallTimeout|noretry")]""",
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PipelineFactory", "M:Shared.Pipelines.Switchable(System.Boolean)|noretry")]""",
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PipelineFactory", "M:Shared.Pipelines.TypedTimeout|noretry")]""",
            ],
            summary.Where(l => l.Contains("AiLint.PipelineFactory", StringComparison.Ordinal)));
    }

    [Fact]
    public Task A_timeout_only_pipeline_from_a_referenced_factory_is_not_a_retry() => VerifyAsync(
        PipelineLibrary,
        """
        public sealed class Answers(IChatClient chat)
        {
            public async Task<string> FromLibraryAsync(string q)
            {
                var pipeline = Pipelines.ModelCallTimeout();
                var r = await pipeline.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
                return r.Text;
            }

            public async Task<string> InPlaceAsync(string q) =>
                (await Pipelines.ModelCallTimeout().ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct))).Text;

            public async Task<string> TypedAsync(string q) =>
                await Pipelines.TypedTimeout().ExecuteAsync(async ct => (await chat.GetResponseAsync(q, cancellationToken: ct)).Text);
        }
        """,
        withSummary: true);

    [Fact]
    public Task A_retrying_or_unrecorded_referenced_factory_is_still_a_retry() => VerifyAsync(
        PipelineLibrary,
        """
        public sealed class Answers(IChatClient chat, ResiliencePipeline injected)
        {
            public async Task<string> RetryingAsync(string q)
            {
                var pipeline = Pipelines.WithRetry();
                var r = await pipeline.ExecuteAsync(async ct => await chat.{|#0:GetResponseAsync|}(q, cancellationToken: ct));
                return r.Text;
            }

            // Passes its argument through: what it returns is not visible in the library either.
            public async Task<string> GivenAsync(string q) =>
                (await Pipelines.Given(injected).ExecuteAsync(async ct => await chat.{|#1:GetResponseAsync|}(q, cancellationToken: ct))).Text;
        }
        """,
        withSummary: true,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(1).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    /// <summary>docs/rules/AIL0001.md: a pipeline from a factory that cannot be read (here, a library without AiLint) counts as a retry.</summary>
    [Fact]
    public Task Without_the_library_summary_a_referenced_factory_counts_as_a_retry() => VerifyAsync(
        PipelineLibrary,
        """
        public sealed class Answers(IChatClient chat)
        {
            public async Task<string> FromLibraryAsync(string q) =>
                (await Pipelines.ModelCallTimeout().ExecuteAsync(async ct => await chat.{|#0:GetResponseAsync|}(q, cancellationToken: ct))).Text;
        }
        """,
        withSummary: false,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    /// <summary>The library of review 13's repro <c>AppPassThroughRetryImpl</c>: a retry interface and its Polly implementation.</summary>
    private const string RetryServiceLibrary = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Polly;
        using Polly.Retry;

        namespace Shared
        {
            public interface IRetryService
            {
                Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken = default);
            }

            public sealed class PollyRetryService : IRetryService
            {
                private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();

                public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken = default)
                    => await _pipeline.ExecuteAsync(async ct => await action(ct), cancellationToken);
            }

            public abstract class RetryRunner
            {
                public virtual async Task<T> RunAsync<T>(Func<Task<T>> action)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try { return await action(); }
                        catch (TimeoutException) when (attempt < 3) { }
                    }
                }
            }
        }
        """;

    [Fact]
    public Task A_pass_through_implementation_in_the_app_means_the_call_may_not_be_retried() => VerifyAsync(
        RetryServiceLibrary,
        """
        public sealed class Changelog(IRetryService retry, RetryRunner runner, IChatClient chat)
        {
            public async Task<string> WriteAsync(string q) =>
                (await retry.ExecuteAsync(ct => chat.GetResponseAsync(q, cancellationToken: ct))).Text;

            public async Task<string> RunAsync(string q) => (await runner.RunAsync(() => chat.GetResponseAsync(q))).Text;
        }

        // Registered with --no-retry.
        public sealed class PassThroughRetryService : IRetryService
        {
            public Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken = default)
                => action(cancellationToken);
        }

        public sealed class OnceRunner : RetryRunner
        {
            public override Task<T> RunAsync<T>(Func<Task<T>> action) => action();
        }
        """,
        withSummary: true);

    [Fact]
    public Task Without_an_app_implementation_or_with_a_retrying_one_the_call_is_still_retried() => VerifyAsync(
        RetryServiceLibrary,
        """
        public sealed class Changelog(IRetryService retry, RetryRunner runner, IChatClient chat)
        {
            public async Task<string> WriteAsync(string q) =>
                (await retry.ExecuteAsync(ct => chat.{|#0:GetResponseAsync|}(q, cancellationToken: ct))).Text;

            public async Task<string> RunAsync(string q) => (await runner.RunAsync(() => chat.{|#1:GetResponseAsync|}(q))).Text;
        }

        // The app's own implementation retries too.
        public sealed class LoopRetryService : IRetryService
        {
            public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken = default)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await action(cancellationToken); }
                    catch (TimeoutException) when (attempt < 3) { }
                }
            }
        }

        // Overrides something else: RunAsync keeps the library's retrying body.
        public sealed class NamedRunner : RetryRunner
        {
            public override string ToString() => "named";
        }
        """,
        withSummary: true,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "IRetryService.ExecuteAsync"),
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(1).WithArguments("GetResponseAsync", "RetryRunner.RunAsync"));

    private static string[] Summary(string librarySource)
    {
        ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(ProjectSummaryTests.CreateLibrary(librarySource), out var updated, out _);
        var generated = updated.SyntaxTrees.Last().ToString();
        return generated.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).ToArray();
    }

    private static async Task VerifyAsync(string librarySource, string source, bool withSummary, params DiagnosticResult[] expected)
    {
        var library = ProjectSummaryTests.CreateLibrary(librarySource);
        if (withSummary)
        {
            ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(library, out var updated, out _);
            library = (Microsoft.CodeAnalysis.CSharp.CSharpCompilation)updated;
        }

        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = RetryTestSupport.Usings + "using Shared;\n" + source,
            MarkupDiagnosticId = "AIL0001",
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(library)),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
