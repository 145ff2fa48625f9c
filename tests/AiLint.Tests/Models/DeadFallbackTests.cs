using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A <c>??</c> fallback whose left side the compiler's nullable flow analysis proves not null at that point is never
/// sent: g1ddy/console-chat checks <c>string.IsNullOrWhiteSpace(modelId)</c> and returns early, then writes
/// <c>modelId ?? "gpt-3.5-turbo"</c> at the slot (review25 FP1, Repro/DeadModelFallback). Only a value declared
/// nullable (<c>string?</c>, a <c>var</c> local) that flow analysis narrowed counts; with nullable disabled there is no
/// flow state and the fallback is reported as before.
/// </summary>
public class DeadFallbackTests
{
    [Fact]
    public Task Fallback_after_a_null_guard_is_not_reported_the_unguarded_twin_is() =>
        VerifyAsync("""
            #nullable enable
            using System;
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;
            static class Factory
            {
                public static ChatClient? Create(IConfiguration configuration)
                {
                    var modelId = configuration.GetSection("OpenAI")["ModelId"];
                    if (string.IsNullOrWhiteSpace(modelId))
                        return null;

                    return new ChatClient(modelId ?? "gpt-3.5-turbo", Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "");
                }

                public static ChatClient Unguarded(IConfiguration configuration)
                {
                    var modelId = configuration.GetSection("OpenAI")["ModelId"];
                    return new ChatClient(modelId ?? {|#0:"gpt-3.5-turbo"|}, Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "");
                }

                // The guard is in another branch: on the path that reaches the slot the value may still be null.
                public static ChatClient GuardElsewhere(IConfiguration configuration, bool log)
                {
                    var modelId = configuration["ModelId"];
                    if (log && modelId is not null)
                        Console.WriteLine(modelId.Length);
                    return new ChatClient(modelId ?? {|#1:"gpt-3.5-turbo"|}, "key");
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // A configuration read straight at the slot is maybe-null; a parameter declared `string?` and thrown on first is not.
    [Fact]
    public Task Guarded_parameter_and_local_holding_the_fallback() =>
        VerifyAsync("""
            #nullable enable
            using System;
            using Microsoft.Extensions.Configuration;
            using OpenAI;
            using OpenAI.Chat;
            class ChatService(OpenAIClient client, IConfiguration config)
            {
                ChatClient Direct() => client.GetChatClient(config["Model"] ?? {|#0:"gpt-3.5-turbo"|});

                ChatClient Thrown(string? model)
                {
                    ArgumentException.ThrowIfNullOrEmpty(model);
                    var chosen = model ?? "gpt-4";
                    return client.GetChatClient(chosen);
                }

                ChatClient NotThrown(string? model)
                {
                    var chosen = model ?? {|#1:"gpt-4"|};
                    return client.GetChatClient(chosen);
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""));

    // Nullable disabled: no flow state, so the same guarded shape keeps reporting (as before this change).
    [Fact]
    public Task Without_a_nullable_context_the_guarded_fallback_is_reported() =>
        VerifyAsync("""
            #nullable disable
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;
            static class Factory
            {
                public static ChatClient Create(IConfiguration configuration)
                {
                    var modelId = configuration["ModelId"];
                    if (string.IsNullOrWhiteSpace(modelId))
                        return null;
                    return new ChatClient(modelId ?? {|#0:"gpt-3.5-turbo"|}, "key");
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // A property declared non-nullable is "not null" by promise, not by a check: settings bound from configuration can
    // still leave it null, so its fallback is read as before.
    [Fact]
    public Task Fallback_of_a_non_nullable_settings_property_is_still_reported() =>
        VerifyAsync("""
            #nullable enable
            using OpenAI;
            using OpenAI.Chat;
            class AiSettings { public string Model { get; set; } = null!; }
            class ChatService(OpenAIClient client, AiSettings settings)
            {
                ChatClient Chat() => client.GetChatClient(settings.Model ?? {|#0:"gpt-4"|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    // A helper returning the id: the same test on the `??` it returns, reported at the call when it can run.
    [Fact]
    public Task Helper_returning_a_guarded_fallback() =>
        VerifyAsync("""
            #nullable enable
            using System;
            using OpenAI;
            using OpenAI.Chat;
            class ChatService(OpenAIClient client)
            {
                private static string Guarded(string? configured)
                {
                    if (configured is null) throw new InvalidOperationException("Model is not configured");
                    return configured ?? "gpt-4";
                }

                private static string Unguarded(string? configured)
                {
                    return configured ?? "gpt-4";
                }

                ChatClient A(string? configured) => client.GetChatClient(Guarded(configured));
                ChatClient B(string? configured) => client.GetChatClient({|#0:Unguarded(configured)|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));
}
