using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Shapes from a review of realistic apps: a resilient HttpClient that only ever serves embeddings (not AIL0001's
/// bug), and a retried stream that the retried code collects into a string before anyone sees it (a generation,
/// AIL0001, not a stream the user watched, AIL0002).
/// </summary>
public class ReviewedAppShapeTests
{
    private const string HttpUsings = Usings + """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI.Embeddings;

        """;

    private static Task VerifyHttpAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", HttpUsings + source, expected);

    // ---- A resilient HttpClient behind an OpenAI transport ---------------------------------------------------------

    [Fact]
    public Task Typed_client_whose_OpenAI_client_only_hands_out_an_embedding_client_is_not_reported() => VerifyHttpAsync(
        """
        public sealed class EmbeddingGateway(HttpClient http)
        {
            private readonly EmbeddingClient embeddings = new OpenAIClient(new ApiKeyCredential("k"),
                new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) }).GetEmbeddingClient("text-embedding-3-small");

            public async Task<ReadOnlyMemory<float>> EmbedAsync(string text) => (await embeddings.GenerateEmbeddingAsync(text)).Value.ToFloats();
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHttpClient<EmbeddingGateway>().AddStandardResilienceHandler();
        }
        """);

    [Fact]
    public Task Typed_client_whose_OpenAI_client_field_only_serves_embeddings_and_images_is_not_reported() => VerifyHttpAsync(
        """
        public sealed class MediaGateway(HttpClient http)
        {
            private readonly OpenAIClient client = new(new ApiKeyCredential("k"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });

            public EmbeddingClient Embeddings => client.GetEmbeddingClient("text-embedding-3-small");
            public OpenAI.Images.ImageClient Images => client.GetImageClient("dall-e-3");
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHttpClient<MediaGateway>().AddStandardResilienceHandler();
        }
        """);

    [Fact]
    public Task Typed_client_whose_OpenAI_client_field_also_serves_chat_is_reported() => VerifyHttpAsync(
        """
        public sealed class Gateway(HttpClient http)
        {
            private readonly OpenAIClient client = new(new ApiKeyCredential("k"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });

            public EmbeddingClient Embeddings => client.GetEmbeddingClient("text-embedding-3-small");
            public ChatClient Chat => client.GetChatClient("gpt-4o");
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHttpClient<Gateway>().{|#0:AddStandardResilienceHandler|}();
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("Gateway", "AddStandardResilienceHandler"));

    [Fact]
    public Task Typed_client_whose_OpenAI_client_is_handed_on_is_reported() => VerifyHttpAsync(
        """
        public sealed class Gateway(HttpClient http)
        {
            public OpenAIClient Client { get; } = new(new ApiKeyCredential("k"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHttpClient<Gateway>().{|#0:AddStandardResilienceHandler|}();
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("Gateway", "AddStandardResilienceHandler"));

    [Fact]
    public Task Named_client_whose_local_OpenAI_client_only_serves_embeddings_is_not_reported() => VerifyHttpAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient("openai").AddStandardResilienceHandler();
                services.AddSingleton(sp =>
                {
                    var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("openai");
                    var client = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });
                    return client.GetEmbeddingClient("text-embedding-3-small");
                });
            }
        }
        """);

    // ---- A retried stream collected in the retried code ------------------------------------------------------------

    [Fact]
    public Task Stream_appended_to_a_StringBuilder_inside_the_retry_is_a_generation() => RetryTestSupport.VerifyAsync("AIL0001",
        Usings + """
        using System.Text;
        class Planner(IChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task<string> PlanAsync(string prompt, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async t =>
                {
                    var sb = new StringBuilder();
                    await foreach (var u in chat.{|#0:GetStreamingResponseAsync|}(prompt, cancellationToken: t))
                    {
                        if (!string.IsNullOrEmpty(u.Text)) sb.Append(u.Text);
                    }

                    return sb.ToString();
                }, ct);
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Stream_concatenated_into_a_local_string_and_list_is_AIL0001_not_AIL0002() => RetryTestSupport.VerifyAsync("AIL0002",
        Usings + """
        class Planner(IChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task<string> PlanAsync(string prompt, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async t =>
                {
                    var text = "";
                    var updates = new List<ChatResponseUpdate>();
                    await foreach (var u in chat.{|#0:GetStreamingResponseAsync|}(prompt, cancellationToken: t))
                    {
                        text += u.Text;
                        updates.Add(u);
                    }

                    return text;
                }, ct);
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    // A counter beside the accumulation (an increment, not an assignment) neither shows the stream nor breaks the reading.
    [Fact]
    public Task Stream_appended_with_a_chunk_counter_is_a_generation() => RetryTestSupport.VerifyAsync("AIL0001",
        Usings + """
        using System.Text;
        class Planner(IChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task<string> PlanAsync(string prompt, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async t =>
                {
                    var sb = new StringBuilder();
                    var chunks = 0;
                    await foreach (var u in chat.{|#0:GetStreamingResponseAsync|}(prompt, cancellationToken: t)) { chunks++; sb.Append(u.Text); }
                    return sb.ToString();
                }, ct);
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Stream_written_out_while_it_runs_stays_AIL0002() => RetryTestSupport.VerifyAsync("AIL0002",
        Usings + """
        using System.Text;
        class Planner(IChatClient chat, ResiliencePipeline pipeline, Func<string, Task> send)
        {
            private string status = "";

            public async Task<string> ConsoleAsync(string prompt, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async t =>
                {
                    var sb = new StringBuilder();
                    await foreach (var u in chat.{|#0:GetStreamingResponseAsync|}(prompt, cancellationToken: t)) { sb.Append(u.Text); Console.Write(u.Text); }
                    return sb.ToString();
                }, ct);

            public async Task<string> PushAsync(string prompt, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async t =>
                {
                    var sb = new StringBuilder();
                    await foreach (var u in chat.{|#1:GetStreamingResponseAsync|}(prompt, cancellationToken: t)) { sb.Append(u.Text); await send(u.Text); }
                    return sb.ToString();
                }, ct);

            public async Task FieldAsync(string prompt, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async t =>
                {
                    await foreach (var u in chat.{|#2:GetStreamingResponseAsync|}(prompt, cancellationToken: t)) { status += u.Text; }
                }, ct);

            public async Task DiscardedAsync(string prompt, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async t =>
                {
                    await foreach (var u in chat.{|#3:GetStreamingResponseAsync|}(prompt, cancellationToken: t)) { }
                }, ct);
        }
        """,
        Diagnostic("AIL0002").WithLocation(0).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic("AIL0002").WithLocation(1).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic("AIL0002").WithLocation(2).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic("AIL0002").WithLocation(3).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Half_typed_stream_loop_does_not_crash() => RetryTestSupport.VerifyAsync("AIL0002",
        Usings + """
        class Planner(IChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task M(string prompt) =>
                await pipeline.ExecuteAsync(async t =>
                {
                    await foreach (var u in chat.GetStreamingResponseAsync(prompt, cancellationToken: t)) { {|CS0103:sb|}.Append(u.Text); }
                });
        }
        """);
}
