using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Json;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A system prompt kept in <c>appsettings*.json</c> and read by its configuration key into a system or instruction
    /// slot: <c>configuration["Prompts:System"]</c>, <c>configuration.GetValue&lt;string&gt;("OpenAI:SystemPrompt")</c>,
    /// <c>configuration.GetSection("OpenAI")["SystemPrompt"]</c>, or a property of a settings object bound to one section
    /// (<c>services.Configure&lt;ChatSettings&gt;(configuration.GetSection("OpenAI"))</c>, then <c>settings.Value.SystemPrompt</c>;
    /// <c>configuration.GetSection("OpenAI").Get&lt;ChatSettings&gt;()</c>, <c>.Bind(settings)</c>, named options read
    /// through <c>IOptionsMonitor&lt;T&gt;.Get("openai")</c>: <see cref="BoundOptionsKeyPaths"/> is the one reading of which
    /// key a value comes from). <see cref="NamedPromptFileReads"/> hands over every value
    /// it follows back from a slot (through locals, readonly fields and get-only properties); the key path each read
    /// names is looked up at compilation end in every settings file, read as .NET's configuration reads it
    /// (<see cref="ConfigurationJson"/>; a file it rejects gives nothing). A value found there is a prompt when its text
    /// instructs (<see cref="PromptFiles.SettingsValue"/>). One instance per compilation; none when the project has no
    /// settings file.
    /// </summary>
    internal sealed class SettingsPromptReads
    {
        private readonly Compilation compilation;
        private readonly ImmutableArray<AdditionalText> files;
        private readonly INamedTypeSymbol? configuration;
        private readonly INamedTypeSymbol? binder;
        private readonly ConcurrentDictionary<IOperation, byte> reads = new ConcurrentDictionary<IOperation, byte>();

        private SettingsPromptReads(Compilation compilation, ImmutableArray<AdditionalText> files)
        {
            this.compilation = compilation;
            this.files = files;
            configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            binder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.ConfigurationBinder");
        }

        /// <summary>The reader for a project with settings files and the configuration API; null otherwise (nothing to look for).</summary>
        public static SettingsPromptReads? For(Compilation compilation, ImmutableArray<AdditionalText> additionalFiles)
        {
            var settings = additionalFiles.Where(file => ConfigurationModelIds.IsSettingsFile(file.Path)).ToImmutableArray();
            if (settings.IsEmpty || compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration") == null)
            {
                return null;
            }

            return new SettingsPromptReads(compilation, settings);
        }

        /// <summary>
        /// Keeps <paramref name="value"/> (one of the values a slot's text is followed back to) when it may read a setting:
        /// a configuration indexer, a section's <c>Value</c>, <c>GetValue</c>, or a string property of a source type (an
        /// options class, whose binding is looked for at the end). <c>value ?? fallback</c> reads the setting first.
        /// </summary>
        public void Consider(IOperation value)
        {
            value = KnownPromptSymbols.Unwrap(value);
            if (value is ICoalesceOperation coalesce)
            {
                value = KnownPromptSymbols.Unwrap(coalesce.Value);
            }

            switch (value)
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when IsConfiguration(indexer.Instance?.Type):
                case IPropertyReferenceOperation { Property.Name: "Value", Instance: IInvocationOperation { TargetMethod.Name: "GetSection" } }:
                case IInvocationOperation { TargetMethod.Name: "GetValue" } invocation when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, binder):
                case IPropertyReferenceOperation { Property: { IsIndexer: false, IsStatic: false, DeclaringSyntaxReferences.Length: > 0 } property } when property.Type.SpecialType == SpecialType.System_String:
                    reads.TryAdd(value, 0);
                    break;
            }
        }

        /// <summary>
        /// The settings values the recorded reads name that are prompts, each once, in file and position order (the same
        /// build reports in the same order).
        /// </summary>
        public List<(AdditionalText File, PromptDeclaration Prompt)> Prompts(string? projectDirectory, CancellationToken cancellationToken)
        {
            var prompts = new List<(AdditionalText, PromptDeclaration)>();
            if (reads.IsEmpty)
            {
                return prompts;
            }

            // The one reading of which key a value comes from: a configuration read, or a settings object's property
            // (bound options, Get<T>(), Bind(...), named options), whose bindings are found once per compilation.
            var keyPaths = BoundOptionsKeyPaths.For(compilation);
            var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var read in reads.Keys)
            {
                if (keyPaths.KeyPathOf(read, cancellationToken) is { Length: > 0 } path)
                {
                    paths.Add(path);
                }
            }

            var sorted = files.ToList();
            sorted.Sort((x, y) => string.CompareOrdinal(x.Path, y.Path));
            foreach (var file in sorted)
            {
                if (paths.Count == 0 || file.GetText(cancellationToken) is not { } source || ConfigurationJson.Parse(source.ToString()) is not { } root)
                {
                    continue;
                }

                var found = new SortedDictionary<int, (string Key, JsonNode Value)>();
                foreach (var path in paths)
                {
                    if (Find(root, path) is { } setting)
                    {
                        found[setting.Value.Start] = setting;
                    }
                }

                foreach (var (key, value) in found.Values)
                {
                    var id = PromptFiles.Id(file.Path, projectDirectory) + "[" + key + "]";
                    if (PromptFiles.SettingsValue(file, source, id, value) is { } prompt)
                    {
                        prompts.Add((file, prompt));
                    }
                }
            }

            return prompts;
        }

        private bool IsConfiguration(ITypeSymbol? type) => Implements(type, configuration);

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol? known) =>
            type != null && known != null
            && (SymbolEqualityComparer.Default.Equals(type, known) || type.AllInterfaces.Contains(known, SymbolEqualityComparer.Default));

        /// <summary>
        /// The string a settings file gives the key path (sections compared ignoring case, as configuration does; an
        /// array's items by index), with the path as the file spells it; null when the file does not set it to a string.
        /// </summary>
        private static (string Key, JsonNode Value)? Find(JsonNode root, string path)
        {
            var node = root;
            var spelled = new List<string>();
            foreach (var segment in path.Split(':'))
            {
                JsonNode? next = null;
                if (node.Kind == JsonNodeKind.Object)
                {
                    foreach (var property in node.Properties)
                    {
                        if (string.Equals(property.Key, segment, StringComparison.OrdinalIgnoreCase))
                        {
                            next = property.Value;
                            spelled.Add(property.Key);
                            break;
                        }
                    }
                }
                else if (node.Kind == JsonNodeKind.Array
                    && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                    && index < node.Items.Count)
                {
                    next = node.Items[index];
                    spelled.Add(segment);
                }

                if (next == null)
                {
                    return null;
                }

                node = next;
            }

            return node.Kind == JsonNodeKind.String ? (string.Join(":", spelled), node) : null;
        }
    }
}
