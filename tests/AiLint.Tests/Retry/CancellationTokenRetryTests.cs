using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A cancellation token is never part of a request: an attempt that passes a fresh per-attempt timeout token,
/// <c>CancellationToken.None</c> instead of the caller's token, or a token carried in OpenAI's <c>RequestOptions</c>,
/// sends the same request again and is a retry. A token change beside a real change of the request (a shortened
/// history) does not hide that change.
/// </summary>
public class CancellationTokenRetryTests
{
    private const string Id = "AIL0001";

    private const string LocalUsings = Usings + """
        using System.Linq;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, LocalUsings + source, expected);

    /// <summary>A loop sending <c>history</c> with <c>{0}</c> as its token; <c>{1}</c> is the catch's body.</summary>
    private static string OnHistory(string token, string catchBody) => $$"""
        public sealed class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(List<ChatMessage> history, CancellationToken ct)
            {
                var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var token = ct;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return (await chat.{|#0:GetResponseAsync|}(history, cancellationToken: {{token}})).Text;
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        {{catchBody}}
                    }
                }

                return "";
            }
        }
        """;

    [Theory]
    [InlineData("cts.Token", "cts.Dispose(); cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));")]
    [InlineData("cts.Token", "cts = CancellationTokenSource.CreateLinkedTokenSource(ct);")]
    [InlineData("token", "token = CancellationToken.None;")]
    [InlineData("attempt == 0 ? ct : CancellationToken.None", "await Task.Delay(100);")]
    [InlineData("CancellationToken.None", "await Task.Delay(100);")]
    [InlineData("default", "await Task.Delay(100);")]
    public Task A_new_or_different_token_each_attempt_is_still_a_retry(string token, string catchBody) =>
        VerifyAsync(OnHistory(token, catchBody), Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "for loop"));

    [Theory]
    [InlineData("cts.Token", "cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)); history.RemoveAt(1);")]
    [InlineData("token", "token = CancellationToken.None; history = [.. history.Skip(2)];")]
    public Task A_token_change_beside_a_change_of_the_history_is_not_a_retry(string token, string catchBody) =>
        VerifyAsync(OnHistory(token, catchBody));

    /// <summary>OpenAI's protocol overload, whose token travels in <c>RequestOptions</c>; <c>{0}</c> is the catch's body.</summary>
    private static string Protocol(string catchBody) => $$"""
        public sealed class Asker(ChatClient chat)
        {
            public async Task<string> AskAsync(string body)
            {
                var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                using var content = BinaryContent.Create(BinaryData.FromString(body));
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var options = new RequestOptions { CancellationToken = cts.Token };
                    try
                    {
                        ClientResult result = await chat.{|#0:CompleteChatAsync|}(content, options);
                        return result.GetRawResponse().Content.ToString();
                    }
                    catch (OperationCanceledException)
                    {
                        {{catchBody}}
                    }
                }

                return "";
            }
        }
        """;

    [Theory]
    [InlineData("cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));")]
    [InlineData("cts.Dispose(); cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));")]
    public Task A_new_token_in_request_options_is_still_a_retry(string catchBody) =>
        VerifyAsync(Protocol(catchBody), Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "for loop"));

    [Fact]
    public Task Half_typed_token_code_does_not_crash() => VerifyAsync(
        OnHistory("cts.Token", "cts = new {|CS0246:CancelSource|}(); token = {|CS0103:missing|};"),
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "for loop"));
}
