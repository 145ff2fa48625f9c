using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A settings default on the left of a <c>??</c> (review68 M1, FelderBot; repro Repro/SettingsDefaultBehindFallback):
/// <c>["model"] = opt.Model ?? "gpt-5.2-2025-12-11"</c> with <c>public string? Model { get; set; } = "gpt-4o";</c> sends
/// the settings default on every run that does not configure the key; the pinned fallback only when something sets the
/// property to null. Each branch of a fallback is read as it is read alone, so the left side's default is reported at
/// the read, as <c>opt.Model</c> alone is. Quiet twins: both ids pinned, the property's key set in appsettings.json.
/// </summary>
public class SettingsDefaultBehindFallbackTests
{
    private const string RawUsings = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        """;

    private static Task VerifyRawAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = RawUsings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The services post relative paths on typed clients whose base address is OpenAI's.
    private static string Services(string defaultModel, string fallback) => $$"""
        public sealed class ChatSettings { public string? Model { get; set; } = "{{defaultModel}}"; }

        public sealed class DictionaryBody(HttpClient http, IOptions<ChatSettings> options)
        {
            public async Task<string> AskAsync(string q)
            {
                var opt = options.Value;
                var body = new Dictionary<string, object?> { ["model"] = {|#0:opt.Model|} ?? "{{fallback}}", ["input"] = q };
                using var r = await http.PostAsJsonAsync("responses", body);
                return await r.Content.ReadAsStringAsync();
            }
        }

        public sealed class AnonymousBody(HttpClient http, IOptions<ChatSettings> options)
        {
            public Task<HttpResponseMessage> AskAsync(string q) =>
                http.PostAsJsonAsync("chat/completions", new { model = {|#1:options.Value.Model|} ?? "{{fallback}}", messages = new[] { new { role = "user", content = q } } });
        }

        public sealed class ChatRequest { public string Model { get; set; } = ""; public string Input { get; set; } = ""; }

        public sealed class DtoBody(HttpClient http, IOptions<ChatSettings> options)
        {
            public Task<HttpResponseMessage> AskAsync(string q) =>
                http.PostAsJsonAsync("responses", new ChatRequest { Model = {|#2:options.Value.Model|} ?? "{{fallback}}", Input = q });
        }

        public static class Registration
        {
            public static IServiceCollection AddChat(this IServiceCollection services)
            {
                services.AddHttpClient<DictionaryBody>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                services.AddHttpClient<AnonymousBody>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                services.AddHttpClient<DtoBody>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                return services;
            }
        }
        """;

    private static string Unmarked(string code) =>
        code.Replace("{|#0:", "").Replace("{|#1:", "").Replace("{|#2:", "").Replace("|}", "");

    // The repro: the floating "gpt-4o" default is what every run sends, in a dictionary, an anonymous object and a DTO.
    [Fact]
    public Task A_settings_default_behind_a_pinned_fallback_is_reported_at_the_read() =>
        VerifyRawAsync(Services("gpt-4o", "gpt-5.2-2025-12-11"), [],
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0501").WithLocation(2).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // Correct code beside it: both the default and the fallback pinned.
    [Fact]
    public Task A_pinned_settings_default_behind_a_pinned_fallback_is_quiet() =>
        VerifyRawAsync(Unmarked(Services("gpt-5.4-2026-03-05", "gpt-5.2-2025-12-11")), []);

    // appsettings.json sets the property's key: the default is never sent (the file's value is checked there).
    [Fact]
    public Task A_settings_default_the_settings_file_overrides_is_quiet_behind_a_fallback() =>
        VerifyRawAsync(Unmarked(Services("gpt-4o", "gpt-5.2-2025-12-11")),
            [("appsettings.json", """{ "Chat": { "Model": "gpt-5.4-2026-03-05" } }""")]);

    // The SDK slot twin: the same fallback handed to ChatClient's model parameter.
    [Fact]
    public Task A_settings_default_behind_a_fallback_at_an_SDK_slot_is_reported_and_its_pinned_twin_is_quiet() =>
        VerifyAsync("""
            #nullable enable
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            public sealed class FloatingSettings { public string? Model { get; set; } = "gpt-4o"; }
            public sealed class PinnedSettings { public string? Model { get; set; } = "gpt-5.4-2026-03-05"; }

            public static class Clients
            {
                public static ChatClient Floating(IOptions<FloatingSettings> options, string key) =>
                    new ChatClient({|#0:options.Value.Model|} ?? "gpt-5.2-2025-12-11", key);

                public static ChatClient Pinned(IOptions<PinnedSettings> options, string key) =>
                    new ChatClient(options.Value.Model ?? "gpt-5.2-2025-12-11", key);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));
}
