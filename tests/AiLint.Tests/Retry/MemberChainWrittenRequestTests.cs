using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// A request object built on each pass and filled in through a member chain or an indexer after its construction
/// (<c>request.Headers.Authorization = ...</c>, <c>options.Metadata["app"] = ...</c>; review 59's ScriptHelper wrote
/// <c>chat.RequestParameters.Model = model</c>): a write into the object the local holds, read like its
/// object-initializer form, so a loop that sends it again after a failure is a retry. A value or an indexer key that
/// changes between passes still makes each pass a different request.
/// </summary>
public class MemberChainWrittenRequestTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Text;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    private static DiagnosticResult Retry(int location, string method, string loop) =>
        RetryTestSupport.Diagnostic(Id).WithLocation(location).WithArguments(method, loop);

    [Fact]
    public Task A_header_set_through_the_requests_headers_keeps_the_catch_loop_a_retry() => VerifyAsync(
        """
        public class Translator
        {
            private readonly HttpClient _http = new();

            public async Task<string> AskAsync(string body, string key)
            {
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions");
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                        var response = await _http.{|#0:SendAsync|}(request);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException) { await Task.Delay(1000); }
                }
                return "";
            }
        }
        """,
        Retry(0, "SendAsync", "for loop"));

    [Fact]
    public Task An_indexer_write_with_constant_key_and_value_keeps_the_catch_loop_a_retry() => VerifyAsync(
        """
        public static class Probe
        {
            public static async Task<string> AskAsync(ChatClient chat, List<ChatMessage> messages)
            {
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var options = new ChatCompletionOptions();
                        options.Metadata["app"] = "probe";
                        var completion = await chat.{|#0:CompleteChatAsync|}(messages, options);
                        return completion.Value.Content[0].Text;
                    }
                    catch (Exception) { await Task.Delay(1000); }
                }
                return "";
            }
        }
        """,
        Retry(0, "CompleteChatAsync", "for loop"));

    /// <summary>The value written through the indexer is the attempt number: each pass sends a different request.</summary>
    [Fact]
    public Task An_indexer_value_that_changes_each_pass_is_quiet() => VerifyAsync(
        """
        public static class Probe
        {
            public static async Task<string> AskAsync(ChatClient chat, List<ChatMessage> messages)
            {
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var options = new ChatCompletionOptions();
                        options.Metadata["attempt"] = attempt.ToString();
                        var completion = await chat.CompleteChatAsync(messages, options);
                        return completion.Value.Content[0].Text;
                    }
                    catch (Exception) { await Task.Delay(1000); }
                }
                return "";
            }
        }
        """);

    /// <summary>The indexer key is built from the attempt number: a different request on each pass too.</summary>
    [Fact]
    public Task An_indexer_key_that_changes_each_pass_is_quiet() => VerifyAsync(
        """
        public static class Probe
        {
            public static async Task<string> AskAsync(ChatClient chat, List<ChatMessage> messages)
            {
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var options = new ChatCompletionOptions();
                        options.Metadata["try" + attempt] = "1";
                        var completion = await chat.CompleteChatAsync(messages, options);
                        return completion.Value.Content[0].Text;
                    }
                    catch (Exception) { await Task.Delay(1000); }
                }
                return "";
            }
        }
        """);

    /// <summary>A nested member written from the next console line: a turn loop, not a retry.</summary>
    [Fact]
    public Task A_nested_member_written_from_the_next_user_message_is_quiet() => VerifyAsync(
        """
        public static class Chat
        {
            public static async Task RunAsync(HttpClient http, string key)
            {
                while (true)
                {
                    try
                    {
                        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions");
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                        request.Content = new StringContent(Console.ReadLine() ?? "", Encoding.UTF8, "application/json");
                        var response = await http.SendAsync(request);
                        response.EnsureSuccessStatusCode();
                        Console.WriteLine(await response.Content.ReadAsStringAsync());
                    }
                    catch (HttpRequestException e)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            }
        }
        """);

    /// <summary>Half-typed code: a member chain through a misspelt member, an indexer without a key: no crash.</summary>
    [Fact]
    public async Task A_member_chain_write_in_broken_code_does_not_throw()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + """
                public static class Broken
                {
                    public static async Task<string> AskAsync(HttpClient http, string jsonBody)
                    {
                        for (int attempt = 0; attempt < 3; attempt++)
                        {
                            var req = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions");
                            req.Headrs.Authorization = null;
                            req.Options[] = 1;
                            var resp = await http.SendAsync(req);
                            if (resp.IsSuccessStatusCode) return await resp.Content.ReadAsStringAsync();
                        }
                        return "";
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }
}
