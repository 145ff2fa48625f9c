using System.Collections.Immutable;
using AiLint.Analyzers.Gating;
using AiLint.Tests.Robustness;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Sdks;

/// <summary>
/// The per-file gate (Gating/RelevantFiles) in projects that call the model only through an older or community SDK:
/// the file calling the SDK and a plain file retrying the project's wrapper are analysed, an unrelated file is not.
/// </summary>
public class OlderSdkGateTests
{
    private const string Plain = """
        namespace Shop;
        public sealed record Order(int Id, decimal Total);
        """;

    private const string Jobs = """
        using System;
        using System.Threading.Tasks;
        namespace Shop;
        public static class Jobs
        {
            public static async Task<string?> Run(Gateway gateway, string q)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return await gateway.AskAsync(q); }
                    catch (Exception) { await Task.Delay(1000); }
                }

                return null;
            }
        }
        """;

    public static TheoryData<string> Sdks() => new() { "Betalgo", "OpenAIApi" };

    [Theory]
    [MemberData(nameof(Sdks))]
    public async Task Only_the_SDK_file_and_the_plain_retry_around_its_wrapper_are_relevant_and_the_retry_is_reported(string sdk)
    {
        var (gateway, references) = sdk switch
        {
            "Betalgo" => ("""
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Betalgo.Ranul.OpenAI.Interfaces;
                using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
                namespace Shop;
                public sealed class Gateway(IOpenAIService openAi)
                {
                    public async Task<string?> AskAsync(string q)
                    {
                        var result = await openAi.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = new List<ChatMessage> { ChatMessage.FromUser(q) } });
                        return result.Successful ? result.Choices[0].Message.Content : throw new System.InvalidOperationException(result.Error?.Message);
                    }
                }
                """, OlderSdkReferences.Betalgo),
            _ => ("""
                using System.Threading.Tasks;
                using OpenAI_API;
                namespace Shop;
                public sealed class Gateway(OpenAIAPI api)
                {
                    public async Task<string?> AskAsync(string q)
                    {
                        var chat = api.Chat.CreateConversation();
                        chat.AppendUserInput(q);
                        return await chat.GetResponseFromChatbotAsync();
                    }
                }
                """, OlderSdkReferences.OpenAIApi),
        };
        var project = TestProjectBuilder.Create(
            new[] { ("/0/Gateway.cs", gateway), ("/0/Jobs.cs", Jobs), ("/0/Plain.cs", Plain) },
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>(),
            references,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);
        Assert.True((await AnalyzerRunner.GetCompilerErrorsAsync(project)).IsEmpty);

        var compilation = (await project.GetCompilationAsync())!;
        var gate = RelevantFiles.For(compilation, project.AnalyzerOptions);
        var answers = compilation.SyntaxTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => gate.IsRelevant(t));
        Assert.True(answers["Gateway.cs"]);
        Assert.True(answers["Jobs.cs"]);
        Assert.False(answers["Plain.cs"]);

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, AiLintComponents.CreateAnalyzers());
        var retries = diagnostics
            .Where(d => d.Id == "AIL0001" && d.Location.IsInSource)
            .Select(d => Path.GetFileName(d.Location.SourceTree!.FilePath) + ": " + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))
            .ToList();
        Assert.Equal(new[] { "Jobs.cs: AskAsync" }, retries);
    }
}
