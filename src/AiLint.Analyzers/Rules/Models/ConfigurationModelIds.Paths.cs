using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    // The settings files' string values by their whole configuration path, for a reading that knows the section
    // (a bound options property: RawHttpLlmCalls.BoundOptionsUrls.cs), where StringValues knows only the last segment.
    internal static partial class ConfigurationModelIds
    {
        /// <summary>
        /// Every string value of the project's settings files by its configuration path (<c>ChatGPT:ApiUrl</c>,
        /// case-insensitive, as configuration binding matches keys), one entry per file that sets it.
        /// </summary>
        public static Dictionary<string, List<string>> PathValues(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
            {
                if (IsSettingsFile(file.Path) && file.GetText(cancellationToken) is { } text && ParseCached(text) is { } root)
                {
                    VisitPaths(root, notModelIds: false, string.Empty, usedAsEndpoint: null, (path, _, value, _) =>
                    {
                        if (value.Text is { } valueText)
                        {
                            if (!values.TryGetValue(path, out var list))
                            {
                                values.Add(path, list = new List<string>());
                            }

                            list.Add(valueText);
                        }
                    });
                }
            }

            return values;
        }
    }
}
