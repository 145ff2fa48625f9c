using System;
using System.Collections.Generic;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// One member's model ids and sampling parameters. Model ids are checked where they enter a model slot. An options
    /// object's sampling parameters are checked against the model when the member shows which model it goes to: its
    /// own <c>Model</c>/<c>ModelId</c>, or the client it is passed to, created in the same member with a known id.
    /// </summary>
    internal sealed partial class ModelUses
    {
        private readonly ModelTable table;
        private readonly KnownModelSymbols symbols;
        private readonly Func<string, bool> isConfigured;
        private readonly LinkedSettingsValues? linkedValues;

        // The raw-HTTP reader of the compilation, when it has one: an interface default the implementation posts raw.
        private RawHttpModelIds? rawHttp;

        // Keys are locals (an options object or a client held in a local) or the creating operation itself. Allocated on
        // first use: most members hold no model id at all.
        private Dictionary<object, ModelRow>? modelOf;
        private Dictionary<object, List<SamplingSetting>>? samplingOf;
        private List<IOperation>? callsWithOptions;

        // Semantic Kernel in one member (Program.cs): the chat completion services it registers (the rest of its state is
        // in the companion, ModelUses.Rare.cs).
        private int kernelRegistrations;

        // A kernel or chat completion service the member did not build (a parameter, a field, a property, a factory of
        // the project): settings may be sent there, to whatever model it serves, rather than to this member's registration.
        private bool usesKernelFromElsewhere;

        // The model slot being checked (an argument or a property assignment): the branch it sits in may rule out arms
        // of a switch that picked its id (SlotGuards).
        private IOperation? slot;

        private ModelUses(ModelTable table, KnownModelSymbols symbols, Func<string, bool> isConfigured, LinkedSettingsValues? linkedValues)
        {
            this.table = table;
            this.symbols = symbols;
            this.isConfigured = isConfigured;
            this.linkedValues = linkedValues;
        }

        /// <summary>
        /// Analyses one member: visits its operations in the driver's order (each block's DescendantsAndSelf), looks
        /// only at the three kinds of operation it needs, and decides AIL0504/AIL0505 when the member is done. A
        /// settings default is skipped when <c>isConfigured</c> says the app's settings files give its key a value: the
        /// configured value, checked in the file, is the id the app sends.
        /// </summary>
        /// <remarks>
        /// <paramref name="rawHttp"/>, when given, checks each invocation of the same walk as a raw HTTP request
        /// (<see cref="RawHttpModelIds"/>): its findings do not depend on this member's other operations, and one walk
        /// instead of two halves the enumeration of the member's operations. A body's <c>model</c> value is read by
        /// <see cref="CheckModelId"/>, as an SDK slot's is (<see cref="RawValueCheck"/>).
        /// </remarks>
        public static void Analyze(MemberBlocksContext member, ModelTable table, KnownModelSymbols symbols, Func<string, bool> isConfigured, LinkedSettingsValues? linkedValues = null, RawHttpModelIds? rawHttp = null)
        {
            var uses = new ModelUses(table, symbols, isConfigured, linkedValues) { rawHttp = rawHttp };
            var report = member.Report;
            var cancellationToken = member.CancellationToken;
            foreach (var block in member.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    switch (operation.Kind)
                    {
                        case OperationKind.Invocation:
                            var invocation = (IInvocationOperation)operation;
                            if (KnownModelSymbols.IsChatCompletionRegistration(invocation.TargetMethod) || symbols.RegistersChatService(invocation.TargetMethod))
                            {
                                uses.kernelRegistrations++;
                            }
                            else if (!uses.usesKernelFromElsewhere && symbols.SemanticKernel != null && symbols.IsKernelOrChatService(invocation.Type)
                                && invocation.SemanticModel?.Compilation is { } compilation && SourceBodies.IsInSource(invocation.TargetMethod, compilation))
                            {
                                uses.usesKernelFromElsewhere = true;
                            }

                            uses.CheckModelArguments(invocation, invocation.Arguments, report, cancellationToken);
                            uses.CheckHelperArguments(invocation, report, cancellationToken);
                            uses.CheckReferencedModelParameters(invocation, invocation.TargetMethod, invocation.Arguments, report, cancellationToken);
                            uses.RememberCallWithOptions(invocation, invocation.Arguments);
                            uses.RememberClone(invocation);
                            if (rawHttp != null && rawHttp.IsCandidate(invocation))
                            {
                                rawHttp.CheckRequest(invocation, member.Compilation, table, uses.RawValueCheck(rawHttp, report, cancellationToken), report, cancellationToken);
                            }
                            break;
                        case OperationKind.ObjectCreation:
                            var creation = (IObjectCreationOperation)operation;
                            if (symbols.IsChatCompletionService(creation.Type))
                            {
                                // new OpenAIChatCompletionService(...) handed to AddKeyedSingleton: one more service the kernel may pick.
                                uses.kernelRegistrations++;
                            }

                            uses.CheckModelArguments(creation, creation.Arguments, report, cancellationToken);
                            if (creation.Constructor is { } constructor)
                            {
                                uses.CheckReferencedModelParameters(creation, constructor, creation.Arguments, report, cancellationToken);
                            }

                            uses.RememberCallWithOptions(creation, creation.Arguments);
                            break;
                        case OperationKind.ParameterReference:
                        case OperationKind.FieldReference:
                        case OperationKind.PropertyReference:
                            if (!uses.usesKernelFromElsewhere && symbols.SemanticKernel != null && symbols.IsKernelOrChatService(operation.Type)
                                && !(operation.Parent is ISimpleAssignmentOperation target && target.Target == operation))
                            {
                                uses.usesKernelFromElsewhere = true;
                            }

                            break;
                        case OperationKind.SimpleAssignment:
                            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                            {
                                uses.CheckPropertyAssignment(assignment, property, report, cancellationToken);
                            }
                            else if (operation is ISimpleAssignmentOperation { Target: IFieldReferenceOperation } fieldAssignment)
                            {
                                uses.CheckStoredParameterDefault(fieldAssignment, report, cancellationToken);
                            }

                            break;
                    }
                }
            }

            uses.CheckFixtureRequests(report, cancellationToken);
            uses.CheckSampling(report, cancellationToken);
        }

        /// <summary>
        /// The raw HTTP requests of one member of an app that references no SDK with a model slot (<see cref="RawHttpModelIds"/>):
        /// only the invocations are visited, and a body's <c>model</c> value is read as <see cref="Analyze"/> reads it.
        /// </summary>
        public static void AnalyzeRawRequests(MemberBlocksContext member, ModelTable table, KnownModelSymbols symbols, Func<string, bool> isConfigured, RawHttpModelIds rawHttp)
        {
            ModelUses? uses = null;
            foreach (var block in member.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation && rawHttp.IsCandidate(invocation))
                    {
                        uses ??= new ModelUses(table, symbols, isConfigured, linkedValues: null) { rawHttp = rawHttp };
                        uses.CheckOmittedInterfaceArguments(invocation, member.Report, member.CancellationToken);
                        rawHttp.CheckRequest(invocation, member.Compilation, table, uses.RawValueCheck(rawHttp, member.Report, member.CancellationToken), member.Report, member.CancellationToken);
                    }
                }
            }
        }

        /// <summary>
        /// <c>AskAsync(client, "gpt-3.5-turbo-0613", question)</c>: a constant id passed to a project helper whose
        /// parameter reaches a model slot (<see cref="HelperParameterSlots"/>), reported at the argument. Not in a
        /// project that also sends OpenAI-style requests to another server (the helper's client may be one of those).
        /// </summary>
        private void CheckHelperArguments(IInvocationOperation invocation, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            Compilation? compilation = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    CheckOmittedInterfaceArgument(invocation, argument, report, cancellationToken);
                    continue;
                }

                if (argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter)
                {
                    continue;
                }

                // The method's test once, before any argument is folded: most calls given a string (logging, string and
                // framework methods) are not to a project helper, and folding a field or a local reads its declaring
                // syntax (docs/performance.md, "2026-12-06, session 32").
                if (compilation == null)
                {
                    if (invocation.SemanticModel?.Compilation is not { } known || !HelperParameterSlots.IsCandidate(invocation.TargetMethod, known))
                    {
                        return;
                    }

                    compilation = known;
                }

                // Then the argument's ids (a constant, or what a helper returns there), cheapest test first.
                foreach (var id in symbols.HelperParameters.IdsPassed(argument.Value, parameter, table, symbols, compilation, cancellationToken))
                {
                    if (table.Find(id) is { } row && !symbols.ProjectRedirectsOpenAI(cancellationToken)
                        && ModelIdDiagnostics.Create(row, id, argument.Value.Syntax.GetLocation(), table.CompiledOn) is { } diagnostic)
                    {
                        report(diagnostic);
                    }
                }
            }
        }

        /// <summary>The omitted arguments of a call through the project's interface (an app without an SDK: only raw requests are read).</summary>
        private void CheckOmittedInterfaceArguments(IInvocationOperation invocation, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    CheckOmittedInterfaceArgument(invocation, argument, report, cancellationToken);
                }
            }
        }

        /// <summary>An omitted argument of a call through the project's interface: the interface's default is sent.</summary>
        private void CheckOmittedInterfaceArgument(IInvocationOperation invocation, IArgumentOperation argument, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (invocation.TargetMethod.ContainingType?.TypeKind == TypeKind.Interface
                && argument.Parameter is { Type.SpecialType: SpecialType.System_String }
                && invocation.SemanticModel?.Compilation is { } known)
            {
                CheckOmittedInterfaceDefault(invocation, argument, known, report, cancellationToken);
            }
        }

        /// <summary>
        /// <c>ai.GenerateTextAsync(prompt)</c> through <c>IStoryAi</c>, whose member declares <c>string model =
        /// "gpt-3.5-turbo"</c> and whose only implementation in the project hands <c>model</c> to a model slot (review63,
        /// StoryGenerator): the call sends the interface's default (<see cref="ParameterDefaultModelIds.OmittedAtInterfaceCall"/>).
        /// Reported on the default value, once in the compilation, when the call is in the interface's file; a call in
        /// another file is reported at its argument list (a diagnostic stays in the file being analysed, as for a
        /// dictionary's values). A default no call omits is never reported: the calls decide. Not in a project that also
        /// sends OpenAI-style requests to another server, as for a constant passed to a helper. The implementation may also
        /// write the parameter as the model of a raw request body it posts to OpenAI's own host, directly or through one
        /// helper (<see cref="HelperParameterSlots.ReachesRawModelBody"/>, review68).
        /// </summary>
        private void CheckOmittedInterfaceDefault(IInvocationOperation invocation, IArgumentOperation argument, Compilation compilation, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (ParameterDefaultModelIds.OmittedAtInterfaceCall(argument, compilation, cancellationToken) is not { } parameterDefault
                || table.Find(parameterDefault.Id) is not { } row
                || !(symbols.HelperParameters.ReachesModelSlot(parameterDefault.Parameter, symbols, compilation, cancellationToken)
                    || (rawHttp != null && symbols.HelperParameters.ReachesRawModelBody(parameterDefault.Parameter, rawHttp, compilation, cancellationToken)))
                || symbols.ProjectRedirectsOpenAI(cancellationToken))
            {
                return;
            }

            ReportWhereWritten(row, parameterDefault.Id, parameterDefault.Value, invocation.Syntax, invocation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call ? call.ArgumentList : invocation.Syntax, report);
        }

        /// <summary>
        /// Reports <paramref name="id"/> where it is <paramref name="written"/> (a default, an entry, an attribute's
        /// argument: where the fix goes), once however many uses read it, when that is in the file of the use
        /// <paramref name="use"/>; otherwise at <paramref name="useSite"/>, since a diagnostic stays in the file being analysed.
        /// </summary>
        private void ReportWhereWritten(ModelRow row, string id, SyntaxNode written, SyntaxNode use, SyntaxNode useSite, System.Action<Diagnostic> report)
        {
            var sameFile = written.SyntaxTree == use.SyntaxTree;
            var location = sameFile ? written.GetLocation() : useSite.GetLocation();
            if ((!sameFile || symbols.ReportOnce(location))
                && ModelIdDiagnostics.Create(row, id, location, table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }
        }

        /// <summary>
        /// In a unit-test project, <c>new ChatOptions { ModelId = "gpt-4-0613" }</c> handed to an in-process fake is a
        /// fixture, not a request to a provider: a provider-neutral request's model id is checked there only when the
        /// same member visibly sends the request to a client it built from an SDK (or to a kernel it registered a chat
        /// service on). Concrete SDK clients (<c>new ChatClient("gpt-4-0613", key)</c>) are checked as anywhere else.
        /// </summary>
        private void CheckFixtureRequests(System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (FixtureRequests == null)
            {
                return;
            }

            foreach (var (assignment, key) in FixtureRequests)
            {
                if (!SentToRealClient(key))
                {
                    continue;
                }

                slot = assignment;
                if (CheckModelId(assignment.Value, report, cancellationToken) is { } row)
                {
                    SetModel(key, row);
                }
            }
        }

        private bool SentToRealClient(object options)
        {
            if (KernelSettings != null && KernelSettings.Contains(options))
            {
                return kernelRegistrations > 0;
            }

            if (callsWithOptions == null || RealClients == null)
            {
                return false;
            }

            foreach (var call in callsWithOptions)
            {
                var receiver = call switch
                {
                    IInvocationOperation invocation => invocation.Instance
                        ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
                    IObjectCreationOperation creation when creation.Arguments.Length > 0 => creation.Arguments[0].Value,
                    _ => null,
                };
                if (receiver == null || !RealClients.Contains(KeyOf(ModelIdValue.Unwrap(receiver))))
                {
                    continue;
                }

                var arguments = call is IInvocationOperation withArguments ? withArguments.Arguments : ((IObjectCreationOperation)call).Arguments;
                foreach (var argument in arguments)
                {
                    foreach (var carried in OptionsIn(argument.Value))
                    {
                        if (KeyComparer.Instance.Equals(KeyOf(carried), options))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private void CheckSampling(System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            InheritClonedValues(cancellationToken);
            if (samplingOf == null)
            {
                return;
            }

            LinkOptionsToClients(cancellationToken);
            LinkSettingsToTheRegisteredModel(cancellationToken);
            foreach (var entry in samplingOf)
            {
                if (modelOf != null && modelOf.TryGetValue(entry.Key, out var row))
                {
                    SamplingRules.Check(row, entry.Value, report, cancellationToken);
                }
            }
        }

        private void RememberClone(IInvocationOperation invocation)
        {
            if (!symbols.IsOptionsClone(invocation))
            {
                return;
            }

            foreach (var key in KeysOfCreated(invocation))
            {
                if (key is ILocalSymbol copy)
                {
                    (Clones ??= new List<(ILocalSymbol Copy, IInvocationOperation Call)>()).Add((copy, invocation));
                }
            }
        }

        /// <summary>
        /// <c>var options = Defaults.Clone(); options.ModelId = "o4-mini";</c>: the copy carries the sampling values
        /// its source was written with (a local of this member, or a readonly field or get-only property, see
        /// <see cref="ClonedOptions"/>), and the source's model when the member gives the copy none. A property the
        /// member writes on the copy again (<c>options.Temperature = null</c>) replaces the inherited value. Reported
        /// at the copying call: the source may be shared by requests to other models.
        /// </summary>
        private void InheritClonedValues(System.Threading.CancellationToken cancellationToken)
        {
            if (Clones == null)
            {
                return;
            }

            foreach (var (copy, call) in Clones)
            {
                if (call.Instance == null || call.SemanticModel?.Compilation is not { } compilation)
                {
                    continue;
                }

                var inherited = new List<(string Property, ISimpleAssignmentOperation Assignment)>();
                switch (ModelIdValue.Unwrap(call.Instance))
                {
                    case ILocalReferenceOperation { Local: var local }:
                        if (samplingOf != null && samplingOf.TryGetValue(local, out var localSettings))
                        {
                            foreach (var setting in localSettings)
                            {
                                inherited.Add((setting.Property, setting.Assignment));
                            }
                        }

                        if (modelOf != null && modelOf.TryGetValue(local, out var localModel) && !Writes(ModelWritten, copy) && !modelOf.ContainsKey(copy))
                        {
                            modelOf[copy] = localModel;
                        }

                        break;
                    case IFieldReferenceOperation { Field: var field }:
                        inherited.AddRange(ClonedOptions.WrittenOn(field, compilation, cancellationToken));
                        break;
                    case IPropertyReferenceOperation { Property: var property }:
                        inherited.AddRange(ClonedOptions.WrittenOn(property, compilation, cancellationToken));
                        break;
                }

                List<SamplingSetting>? own = null;
                samplingOf?.TryGetValue(copy, out own);
                var added = new List<SamplingSetting>();
                foreach (var (property, assignment) in inherited)
                {
                    if (assignment.Target is IPropertyReferenceOperation target && KnownModelSymbols.IsModelProperty(target.Property))
                    {
                        if (!Writes(ModelWritten, copy) && (modelOf == null || !modelOf.ContainsKey(copy))
                            && ModelIdValue.Fold(assignment.Value, cancellationToken) is { } id && table.Find(id) is { } row)
                        {
                            SetModel(copy, row);
                        }
                    }
                    else if (SamplingRules.ApiName(property) != null && (own == null || !own.Exists(setting => setting.Property == property)))
                    {
                        added.Add(new SamplingSetting(property, assignment, call.Syntax.GetLocation()));
                    }
                }

                if (added.Count > 0)
                {
                    samplingOf ??= new Dictionary<object, List<SamplingSetting>>(KeyComparer.Instance);
                    if (own == null)
                    {
                        samplingOf[copy] = added;
                    }
                    else
                    {
                        own.AddRange(added);
                    }
                }
            }
        }

        private static bool Writes(HashSet<object>? written, object key) => written != null && written.Contains(key);

        private void RememberCallWithOptions(IOperation call, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (!MayCarryOptions(argument.Value))
                {
                    continue;
                }

                foreach (var _ in OptionsIn(argument.Value))
                {
                    (callsWithOptions ??= new List<IOperation>()).Add(call);
                    return;
                }
            }
        }

        /// <summary>
        /// Whether <see cref="OptionsIn"/> can yield anything for <paramref name="argument"/>: the first test of each of
        /// its three branches (an options object, a creation, a local of an agent wrapper type). Most arguments are
        /// none of these, and asking first spares an iterator per argument of every call (two thirds of what
        /// Analyze allocated on the benchmark corpus; docs/performance.md, "2026-12-06, session 29"). Keep in step with OptionsIn.
        /// </summary>
        private bool MayCarryOptions(IOperation argument)
        {
            var value = ModelIdValue.Unwrap(argument);
            return symbols.IsSamplingOptionsType(value.Type)
                || value is IObjectCreationOperation
                || (value is ILocalReferenceOperation { Local: var local } && symbols.IsAgentOptionsWrapper(local.Type));
        }

        /// <summary>
        /// The options objects an argument carries: the argument itself, an options object assigned in its object
        /// initializer (Agent Framework's <c>new ChatClientAgentOptions { ChatOptions = new ChatOptions { ... } }</c>),
        /// the <c>ChatOptions</c> an agent run wraps (<c>new ChatClientAgentRunOptions(new ChatOptions { ... })</c>),
        /// or, for a local of those agent wrapper types that nothing writes again, what its initializer carries.
        /// </summary>
        private IEnumerable<IOperation> OptionsIn(IOperation argument, bool followLocal = true)
        {
            var value = ModelIdValue.Unwrap(argument);
            if (symbols.IsSamplingOptionsType(value.Type))
            {
                yield return value;
            }
            else if (value is IObjectCreationOperation creation)
            {
                if (symbols.IsAgentOptionsWrapper(creation.Type))
                {
                    foreach (var wrapped in creation.Arguments)
                    {
                        if (ModelIdValue.Unwrap(wrapped.Value) is { } carriedArgument && symbols.IsSamplingOptionsType(carriedArgument.Type))
                        {
                            yield return carriedArgument;
                        }
                    }
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment
                            && ModelIdValue.Unwrap(assignment.Value) is { } carried
                            && symbols.IsSamplingOptionsType(carried.Type))
                        {
                            yield return carried;
                        }
                    }
                }
            }
            else if (followLocal && value is ILocalReferenceOperation { Local: var local } && symbols.IsAgentOptionsWrapper(local.Type)
                && InitializerInTree(value, local) is { } initialValue)
            {
                // var agentOptions = new ChatClientAgentOptions { ChatOptions = new() { Temperature = 0.2f } };
                // new ChatClientAgent(chatClient, agentOptions)
                foreach (var carried in OptionsIn(initialValue, followLocal: false))
                {
                    yield return carried;
                }
            }
        }

        /// <summary>
        /// The initializer of a local nothing writes again, as an operation of the same tree as <paramref name="read"/>
        /// (so that the options objects in it are the keys this member's assignments were recorded under).
        /// </summary>
        private static IOperation? InitializerInTree(IOperation read, ILocalSymbol local)
        {
            if (ModelIdValue.NeverReassignedInitializer(local, default) == null)
            {
                return null;
            }

            var root = read;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                }
            }

            return null;
        }

        private void SetModel(object key, ModelRow row) =>
            (modelOf ??= new Dictionary<object, ModelRow>(KeyComparer.Instance))[key] = row;

        private void CheckModelArguments(IOperation owner, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            // An Azure deployment name, or a model name for another OpenAI-compatible server: not in the table's terms.
            bool? notOpenAIModel = null;
            foreach (var argument in arguments)
            {
                // Azure.AI.OpenAI 1.0 beta's deploymentOrModelName on a client built for OpenAI's own endpoint is a model id too.
                var isModelSlot = argument.ArgumentKind != ArgumentKind.DefaultValue
                    && (IsModelParameter(argument.Parameter) || symbols.OlderSdks.AzureBeta.TakesModelId(owner, argument.Parameter, cancellationToken));
                if (symbols.IsTestProject && isModelSlot)
                {
                    // A client built here from an SDK: requests sent to it reach a provider (CheckFixtureRequests).
                    foreach (var key in KeysOfCreated(owner))
                    {
                        (RealClients ??= new HashSet<object>(KeyComparer.Instance)).Add(key);
                    }
                }

                if (isModelSlot
                    && !(notOpenAIModel ??= AzureDeployments.TakesDeployment(owner, symbols, cancellationToken)
                        || OtherEndpoints.SendsElsewhere(owner, symbols, cancellationToken)
                        || OlderSdkSendsElsewhere(argument.Parameter!.ContainingSymbol, cancellationToken))
                    && CheckModelIdAt(argument.Parameter!.ContainingSymbol, slot = argument.Value, report, cancellationToken) is { } row)
                {
                    foreach (var key in KeysOfCreated(owner))
                    {
                        SetModel(key, row);
                    }

                    if (owner is IInvocationOperation registration && KnownModelSymbols.IsChatCompletionRegistration(registration.TargetMethod))
                    {
                        RegisteredModel = row;
                    }
                }
            }
        }

        private void CheckPropertyAssignment(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation property, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (property.Property.Name is "ModelId" or "ServiceId" && IsKernelSettings(property) && KeyOfInstance(property) is { } routed)
            {
                (RoutedSettings ??= new HashSet<object>(KeyComparer.Instance)).Add(routed);
            }

            if (KnownModelSymbols.IsModelProperty(property.Property) || symbols.OlderSdks.IsModelProperty(property.Property))
            {
                slot = assignment;
                if (KeyOfInstance(property) is { } written)
                {
                    (ModelWritten ??= new HashSet<object>(KeyComparer.Instance)).Add(written);
                }

                if (symbols.IsTestProject
                    && symbols.IsProviderNeutralRequest(property.Instance == null ? property.Property.ContainingType : ModelIdValue.Unwrap(property.Instance).Type))
                {
                    // Decided when the member is done: only if the member sends the request to a real client (a request
                    // held elsewhere, `_options.ModelId = ...`, cannot be shown to go to one).
                    if (KeyOfInstance(property) is { } fixture)
                    {
                        (FixtureRequests ??= new List<(ISimpleAssignmentOperation, object)>()).Add((assignment, fixture));
                    }

                    return;
                }

                if (!AzureDeployments.IsAzureSettings(property, symbols)
                    && !OlderSdkSendsElsewhere(property.Property, cancellationToken)
                    && !(symbols.IsProviderNeutralRequest(property.Instance == null ? property.Property.ContainingType : ModelIdValue.Unwrap(property.Instance).Type)
                        && SettingsKernels.MayGoElsewhere(assignment, symbols, cancellationToken)
                        && !NamesAnotherProvidersModel(assignment.Value, cancellationToken))
                    && !AzureOnlyChatClient.NamesTheDeployment(assignment, symbols, cancellationToken)
                    && !McpSamplingHints.SentOnlyAsHint(assignment, symbols, cancellationToken)
                    && !(IsKernelSettings(property) && SettingsKernels.SentOnlyToAzureKernels(assignment, symbols, cancellationToken))
                    && CheckModelIdAt(property.Property, assignment.Value, report, cancellationToken) is { } row && KeyOfInstance(property) is { } key)
                {
                    SetModel(key, row);
                }

                return;
            }

            if (symbols.IsSamplingOptionsType(property.Property.ContainingType)
                && SamplingRules.ApiName(property.Property.Name) != null
                && KeyOfInstance(property) is { } optionsKey)
            {
                samplingOf ??= new Dictionary<object, List<SamplingSetting>>(KeyComparer.Instance);
                if (!samplingOf.TryGetValue(optionsKey, out var settings))
                {
                    settings = new List<SamplingSetting>(2);
                    samplingOf.Add(optionsKey, settings);
                }

                settings.Add(new SamplingSetting(property.Property.Name, assignment));
                if (IsKernelSettings(property))
                {
                    (KernelSettings ??= new HashSet<object>(KeyComparer.Instance)).Add(optionsKey);
                }
            }
        }

        /// <summary>A model parameter of the SDKs the family reads (<see cref="KnownModelSymbols.IsModelParameter"/>) or of a community SDK.</summary>
        private bool IsModelParameter(IParameterSymbol? parameter) =>
            KnownModelSymbols.IsModelParameter(parameter) || symbols.OlderSdks.IsModelParameter(parameter);

        /// <summary>
        /// A community SDK's slot (Betalgo, OpenAI_API) in a project that points that SDK at Azure or another server,
        /// in code (<see cref="KnownOlderSdkModelSymbols.ProjectSendsElsewhere"/>) or in the settings section Betalgo's
        /// <c>AddOpenAIService()</c> binds (<c>"BaseDomain"</c>, <c>"DeploymentId"</c>...): the id may be a deployment
        /// or another server's name.
        /// </summary>
        private bool OlderSdkSendsElsewhere(ISymbol member, System.Threading.CancellationToken cancellationToken)
        {
            if (!symbols.OlderSdks.IsOlderSdkMember(member))
            {
                return false;
            }

            foreach (var key in KnownOlderSdkModelSymbols.RedirectingSettingsKeys)
            {
                if (isConfigured(key))
                {
                    return true;
                }
            }

            return symbols.OlderSdks.ProjectSendsElsewhere(cancellationToken);
        }

        private bool IsKernelSettings(IPropertyReferenceOperation property) =>
            property.Instance != null && symbols.IsSemanticKernelOpenAISettings(ModelIdValue.Unwrap(property.Instance).Type);

        /// <summary>
        /// <c>builder.AddOpenAIChatCompletion("o3-mini", key)</c> and <c>new OpenAIPromptExecutionSettings { Temperature = 0.7 }</c>
        /// in the same member: with one chat completion service registered there, the kernel sends every settings object
        /// that does not pick a service itself (ModelId, ServiceId) to that model. Not when the member also reaches a
        /// kernel or chat service it did not build (a parameter, a field): the settings may go there, unless the
        /// project registers exactly one chat service with DI (<see cref="ProjectRegisteredModel"/>), which then
        /// serves every kernel DI hands out.
        /// </summary>
        private void LinkSettingsToTheRegisteredModel(System.Threading.CancellationToken cancellationToken)
        {
            if (KernelSettings == null || kernelRegistrations > 1)
            {
                return;
            }

            var model = kernelRegistrations == 1 && !usesKernelFromElsewhere ? RegisteredModel : ProjectRegisteredModel(cancellationToken);
            if (model == null)
            {
                return;
            }

            modelOf ??= new Dictionary<object, ModelRow>(KeyComparer.Instance);
            foreach (var key in KernelSettings)
            {
                if ((RoutedSettings == null || !RoutedSettings.Contains(key)) && !modelOf.ContainsKey(key))
                {
                    modelOf[key] = model;
                }
            }
        }

        /// <summary>
        /// The model of the project's only chat service registration on DI (<c>builder.Services.AddOpenAIChatCompletion("o3-mini", key)</c>
        /// in Program.cs), for settings a handler or controller sends to the <c>Kernel</c> DI gives it. Only a constant
        /// id the table knows, for OpenAI itself: an Azure deployment, another server, a configured id give none.
        /// </summary>
        private ModelRow? ProjectRegisteredModel(System.Threading.CancellationToken cancellationToken)
        {
            if (symbols.SoleChatRegistration(cancellationToken) is not { } registration
                || AzureDeployments.TakesDeployment(registration, symbols, cancellationToken)
                || OtherEndpoints.SendsElsewhere(registration, symbols, cancellationToken))
            {
                return null;
            }

            foreach (var argument in registration.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && KnownModelSymbols.IsModelParameter(argument.Parameter)
                    && ModelIdValue.Fold(argument.Value, cancellationToken) is { } id)
                {
                    return table.Find(id);
                }
            }

            return null;
        }

        /// <summary>Reports AIL0501-AIL0503 on a model id the table knows; returns its row (null for unknown or non-constant ids).</summary>
        private ModelRow? CheckModelId(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            // A fallback (`Environment.GetEnvironmentVariable("MODEL") ?? "gpt-4o"`) or a choice (`large ? "gpt-4o" :
            // "gpt-4o-mini"`): each constant branch is the id the app sends on some path, so each is checked. Which one
            // a request gets is not certain, so no row is returned and sampling settings are not linked to either.
            switch (ModelIdValue.Unwrap(value))
            {
                case ICoalesceOperation coalesce:
                    // The left side is the id whenever it is not null, read as it is read alone: `opt.Model ?? "gpt-4o-2024-08-06"`
                    // with `public string? Model { get; set; } = "gpt-4o";` sends the settings default (FelderBot, review68).
                    CheckModelId(coalesce.Value, report, cancellationToken);
                    // `configuration["OpenAI:Model"] ?? "gpt-4o"` with OpenAI:Model set in appsettings.json: the
                    // fallback never runs there, and the value in the file is checked instead. Nor does it run when
                    // flow analysis proves the left side not null at the `??` (a guard returned or threw before it).
                    if (!IsConfiguredKey(coalesce.Value) && !NeverNullFallbacks.IsDead(coalesce, cancellationToken)
                        && !NeverNullFallbacks.FollowsAConfiguredSetting(coalesce, symbols, isConfigured, cancellationToken))
                    {
                        CheckModelId(coalesce.WhenNull, report, cancellationToken);
                    }

                    return null;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when !conditional.ConstantValue.HasValue:
                    // `string.IsNullOrEmpty(configured) ? "gpt-4o" : configured` with the key set in appsettings: the
                    // constant is a fallback that never runs there, like `configured ?? "gpt-4o"`.
                    if (IsConfiguredKeyRead(conditional.WhenTrue, cancellationToken) || IsConfiguredKeyRead(whenFalse, cancellationToken))
                    {
                        return null;
                    }

                    // Unless the slot's own branch decides the condition (`provider == Provider.Azure ? ... : openAI...`).
                    var taken = SlotGuards.Evaluate(conditional.Condition, slot, cancellationToken);
                    if (taken != false)
                    {
                        CheckModelId(conditional.WhenTrue, report, cancellationToken);
                    }

                    if (taken != true)
                    {
                        CheckModelId(whenFalse, report, cancellationToken);
                    }

                    return null;
                case ISwitchExpressionOperation choice:
                    // `tier switch { Tier.Fast => "gpt-4o-mini", _ => "o3" }`: like a conditional, each arm on some path,
                    // except arms the slot's branch rules out (a provider switch read where the provider is known).
                    var reachable = System.Linq.Enumerable.ToList(SlotGuards.ReachableArms(choice, slot, cancellationToken));
                    foreach (var arm in reachable)
                    {
                        // With more than one arm left, arms that spell their enum member's model are a catalog (ModelNameArms).
                        if (reachable.Count == 1 || !((ModelIdValue.Fold(arm.Value, cancellationToken) ?? symbols.SdkModelEnumId(arm.Value)) is { } armId && ModelNameArms.IsTranslation(arm, armId)))
                        {
                            CheckModelId(arm.Value, report, cancellationToken);
                        }
                    }

                    return null;
                case IInvocationOperation invocation when symbols.ConfigurationDefault(invocation) is { } configurationDefault:
                    // configuration.GetValue("OpenAI:Model", "gpt-4o"): the default is a fallback, like `?? "gpt-4o"`.
                    if (!IsConfiguredKey(invocation))
                    {
                        CheckModelId(configurationDefault, report, cancellationToken);
                    }

                    return null;
                case IInvocationOperation described when symbols.EnumAttributes.Of(described, cancellationToken) is { } attributeId:
                    // AIModel.Gpt4o.GetDescription() over [Description("gpt-4o")] Gpt4o (EnumAttributeIds): reported at the
                    // attribute's argument, where the fix goes, once, when the enum is in this file; else at the call (a
                    // diagnostic stays in the file being analysed). Like a helper's return, not linked to sampling settings.
                    if (table.Find(attributeId.Id) is { } describedRow)
                    {
                        ReportWhereWritten(describedRow, attributeId.Id, attributeId.Written, value.Syntax, value.Syntax, report);
                    }

                    return null;
                case IInvocationOperation helper when HelperReturnIds.Of(helper, symbols, cancellationToken) is { Count: > 0 } returned:
                    // client.GetChatClient(ModelFor(tier)): each id the helper can return, reported at the call.
                    foreach (var returnedId in System.Linq.Enumerable.Distinct(returned))
                    {
                        if (table.Find(returnedId) is { } returnedRow
                            && ModelIdDiagnostics.Create(returnedRow, returnedId, value.Syntax.GetLocation(), table.CompiledOn) is { } fromHelper)
                        {
                            report(fromHelper);
                        }
                    }

                    return null;
            }

            if ((ModelIdValue.Fold(value, cancellationToken) ?? symbols.SdkModelEnumId(value)) is not { } id)
            {
                // `new ChatClient(options.Model, key)` with `public string Model { get; set; } = "gpt-4o";`: the
                // settings default is the id whenever configuration does not override it. Reported at the read, like
                // a constant; configuration may replace it, so sampling settings are not linked to it.
                // A key of the same name in appsettings*.json overrides the default, and that value is checked there.
                // A settings class of a referenced library: its default as the library's summary recorded it. A default
                // taken from a community SDK's catalog (Betalgo's `= Models.Gpt_4`) is read as at a slot.
                if (UnconfiguredSettingsDefault(value, cancellationToken) is { } fallback
                    && table.Find(fallback) is { } fallbackRow
                    && ModelIdDiagnostics.Create(fallbackRow, fallback, value.Syntax.GetLocation(), table.CompiledOn) is { } fromDefault)
                {
                    report(fromDefault);
                }

                CheckLinkedSettingsValue(value, report, cancellationToken);
                CheckParameterDefault(value, report, cancellationToken);
                CheckLocalInitializer(value, report, cancellationToken);
                CheckConstructorField(value, report, cancellationToken);
                CheckDictionaryValues(value, report, cancellationToken);
                return null;
            }

            if (table.Find(id) is not { } row)
            {
                return null;
            }

            if (ModelIdDiagnostics.Create(row, id, value.Syntax.GetLocation(), table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }

            return row;
        }

        /// <summary>
        /// <c>new ChatOptions { ModelId = "claude-opus-4-1" }</c>: a constant id of a provider other than OpenAI. An
        /// OpenAI-compatible server the project also talks to keeps its own names for OpenAI's ids ("gpt-4" as a local
        /// alias), which is why provider-neutral requests are not checked in such a project; a Claude or Gemini id is that
        /// provider's model wherever a gateway forwards it, so it is checked.
        /// </summary>
        private bool NamesAnotherProvidersModel(IOperation value, System.Threading.CancellationToken cancellationToken) =>
            ModelIdValue.Fold(value, cancellationToken) is { } id && table.Find(id) is { Provider: not "openai" };

        /// <summary>
        /// <c>GetChatClient(settings.ChatCompletionModelName)</c>: the value the settings files give the bound property's
        /// key, checked in the file when the file check does not read that key by its name (<see cref="LinkedSettingsValues"/>).
        /// </summary>
        private void CheckLinkedSettingsValue(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (linkedValues == null || ModelIdValue.BoundSettingsProperty(value, cancellationToken) is not { } property)
            {
                return;
            }

            linkedValues.Check(property.Name, table, report);
            if (symbols.ConfigurationKeyName(property) is { } boundKey)
            {
                linkedValues.Check(boundKey, table, report);
            }
        }

        /// <summary>Whether a value reads, directly or through an untouched local, a configuration key the settings files set.</summary>
        private bool IsConfiguredKeyRead(IOperation value, System.Threading.CancellationToken cancellationToken) =>
            HelperReturnIds.ConfigurationRead(value, symbols, cancellationToken) is { Length: > 0 } key && isConfigured(key);

        /// <summary>Whether a value reads a configuration key that the project's settings files set.</summary>
        private bool IsConfiguredKey(IOperation value) =>
            symbols.ConfigurationKey(value) is { Length: > 0 } key && isConfigured(key);

        /// <summary>
        /// <c>var model = config["OpenAI:Model"] ?? "gpt-4o"; new ChatClient(model, key)</c>: a local that nothing writes
        /// again holds its initializer's value, so the initializer is checked as if it were written at the slot (each
        /// branch of a fallback, a configuration default, a settings default). Reported where the id is written, once
        /// per local however many slots read it; like any fallback, not linked to sampling settings.
        /// </summary>
        private void CheckLocalInitializer(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (ModelIdValue.Unwrap(value) is not ILocalReferenceOperation { Local: { Type.SpecialType: SpecialType.System_String } local }
                || value.SemanticModel is not { } semanticModel
                || ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is not { } initializer
                || !(FollowedLocals ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(local)
                || semanticModel.GetOperation(initializer, cancellationToken) is not { } initialValue)
            {
                return;
            }

            CheckModelId(initialValue, report, cancellationToken);
        }

        /// <summary>
        /// <c>_model = options.Model ?? "gpt-4o";</c> in the constructor, then <c>client.GetChatClient(_model)</c>: a field every
        /// constructor assigns once, unconditionally, and nothing else writes (<see cref="ConstructorFieldValues"/>) holds
        /// that value wherever the type reads it, so the value is checked as a local's initializer is (each branch of a
        /// fallback or a choice, a settings default). Each constructor's value is checked: each is the id some instance
        /// sends. Reported where the id is written, once in the compilation however many slots, members or raw bodies
        /// read the field. A constructor parameter stored as it is (<c>_model = model;</c>) is left to its default's own
        /// check (<see cref="CheckStoredParameterDefault"/>).
        /// </summary>
        private void CheckConstructorField(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (ModelIdValue.Unwrap(value) is not IFieldReferenceOperation { Field: { IsStatic: false, Type.SpecialType: SpecialType.System_String } field } read
                || value.SemanticModel is not { } semanticModel
                || !(FollowedFields ??= new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default)).Add(field))
            {
                return;
            }

            System.Action<Diagnostic>? once = null;
            foreach (var written in ConstructorFieldValues.Of(read, cancellationToken))
            {
                if (semanticModel.GetOperation(written, cancellationToken) is not { } assigned
                    || ModelIdValue.Unwrap(assigned) is IParameterReferenceOperation)
                {
                    continue;
                }

                once ??= diagnostic =>
                {
                    if (symbols.ReportOnce(diagnostic.Location))
                    {
                        report(diagnostic);
                    }
                };
                CheckModelId(assigned, once, cancellationToken);
            }
        }

        /// <summary>
        /// <c>AskAsync(string prompt, string model = "gpt-3.5-turbo")</c> with <c>GetChatClient(model)</c> in its body:
        /// reported on the default value, once per parameter however many slots read it. Callers may pass another id,
        /// so, like a settings default, it is not linked to sampling settings.
        /// </summary>
        private void CheckParameterDefault(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (ParameterDefaultModelIds.Find(value, cancellationToken) is { } parameterDefault
                && (ReportedDefaults ??= new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default)).Add(parameterDefault.Parameter)
                && table.Find(parameterDefault.Id) is { } row
                && ModelIdDiagnostics.Create(row, parameterDefault.Id, parameterDefault.Value.GetLocation(), table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }
        }

        /// <summary>
        /// <c>GetChatClient(Models[feature])</c> with a fixed feature-to-model dictionary (<see cref="ModelDictionaries"/>):
        /// each constant value it may give, like the arms of a switch; not linked to sampling settings. Reported on the
        /// value when the dictionary is written in the same file as the read (once however many reads), else at the read.
        /// </summary>
        private void CheckDictionaryValues(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            var unwrapped = ModelIdValue.Unwrap(value);
            if (unwrapped.Kind is not (OperationKind.PropertyReference or OperationKind.LocalReference))
            {
                return;
            }

            foreach (var entry in ModelDictionaries.ValuesRead(unwrapped, cancellationToken))
            {
                if ((ModelIdValue.Fold(entry, cancellationToken) ?? symbols.SdkModelEnumId(entry)) is not { } id || table.Find(id) is not { } row)
                {
                    continue;
                }

                ReportWhereWritten(row, id, entry.Syntax, value.Syntax, value.Syntax, report);
            }
        }

        /// <summary>A constructor parameter's default stored in a readonly field that a model slot reads (see <see cref="ParameterDefaultModelIds.StoredInField"/>).</summary>
        private void CheckStoredParameterDefault(ISimpleAssignmentOperation assignment, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            // Cheap tests first: most field assignments store no string parameter.
            if (assignment.Value is not IParameterReferenceOperation { Parameter.HasExplicitDefaultValue: true }
                || ParameterDefaultModelIds.StoredInField(assignment, cancellationToken) is not { } parameterDefault
                || !(ReportedDefaults ??= new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default)).Add(parameterDefault.Parameter)
                || table.Find(parameterDefault.Id) is not { } row)
            {
                return;
            }

            if (ModelIdDiagnostics.Create(row, parameterDefault.Id, parameterDefault.Value.GetLocation(), table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }
        }

        /// <summary>
        /// Options passed to a call on a client whose model is known: <c>client.CompleteChat(messages, options)</c>
        /// where <c>client</c> came from <c>new ChatClient("o3-mini", ...)</c> or <c>GetChatClient("o3-mini")</c>.
        /// </summary>
        private void LinkOptionsToClients(System.Threading.CancellationToken cancellationToken)
        {
            if (callsWithOptions == null)
            {
                return;
            }

            foreach (var call in callsWithOptions)
            {
                if (ClientOf(call, cancellationToken) is not { } row)
                {
                    continue;
                }

                modelOf ??= new Dictionary<object, ModelRow>(KeyComparer.Instance);
                var arguments = call is IInvocationOperation invocation ? invocation.Arguments : ((IObjectCreationOperation)call).Arguments;
                foreach (var argument in arguments)
                {
                    foreach (var options in OptionsIn(argument.Value))
                    {
                        var key = KeyOf(options);
                        if (!modelOf.ContainsKey(key))
                        {
                            modelOf[key] = row;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The model of the client a call sends its options to: the receiver of an invocation (or of an extension
        /// method, <c>chatClient.AsAIAgent(options)</c>), or the client a constructor wraps
        /// (<c>new ChatClientAgent(chatClient, options)</c>: its first argument).
        /// </summary>
        private ModelRow? ClientOf(IOperation call, System.Threading.CancellationToken cancellationToken)
        {
            var receiver = call switch
            {
                IInvocationOperation invocation => invocation.Instance
                    ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
                IObjectCreationOperation creation when creation.Arguments.Length > 0 => creation.Arguments[0].Value,
                _ => null,
            };
            return receiver == null ? null : ModelOfClient(ModelIdValue.Unwrap(receiver), cancellationToken);
        }

        /// <summary>
        /// The model of a client: created in this member with a known id, or kept in a <c>readonly</c> field that its
        /// type writes once with a client for a known id (<see cref="ClientFields"/>).
        /// </summary>
        private ModelRow? ModelOfClient(IOperation receiver, System.Threading.CancellationToken cancellationToken)
        {
            if (modelOf != null && modelOf.TryGetValue(KeyOf(receiver), out var row))
            {
                return row;
            }

            // AIAgent agent = new ChatClientAgent(chatClient, ...); agent.RunAsync(..., runOptions): the agent's client.
            if (receiver is ILocalReferenceOperation { Local: var agent } && symbols.IsAgent(agent.Type) && InitializerInTree(receiver, agent) is { } initial
                && ModelIdValue.Unwrap(initial) is IObjectCreationOperation { Arguments.Length: > 0 } creation && symbols.IsChatClientAgent(creation.Type))
            {
                return ModelOfClient(ModelIdValue.Unwrap(creation.Arguments[0].Value), cancellationToken);
            }

            return receiver is IFieldReferenceOperation { Field: var field } && receiver.SemanticModel?.Compilation is { } compilation
                ? ClientFields.ModelOf(field, table, symbols, compilation, cancellationToken)
                : null;
        }

        /// <summary>The object a property assignment writes to: a local, or the object creation of an initializer.</summary>
        private static object? KeyOfInstance(IPropertyReferenceOperation property)
        {
            var instance = property.Instance == null ? null : ModelIdValue.Unwrap(property.Instance);
            switch (instance)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    for (var parent = property.Parent; parent != null; parent = parent.Parent)
                    {
                        if (parent is IObjectCreationOperation creation)
                        {
                            return KeyOfCreatedObject(creation);
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static object KeyOfCreatedObject(IOperation creation)
        {
            object key = creation;
            foreach (var candidate in KeysOfCreated(creation))
            {
                key = candidate;
            }

            return key;
        }

        /// <summary>
        /// The operation that produced a client, every call in the chain that carries it on
        /// (<c>GetChatClient("x").AsIChatClient()</c>), and the local it ends up in.
        /// </summary>
        private static IEnumerable<object> KeysOfCreated(IOperation created)
        {
            var current = created;
            yield return current;
            while (true)
            {
                var parent = current.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation)
                {
                    current = parent;
                    parent = parent.Parent;
                }

                if (parent is IInvocationOperation call && ReferenceEquals(call.Instance == null ? null : Strip(call.Instance), current))
                {
                    current = call;
                    yield return current;
                    continue;
                }

                if (parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation extension } && extension.TargetMethod.IsExtensionMethod)
                {
                    current = extension;
                    yield return current;
                    continue;
                }

                if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                {
                    yield return declarator.Symbol;
                }
                else if (parent is ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment && ReferenceEquals(Strip(assignment.Value), current))
                {
                    yield return local.Local;
                }

                yield break;
            }
        }

        private static IOperation Strip(IOperation operation)
        {
            while (operation is IParenthesizedOperation parenthesized)
            {
                operation = parenthesized.Operand;
            }

            return operation;
        }

        private static object KeyOf(IOperation value) =>
            value is ILocalReferenceOperation local ? local.Local : (object)value;

        private sealed class KeyComparer : IEqualityComparer<object>
        {
            public static readonly KeyComparer Instance = new KeyComparer();

            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

            public int GetHashCode(object obj) =>
                obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
