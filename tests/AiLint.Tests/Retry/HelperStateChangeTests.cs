using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A loop whose catch shortens or extends the conversation through code of the project, not inline: a method called on
/// the conversation object the request reads (<c>conv.TrimOldest()</c> whose body is <c>Messages.RemoveAt(1)</c>), or a
/// local function that captures the history (<c>void Trim() =&gt; history.RemoveRange(1, 2);</c>). The next pass sends a
/// different request (a reformulation), as when the catch removes the message itself. A method of the object that writes
/// a member the request does not read, one that only reads, or the same method on another conversation leaves the loop
/// a retry.
/// </summary>
public class HelperStateChangeTests
{
    private const string Id = "AIL0001";

    private const string LocalUsings = Usings + """
        using System.Linq;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, LocalUsings + source, expected);

    private const string Conversation = """
        public sealed class Conversation
        {
            private int _failures;

            public List<ChatMessage> Messages { get; } = [];

            public string Title { get; set; } = "";

            public void TrimOldest() => Messages.RemoveAt(1);

            public void AddNote() => Messages.Add(new ChatMessage(ChatRole.User, "Shorter please."));

            public void Shorten() { Drop(); }

            private void Drop() { Messages.Clear(); }

            public void RecordFailure() => _failures++;

            public void Rename(string title) => Title = title;

            public int Count() => Messages.Count;
        }

        public sealed class ContextTooLongException : Exception { }

        """;

    /// <summary>A loop sending <c>conv.Messages</c>; <c>{0}</c> is the catch's body.</summary>
    private static string OnConversation(string catchBody) => Conversation + $$"""
        public sealed class Asker(IChatClient chat)
        {
            private readonly Conversation _other = new();

            public async Task<string> AskAsync(Conversation conv)
            {
                while (true)
                {
                    try
                    {
                        return (await chat.{|#0:GetResponseAsync|}(conv.Messages)).Text;
                    }
                    catch (ContextTooLongException) when (conv.Messages.Count > 2)
                    {
                        {{catchBody}}
                    }
                }
            }
        }
        """;

    [Theory]
    [InlineData("conv.TrimOldest();")]
    [InlineData("conv.AddNote();")]
    [InlineData("conv.Shorten();")]
    [InlineData("conv.Messages.RemoveAt(1);")]
    public Task A_method_called_on_the_conversation_that_changes_its_messages_is_not_a_retry(string catchBody) =>
        VerifyAsync(OnConversation(catchBody));

    [Theory]
    [InlineData("conv.RecordFailure();")]
    [InlineData("conv.Rename(\"retried\");")]
    [InlineData("_ = conv.Count();")]
    [InlineData("_other.TrimOldest();")]
    [InlineData("await Task.Delay(100);")]
    [InlineData("Console.WriteLine(conv.Messages.Count);")]
    public Task A_method_that_changes_something_else_or_only_reads_leaves_it_a_retry(string catchBody) =>
        VerifyAsync(OnConversation(catchBody), Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "while loop"));

    /// <summary>A loop sending <c>history</c>; <c>{0}</c> declares local functions, <c>{1}</c> is the catch's body.</summary>
    private static string WithLocalFunction(string functions, string catchBody) => $$"""
        public sealed class ContextTooLongException : Exception { }

        public sealed class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(List<ChatMessage> history)
            {
                var failures = 0;
                {{functions}}
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
    [InlineData("void Trim() => history.RemoveRange(1, 2);", "Trim();")]
    [InlineData("void Trim() { history.RemoveAt(1); }", "Trim();")]
    [InlineData("void Trim() => Shrink(history); static void Shrink(List<ChatMessage> h) => h.RemoveAt(1);", "Trim();")]
    [InlineData("void Trim() => Replace(); void Replace() => history = [.. history.Skip(2)];", "Trim();")]
    public Task A_local_function_that_changes_the_captured_history_is_not_a_retry(string functions, string catchBody) =>
        VerifyAsync(WithLocalFunction(functions, catchBody));

    [Theory]
    [InlineData("void Count() => failures++;", "Count();")]
    [InlineData("void Log() => Console.WriteLine(history.Count);", "Log();")]
    [InlineData("void Trim(List<ChatMessage> h) => h.Clear();", "Trim(new List<ChatMessage>());")]
    public Task A_local_function_that_changes_something_else_or_only_reads_leaves_it_a_retry(string functions, string catchBody) =>
        VerifyAsync(WithLocalFunction(functions, catchBody), Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "while loop"));

    [Fact]
    public Task Half_typed_helpers_in_the_catch_do_not_crash() => VerifyAsync(
        WithLocalFunction("void Trim() => history.{|CS1061:Shorten|}();", "Trim(); {|CS0103:Missing|}(); new Conversation().{|CS1061:Drop|}();")
            + "\npublic sealed class Conversation { }",
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "while loop"));
}
