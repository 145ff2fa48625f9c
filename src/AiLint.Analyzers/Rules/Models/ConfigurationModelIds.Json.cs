using System;
using System.Runtime.CompilerServices;
using AiLint.Analyzers.Json;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Models
{
    // The JSON walk every settings-file read shares: one parse per text, and a visit of every string with its
    // configuration path and whether the sections on the way say its values are not model ids.
    internal static partial class ConfigurationModelIds
    {
        // Both the file action (Report) and the settings-default check (ConfiguredKeys) read the same settings text in
        // one compilation: parse it once per text instance. Read as .NET's configuration reads it (comments of both
        // kinds, trailing commas); a file the app could not load is null (ConfigurationJson).
        private static JsonNode? ParseCached(SourceText text) =>
            Trees.GetValue(text, t => new ParsedSettings(ConfigurationJson.Parse(t.ToString()))).Root;

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
    }
}
