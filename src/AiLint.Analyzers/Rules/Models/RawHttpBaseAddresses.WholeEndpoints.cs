using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Two readings for the LLM-call recognition of a raw POST whose URL the code does not spell at the POST (review76):
    /// the whole text of a client's base address, for a POST to an empty relative URI (complainator's
    /// <c>BaseAddress = new Uri(_settings.EndpointUrl)</c> with <c>PostAsJsonAsync("", request)</c>: the base address is
    /// the endpoint), and the one text the project's settings files give a configuration key (RootBackend's
    /// <c>_configuration["Claude:ApiUrl"]</c>, set to <c>https://api.anthropic.com/v1/messages</c> in appsettings.json).
    /// Both are read with the settings files this reading was prepared with (<see cref="Prepare(Compilation, ImmutableArray{AdditionalText})"/>).
    /// </summary>
    internal sealed partial class RawHttpBaseAddresses
    {
        // Every string value of the prepared settings files by key (last segment), as BaseAddressValues reads them;
        // null for a reading made without the files (nothing depending on them is then known).
        private readonly Lazy<Dictionary<string, List<string>>>? settingValues;

        /// <summary>
        /// The text every base address the client of <paramref name="post"/> can have reads as, by <paramref name="read"/>
        /// (the caller's URL reading, so a base address is read the way a URL at the POST is), found where
        /// <see cref="HostOf"/> finds them; null when one is not known, reads as nothing, or two read differently (a
        /// trailing <c>/</c> aside). For a POST to an empty relative URI, which goes to the base address itself.
        /// </summary>
        public static string? EndpointTextOf(IInvocationOperation post, Compilation compilation, Func<IOperation, string?> read, CancellationToken cancellationToken)
        {
            if (For(compilation, null).SourcesOf(post, cancellationToken) is not { Count: > 0 } sources)
            {
                return null;
            }

            string? endpoint = null;
            foreach (var source in sources)
            {
                if (source == null || read(source)?.TrimEnd('/') is not { Length: > 0 } text
                    || (endpoint != null && !string.Equals(endpoint, text, StringComparison.Ordinal)))
                {
                    return null;
                }

                endpoint = text;
            }

            return endpoint;
        }

        /// <summary>
        /// The text the project's settings files give the configuration key <paramref name="value"/> reads
        /// (<c>configuration["Claude:ApiUrl"]</c>, <c>GetSection("Claude:ApiUrl").Value</c>, <c>GetValue&lt;string&gt;(key)</c>),
        /// when they set it, and every key of that name in any file and section, to that one text. Null when the files set
        /// it to nothing or to two texts, when the key is not a constant, when a <c>GetValue</c> default may be sent
        /// instead, or when the reading was made without the settings files. The key is matched by its last segment, as
        /// <see cref="BaseAddressValues"/> matches it: another section's key of that name is one more value, so it only
        /// makes the answer null.
        /// </summary>
        public static string? SoleSettingText(IOperation value, Compilation compilation, CancellationToken cancellationToken)
        {
            if (value is not (IPropertyReferenceOperation or IInvocationOperation))
            {
                // Only these read configuration: the test is on every URL operand, so the cheap type test comes first.
                return null;
            }

            var reading = For(compilation, null);
            if (reading.settingValues is not { } files
                || reading.symbols.ConfigurationKey(value) is not { } key
                || (value is IInvocationOperation call && reading.symbols.ConfigurationDefault(call) is not null)
                || !files.Value.TryGetValue(key, out var texts))
            {
                return null;
            }

            string? only = null;
            foreach (var text in texts)
            {
                if (only != null && !string.Equals(only, text, StringComparison.Ordinal))
                {
                    return null;
                }

                only = text;
            }

            return only;
        }
    }
}
