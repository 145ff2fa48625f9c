using System;
using System.Collections.Generic;
using AiLint.Analyzers.Json;

namespace AiLint.Analyzers.Rules.Models
{
    // A model key the code hands to OpenAI's own API (DirectOpenAISettingsPaths): checked where the file, or a section
    // around it, would otherwise make it a deployment name or another server's model.
    internal static partial class ConfigurationModelIds
    {
        /// <summary>
        /// Whether the model key at <paramref name="keyPath"/> is one the code hands to an OpenAI client created without
        /// options, in a section that says nothing of a server of its own: no URL key the code may use as an endpoint, no
        /// deployment key, no Azure endpoint (<see cref="DescribesAnotherServer"/>, <see cref="DescribesAzure"/>). Such a
        /// section's own endpoint may still be the client's elsewhere in the code, so only the file's exemptions (an
        /// Azure-only file, an Aspire connection string) and those of the sections around it give way to the code.
        /// </summary>
        private static bool SentToOpenAI(JsonNode root, string keyPath, Lazy<HashSet<string>> sentToOpenAI, Func<string, bool> usedAsEndpoint)
        {
            if (!sentToOpenAI.Value.Contains(keyPath))
            {
                return false;
            }

            var last = keyPath.LastIndexOf(':');
            var sectionPath = last < 0 ? string.Empty : keyPath.Substring(0, last);
            return SectionAt(root, sectionPath) is { Kind: JsonNodeKind.Object } section
                && !DescribesAzure(section)
                && !DescribesAnotherServer(section, SectionName(sectionPath), usedAsEndpoint);
        }

        // The object or array at a configuration path as the file spells it (the path VisitPaths gave); null if none.
        private static JsonNode? SectionAt(JsonNode root, string path)
        {
            var node = root;
            if (path.Length == 0)
            {
                return node;
            }

            foreach (var segment in path.Split(':'))
            {
                JsonNode? next = null;
                if (node.Kind == JsonNodeKind.Object)
                {
                    foreach (var property in node.Properties)
                    {
                        if (property.Key == segment)
                        {
                            next = property.Value;
                            break;
                        }
                    }
                }
                else if (node.Kind == JsonNodeKind.Array
                    && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                    && index < node.Items.Count)
                {
                    next = node.Items[index];
                }

                if (next == null)
                {
                    return null;
                }

                node = next;
            }

            return node;
        }
    }
}
