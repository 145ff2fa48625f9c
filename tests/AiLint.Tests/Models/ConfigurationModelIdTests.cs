using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>AIL0501-AIL0503 on model ids configured in appsettings*.json, at the value in the file.</summary>
public class ConfigurationModelIdTests
{
    // The app reads its model from configuration at run time: only the file shows the id.
    private const string App = """
        using Microsoft.Extensions.AI;
        class C
        {
            ChatOptions M(string model) => new ChatOptions { ModelId = model };
        }
        """;

    [Fact]
    public Task Model_values_are_checked_where_they_are_written() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      // comments are allowed, as in .NET configuration files
                      "OpenAI": { "ChatModel": "gpt-4o", "Model": "my-fine-tune" },
                      "Anthropic": { "Models": [ { "ModelId": "claude-3-opus-20240229" } ] },
                      "Summaries": { "model": "gpt-5-mini" }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 3, 28, 3, 36),
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 4, 43, 4, 67),
            Diagnostic("AIL0502").WithSpan("/0/appsettings.json", 5, 27, 5, 39));

    [Fact]
    public Task Deployment_names_other_keys_and_unreadable_files_are_not_model_ids() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.Production.json", """
                    {
                      "AzureOpenAI": { "Model": "gpt-4o", "DeploymentName": "gpt-4o" },
                      "Ui": { "Title": "gpt-4o", "ModelVersion": "gpt-4o" }
                    }
                    """),
                ("appsettings.Development.json", "{ \"OpenAI\": { \"ChatModel\": \"gpt-4o\", } "),
                ("config/models.json", "{ \"ChatModel\": \"gpt-4o\" }"),
            });

    // Sections that configure Azure OpenAI under another name ("OpenAI", "LLM"): a deployment key or an Azure endpoint
    // next to the model says the value labels a deployment. A plain OpenAI section next to it is still checked.
    [Fact]
    public Task Sections_that_describe_an_Azure_deployment_are_skipped() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "OpenAI": { "Endpoint": "https://contoso.openai.azure.com/", "Model": "gpt-4" },
                      "Llm": { "ChatDeploymentName": "chat", "ChatModel": "gpt-3.5-turbo" },
                      "Fallback": { "Endpoint": "https://api.openai.com/v1", "Model": "gpt-4" }
                    }
                    """),
            },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 4, 67, 4, 74));

    // eShop-style settings: the endpoint is left empty in the file and filled from user secrets or the environment,
    // where it names an Azure OpenAI resource whose deployment the "ChatModel" key holds. OpenAI's own API needs no
    // endpoint, so an empty or placeholder endpoint (or base URL) says the server is chosen elsewhere. A section without one is
    // still checked, and so is one whose endpoint is OpenAI's.
    [Fact]
    public Task Sections_whose_endpoint_is_filled_elsewhere_are_skipped() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "OpenAI": { "Endpoint": "", "ChatModel": "gpt-4o" },
                      "Embeddings": { "ApiEndpoint": "<your-endpoint>", "Model": "gpt-4" },
                      "Summaries": { "ApiKey": "", "Model": "gpt-4" },
                      "Images": { "BaseUrl": "", "Model": "gpt-4" },
                      "Chat": { "Endpoint": "https://api.openai.com/v1", "Model": "gpt-4" }
                    }
                    """),
            },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 4, 41, 4, 48),
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 6, 63, 6, 70));

    [Fact]
    public Task Without_an_sdk_configuration_is_not_read()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = "class C { }",
            References = AiLint.Tests.Verifiers.ReferenceAssemblies.FrameworkOnly,
        };
        test.AdditionalFiles.Add(("appsettings.json", "{ \"ChatModel\": \"gpt-4o\" }"));
        return test.RunAsync();
    }
}

/// <summary>
/// appsettings sections for OpenAI-compatible servers (Ollama's /v1, LM Studio, Groq), paraphrased from public apps
/// that switch providers by configuration: the model there is the server's name, not an OpenAI model on OpenAI's dates.
/// </summary>
public class OtherServerConfigurationTests
{
    private const string App = """
        using Microsoft.Extensions.AI;
        class C
        {
            ChatOptions M(string model) => new ChatOptions { ModelId = model };
        }
        """;

    [Fact]
    public Task Sections_for_another_server_are_skipped_and_OpenAI_sections_are_checked() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "Local": { "Endpoint": "http://localhost:1234/v1", "Model": "gpt-4" },
                      "Llm": { "BaseUrl": "https://api.groq.com/openai/v1", "ChatModel": "gpt-3.5-turbo" },
                      "Ollama": { "Model": "gpt-4" },
                      "OpenAI": { "Endpoint": "https://api.openai.com/v1", "Model": "gpt-4" },
                      "Chat": { "Model": "gpt-3.5-turbo" }
                    }
                    """),
            },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 5, 65, 5, 72).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 6, 22, 6, 37).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // .NET Aspire's AI integrations build the OpenAI client from a connection string; when its endpoint is Azure OpenAI
    // (or a local server) the file's model keys name deployments, in whatever section the app keeps them.
    [Fact]
    public Task A_connection_string_to_azure_openai_makes_the_files_models_deployments() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "ConnectionStrings": { "openai": "Endpoint=https://contoso-ai.openai.azure.com/;Key=placeholder" },
                      "AI": { "ChatModel": "gpt-4" }
                    }
                    """),
                ("appsettings.Development.json", """
                    {
                      "ConnectionStrings": { "chat": "Endpoint=http://localhost:11434;Model=llama3" },
                      "Chat": { "Model": "gpt-3.5-turbo" }
                    }
                    """),
            });

    // Twins: a connection string to OpenAI itself, or to a database, says nothing about the model keys.
    [Fact]
    public Task Connection_strings_to_openai_or_a_database_do_not_hide_model_ids() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "ConnectionStrings": { "openai": "Endpoint=https://api.openai.com/v1;Key=placeholder" },
                      "AI": { "ChatModel": "gpt-4" }
                    }
                    """),
                ("appsettings.Production.json", """
                    {
                      "ConnectionStrings": { "db": "Server=.;Database=app;Trusted_Connection=True" },
                      "AI": { "ChatModel": "gpt-4" }
                    }
                    """),
            },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 3, 24, 3, 31),
            Diagnostic("AIL0503").WithSpan("/0/appsettings.Production.json", 3, 24, 3, 31));

    // A tokenizer setting only picks an encoding (TiktokenTokenizer.CreateForModel("gpt-4") is cl100k_base): nothing is
    // sent to that model. The chat model next to it is still checked.
    [Fact]
    public Task Tokenizer_models_are_not_model_ids() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "Chunking": { "TokenizerModel": "gpt-4", "EncodingModel": "gpt-3.5-turbo", "MaxTokens": 512 },
                      "OpenAI": { "ChatModel": "gpt-4" }
                    }
                    """),
            },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 3, 28, 3, 35));

    // Cost trackers keep a price row for every model they bill, retired ones included: the id labels a price. A model
    // setting next to (not inside) the price table is still checked.
    [Fact]
    public Task Price_table_rows_are_not_model_settings() =>
        VerifyAsync(
            App,
            new[]
            {
                ("appsettings.json", """
                    {
                      "CostTracking": {
                        "Rates": [
                          { "Model": "gpt-4-32k", "InputPer1K": 0.06, "OutputPer1K": 0.12 },
                          { "ModelId": "gpt-3.5-turbo-0613", "PricePerMillionTokens": 1.5 }
                        ],
                        "FallbackModel": "gpt-4"
                      }
                    }
                    """),
            },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 7, 22, 7, 29));
}
