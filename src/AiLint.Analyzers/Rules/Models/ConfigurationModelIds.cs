using System;
using System.Collections.Generic;
using AiLint.Analyzers.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Model ids in <c>appsettings*.json</c> AdditionalFiles. A value counts when its key names a model: <c>Model</c>,
    /// <c>ModelId</c>, <c>ModelName</c>, or a key ending in <c>Model</c> or <c>ModelId</c> (<c>ChatModel</c>,
    /// <c>EmbeddingModelId</c>), case-insensitive, holding a string. Values under a section whose name contains
    /// <c>Azure</c> are skipped: Azure OpenAI is addressed by deployment names, which are not model ids. A file that is
    /// not valid JSON is skipped silently: it is the app's file, not AiLint's.
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
        /// configuration binding matches keys). Files that are not valid JSON add nothing.
        /// </summary>
        public static HashSet<string> ConfiguredKeys(System.Collections.Immutable.ImmutableArray<AdditionalText> files, System.Threading.CancellationToken cancellationToken)
        {
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
            {
                if (IsSettingsFile(file.Path) && file.GetText(cancellationToken) is { } text && JsonTree.Parse(text.ToString(), out _, out _) is { } root)
                {
                    AddStringKeys(root, keys);
                }
            }

            return keys;
        }

        private static void AddStringKeys(JsonNode node, HashSet<string> keys)
        {
            if (node.Kind == JsonNodeKind.Array)
            {
                foreach (var item in node.Items)
                {
                    AddStringKeys(item, keys);
                }
            }
            else if (node.Kind == JsonNodeKind.Object)
            {
                foreach (var property in node.Properties)
                {
                    if (property.Value.Kind == JsonNodeKind.String)
                    {
                        keys.Add(property.Key);
                    }
                    else
                    {
                        AddStringKeys(property.Value, keys);
                    }
                }
            }
        }

        public static void Report(string path, SourceText text, ModelTable table, Action<Diagnostic> report)
        {
            var root = JsonTree.Parse(text.ToString(), out _, out _);
            if (root != null)
            {
                Visit(root, insideAzure: false, path, text, table, report);
            }
        }

        private static void Visit(JsonNode node, bool insideAzure, string path, SourceText text, ModelTable table, Action<Diagnostic> report)
        {
            if (node.Kind == JsonNodeKind.Array)
            {
                foreach (var item in node.Items)
                {
                    Visit(item, insideAzure, path, text, table, report);
                }

                return;
            }

            if (node.Kind != JsonNodeKind.Object)
            {
                return;
            }

            foreach (var property in node.Properties)
            {
                var value = property.Value;
                if (value.Kind == JsonNodeKind.String)
                {
                    if (!insideAzure && NamesAModel(property.Key) && value.Text is { } id && table.Find(id) is { } row)
                    {
                        var span = TextSpan.FromBounds(value.Start, value.End);
                        var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
                        if (ModelIdDiagnostics.Create(row, id, location, table.CompiledOn) is { } diagnostic)
                        {
                            report(diagnostic);
                        }
                    }
                }
                else
                {
                    Visit(value, insideAzure || property.Key.IndexOf("azure", StringComparison.OrdinalIgnoreCase) >= 0, path, text, table, report);
                }
            }
        }

        private static bool NamesAModel(string key) =>
            key.Equals("ModelName", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("Model", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("ModelId", StringComparison.OrdinalIgnoreCase);
    }
}
