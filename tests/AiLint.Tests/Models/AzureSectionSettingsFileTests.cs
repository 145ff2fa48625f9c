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
