using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0003 and injected SDK clients: a client that arrives through a constructor parameter or DI is not judged, even
/// when a registration in the same compilation shows default options (decision documented in AIL0003.md).
/// </summary>
public class InjectedSdkClientTests
{
    [Fact]
    public Task Injected_client_is_not_reported_even_with_a_default_registration_in_the_compilation() => RetryTestSupport.VerifyAsync(
        "AIL0003",
        Usings + """
        using Microsoft.Extensions.DependencyInjection;

        public static class Registration
        {
            // Default options (3 retries), but AiLint does not tie this registration to the constructor parameter below:
            // keyed or later registrations, decorators and test hosts can replace it.
            public static void Add(IServiceCollection services, string apiKey) =>
                services.AddSingleton(new ChatClient("gpt-4o", apiKey));
        }

        public sealed class Assistant(ChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task<string> AskAsync(string q)
            {
                var result = await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));
                return result.Value.Content[0].Text;
            }
        }
        """);

    [Fact]
    public Task Client_built_in_the_same_class_is_still_reported() => RetryTestSupport.VerifyAsync(
        "AIL0003",
        Usings + """
        public sealed class Assistant(ResiliencePipeline pipeline)
        {
            private readonly ChatClient chat = new("gpt-4o", "key");

            public async Task<string> AskAsync(string q)
            {
                var result = await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:[|CompleteChatAsync|]|}([new UserChatMessage(q)], cancellationToken: ct));
                return result.Value.Content[0].Text;
            }
        }
        """);
}
