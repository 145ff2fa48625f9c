using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// Settings keys a library's raw POST sends as the model, for the host that holds the settings file (AIL0501-AIL0503;
    /// review69 U2, review74 repro-2, the clean-architecture layout): Infrastructure posts
    /// <c>new ChatCompletionRequest { Model = _options.Model }</c> to <c>"chat/completions"</c>, its <c>LlmOptions</c> bound
    /// by <c>Configure&lt;LlmOptions&gt;(configuration.GetSection("Llm"))</c>, while the Api project, with no SDK and no
    /// POST, holds <c>"Llm": { "Model": "gpt-4o-mini" }</c>. The library records <c>Llm:Model|openai|BaseUrl</c>: the key
    /// path, whether the POST reaches OpenAI's host when the host's files give no base address (<c>openai</c>, a literal
    /// or a default constant) or only through them (<c>none</c>), and the settings keys (last segment, any section, as
    /// the base-address reading matches them) the base address reads. The host then checks its files' value at that path
    /// when every value its files give those keys is a URL on api.openai.com (and, for <c>none</c>, its appsettings.json
    /// gives each), with the per-section rules of its own settings check (<see cref="ConfigurationModelIds"/>).
    /// </summary>
    /// <remarks>
    /// The base address is read by the analyzers' own reading (<see cref="RawHttpBaseAddresses"/>) with stand-in values
    /// for the host's files: none (which keys are asked, and the answer without them), then every asked key set to
    /// OpenAI's URL. Recorded only when every raw LLM POST of the library is recorded this way: one to another server,
    /// to a server not known, or with a model the record cannot name leaves the library unrecorded (as one such POST
    /// quiets a project's own files, <see cref="RawHttpSettingsView"/>).
    /// </remarks>
    internal static class RawHttpSettingsModels
    {
        /// <summary>Value: <c>Section:Property|openai|Key1,Key2</c> or <c>...|none|Key1</c>.</summary>
        public const string Key = "AiLint.RawHttpSettingsModel";

        private const string OpenAIUrl = "https://api.openai.com/v1";
        private const string FixedOpenAI = "openai";
        private const string OnlyThroughSettings = "none";


        private static readonly ConditionalWeakTable<Compilation, List<Record>> Referenced = new ConditionalWeakTable<Compilation, List<Record>>();

        /// <summary>The library side: one entry per (model key path, server) a raw POST of the project sends.</summary>
        public static List<SummaryEntry> Entries(Compilation compilation, CancellationToken cancellationToken)
        {
            var entries = new List<SummaryEntry>();
            if (!LlmEndpoints.MayAppearInSource(compilation, RawHttpBaseAddresses.SettingsFiles(compilation)))
            {
                return entries;
            }

            var symbols = KnownModelSymbols.Create(compilation);
            if (symbols.HasAnySdk || RawHttpModelIds.Create(compilation, symbols) is not { } rawHttp)
            {
                return entries; // a project with an SDK: its settings slots are its own check's (not recorded here)
            }

            RawHttpSettingsKeyPaths? keyPaths = null;
            var values = new HashSet<string>(StringComparer.Ordinal);
            foreach (var post in SourceBodies.InvocationsNamed(compilation, RawHttpLlmCalls.HttpClientSendNames, cancellationToken))
            {
                if (!rawHttp.IsCandidate(post) || rawHttp.RecognizedUrlText(post, cancellationToken) is not { } url)
                {
                    continue;
                }

                if (LlmEndpoints.ApiOf(url) != EndpointApi.OpenAICompatible
                    || Server(post, url, compilation, symbols, cancellationToken) is not { } server
                    || rawHttp.PostedBody(post, cancellationToken) is not { } body)
                {
                    return new List<SummaryEntry>(); // a POST this record cannot speak for
                }

                foreach (var model in RequestBodyModelIds.Read(body, compilation, cancellationToken))
                {
                    if (model.Id != null || model.Syntax != null)
                    {
                        continue; // an id spelled in the code: checked in the library itself
                    }

                    keyPaths ??= new RawHttpSettingsKeyPaths(compilation, cancellationToken);
                    if (model.Value is not { } value || keyPaths.Of(value) is not { } path)
                    {
                        return new List<SummaryEntry>();
                    }

                    values.Add(path + "|" + server);
                }
            }

            foreach (var value in values)
            {
                entries.Add(new SummaryEntry(Key, value));
            }

            return entries;
        }

        /// <summary>
        /// <c>openai|keys</c> or <c>none|keys</c> for a POST that reaches OpenAI's host, by the spelled URL or its client's
        /// base address with the host's files standing in; null when it may reach another server.
        /// </summary>
        private static string? Server(IInvocationOperation post, string url, Compilation compilation, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (url.IndexOf("://", StringComparison.Ordinal) >= 0)
            {
                return LlmEndpoints.HostOf(url) == LlmHost.OpenAI ? FixedOpenAI + "|" : null;
            }

            var asked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var withoutFiles = RawHttpBaseAddresses.HostWithHostSettings(post, compilation, symbols, new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase), asked, cancellationToken);
            if (withoutFiles != LlmHost.OpenAI && asked.Count == 0)
            {
                return null;
            }

            // Every asked key set to OpenAI's URL must still give OpenAI's host (a value may open branches that ask more keys).
            for (var round = 0; round < 3 && asked.Count > 0; round++)
            {
                var before = asked.Count;
                var openAIEverywhere = asked.ToDictionary(key => key, _ => new List<string> { OpenAIUrl }, StringComparer.OrdinalIgnoreCase);
                if (RawHttpBaseAddresses.HostWithHostSettings(post, compilation, symbols, openAIEverywhere, asked, cancellationToken) != LlmHost.OpenAI)
                {
                    return null;
                }

                if (asked.Count == before)
                {
                    var keys = string.Join(",", asked.OrderBy(key => key, StringComparer.OrdinalIgnoreCase));
                    return (withoutFiles == LlmHost.OpenAI ? FixedOpenAI : OnlyThroughSettings) + "|" + keys;
                }
            }

            return asked.Count == 0 && withoutFiles == LlmHost.OpenAI ? FixedOpenAI + "|" : null;
        }

        /// <summary>
        /// The host side: the model key paths of <paramref name="compilation"/>'s settings files that a referenced
        /// library's raw POST sends to OpenAI's host, given every value the files give the base-address keys; empty when
        /// no reference recorded any, or a record's server is not proven by the files.
        /// </summary>
        public static HashSet<string> CheckedPaths(Compilation compilation, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var records = Referenced.GetValue(compilation, Read);
            if (records.Count == 0)
            {
                return paths;
            }

            var allValues = ConfigurationModelIds.StringValues(files, cancellationToken);
            var baseFiles = files.Where(file => string.Equals(System.IO.Path.GetFileName(file.Path), "appsettings.json", StringComparison.OrdinalIgnoreCase)).ToImmutableArray();
            var baseValues = ConfigurationModelIds.StringValues(baseFiles, cancellationToken);
            var refused = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in records)
            {
                (ReachesOpenAI(record, allValues, baseValues) ? paths : refused).Add(record.ModelPath);
            }

            // A path another record's POST may send elsewhere is not checked: either POST may be the one that runs.
            paths.ExceptWith(refused);
            return paths;
        }

        private static bool ReachesOpenAI(Record record, Dictionary<string, List<string>> allValues, Dictionary<string, List<string>> baseValues)
        {
            foreach (var key in record.BaseKeys)
            {
                if (allValues.TryGetValue(key, out var given) && given.Any(url => LlmEndpoints.HostOf(url) != LlmHost.OpenAI))
                {
                    return false; // "BaseUrl": "https://openrouter.ai/api/v1", "" or a placeholder: that server's names
                }

                if (!record.DefaultIsOpenAI && !(baseValues.TryGetValue(key, out var set) && set.Count > 0))
                {
                    return false; // no default: the base address is what appsettings.json gives, and it gives none
                }
            }

            return true;
        }

        private static List<Record> Read(Compilation compilation)
        {
            var records = new List<Record>();
            foreach (var (_, value) in SummaryRecords.Of(compilation, Key))
            {
                // Section:Property|openai|keys: anything else is a later writer's form, ignored whole.
                var parts = value.Split('|');
                if (parts.Length != 3 || parts[0].IndexOf(':') <= 0 || (parts[1] != FixedOpenAI && parts[1] != OnlyThroughSettings))
                {
                    continue;
                }

                var keys = parts[2].Length == 0 ? Array.Empty<string>() : parts[2].Split(',');
                if (keys.Any(key => key.Length == 0) || (parts[1] == OnlyThroughSettings && keys.Length == 0))
                {
                    continue;
                }

                records.Add(new Record(parts[0], parts[1] == FixedOpenAI, keys));
            }

            return records;
        }

        private sealed class Record
        {
            public Record(string modelPath, bool defaultIsOpenAI, string[] baseKeys)
            {
                ModelPath = modelPath;
                DefaultIsOpenAI = defaultIsOpenAI;
                BaseKeys = baseKeys;
            }

            public string ModelPath { get; }

            public bool DefaultIsOpenAI { get; }

            public string[] BaseKeys { get; }
        }
    }
}
