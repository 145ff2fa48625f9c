using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on the configured value of a settings property the code hands to a model slot, whatever the key's
/// name (review39 M1: erraineon/Beef's <c>"ChatCompletionModelName": "gpt-4o"</c> overrode the class default and was
/// never checked, as the file check only reads keys named like <c>Model</c>/<c>ModelId</c>). Also a community SDK's
/// catalog entry as a settings default (Staticsoft/Content's <c>public string Model { get; init; } = Models.Gpt_4;</c>).
/// Each positive sits beside the correct code or the unlinked key that stays quiet.
/// </summary>
public class LinkedSettingsKeyTests
{
    private const string BetalgoUsings = """
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;

        """;

    private static Task VerifyBetalgoAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { References = OlderSdkReferences.Betalgo, TestCode = BetalgoUsings + code };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The Beef shape: the json value replaces the class default (not reported), and is itself checked, on the json.
    // The key named like the others ("ChatModel") is reported once, by the file check, not twice.
    [Fact]
    public Task The_configured_value_of_a_ModelName_key_bound_to_a_slot_is_checked() =>
        VerifyBetalgoAsync("""
            public class OpenAiOptions { public string ChatCompletionModelName { get; set; } = "gpt-4"; }
            public class SummaryOptions { public string ChatModel { get; set; } = "gpt-4"; }
            class Svc(IOpenAIService ai, OpenAiOptions o, SummaryOptions s)
            {
                public Task<ChatCompletionCreateResponse> Chat() => ai.ChatCompletion.CreateCompletion(
                    new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser("hi")] }, o.ChatCompletionModelName);
                public Task<ChatCompletionCreateResponse> Again() => ai.ChatCompletion.CreateCompletion(
                    new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser("hi")] }, o.ChatCompletionModelName);
                public Task<ChatCompletionCreateResponse> Summary() => ai.ChatCompletion.CreateCompletion(
                    new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser("hi")] }, s.ChatModel);
            }
            """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "OpenAiOptions": {
                        "ApiKey": "null",
                        "ChatCompletionModelName": "gpt-4o"
                      },
                      "SummaryOptions": { "ChatModel": "gpt-4o" }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 4, 32, 4, 40),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 6, 36, 6, 44));

    // Any name, and no class default needed: the property is bound from configuration and read at the slot. A current
    // dated snapshot in the same shape is fine, and so is a key ending in ModelName that nothing hands to a slot.
    [Fact]
    public Task Only_keys_whose_property_reaches_a_slot_are_read() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            public class AiSettings
            {
                public string Writer { get; set; }
                public string Reviewer { get; init; }
            }
            public class Car { public string CarModelName { get; set; } }
            class Agents(OpenAIClient client, AiSettings settings, Car car)
            {
                ChatClient Writer() => client.GetChatClient(settings.Writer);
                ChatClient Reviewer() => client.GetChatClient(settings.Reviewer);
                string Label() => car.CarModelName;
            }
            """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "Ai": { "Writer": "gpt-4o-mini", "Reviewer": "gpt-5.5-2026-04-23" },
                      "Garage": { "CarModelName": "gpt-4" }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 2, 21, 2, 34));

    // Deployments are never model ids, wherever the code sends them; an embedding model's key is read like any other
    // (the table holds no embedding rows, so text-embedding-3-small is no finding). The chat key beside them reports.
    [Fact]
    public Task Deployment_and_embedding_keys_stay_quiet_beside_a_reported_chat_key() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            using OpenAI.Embeddings;
            public class AiSettings
            {
                public string DeploymentName { get; set; }
                public string EmbeddingModelName { get; set; }
                public string CompletionModelName { get; set; }
            }
            class Clients(OpenAIClient client, AiSettings settings)
            {
                ChatClient Chat() => client.GetChatClient(settings.DeploymentName);
                EmbeddingClient Embeddings() => client.GetEmbeddingClient(settings.EmbeddingModelName);
                ChatClient Completion() => client.GetChatClient(settings.CompletionModelName);
            }
            """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "Chat": { "DeploymentName": "gpt-4o" },
                      "Embeddings": { "EmbeddingModelName": "text-embedding-3-small" },
                      "Completion": { "CompletionModelName": "gpt-4o" }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 4, 42, 4, 50));

    // A section that points the client at another server names that server's models; so does a slot whose client the
    // code sends elsewhere. The OpenAI section's key, read at an OpenAI slot, still reports.
    [Fact]
    public Task Values_for_another_server_stay_quiet() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;
            public class LocalSettings { public string LocalModelName { get; set; } }
            public class RemoteSettings { public string RemoteModelName { get; set; } }
            public class CloudSettings { public string CloudModelName { get; set; } }
            class Clients(OpenAIClient client, LocalSettings local, RemoteSettings remote, CloudSettings cloud)
            {
                ChatClient Local() => client.GetChatClient(local.LocalModelName);
                void Remote()
                {
                    var chat = new ChatClient(remote.RemoteModelName, new ApiKeyCredential("k"),
                        new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") });
                    chat.CompleteChat(new UserChatMessage("hi"));
                }
                ChatClient Cloud() => client.GetChatClient(cloud.CloudModelName);
            }
            """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "Ollama": { "LocalModelName": "gpt-4o" },
                      "Remote": { "RemoteModelName": "gpt-4o" },
                      "Cloud": { "CloudModelName": "gpt-4o" }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 4, 32, 4, 40));

    // Half-typed code: the slot's call is not closed; the link is still read without a crash.
    [Fact]
    public Task Half_typed_code_does_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using OpenAI;
                using OpenAI.Chat;
                public class AiSettings { public string ChatModelName { get; set; } public string { get; set; } }
                class Agents(OpenAIClient client, AiSettings settings)
                {
                    ChatClient Writer() => client.GetChatClient(settings.ChatModelName
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("appsettings.json", """{ "Ai": { "ChatModelName": "gpt-4o", "": "gpt-4o" } }"""));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 1, 28, 1, 36));
        return test.RunAsync();
    }

    // ---- A community SDK's catalog entry as a settings default (review39, not promised before) ----

    // Read through the same catalog as at the slot: Models.Gpt_4 is "gpt-4", shut down, and Models.Gpt_4o_mini_2024_07_18
    // shuts down on 2027-01-14 (Betalgo 9.2.6 lists no dated chat model without a shutdown date). A current snapshot
    // written as a default is fine.
    [Fact]
    public Task A_Betalgo_catalog_entry_as_a_settings_default_is_followed() =>
        VerifyBetalgoAsync("""
            public class CatalogOptions { public string Model { get; init; } = Models.Gpt_4; }
            public class PinnedOptions { public string Model { get; init; } = Models.Gpt_4o_mini_2024_07_18; }
            public class CurrentOptions { public string Model { get; init; } = "gpt-5.4-2026-03-05"; }
            class Svc(IOpenAIService ai, CatalogOptions c, PinnedOptions p, CurrentOptions n)
            {
                public Task<ChatCompletionCreateResponse> A() => ai.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser("hi")], Model = {|AIL0503:c.Model|} });
                public Task<ChatCompletionCreateResponse> B() => ai.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser("hi")], Model = {|AIL0502:p.Model|} });
                public Task<ChatCompletionCreateResponse> C() => ai.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser("hi")], Model = n.Model });
            }
            """,
            System.Array.Empty<(string, string)>());

    // Overridden by appsettings.json like a literal default: the configured value is the one checked.
    [Fact]
    public Task A_catalog_default_overridden_in_appsettings_is_not_reported() =>
        VerifyBetalgoAsync("""
            public class CatalogOptions { public string Model { get; init; } = Models.Gpt_4; }
            class Svc(IOpenAIService ai, CatalogOptions c)
            {
                public Task<ChatCompletionCreateResponse> A() => ai.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser("hi")], Model = c.Model });
            }
            """,
            new[] { ("appsettings.json", """{ "Content": { "Model": "gpt-5.5-2026-04-23" } }""") });
}
