using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// OpenAI's and that names no other provider (per-agent models in sibling sections). A file is read as
    /// .NET's JSON configuration provider reads it (comments and trailing commas accepted, ConfigurationJson); one that
    /// provider rejects is skipped silently: it is the app's file, not AiLint's. Checked against the providers the project
    /// can reach (<see cref="SettingsProviders"/>: an SDK, its raw POSTs, an endpoint it spells); a project without an SDK
    /// reads its files only when it posts to a provider's generation endpoint over plain <c>HttpClient</c>.
    /// </summary>
    internal static partial class ConfigurationModelIds
    {
        /// <summary>Whether the file is an <c>appsettings*.json</c> whose values are read, templates included (<see cref="SettingsFiles"/>).</summary>
        public static bool IsSettingsFile(string? path) => SettingsFiles.IsSettingsFile(path);

        /// <summary>
        /// Every key that holds a string in the project's settings files, at any depth (case-insensitive, as
        /// configuration binding matches keys). Files .NET's configuration provider rejects add nothing. The keys that some file sets
        /// to a real value (<see cref="SettingTexts.IsRealValue"/>) are in the set a second time, as
        /// <see cref="WithRealValue"/> spells them: the analyzer hands the set to its checks as one predicate, and
        /// <see cref="HasRealValue"/> asks it for those. Only the files the app loads count
        /// (<see cref="SettingsFiles.LoadedByApp"/>): a template users copy (<c>appsettings.example.json</c>) overrides no
        /// default the code sends, unless <paramref name="compilation"/>'s code loads it by name.
        /// </summary>
        public static HashSet<string> ConfiguredKeys(ImmutableArray<AdditionalText> files, Compilation? compilation, CancellationToken cancellationToken)
        {
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in SettingsFiles.LoadedByApp(files, compilation, cancellationToken))
            {
                if (file.GetText(cancellationToken) is { } text && ParseCached(text) is { } root)
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
        /// The providers (<see cref="ModelRow.Provider"/>) of the ids <paramref name="table"/> knows at the model keys of the
        /// project's settings files, sections for Azure or another server included: whose reach
        /// <see cref="SettingsProviders"/> needs to look for at all.
        /// </summary>
        public static HashSet<string> ProvidersNamed(ImmutableArray<AdditionalText> files, ModelTable table, CancellationToken cancellationToken)
        {
            var providers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (IsSettingsFile(file.Path) && file.GetText(cancellationToken) is { } text && ParseCached(text) is { } root)
                {
                    VisitStrings(root, notModelIds: false, (key, value, _) =>
                    {
                        if (NamesAModel(key) && value.Text is { } id && table.Find(id) is { } row)
                        {
                            providers.Add(row.Provider);
                        }
                    });
                }
            }

            return providers;
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
        /// <paramref name="usedAsEndpoint"/> tells which URL keys not named for a model's server the code may use as an
        /// endpoint (<see cref="SettingsUrlKeyUses"/>); only those make a section another server's.
        /// <paramref name="sentToOpenAI"/> tells which key paths the code hands as the model to an OpenAI client created
        /// without options (<see cref="DirectOpenAISettingsPaths"/>): such a key's OpenAI id is checked even where its file
        /// or the sections around it would make it a deployment name or another server's model, unless its own section
        /// names a server (asked only there, and only for OpenAI's ids; ConfigurationModelIds.DirectOpenAI.cs).
        public static void Report(AdditionalText file, SourceText text, ModelTable table, AdditionalFileSeverity severity, Action<Diagnostic> report, Func<string, bool> usedAsEndpoint, Lazy<HashSet<string>>? sentToOpenAI, CancellationToken cancellationToken) =>
            ReportKeys(file, text, table, severity, report, keepPath: null, usedAsEndpoint, sentToOpenAI, cancellationToken);

        /// <summary>
        /// As the overload without <paramref name="keepPath"/>, only at the model keys whose configuration path
        /// (<c>Llm:Model</c>, sections joined by <c>:</c>, array items by their index) it keeps: the keys a referenced
        /// library's raw POST sends (Summaries/RawHttpSettingsModels.cs).
        /// </summary>
        public static void Report(AdditionalText file, SourceText text, ModelTable table, AdditionalFileSeverity severity, Action<Diagnostic> report, Func<string, bool>? keepPath, Func<string, bool> usedAsEndpoint, CancellationToken cancellationToken) =>
            ReportKeys(file, text, table, severity, report, keepPath, usedAsEndpoint, sentToOpenAI: null, cancellationToken);

        private static void ReportKeys(AdditionalText file, SourceText text, ModelTable table, AdditionalFileSeverity severity, Action<Diagnostic> report, Func<string, bool>? keepPath, Func<string, bool> usedAsEndpoint, Lazy<HashSet<string>>? sentToOpenAI, CancellationToken cancellationToken)
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
            VisitPaths(root, notModelIds: connectsElsewhere, string.Empty, usedAsEndpoint, (keyPath, key, value, notModelIds) =>
            {
                if (NamesAModel(key) && (keepPath == null || keepPath(keyPath)) && value.Text is { } id && table.Find(id) is { } row
                    && (!notModelIds || (sentToOpenAI != null && row.Provider == RawHttpModelIds.OpenAIProvider && SentToOpenAI(root, keyPath, sentToOpenAI, usedAsEndpoint))))
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
    }
}
