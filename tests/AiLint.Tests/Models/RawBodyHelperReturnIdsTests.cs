using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review90 M-1 (repro-2/Raw.cs): an id a helper of the project returns is "reported at the call, once for each constant
/// the helper can return" (docs/rules/AIL0501.md). At a raw body's <c>model</c> posted to api.openai.com only the first
/// constant was, because the raw-HTTP check reported each location once; at an SDK slot two ids of one rule were one
/// diagnostic. Each id is now its own diagnostic at the call; a body posted from several members still gives each once.
/// </summary>
public class RawBodyHelperReturnIdsTests
{
    private const string Catalog = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        public enum Tier { Fast, Smart, Legacy }

        public static class ModelCatalog
        {
            public static string For(Tier tier) => tier switch
            {
                Tier.Fast => "gpt-4o-mini",
                Tier.Smart => "gpt-5",
                _ => "gpt-3.5-turbo",
            };

            public static string ForStatement(Tier tier)
            {
                switch (tier)
                {
                    case Tier.Fast: return "gpt-4o-mini";
                    case Tier.Smart: return "gpt-5";
                    default: return "gpt-3.5-turbo";
                }
            }
        }

        """;

    private static Task VerifyRawAsync(string code, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(Catalog + code, Array.Empty<(string, string)>(), expected);

    private static DiagnosticResult[] EveryId(int location) => new[]
    {
        Diagnostic("AIL0501").WithLocation(location).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer),
        Diagnostic("AIL0502").WithLocation(location).WithArguments("gpt-5", "2026-12-11", ""),
        Diagnostic("AIL0503").WithLocation(location).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
    };

    // repro-2/Raw.cs: before, only AIL0501 'gpt-4o-mini' at each call.
    [Fact]
    public Task Every_id_a_policy_helper_returns_to_a_raw_body_is_reported() =>
        VerifyRawAsync("""
            public class RawChat(HttpClient http)
            {
                public Task<HttpResponseMessage> A(Tier tier)
                {
                    var requestData = new { model = {|#0:ModelCatalog.For(tier)|}, messages = new[] { new { role = "user", content = "hi" } } };
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", requestData);
                }

                public Task<HttpResponseMessage> B(Tier tier)
                {
                    var requestData = new { model = {|#1:ModelCatalog.ForStatement(tier)|}, messages = new[] { new { role = "user", content = "hi" } } };
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", requestData);
                }
            }
            """,
            EveryId(0).Concat(EveryId(1)).ToArray());

    // Twins: the call decides the tier (one id); the same body to OpenRouter, whose names for OpenAI's ids are its own;
    // a body held in a field and posted from two members (each id once, not once per POST).
    [Fact]
    public Task A_decided_tier_another_host_and_a_shared_body_are_reported_once_or_not_at_all() =>
        VerifyRawAsync("""
            public class RawChat(HttpClient http)
            {
                private readonly object body = new { model = {|#1:ModelCatalog.For(Tier.Legacy)|}, messages = new[] { new { role = "user", content = "hi" } } };

                public Task<HttpResponseMessage> Decided() =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = {|#0:ModelCatalog.ForStatement(Tier.Fast)|} });

                public Task<HttpResponseMessage> Router(Tier tier) =>
                    http.PostAsJsonAsync("https://openrouter.ai/api/v1/chat/completions", new { model = ModelCatalog.For(tier) });

                public Task<HttpResponseMessage> First() => http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);

                public Task<HttpResponseMessage> Second() => http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // At an SDK slot two ids of the same rule are two diagnostics (before: one, the first).
    [Fact]
    public Task Two_aliases_a_helper_returns_to_an_SDK_slot_are_each_reported() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            public enum Tier { Fast, Smart }
            public static class ModelCatalog
            {
                public static string For(Tier tier) => tier == Tier.Fast ? "gpt-4o-mini" : "gpt-4o";
            }
            public class Chat(OpenAIClient client)
            {
                public ChatClient A(Tier tier) => client.GetChatClient({|#0:ModelCatalog.For(tier)|});
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer),
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));
}
