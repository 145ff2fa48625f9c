using System;
using System.Collections.Concurrent;
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
    /// The configured value of a settings property the code hands to a model slot, whatever its key is called
    /// (erraineon/Beef: <c>"ChatCompletionModelName": "gpt-4o"</c> bound to <c>OpenAiOptions.ChatCompletionModelName</c>
    /// and passed to <c>CreateCompletion(request, options.ChatCompletionModelName)</c>). The file check reads only keys
    /// named like a model (<see cref="ConfigurationModelIds"/>); any other key is read here, when the code links it to a
    /// slot through the property of that name (or its <c>[ConfigurationKeyName]</c>), the same link that drops the
    /// property's default. Reported on the value in the file, once per value however many slots read the property, with
    /// the severity the project configured for the file (<see cref="AdditionalFileSeverity"/>). One instance per compilation.
    /// </summary>
    internal sealed class LinkedSettingsValues
    {
        private readonly Lazy<Dictionary<string, List<(AdditionalText File, SourceText Text, JsonNode Value)>>> values;
        private readonly AdditionalFileSeverity severity;
        private readonly CancellationToken cancellationToken;
        private readonly ConcurrentDictionary<(string Path, int Start), bool> reported = new ConcurrentDictionary<(string, int), bool>();

        public LinkedSettingsValues(ImmutableArray<AdditionalText> files, AdditionalFileSeverity severity, CancellationToken cancellationToken)
        {
            values = new Lazy<Dictionary<string, List<(AdditionalText, SourceText, JsonNode)>>>(
                () => ConfigurationModelIds.UnreadValues(files, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            this.severity = severity;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>Checks every value the settings files give <paramref name="key"/> that the file check does not read.</summary>
        public void Check(string key, ModelTable table, Action<Diagnostic> report)
        {
            if (!values.Value.TryGetValue(key, out var configured))
            {
                return;
            }

            foreach (var (file, text, value) in configured)
            {
                var path = file.Path;
                if (value.Text is { } id
                    && table.Find(id) is { } row
                    && reported.TryAdd((path, value.Start), true))
                {
                    var span = TextSpan.FromBounds(value.Start, value.End);
                    var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
                    if (ModelIdDiagnostics.Create(row, id, location, table.CompiledOn, file, severity, cancellationToken) is { } diagnostic)
                    {
                        report(diagnostic);
                    }
                }
            }
        }
    }
}
