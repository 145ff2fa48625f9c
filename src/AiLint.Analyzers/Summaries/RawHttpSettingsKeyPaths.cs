using System;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The configuration key path a raw POST's model value reads, for <see cref="RawHttpSettingsModels"/>: the settings
    /// file value a host gives there is the id sent. Two shapes, each exact or nothing:
    /// a bound options property (<c>_options.Model</c>, <c>LlmOptions</c> bound by
    /// <c>Configure&lt;LlmOptions&gt;(configuration.GetSection("Llm"))</c>: <c>Llm:Model</c>), and a read of the
    /// injected configuration (<c>configuration["OpenAI:Model"] ?? "gpt-4o"</c> kept in a readonly field, review76's
    /// TennisGPT: <c>OpenAI:Model</c>).
    /// </summary>
    internal sealed class RawHttpSettingsKeyPaths
    {
        private readonly Compilation compilation;
        private readonly CancellationToken cancellationToken;
        private readonly INamedTypeSymbol? configuration;

        public RawHttpSettingsKeyPaths(Compilation compilation, CancellationToken cancellationToken)
        {
            this.compilation = compilation;
            this.cancellationToken = cancellationToken;
            configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
        }

        /// <summary>The key path <paramref name="value"/> reads (<c>Llm:Model</c>), or null when it is not one of the two shapes.</summary>
        public string? Of(IOperation value)
        {
            value = ModelIdValue.Unwrap(value);
            if (configuration == null)
            {
                return null;
            }

            if (value is IFieldReferenceOperation { Field: { IsReadOnly: true, IsStatic: false } field })
            {
                // Every write of the field (its constructors') reads the same key; a fallback after ?? is the library's own
                // code (checked there), sent only when the host's files leave the key unset.
                string? path = null;
                foreach (var written in WrittenValues.Of(field, compilation, cancellationToken))
                {
                    var read = ModelIdValue.Unwrap(written) is ICoalesceOperation coalesce ? coalesce.Value : written;
                    if (ConfigurationPath(ModelIdValue.Unwrap(read)) is not { } one || (path != null && !string.Equals(path, one, StringComparison.OrdinalIgnoreCase)))
                    {
                        return null;
                    }

                    path = one;
                }

                return path;
            }

            // A bound options property: the reading the raw-HTTP URL reading shares (LlmCalls/BoundOptionsKeyPaths.cs).
            return ConfigurationPath(value) ?? BoundOptionsKeyPaths.For(compilation).PathOf(value, cancellationToken);
        }

        /// <summary>
        /// <c>configuration["OpenAI:Model"]</c> or <c>configuration.GetSection("OpenAI")["Model"]</c> on a constructor's
        /// <c>IConfiguration</c> parameter: what dependency injection hands a service is the host's whole configuration,
        /// so the key is a full path. A method's parameter may be a section (<c>AddX(config.GetSection("Ai"))</c>): not read.
        /// </summary>
        private string? ConfigurationPath(IOperation value)
        {
            if (value is not IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                || indexer.Arguments[0].Value.ConstantValue.Value is not string key || key.Length == 0)
            {
                return null;
            }

            var instance = indexer.Instance == null ? null : ModelIdValue.Unwrap(indexer.Instance);
            if (IsInjectedConfiguration(instance))
            {
                return key;
            }

            return instance is IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: 1 } getSection
                && getSection.Arguments[0].Value.ConstantValue.Value is string section && section.Length > 0
                && IsInjectedConfiguration(getSection.Instance == null ? null : ModelIdValue.Unwrap(getSection.Instance))
                ? section + ":" + key
                : null;
        }

        private bool IsInjectedConfiguration(IOperation? instance) =>
            instance is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.Type, configuration);
    }
}
