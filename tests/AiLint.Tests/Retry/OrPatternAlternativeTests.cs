using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// An <c>or</c> pattern of three alternatives in a retry's filter: a 429/401/529 status pattern, a refusal exception type
/// pattern and a connect-failure <c>HttpRequestError</c> pattern go round only on a refused request when every
/// alternative is one (quiet), and on a processed one as soon as one alternative is not, wherever it stands in the chain
/// (reported). <c>a or b or c</c> nests to the left, so the first alternative is the one at the bottom of the chain.
/// </summary>
public class OrPatternAlternativeTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;

        """;

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source);

    [Fact]
    public Task Three_refusal_statuses_are_not_a_retry() => VerifyAsync(
        """
        public static class Ask
        {
            public static async Task<string> StatusAsync(ChatClient chat, string q)
            {
                for (var i = 0; ; i++)
                {
                    try { ChatCompletion r = await chat.CompleteChatAsync([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e) when (e.Status is 429 or 401 or 529 && i < 3) { await Task.Delay(1000); }
                }
            }
        }
        """);

    [Fact]
    public Task A_processed_status_among_three_is_a_retry_wherever_it_stands() => VerifyAsync(
        """
        public static class Ask
        {
            public static async Task<string> FirstAsync(ChatClient chat, string q)
            {
                for (var i = 0; ; i++)
                {
                    try { ChatCompletion r = await chat.[|CompleteChatAsync|]([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e) when (e.Status is 500 or 429 or 401 && i < 3) { await Task.Delay(1000); }
                }
            }

            public static async Task<string> MiddleAsync(ChatClient chat, string q)
            {
                for (var i = 0; ; i++)
                {
                    try { ChatCompletion r = await chat.[|CompleteChatAsync|]([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e) when (e.Status is 429 or 503 or 401 && i < 3) { await Task.Delay(1000); }
                }
            }

            public static async Task<string> LastAsync(ChatClient chat, string q)
            {
                for (var i = 0; ; i++)
                {
                    try { ChatCompletion r = await chat.[|CompleteChatAsync|]([new UserChatMessage(q)]); return r.Content[0].Text; }
                    catch (ClientResultException e) when (e.Status is 429 or 401 or 502 && i < 3) { await Task.Delay(1000); }
                }
            }
        }
        """);

    [Fact]
    public Task A_server_error_type_among_three_is_a_retry_wherever_it_stands() => VerifyAsync(
        """
        public sealed class Writer(AnthropicClient claude)
        {
            public async Task<Message> FirstAsync(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicApiException e) when (e is Anthropic5xxException or AnthropicOverloadedException or AnthropicRateLimitException && i < 4) { await Task.Delay(2000); }
                }
            }

            public async Task<Message> MiddleAsync(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicApiException e) when (e is AnthropicOverloadedException or Anthropic5xxException or AnthropicRateLimitException && i < 4) { await Task.Delay(2000); }
                }
            }

            public async Task<Message> LastAsync(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicApiException e) when (e is AnthropicOverloadedException or AnthropicRateLimitException or Anthropic5xxException && i < 4) { await Task.Delay(2000); }
                }
            }
        }
        """);

    [Fact]
    public Task Three_connect_failures_are_not_a_retry() => VerifyAsync(
        """
        sealed class Ollama(HttpClient http)
        {
            public async Task<string> ConnectOnlyAsync(object body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var response = await http.PostAsJsonAsync("http://localhost:11434/api/generate", body);
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (Exception e) when (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } && attempt < 3)
                    {
                        await Task.Delay(500);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_failure_after_sending_among_three_is_a_retry_wherever_it_stands() => VerifyAsync(
        """
        sealed class Ollama(HttpClient http)
        {
            public async Task<string> FirstAsync(object body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var response = await http.[|PostAsJsonAsync|]("http://localhost:11434/api/generate", body);
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (Exception e) when (e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } && attempt < 3)
                    {
                        await Task.Delay(500);
                    }
                }
            }

            public async Task<string> MiddleAsync(object body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var response = await http.[|PostAsJsonAsync|]("http://localhost:11434/api/generate", body);
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (Exception e) when (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded or HttpRequestError.NameResolutionError } && attempt < 3)
                    {
                        await Task.Delay(500);
                    }
                }
            }

            public async Task<string> LastAsync(object body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var response = await http.[|PostAsJsonAsync|]("http://localhost:11434/api/generate", body);
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (Exception e) when (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ResponseEnded } && attempt < 3)
                    {
                        await Task.Delay(500);
                    }
                }
            }
        }
        """);
}
