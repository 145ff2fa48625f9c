using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A multi-agent settings file whose only endpoint is Azure OpenAI's: per-agent <c>"Model"</c> values in sibling sections
/// (<c>"Agents:*:Model"</c>) are deployment names the code passes to <c>AzureOpenAIClient.GetChatClient</c>, so the
/// model table does not apply to them (reviewer 12, FP2; repro AzureAgentConfigModels). The same file for OpenAI itself,
/// or one that also names OpenAI or another endpoint, is still checked.
/// </summary>
public class AzureOnlySettingsFileTests
{
    // The repro's code: every agent's model goes to an Azure OpenAI client as a deployment name.
    private const string App = """
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        class Agents
        {
            IEnumerable<IChatClient> Build(Uri endpoint, string key, Dictionary<string, AgentConfig> agents)
            {
                var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                foreach (var (name, cfg) in agents)
                {
                    yield return azure.GetChatClient(cfg.Model).AsIChatClient();
                }
            }
        }

        public sealed class AgentConfig
        {
            public string Model { get; set; } = "";
            public float Temperature { get; set; }
        }
        """;

    [Fact]
    public Task Agent_models_beside_an_Azure_endpoint_are_deployment_names() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "AzureOpenAI": {
                        "Endpoint": "https://contoso.openai.azure.com/",
                        "ApiKey": ""
                      },
                      "Agents": {
                        "Triage": { "Model": "gpt-4o", "Temperature": 0.2 },
                        "Billing": { "Model": "gpt-4-turbo", "Temperature": 0.2 }
                      }
                    }
                    """),
                ("appsettings.Development.json", """
                    {
                      "Llm": { "Endpoint": "https://contoso-ai.services.ai.azure.com/" },
                      "Agents": [ { "Name": "Writer", "Model": "gpt-4" } ]
                    }
                    """),
            });

    // The twin the exemption must not reach: the same agents for OpenAI's own API (an "OpenAI" section needs no endpoint),
    // a file that also has an OpenAI section or a provider switch naming OpenAI, and one whose other endpoint is OpenAI's.
    [Fact]
    public Task Agent_models_of_a_file_that_also_talks_to_OpenAI_are_checked() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "OpenAI": { "ApiKey": "" },
                      "Agents": { "Triage": { "Model": "gpt-4o" } }
                    }
                    """),
                ("appsettings.Staging.json", """
                    {
                      "AzureOpenAI": { "Endpoint": "https://contoso.openai.azure.com/" },
                      "OpenAI": { "ApiKey": "" },
                      "Agents": { "Triage": { "Model": "gpt-4o" } }
                    }
                    """),
                ("appsettings.Production.json", """
                    {
                      "AzureOpenAI": { "Endpoint": "https://contoso.openai.azure.com/" },
                      "Agents": { "Triage": { "Provider": "OpenAI", "Model": "gpt-4o" } }
                    }
                    """),
                ("appsettings.Test.json", """
                    {
                      "AzureOpenAI": { "Endpoint": "https://contoso.openai.azure.com/" },
                      "Fallback": { "BaseUrl": "https://api.openai.com/v1" },
                      "Agents": { "Triage": { "Model": "gpt-4o" } }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.Production.json", 3, 58, 3, 66),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.Staging.json", 4, 36, 4, 44),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.Test.json", 4, 36, 4, 44),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 3, 36, 3, 44));
}
