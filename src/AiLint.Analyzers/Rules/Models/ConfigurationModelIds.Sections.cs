using System;
using System.Collections.Generic;
using AiLint.Analyzers.Json;

namespace AiLint.Analyzers.Rules.Models
{
    // What a section or a key says about its values: a section for Azure OpenAI or another server, a price-table row,
    // a key naming an endpoint or a model.
    internal static partial class ConfigurationModelIds
    {
        /// <summary>
        /// A section that configures Azure OpenAI without saying so in its name: a sibling key names a deployment
        /// (<c>"DeploymentName"</c>, <c>"ChatDeployment"</c>) or a value is an Azure OpenAI endpoint
        /// (<c>https://contoso.openai.azure.com/</c>). Its <c>"Model"</c> then labels a deployment.
        /// </summary>
        private static bool DescribesAzure(JsonNode section)
        {
            foreach (var property in section.Properties)
            {
                if (property.Key.IndexOf("deployment", StringComparison.OrdinalIgnoreCase) >= 0
                    || IsAzureProviderType(property)
                    || (property.Value.Kind == JsonNodeKind.String
                        && property.Value.Text is { } text
                        && (text.IndexOf(".openai.azure.com", StringComparison.OrdinalIgnoreCase) >= 0
                            || text.IndexOf(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase) >= 0
                            || text.IndexOf(".services.ai.azure.com", StringComparison.OrdinalIgnoreCase) >= 0)))
                {
                    return true;
                }
            }

            return false;
        }

        // Betalgo's OpenAIServiceOptions select Azure with "ProviderType": "Azure" (the enum's name, as configuration binds it).
        private static bool IsAzureProviderType(KeyValuePair<string, JsonNode> property) =>
            property.Key.Equals("ProviderType", StringComparison.OrdinalIgnoreCase)
            && property.Value.Kind == JsonNodeKind.String
            && string.Equals(property.Value.Text, "Azure", StringComparison.OrdinalIgnoreCase);

        // Sections named after Azure or an OpenAI-compatible server ("AzureOpenAI", "Ollama", "LMStudio", "Groq",
        // "OpenRouter", "DeepSeek"): their model names are that server's, not OpenAI's.
        private static readonly string[] OtherProviders = { "azure", "ollama", "lmstudio", "lm_studio", "groq", "openrouter", "deepseek", "vllm", "localai" };

        private static bool NamesAnotherProvider(string key)
        {
            foreach (var provider in OtherProviders)
            {
                if (key.IndexOf(provider, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A section that points an OpenAI-compatible client at another server: a key naming an endpoint or URL
        /// (<c>"Endpoint"</c>, <c>"BaseUrl"</c>, <c>"BaseAddress"</c>, <c>"Host"</c>) holds an absolute http(s) URL whose
        /// host is not OpenAI's or Anthropic's (<c>http://localhost:11434/v1</c>, <c>https://api.groq.com/openai/v1</c>).
        /// Its <c>"Model"</c> is that server's name, which need not follow OpenAI's dates. So is a section whose
        /// <c>"Endpoint"</c> (or URL) is left empty or holds a placeholder: the server is chosen outside the file. A
        /// relative path (<c>"ChatCompletionsEndpoint": "/v1/chat/completions"</c>) names no server: it says nothing.
        /// Neither does a URL key named for another service that the code does not use as an endpoint
        /// (<see cref="MayBeTheModelsEndpoint"/>: <c>"StarWarsBaseUrl"</c>, a wiki the app scrapes).
        /// </summary>
        private static bool DescribesAnotherServer(JsonNode section, string sectionName, Func<string, bool>? usedAsEndpoint)
        {
            foreach (var property in section.Properties)
            {
                if (property.Value.Kind != JsonNodeKind.String || property.Value.Text is not { } text || !NamesAnEndpoint(property.Key))
                {
                    continue;
                }

                if (Uri.TryCreate(text, UriKind.Absolute, out var url)
                    && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                {
                    if (!url.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase)
                        && !url.Host.Equals("api.anthropic.com", StringComparison.OrdinalIgnoreCase)
                        && MayBeTheModelsEndpoint(property.Key, sectionName, usedAsEndpoint))
                    {
                        return true;
                    }
                }
                else if (SettingTexts.IsRelativePath(text) && SettingTexts.IsRealValue(text))
                {
                    // "ChatCompletionsEndpoint": "/v1/chat/completions" beside "ApiBaseUrl": "https://api.openai.com"
                    // (review72 M-1): a path on the section's base URL, which decides the server on its own.
                    continue;
                }
                else if ((property.Key.IndexOf("endpoint", StringComparison.OrdinalIgnoreCase) >= 0
                        || property.Key.IndexOf("url", StringComparison.OrdinalIgnoreCase) >= 0
                        || property.Key.IndexOf("uri", StringComparison.OrdinalIgnoreCase) >= 0)
                    && MayBeTheModelsEndpoint(property.Key, sectionName, usedAsEndpoint))
                {
                    // "Endpoint": "" (or "<your-endpoint>", "BaseUrl": "") is filled from user secrets or the environment at deploy
                    // time: OpenAI's own API needs no endpoint setting, so the section talks to a server the file does
                    // not name (Azure OpenAI in eShop-style apps, whose model keys then hold deployment names).
                    return true;
                }
            }

            return false;
        }

        // Keys that price a model ("InputPer1K", "OutputPricePerMillion", "CostPerToken").
        private static readonly string[] PriceWords = { "price", "cost", "per1k", "per1m", "permillion", "perthousand", "pertoken", "per1000" };

        /// <summary>
        /// A row of a price table (<c>{ "Model": "gpt-4-32k", "InputPer1K": 0.06, "OutputPer1K": 0.12 }</c>), as cost
        /// trackers and gateways keep for every model they have ever billed: the id labels a price, no request goes to it.
        /// </summary>
        private static bool PricesAModel(JsonNode section)
        {
            foreach (var property in section.Properties)
            {
                if (property.Value.Kind != JsonNodeKind.Number)
                {
                    continue; // a price is a number; a section named "CostTracking" is not a price
                }

                foreach (var word in PriceWords)
                {
                    if (property.Key.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // "domain": Betalgo's OpenAIServiceOptions name the server "BaseDomain".
        private static bool NamesAnEndpoint(string key) =>
            key.IndexOf("endpoint", StringComparison.OrdinalIgnoreCase) >= 0
            || key.IndexOf("domain", StringComparison.OrdinalIgnoreCase) >= 0
            || key.IndexOf("url", StringComparison.OrdinalIgnoreCase) >= 0
            || key.IndexOf("uri", StringComparison.OrdinalIgnoreCase) >= 0
            || key.IndexOf("address", StringComparison.OrdinalIgnoreCase) >= 0
            || key.IndexOf("host", StringComparison.OrdinalIgnoreCase) >= 0;

        // A tokenizer's model ("TokenizerModel": "gpt-4" for TiktokenTokenizer.CreateForModel) only picks an encoding:
        // no request goes to that model, so its retirement does not matter.
        private static bool NamesAModel(string key) =>
            (key.Equals("ModelName", StringComparison.OrdinalIgnoreCase)
                || key.EndsWith("Model", StringComparison.OrdinalIgnoreCase)
                || key.EndsWith("ModelId", StringComparison.OrdinalIgnoreCase))
            && key.IndexOf("tokenizer", StringComparison.OrdinalIgnoreCase) < 0
            && key.IndexOf("encoding", StringComparison.OrdinalIgnoreCase) < 0;
    }
}
