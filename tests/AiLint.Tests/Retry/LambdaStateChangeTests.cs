using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A loop whose catch shortens or rewrites the request through a lambda rather than inline or through a local function:
/// a delegate local called in the catch (<c>Action trim = () =&gt; history.RemoveAt(1); ... trim();</c>, <c>Func&lt;Task&gt;
/// shrink = async () =&gt; { prompt = Shorten(prompt); }; ... await shrink();</c>), or a lambda handed to a method of the
/// conversation (<c>history.ForEach(m =&gt; m.Contents.Clear())</c>, <c>history.RemoveAll(m =&gt; m.Role ==
/// ChatRole.Tool)</c>). The next pass sends a different request: a reformulation, not a retry. A lambda that changes
/// something else, only reads, or is never called in the loop leaves the loop a retry.
/// </summary>
public class LambdaStateChangeTests
{
    private const string Id = "AIL0001";

    private const string LocalUsings = Usings + """
        using System.Linq;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, LocalUsings + source, expected);

    /// <summary>A loop sending <c>history</c>; <c>{0}</c> declares delegates before the loop, <c>{1}</c> is the catch's body.</summary>
    private static string OnHistory(string delegates, string catchBody) => $$"""
        public sealed class ContextTooLongException : Exception { }

        public sealed class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(List<ChatMessage> history)
            {
                var failures = 0;
                var copy = history.ToList();
                {{delegates}}
                while (true)
                {
                    try
                    {
                        return (await chat.{|#0:GetResponseAsync|}(history)).Text;
                    }
                    catch (ContextTooLongException) when (history.Count > 3)
                    {
                        {{catchBody}}
                    }
                }
            }
        }
        """;

    [Theory]
    [InlineData("Action trim = () => history.RemoveAt(1);", "trim();")]
    [InlineData("Action trim = () => { history.RemoveRange(1, 2); };", "trim();")]
    [InlineData("var trim = () => history.RemoveAt(1);", "trim();")]
    [InlineData("Action trim = () => history.RemoveAt(1);", "trim.Invoke();")]
    [InlineData("Action? trim = () => history.RemoveAt(1);", "trim?.Invoke();")]
    [InlineData("Action trim = () => history.RemoveAll(m => m.Role == ChatRole.Tool);", "trim();")]
    [InlineData("Func<Task> shrink = async () => { history = [.. history.Skip(2)]; await Task.Yield(); };", "await shrink();")]
    [InlineData("Action<List<ChatMessage>> trim = h => h.RemoveAt(1);", "trim(history);")]
    [InlineData("Action trim = null!; trim = () => history.Clear();", "trim();")]
    [InlineData("void Drop() => history.RemoveAt(1); Action trim = Drop;", "trim();")]
    [InlineData("", "Action trim = () => history.RemoveAt(1); trim();")]
    public Task A_delegate_that_changes_the_captured_history_is_not_a_retry(string delegates, string catchBody) =>
        VerifyAsync(OnHistory(delegates, catchBody));

    [Theory]
    [InlineData("history.RemoveAll(m => m.Role == ChatRole.Tool);")]
    [InlineData("history.ForEach(m => m.Contents.Clear());")]
    [InlineData("history.ForEach(m => m.AuthorName = null);")]
    [InlineData("copy.ForEach(m => history.Remove(m));")]
    public Task A_lambda_handed_to_a_method_that_changes_the_history_is_not_a_retry(string catchBody) =>
        VerifyAsync(OnHistory("", catchBody));

    [Theory]
    [InlineData("Action count = () => failures++;", "count();")]
    [InlineData("Action log = () => Console.WriteLine(history.Count);", "log();")]
    [InlineData("Func<Task> wait = () => Task.Delay(100);", "await wait();")]
    [InlineData("Action<List<ChatMessage>> clear = h => h.Clear();", "clear(new List<ChatMessage>());")]
    [InlineData("Action trim = () => copy.RemoveAt(1);", "trim();")]
    [InlineData("Action trim = () => history.RemoveAt(1);", "await Task.Delay(100);")]
    [InlineData("", "history.ForEach(m => Console.WriteLine(m.Text));")]
    [InlineData("", "_ = history.Count(m => m.Role == ChatRole.Tool);")]
    public Task A_delegate_that_changes_something_else_only_reads_or_is_not_called_leaves_it_a_retry(string delegates, string catchBody) =>
        VerifyAsync(OnHistory(delegates, catchBody), Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "while loop"));

    /// <summary>A loop sending a <c>prompt</c> string that a lambda shortens.</summary>
    private static string OnPrompt(string catchBody) => $$"""
        public sealed class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(string prompt)
            {
                Func<Task> shrink = async () => { prompt = Shorten(prompt); await Task.Yield(); };
                Func<Task> pause = async () => { await Task.Delay(100); };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return (await chat.{|#0:GetResponseAsync|}(prompt)).Text;
                    }
                    catch (InvalidOperationException)
                    {
                        {{catchBody}}
                    }
                }

                return "";
            }

            private static string Shorten(string p) => p[..(p.Length / 2)];
        }
        """;

    [Fact]
    public Task An_async_lambda_that_shortens_the_prompt_is_not_a_retry() => VerifyAsync(OnPrompt("await shrink();"));

    [Fact]
    public Task An_async_lambda_that_only_waits_leaves_it_a_retry() => VerifyAsync(
        OnPrompt("await pause();"),
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "for loop"));

    /// <summary>A streaming loop (AIL0002's) is read the same way; <c>{0}</c> is the catch's body.</summary>
    private static string Streaming(string catchBody) => $$"""
        public sealed class ContextTooLongException : Exception { }

        public sealed class Streamer(IChatClient chat)
        {
            public async Task StreamAsync(List<ChatMessage> history)
            {
                Action trim = () => history.RemoveAt(1);
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await foreach (var update in chat.{|#0:GetStreamingResponseAsync|}(history)) { Console.Write(update.Text); }
                        return;
                    }
                    catch (ContextTooLongException)
                    {
                        {{catchBody}}
                    }
                }
            }
        }
        """;

    [Fact]
    public Task A_streaming_loop_whose_catch_trims_through_a_lambda_is_not_a_retry() => VerifyAsync(Streaming("trim();"));

    [Fact]
    public Task A_streaming_loop_whose_catch_only_waits_is_AIL0002() => VerifyAsync(
        Streaming("await Task.Delay(100);"),
        Diagnostic("AIL0002").WithLocation(0).WithArguments("GetStreamingResponseAsync", "for loop"));

    [Fact]
    public Task Half_typed_lambdas_in_the_catch_do_not_crash() => VerifyAsync(
        OnHistory(
            "Action trim = () => history.{|CS1061:Shorten|}(); Action other = {|CS0103:Missing|};",
            "trim(); other(); {|CS0103:undeclared|}(); history.ForEach(m => m.{|CS1061:Drop|}());"),
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "while loop"));
}
