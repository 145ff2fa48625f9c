using System;
using System.Collections.Generic;
using AiLint.Analyzers.Json;

namespace AiLint.Analyzers.Rules.Models
{
    // File-level exemptions: a file whose model keys all name Azure deployments or another server's models (an Aspire
    // connection string to another server, a file that only talks to Azure OpenAI).
    internal static partial class ConfigurationModelIds
    {
        /// <summary>
        /// A top-level <c>ConnectionStrings</c> entry in the form .NET Aspire's AI integrations read
        /// (<c>"Endpoint=https://contoso.openai.azure.com/;Key=..."</c>) whose endpoint is not OpenAI's or Anthropic's
        /// own: the app's OpenAI client is built from it, so the model keys of the file name Azure deployments or that
        /// server's models. A connection string without an <c>Endpoint=</c> part (a database) says nothing.
        /// </summary>
        private static bool ConnectsToAnotherServer(JsonNode root)
        {
            if (root.Kind != JsonNodeKind.Object)
            {
                return false;
            }

            foreach (var section in root.Properties)
            {
                if (!section.Key.Equals("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || section.Value.Kind != JsonNodeKind.Object)
                {
                    continue;
                }

                foreach (var entry in section.Value.Properties)
                {
                    if (entry.Value.Kind == JsonNodeKind.String && entry.Value.Text is { } text && EndpointOf(text) is { } endpoint
                        && Uri.TryCreate(endpoint, UriKind.Absolute, out var url)
                        && !url.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase)
                        && !url.Host.Equals("api.anthropic.com", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A file whose endpoint keys (<see cref="NamesAnEndpoint"/>) hold only Azure OpenAI URLs, and that has at least
        /// one such URL or a section named for Azure OpenAI or Azure AI (its endpoint may be left empty for user secrets
        /// or an Aspire connection string), and that names no other provider: no key mentions OpenAI without Azure, Anthropic or Gemini, and no <c>"Provider"</c>
        /// value names one. Its model keys, in whatever section, label Azure deployments. A file with an OpenAI section
        /// (even one without an endpoint: OpenAI's own API needs none), or any other endpoint, keeps the per-section rules.
        /// </summary>
        private static bool OnlyTalksToAzure(JsonNode root)
        {
            var azure = false;
            var stack = new Stack<JsonNode>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node.Kind == JsonNodeKind.Array)
                {
                    foreach (var item in node.Items)
                    {
                        stack.Push(item);
                    }

                    continue;
                }

                if (node.Kind != JsonNodeKind.Object)
                {
                    continue;
                }

                foreach (var property in node.Properties)
                {
                    if (NamesAnotherVendor(property.Key))
                    {
                        return false;
                    }

                    // A search index, vector store, database or telemetry collector beside the model's service
                    // ("OpenSearch": { "Endpoint": "http://localhost:9200" }, review75) says nothing about where the
                    // model keys go: its endpoints neither prove nor refute Azure.
                    if (property.Value.Kind == JsonNodeKind.Object && NamesADataService(property.Key))
                    {
                        continue;
                    }

                    if (property.Value.Kind != JsonNodeKind.String)
                    {
                        // "AzureOpenAI": { "Endpoint": "", "ChatDeployment": ... }: Aspire and user-secrets apps leave
                        // the endpoint empty in the file, but the section still says which service the app talks to.
                        azure |= property.Value.Kind == JsonNodeKind.Object && NamesAzureOpenAI(property.Key);
                        stack.Push(property.Value);
                        continue;
                    }

                    if (property.Value.Text is not { } text)
                    {
                        continue;
                    }

                    if (property.Key.IndexOf("provider", StringComparison.OrdinalIgnoreCase) >= 0 && NamesAnotherVendor(text))
                    {
                        return false;
                    }

                    if (NamesAnEndpoint(property.Key) && Uri.TryCreate(text, UriKind.Absolute, out var url)
                        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                    {
                        if (!IsAzureOpenAIHost(url.Host))
                        {
                            return false;
                        }

                        azure = true;
                    }
                }
            }

            return azure;
        }

        // Words of a section name that mark a data or telemetry service, not a model's server: whole words of the key
        // ("OpenSearch", "VectorDb", "BlobStorage", "KeyVault"), so "ResearchAgent" or "Storyteller" do not count.
        private static readonly HashSet<string> DataServiceWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "search", "elasticsearch", "elastic", "vector", "vectors", "qdrant", "milvus", "chroma", "chromadb", "pinecone",
            "weaviate", "redis", "mongo", "mongodb", "postgres", "postgresql", "cosmos", "cosmosdb", "database", "db",
            "storage", "blob", "vault", "otlp", "seq",
        };

        private static bool NamesADataService(string key)
        {
            var start = 0;
            for (var i = 1; i <= key.Length; i++)
            {
                // A word ends at the key's end, before a separator, or before an upper-case letter that follows a lower-case one.
                if (i == key.Length || !char.IsLetterOrDigit(key[i]) || (char.IsUpper(key[i]) && char.IsLower(key[i - 1])))
                {
                    if (i > start && DataServiceWords.Contains(key.Substring(start, i - start)))
                    {
                        return true;
                    }

                    start = i < key.Length && !char.IsLetterOrDigit(key[i]) ? i + 1 : i;
                }
            }

            return false;
        }

        // "AzureOpenAI", "Azure_OpenAI", "AzureAI", "AzureAIFoundry": Azure's model services, addressed by deployment
        // names. Not "AzureAd", "AzureStorage" or "AzureSearch", which say nothing about the model's server.
        private static bool NamesAzureOpenAI(string key) =>
            key.IndexOf("azure", StringComparison.OrdinalIgnoreCase) >= 0
            && (key.IndexOf("openai", StringComparison.OrdinalIgnoreCase) >= 0
                || key.IndexOf("azureai", StringComparison.OrdinalIgnoreCase) >= 0
                || key.IndexOf("foundry", StringComparison.OrdinalIgnoreCase) >= 0);

        private static bool IsAzureOpenAIHost(string host) =>
            host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".services.ai.azure.com", StringComparison.OrdinalIgnoreCase);

        // "OpenAI" (not "AzureOpenAI"), "Anthropic", "Claude", "Gemini": a provider that does not take deployment names.
        private static bool NamesAnotherVendor(string text) =>
            (text.IndexOf("openai", StringComparison.OrdinalIgnoreCase) >= 0 && text.IndexOf("azure", StringComparison.OrdinalIgnoreCase) < 0)
            || text.IndexOf("anthropic", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("claude", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("gemini", StringComparison.OrdinalIgnoreCase) >= 0;

        // The value of the "Endpoint" part of a "Key=Value;Key=Value" connection string, if it has one.
        private static string? EndpointOf(string connectionString)
        {
            foreach (var part in connectionString.Split(';'))
            {
                var equals = part.IndexOf('=');
                if (equals > 0 && part.Substring(0, equals).Trim().Equals("Endpoint", StringComparison.OrdinalIgnoreCase))
                {
                    return part.Substring(equals + 1).Trim();
                }
            }

            return null;
        }
    }
}
