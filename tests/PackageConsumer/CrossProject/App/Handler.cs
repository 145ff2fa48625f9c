using Shared;

namespace App;

public sealed class Handler(IRetryService retry, ChatService chat)
{
    // AIL0001: the shared retry service re-runs the shared wrapper's model call.
    public Task<string> AnswerAsync(string question, CancellationToken ct) =>
        retry.ExecuteAsync(token => chat.AskAsync(question, token), ct);
}
