using AiLint.Tests.Verifiers;
using static AiLint.Tests.Sdks.SdkTest;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 44 (F1, the Uno Platform ChatGPT sample on Betalgo): a catch that makes the loop's own condition false
/// (<c>response = response with { IsError = true }</c> under <c>while (!response.IsError)</c>) ends the loop like a
/// <c>break</c>; nothing is sent again. A catch that sets the flag only sometimes, or a condition that reads something
/// else, still goes round and is a retry. Nor is an enumerator made once with <c>??=</c> outside the loop sent again.
/// Real Betalgo and Microsoft.Extensions.AI assemblies.
/// </summary>
public class LoopEndingCatchTests
{
    private const string BetalgoUsings = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;

        public record Reply(string? Message = null, bool IsError = false);

        """;

    private static Task BetalgoAsync(string source, params DiagnosticResult[] expected) =>
        RetryAsync(OlderSdkReferences.Betalgo, "AIL0002", BetalgoUsings + source, expected);

    private static Task MeaiAsync(string source) =>
        RetryTestSupport.VerifyAsync("AIL0002", RetryTestSupport.Usings + "using System.Text;\n" + source);

    /// <summary>The review's repro (ChatService.AskAsStream): one enumerator created with <c>??=</c>, read chunk by chunk.</summary>
    [Fact]
    public Task The_enumerator_loop_whose_catch_sets_the_flag_the_condition_reads_is_not_a_retry() => BetalgoAsync(
        """
        public class StreamService(IOpenAIService client)
        {
            public async IAsyncEnumerable<Reply> AskAsStream(ChatCompletionCreateRequest request, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var response = new Reply();
                var content = new StringBuilder();
                IAsyncEnumerator<ChatCompletionCreateResponse>? responseStream = default;
                while (!response.IsError)
                {
                    try
                    {
                        responseStream ??= client.ChatCompletion.CreateCompletionAsStream(request).GetAsyncEnumerator(ct);
                        if (await responseStream.MoveNextAsync())
                        {
                            foreach (var choice in responseStream.Current.Choices)
                                content.Append(choice.Message.Content);
                            response = response with { Message = content.ToString() };
                        }
                        else
                        {
                            yield break;
                        }
                    }
                    catch (Exception)
                    {
                        response = response with { IsError = true };
                    }

                    yield return response;
                }
            }
        }
        """);

    /// <summary>Without the <c>??=</c>: the whole answer streamed in the try; a failure ends the loop through the flag.</summary>
    [Fact]
    public Task A_catch_that_always_sets_the_flag_ends_the_loop() => BetalgoAsync(
        """
        public class Assistant(IOpenAIService client)
        {
            public async Task<Reply> AskAsync(ChatCompletionCreateRequest request)
            {
                var reply = new Reply();
                var text = new StringBuilder();
                while (!reply.IsError)
                {
                    try
                    {
                        await foreach (var chunk in client.ChatCompletion.CreateCompletionAsStream(request))
                        {
                            text.Append(chunk.Choices[0].Message.Content);
                            Console.Write(chunk.Choices[0].Message.Content);
                        }
                        reply = reply with { Message = text.ToString() };
                        break;
                    }
                    catch (Exception)
                    {
                        Console.WriteLine("stream failed");
                        reply = reply with { IsError = true };
                    }
                }

                return reply;
            }

