using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.Configuration;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Razor;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The AiLint.Models family: model ids that float (AIL0501), are deprecated (AIL0502) or retired (AIL0503), sampling
    /// parameters a model rejects (AIL0504, AIL0505), and malformed <c>*.ailint-models.json</c> files (AIL0506).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.AIL0501, Descriptors.AIL0502, Descriptors.AIL0503, Descriptors.AIL0504, Descriptors.AIL0505, Descriptors.AIL0506);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(RazorAwareAnalysisContext.GeneratedCode);
            context = RazorAwareAnalysisContext.Wrap(context);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var symbols = KnownModelSymbols.Create(context.Compilation);
            var options = context.Options;
            var cancellationToken = context.CancellationToken;
            var table = new Lazy<ModelTable>(() => ModelTable.FromAdditionalFiles(options.AdditionalFiles, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);

            // The compiler applies no .editorconfig section to a diagnostic in appsettings.json or a model table: the
            // severity the rule pages show reaches those files only through AdditionalFileSeverity.
            var fileSeverity = new AdditionalFileSeverity(context.Compilation, options);

            // Requests sent over plain HttpClient name model ids with or without an SDK (RawHttpModelIds).
            var rawHttp = RawHttpModelIds.Create(context.Compilation, symbols);
            if (rawHttp != null)
            {
                RawHttpBaseAddresses.Prepare(context.Compilation, symbols, options.AdditionalFiles); // base URLs in appsettings*.json
            }

            // Settings files name the ids of the providers the project can reach (an SDK, its raw POSTs, an endpoint it
            // spells); without an SDK, only in an app that posts to an LLM endpoint itself (SettingsProviders). Decided on
            // the first settings file, once per compilation.
            var compilation = context.Compilation;
            var settingsView = symbols.HasAnySdk || (symbols.OlderSdks.AzureBeta.Client == null && rawHttp != null)
                ? new Lazy<ModelTable?>(() => SettingsProviders.ViewFor(compilation, symbols, rawHttp, table.Value, options.AdditionalFiles, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication)
                : null;

            // A host without an SDK or a POST of its own (the Api project of a clean-architecture solution) checks the keys
            // a referenced library's raw POST sends, as that library's summary records them (Summaries/RawHttpSettingsModels).
            var referencedPaths = !symbols.HasAnySdk && symbols.OlderSdks.AzureBeta.Client == null && !symbols.IsTestProject
                ? new Lazy<HashSet<string>>(() => Summaries.RawHttpSettingsModels.CheckedPaths(compilation, options.AdditionalFiles, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication)
                : null;

            // Which URL keys of the settings files the code uses as an endpoint, asked only for keys not named for a model's server.
            var urlKeyUses = new SettingsUrlKeyUses(compilation, cancellationToken);
            // The keys the code hands as the model to an OpenAI client without options: OpenAI's, whatever the file
            // around them says; looked for only when a file's exemption would skip an OpenAI id.
            var directOpenAI = new Lazy<HashSet<string>>(() => DirectOpenAISettingsPaths.Find(compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            context.RegisterAdditionalFileAction(fileContext =>
            {
                ReportMalformedRows(fileContext, fileSeverity);

                // Configuration values are model ids only in an app that calls a model through a known SDK or raw requests.
                var path = fileContext.AdditionalFile.Path;
                if (!ConfigurationModelIds.IsSettingsFile(path) || fileContext.AdditionalFile.GetText(fileContext.CancellationToken) is not { } text)
                {
                    return;
                }

                if (settingsView?.Value is { } view)
                {
                    ConfigurationModelIds.Report(fileContext.AdditionalFile, text, view, fileSeverity, fileContext.ReportDiagnostic, urlKeyUses.UsedAsEndpoint, directOpenAI, fileContext.CancellationToken);
                }
                else if (referencedPaths?.Value is { Count: > 0 } paths)
                {
                    ConfigurationModelIds.Report(fileContext.AdditionalFile, text, table.Value, fileSeverity, fileContext.ReportDiagnostic, paths.Contains, urlKeyUses.UsedAsEndpoint, fileContext.CancellationToken);
                }
            });

            var configuredKeys = new Lazy<HashSet<string>>(() => ConfigurationModelIds.ConfiguredKeys(options.AdditionalFiles, compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            Func<string, bool> isConfigured = key => configuredKeys.Value.Contains(key);

            if (!symbols.HasAnySdk && symbols.OlderSdks.AzureBeta.Client == null)
            {
                // No SDK with a model slot is referenced: no model id can reach a model but through a raw request.
                // (Azure.AI.OpenAI 1.0 beta alone reads no settings file, but its calls on a client built for OpenAI's
                // endpoint take model ids.)
                if (rawHttp != null)
                {
                    MemberBlocksContext.RegisterForRelevantFiles(context, RelevantFiles.For(context.Compilation, options), member => ModelUses.AnalyzeRawRequests(member, table.Value, symbols, isConfigured, rawHttp));
                }

                return;
            }

            // Only the members of files that can matter (Gating/RelevantFiles), through one semantic-model action: for
            // the other files the driver builds no IOperation tree on this analyzer's behalf and keeps no per-type
            // state (Gating/MemberBlocksContext). A settings class in a file of its own needs none: its defaults are
            // read from the call site's analysis.
            var gate = RelevantFiles.For(context.Compilation, options);
            // Like the file check, only in an app with an SDK whose settings files name models (not the Azure beta alone).
            var linkedValues = symbols.HasAnySdk ? new LinkedSettingsValues(options.AdditionalFiles, fileSeverity, cancellationToken) : null;
            // The raw-HTTP check rides on ModelUses' walk of each member (one enumeration of its operations, not two).
            MemberBlocksContext.RegisterForRelevantFiles(context, gate, member => ModelUses.Analyze(member, table.Value, symbols, isConfigured, linkedValues, rawHttp));
        }

        private static void ReportMalformedRows(AdditionalFileAnalysisContext context, AdditionalFileSeverity severity)
        {
            var path = context.AdditionalFile.Path;
            if (!ModelTableFile.IsModelTableFile(path) || context.AdditionalFile.GetText(context.CancellationToken) is not { } text)
            {
                return;
            }

            foreach (var problem in ModelTableFile.ParseCached(text).Malformed)
            {
                if (severity.Create(context.AdditionalFile, Descriptors.AIL0506, Location.Create(path, problem.Span, problem.LineSpan), null, new object?[] { problem.Message }, context.CancellationToken) is { } malformed)
                {
                    context.ReportDiagnostic(malformed);
                }
            }
        }
    }
}
