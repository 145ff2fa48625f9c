using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 59 N1 (meatz89/Wayfarer <c>ClaudeProvider</c>, Repro/RawHttpRetryThenFallback): a retry loop that switches to a
/// fallback model only once an attempt counter reaches a constant K &gt;= 2 sends the identical request on its first
/// passes, so it is a retry (AIL0001). A switch that can already run on the second pass (<c>attempt &gt; 0</c>,
/// <c>attempt &gt;= 1</c>, a first-pass flag, a switch on the exception kind), or a loop that also edits the prompt on
/// every pass, changes the request between the first passes and stays quiet.
/// </summary>
public class LateFallbackRetryTests
{
    private const string Id = "AIL0001";

    private const string LoopUsings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, LoopUsings + source, expected);

    /// <summary>The Wayfarer loop of the repro, <paramref name="send"/> the marked POST (inline or through a helper).</summary>
    private static string Wayfarer(string guard, string send = "await _httpClient.[|PostAsync|](RequestUri, content)", string helper = "") => $$"""
        public class ClaudeCaller
        {
            private const string RequestUri = "https://api.anthropic.com/v1/messages";
            private const int FallbackAfterAttempts = 5;
            private readonly HttpClient _httpClient = new HttpClient();

            public async Task<string> RetryThenFallback(object[] messages, string model, string fallbackModel)
            {
                int attempts = 0;
                string currentModel = model;
                while (true)
                {
                    if ({{guard}})
                    {
                        currentModel = fallbackModel;
                    }
                    try
                    {
                        var requestBody = new { model = currentModel, messages = messages, max_tokens = 5000 };
                        var content = new StringContent(JsonSerializer.Serialize(requestBody), Encoding.UTF8, "application/json");
                        HttpResponseMessage response = {{send}};
                        if (response.IsSuccessStatusCode)
                        {
                            return await response.Content.ReadAsStringAsync();
                        }
                        if (++attempts >= 10)
                        {
                            response.EnsureSuccessStatusCode();
                        }
                        await Task.Delay(1000);
                    }
                    catch (HttpRequestException)
                    {
                        if (++attempts >= 10) throw;
                        await Task.Delay(1000);
                    }
                }
            }
        {{helper}}
        }
        """;

    /// <summary>The repro (five same-model attempts, then the fallback): quiet before.</summary>
    [Theory]
    [InlineData("attempts >= FallbackAfterAttempts")]
    [InlineData("attempts >= 5")]
    [InlineData("attempts > 2")]
    [InlineData("attempts == 3")]
    [InlineData("FallbackAfterAttempts <= attempts")]
    [InlineData("attempts >= 2 && fallbackModel != null")]
    [InlineData("!(attempts < 5)")]
    public Task Raw_HTTP_retry_that_falls_back_after_K_same_model_attempts_is_reported(string guard) => VerifyAsync(Wayfarer(guard));

    /// <summary>Wayfarer's own shape: the POST made in a helper (<c>TalkToClaude(content)</c>) the loop calls.</summary>
    [Fact]
    public Task Retry_that_falls_back_late_through_a_POST_helper_is_reported() => VerifyAsync(Wayfarer(
        "attempts >= FallbackAfterAttempts",
        send: "await [|TalkToClaude|](content)",
        helper: """
                private async Task<HttpResponseMessage> TalkToClaude(StringContent content)
                {
                    return await _httpClient.PostAsync(RequestUri, content);
                }
            """));

    /// <summary>
    /// The switch can run on the second pass (failover from the first failure on: every pass after the first differs
    /// from the first), or on a counter of unknown start: quiet, as before.
    /// </summary>
    [Theory]
    [InlineData("attempts > 0")]
    [InlineData("attempts >= 1")]
    [InlineData("attempts > 1")]
    [InlineData("attempts != 0")]
    [InlineData("attempts >= 2 || fallbackModel.Length > 0")]
    public Task Raw_HTTP_retry_that_fails_over_from_the_second_pass_is_not_reported(string guard) =>
        VerifyAsync(Wayfarer(guard, send: "await _httpClient.PostAsync(RequestUri, content)"));

    /// <summary>A chat client loop with the switch written in the <c>else</c> of an attempt test, or on a <c>for</c> counter: reported.</summary>
    [Theory]
    [InlineData("if (attempt < 3) { } else { model = fallback; }")]
    [InlineData("if (attempt >= 2) model = fallback;")]
    [InlineData("if (attempt == 2) { model = fallback; }")]
    public Task Chat_client_retry_that_falls_back_after_two_same_model_attempts_is_reported(string switchModel) => VerifyAsync(
        $$"""
        class Asker(IChatClient client)
        {
            public async Task<string> AskAsync(string prompt, string model, string fallback)
            {
                for (var attempt = 0; attempt < 4; attempt++)
                {
                    {{switchModel}}
                    try
                    {
                        return (await client.[|GetResponseAsync|](prompt, new ChatOptions { ModelId = model })).Text;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(500);
                    }
                }

                return "";
            }
        }
        """);

    /// <summary>
    /// The correct-code twins: failover on every pass (<c>attempt &gt; 0</c>, a first-pass flag), a switch on the
    /// exception kind, a counter stepped before the guard (the guard sees 1 on the first pass: <c>attempt &gt;= 2</c>
    /// switches on the second), and a late switch in a loop that also edits the prompt every pass: quiet.
    /// </summary>
    [Theory]
    [InlineData("var attempt = 0;", "if (attempt > 0) model = fallback;", "attempt++;", "")]
    [InlineData("var first = true; var attempt = 0;", "if (!first) model = fallback; first = false;", "attempt++;", "")]
    [InlineData("var attempt = 0;", "", "attempt++; if (ex is TimeoutException) model = fallback;", "")]
    [InlineData("var attempt = 0;", "attempt++; if (attempt >= 2) model = fallback;", "", "")]
    [InlineData("var attempt = 0;", "if (attempt >= 3) model = fallback;", "attempt++;", "prompt += \" Answer briefly.\";")]
    public Task Chat_client_loop_that_changes_the_request_between_its_first_passes_is_not_reported(string counter, string beforeCall, string inCatch, string everyPass) => VerifyAsync(
        $$"""
        class Asker(IChatClient client)
        {
            public async Task<string> AskAsync(string prompt, string model, string fallback)
            {
                {{counter}}
                while (attempt < 4)
                {
                    {{beforeCall}}
                    {{everyPass}}
                    try
                    {
                        return (await client.GetResponseAsync(prompt, new ChatOptions { ModelId = model })).Text;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
                    {
                        {{inCatch}}
                        await Task.Delay(500);
                    }
                }

                return "";
            }
        }
        """);

    /// <summary>The counter is no plain attempt counter (its start is a parameter; it is reset in the loop): quiet.</summary>
    [Theory]
    [InlineData("var attempt = start;", "attempt++;")]
    [InlineData("var attempt = 0;", "attempt++; if (attempt > 5) attempt = 0;")]
    [InlineData("var attempt = 0;", "attempt += 2;")]
    public Task Late_switch_on_a_counter_of_unknown_values_is_not_reported(string counter, string step) => VerifyAsync(
        $$"""
        class Asker(IChatClient client)
        {
            public async Task<string> AskAsync(string prompt, string model, string fallback, int start)
            {
                {{counter}}
                while (true)
                {
                    if (attempt >= 3) model = fallback;
                    try
                    {
                        return (await client.GetResponseAsync(prompt, new ChatOptions { ModelId = model })).Text;
                    }
                    catch (HttpRequestException)
                    {
                        {{step}}
                        await Task.Delay(500);
                    }
                }
            }
        }
        """);

    /// <summary>The same loop without any switch: reported (the twin of the late-switch positives).</summary>
    [Fact]
    public Task The_same_loop_without_a_switch_is_reported() => VerifyAsync(
        """
        class Asker(IChatClient client)
        {
            public async Task<string> AskAsync(string prompt, string model)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return (await client.[|GetResponseAsync|](prompt, new ChatOptions { ModelId = model })).Text;
                    }
                    catch (HttpRequestException)
                    {
                        attempt++;
                        await Task.Delay(500);
                    }
                }
            }
        }
        """);

    /// <summary>Half-typed guards (a comparison missing its bound, a counter never declared): no crash.</summary>
    [Fact]
    public Task Half_typed_attempt_guards_do_not_crash() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = LoopUsings + """
            class Asker(IChatClient client)
            {
                public async Task<string> AskAsync(string prompt, string model, string fallback)
                {
                    var attempt = 0;
                    while (true)
                    {
                        if (attempt >= ) model = fallback;
                        if (missing >= 3) model = fallback;
                        try { return (await client.GetResponseAsync(prompt, new ChatOptions { ModelId = model })).Text; }
                        catch (HttpRequestException) { attempt++; }
                    }
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
