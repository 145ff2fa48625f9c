using System;
using System.Collections.Generic;

namespace AiLint.Analyzers.Json
{
    /// <summary>
    /// <c>appsettings*.json</c> read as .NET's JSON configuration provider reads it, so that a file the app loads is
    /// read and a file the app cannot load adds nothing. The provider's <c>JsonConfigurationFileParser</c>
    /// (Microsoft.Extensions.Configuration.Json, dotnet/runtime <c>src/libraries/Microsoft.Extensions.Configuration.Json/src/JsonConfigurationFileParser.cs</c>)
    /// parses with <c>JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }</c>:
    /// <c>//</c> and <c>/* */</c> comments and trailing commas are accepted (shrnshlm/FromGenerator's appsettings.json
    /// ends with a <c>/* example request */</c> block). It then rejects, with a <see cref="FormatException"/> that stops
    /// the app at startup, a root that is not an object and a value whose configuration key another value of the file
    /// already set (keys compare case-insensitively, <c>"Model"</c> and <c>"model"</c> in one section); neither file
    /// is read here either.
    /// </summary>
    internal static class ConfigurationJson
    {
        /// <summary>The file's root object, or <see langword="null"/> when .NET's configuration reader would reject the file.</summary>
        public static JsonNode? Parse(string text)
        {
            var root = JsonTree.Parse(text, JsonReaderOptions.ConfigurationFile, out _, out _);
            return root is { Kind: JsonNodeKind.Object } && !SetsAKeyTwice(root) ? root : null;
        }

        // The provider's walk, in document order (children pushed last first): a leaf (string, number, boolean, null)
        // adds its key and fails when the key is there already; an empty object sets its key without that check; an
        // empty array adds nothing.
        private static bool SetsAKeyTwice(JsonNode root)
        {
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pending = new Stack<(JsonNode Node, string Path)>();
            pending.Push((root, string.Empty));
            while (pending.Count > 0)
            {
                var (node, path) = pending.Pop();
                switch (node.Kind)
                {
                    case JsonNodeKind.Object when node.Properties.Count == 0:
                        if (path.Length > 0)
                        {
                            keys.Add(path);
                        }

                        break;
                    case JsonNodeKind.Object:
                        for (var i = node.Properties.Count - 1; i >= 0; i--)
                        {
                            pending.Push((node.Properties[i].Value, Child(path, node.Properties[i].Key)));
                        }

                        break;
                    case JsonNodeKind.Array:
                        for (var i = node.Items.Count - 1; i >= 0; i--)
                        {
                            pending.Push((node.Items[i], Child(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                        }

                        break;
                    default:
                        if (!keys.Add(path))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static string Child(string path, string key) => path.Length == 0 ? key : path + ":" + key;
    }
}
