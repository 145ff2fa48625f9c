using AiLint.Tests.Verifiers;
using static AiLint.Tests.Sdks.SdkTest;

namespace AiLint.Tests.Retry;

/// <summary>
/// Betalgo answers a refused request with a result (<c>Successful == false</c>, <c>HttpStatusCode</c>) instead of an
/// exception: a result loop that goes round only on a 429 is a rate-limit wait, not a retry. Real Betalgo assemblies.
/// </summary>
public class BetalgoRateLimitLoopTests
{
    private const string Usings = """
        using System;
        using System.Net;
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;

        """;

    private static Task VerifyAsync(string source) => RetryAsync(OlderSdkReferences.Betalgo, "AIL0001", Usings + source);

    [Fact]
    public Task A_result_loop_that_goes_round_only_on_429_is_not_a_retry() => VerifyAsync(
        """
        class Assistant(IOpenAIService svc)
        {
            public async Task<ChatCompletionCreateResponse?> AskAsync(ChatCompletionCreateRequest req)
            {
                for (var i = 0; i < 5; i++)
                {
                    var r = await svc.ChatCompletion.CreateCompletion(req);
                    if (r.Successful) return r;
                    if (r.HttpStatusCode != HttpStatusCode.TooManyRequests) break;
                    await Task.Delay(TimeSpan.FromSeconds(i + 1));
                }

                return null;
            }

            public async Task<ChatCompletionCreateResponse?> ThrowsAsync(ChatCompletionCreateRequest req)
            {
                while (true)
                {
                    var r = await svc.ChatCompletion.CreateCompletion(req);
                    if (r.Successful) return r;
                    if (r.HttpStatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized))
                    {
                        throw new InvalidOperationException(r.Error?.Message);
                    }

                    await Task.Delay(2000);
                }
            }
        }
        """);

    [Fact]
    public Task A_result_loop_that_also_goes_round_on_other_failures_is_a_retry() => VerifyAsync(
        """
        class Assistant(IOpenAIService svc)
        {
            public async Task<ChatCompletionCreateResponse?> AskAsync(ChatCompletionCreateRequest req)
            {
                for (var i = 0; i < 5; i++)
                {
                    var r = await svc.ChatCompletion.[|CreateCompletion|](req);
                    if (r.Successful) return r;
                    if (r.HttpStatusCode == HttpStatusCode.BadRequest) break;
                    await Task.Delay(TimeSpan.FromSeconds(i + 1));
                }

                return null;
            }

            // A way round before the guard: a rejected answer of any kind goes round.
            public async Task<ChatCompletionCreateResponse?> EarlyContinueAsync(ChatCompletionCreateRequest req)
            {
                for (var i = 0; i < 5; i++)
                {
                    var r = await svc.ChatCompletion.[|CreateCompletion|](req);
                    if (r.Successful) return r;
                    if (r.Error?.Code == "server_error") { await Task.Delay(500); continue; }
                    if (r.HttpStatusCode != HttpStatusCode.TooManyRequests) break;
                    await Task.Delay(TimeSpan.FromSeconds(i + 1));
                }

                return null;
            }
        }
        """);
}
