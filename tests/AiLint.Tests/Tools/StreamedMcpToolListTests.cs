using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0202 for an MCP server's whole tool list read as a stream: <c>EnumerateToolsAsync</c> of ModelContextProtocol
/// 0.2.0-preview.3 (<c>McpClientExtensions</c>, the streaming form of <c>ListToolsAsync</c>), consumed with
/// <c>await foreach</c> or gathered with .NET 10's <c>System.Linq.AsyncEnumerable</c> (review80 repro-3, sdcb/chats
/// <c>ChatController.ProcessChatSpan</c>).
/// </summary>
public class StreamedMcpToolListTests
{
    private const string OpenAIUsings = """
        using OpenAI.Chat;
        using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + OpenAIUsings + code,
            References = OlderSdkReferences.Replacing(("ModelContextProtocol.Core", "0.2.0-preview.3")),
            CompilerDiagnostics = compilerDiagnostics,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    // repro-3, reduced: every tool of a remote server converted to an OpenAI function tool, one per streamed element.
    [Fact]
    public Task An_await_foreach_over_EnumerateToolsAsync_is_reported_like_ListToolsAsync() => VerifyAsync("""
        public class ChatController(ChatClient chatClient)
        {
            public async Task<ChatCompletion> ProcessChatSpan(IMcpClient mcpClient, List<OpenAIChatMessage> messages, CancellationToken cancellationToken)
            {
                ChatCompletionOptions cco = new();
                await foreach (McpClientTool tool in {|#0:mcpClient.EnumerateToolsAsync(cancellationToken: cancellationToken)|})
                {
                    cco.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
                }

                return (await chatClient.CompleteChatAsync(messages, cco, cancellationToken)).Value;
            }

            public async Task<ChatCompletion> Control(IMcpClient mcpClient, List<OpenAIChatMessage> messages, CancellationToken cancellationToken)
            {
                ChatCompletionOptions cco = new();
                foreach (McpClientTool tool in {|#1:await mcpClient.ListToolsAsync(cancellationToken: cancellationToken)|})
                {
                    cco.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
                }

                return (await chatClient.CompleteChatAsync(messages, cco, cancellationToken)).Value;
            }
        }
        """,
        Unbounded(0, "'mcpClient.EnumerateToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(1, "'mcpClient.ListToolsAsync()' (an MCP server's whole tool list)"));

    // The stream configured for the await (ConfigureAwait, WithCancellation) or gathered into a list (ToListAsync)
    // is the same tools; MEAI's ChatOptions this time.
    [Fact]
    public Task A_configured_or_gathered_stream_is_reported() => VerifyAsync("""
        class Assistant(IChatClient chatClient)
        {
            public async Task<ChatResponse> AskAsync(IMcpClient client, string question, CancellationToken ct)
            {
                var tools = new List<AITool>();
                await foreach (var tool in {|#0:client.EnumerateToolsAsync().ConfigureAwait(false)|})
                {
                    tools.Add(tool);
                }

                return await chatClient.GetResponseAsync(question, new ChatOptions { Tools = tools }, cancellationToken: ct);
            }

            public async Task<ChatResponse> CancelledAsync(IMcpClient client, string question, CancellationToken ct)
            {
                var options = new ChatOptions { Tools = [] };
                await foreach (var tool in {|#1:client.EnumerateToolsAsync().WithCancellation(ct)|})
                {
                    options.Tools.Add(tool);
                }

                return await chatClient.GetResponseAsync(question, options, cancellationToken: ct);
            }

            public async Task<ChatResponse> GatheredAsync(IMcpClient client, string question, CancellationToken ct)
            {
                var tools = await client.EnumerateToolsAsync(cancellationToken: ct).ToListAsync(ct);
                return await chatClient.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#2:tools|}] }, cancellationToken: ct);
            }
        }
        """,
        Unbounded(0, "'client.EnumerateToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(1, "'client.EnumerateToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(2, "'client.EnumerateToolsAsync()' (an MCP server's whole tool list)"));

    // The neighbours real clients write: an allow-list test in the loop, an allow-list or a cap on the stream itself.
    [Fact]
    public Task An_allow_listed_or_capped_stream_is_not_reported() => VerifyAsync("""
        public class ChatController(ChatClient chatClient)
        {
            private static readonly HashSet<string> Allowed = ["microsoft_docs_search", "microsoft_docs_fetch"];

            public async Task<ChatCompletion> GuardedAsync(IMcpClient mcpClient, List<OpenAIChatMessage> messages, CancellationToken ct)
            {
                ChatCompletionOptions cco = new();
                await foreach (McpClientTool tool in mcpClient.EnumerateToolsAsync(cancellationToken: ct))
                {
                    if (Allowed.Contains(tool.Name))
                    {
                        cco.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
                    }
                }

                return (await chatClient.CompleteChatAsync(messages, cco, ct)).Value;
            }

            public async Task<ChatCompletion> FilteredAsync(IMcpClient mcpClient, List<OpenAIChatMessage> messages, CancellationToken ct)
            {
                ChatCompletionOptions cco = new();
                await foreach (McpClientTool tool in mcpClient.EnumerateToolsAsync(cancellationToken: ct).Where(t => Allowed.Contains(t.Name)))
                {
                    cco.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
                }

                return (await chatClient.CompleteChatAsync(messages, cco, ct)).Value;
            }

            public async Task<ChatCompletion> CappedAsync(IMcpClient mcpClient, List<OpenAIChatMessage> messages, CancellationToken ct)
            {
                ChatCompletionOptions cco = new();
                await foreach (McpClientTool tool in mcpClient.EnumerateToolsAsync(cancellationToken: ct).Take(10))
                {
                    cco.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
                }

                return (await chatClient.CompleteChatAsync(messages, cco, ct)).Value;
            }
        }
        """);

    // Symbols, not names: a method of the project called EnumerateToolsAsync that yields two fixed tools is not a server's list.
    [Fact]
    public Task A_project_method_named_EnumerateToolsAsync_is_not_a_server_list() => VerifyAsync("""
        static class FixedTools
        {
            public static async IAsyncEnumerable<AITool> EnumerateToolsAsync(this IChatClient client)
            {
                await Task.Yield();
                yield return AIFunctionFactory.Create(() => 1, "one");
                yield return AIFunctionFactory.Create(() => 2, "two");
            }
        }

        class Assistant(IChatClient chatClient)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var options = new ChatOptions { Tools = [] };
                await foreach (var tool in chatClient.EnumerateToolsAsync())
                {
                    options.Tools.Add(tool);
                }

                return await chatClient.GetResponseAsync(question, options);
            }
        }
        """);

    // Half-typed code: an unknown client, a misspelled method: error types, nothing to report.
    [Fact]
    public Task Half_typed_streams_are_not_reported_and_do_not_crash() => VerifyAsync("""
        class Assistant(IChatClient chatClient)
        {
            public async Task<ChatResponse> AskAsync(IMcpClient client, string question)
            {
                var options = new ChatOptions { Tools = [] };
                await foreach (var tool in missing.EnumerateToolsAsync())
                {
                    options.Tools.Add(tool);
                }

                await foreach (var tool in client.EnumerateToolAsync())
                {
                    options.Tools.Add(tool);
                }

                return await chatClient.GetResponseAsync(question, options);
            }
        }
        """, CompilerDiagnostics.None);

    // An unfinished call binds to the SDK method all the same (as `ListToolsAsync(` does): only "no exception" is asserted.
    [Fact]
    public async Task An_unfinished_stream_call_does_not_crash()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + "class C { async Task M(IMcpClient client, ChatOptions options) { await foreach (var t in client.EnumerateToolsAsync( options.Tools.Add(t); }",
            References = OlderSdkReferences.Replacing(("ModelContextProtocol.Core", "0.2.0-preview.3")),
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
            // The diagnostics may differ; an analyzer exception must not.
        }
    }
}

/// <summary>AIL0202's code fix on streamed lists: offered on a gathered list, not on the stream an await foreach reads.</summary>
public class StreamedMcpToolListFixTests
{
    private static Task VerifyFixAsync(string code, string fixedCode)
    {
        var test = new CodeFixTest<ToolCatalogAnalyzer, AiLint.CodeFixes.Rules.Tools.CapToolSourceCodeFixProvider>
        {
            TestCode = ToolTestCode.Usings + code,
            FixedCode = ToolTestCode.Usings + fixedCode,
            References = OlderSdkReferences.Replacing(("ModelContextProtocol.Core", "0.2.0-preview.3")),
            MarkupDiagnosticId = "AIL0202",
        };
        return test.RunAsync();
    }

    [Fact]
    public Task A_gathered_stream_is_capped_where_it_enters() => VerifyFixAsync("""
        class Assistant
        {
            async Task<ChatOptions> Build(IMcpClient client)
            {
                var tools = await client.EnumerateToolsAsync().ToListAsync();
                return new ChatOptions { Tools = [.. [|tools|]] };
            }
        }
        """, """
        class Assistant
        {
            async Task<ChatOptions> Build(IMcpClient client)
            {
                var tools = await client.EnumerateToolsAsync().ToListAsync();
                return new ChatOptions { Tools = [.. tools.Take(20)] };
            }
        }
        """);

    // `.Take(20)` on the stream would need an async LINQ: no fix is offered, the diagnostic stays.
    [Fact]
    public Task An_await_foreach_over_the_stream_gets_no_fix()
    {
        const string Code = """
            class Assistant
            {
                async Task Configure(IMcpClient client, ChatOptions options)
                {
                    await foreach (var tool in [|client.EnumerateToolsAsync()|])
                    {
                        options.Tools.Add(tool);
                    }
                }
            }
            """;
        return VerifyFixAsync(Code, Code);
    }
}
