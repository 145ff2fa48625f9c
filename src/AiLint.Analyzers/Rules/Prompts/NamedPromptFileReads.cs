using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Text files the project copies to its output or embeds (listed by the package's targets with
    /// <c>AiLintPromptFileSource</c>) that the code reads by name and sends to a system or instruction slot:
    /// <c>new SystemChatMessage(File.ReadAllText("system_message.txt"))</c>, or the text of
    /// <c>await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Prompts", "summarize.txt"))</c> held in a
    /// local or a readonly field first. Such a file is a prompt file (<see cref="PromptFiles.ReadByName"/>); one read as
    /// data (a user message, a JSON config, RAG documents joined into a message) or never read is not. One instance per
    /// compilation; it does nothing when the project lists no such file.
    /// </summary>
    internal sealed partial class NamedPromptFileReads
    {
        /// <summary>The metadata the package's targets set (AiLint.targets), as the compiler passes it to analyzers.</summary>
        internal const string SourceKey = "build_metadata.AdditionalFiles.AiLintPromptFileSource";

        /// <summary>How deep a value is followed through locals and fields to the read that gave it.</summary>
        private const int MaxDepth = 4;

        private readonly Compilation compilation;
        private readonly ImmutableArray<(AdditionalText File, string[] Segments)> candidates;
        private readonly INamedTypeSymbol? file;
        private readonly INamedTypeSymbol? path;
        private readonly INamedTypeSymbol? streamReader;
        private readonly INamedTypeSymbol? textReader;
        private readonly INamedTypeSymbol? task;
        private readonly INamedTypeSymbol? valueTask;
        private readonly EmbeddedPromptResources embedded;
        private readonly ConcurrentDictionary<AdditionalText, byte> read = new ConcurrentDictionary<AdditionalText, byte>();
        private readonly Dictionary<AdditionalText, string> links = new Dictionary<AdditionalText, string>();

        public NamedPromptFileReads(Compilation compilation, AnalyzerOptions options, string? projectDirectory)
        {
            this.compilation = compilation;
            var found = ImmutableArray.CreateBuilder<(AdditionalText, string[])>();
            var embeddedFiles = ImmutableArray.CreateBuilder<(AdditionalText, string)>();
            foreach (var additional in options.AdditionalFiles)
            {
                // A linked file is named by its link path, where the build copies or embeds it (PromptFileLinks).
                if (options.AnalyzerConfigOptionsProvider.GetOptions(additional).TryGetValue(SourceKey, out var source)
                    && (source == "CopyToOutput" || source == "EmbeddedResource")
                    && PromptFileLinks.Of(options, additional) is var link
                    && PromptFiles.IsReadByNameCandidate(link ?? additional.Path))
                {
                    var id = link ?? PromptFiles.Id(additional.Path, projectDirectory);
                    if (link != null)
                    {
                        links[additional] = link;
                    }

                    found.Add((additional, id.Split('/')));
                    if (source == "EmbeddedResource")
                    {
                        embeddedFiles.Add((additional, id));
                    }
                }
            }

            candidates = found.ToImmutable();
            embedded = new EmbeddedPromptResources(compilation, embeddedFiles.ToImmutable());
            Settings = SettingsPromptReads.For(compilation, options.AdditionalFiles);
            if (candidates.IsEmpty)
            {
                return;
            }

            file = compilation.GetTypeByMetadataName("System.IO.File");
            path = compilation.GetTypeByMetadataName("System.IO.Path");
            streamReader = compilation.GetTypeByMetadataName("System.IO.StreamReader");
            textReader = compilation.GetTypeByMetadataName("System.IO.TextReader");
            task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        }

        /// <summary>
        /// Settings values read by their configuration key, which the same walk back from a slot finds
        /// (<see cref="SettingsPromptReads"/>); null when the project has no settings file.
        /// </summary>
        public SettingsPromptReads? Settings { get; }

        /// <summary>
        /// Records the file a slot's value was read from, if it is one of the listed files named by a constant path, and
        /// the settings it may read (<see cref="Settings"/>).
        /// </summary>
        public void Record(PromptSlot slot, CancellationToken cancellationToken)
        {
            // A single-turn request's string is the user's turn unless its text instructs; a file's text is not seen here.
            if ((candidates.IsEmpty && Settings == null) || slot.Spelled != null || slot.IsSingleTurn)
            {
                return;
            }

            Collect(slot.Value, 0, cancellationToken);
        }

        /// <summary>The prompt files read into a slot, in path order (the same build reports in the same order).</summary>
        public List<(AdditionalText File, PromptDeclaration Prompt)> Prompts(string? projectDirectory, CancellationToken cancellationToken)
        {
            var files = new List<AdditionalText>(read.Keys);
            files.Sort((x, y) => string.CompareOrdinal(x.Path, y.Path));
            var prompts = new List<(AdditionalText, PromptDeclaration)>();
            foreach (var named in files)
            {
                if (PromptFiles.ReadByName(named, projectDirectory, cancellationToken, links.TryGetValue(named, out var link) ? link : null) is { } prompt)
                {
                    prompts.Add((named, prompt));
                }
            }

            return prompts;
        }

        /// <summary>The one listed file the spelled path names; none when two listed files end the same way.</summary>
        private AdditionalText? Named(string[]? spelled)
        {
            if (spelled == null)
            {
                return null;
            }

            AdditionalText? match = null;
            foreach (var (candidate, segments) in candidates)
            {
                if (ConstantFilePaths.Names(spelled, segments))
                {
                    if (match != null)
                    {
                        return null;
                    }

                    match = candidate;
                }
            }

            return match;
        }

        /// <summary>Records the listed files whose whole text <paramref name="value"/> is.</summary>
        private void Collect(IOperation? value, int depth, CancellationToken cancellationToken)
        {
            value = Unwrapped(value);
            if (value == null || depth > MaxDepth)
            {
                return;
            }

            Settings?.Consider(value);
            AdditionalText? named = null;
            switch (value)
            {
                case IInvocationOperation invocation when IsFileRead(invocation.TargetMethod, "ReadAllText", "ReadAllTextAsync"):
                    named = Named(PathOf(invocation));
                    break;
                case IInvocationOperation invocation when invocation.Instance != null && IsReaderRead(invocation.TargetMethod):
                    named = ReaderFile(invocation.Instance, depth + 1, cancellationToken);
                    break;
                case IInvocationOperation invocation:
                    // The project's own helper that takes the file's name (NamedPromptFileReads.Helpers.cs).
                    named = HelperRead(invocation, cancellationToken);
                    break;
                default:
                    foreach (var held in HeldValues(value, cancellationToken))
                    {
                        Collect(held, depth + 1, cancellationToken);
                    }

                    break;
            }

            if (named != null)
            {
                read.TryAdd(named, 0);
            }
        }

        /// <summary>
        /// The file a reader reads: <c>new StreamReader("system_message.txt")</c>, <c>File.OpenText(...)</c>, or
        /// <c>new StreamReader(assembly.GetManifestResourceStream("App.Prompts.system.txt"))</c> for an embedded file,
        /// written at the read or held in a local (<c>using var reader = ...;</c>).
        /// </summary>
        private AdditionalText? ReaderFile(IOperation reader, int depth, CancellationToken cancellationToken)
        {
            reader = Unwrapped(reader)!;
            if (depth > MaxDepth)
            {
                return null;
            }

            switch (reader)
            {
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, streamReader) && creation.Arguments.Length > 0:
                    var argument = creation.Arguments[0].Value;
                    return argument.Type?.SpecialType == SpecialType.System_String
                        ? Named(ConstantFilePaths.TrailingSegments(argument, path))
                        : embedded.Named(Held(argument, depth + 1, cancellationToken));
                case IInvocationOperation invocation when IsFileRead(invocation.TargetMethod, "OpenText"):
                    return Named(PathOf(invocation));
                case ILocalReferenceOperation local when LocalInitializer(local.Local, cancellationToken) is { } initializer:
                    return ReaderFile(initializer, depth + 1, cancellationToken);
                default:
                    return null;
            }
        }

        /// <summary>A value followed through locals (a resource stream held in <c>using var stream = ...;</c>).</summary>
        private IOperation? Held(IOperation value, int depth, CancellationToken cancellationToken)
        {
            value = Unwrapped(value)!;
            return depth <= MaxDepth && value is ILocalReferenceOperation local && LocalInitializer(local.Local, cancellationToken) is { } initializer
                ? Held(initializer, depth + 1, cancellationToken)
                : value;
        }

        /// <summary>Conversions, <c>await</c>, <c>.ConfigureAwait(false)</c> and <c>.Trim()</c> keep the file's text.</summary>
        private static IOperation? Unwrapped(IOperation? value)
        {
            while (value != null)
            {
                value = KnownPromptSymbols.Unwrap(value);
                if (value is IAwaitOperation awaited)
                {
                    value = awaited.Operation;
                }
                else if (value is ICoalesceOperation { WhenNull: IThrowOperation } orThrow)
                {
                    // `stream ?? throw new InvalidOperationException(...)`: the value, or no value at all.
                    value = orThrow.Value;
                }
                else if (value is IInvocationOperation { Instance: { } instance, TargetMethod: { } method }
                    && (method.Name == "ConfigureAwait" || (method.ContainingType?.SpecialType == SpecialType.System_String && method.Name.StartsWith("Trim", StringComparison.Ordinal))))
                {
                    value = instance;
                }
                else
                {
                    return value;
                }
            }

            return null;
        }

        private bool IsFileRead(IMethodSymbol method, params string[] names) =>
            SymbolEqualityComparer.Default.Equals(method.ContainingType, file) && Array.IndexOf(names, method.Name) >= 0;

        private bool IsReaderRead(IMethodSymbol method) =>
            (method.Name == "ReadToEnd" || method.Name == "ReadToEndAsync")
            && (SymbolEqualityComparer.Default.Equals(method.ContainingType, textReader) || SymbolEqualityComparer.Default.Equals(method.ContainingType, streamReader));

        /// <summary>The spelled path of a <c>File</c> method's first argument (the path).</summary>
        private string[]? PathOf(IInvocationOperation invocation) =>
            invocation.Arguments.Length > 0 && invocation.TargetMethod.Parameters[0].Name == "path"
                ? ConstantFilePaths.TrailingSegments(invocation.Arguments[0].Value, path)
                : null;
    }
}
