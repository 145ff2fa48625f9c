using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Parameter defaults that look like model ids but that no model slot receives for certain: AIL0501-AIL0503 stay
/// silent. Each shape sits next to the reported one in real wrappers (logging, pricing tables, configuration
/// fallbacks, Azure deployments).
/// </summary>
public class ParameterDefaultFalsePositiveTests
{
    [Fact]
    public Task Default_read_only_by_logging_a_dictionary_a_pricing_lookup_and_comparisons_is_not_reported() =>
        VerifyAsync("""
            using System;
            using System.Collections.Generic;
            class Usage
            {
                private readonly Dictionary<string, int> calls = new();

                public decimal Record(int tokens, string model = "gpt-4")
                {
                    Console.WriteLine($"model {model}: {tokens} tokens");
                    calls[model] = calls.TryGetValue(model, out var n) ? n + 1 : 1;
                    if (model == "gpt-4" || string.Equals(model, "gpt-3.5-turbo", StringComparison.Ordinal))
                    {
                        return Price(model) * tokens;
                    }

                    return 0m;
                }

                private static decimal Price(string model) => model.Length;
            }
            """);

    [Fact]
    public Task Azure_deployment_name_default_reaching_GetChatClient_is_not_reported() =>
        VerifyAsync("""
            using System;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;
            class AzureChat
            {
                private readonly AzureOpenAIClient client = new AzureOpenAIClient(new Uri("https://x.openai.azure.com"), new System.ClientModel.ApiKeyCredential("k"));

                public ChatClient Create(string deployment = "gpt-35-turbo") => client.GetChatClient(deployment);

                public ChatClient CreateNamed(string deploymentName = "gpt-4") => client.GetChatClient(deploymentName: deploymentName);
            }
            """);

    [Fact]
    public Task Default_replaced_by_configuration_before_the_slot_is_not_reported() =>
        VerifyAsync("""
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;
            class Configured
            {
                public ChatClient Coalesce(IConfiguration config, string key, string model = "gpt-3.5-turbo")
                {
                    model = config["Model"] ?? model;
                    return new ChatClient(model, key);
                }

                public ChatClient CoalesceAssign(IConfiguration config, string key, string? model = "gpt-3.5-turbo")
                {
                    model ??= config["Model"];
                    return new ChatClient(model, key);
                }

            }
            """);

    // Decided: a fallback written at the slot is checked branch by branch (`config["Model"] ?? "gpt-4o"` is reported on
    // the literal), so a parameter default as that fallback is the id sent whenever the key is missing, and is reported.
    // A local that holds the fallback and is never written again (`var chosen = config["Model"] ?? model;`) holds the
    // same value at the slot, so it is followed the same way.
    [Fact]
    public Task Default_as_the_fallback_written_at_the_slot_is_reported_like_a_literal_fallback() =>
        VerifyAsync("""
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;
            class Configured
            {
                public ChatClient Inline(IConfiguration config, string key, string model = {|#0:"gpt-3.5-turbo"|}) =>
                    new ChatClient(config["Model"] ?? model, key);

                public ChatClient Local(IConfiguration config, string key, string model = {|#1:"gpt-3.5-turbo"|})
                {
                    var chosen = config["Model"] ?? model;
                    return new ChatClient(chosen, key);
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    [Fact]
    public Task Generic_caller_info_and_non_string_defaults_are_not_reported() =>
        VerifyAsync("""
            using System.Runtime.CompilerServices;
            using OpenAI.Chat;
            class Odd
            {
                public ChatClient Caller(string key, [CallerMemberName] string model = "gpt-4o") => new ChatClient(model, key);

                public T Echo<T>(T model = default!) => model;

                public ChatClient Nullable(string key, string? model = null) => new ChatClient(model ?? "x", key);

                public ChatClient Empty(string key, string model = "") => new ChatClient(model, key);
            }
            """);

    [Fact]
    public Task Half_typed_wrapper_does_not_crash() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class Broken
            {
                public ChatClient Undeclared(string key, string model = {|CS0103:Missing|}) => new ChatClient(model, key);
                public ChatClient NoKey(string model = "gpt-5.2-2025-12-11") => new ChatClient(model, {|CS0103:apiKey|});
                public ChatClient Unknown(string model = "gpt-5.2-2025-12-11") => new {|CS0246:ChatClinet|}(model);
            }
            """);

    // The table has no rows for embeddings models, so an embeddings default at an embeddings slot is not reported,
    // exactly as the same literal written at the slot is not.
    [Fact]
    public Task Embeddings_model_default_reaching_GetEmbeddingClient_is_not_reported() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Embeddings;
            class Embedder
            {
                private readonly OpenAIClient client = new OpenAIClient("key");

                public EmbeddingClient Create(string model = "text-embedding-ada-002") => client.GetEmbeddingClient(model);

                public EmbeddingClient Literal() => client.GetEmbeddingClient("text-embedding-3-small");
            }
            """);

    // A default handed to another method of the project before any slot: that method's callers may pass anything, and
    // this wrapper's callers may pass their own id; not followed.
    [Fact]
    public Task Default_passed_on_to_a_project_method_is_not_reported() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class Wrapper
            {
                public ChatClient Create(string key, string model = "gpt-4o") => Build(key, model);

                private static ChatClient Build(string key, string model) => new ChatClient(model, key);
            }
            """);
}
