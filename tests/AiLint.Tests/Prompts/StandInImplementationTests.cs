using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0301 through an interface wrapper that has a development stand-in beside the real service
/// (AliSafari-IT/asafarim-dot-be, Core.Api: <c>IOpenAiService.CompleteAsync(systemPrompt, userPrompt)</c>, whose
/// <c>OpenAiService</c> posts <c>systemPrompt</c> as the system message and whose <c>MockOpenAiService</c> only logs
/// it and returns a canned answer). The parameter is a prompt when one implementation puts it into a slot and none uses
/// it otherwise: a stand-in that reads its parameters only to log them sends nothing anywhere, so it does not say the
/// text is something else. An implementation that uses the text (sends it as the user's turn, echoes it back, looks
/// something up with it, hands it to a helper) still keeps the calls quiet.
/// </summary>
public class StandInImplementationTests
{
    private const string Contract = """
        using System;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IOpenAiService
        {
            Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default);
        }

        internal sealed class OpenAiService(HttpClient http) : IOpenAiService
        {
            public async Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
            {
                var payload = new
                {
                    model = "gpt-4.1-2025-04-14",
                    messages = new object[]
                    {
                        new { role = "system", content = systemPrompt },
                        new { role = "user", content = userPrompt },
                    },
                };
                var json = JsonSerializer.Serialize(payload);
                using var req = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                using var res = await http.SendAsync(req, ct);
                return await res.Content.ReadAsStringAsync(ct);
            }
        }

        """;

    private const string Caller = """

        public sealed class ResumeWriter(IOpenAiService ai)
        {
            public Task<string> GenerateAsync(string name)
            {
                var systemPrompt =
                    PROMPT;
                return ai.CompleteAsync(systemPrompt, $"Name: {name}");
            }
        }
        """;

    private const string Resume =
        "\"You are an expert resume writer. Produce a concise functional resume in JSON with keys: name, email, phone, summary, skills[], projects[{title, description, highlights[]}], achievements[].\"";

    private static string Code(string standIn, bool marked) =>
        Contract + standIn + Caller.Replace("PROMPT", marked ? "{|#0:" + Resume + "|}" : Resume, StringComparison.Ordinal);

    private static Task VerifyReportedAsync(string standIn) =>
        VerifyAsync(Code(standIn, marked: true), Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ResumeWriter.GenerateAsync"));

    private static Task VerifyQuietAsync(string standIn) =>
        VerifyAsync(Code(standIn, marked: false));

    // The real app's mock, verbatim: it logs the system prompt and returns "{}".
    [Fact]
    public Task A_mock_that_only_logs_the_system_prompt_does_not_hide_it() =>
        VerifyReportedAsync("""
            public class MockOpenAiService : IOpenAiService
            {
                public Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                {
                    Console.WriteLine($"Mock called with system prompt: {systemPrompt}");
                    return Task.FromResult("{}");
                }
            }
            """);

    [Fact]
    public Task A_mock_that_logs_through_an_ilogger_does_not_hide_it() =>
        VerifyReportedAsync("""
            public sealed class LoggingMock(Microsoft.Extensions.Logging.ILogger<LoggingMock> logger) : IOpenAiService
            {
                public Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                {
                    Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "Mock: {System} / {User}", systemPrompt, userPrompt);
                    System.Diagnostics.Debug.WriteLine("system: " + systemPrompt);
                    return Task.FromResult("{\"name\":\"Ada\"}");
                }
            }
            """);

    [Fact]
    public Task A_stub_that_ignores_its_arguments_or_throws_does_not_hide_it() =>
        VerifyReportedAsync("""
            public sealed class CannedService : IOpenAiService
            {
                public Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default) =>
                    Task.FromResult("{}");
            }

            public sealed class NotReadyService : IOpenAiService
            {
                public Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default) =>
                    throw new NotImplementedException(nameof(systemPrompt));
            }
            """);

    // Quiet twins: an implementation that uses the text for something else than logging.
    [Fact]
    public Task A_mock_that_echoes_the_system_prompt_back_keeps_the_call_quiet() =>
        VerifyQuietAsync("""
            public sealed class EchoService : IOpenAiService
            {
                public Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                {
                    Console.WriteLine(systemPrompt);
                    return Task.FromResult(systemPrompt);
                }
            }
            """);

    [Fact]
    public Task A_stub_that_reads_the_users_text_keeps_the_call_quiet() =>
        VerifyQuietAsync("""
            public sealed class CannedAnswers : IOpenAiService
            {
                public Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default) =>
                    Task.FromResult(userPrompt.Length > 10 ? "{\"long\":true}" : "{}");
            }
            """);

    [Fact]
    public Task A_second_service_that_sends_the_text_as_the_users_turn_keeps_the_call_quiet() =>
        VerifyQuietAsync("""
            public sealed class PlainService(OpenAI.Chat.ChatClient chat) : IOpenAiService
            {
                public async Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                {
                    Console.WriteLine(systemPrompt);
                    var completion = await chat.CompleteChatAsync([new OpenAI.Chat.UserChatMessage(systemPrompt + "\n\n" + userPrompt)], cancellationToken: ct);
                    return completion.Value.Content[0].Text;
                }
            }
            """);

    [Fact]
    public Task A_mock_that_hands_the_text_to_its_own_helper_keeps_the_call_quiet() =>
        VerifyQuietAsync("""
            public sealed class RecordingMock : IOpenAiService
            {
                public System.Collections.Generic.List<string> Seen { get; } = new();

                public Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                {
                    Seen.Add(systemPrompt);
                    return Task.FromResult("{}");
                }
            }
            """);

    // With stand-ins only, nothing puts the text into a slot.
    [Fact]
    public Task Stand_ins_alone_do_not_make_a_prompt() =>
        VerifyAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public interface IOpenAiService
            {
                Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default);
            }

            public class MockOpenAiService : IOpenAiService
            {
                public Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                {
                    Console.WriteLine($"Mock called with system prompt: {systemPrompt}");
                    return Task.FromResult("{}");
                }
            }
            """ + Caller.Replace("PROMPT", Resume, StringComparison.Ordinal));

    // Half-typed: the mock's logging call is not finished. Its body cannot be read, so it still keeps the call quiet.
    [Fact]
    public Task A_half_typed_mock_does_not_crash_and_keeps_the_call_quiet() =>
        new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = Code("""
                public class MockOpenAiService : IOpenAiService
                {
                    public Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                    {
                        Console.WriteLine($"Mock called with system prompt: {systemPrompt}"
                        return Task.FromResult("{}");
                    }
                }
                """, marked: false),
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();
}
