using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A loop that sends the request through a method of its own object (<c>return await ExecuteAsync();</c>, which copies
/// the <c>_messages</c> field into the request) and whose catch calls another method of the same object that replaces or
/// appends to that field (<c>await RewritePromptAsync();</c> after a content-filter refusal) sends a different request
/// on the next pass: a reformulation, as when the catch writes the field itself. A method of the object that writes a
/// member the request does not read, or only reads the request's members, leaves the loop a retry.
/// </summary>
public class OwnMethodStateChangeTests
{
    private const string Id = "AIL0001";

    private const string LocalUsings = Usings + """
        using System.Linq;
        using System.Net.Http;
        using ChatMessage = OpenAI.Chat.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, LocalUsings + source, expected);

    /// <summary>The same object, its members and the send; <c>{0}</c> is the catch's body before <c>continue</c>.</summary>
    private static string Builder(string catchBody, string members = "") => $$"""
        public class Builder(ChatClient chat)
        {
            private List<ChatMessage> _messages = [new UserChatMessage("Summarize the ticket.")];
            private int _failures;

            public async Task<string> RunAsync()
            {
                for (var retry = 1; retry <= 3; retry++)
                {
                    try
                    {
                        return await {|#0:ExecuteAsync|}();
                    }
                    catch (ClientResultException ce) when (ce.Status == 400 && retry < 3)
                    {
                        {{catchBody}}
                        continue;
                    }
                }

                throw new InvalidOperationException("still filtered");
            }

            private async Task RewritePromptAsync()
            {
                ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage("Sanitize this prompt")]);
                _messages = [new UserChatMessage(c.Content[0].Text)];
            }

            private void AddHint() => _messages.Add(new SystemChatMessage("Avoid the filtered topic."));

            private void ResetTo(string text) => Replace([new UserChatMessage(text)]);

            private void Replace(List<ChatMessage> messages) => _messages = messages;

            private void RecordFailure() => _failures++;

            private void Report() => Console.WriteLine(_messages.Count);

            private async Task<string> ExecuteAsync()
            {
                var messages = new List<ChatMessage>(_messages);
                ChatCompletion c = await chat.CompleteChatAsync(messages);
                return c.Content[0].Text;
            }
            {{members}}
        }
        """;

    [Theory]
    [InlineData("await RewritePromptAsync();")]
    [InlineData("AddHint();")]
    [InlineData("this.AddHint();")]
    [InlineData("ResetTo(\"Summarize the ticket politely.\");")]
    public Task A_method_of_the_object_that_changes_the_field_the_request_reads_is_not_a_retry(string catchBody) =>
        VerifyAsync(Builder(catchBody));

    [Fact]
    public Task The_same_write_inline_in_the_catch_stays_quiet() =>
        VerifyAsync(Builder("_messages = [new UserChatMessage(\"sanitized\")];"));

    [Theory]
    [InlineData("RecordFailure();")]
    [InlineData("Report();")]
    [InlineData("await Task.Delay(100);")]
    public Task A_method_that_writes_something_else_or_only_reads_leaves_it_a_retry(string catchBody) =>
        VerifyAsync(Builder(catchBody), Diagnostic(Id).WithLocation(0).WithArguments("ExecuteAsync", "for loop"));

    /// <summary>Another object's method changes that object's field, not this one's: still the same request.</summary>
    [Fact]
    public Task A_method_of_another_object_leaves_it_a_retry() => VerifyAsync(
        Builder("_other.AddHint();", "private readonly Builder _other = new(null!);"),
        Diagnostic(Id).WithLocation(0).WithArguments("ExecuteAsync", "for loop"));

    [Fact]
    public Task Half_typed_method_calls_in_the_catch_do_not_crash() => VerifyAsync(
        Builder("{|CS0103:Rewrite|}(); _ = {|CS0103:missing|};"),
        Diagnostic(Id).WithLocation(0).WithArguments("ExecuteAsync", "for loop"));
}
