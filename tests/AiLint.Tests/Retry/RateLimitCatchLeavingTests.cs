using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// A catch that goes round only inside an <c>if</c> on a rate-limit test and otherwise leaves the loop sends nothing
/// more than one that throws: <c>break</c>, <c>return</c> (with a value computed without sending anything), a <c>goto</c>
/// to a label after the loop, or setting the loop's exit flag and then <c>break</c>. Such a loop is a rate-limit wait
/// (AIL0001, "Rate-limit waits"), like the <c>else { throw; }</c> form (IncidentesAI's <c>btnProcessar_Click</c>). An
/// else branch that falls through (logging only) or <c>continue</c>s goes round on any failure and stays a retry.
/// </summary>
public class RateLimitCatchLeavingTests
{
    private const string Id = "AIL0001";

    private const string KernelUsings = """
        using System;
        using System.Net;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, KernelUsings + source, expected);

    /// <summary>IncidentesAI's shape: the else branch shows the error, sets a status text and leaves with <c>break</c>.</summary>
    [Fact]
    public Task Else_branch_that_breaks_out_of_the_loop_is_a_rate_limit_wait() => VerifyAsync(
        """
        public sealed class Status { public string Text { get; set; } = ""; }

        public static class Processor
        {
            public static async Task ElseBreak(Kernel kernel, string prompt, Status status)
            {
                for (int attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        var r = await kernel.InvokePromptAsync(prompt);
                        Console.WriteLine(r);
                        break;
                    }
                    catch (HttpOperationException ex)
                    {
                        if (ex.Message.Contains("rate limit exceeded")) { await Task.Delay(2000); }
                        else { Console.WriteLine("API error: " + ex.Message); status.Text = "Failed"; break; }
                    }
                }
            }

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
                        if (ex.Message.Contains("rate limit exceeded")) { await Task.Delay(2000); }
                        else { throw; }
                    }
                }
            }
        }
        """);

    /// <summary>The other ways to leave: <c>return null</c>, a plain <c>return</c>, a <c>goto</c> past the loop, the exit flag then <c>break</c>.</summary>
    [Fact]
    public Task Else_branch_that_returns_jumps_past_the_loop_or_sets_the_exit_flag_is_a_rate_limit_wait() => VerifyAsync(
        """
        public static class Processor
        {
            public static async Task<string?> ReturnNull(Kernel kernel, string prompt)
            {
                for (int attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        return (await kernel.InvokePromptAsync(prompt)).ToString();
                    }
                    catch (HttpOperationException ex)
                    {
                        if (ex.StatusCode == HttpStatusCode.TooManyRequests)
                        {
                            await Task.Delay(2000 * attempt);
                        }
                        else
                        {
                            Console.WriteLine(ex.Message);
                            return null;
                        }
                    }
                }

                return null;
            }

            public static async Task PlainReturn(Kernel kernel, string prompt)
            {
                while (true)
                {
                    try
                    {
                        Console.WriteLine(await kernel.InvokePromptAsync(prompt));
                        return;
                    }
                    catch (HttpOperationException ex)
                    {
                        if (ex.Message.Contains("429")) await Task.Delay(1000);
                        else return;
                    }
                }
            }

            public static async Task GotoPastTheLoop(Kernel kernel, string prompt)
            {
                for (int attempt = 0; attempt < 5; attempt++)
                {
                    try
                    {
                        Console.WriteLine(await kernel.InvokePromptAsync(prompt));
                        return;
                    }
                    catch (HttpOperationException ex)
                    {
                        if (ex.Message.Contains("Too Many Requests")) { await Task.Delay(1000); }
                        else { goto Failed; }
                    }
                }

            Failed:
                Console.WriteLine("gave up");
            }

            public static async Task ExitFlag(Kernel kernel, string prompt)
            {
                var done = false;
                var attempt = 0;
                while (!done && attempt < 3)
                {
                    attempt++;
                    try
                    {
                        Console.WriteLine(await kernel.InvokePromptAsync(prompt));
                        done = true;
                    }
                    catch (HttpOperationException ex)
                    {
                        if (ex.Message.Contains("rate limit"))
                        {
                            await Task.Delay(1000);
                        }
                        else
                        {
                            done = true;
                            break;
                        }
                    }
                }
            }
        }
        """);

    /// <summary>The guard form: <c>if (!rateLimited) break;</c> (or <c>return</c>) at the catch's start, then the wait.</summary>
    [Fact]
    public Task Early_leave_unless_rate_limited_is_a_rate_limit_wait() => VerifyAsync(
        """
        public static class Processor
        {
            public static async Task EarlyBreak(Kernel kernel, string prompt)
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
                        if (!ex.Message.Contains("rate limit")) break;
                        await Task.Delay(2000);
                    }
                }
            }

            public static async Task<string> EarlyReturn(Kernel kernel, string prompt)
            {
                for (int attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        return (await kernel.InvokePromptAsync(prompt)).ToString();
                    }
                    catch (HttpOperationException ex)
                    {
                        if (ex.StatusCode != HttpStatusCode.TooManyRequests)
                        {
                            return "error: " + ex.Message;
                        }

                        await Task.Delay(2000);
                    }
                }

                return "busy";
            }

            public static async Task<string?> SwitchDefaultReturns(Kernel kernel, string prompt)
            {
                for (int attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        return (await kernel.InvokePromptAsync(prompt)).ToString();
                    }
                    catch (HttpOperationException ex)
                    {
                        switch (ex.StatusCode)
                        {
                            case HttpStatusCode.TooManyRequests:
                                await Task.Delay(2000);
                                continue;
                            default:
                                return null;
                        }
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>
    /// Still retries: an else branch that only logs (the catch goes round on any error), one that <c>continue</c>s, a
    /// <c>goto</c> back before the loop (it runs the loop again), and an else branch that sends the prompt once more.
    /// </summary>
    [Fact]
    public Task Else_branch_that_goes_round_or_sends_again_stays_a_retry() => VerifyAsync(
        """
        public static class Processor
        {
            public static async Task ElseLogs(Kernel kernel, string prompt)
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
                        if (ex.Message.Contains("rate limit exceeded")) { await Task.Delay(2000); }
                        else { Console.WriteLine("API error: " + ex.Message); }
                    }
                }
            }

            public static async Task ElseContinues(Kernel kernel, string prompt)
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
                        if (ex.Message.Contains("rate limit exceeded")) { await Task.Delay(2000); }
                        else { Console.WriteLine("API error: " + ex.Message); continue; }
                    }
                }
            }

            public static async Task EarlyContinue(Kernel kernel, string prompt)
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
                        if (!ex.Message.Contains("rate limit")) continue;
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """);

    /// <summary>
    /// Half-typed catches: missing semicolons and braces, a <c>goto</c> to no label, no crash and no report; a test on a
    /// member that does not exist is no rate-limit test, so that loop stays a retry.
    /// </summary>
    [Fact]
    public async Task Half_typed_leaving_catches_do_not_crash()
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
                            catch (HttpOperationException ex)
                            {
                                if (ex.ResponseContent.Contains("rate limit")) { await Task.Delay(2000) }
                                else { Console.WriteLine(ex.Message) break }
                            }
                        }
                    }

                    public static async Task Unknown(Kernel kernel, string prompt)
                    {
                        for (int attempt = 1; attempt <= 3; attempt++)
                        {
                            try { Console.WriteLine(await kernel.[|InvokePromptAsync|](prompt)); break; }
                            catch (HttpOperationException ex)
                            {
                                if (ex.ResponseContnt.Contains("rate limit")) { await Task.Delay(2000); }
                                else { break; }
                            }
                        }
                    }

                    public static async Task B(Kernel kernel, string prompt)
                    {
                        try { Console.WriteLine(await kernel.InvokePromptAsync(prompt)); }
                        catch (HttpOperationException ex)
                        {
                            if (ex.Message.Contains("rate limit")) { await Task.Delay(2000); }
                            else { goto Nowhere; }
                        }
                        for (;;) { try { await kernel.InvokePromptAsync(prompt); } catch (HttpOperationException ex) { if (ex.Message.Contains("429")) { } else { return
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }
}
