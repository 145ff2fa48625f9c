using System;
using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Models
{
    // Which URL keys of a section can be its model's endpoint: those whose name says so, and those the code uses as one.
    internal static partial class ConfigurationModelIds
    {
        /// <summary>
        /// Whether the URL key <paramref name="key"/> of the section <paramref name="sectionName"/> may point that
        /// section's model at a server: its name says it is the model's endpoint (<see cref="NamesTheModelsServer"/>), or
        /// the section is named for a model service (<c>"OpenAI": { "StatusUrl": ... }</c>), or the code uses the key as an
        /// endpoint (<paramref name="usedAsEndpoint"/>; without it, every URL key may). A key named for something else
        /// (pjmagee/starwars-data's <c>"StarWarsBaseUrl"</c>, the wiki the app scrapes, beside its <c>"OpenAiModel"</c>)
        /// that the code never hands to a client's endpoint, base address or a request other than a GET says nothing
        /// about where the model goes.
        /// </summary>
        private static bool MayBeTheModelsEndpoint(string key, string sectionName, Func<string, bool>? usedAsEndpoint) =>
            usedAsEndpoint == null
            || NamesTheModelsServer(key)
            || NamesAModelService(sectionName)
            || usedAsEndpoint(key);

        /// <summary>
        /// A key every word of which names an endpoint, an API or a model service: <c>Endpoint</c>, <c>BaseUrl</c>,
        /// <c>ApiBase</c>, <c>ServerUrl</c>, <c>OpenAIBaseUrl</c>, <c>OllamaHost</c>, <c>LlmEndpoint</c>,
        /// <c>ChatCompletionsUrl</c>. One other word (<c>StarWars</c>, <c>Wiki</c>, <c>Webhook</c>) makes it another
        /// service's URL, unless the code says otherwise.
        /// </summary>
        private static bool NamesTheModelsServer(string key)
        {
            foreach (var word in Words(key))
            {
                if (!EndpointWords.Contains(word) && !ModelServiceWords.Contains(word))
                {
                    return false;
                }
            }

            return true;
        }

        // A section named for a model service by one of its words ("OpenAI", "Llm", "OllamaSettings", "ChatGpt").
        private static bool NamesAModelService(string sectionName)
        {
            foreach (var word in Words(sectionName))
            {
                if (ModelServiceWords.Contains(word))
                {
                    return true;
                }
            }

            return false;
        }

        // Words that name an address or an API in general.
        private static readonly HashSet<string> EndpointWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "endpoint", "endpoints", "url", "urls", "uri", "uris", "address", "host", "hostname", "domain", "base", "api",
            "apis", "root", "server", "service", "proxy", "gateway", "local", "remote", "custom", "default", "primary",
            "fallback", "backup", "http", "https", "v", "1", "2", "3", "4", "project", "resource", "account", "target",
            "deployment", "client", "instance", "cloud",
        };

        // Words that name a model, its API or a provider of one.
        private static readonly HashSet<string> ModelServiceWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "openai", "open", "ai", "llm", "llms", "gpt", "chatgpt", "chat", "chats", "completion", "completions", "model",
            "models", "inference", "embedding", "embeddings", "generation", "image", "images", "vision", "audio", "speech",
            "agent", "agents", "assistant", "assistants", "kernel", "semantic", "provider", "router",
            "azure", "foundry", "ollama", "lm", "studio", "lmstudio", "groq", "openrouter", "deepseek", "vllm", "localai",
            "litellm", "lite", "anthropic", "claude", "gemini", "google", "vertex", "mistral", "cohere", "together",
            "fireworks", "perplexity", "xai", "grok", "huggingface", "hugging", "face", "hf", "github", "copilot", "nvidia",
            "nim", "bedrock", "cerebras", "sambanova", "deepinfra", "moonshot", "kimi", "qwen", "dashscope", "zhipu",
            "llama", "llamacpp", "tgi", "triton", "sglang", "kobold", "koboldcpp",
        };

        /// <summary>
        /// The words of a key: split at separators, at a lower-case letter followed by an upper-case one, before the last
        /// capital of an acronym that starts a word (<c>OpenAIBaseUrl</c>: Open, AI, Base, Url), and between letters and digits.
        /// </summary>
        private static IEnumerable<string> Words(string key)
        {
            var start = 0;
            for (var i = 0; i <= key.Length; i++)
            {
                var boundary = i == key.Length || !char.IsLetterOrDigit(key[i])
                    || (i > start && char.IsUpper(key[i]) && char.IsLower(key[i - 1]))
                    || (i > start && char.IsUpper(key[i]) && char.IsUpper(key[i - 1]) && i + 1 < key.Length && char.IsLower(key[i + 1]))
                    || (i > start && char.IsDigit(key[i]) != char.IsDigit(key[i - 1]));
                if (!boundary)
                {
                    continue;
                }

                if (i > start)
                {
                    yield return key.Substring(start, i - start);
                }

                start = i < key.Length && !char.IsLetterOrDigit(key[i]) ? i + 1 : i;
            }
        }
    }
}
