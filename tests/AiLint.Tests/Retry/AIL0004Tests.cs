using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>AIL0004: the idempotency key is created inside the retried code.</summary>
public class AIL0004Tests
{
    private const string Id = "AIL0004";

    private const string Gateway = """
        record SummaryRequest
        {
            public string Text { get; init; } = "";
            [IdempotencyKey] public string? RequestId { get; init; }
        }

        class Gateway(ChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text, [IdempotencyKey] string? requestId = null) =>
                (await chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;

            public async Task<string> SummarizeAsync(SummaryRequest request) =>
                (await chat.CompleteChatAsync(new UserChatMessage(request.Text))).Value.Content[0].Text;
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + Gateway + source, expected);

    [Fact]
    public Task Keys_created_per_attempt_in_a_pipeline() => VerifyAsync(
        """
        class Assistant(Gateway gateway, ResiliencePipeline pipeline)
        {
            public async Task M(string text)
            {
                await pipeline.ExecuteAsync(async ct =>
                {
                    var key = {|#0:Guid.NewGuid().ToString()|};
                    return await gateway.SummarizeAsync(text, key);
                });
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, {|#1:Guid.NewGuid().ToString("N")|}));
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(new SummaryRequest { Text = text, RequestId = {|#2:$"{DateTime.UtcNow:O}-{text.Length}"|} }));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("SummarizeAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("SummarizeAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(2).WithArguments("SummarizeAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Key_created_in_a_loop_body_header_and_cache_keys() => VerifyAsync(
        """
        class Assistant(ChatClient chat, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
        {
            public async Task<ClientResult> M(BinaryContent body)
            {
                while (true)
                {
                    var key = {|#0:Guid.NewGuid()|};
                    try
                    {
                        var options = new RequestOptions();
                        options.AddHeader("Idempotency-Key", key.ToString());
                        return await chat.CompleteChatAsync(body, options);
                    }
                    catch (ClientResultException) { await Task.Delay(100); }
                }
            }

            public async Task N(string q)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, {|#1:"answer-" + Random.Shared.Next()|}, async e => await chat.CompleteChatAsync(new UserChatMessage(q)));
                        return;
                    }
                    catch (ClientResultException) { }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "while loop"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "for loop"));

    [Fact]
    public Task One_key_shared_by_two_calls_is_reported_once() => VerifyAsync(
        """
        class Assistant(Gateway gateway, ResiliencePipeline pipeline)
        {
            public Task M(string text) => pipeline.ExecuteAsync(async ct =>
            {
                var key = {|#0:Guid.NewGuid().ToString()|};
                await gateway.SummarizeAsync(text, key);
                await gateway.SummarizeAsync(text + "!", key);
            }).AsTask();
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("SummarizeAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Hoisted_and_deterministic_keys_are_fine() => VerifyAsync(
        """
        class Assistant(Gateway gateway, ResiliencePipeline pipeline)
        {
            public async Task M(string ticketId, string text)
            {
                var key = Guid.NewGuid().ToString();
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, key));
                // Derived from the request: the same on every attempt.
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, $"summary:{ticketId}"));
                // Fresh, but not inside a retry.
                await gateway.SummarizeAsync(text, Guid.NewGuid().ToString());
            }
        }
        """);

    [Fact]
    public Task Fix_moves_the_declaration_and_extracts_inline_keys() => new CodeFixTest<RetryAnalyzer, HoistIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task<string> M(string text)
                {
                    return await pipeline.ExecuteAsync(async ct =>
                    {
                        var key = [|Guid.NewGuid().ToString()|];
                        return await gateway.SummarizeAsync(text, key);
                    });
                }

                public async Task N(string text, string idempotencyKey)
                {
                    await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, [|Guid.NewGuid().ToString("N")|]));
                }
            }
            """,
        FixedCode = Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task<string> M(string text)
                {
                    var key = Guid.NewGuid().ToString();
                    return await pipeline.ExecuteAsync(async ct =>
                    {
                        return await gateway.SummarizeAsync(text, key);
                    });
                }

                public async Task N(string text, string idempotencyKey)
                {
                    var idempotencyKey2 = Guid.NewGuid().ToString("N");
                    await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, idempotencyKey2));
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Fix_keeps_the_files_CRLF_line_ends()
    {
        // The fix writes the file's own line end; the formatter places the moved line with the project's end_of_line.
        var test = new CodeFixTest<RetryAnalyzer, HoistIdempotencyKeyCodeFixProvider>
        {
        MarkupDiagnosticId = Id,
        TestCode = (Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task<string> M(string text)
                {
                    return await pipeline.ExecuteAsync(async ct =>
                    {
                        // one key per logical request
                        var key = [|Guid.NewGuid().ToString()|];
                        return await gateway.SummarizeAsync(text, key);
                    });
                }
            }
            """).ReplaceLineEndings("\r\n"),
        FixedCode = (Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task<string> M(string text)
                {
                    // one key per logical request
                    var key = Guid.NewGuid().ToString();
                    return await pipeline.ExecuteAsync(async ct =>
                    {
                        return await gateway.SummarizeAsync(text, key);
                    });
                }
            }
            """).ReplaceLineEndings("\r\n"),
        };
        test.AddEditorConfig("end_of_line = crlf");
        return test.RunAsync();
    }

    [Fact]
    public Task Two_inline_keys_in_one_retry_get_two_locals() => new CodeFixTest<RetryAnalyzer, HoistIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task M(string text)
                {
                    await pipeline.ExecuteAsync(async ct =>
                    {
                        await gateway.SummarizeAsync(text, [|Guid.NewGuid().ToString()|]);
                        await gateway.SummarizeAsync(text + "!", [|Guid.NewGuid().ToString()|]);
                    });
                }
            }
            """,
        FixedCode = Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task M(string text)
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    var idempotencyKey2 = Guid.NewGuid().ToString();
                    await pipeline.ExecuteAsync(async ct =>
                    {
                        await gateway.SummarizeAsync(text, idempotencyKey);
                        await gateway.SummarizeAsync(text + "!", idempotencyKey2);
                    });
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Fix_moves_a_key_out_of_a_retry_loop() => new CodeFixTest<RetryAnalyzer, HoistIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + Gateway + """
            class Assistant(Gateway gateway)
            {
                public async Task<string> M(string text)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        // One id per logical request.
                        var requestId = [|Guid.NewGuid().ToString()|]; // hoist me
                        try
                        {
                            return await gateway.SummarizeAsync(text, requestId);
                        }
                        catch (ClientResultException) when (attempt < 3)
                        {
                        }
                    }
                }
            }
            """,
        FixedCode = Usings + Gateway + """
            class Assistant(Gateway gateway)
            {
                public async Task<string> M(string text)
                {
                    // One id per logical request.
                    var requestId = Guid.NewGuid().ToString(); // hoist me
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await gateway.SummarizeAsync(text, requestId);
                        }
                        catch (ClientResultException) when (attempt < 3)
                        {
                        }
                    }
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task No_fix_when_the_key_depends_on_the_attempt_or_the_retry_is_recursive() => new CodeFixTest<RetryAnalyzer, HoistIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public Task M(string text) =>
                    pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, [|$"{Guid.NewGuid()}-{ct.GetHashCode()}"|])).AsTask();

                public async Task<string> R(string text, int attempt = 0)
                {
                    try { return await gateway.SummarizeAsync(text, [|Guid.NewGuid().ToString()|]); }
                    catch (ClientResultException) when (attempt < 2) { return await R(text, attempt + 1); }
                }
            }
            """,
        FixedCode = Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public Task M(string text) =>
                    pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, [|$"{Guid.NewGuid()}-{ct.GetHashCode()}"|])).AsTask();

                public async Task<string> R(string text, int attempt = 0)
                {
                    try { return await gateway.SummarizeAsync(text, [|Guid.NewGuid().ToString()|]); }
                    catch (ClientResultException) when (attempt < 2) { return await R(text, attempt + 1); }
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Half_typed_code_does_not_crash_the_analyzer_or_the_fix() => new CodeFixTest<RetryAnalyzer, HoistIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        CompilerDiagnostics = CompilerDiagnostics.None,
        TestCode = Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task M(string text)
                {
                    await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, [|Guid.NewGuid().ToString()|]));
                    await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, Guid.NewGuid(
                    var broken = Unknown.Create(
                }
            """,
        FixedCode = Usings + Gateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task M(string text)
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, idempotencyKey));
                    await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, Guid.NewGuid(
                    var broken = Unknown.Create(
                }
            """,
    }.RunAsync();
}
