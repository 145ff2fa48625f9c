using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// The framework helpers a retry helper's callback may pass the attempt number through on its way to a log or a delay
/// (<c>Math</c>, <c>MathF</c>, <c>TimeSpan</c>, <c>Convert</c>, <c>string</c>, a framework value's <c>ToString</c>) are
/// recognised by their resolved types (PerAttemptArguments): the project's own class named <c>Math</c> or
/// <c>Convert</c> is project code, which may change the request, whatever namespace it is declared in.
/// </summary>
public class FrameworkHelperLookalikeTests
{
    private const string Id = "AIL0001";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    /// <summary>The attempt-passing helper of AttemptPassingHelperTests (Lithuaningo's RetryWithBackoffAsync).</summary>
    private const string Helper = AttemptPassingHelperTests.Helper;

    /// <summary>Every framework helper of the list, each between the attempt and a console write or a delay: the same request again.</summary>
    [Fact]
    public Task The_attempt_formatted_or_computed_by_framework_helpers_before_a_log_or_delay_is_retried() => VerifyAsync(
        $$"""
        public sealed class FlashcardService(ChatClient chat)
        {
            public Task<string> BackoffAsync(string word) =>
                RetryWithBackoffAsync(async attempt =>
                {
                    Console.WriteLine("Attempt " + attempt.ToString("D2") + string.Format(" of {0}", 3) + String.Concat(" #", attempt.ToString()));
                    await Task.Delay(TimeSpan.FromMilliseconds(MathF.Pow(2, attempt) * 100));
                    await Task.Delay(Convert.ToInt32(attempt * 1.5) + (int)Math.Max(attempt, 1));
                    return (await chat.{|#0:CompleteChatAsync|}(new UserChatMessage(word))).Value.Content[0].Text;
                });

        {{Helper}}
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "FlashcardService.RetryWithBackoffAsync"));

    /// <summary>
    /// The project's own <c>Math</c> and <c>Convert</c> (declared beside the service, so they, not System's, are what the
    /// names bind to): their bodies are the project's, and this one picks the model per attempt, so the request may change.
    /// </summary>
    [Fact]
    public Task A_project_class_named_Math_or_Convert_is_project_code_not_a_framework_helper() => VerifyAsync(
        $$"""
        namespace Flashcards
        {
            public static class ModelChoice
            {
                public static string Current { get; set; } = "gpt-4o";
            }

            public static class Math
            {
                public static double Pow(double x, double y)
                {
                    ModelChoice.Current = y > 1 ? "gpt-4o-mini" : "gpt-4o";
                    return System.Math.Pow(x, y);
                }
            }

            public static class Convert
            {
                public static int ToInt32(int attempt)
                {
                    ModelChoice.Current = attempt > 1 ? "gpt-4o-mini" : "gpt-4o";
                    return attempt * 100;
                }
            }

            public sealed class FlashcardService(OpenAIClient client)
            {
                public Task<string> PowAsync(string word) =>
                    RetryWithBackoffAsync(async attempt =>
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Pow(2, attempt) * 100));
                        return (await client.GetChatClient(ModelChoice.Current).CompleteChatAsync(new UserChatMessage(word))).Value.Content[0].Text;
                    });

                public Task<string> ConvertAsync(string word) =>
                    RetryWithBackoffAsync(async attempt =>
                    {
                        await Task.Delay(Convert.ToInt32(attempt));
                        return (await client.GetChatClient(ModelChoice.Current).CompleteChatAsync(new UserChatMessage(word))).Value.Content[0].Text;
                    });

        {{Helper}}
            }
        }
        """);

    /// <summary>
    /// Lookalikes under a namespace whose root is <c>System</c>: a name test with the root namespace took the project's
    /// <c>Math</c> for System.Math and its attempt type's <c>ToString()</c> for a framework value's; the resolved types
    /// (and, for <c>ToString</c>, the type's assembly) do not.
    /// </summary>
    [Fact]
    public Task A_project_class_named_Math_under_a_System_namespace_is_project_code() => VerifyAsync(
        $$"""
        namespace System.Backoff
        {
            public static class Math
            {
                public static double Pow(double x, double y)
                {
                    Flashcards.ModelChoice.Current = y > 1 ? "gpt-4o-mini" : "gpt-4o";
                    return System.Math.Pow(x, y);
                }
            }

            public readonly struct Attempt(int number)
            {
                public override string ToString()
                {
                    Flashcards.ModelChoice.Current = number > 1 ? "gpt-4o-mini" : "gpt-4o";
                    return "attempt " + number;
                }
            }

            public sealed class FlashcardService(OpenAIClient client)
            {
                public Task<string> PowAsync(string word) =>
                    RetryWithBackoffAsync(async attempt =>
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Pow(2, attempt) * 100));
                        return (await client.GetChatClient(Flashcards.ModelChoice.Current).CompleteChatAsync(new UserChatMessage(word))).Value.Content[0].Text;
                    });

                // The twin that shows the helper is a retry: a callback that never reads the attempt sends the same request.
                public Task<string> IgnoredAsync(string word) =>
                    RetryWithAttemptAsync(async _ => (await client.GetChatClient("gpt-4o").{|#0:CompleteChatAsync|}(new UserChatMessage(word))).Value.Content[0].Text);

                public Task<string> LoggedAsync(string word) =>
                    RetryWithAttemptAsync(async attempt =>
                    {
                        Console.WriteLine(attempt.ToString());
                        return (await client.GetChatClient(Flashcards.ModelChoice.Current).CompleteChatAsync(new UserChatMessage(word))).Value.Content[0].Text;
                    });

                private static async Task<T> RetryWithAttemptAsync<T>(Func<Attempt, Task<T>> operation)
                {
                    for (var i = 1; ; i++)
                    {
                        try { return await operation(new Attempt(i)); }
                        catch (TimeoutException) when (i < 3) { }
                    }
                }

        {{Helper}}
            }
        }

        namespace Flashcards
        {
            public static class ModelChoice
            {
                public static string Current { get; set; } = "gpt-4o";
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "FlashcardService.RetryWithAttemptAsync"));

    [Fact]
    public async Task Half_typed_callbacks_through_helpers_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + $$"""
                public sealed class FlashcardService(ChatClient chat)
                {
                    public Task<string> A(string word) => RetryWithBackoffAsync(async attempt =>
                    {
                        await Task.Delay(Math.Pow(2, attempt) + Convert.(attempt) + Unknown.Max(attempt) + attempt.ToString(,));
                        return (await chat.CompleteChatAsync(new UserChatMessage(word))).Value.Content[0].Text;
                    });

                    public Task<string> B(string word) => RetryWithBackoffAsync(async attempt =>
                    {
                        Console.WriteLine(Missing.Math.Round(attempt));
                        return (await chat.CompleteChatAsync(new UserChatMessage(word)
                    });

                {{Helper}}
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }
}