            public async Task<string> FlagAsync(ChatCompletionCreateRequest request)
            {
                var text = new StringBuilder();
                var failed = false;
                var done = false;
                while (!failed && !done)
                {
                    try
                    {
                        await foreach (var chunk in client.ChatCompletion.CreateCompletionAsStream(request))
                        {
                            text.Append(chunk.Choices[0].Message.Content);
                            Console.Write(chunk.Choices[0].Message.Content);
                        }
                        done = true;
                    }
                    catch (Exception)
                    {
                        failed = true;
                    }
                }

                return text.ToString();
            }
        }
        """);

    [Fact]
    public Task A_catch_that_sets_the_flag_only_sometimes_still_goes_round() => BetalgoAsync(
        """
        public class Assistant(IOpenAIService client)
        {
            public async Task<Reply> AskAsync(ChatCompletionCreateRequest request)
            {
                var reply = new Reply();
                var text = new StringBuilder();
                var failures = 0;
                while (!reply.IsError)
                {
                    try
                    {
                        await foreach (var chunk in client.ChatCompletion.{|#0:CreateCompletionAsStream|}(request))
                        {
                            text.Append(chunk.Choices[0].Message.Content);
                            Console.Write(chunk.Choices[0].Message.Content);
                        }
                        reply = reply with { Message = text.ToString() };
                        break;
                    }
                    catch (Exception)
                    {
                        if (++failures >= 3)
                        {
                            reply = reply with { IsError = true };
                        }
                    }
                }

                return reply;
            }
        }
        """,
        Diagnostic("AIL0002", 0, "CreateCompletionAsStream", "while loop"));

    [Fact]
    public Task A_catch_that_sets_a_flag_the_condition_does_not_read_still_goes_round() => BetalgoAsync(
        """
        public class Assistant(IOpenAIService client)
        {
            public async Task<string> AskAsync(ChatCompletionCreateRequest request)
            {
                var text = new StringBuilder();
                var failed = false;
                var done = false;
                while (!done)
                {
                    try
                    {
                        await foreach (var chunk in client.ChatCompletion.{|#0:CreateCompletionAsStream|}(request))
                        {
                            text.Append(chunk.Choices[0].Message.Content);
                            Console.Write(chunk.Choices[0].Message.Content);
                        }
                        done = true;
                    }
                    catch (Exception)
                    {
                        failed = true;
                    }
                }

                return failed ? "" : text.ToString();
            }
        }
        """,
        Diagnostic("AIL0002", 0, "CreateCompletionAsStream", "while loop"));

    /// <summary>The flag the catch sets is cleared again before the loop tests it, or set to the value that keeps it going.</summary>
    [Fact]
    public Task A_flag_cleared_after_the_try_or_set_to_go_on_still_goes_round() => BetalgoAsync(
        """
        public class Assistant(IOpenAIService client)
        {
            public async Task<string> ClearedAsync(ChatCompletionCreateRequest request)
            {
                var text = new StringBuilder();
                var failed = false;
                var done = false;
                while (!failed && !done)
                {
                    try
                    {
                        await foreach (var chunk in client.ChatCompletion.{|#0:CreateCompletionAsStream|}(request))
                        {
                            text.Append(chunk.Choices[0].Message.Content);
                            Console.Write(chunk.Choices[0].Message.Content);
                        }
                        done = true;
                    }
                    catch (Exception)
                    {
                        failed = true;
                    }

                    failed = false;
                }

                return text.ToString();
            }

            public async Task<Reply> WrongValueAsync(ChatCompletionCreateRequest request)
            {
                var reply = new Reply();
                var text = new StringBuilder();
                while (!reply.IsError)
                {
                    try
                    {
                        await foreach (var chunk in client.ChatCompletion.{|#1:CreateCompletionAsStream|}(request))
                        {
                            text.Append(chunk.Choices[0].Message.Content);
                            Console.Write(chunk.Choices[0].Message.Content);
                        }
                        reply = reply with { Message = text.ToString() };
                        break;
                    }
                    catch (Exception)
                    {
                        reply = reply with { IsError = false };
                    }
                }

                return reply;
            }
        }
        """,
        Diagnostic("AIL0002", 0, "CreateCompletionAsStream", "while loop"),
        Diagnostic("AIL0002", 1, "CreateCompletionAsStream", "while loop"));

    /// <summary>
    /// The enumerator kept with <c>??=</c> outside the loop is made once: a catch that waits and goes round asks the same
    /// (failed) enumerator again, which sends nothing. Making it again (<c>responseStream = null</c> in the catch) or
    /// keeping the stream itself and enumerating it on each pass sends the request again: still retries.
    /// </summary>
    [Fact]
    public Task An_enumerator_kept_with_coalescing_assignment_is_not_sent_again() => BetalgoAsync(
        """
        public class StreamService(IOpenAIService client)
        {
            public async IAsyncEnumerable<Reply> KeptAsync(ChatCompletionCreateRequest request, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var response = new Reply();
                IAsyncEnumerator<ChatCompletionCreateResponse>? responseStream = null;
                while (!response.IsError)
                {
                    try
                    {
                        responseStream ??= client.ChatCompletion.CreateCompletionAsStream(request).GetAsyncEnumerator(ct);
                        if (!await responseStream.MoveNextAsync())
                        {
                            yield break;
                        }

                        response = response with { Message = responseStream.Current.Choices[0].Message.Content };
                    }
                    catch (Exception)
                    {
                        await Task.Delay(500, ct);
                    }

                    yield return response;
                }
            }

            public async IAsyncEnumerable<Reply> RemadeAsync(ChatCompletionCreateRequest request, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var response = new Reply();
                IAsyncEnumerator<ChatCompletionCreateResponse>? responseStream = null;
                while (!response.IsError)
                {
                    try
                    {
                        responseStream ??= client.ChatCompletion.{|#0:CreateCompletionAsStream|}(request).GetAsyncEnumerator(ct);
                        if (!await responseStream.MoveNextAsync())
                        {
                            yield break;
                        }

                        response = response with { Message = responseStream.Current.Choices[0].Message.Content };
                    }
                    catch (Exception)
                    {
                        responseStream = null;
                        await Task.Delay(500, ct);
                    }

                    yield return response;
                }
            }

            public async Task<string> KeptStreamAsync(ChatCompletionCreateRequest request)
            {
                var reply = new Reply();
                var text = new StringBuilder();
                IAsyncEnumerable<ChatCompletionCreateResponse>? stream = null;
                while (!reply.IsError)
                {
                    try
                    {
                        stream ??= client.ChatCompletion.{|#1:CreateCompletionAsStream|}(request);
                        await foreach (var chunk in stream)
                        {
                            text.Append(chunk.Choices[0].Message.Content);
                            Console.Write(chunk.Choices[0].Message.Content);
                        }

                        reply = reply with { Message = text.ToString() };
                        break;
                    }
                    catch (Exception)
                    {
                        await Task.Delay(500);
                    }
                }

                return reply.Message ?? "";
            }
        }
        """,
        Diagnostic("AIL0002", 0, "CreateCompletionAsStream", "while loop"),
        Diagnostic("AIL0002", 1, "CreateCompletionAsStream", "while loop"));

    [Fact]
    public Task A_running_flag_cleared_in_the_catch_ends_the_loop_and_one_left_alone_does_not() => MeaiAsync(
        """
        public sealed class Writer(IChatClient client)
        {
            public async Task<string> QuietAsync(string prompt)
            {
                var text = new StringBuilder();
                var running = true;
                while (running)
                {
                    try
                    {
                        await foreach (var update in client.GetStreamingResponseAsync(prompt))
                        {
                            text.Append(update.Text);
                            Console.Write(update.Text);
                        }
                        return text.ToString();
                    }
                    catch (HttpRequestExceptionStandIn)
                    {
                        running = false;
                    }
                }

                return text.ToString();
            }

            public async Task<string> ReportedAsync(string prompt)
            {
                var text = new StringBuilder();
                var running = true;
                var attempts = 0;
                while (running)
                {
                    try
                    {
                        await foreach (var update in client.[|GetStreamingResponseAsync|](prompt))
                        {
                            text.Append(update.Text);
                            Console.Write(update.Text);
                        }
                        return text.ToString();
                    }
                    catch (HttpRequestExceptionStandIn)
                    {
                        running = ++attempts < 3;
                    }
                }

                return text.ToString();
            }
        }

        public sealed class HttpRequestExceptionStandIn : Exception { }
        """);

    [Fact]
    public Task Half_typed_flag_loops_do_not_crash() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        MarkupDiagnosticId = "AIL0002",
        TestCode = RetryTestSupport.Usings + """
            public sealed class Writer(IChatClient client)
            {
                public async Task<string> AskAsync(string prompt)
                {
                    var reply = new Reply();
                    while (!reply.)
                    {
                        try
                        {
                            // The condition and the flag cannot be read: the catch is still taken to go round.
                            await foreach (var update in client.[|GetStreamingResponseAsync|](prompt)) { Console.Write(update.Text); }
                            reply = reply with { Text = "x" };
                        }
                        catch (Exception)
                        {
                            reply = reply with { IsError = };
                            failed = true;
                        }
                    }

                    return reply.Text;
                }
            }

            public record Reply(string Text = "", bool IsError = false);
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
