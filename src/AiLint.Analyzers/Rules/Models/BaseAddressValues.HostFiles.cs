using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The reading that stands in for a referencing host's settings files (the internal constructor): the project summary
    /// asks what the base address of a raw POST would be if the host's <c>appsettings*.json</c> held given values
    /// (Summaries/RawHttpSettingsModels.cs), and which keys that answer depends on.
    /// </summary>
    internal sealed partial class BaseAddressValues
    {
        /// <summary>Whether the project assigns <paramref name="property"/> anywhere (<c>Configure&lt;T&gt;(o =&gt; o.Model = ...)</c>), so a settings file's value may not be what it holds.</summary>
        internal bool IsAssigned(IPropertySymbol property, CancellationToken cancellationToken) => Writes(property.OriginalDefinition, cancellationToken).Count > 0;

        private void Asked(string key)
        {
            if (askedKeys != null)
            {
                lock (askedKeys)
                {
                    askedKeys.Add(key);
                }
            }
        }

        /// <summary>
        /// A non-virtual settings property declared in another assembly (the clean-architecture layout: <c>LlmOptions</c>
        /// in the Application project, read by the Infrastructure project that posts): its default is constructor IL, not
        /// known, so its texts are the host's values for its key (<c>[ConfigurationKeyName]</c> or its name) and every
        /// value this project assigns to it; not known when no value is given. Known false for a source property (read as
        /// the analyzers read one).
        /// </summary>
        private (bool Known, List<string?>? Texts) MetadataSettingTexts(IPropertySymbol property, int depth, CancellationToken cancellationToken)
        {
            if (property.DeclaringSyntaxReferences.Length != 0
                || property.IsIndexer || property.IsStatic || property.IsVirtual || property.IsAbstract || property.IsOverride
                || property.Type.SpecialType != SpecialType.System_String
                || configured == null)
            {
                return (false, null);
            }

            var key = symbols.ConfigurationKeyName(property) ?? property.Name;
            Asked(key);
            if (!configured.Value.TryGetValue(key, out var values))
            {
                return (true, null);
            }

            List<string?>? texts = values.Cast<string?>().ToList();
            foreach (var written in Writes(property, cancellationToken))
            {
                texts = Union(texts, Texts(written, depth + 1, null, cancellationToken));
            }

            return (true, texts);
        }
    }
}
