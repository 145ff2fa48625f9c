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

    // Two more forms from a reviewer's app: the only `continue` sits under the error code of a refused request and the
    // body ends by throwing; and a do/while whose condition holds only for a 429.
    [Fact]
    public Task Continue_under_the_rate_limit_code_and_a_429_loop_condition_are_not_retries() => VerifyAsync(
        """
        class Assistant(IOpenAIService svc)
        {
            public async Task<string> CodeAsync(ChatCompletionCreateRequest req)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var r = await svc.ChatCompletion.CreateCompletion(req);
                    if (r.Successful) return r.Choices[0].Message.Content!;
                    if (r.Error?.Code == "rate_limit_exceeded")
                    {
                        await Task.Delay(10_000);
                        continue;
                    }

                    throw new InvalidOperationException(r.Error?.Message);
                }

                throw new TimeoutException("Still rate limited.");
            }

            public async Task<ChatCompletionCreateResponse> ConditionAsync(ChatCompletionCreateRequest req)
            {
                var tries = 0;
                ChatCompletionCreateResponse r;
                do
                {
                    if (tries > 0) await Task.Delay(5000);
                    r = await svc.ChatCompletion.CreateCompletion(req);
                } while (!r.Successful && r.HttpStatusCode == HttpStatusCode.TooManyRequests && ++tries < 5);

                return r;
            }
        }
        """);

    // Twins: a `continue` under another test, and a loop condition that goes round on any failure, are retries.
    [Fact]
    public Task Continue_under_another_code_and_a_failure_loop_condition_are_retries() => VerifyAsync(
        """
        class Assistant(IOpenAIService svc)
        {
            public async Task<string> CodeAsync(ChatCompletionCreateRequest req)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var r = await svc.ChatCompletion.[|CreateCompletion|](req);
                    if (r.Successful) return r.Choices[0].Message.Content!;
                    if (r.Error?.Code == "server_error")
                    {
                        await Task.Delay(10_000);
                        continue;
                    }

                    throw new InvalidOperationException(r.Error?.Message);
                }

                throw new TimeoutException("Still failing.");
            }

            public async Task<ChatCompletionCreateResponse> ConditionAsync(ChatCompletionCreateRequest req)
            {
                var tries = 0;
                ChatCompletionCreateResponse r;
                do
                {
                    if (tries > 0) await Task.Delay(5000);
                    r = await svc.ChatCompletion.[|CreateCompletion|](req);
                } while (!r.Successful && ++tries < 5);

                return r;
            }
        }
        """);
}
