using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// A rate-limit message test may read the error body an SDK exception quotes instead of its <c>Message</c>: Semantic
/// Kernel's <c>HttpOperationException.ResponseContent</c> (the provider's error body, as IncidentesAI tests it) and
/// Anthropic's <c>AnthropicServiceException.ApiMessage</c> (the body's <c>error.message</c>). These members are known by
/// symbol: another member of the same exception (the request payload) or a test for a phrase that is not a rate limit
/// keeps the retry. A symbol is the member of the SDK package the project references, looked up once per compilation.
/// </summary>
public class RateLimitErrorBodyTests
{
    private const string Id = "AIL0001";

    private const string KernelUsings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, KernelUsings + source, expected);

    [Fact]
    public Task Semantic_Kernel_response_content_rate_limit_test_is_a_rate_limit_wait() => VerifyAsync(
        """
        public sealed class Status { public string Text { get; set; } = ""; }

        public static class Processor
        {
            public static async Task ElseThrow(Kernel kernel, string prompt)
            {
                for (int attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        Console.WriteLine(await kernel.InvokePromptAsync(prompt));
                        break;
                    }
                    catch (HttpOperationException ex)
                    {
                        if (ex.ResponseContent.Contains("rate limit exceeded")) { await Task.Delay(2000); }
                        else { throw; }
                    }
                }
            }

            // IncidentesAI's btnProcessar_Click: the body test, and the error shown before leaving the loop.
            public static async Task ElseBreak(Kernel kernel, string prompt, Status status)
            {
                for (int attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        Console.WriteLine(await kernel.InvokePromptAsync(prompt));
                        break;
                    }
                    catch (HttpOperationException httpEx)
                    {
                        if (httpEx.ResponseContent != null && httpEx.ResponseContent.Contains("rate limit exceeded"))
                        {
                            await Task.Delay(2000 * attempt);
                        }
                        else
                        {
                            Console.WriteLine("Error: " + httpEx.ResponseContent);
                            status.Text = "Error";
                            break;
                        }
                    }
                }
            }

            public static async Task Filter(Kernel kernel, string prompt)
            {
                while (true)
                {
                    try
                    {
                        Console.WriteLine(await kernel.InvokePromptAsync(prompt));
                        return;
                    }
                    catch (HttpOperationException ex) when (ex.ResponseContent != null && ex.ResponseContent.ToLowerInvariant().Contains("rate_limit_exceeded"))
                    {
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Anthropic_api_message_rate_limit_test_is_a_rate_limit_wait() => RetryTestSupport.VerifyAsync(
        Id,
        """
        using System;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;

        public sealed class Writer(AnthropicClient claude)
        {
            public async Task<Message> AskAsync(MessageCreateParams request)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        return await claude.Messages.Create(request);
                    }
                    catch (AnthropicServiceException ex) when (ex.ApiMessage != null && ex.ApiMessage.Contains("rate limit"))
                    {
                        await Task.Delay(5000);
                    }
                }

                throw new TimeoutException();
            }

            public async Task<Message> OtherPhraseAsync(MessageCreateParams request)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        return await claude.Messages.[|Create|](request);
                    }
                    catch (AnthropicServiceException ex) when (ex.ApiMessage != null && ex.ApiMessage.Contains("overloaded or timed out"))
                    {
                        await Task.Delay(5000);
                    }
                }

                throw new TimeoutException();
            }
        }
        """);

    /// <summary>Another string member of the exception is not the error body; a phrase that names no rate limit admits any failure.</summary>
    [Fact]
    public Task Other_members_and_phrases_stay_retries() => VerifyAsync(
        """
        public static class Processor
        {
            public static async Task StackTrace(Kernel kernel, string prompt)
            {
                for (int attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        Console.WriteLine(await kernel.[|InvokePromptAsync|](prompt));
                        break;
                    }
                    catch (HttpOperationException ex)
                    {
                        if (ex.StackTrace != null && ex.StackTrace.Contains("RateLimit")) { await Task.Delay(2000); }
                        else { throw; }
                    }
                }
            }

            public static async Task AnyError(Kernel kernel, string prompt)
            {
                for (int attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        Console.WriteLine(await kernel.[|InvokePromptAsync|](prompt));
                        break;
                    }
                    catch (HttpOperationException ex)
                    {
                        if (ex.ResponseContent != null && ex.ResponseContent.Contains("error")) { await Task.Delay(2000); }
                        else { throw; }
                    }
                }
            }
        }
        """);

    [Fact]
    public async Task Half_typed_error_body_tests_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<RetryAnalyzer>
        {
            TestCode = KernelUsings + """
                public static class Processor
                {
                    public static async Task A(Kernel kernel, string prompt)
                    {
                        for (int attempt = 1; attempt <= 3; attempt++)
                        {
                            try { Console.WriteLine(await kernel.InvokePromptAsync(prompt)); break; }
                            catch (HttpOperationException ex) when (ex.ResponseContent.Contains("rate limit"
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }
}
