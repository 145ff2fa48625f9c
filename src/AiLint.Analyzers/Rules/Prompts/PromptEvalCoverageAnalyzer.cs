using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using AiLint.Analyzers.Configuration;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Razor;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// AIL0301–AIL0304: prompts without eval cases, prompts changed since their cases last passed, instructions no case
    /// exercises, and malformed eval cases. A prompt is a [Prompt]-annotated member or constant text that reaches an SDK
    /// system/instruction slot (<see cref="PromptFlow"/>). What one document decides (a [Prompt] member, a prompt whose
    /// declaration is in the document of a slot it reaches) is reported in document scope, so editors show it on open
    /// files; prompts reached only from other documents or through parameters are reported at compilation end.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PromptEvalCoverageAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxInstructionLengthInMessage = 120;

        private readonly Action<ImmutableArray<PromptCoverage>>? onCoverage;

        /// <summary>Creates the analyzer (the compiler and the IDE use this constructor).</summary>
        public PromptEvalCoverageAnalyzer()
        {
        }

        /// <summary>For the coverage report: receives the coverage of every prompt at the end of each compilation.</summary>
        internal PromptEvalCoverageAnalyzer(Action<ImmutableArray<PromptCoverage>> onCoverage)
        {
            this.onCoverage = onCoverage;
        }

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AIL0301, Descriptors.AIL0302, Descriptors.AIL0303, Descriptors.AIL0304);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(RazorAwareAnalysisContext.GeneratedCode);
            context = RazorAwareAnalysisContext.Wrap(context);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var options = context.Options;
            var cancellationToken = context.CancellationToken;
            var suite = new Lazy<EvalSuite>(() => EvalSuite.Create(options.AdditionalFiles, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);

            // Raw POSTs to a relative path on a provider's base address read settings files (RawHttpLlmCalls, RawHttpBaseAddresses).
            Models.RawHttpBaseAddresses.Prepare(context.Compilation, options.AdditionalFiles);

            var coverages = new ConcurrentBag<PromptCoverage>();
            var projectDirectory = AiLintOptions.GetProjectDirectory(context.Options);

            // The .editorconfig severity the rule pages show reaches additional files only through AdditionalFileSeverity.
            var fileSeverity = new AdditionalFileSeverity(context.Compilation, context.Options);
            context.RegisterAdditionalFileAction(fileContext =>
            {
                var file = fileContext.AdditionalFile;
                var path = file.Path;
                var ct = fileContext.CancellationToken;
                DiagnosticFactory configured = (descriptor, location, properties, args) => fileSeverity.Create(file, descriptor, location, properties, args, ct);

                // A file linked from outside the project folder is read at its link path (PromptFileLinks).
                var link = PromptFileLinks.Of(options, file);
                if (PromptFiles.IsPromptFile(link ?? path))
                {
                    // A prompt file is a prompt by its name: decided by the file alone, reported on the file.
                    if (PromptFiles.Read(file, projectDirectory, ct, link) is { } prompt)
                    {
                        var coverage = PromptCoverage.Compute(prompt, suite.Value);
                        coverages.Add(coverage);
                        Report(coverage, fileContext.ReportDiagnostic, configured);
                    }

                    return;
                }

                if (!EvalFileParser.IsEvalFile(path))
                {
                    return;
                }

                foreach (var line in suite.Value.GetMalformed(path))
                {
                    if (configured(Descriptors.AIL0304, Location.Create(path, line.Span, line.LineSpan), null, new object?[] { line.Message }) is { } malformed)
                    {
                        fileContext.ReportDiagnostic(malformed);
                    }
                }
            });

            var symbols = KnownPromptSymbols.Create(context.Compilation);
            var wrappers = new ReferencedPromptWrappers(context.Compilation);
            if (symbols.PromptAttribute == null && !symbols.HasAnySlot && !wrappers.Any && !symbols.RawHttp.MayOccur)
            {
                // Neither AiLint.Annotations nor a known SDK is referenced, nor a provider's endpoint spelled for a raw
                // HTTP request: no C# reaches a slot here, only prompt files are prompts, and a constant passed to an
                // interface this project declares and another project implements (UnimplementedContractPrompts: the
                // Application project of a clean-architecture solution, which references no SDK).
                var readContracts = !TestProjects.IsTestProject(context.Compilation);
                context.RegisterCompilationEndAction(TooDeepInputs.Skipped((CompilationAnalysisContext endContext) =>
                {
                    if (readContracts)
                    {
                        var found = UnimplementedContractPrompts.Find(endContext.Compilation, () => new PromptFlow(endContext.Compilation, symbols), endContext.CancellationToken);
                        var reported = new HashSet<Location>();
                        found.Sort(ByLocation);
                        foreach (var declaration in found)
                        {
                            if (reported.Add(declaration.Location))
                            {
                                var coverage = PromptCoverage.Compute(declaration, suite.Value);
                                coverages.Add(coverage);
                                Report(coverage, endContext.ReportDiagnostic);
                            }
                        }
                    }

                    onCoverage?.Invoke(coverages.ToImmutableArray());
                }));

                return;
            }

            var scanSlots = !TestProjects.IsTestProject(context.Compilation);
            var flow = new PromptFlow(context.Compilation, symbols);
            var callSites = new CallSiteIndex(context.Compilation);
            var promptParameters = new ConcurrentDictionary<ISymbol, byte>(SymbolEqualityComparer.Default);
            var singleTurnWrappers = new SingleTurnWrapperParameters();
            var crossDocument = new ConcurrentDictionary<Location, PromptDeclaration>();
            var reportedInDocument = new ConcurrentDictionary<Location, byte>();

            // Text files copied to the output or embedded that the code reads by name into a slot (NamedPromptFileReads).
            var namedFiles = new NamedPromptFileReads(context.Compilation, context.Options, projectDirectory);

            var gate = RelevantFiles.For(context.Compilation, context.Options);

            // Document scope: a [Prompt] member, and a prompt whose declaration is in the same document as a slot it
            // reaches, are decided by this document alone, so the IDE shows them on open documents.
            context.RegisterSemanticModelAction(TooDeepInputs.Skipped((SemanticModelAnalysisContext modelContext) =>
            {
                var model = modelContext.SemanticModel;
                var tree = model.SyntaxTree;
                var ct = modelContext.CancellationToken;

                // A file that spells no [Prompt], no slot and no project member leading to one holds no prompt and no
                // call site PromptFlow follows (Gating/RelevantFiles): asking for its operations would build them for nothing.
                if (!gate.IsRelevant(tree))
                {
                    // Except text the file writes into a property a slot elsewhere reads: kept for compilation end
                    // (CallSiteIndex.DeferSkippedFile), when the properties that hold prompts are known.
                    if (scanSlots)
                    {
                        callSites.DeferSkippedFile(tree);
                    }

                    return;
                }

                var here = new Dictionary<Location, PromptDeclaration>();
                var found = new List<PromptDeclaration>();
                var slots = new List<PromptSlot>();
                var origins = new List<PromptOrigin>();

                // The file's calls, creations, assignments, fields and properties in document order, walked once per
                // model and shared with AIL0102 (Gating/CallSitesOfFile): the same nodes and operations a walk here gave.
                var sites = CallSitesOfFile.Of(model, ct);
                for (var i = 0; i < sites.Nodes.Length; i++)
                {
                    var node = sites.Nodes[i];
                    if (node is FieldDeclarationSyntax || node is PropertyDeclarationSyntax)
                    {
                        found.Clear();
                        PromptDeclaration.ReadAnnotated((MemberDeclarationSyntax)node, model, symbols, found, ct);
                        foreach (var declaration in found)
                        {
                            here[declaration.Location] = declaration;
                        }

                        continue;
                    }

                    // In a unit-test project (TestProjects), slots and call sites hold fixtures, not prompts.
                    if (!scanSlots || sites.Operation(i, ct) is not { } operation)
                    {
                        continue;
                    }

                    callSites.Record(operation, ct);
                    singleTurnWrappers.RecordRequest(operation, symbols);
                    slots.Clear();
                    symbols.FindSlotValues(operation, slots, ct);
                    wrappers.FindSlotValues(operation, slots, ct);
                    foreach (var slot in slots)
                    {
                        namedFiles.Record(slot, ct);
                        origins.Clear();
                        if (slot.Spelled is { } spelled)
                        {
                            origins.Add(spelled);
                        }
                        else if (slot.IsSingleTurn)
                        {
                            flow.ResolveSingleTurn(slot.Value, origins, ct);

                            // A wrapper's parameter sent as the whole request: its callers' text is judged at compilation end.
                            singleTurnWrappers.Record(slot.Value, flow);
                        }
                        else
                        {
                            flow.Resolve(slot.Value, followParameters: true, origins, ct);
                        }

                        foreach (var origin in origins)
                        {
                            if (origin.Holder != null)
                            {
                                if (!(origin.Holder is IParameterSymbol flagged && FlagChosenSlots.IsChosenByFlag(slot.Value, flagged)))
                                {
                                    promptParameters.TryAdd(origin.Holder, 0);
                                }
                            }
                            else if ((slot.IsSingleTurn && !SingleTurnInstruction.Qualifies(origin.Declaration!))
                                || (slot.IsFunctionTemplate && FunctionTemplateQuestions.IsOnlyAQuestion(origin.Declaration!)))
                            {
                                continue;
                            }
                            else if (origin.Declaration!.Location.SourceTree == tree)
                            {
                                here[origin.Declaration.Location] = origin.Declaration;
                            }
                            else
                            {
                                crossDocument.TryAdd(origin.Declaration.Location, origin.Declaration);
                            }
                        }
                    }
                }

                foreach (var declaration in here.Values)
                {
                    reportedInDocument.TryAdd(declaration.Location, 0);
                    var coverage = PromptCoverage.Compute(declaration, suite.Value, here.Values);
                    coverages.Add(coverage);
                    Report(coverage, modelContext.ReportDiagnostic);
                }
            }));

            // Compilation end: prompts reached only from other documents, or handed down through parameters.
            context.RegisterCompilationEndAction(TooDeepInputs.Skipped((CompilationAnalysisContext endContext) =>
            {
                var origins = new List<PromptOrigin>();
                var reached = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                foreach (var parameter in promptParameters.Keys)
                {
                    flow.ResolveHolder(parameter, callSites, origins, endContext.CancellationToken, reached);
                }

                // `IChatService.AskAsync(Prompts.Triage, text)`: calls through an interface or abstract method whose every
                // implementation here puts that parameter into a slot (ContractPromptParameters).
                foreach (var contractParameter in ContractPromptParameters.Find(reached, endContext.Compilation, callSites, endContext.CancellationToken))
                {
                    flow.ResolveHolder(contractParameter, callSites, origins, endContext.CancellationToken);
                }

                // `AskAsync($"Analyze the following ...: {json}")` into a wrapper that sends it as the only user message.
                singleTurnWrappers.Resolve(flow, callSites, endContext.Compilation, origins, endContext.CancellationToken);

                foreach (var origin in origins)
                {
                    crossDocument.TryAdd(origin.Declaration!.Location, origin.Declaration);
                }

                // A constant passed to an interface method this project declares and only another project implements
                // (UnimplementedContractPrompts): its parameter's name is all there is to read.
                if (scanSlots)
                {
                    foreach (var declaration in UnimplementedContractPrompts.Find(endContext.Compilation, () => flow, endContext.CancellationToken))
                    {
                        crossDocument.TryAdd(declaration.Location, declaration);
                    }
                }

                var atEnd = new List<PromptDeclaration>();
                foreach (var pair in crossDocument)
                {
                    if (!reportedInDocument.ContainsKey(pair.Key))
                    {
                        atEnd.Add(pair.Value);
                    }
                }

                // Deterministic order: the same build reports the same diagnostics in the same order.
                atEnd.Sort(ByLocation);
                foreach (var declaration in atEnd)
                {
                    var coverage = PromptCoverage.Compute(declaration, suite.Value, atEnd);
                    coverages.Add(coverage);
                    Report(coverage, endContext.ReportDiagnostic);
                }

                // On the file, with the severity configured for it, as a prompt file found by its name is; so is a
                // settings value read by its key into a slot (SettingsPromptReads).
                var filePrompts = namedFiles.Prompts(projectDirectory, endContext.CancellationToken);
                if (namedFiles.Settings is { } settings)
                {
                    filePrompts.AddRange(settings.Prompts(projectDirectory, endContext.CancellationToken));
                }

                foreach (var (file, prompt) in filePrompts)
                {
                    var coverage = PromptCoverage.Compute(prompt, suite.Value);
                    coverages.Add(coverage);
                    Report(coverage, endContext.ReportDiagnostic, (descriptor, location, properties, args) => fileSeverity.Create(file, descriptor, location, properties, args, endContext.CancellationToken));
                }

                onCoverage?.Invoke(coverages.ToImmutableArray());
            }));
        }

        private static int ByLocation(PromptDeclaration x, PromptDeclaration y) =>
            string.CompareOrdinal(
                x.Location.SourceTree?.FilePath + ":" + x.Location.SourceSpan.Start.ToString("D9", CultureInfo.InvariantCulture),
                y.Location.SourceTree?.FilePath + ":" + y.Location.SourceSpan.Start.ToString("D9", CultureInfo.InvariantCulture));

        /// <summary>Creates a diagnostic, or null when the project configured it away (<see cref="AdditionalFileSeverity"/>).</summary>
        private delegate Diagnostic? DiagnosticFactory(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?>? properties, object?[] messageArgs);

        private static readonly DiagnosticFactory AsDescribed = (descriptor, location, properties, args) => Diagnostic.Create(descriptor, location, properties, args);

        private static void Report(PromptCoverage coverage, Action<Diagnostic> report, DiagnosticFactory? create = null)
        {
            create ??= AsDescribed;
            void Add(Diagnostic? diagnostic)
            {
                if (diagnostic != null)
                {
                    report(diagnostic);
                }
            }

            var declaration = coverage.Declaration;
            if (coverage.HasNoCases)
            {
                var scaffold = new List<string>();
                foreach (var instruction in coverage.Instructions)
                {
                    if (!instruction.IsCovered && !instruction.HasTodoCase)
                    {
                        scaffold.Add(PromptInstructions.NormalizeWhitespace(instruction.Instruction.Text));
                    }
                }

                var generic = coverage.Instructions.IsEmpty && coverage.Cases.IsEmpty;
                Add(create(
                    Descriptors.AIL0301,
                    declaration.Location,
                    FixProperties(coverage, scaffold, generic),
                    new object?[] { declaration.Id }));
            }

            if (coverage.IsStale)
            {
                // One text of several under one id gets a message that does not say "changed" (PromptCoverage.StaleReport).
                var (descriptor, arguments) = coverage.StaleReport();
                Add(create(descriptor, declaration.Location, null, arguments));
            }

            // A prompt without any case has one finding, AIL0301 (its fix scaffolds a case per instruction); the
            // per-instruction AIL0303 starts once the prompt has cases.
            if (coverage.HasNoCases)
            {
                return;
            }

            foreach (var instruction in coverage.Instructions)
            {
                if (instruction.IsCovered)
                {
                    continue;
                }

                var scaffold = instruction.HasTodoCase ? new List<string>() : new List<string> { PromptInstructions.NormalizeWhitespace(instruction.Instruction.Text) };
                Add(create(
                    Descriptors.AIL0303,
                    instruction.Location,
                    FixProperties(coverage, scaffold, generic: false),
                    new object?[] { ForMessage(instruction.Instruction.Text), declaration.Id }));
            }
        }

        private static ImmutableDictionary<string, string?> FixProperties(PromptCoverage coverage, List<string> scaffold, bool generic)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder.Add(PromptDiagnosticProperties.PromptId, coverage.Id);
            builder.Add(PromptDiagnosticProperties.TypeName, coverage.Declaration.TypeName);
            builder.Add(PromptDiagnosticProperties.EvalFile, coverage.EvalFilePath);
            if (scaffold.Count > 0)
            {
                builder.Add(PromptDiagnosticProperties.Scaffold, string.Join("\n", scaffold));
            }

            if (generic)
            {
                builder.Add(PromptDiagnosticProperties.ScaffoldGeneric, "true");
            }

            return builder.ToImmutable();
        }

        internal static string ForMessage(string instruction)
        {
            var text = PromptInstructions.NormalizeWhitespace(instruction);
            return text.Length <= MaxInstructionLengthInMessage ? text : text.Substring(0, MaxInstructionLengthInMessage - 3) + "...";
        }
    }
}
