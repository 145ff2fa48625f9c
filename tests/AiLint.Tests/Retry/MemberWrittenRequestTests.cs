using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// A request object built on each pass whose members are set by statements after its construction
/// (<c>request.Content = new StringContent(body, ...)</c>), review 55's Valkyrie.AutoTranslator DeepSeekApi shape: the
/// same request as the object-initializer form, so a loop that sends it again after a failure is a retry. A member
/// written from something that changes between passes still makes each pass a different request.
/// </summary>
public class MemberWrittenRequestTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Text;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    private static DiagnosticResult Retry(int location, string loop) =>
        RetryTestSupport.Diagnostic(Id).WithLocation(location).WithArguments("SendAsync", loop);

    [Fact]
    public Task A_catch_loop_re_sending_a_request_whose_content_is_assigned_after_construction_is_reported() => VerifyAsync(
        """
        public static class DeepSeek
        {
            public static async Task<string> TranslateAsync(HttpClient http, string jsonBody)
            {
                int retries = 0;
                while (true)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.deepseek.com/v1/chat/completions");
                        request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
                        using var response = await http.{|#0:SendAsync|}(request);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        if (retries >= 3) throw;
                        await Task.Delay(1000);
                        retries++;
                    }
                }
            }
        }
        """,
        Retry(0, "while loop"));

    [Fact]
    public Task A_status_loop_re_sending_a_request_whose_content_is_assigned_after_construction_is_reported() => VerifyAsync(
        """
        public static class OpenAi
        {
            public static async Task<string> AskAsync(HttpClient http, string jsonBody)
            {
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    using var req = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions");
                    req.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
                    var resp = await http.{|#0:SendAsync|}(req);
                    if (resp.IsSuccessStatusCode) return await resp.Content.ReadAsStringAsync();
                    if ((int)resp.StatusCode >= 500) { await Task.Delay(1000); continue; }
                    throw new HttpRequestException(resp.ReasonPhrase);
                }

                throw new TimeoutException();
            }
        }
        """,
        Retry(0, "for loop that sends again after a failed status"));

    /// <summary>The content written from the attempt number: each pass sends a different request.</summary>
    [Fact]
    public Task Content_assigned_from_a_value_that_changes_each_pass_is_quiet() => VerifyAsync(
        """
        public static class DeepSeek
        {
            public static async Task<string> TranslateAsync(HttpClient http, string text)
            {
                int retries = 0;
                while (true)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.deepseek.com/v1/chat/completions");
                        request.Content = new StringContent(Body(text, retries), Encoding.UTF8, "application/json");
                        using var response = await http.SendAsync(request);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        if (retries >= 3) throw;
                        retries++;
                    }
                }
            }

            private static string Body(string text, int retries) =>
                "{\"model\":\"deepseek-chat\",\"temperature\":" + (0.2 + retries * 0.2) + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
        }
        """);

    /// <summary>The content read from the console on each pass: a turn loop, not a retry.</summary>
    [Fact]
    public Task Content_assigned_from_the_next_user_message_is_quiet() => VerifyAsync(
        """
        public static class Chat
        {
            public static async Task RunAsync(HttpClient http)
            {
                while (true)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions");
                        request.Content = new StringContent(Console.ReadLine() ?? "", Encoding.UTF8, "application/json");
                        using var response = await http.SendAsync(request);
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

    /// <summary>Half-typed code: a misspelt member written on the request, an unclosed call: nothing reported, no crash.</summary>
    [Fact]
    public async Task A_member_write_in_broken_code_does_not_throw()
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
                            req.Contnt = new StringContent(jsonBody;
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
