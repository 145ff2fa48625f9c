using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Summaries;

/// <summary>
/// A retry helper in a referenced project that hands its delegate the attempt number (review 63 M1): the record says
/// which of the delegate's parameters get a per-attempt value (<c>|0:0</c>), and a consuming project judges its lambdas
/// as it would with the helper in its own source.
/// </summary>
public class AttemptPassingHelperSummaryTests
{
    private const string Library = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Shared
        {
            public static class Retry
            {
                public static async Task<T> WithBackoffAsync<T>(Func<int, Task<T>> operation, int maxAttempts = 3)
                {
                    for (int attempt = 1; attempt <= maxAttempts; attempt++)
                    {
                        try { return await operation(attempt); }
                        catch (Exception) when (attempt < maxAttempts) { await Task.Delay(100 * attempt); }
                    }

                    throw new InvalidOperationException("unreachable");
                }

                public static async Task<T> WithTokenAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try { return await operation(ct); }
                        catch (TimeoutException) when (attempt < 3) { }
                    }
                }
            }
        }
        """;

    [Fact]
    public void The_record_names_the_delegate_parameters_that_get_the_attempt()
    {
        var library = ProjectSummaryTests.CreateLibrary(Library);
        var text = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(library).GetRunResult().GeneratedTrees.Single().ToString();

        // Written by hand from the documentation-comment id format: parameter 0 retried, its argument 0 per attempt.
        Assert.Contains(
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.RetryMethod", "M:Shared.Retry.WithBackoffAsync``1(System.Func{System.Int32,System.Threading.Tasks.Task{``0}},System.Int32)|0:0")]""",
            text,
            StringComparison.Ordinal);

        // A cancellation token is not a per-attempt input: the plain form.
        Assert.Contains(
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.RetryMethod", "M:Shared.Retry.WithTokenAsync``1(System.Func{System.Threading.CancellationToken,System.Threading.Tasks.Task{``0}},System.Threading.CancellationToken)|0")]""",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public Task A_consumer_lambda_that_ignores_the_attempt_is_retried_and_one_that_uses_it_is_not() => VerifyConsumerAsync(
        """
        public sealed class Handler(ChatClient chat, ChatClient fallback)
        {
            public Task<ClientResult<ChatCompletion>> SameAsync(string q) =>
                Retry.WithBackoffAsync(attempt => chat.{|#0:CompleteChatAsync|}(new UserChatMessage(q)));

            public Task<ClientResult<ChatCompletion>> LoggedAsync(string q) =>
                Retry.WithBackoffAsync(attempt =>
                {
                    Console.WriteLine($"attempt {attempt}");
                    return chat.{|#1:CompleteChatAsync|}(new UserChatMessage(q));
                });

            public Task<ClientResult<ChatCompletion>> FallbackAsync(string q) =>
                Retry.WithBackoffAsync(attempt => (attempt == 1 ? chat : fallback).CompleteChatAsync(new UserChatMessage(q)));
        }
        """,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("CompleteChatAsync", "Retry.WithBackoffAsync"),
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(1).WithArguments("CompleteChatAsync", "Retry.WithBackoffAsync"));

    private static async Task VerifyConsumerAsync(string source, params DiagnosticResult[] expected)
    {
        var library = ProjectSummaryTests.CreateLibrary(Library);
        ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(library, out var updated, out _);

        var test = new AiLint.Tests.Verifiers.AnalyzerTest<RetryAnalyzer>
        {
            TestCode = RetryTestSupport.Usings + "using Shared;\n" + source,
            MarkupDiagnosticId = "AIL0001",
            References = AiLint.Tests.Verifiers.ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit((CSharpCompilation)updated)),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
