using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Sdks;

/// <summary>
/// Half-typed calls and messages of the older and community SDKs, compiled against their real assemblies: the retry and
/// prompt analyzers must not throw (the robustness corpus compiles against the default references, which lack them).
/// </summary>
public class HalfTypedOlderSdkCodeTests
{
    public static TheoryData<string> Snippets() => new()
    {
        """
        using Azure.AI.OpenAI;
        class C
        {
            async System.Threading.Tasks.Task M(OpenAIClient client)
            {
                for (var i = 0; i < 3; i++) { try { await client.GetChatCompletionsAsync( } catch { } }
                var m = new ChatMessage(ChatRole.
            }
        }
        """,
        """
        using Azure.AI.Inference;
        class C
        {
            async System.Threading.Tasks.Task M(ChatCompletionsClient client)
            {
                while (true) { try { await foreach (var u in await client.CompleteStreamingAsync() { } } catch { } }
                var m = new ChatRequestSystemMessage(
            }
        }
        """,
        """
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        class C
        {
            async System.Threading.Tasks.Task M(IOpenAIService openAi)
            {
                for (var i = 0; i < 3; i++) { var r = await openAi.ChatCompletion.CreateCompletion(; if (r.Successful) return; }
                var m = ChatMessage.FromSystem(
                var n = new ChatMessage(
            }
        }
        """,
        """
        using OpenAI_API;
        using OpenAI_API.Chat;
        class C
        {
            async System.Threading.Tasks.Task M(OpenAIAPI api)
            {
                var chat = api.Chat.CreateConversation();
                chat.AppendSystemMessage(
                chat.AppendMessage(ChatMessageRole.System
                for (;;) { try { await chat.GetResponseFromChatbotAsync(; } catch { } }
            }
        }
        """,
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Half_typed_code_never_crashes_the_retry_or_prompt_analyzer(string source)
    {
        var references = source.Contains("Azure.AI.OpenAI", StringComparison.Ordinal) ? OlderSdkReferences.AzureOpenAIBeta
            : source.Contains("Azure.AI.Inference", StringComparison.Ordinal) ? OlderSdkReferences.AzureAIInference
            : source.Contains("Betalgo", StringComparison.Ordinal) ? OlderSdkReferences.Betalgo
            : OlderSdkReferences.OpenAIApi;
        var compilation = CSharpCompilation.Create(
            "HalfTyped",
            new[] { CSharpSyntaxTree.ParseText(source, path: "Test0.cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RetryAnalyzer(), new PromptEvalCoverageAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
