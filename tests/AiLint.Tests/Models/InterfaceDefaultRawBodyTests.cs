using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// An interface member's default sent by a call through the interface whose only implementation writes the parameter
/// as a raw HTTP body's <c>model</c> (review68 M2, repro Repro/InterfaceDefaultRawBody): <c>ISummaryAi.SummarizeAsync(
/// string text, string model = "gpt-4o-mini")</c>, implemented by posting <c>new { model, messages }</c> to
/// <c>"chat/completions"</c> on a typed client whose base address is api.openai.com, directly or through one private
/// helper. The same conditions as at an SDK slot (<see cref="InterfaceDefaultModelIdTests"/>): the sole implementation,
/// the parameter never written, and here the endpoint OpenAI's own host.
/// </summary>
public class InterfaceDefaultRawBodyTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private static Task VerifyRawAsync(string code, params DiagnosticResult[] expected) =>
        VerifyRawAsync(code, Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Errors, expected);

    private static Task VerifyRawAsync(string code, Microsoft.CodeAnalysis.Testing.CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + code,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = compilerDiagnostics,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The implementations: (A) the body posted directly, (B) a DTO body posted by one private helper. Each declares a
    // pinned default of its own, which calls through the interface never send.
    private static string Implementations(string baseAddress) => $$"""
        public sealed class OpenAiSummary(HttpClient http) : ISummaryAi
        {
            public async Task<string> SummarizeAsync(string text, string model = "gpt-5.4-mini-2026-03-17", CancellationToken ct = default)
            {
                var body = new { model, messages = new[] { new { role = "user", content = "Summarize: " + text } } };
                using var r = await http.PostAsJsonAsync("chat/completions", body, ct);
                return await r.Content.ReadAsStringAsync(ct);
            }
        }

        public sealed class OpenAiTitle(HttpClient http) : ITitleAi
        {
            public Task<string> TitleAsync(string text, string model = "gpt-5.4-mini-2026-03-17", CancellationToken ct = default)
                => PostAsync(new ChatBody { Model = model, Messages = [new ChatLine { Role = "user", Content = "Title: " + text }] }, ct);

            private async Task<string> PostAsync(ChatBody body, CancellationToken ct)
            {
                using var r = await http.PostAsJsonAsync("chat/completions", body, ct);
                return await r.Content.ReadAsStringAsync(ct);
            }
        }

        public sealed class ChatLine { public string Role { get; set; } = ""; public string Content { get; set; } = ""; }
        public sealed class ChatBody
        {
            [System.Text.Json.Serialization.JsonPropertyName("model")] public string Model { get; set; } = "";
            [System.Text.Json.Serialization.JsonPropertyName("messages")] public List<ChatLine> Messages { get; set; } = [];
        }

        public static class Registration
        {
            public static IServiceCollection AddAi(this IServiceCollection services)
            {
                services.AddHttpClient<ISummaryAi, OpenAiSummary>(c => c.BaseAddress = new Uri("{{baseAddress}}"));
                services.AddHttpClient<ITitleAi, OpenAiTitle>(c => c.BaseAddress = new Uri("{{baseAddress}}"));
                return services;
            }
        }
        """;

    private const string Worker = """
        public sealed class Worker(ISummaryAi summary, ITitleAi title)
        {
            public async Task<string> RunAsync(string text) => await title.TitleAsync(text) + "\n" + await summary.SummarizeAsync(text);
        }
        """;

    // The repro: both interfaces' "gpt-4o-mini" is the id the worker's calls send, reported once on each default.
    [Fact]
    public Task An_interface_default_the_implementation_posts_as_a_raw_body_model_is_reported_on_the_default() =>
        VerifyRawAsync("""
            public interface ISummaryAi
            {
                Task<string> SummarizeAsync(string text, string model = {|#0:"gpt-4o-mini"|}, CancellationToken ct = default);
            }
            public interface ITitleAi
            {
                Task<string> TitleAsync(string text, string model = {|#1:"gpt-4o-mini"|}, CancellationToken ct = default);
            }

            """ + Implementations("https://api.openai.com/v1/") + Worker,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    // The repro's project also references the OpenAI SDK (its control, ITagAi, hands the parameter to ChatClient): the
    // raw implementations are read there too, beside the SDK slot's.
    [Fact]
    public Task In_a_project_with_the_SDK_the_raw_and_the_SDK_implementations_are_both_reported()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                public interface ISummaryAi
                {
                    Task<string> SummarizeAsync(string text, string model = {|#0:"gpt-4o-mini"|}, CancellationToken ct = default);
                }
                public interface ITitleAi
                {
                    Task<string> TitleAsync(string text, string model = {|#1:"gpt-4o-mini"|}, CancellationToken ct = default);
                }
                public interface ITagAi
                {
                    Task<string> TagAsync(string text, string model = {|#2:"gpt-4o-mini"|});
                }
                public sealed class OpenAiTag(string apiKey) : ITagAi
                {
                    public async Task<string> TagAsync(string text, string model = "gpt-5.4-mini-2026-03-17")
                    {
                        var chat = new OpenAI.Chat.ChatClient(model, apiKey);
                        var r = await chat.CompleteChatAsync("Tags for: " + text);
                        return r.Value.Content[0].Text;
                    }
                }

                """ + Implementations("https://api.openai.com/v1/") + """
                public sealed class Worker(ISummaryAi summary, ITitleAi title, ITagAi tags)
                {
                    public async Task<string> RunAsync(string text) => await title.TitleAsync(text) + await summary.SummarizeAsync(text) + await tags.TagAsync(text);
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithLocation(2).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));
        return test.RunAsync();
    }

    private const string PlainInterfaces = """
        public interface ISummaryAi
        {
            Task<string> SummarizeAsync(string text, string model = "gpt-4o-mini", CancellationToken ct = default);
        }
        public interface ITitleAi
        {
            Task<string> TitleAsync(string text, string model = "gpt-4o-mini", CancellationToken ct = default);
        }

        """;

    // Another host: an OpenAI-compatible server may keep "gpt-4o-mini" as its own name.
    [Fact]
    public Task An_interface_default_posted_to_another_host_is_quiet() =>
        VerifyRawAsync(PlainInterfaces + Implementations("http://localhost:11434/v1/") + Worker);

    // Correct code beside the repro: the calls pass their own pinned id, so the interface's default is never sent.
    [Fact]
    public Task An_interface_default_every_call_overrides_is_quiet() =>
        VerifyRawAsync(PlainInterfaces + Implementations("https://api.openai.com/v1/") + """
            public sealed class Worker(ISummaryAi summary, ITitleAi title)
            {
                public async Task<string> RunAsync(string text) =>
                    await title.TitleAsync(text, "gpt-5.4-mini-2026-03-17") + await summary.SummarizeAsync(text, "gpt-5.4-mini-2026-03-17");
            }
            """);

    // The implementation overwrites the parameter (or posts a body with its own model): the default is not what is sent.
    [Fact]
    public Task A_parameter_the_implementation_overwrites_or_does_not_post_is_quiet() =>
        VerifyRawAsync("""
            public interface ISummaryAi
            {
                Task<string> SummarizeAsync(string text, string model = "gpt-4o-mini");
            }
            public interface ITitleAi
            {
                Task<string> TitleAsync(string text, string model = "gpt-4o-mini");
            }

            public sealed class OpenAiSummary(HttpClient http, string configured) : ISummaryAi
            {
                public async Task<string> SummarizeAsync(string text, string model = "gpt-4o-mini")
                {
                    model = configured;
                    using var r = await http.PostAsJsonAsync("chat/completions", new { model, messages = new[] { text } });
                    return await r.Content.ReadAsStringAsync();
                }
            }

            public sealed class OpenAiTitle(HttpClient http) : ITitleAi
            {
                public async Task<string> TitleAsync(string text, string model = "gpt-4o-mini")
                {
                    using var r = await http.PostAsJsonAsync("chat/completions", new { model = "gpt-5.4-2026-03-05", messages = new[] { text, model } });
                    return await r.Content.ReadAsStringAsync();
                }
            }

            public static class Registration
            {
                public static IServiceCollection AddAi(this IServiceCollection services)
                {
                    services.AddHttpClient<ISummaryAi, OpenAiSummary>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                    services.AddHttpClient<ITitleAi, OpenAiTitle>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                    return services;
                }
            }

            """ + Worker);

    // Half-typed code: an unresolved body type and a call missing its closing parenthesis must not crash the reader.
    [Fact]
    public Task Half_typed_code_does_not_crash() =>
        VerifyRawAsync("""
            public interface ISummaryAi
            {
                Task<string> SummarizeAsync(string text, string model = "gpt-4o-mini");
            }

            public sealed class OpenAiSummary(HttpClient http) : ISummaryAi
            {
                public async Task<string> SummarizeAsync(string text, string model = "gpt-4o-mini")
                {
                    using var r = await http.PostAsJsonAsync("chat/completions", new MissingBody { Model = model, Text = text });
                    return await r.Content.ReadAsStringAsync(
                }
            }

            public sealed class Worker(ISummaryAi summary)
            {
                public Task<string> RunAsync(string text) => summary.SummarizeAsync(text
            }
            """, Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None);
}
