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
            VisitPaths(node, notModelIds, string.Empty, usedAsEndpoint: null, (_, key, value, skip) => onString(key, value, skip));

        // VisitStrings, with each string's configuration path (sections joined by ':', as IConfiguration spells keys).
        // usedAsEndpoint tells which URL keys not named for a model's server the code uses as an endpoint (null: any may).
        private static void VisitPaths(JsonNode node, bool notModelIds, string path, Func<string, bool>? usedAsEndpoint, Action<string, string, JsonNode, bool> onString)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            if (node.Kind == JsonNodeKind.Array)
            {
                var index = 0;
                foreach (var item in node.Items)
                {
                    VisitPaths(item, notModelIds, Child(path, index++.ToString(System.Globalization.CultureInfo.InvariantCulture)), usedAsEndpoint, onString);
                }
            }
            else if (node.Kind == JsonNodeKind.Object)
            {
                notModelIds = notModelIds || DescribesAzure(node) || DescribesAnotherServer(node, SectionName(path), usedAsEndpoint) || PricesAModel(node);
                foreach (var property in node.Properties)
                {
                    if (property.Value.Kind == JsonNodeKind.String)
                    {
                        onString(Child(path, property.Key), property.Key, property.Value, notModelIds);
                    }
                    else
                    {
                        VisitPaths(property.Value, notModelIds || NamesAnotherProvider(property.Key), Child(path, property.Key), usedAsEndpoint, onString);
                    }
                }
            }
        }

        private static string Child(string path, string key) => path.Length == 0 ? key : path + ":" + key;

        // The name of the section at a path: its last segment that is not an array index ("Llm:Providers:0" is "Providers").
        private static string SectionName(string path)
        {
            var segments = path.Split(':');
            for (var i = segments.Length - 1; i >= 0; i--)
            {
                if (segments[i].Length > 0 && !int.TryParse(segments[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    return segments[i];
                }
            }

            return string.Empty;
        }
    }
}
