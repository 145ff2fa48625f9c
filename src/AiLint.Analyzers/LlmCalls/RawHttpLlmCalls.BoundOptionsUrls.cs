using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// A URL held by a bound options property (ObseumEU/FOMODOG's ChatGPTClient: <c>client.PostAsync(_options.Value.ApiUrl,
    /// ...)</c>, <c>ChatGPTClientOptions</c> bound by <c>services.Configure&lt;ChatGPTClientOptions&gt;(configuration.GetSection("ChatGPT"))</c>,
    /// appsettings.json setting <c>"ChatGPT": { "ApiUrl": "https://api.openai.com/v1/chat/completions" }</c>): the value the
    /// project's settings files give the property's path (<see cref="BoundOptionsKeyPaths"/>: <c>ChatGPT:ApiUrl</c>).
    /// </summary>
    /// <remarks>
    /// The section is known, so the path is matched whole, not by its last segment as a configuration read's key is
    /// (another section's <c>ApiUrl</c> belongs to another options class). The files must give the path one LLM endpoint
    /// and no other value: two values (a Development file pointing at a local stand-in) or a non-LLM URL leave the URL
    /// unknown, and so does a property's initializer then, as the files' value replaces it. A path no file sets leaves
    /// the property to the reading of its initializer (<see cref="SettingDefaultText"/>); a reading made without the
    /// settings files (<c>RawHttpBaseAddresses.Prepare</c> not
    /// called) knows no path.
    /// </remarks>
    internal sealed partial class RawHttpLlmCalls
    {
        private static readonly ConditionalWeakTable<Compilation, Dictionary<string, List<string>>> SettingsPaths =
            new ConditionalWeakTable<Compilation, Dictionary<string, List<string>>>();

        /// <summary>
        /// Whether <paramref name="operation"/> is a bound options property whose path a settings file sets: then
        /// <paramref name="text"/> is the files' one LLM endpoint there, or null when they give it anything else (the URL
        /// is unknown, its initializer aside).
        /// </summary>
        private bool TryBoundOptionsUrl(IOperation operation, CancellationToken cancellationToken, out string? text)
        {
            text = null;
            if (operation is not IPropertyReferenceOperation
                || RawHttpBaseAddresses.SettingsFiles(compilation) is not { IsDefaultOrEmpty: false } files
                || BoundOptionsKeyPaths.For(compilation).PathOf(operation, cancellationToken) is not { } path
                || !SettingsPaths.GetValue(compilation, _ => ConfigurationModelIds.PathValues(files, CancellationToken.None)).TryGetValue(path, out var values))
            {
                return false;
            }

            string? only = null;
            foreach (var value in values)
            {
                if (only != null && !string.Equals(only, value, StringComparison.Ordinal))
                {
                    return true; // two values: which one is sent depends on the environment
                }

                only = value;
            }

            text = only != null && LlmEndpoints.Classify(only) != EndpointKind.None ? only : null;
            return true;
        }
    }
}
