using Microsoft.Extensions.AI;

namespace Shared;

public interface IRetryService
{
    Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct = default);
}

public sealed class RetryService : IRetryService
{
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await action(ct); }
            catch (HttpRequestException) when (attempt < 3) { await Task.Delay(200 * attempt, ct); }
        }
    }
}

public sealed class ChatService(IChatClient chat)
{
    public async Task<string> AskAsync(string question, CancellationToken ct = default) =>
        (await chat.GetResponseAsync(question, cancellationToken: ct)).Text;
}
