using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The configured value of a settings property the code hands to a model slot, whatever its key is called
    /// (erraineon/Beef: <c>"ChatCompletionModelName": "gpt-4o"</c> bound to <c>OpenAiOptions.ChatCompletionModelName</c>
    /// and passed to <c>CreateCompletion(request, options.ChatCompletionModelName)</c>). The file check reads only keys
    /// named like a model (<see cref="ConfigurationModelIds"/>); any other key is read here, when the code links it to a
    /// slot through the property of that name (or its <c>[ConfigurationKeyName]</c>), the same link that drops the
    /// property's default. Reported on the value in the file, once per value however many slots read the property.
    /// One instance per compilation.
    /// </summary>
    internal sealed class LinkedSettingsValues
    {
        private readonly Lazy<Dictionary<string, List<(string Path, SourceText Text, JsonNode Value)>>> values;
        private readonly ConcurrentDictionary<(string Path, int Start), bool> reported = new ConcurrentDictionary<(string, int), bool>();

        public LinkedSettingsValues(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken) =>
            values = new Lazy<Dictionary<string, List<(string, SourceText, JsonNode)>>>(
                () => ConfigurationModelIds.UnreadValues(files, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>Checks every value the settings files give <paramref name="key"/> that the file check does not read.</summary>
        public void Check(string key, ModelTable table, Action<Diagnostic> report)
        {
            if (!values.Value.TryGetValue(key, out var configured))
            {
                return;
            }

            foreach (var (path, text, value) in configured)
            {
                if (value.Text is { } id
                    && table.Find(id) is { } row
                    && reported.TryAdd((path, value.Start), true))
                {
                    var span = TextSpan.FromBounds(value.Start, value.End);
                    var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
                    if (ModelIdDiagnostics.Create(row, id, location, table.CompiledOn) is { } diagnostic)
                    {
                        report(diagnostic);
                    }
                }
            }
        }
    }
}
