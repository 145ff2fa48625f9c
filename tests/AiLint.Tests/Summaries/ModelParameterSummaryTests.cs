using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Summaries;

/// <summary>
/// What a library records under <c>AiLint.ModelParameter</c> (<see cref="ModelParameterSummary"/>), and how a reader
/// treats a record it does not know the form of.
/// </summary>
public class ModelParameterSummaryTests
{
    // Written by hand from the documentation-comment id format and the library's bodies (CrossProjectModelParameterTests.Library).
    [Fact]
    public void The_library_records_the_parameters_that_reach_a_named_provider_slot()
    {
        var values = Values(CrossProjectModelParameterTests.CreateLibrary());
        Assert.Equal(
            new[]
            {
                "M:Infra.ClaudeFactory.Create(Anthropic.AnthropicClient,System.String)|1:anthropic",
                "M:Infra.IChatService.AskAsync(System.String,System.String)|1:openai",
                "M:Infra.OpenAiChatService.#ctor(System.String,System.String)|1:openai",
                "M:Infra.OpenAiChatService.AskAsync(System.String,System.String)|1:openai",
                "M:Infra.PrimaryChatService.#ctor(OpenAI.OpenAIClient,System.String)|1:openai",
                "M:Infra.RequestOptions.For(System.String)|0:neutral",
                "M:Infra.StoredModelService.#ctor(OpenAI.OpenAIClient,System.String)|1:openai",
                "M:Infra.TypedChat`1.#ctor(OpenAI.OpenAIClient,System.String)|1:openai",
            },
            values);
    }

