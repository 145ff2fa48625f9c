using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Configuration;
using AiLint.Analyzers.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Model ids in <c>appsettings*.json</c> AdditionalFiles. A value counts when its key names a model: <c>Model</c>,
    /// <c>ModelId</c>, <c>ModelName</c>, or a key ending in <c>Model</c> or <c>ModelId</c> (<c>ChatModel</c>,
    /// <c>EmbeddingModelId</c>), case-insensitive, holding a string. Values under a section whose name contains
    /// <c>Azure</c>, or in a section that names a deployment or an Azure endpoint, are skipped: Azure OpenAI is addressed
    /// by deployment names, which are not model ids. So are all model keys of a file whose only endpoints are Azure
    /// OpenAI's and that names no other provider (per-agent models in sibling sections). A file that is
    /// not valid JSON is skipped silently: it is the app's file, not AiLint's. Read in a project that references an LLM SDK
    /// (against the whole table) or, without one, that posts to a provider's generation endpoint over plain
    /// <c>HttpClient</c> (against the view its POSTs allow, <see cref="RawHttpSettingsView"/>); in no other project.
    /// </summary>
    internal static class ConfigurationModelIds
    {
        public static bool IsSettingsFile(string? path)
        {
            var name = path == null ? null : System.IO.Path.GetFileName(path);
            return name != null
                && name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
                && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Every key that holds a string in the project's settings files, at any depth (case-insensitive, as
        /// configuration binding matches keys). Files that are not valid JSON add nothing. The keys that some file sets
        /// to a real value (<see cref="SettingTexts.IsRealValue"/>) are in the set a second time, as
        /// <see cref="WithRealValue"/> spells them: the analyzer hands the set to its checks as one predicate, and
        /// <see cref="HasRealValue"/> asks it for those.
        /// </summary>
        public static HashSet<string> ConfiguredKeys(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
            {
                if (IsSettingsFile(file.Path) && file.GetText(cancellationToken) is { } text && ParseCached(text) is { } root)
                {
                    VisitStrings(root, notModelIds: false, (key, value, _) =>
                    {
                        keys.Add(key);
                        if (SettingTexts.IsRealValue(value.Text))
                        {
                            keys.Add(WithRealValue(key));
                        }
                    });
                }
            }

            return keys;
        }

        /// <summary>Whether some settings file sets <paramref name="key"/> to a real value (not empty, not a placeholder).</summary>
        public static bool HasRealValue(Func<string, bool> isConfigured, string key) => isConfigured(WithRealValue(key));

        // A key's entry for "set to a real value": a leading ':' no last segment of a configuration key starts with.
        private static string WithRealValue(string key) => ":" + key;

        /// <summary>
        /// Every string value of every key of the project's settings files, by key (case-insensitive), at any depth and
        /// whatever section holds it: where <see cref="BaseAddressValues"/> reads configured base URLs.
        /// </summary>
        public static Dictionary<string, List<string>> StringValues(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
            {
                if (IsSettingsFile(file.Path) && file.GetText(cancellationToken) is { } text && ParseCached(text) is { } root)
                {
                    VisitStrings(root, notModelIds: false, (key, value, _) =>
                    {
                        if (value.Text is { } valueText)
                        {
                            if (!values.TryGetValue(key, out var list))
                            {
                                values.Add(key, list = new List<string>());
                            }

                            list.Add(valueText);
                        }
                    });
                }
            }

            return values;
        }

        /// <summary>
        /// The string values of keys the file check does not read (<c>ChatCompletionModelName</c>, <c>Writer</c>), by key
        /// (case-insensitive), for the code to check when it hands the settings property of that name to a model slot
        /// (<see cref="LinkedSettingsValues"/>). Left out, as the file check leaves them out: values in a section for Azure
        /// (deployments) or another server, in a price-table row, in a file that connects elsewhere, and any key naming a
        /// deployment. Keys the file check reads are left out too: they are reported there.
        /// </summary>
        public static Dictionary<string, List<(AdditionalText File, SourceText Text, JsonNode Value)>> UnreadValues(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            var values = new Dictionary<string, List<(AdditionalText, SourceText, JsonNode)>>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
            {
                if (!IsSettingsFile(file.Path) || file.GetText(cancellationToken) is not { } text || ParseCached(text) is not { } root
                    || ConnectsToAnotherServer(root) || OnlyTalksToAzure(root))
                {
                    continue;
                }

                VisitStrings(root, notModelIds: false, (key, value, notModelIds) =>
                {
                    if (!notModelIds && !NamesAModel(key) && key.IndexOf("deployment", StringComparison.OrdinalIgnoreCase) < 0 && value.Text is { Length: > 0 })
                    {
                        if (!values.TryGetValue(key, out var list))
                        {
                            values.Add(key, list = new List<(AdditionalText, SourceText, JsonNode)>());
                        }

                        list.Add((file, text, value));
                    }
                });
            }

            return values;
        }

        /// <summary>
        /// Reports the model ids <paramref name="table"/> knows (the whole table, or a raw-HTTP project's view) at
        /// <paramref name="file"/>'s model keys, with the severity the project configured
        /// for the file (<see cref="AdditionalFileSeverity"/>: the compiler applies no <c>.editorconfig</c> to it).
        /// </summary>
        public static void Report(AdditionalText file, SourceText text, ModelTable table, AdditionalFileSeverity severity, Action<Diagnostic> report, CancellationToken cancellationToken) =>
            Report(file, text, table, severity, report, keepPath: null, cancellationToken);

        /// <summary>
        /// As the overload without <paramref name="keepPath"/>, only at the model keys whose configuration path
        /// (<c>Llm:Model</c>, sections joined by <c>:</c>, array items by their index) it keeps: the keys a referenced
        /// library's raw POST sends (Summaries/RawHttpSettingsModels.cs).
        /// </summary>
        public static void Report(AdditionalText file, SourceText text, ModelTable table, AdditionalFileSeverity severity, Action<Diagnostic> report, Func<string, bool>? keepPath, CancellationToken cancellationToken)
        {
            var path = file.Path;
            if (ParseCached(text) is not { } root)
            {
                return;
            }

            // An Aspire-style file that connects to Azure OpenAI or a local server through a connection string names
            // deployments (or that server's models) in its model keys, whatever section holds them.
            // So does a file whose only endpoints are Azure OpenAI's and that names no other provider: a multi-agent
            // config ("AzureOpenAI": { "Endpoint": ... } beside "Agents": { "Triage": { "Model": ... } }) keeps one
            // deployment name per agent in sibling sections.
            var connectsElsewhere = ConnectsToAnotherServer(root) || OnlyTalksToAzure(root);
            VisitPaths(root, notModelIds: connectsElsewhere, string.Empty, (keyPath, key, value, notModelIds) =>
            {
                if (!notModelIds && NamesAModel(key) && (keepPath == null || keepPath(keyPath)) && value.Text is { } id && table.Find(id) is { } row)
                {
                    var span = TextSpan.FromBounds(value.Start, value.End);
                    var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
                    if (ModelIdDiagnostics.Create(row, id, location, table.CompiledOn, file, severity, cancellationToken) is { } diagnostic)
                    {
                        report(diagnostic);
                    }
                }
            });
        }

        // Both the file action (Report) and the settings-default check (ConfiguredKeys) read the same settings text in
        // one compilation: parse it once per text instance.
        private static JsonNode? ParseCached(SourceText text) =>
            Trees.GetValue(text, t => new ParsedSettings(JsonTree.Parse(t.ToString(), out _, out _))).Root;

        private static readonly ConditionalWeakTable<SourceText, ParsedSettings> Trees = new ConditionalWeakTable<SourceText, ParsedSettings>();

        private sealed class ParsedSettings
        {
            public ParsedSettings(JsonNode? root) => Root = root;

            public JsonNode? Root { get; }
        }

        /// <summary>
        /// Calls <paramref name="onString"/> for every property holding a string, at any depth, with whether its values are
        /// not model ids: a section on the way configures Azure OpenAI (deployment names) or another server (that server's
        /// names), or the object is a price-table row; an Aspire connection string marks the whole file.
        /// </summary>
        private static void VisitStrings(JsonNode node, bool notModelIds, Action<string, JsonNode, bool> onString) =>
            VisitPaths(node, notModelIds, string.Empty, (_, key, value, skip) => onString(key, value, skip));

        // VisitStrings, with each string's configuration path (sections joined by ':', as IConfiguration spells keys).
        private static void VisitPaths(JsonNode node, bool notModelIds, string path, Action<string, string, JsonNode, bool> onString)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            if (node.Kind == JsonNodeKind.Array)
            {
                var index = 0;
                foreach (var item in node.Items)
                {
                    VisitPaths(item, notModelIds, Child(path, index++.ToString(System.Globalization.CultureInfo.InvariantCulture)), onString);
                }
            }
            else if (node.Kind == JsonNodeKind.Object)
            {
                notModelIds = notModelIds || DescribesAzure(node) || DescribesAnotherServer(node) || PricesAModel(node);
                foreach (var property in node.Properties)
                {
                    if (property.Value.Kind == JsonNodeKind.String)
                    {
                        onString(Child(path, property.Key), property.Key, property.Value, notModelIds);
                    }
                    else
                    {
                        VisitPaths(property.Value, notModelIds || NamesAnotherProvider(property.Key), Child(path, property.Key), onString);
                    }
                }
            }
        }

        private static string Child(string path, string key) => path.Length == 0 ? key : path + ":" + key;

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
        /// </summary>
        private static bool DescribesAnotherServer(JsonNode section)
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
                        && !url.Host.Equals("api.anthropic.com", StringComparison.OrdinalIgnoreCase))
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
                else if (property.Key.IndexOf("endpoint", StringComparison.OrdinalIgnoreCase) >= 0
                    || property.Key.IndexOf("url", StringComparison.OrdinalIgnoreCase) >= 0
                    || property.Key.IndexOf("uri", StringComparison.OrdinalIgnoreCase) >= 0)
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
