using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0003 through the project's own service (review 66, policy-compliance-checker PolicyCheckerService): a retry
/// around <c>analyzer.AnalyzeAsync(chunk)</c> whose method (or the sole implementation of its interface) sends with an
/// SDK client the service built itself, retries on. AIL0001 reports these calls already; AIL0003 now follows the same
/// path, and judges the client the service holds exactly as it judges a client beside the retry.
/// </summary>
public class SdkRetriesThroughServiceTests
{
    private const string Id = "AIL0003";

    private const string AzureUsings = Usings + """
        using Azure;
        using Azure.AI.OpenAI;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, AzureUsings + source, expected);

    /// <summary>The repro of review 66: interface, sole implementation, client built in its constructor with default options.</summary>
    [Fact]
    public Task A_polly_retry_around_an_interface_whose_sole_implementation_builds_an_azure_client() => VerifyAsync(
        """
        public interface IAnalyzer { Task<string> AnalyzeAsync(string text); }

        public sealed class AzureAnalyzer : IAnalyzer
        {
            private readonly AzureOpenAIClient _client;
            public AzureAnalyzer(string endpoint, string key) => _client = new AzureOpenAIClient(new Uri(endpoint), new AzureKeyCredential(key));

            public async Task<string> AnalyzeAsync(string text)
            {
                var chat = _client.GetChatClient("gpt-4o");
                var response = await chat.CompleteChatAsync(new List<OpenAI.Chat.ChatMessage> { new UserChatMessage(text) });
                return response.Value.Content[0].Text;
            }
        }

        public sealed class Checker(IAnalyzer analyzer)
        {
            public async Task<string> CheckAsync(string text)
            {
                var retry = Policy<string>.Handle<Exception>().WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(60));
                return await retry.ExecuteAsync(() => analyzer.{|AIL0001:{|#0:AnalyzeAsync|}|}(text));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("AnalyzeAsync", "AsyncRetryPolicy.ExecuteAsync", "Azure OpenAI", "3 retries by default", "4 × 4 = 16 requests"));

    /// <summary>A class of the project (no interface) whose private helper sends with an OpenAI client from a field initializer.</summary>
    [Fact]
    public Task A_retry_loop_around_a_project_class_whose_helper_sends_with_a_default_openai_client() => VerifyAsync(
        """
        public sealed class Summarizer
        {
            private readonly ChatClient _chat = new OpenAIClient(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!).GetChatClient("gpt-4o-mini");

            public Task<string> SummarizeAsync(string text) => SendAsync("Summarize: " + text);

            private async Task<string> SendAsync(string prompt) => (await _chat.CompleteChatAsync(new UserChatMessage(prompt))).Value.Content[0].Text;
        }

        public sealed class Job(Summarizer summarizer)
        {
            public async Task<string> RunAsync(string text)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { return await summarizer.{|AIL0001:{|#0:SummarizeAsync|}|}(text); }
                    catch (ClientResultException) when (attempt < 3) { await Task.Delay(1000); }
                }

                throw new InvalidOperationException();
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("SummarizeAsync", "for loop", "OpenAI", "3 retries by default", "3 × 4 = 12 requests"));

    /// <summary>
    /// The correct code beside the two above, and what cannot be read: the service's retries turned off, a client
    /// injected into it, options handed in from outside, an interface with two implementations. AIL0001 stays.
    /// </summary>
    [Fact]
    public Task Services_whose_client_retries_are_off_or_not_visible_get_only_AIL0001() => VerifyAsync(
        """
        public interface IAnalyzer { Task<string> AnalyzeAsync(string text); }

        public sealed class NoRetryAnalyzer
        {
            private readonly AzureOpenAIClient _client;
            public NoRetryAnalyzer(string endpoint, string key) =>
                _client = new AzureOpenAIClient(new Uri(endpoint), new AzureKeyCredential(key), new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });

            public async Task<string> AnalyzeAsync(string text) => (await _client.GetChatClient("gpt-4o").CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;
        }

        public sealed class InjectedAnalyzer(AzureOpenAIClient client)
        {
            public async Task<string> AnalyzeAsync(string text) => (await client.GetChatClient("gpt-4o").CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;
        }

        public sealed class OptionsAnalyzer
        {
            private readonly AzureOpenAIClient _client;
            public OptionsAnalyzer(string endpoint, string key, AzureOpenAIClientOptions options) => _client = new AzureOpenAIClient(new Uri(endpoint), new AzureKeyCredential(key), options);

            public async Task<string> AnalyzeAsync(string text) => (await _client.GetChatClient("gpt-4o").CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;
        }

        public sealed class AzureAnalyzer : IAnalyzer
        {
            private readonly AzureOpenAIClient _client = new(new Uri("https://x.openai.azure.com/"), new AzureKeyCredential("k"));
            public async Task<string> AnalyzeAsync(string text) => (await _client.GetChatClient("gpt-4o").CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;
        }

        public sealed class NoRetryImplementation : IAnalyzer
        {
            private readonly ChatClient _chat = new("gpt-4o", new ApiKeyCredential("k"), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
            public async Task<string> AnalyzeAsync(string text) => (await _chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;
        }

        public sealed class Checker(NoRetryAnalyzer off, InjectedAnalyzer injected, OptionsAnalyzer configured, IAnalyzer either)
        {
            private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();

            public async Task CheckAsync(string text)
            {
                await _pipeline.ExecuteAsync(async _ => await off.{|AIL0001:AnalyzeAsync|}(text));
                await _pipeline.ExecuteAsync(async _ => await injected.{|AIL0001:AnalyzeAsync|}(text));
                await _pipeline.ExecuteAsync(async _ => await configured.{|AIL0001:AnalyzeAsync|}(text));
                await _pipeline.ExecuteAsync(async _ => await either.{|AIL0001:AnalyzeAsync|}(text));
            }
        }
        """);

    /// <summary>A service method that sends nothing itself but is not retried: no diagnostic at all.</summary>
    [Fact]
    public Task A_service_call_outside_any_retry_is_not_reported() => VerifyAsync(
        """
        public sealed class Summarizer
        {
            private readonly ChatClient _chat = new("gpt-4o-mini", new ApiKeyCredential("k"));
            public async Task<string> SummarizeAsync(string text) => (await _chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;
        }

        public sealed class Job(Summarizer summarizer)
        {
            public Task<string> RunAsync(string text) => summarizer.SummarizeAsync(text);
        }
        """);
}
