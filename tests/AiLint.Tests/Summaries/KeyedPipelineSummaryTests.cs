using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Summaries;

/// <summary>
/// A keyed Polly v8 pipeline registered with a retry in a referenced infrastructure project
/// (<c>services.AddResiliencePipeline("OpenAiPipeline", b =&gt; b.AddRetry(...))</c>) and looked up in the app
/// (<c>pipelineProvider.GetPipeline("OpenAiPipeline").ExecuteAsync(...)</c>, cut from a real app's
/// RetryResilienceExtensions.cs and OpenAiWorkflowAnalyzer.cs). The library records the key and the attempts
/// (<c>AiLint.KeyedRetryPipeline</c>); the app judges the lookup as it judges one whose registration it sees.
/// </summary>
public class KeyedPipelineSummaryTests
{
    private const string Infra = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Polly;
        using Polly.Retry;
        using Polly.Timeout;

        namespace Shared
        {
            public static class RetryResilienceExtensions
            {
                public static IServiceCollection AddRetryResilience(this IServiceCollection services)
                {
                    services.AddResiliencePipeline("OpenAiPipeline", builder =>
                    {
                        builder.AddRetry(new RetryStrategyOptions
                        {
                            MaxRetryAttempts = 3,
                            Delay = TimeSpan.FromSeconds(2),
                            UseJitter = true,
                            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex =>
                                ex is HttpRequestException ||
                                ex is TaskCanceledException ||
                                ex.Message.Contains("TooManyRequests")),
                        });
                        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(10) });
                    });

                    // Timeout only: runs the callback once.
                    services.AddResiliencePipeline("TimeoutOnly", builder => builder.AddTimeout(TimeSpan.FromSeconds(30)));

                    // Polly's default options: 3 retries, 4 attempts.
                    services.AddResiliencePipeline("Defaults", builder => builder.AddRetry(new RetryStrategyOptions()));

