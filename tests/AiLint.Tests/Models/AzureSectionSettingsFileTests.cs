using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A settings file for Azure OpenAI whose endpoint is left empty (filled from user secrets or an Aspire connection
/// string at run time): its section still names the service, so per-agent <c>"Model"</c> values beside it are
/// deployment names (review75 FP-1, vobrechkov/SemanticHub: <c>"AgentFramework": { "AzureOpenAI": { "Endpoint": "",
/// "ChatDeployment": ... }, "DefaultAgent": { "Model": "gpt-4o-mini" } }</c>). The twins keep the checks: a section that
/// only mentions Azure (<c>AzureAd</c>), a file that also names OpenAI, or one with another endpoint.
/// </summary>
public class AzureSectionSettingsFileTests
{
    private const string App = """
        using System;
        using System.ClientModel;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        class Agents
        {
            IChatClient Build(Uri endpoint, string key, AgentSettings agent) =>
                new AzureOpenAIClient(endpoint, new ApiKeyCredential(key)).GetChatClient(agent.Model).AsIChatClient();
        }

        public sealed class AgentSettings
        {
            public string Name { get; set; } = "";
            public string Model { get; set; } = "";
        }
        """;

    [Fact]
    public Task Agent_models_beside_an_Azure_section_with_an_empty_endpoint_are_deployment_names() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "AgentFramework": {
                        "AzureOpenAI": {
                          "Endpoint": "",
                          "ChatDeployment": "gpt-4o-mini",
                          "ApiKey": ""
                        },
                        "DefaultAgent": {
                          "Name": "SemanticHub Assistant",
                          "Model": "gpt-4o-mini"
                        }
                      }
                    }
                    """),
                ("appsettings.Development.json", """
                    {
                      "AzureAIFoundry": { "ProjectEndpoint": "<from user secrets>" },
                      "Agents": [ { "Name": "Writer", "Model": "gpt-4o" } ]
                    }
                    """),
            });

    [Fact]
    public Task Agent_models_beside_a_section_that_only_mentions_Azure_or_beside_OpenAI_are_checked() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "AzureAd": { "Instance": "https://login.microsoftonline.com/", "ClientId": "" },
                      "Agent": { "Model": "gpt-4o" }
                    }
                    """),
                ("appsettings.Staging.json", """
                    {
                      "AzureOpenAI": { "Endpoint": "" },
                      "OpenAI": { "ApiKey": "" },
                      "Agent": { "Model": "gpt-4o" }
                    }
                    """),
                ("appsettings.Test.json", """
                    {
                      "AzureOpenAI": { "Endpoint": "" },
                      "Fallback": { "BaseUrl": "https://api.openai.com/v1" },
                      "Agent": { "Model": "gpt-4o" }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 3, 23, 3, 31),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.Staging.json", 4, 23, 4, 31),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.Test.json", 4, 23, 4, 31));

    /// <summary>
    /// The real file beside the Azure section also configures its search index and a local OpenSearch
    /// (<c>"OpenSearch": { "Endpoint": "http://localhost:9200" }</c>): a data service's endpoint says nothing about the
    /// model's server, so the agent's model is still a deployment name.
    /// </summary>
    [Fact]
    public Task Endpoints_of_search_indexes_and_vector_stores_beside_the_Azure_section_do_not_count() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "AgentFramework": {
                        "AzureOpenAI": { "Endpoint": "", "ChatDeployment": "gpt-4o-mini" },
                        "DefaultAgent": { "Model": "gpt-4o-mini" },
                        "Memory": {
                          "AzureSearch": { "Endpoint": "", "IndexName": "knowledge-index" },
                          "OpenSearch": { "Endpoint": "http://localhost:9200" }
                        }
                      },
                      "VectorDb": { "BaseUrl": "http://localhost:6333" },
                      "BlobStorage": { "ServiceUri": "https://contoso.blob.core.windows.net/" }
                    }
                    """),
            });

    /// <summary>
    /// The twins: a section whose name only contains such a word (<c>ResearchAgent</c>) and that points at OpenAI's
    /// own API, and a local model server beside the Azure section, still keep the file's other model keys checked.
    /// </summary>
    [Fact]
    public Task A_model_server_in_a_section_that_only_contains_a_data_word_still_counts() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "AzureOpenAI": { "Endpoint": "" },
                      "ResearchAgent": { "Endpoint": "https://api.openai.com/v1" },
                      "Agent": { "Model": "gpt-4o" }
                    }
                    """),
                ("appsettings.Local.json", """
                    {
                      "AzureOpenAI": { "Endpoint": "" },
                      "Llm": { "Endpoint": "http://localhost:11434/v1" },
                      "Agent": { "Model": "gpt-4o" }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 4, 23, 4, 31),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.Local.json", 4, 23, 4, 31));

    [Fact]
    public Task A_half_written_settings_file_with_an_Azure_section_reports_nothing_and_does_not_throw() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "AzureOpenAI": { "Endpoint": "",
                      "Agent": { "Model": "gpt-4o"
                    """),
            });
}
