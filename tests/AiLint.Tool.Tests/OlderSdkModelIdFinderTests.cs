using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;
using Microsoft.CodeAnalysis;

namespace AiLint.Tool.Tests;

/// <summary>
/// The community SDKs' model slots in the BOM (Betalgo.Ranul.OpenAI, OkGoDoIt's OpenAI_API), read through the rules' own
/// recognition (KnownOlderSdkModelSymbols), against the real assemblies. Beside them, what stays out: configured ids,
/// OpenAI_API's settable default, and every slot of a project that points the SDK at Azure or another server.
/// </summary>
public class OlderSdkModelIdFinderTests
{
    [Fact]
    public void Betalgo_request_service_and_catalog_ids_are_listed()
    {
        var uses = Find("""
            using System.Threading.Tasks;
            using Betalgo.Ranul.OpenAI;
            using Betalgo.Ranul.OpenAI.Interfaces;
            using Betalgo.Ranul.OpenAI.Managers;
            using Betalgo.Ranul.OpenAI.ObjectModels;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            public class Chat(IOpenAIService openAi, string configured)
            {
                public ChatCompletionCreateRequest Catalog() => new ChatCompletionCreateRequest { Model = Models.Gpt_4o };
                public ChatCompletionCreateRequest Literal() => new ChatCompletionCreateRequest { Model = "gpt-3.5-turbo-0613" };
                public Task Argument(ChatCompletionCreateRequest request) => openAi.ChatCompletion.CreateCompletion(request, "gpt-4-32k");
                public OpenAIService Default(string key) => new OpenAIService(new OpenAIOptions { ApiKey = key, DefaultModelId = Models.Gpt_4 });
                public ChatCompletionCreateRequest Configured() => new ChatCompletionCreateRequest { Model = configured };
            }
            """, OlderSdkReferences.Betalgo);

        Assert.Equal(
            [
                ("openai", "gpt-4o", "catalog-member", 10),
                ("openai", "gpt-3.5-turbo-0613", "literal", 11),
                ("openai", "gpt-4-32k", "literal", 12),
                ("openai", "gpt-4", "catalog-member", 13),
            ],
            uses.Select(u => (u.Provider, u.Id, u.Source, u.Location.Line)));
        Assert.Equal("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatCompletionCreateRequest.Model", uses[0].Slot);
    }

    [Fact]
    public void OpenAI_API_catalog_and_written_ids_are_listed_but_not_the_settable_default()
    {
        var uses = Find("""
            using System.Threading.Tasks;
            using OpenAI_API;
            using OpenAI_API.Chat;
            using OpenAI_API.Completions;
            using OpenAI_API.Models;

            public class Chat(OpenAIAPI api)
            {
                public ChatRequest Turbo() => new ChatRequest { Model = Model.ChatGPTTurbo };
                public Conversation Vision() => new Conversation(api.Chat as ChatEndpoint, new Model("gpt-4-vision-preview"));
                public Task<CompletionResult> Curie(string prompt) => api.Completions.CreateCompletionAsync(prompt, Model.CurieText);
                public ChatRequest Default() => new ChatRequest { Model = Model.DefaultChatModel };
            }
            """, OlderSdkReferences.OpenAIApi);

        Assert.Equal(
            [
                ("openai", "gpt-3.5-turbo", "catalog-member", 9),
                ("openai", "gpt-4-vision-preview", "catalog-member", 10),
                ("openai", "text-curie-001", "catalog-member", 11),
            ],
            uses.Select(u => (u.Provider, u.Id, u.Source, u.Location.Line)));
    }

    // OpenAIAPI.ForAzure: the ids are deployment names of that project, and which requests go there is not visible.
    [Fact]
    public void A_project_pointing_the_SDK_at_Azure_lists_none_of_its_slots()
    {
        var uses = Find("""
            using OpenAI_API;
            using OpenAI_API.Chat;
            using OpenAI_API.Models;

            public static class Chat
            {
                public static OpenAIAPI Create(string key) => OpenAIAPI.ForAzure("contoso", "chat", key);
                public static ChatRequest Request() => new ChatRequest { Model = Model.ChatGPTTurbo };
            }
            """, OlderSdkReferences.OpenAIApi);

        Assert.Empty(uses);
    }

    [Fact]
    public void Half_typed_community_SDK_code_does_not_throw()
    {
        var compilation = SdkCompilation.Create("""
            using Betalgo.Ranul.OpenAI.ObjectModels;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
            public class Chat
            {
                public ChatCompletionCreateRequest A() => new ChatCompletionCreateRequest { Model = Models. };
                public ChatCompletionCreateRequest B() => new ChatCompletionCreateRequest { Model = };
                public object C() => new ChatCompletionCreateRequest(
            """, OlderSdkReferences.Betalgo);

        var uses = ModelIdFinder.Find(compilation, (tree, line) => new SourceLocation("Code.cs", line)).ToList();

        Assert.Empty(uses);
    }

    private static List<ModelUse> Find(string source, IReadOnlyList<MetadataReference> sdk)
    {
        var compilation = SdkCompilation.Create(source, sdk);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return ModelIdFinder.Find(compilation, (tree, line) => new SourceLocation("Code.cs", line)).ToList();
    }
}