                    // Attempts not visible (options from elsewhere): not recorded.
                    services.AddResiliencePipeline("FromOptions", builder => builder.AddRetry(Options()));
                    return services;
                }

                // A key known only at run time: not recorded.
                public static void AddNamed(IServiceCollection services, string name) =>
                    services.AddResiliencePipeline(name, builder => builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 }));

                private static RetryStrategyOptions Options() => new() { MaxRetryAttempts = Environment.ProcessorCount };
            }
        }
        """;

    private const string AppUsings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI.Chat;
        using Polly;
        using Polly.Registry;

        """;

    [Fact]
    public void The_summary_records_constant_keys_whose_retry_attempts_are_visible()
    {
        Assert.Equal(
            [
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.KeyedRetryPipeline", "Defaults|4")]""",
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.KeyedRetryPipeline", "OpenAiPipeline|4")]""",
            ],
            Summary(Infra).Where(l => l.Contains("AiLint.KeyedRetryPipeline", StringComparison.Ordinal)));
    }

    [Fact]
    public Task A_lookup_of_a_key_the_library_registers_with_a_retry_is_reported() => VerifyAsync(
        Infra,
        """
        public class OpenAiWorkflowAnalyzer
        {
            private readonly ResiliencePipeline _openAiPipeline;

            public OpenAiWorkflowAnalyzer(ResiliencePipelineProvider<string> pipelineProvider) =>
                _openAiPipeline = pipelineProvider.GetPipeline("OpenAiPipeline");

            public async Task<ChatCompletion> AnalyzeWorkflow(string apiKey, string inputText, CancellationToken cancellationToken)
            {
                ChatClient chatClient = new("gpt-4o", apiKey);
                return await _openAiPipeline.ExecuteAsync(async ct =>
                    await chatClient.{|AIL0001:{|#0:CompleteChatAsync|}|}([new UserChatMessage(inputText)], cancellationToken: ct),
                    cancellationToken);
            }
        }
        """,
        SummaryMode.Generated,
        RetryTestSupport.Diagnostic("AIL0003").WithLocation(0)
            .WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync", "OpenAI", "3 retries by default", "4 × 4 = 16 requests"));

    [Fact]
    public Task A_keyed_service_parameter_of_a_recorded_key_is_reported() => VerifyAsync(
        Infra,
        """
        public class Assistant([FromKeyedServices("Defaults")] ResiliencePipeline pipeline, ChatClient chat)
        {
            public async Task<ChatCompletion> AskAsync(string q) =>
                await pipeline.ExecuteAsync(async ct => await chat.{|#0:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));
        }
        """,
        SummaryMode.Generated,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync"));

    private const string LookupsOfOtherKeys = """
        public class Assistant(ResiliencePipelineProvider<string> provider, ChatClient chat)
        {
            public async Task AskAsync(string q)
            {
                // Timeout only, attempts not visible, a key the library registers under another name, a run-time key.
                await provider.GetPipeline("TimeoutOnly").ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));
                await provider.GetPipeline("FromOptions").ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));
                await provider.GetPipeline("openai").ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));
                await provider.GetPipeline(q).ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));
            }
        }
        """;

    [Fact]
    public Task Lookups_of_keys_registered_without_a_retry_or_under_another_name_are_not_reported() =>
        VerifyAsync(Infra, LookupsOfOtherKeys, SummaryMode.Generated);

    private const string LookupOfRecordedKey = """
        public class Assistant(ResiliencePipelineProvider<string> provider, ChatClient chat)
        {
            public async Task AskAsync(string q) =>
                await provider.GetPipeline("OpenAiPipeline").ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));
        }
        """;

    [Fact]
    public Task Not_reported_when_the_library_turned_its_summary_off() =>
        VerifyAsync(Infra, LookupOfRecordedKey, SummaryMode.OptedOut);

    [Fact]
    public Task The_apps_own_registration_of_the_key_decides() => VerifyAsync(
        Infra,
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddResiliencePipeline("OpenAiPipeline", builder => builder.AddTimeout(TimeSpan.FromSeconds(30)));
        }

        """ + LookupOfRecordedKey,
        SummaryMode.Generated);

    [Fact]
    public Task A_malformed_record_is_ignored() => VerifyAsync(
        """
        [assembly: System.Reflection.AssemblyMetadata("AiLint.KeyedRetryPipeline", "OpenAiPipeline|three")]
        [assembly: System.Reflection.AssemblyMetadata("AiLint.KeyedRetryPipeline", "OpenAiPipeline")]
        [assembly: System.Reflection.AssemblyMetadata("AiLint.KeyedRetryPipeline", "OpenAiPipeline|0")]
        namespace Shared { public static class Nothing { } }
        """,
        LookupOfRecordedKey,
        SummaryMode.None);

    [Fact]
    public async Task Half_typed_lookups_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = AppUsings + """
                public class Assistant(ResiliencePipelineProvider<string> provider, ChatClient chat)
                {
                    public async Task AskAsync(string q)
                    {
                        await provider.GetPipeline().ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));
                        await provider.GetPipeline("OpenAiPipeline", ).ExecuteAsync(async ct => await chat.CompleteChatAsync(
                        await provider.GetPipeline(OpenAiPipeline).ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            References = ReferenceAssemblies.Default.Add(WithSummary(Infra)),
        };
        await test.RunAsync();
    }

    public enum SummaryMode
    {
        None,
        Generated,
        OptedOut,
    }

    private static string[] Summary(string librarySource)
    {
        ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(ProjectSummaryTests.CreateLibrary(librarySource), out var updated, out _);
        var generated = updated.SyntaxTrees.Last().ToString();
        return generated.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).ToArray();
    }

    private static MetadataReference WithSummary(string librarySource)
    {
        ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(ProjectSummaryTests.CreateLibrary(librarySource), out var updated, out _);
        return ProjectSummaryTests.Emit((Microsoft.CodeAnalysis.CSharp.CSharpCompilation)updated);
    }

    private static async Task VerifyAsync(string librarySource, string source, SummaryMode mode, params DiagnosticResult[] expected)
    {
        var library = ProjectSummaryTests.CreateLibrary(librarySource);
        if (mode != SummaryMode.None)
        {
            ProjectSummaryTests.CreateDriver(optOut: mode == SummaryMode.OptedOut).RunGeneratorsAndUpdateCompilation(library, out var updated, out _);
            library = (Microsoft.CodeAnalysis.CSharp.CSharpCompilation)updated;
        }

        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = AppUsings + source,
            MarkupDiagnosticId = "AIL0001",
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(library)),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