    // Quiet on purpose: slots of two providers, a virtual method, a parameter the method rewrites, a field another
    // member rewrites, an internal type; an interface whose second implementation (a fake) does not reach a slot.
    // Its internal sole implementation's interface, by contrast, is recorded.
    [Fact]
    public void Mixed_overridable_rewritten_and_disagreeing_members_are_not_recorded()
    {
        var values = Values(CrossProjectModelParameterTests.CreateLibrary("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;
            using OpenAI;

            namespace Lib
            {
                public enum Provider { OpenAI, Anthropic }

                public class Factory
                {
                    public IChatClient Both(Provider provider, OpenAIClient openAI, AnthropicClient claude, string model) => provider switch
                    {
                        Provider.OpenAI => openAI.GetChatClient(model).AsIChatClient(),
                        _ => claude.AsIChatClient(model),
                    };

                    public virtual object Virtual(OpenAIClient client, string model) => client.GetChatClient(model);

                    public object Rewritten(OpenAIClient client, string model)
                    {
                        model ??= "gpt-4o";
                        return client.GetChatClient(model);
                    }
                }

                public class Swappable
                {
                    private readonly OpenAIClient _client;
                    private string _model;

                    public Swappable(OpenAIClient client, string model)
                    {
                        _client = client;
                        _model = model;
                    }

                    public void Use(string other) => _model = other;

                    public object Chat() => _client.GetChatClient(_model);
                }

                internal class Hidden
                {
                    public object Chat(OpenAIClient client, string model) => client.GetChatClient(model);
                }

                public interface ITranslator { object Translate(string text, string model); }

                public sealed class OpenAiTranslator(OpenAIClient client) : ITranslator
                {
                    public object Translate(string text, string model) => client.GetChatClient(model);
                }

                public sealed class FakeTranslator : ITranslator
                {
                    public object Translate(string text, string model) => text;
                }

                public interface ISummarizer { object Summarize(string text, string model); }

                internal sealed class OpenAiSummarizer(OpenAIClient client) : ISummarizer
                {
                    public object Summarize(string text, string model) => client.GetChatClient(model);
                }
            }
            """));
        Assert.Equal(
            new[]
            {
                "M:Lib.ISummarizer.Summarize(System.String,System.String)|1:openai",
                "M:Lib.OpenAiTranslator.Translate(System.String,System.String)|1:openai",
            },
            values);
    }

    // An OpenAI slot beside a provider-neutral one is recorded as OpenAI's (both check every id); a primary
    // constructor's parameter that a member writes, or that reaches an Azure client, is not recorded.
    [Fact]
    public void Openai_beside_neutral_slots_and_primary_constructor_twins()
    {
        var values = Values(CrossProjectModelParameterTests.CreateLibrary("""
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;

            namespace Lib
            {
                public static class Both
                {
                    public static (ChatClient, ChatOptions) Make(OpenAIClient client, string model) =>
                        (client.GetChatClient(model), new ChatOptions { ModelId = model });
                }

                public sealed class Written(OpenAIClient client, string model)
                {
                    public ChatClient Chat()
                    {
                        model ??= "gpt-4o";
                        return client.GetChatClient(model);
                    }
                }

                public sealed class OnAzure(AzureOpenAIClient client, string deployment)
                {
                    public ChatClient Chat() => client.GetChatClient(deployment);
                }
            }
            """));
        Assert.Equal(new[] { "M:Lib.Both.Make(OpenAI.OpenAIClient,System.String)|1:openai" }, values);
    }

    // Half-typed library code: the summary does not throw and records nothing whose slot does not bind.
    [Fact]
    public void Half_typed_library_code_records_nothing_unbound()
    {
        var compilation = CSharpCompilation.Create(
            "Broken",
            new[]
            {
                CSharpSyntaxTree.ParseText("""
                    using OpenAI;
                    namespace Lib
                    {
                        public class Service
                        {
                            public object Chat(OpenAIClient client, string model) => client.GetChatClent(model);
                            public object Other(Missing client, string model) => client.GetChatClient(model);
                            public Service(string model) { _chat = new ChatClient(model, ); }
                            public object Cut(OpenAIClient client, string model) => client.GetChatClient(
                        }
                    """, new CSharpParseOptions(LanguageVersion.Latest)),
            },
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(Values(compilation));
    }

    [Theory]
    [InlineData("1:openai", "1=openai")]
    [InlineData("0:anthropic,2:neutral", "0=anthropic;2=neutral")]
    public void The_reader_parses_this_version_s_form(string detail, string expected)
    {
        var parsed = ReferencedModelParameters.Parse(detail);
        Assert.NotNull(parsed);
        Assert.Equal(expected, string.Join(";", parsed!.OrderBy(pair => pair.Key).Select(pair => pair.Key + "=" + pair.Value)));
    }

    // A later writer's form (an extra field, a provider this reader does not know, no provider) is ignored whole.
    [Theory]
    [InlineData("1:openai:pinned")]
    [InlineData("1:ollama")]
    [InlineData("1")]
    [InlineData("1:openai,x")]
    [InlineData("1:openai,1:openai")]
    public void The_reader_ignores_a_form_it_does_not_know(string detail) =>
        Assert.Null(ReferencedModelParameters.Parse(detail));

    // A record written by hand into a library without the generator: read in this version's form; in a later form,
    // ignored (the same call is quiet).
    [Theory]
    [InlineData("0:openai", true)]
    [InlineData("0:openai:v2", false)]
    [InlineData("0:azure", false)]
    public async Task A_hand_written_record_is_read_only_in_this_version_s_form(string detail, bool reported)
    {
        var library = CSharpCompilation.Create(
            "Hand",
            new[]
            {
                CSharpSyntaxTree.ParseText($$"""
                    [assembly: System.Reflection.AssemblyMetadata("AiLint.ModelParameter", "M:Hand.Chat.Create(System.String)|{{detail}}")]
                    namespace Hand
                    {
                        public static class Chat
                        {
                            public static object Create(string name) => name;
                        }
                    }
                    """, new CSharpParseOptions(LanguageVersion.Latest)),
            },
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = reported
                ? "class App { object Run() => Hand.Chat.Create({|AIL0503:\"gpt-4-0613\"|}); OpenAI.OpenAIClient? client; }"
                : "class App { object Run() => Hand.Chat.Create(\"gpt-4-0613\"); OpenAI.OpenAIClient? client; }",
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(library)),
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        await test.RunAsync();
    }

    private static List<string> Values(Compilation compilation) =>
        ModelParameterSummary.Entries(compilation, CancellationToken.None)
            .Select(entry => { Assert.Equal(ModelParameterSummary.Key, entry.Key); return entry.Value; })
            .OrderBy(value => value, StringComparer.Ordinal)
            .ToList();
}
