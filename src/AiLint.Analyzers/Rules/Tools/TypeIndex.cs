using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>A catalog handed to a request: a <c>Tools</c> property of one options object, or a tool-list argument.</summary>
    internal sealed class CatalogSink
    {
        public CatalogSink(string provider)
        {
            Provider = provider;
        }

        /// <summary>"OpenAI", "Anthropic" or "" (MEAI, Semantic Kernel): picks the provider limit in AIL0201's message.</summary>
        public string Provider { get; }

        /// <summary>Values assigned to the property, or the argument passed.</summary>
        public List<IOperation> Values { get; } = new List<IOperation>();

        /// <summary><c>Tools = { a, b }</c> member initializers (the OpenAI properties have no setter).</summary>
        public List<IMemberInitializerOperation> Initializers { get; } = new List<IMemberInitializerOperation>();

        /// <summary><c>options.Tools.Add(x)</c>, <c>AddRange</c>, <c>Insert</c>, <c>Clear</c>...</summary>
        public List<IInvocationOperation> Mutations { get; } = new List<IInvocationOperation>();

        /// <summary>The creation of the options object, where AIL0201 goes when the catalog is built by Adds.</summary>
        public IOperation? Creation { get; set; }

        /// <summary>The local or field holding the options object, when there is one.</summary>
        public ISymbol? Holder { get; set; }
    }

    /// <summary>
    /// Everything one type does to tool catalogs: writes and mutations of its locals and fields, and its sinks.
    /// Built once per type at symbol end, so a catalog is followed through the locals and fields of its type.
    /// </summary>
    internal sealed partial class TypeIndex
    {
        private static readonly HashSet<string> MutationNames = new HashSet<string>
        {
            "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Clear",
        };

        private static readonly HashSet<string> SemanticKernelRegistrations = new HashSet<string>(KernelPlugins.FunctionListRegistrations);

        // Function lists and classes: a type naming none of these registers no Semantic Kernel plugin we can count.
        private static readonly HashSet<string> SemanticKernelPluginNames = new HashSet<string>(KernelPlugins.FunctionListRegistrations.Concat(KernelPlugins.ClassRegistrations));

        private readonly KnownToolSymbols _symbols;
        private readonly Dictionary<object, CatalogSink> _propertySinks = new Dictionary<object, CatalogSink>(KeyComparer.Instance);

        public TypeIndex(KnownToolSymbols symbols)
        {
            _symbols = symbols;
        }

        /// <summary>The compilation's SDK symbols this index was built with.</summary>
        public KnownToolSymbols Symbols => _symbols;

        /// <summary>The type whose members were indexed, when known.</summary>
        public INamedTypeSymbol? Type { get; set; }

        public Dictionary<ISymbol, List<IOperation>> Writes { get; } = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IInvocationOperation>> Mutations { get; } = new Dictionary<ISymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Parameters the method changes before it may use them (assigned, <c>??=</c>, passed by <c>ref</c>/<c>out</c>,
        /// shrunk with <c>Remove</c>/<c>Clear</c>, handed to a void method): such a parameter no longer holds
        /// what the caller passed, so a caller's argument is not followed through it (<c>if (tools.Count &gt; 20) tools =
        /// tools.Take(20).ToList();</c>).
        /// </summary>
        public HashSet<ISymbol> ChangedParameters { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Locals and fields whose <c>AllowedTools</c> (hosted MCP tool) is assigned something other than null somewhere
        /// (<c>tool.AllowedTools = [...]</c>, <c>??= new()</c>). A read is not a write: the property is null by default, so
        /// an alias of it or a <c>?.Add</c> on it restricts nothing.
        /// </summary>
        public HashSet<ISymbol> AllowedToolsSet { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        public List<CatalogSink> Sinks { get; } = new List<CatalogSink>();

        /// <summary>
        /// Values written to the tool choice of an options object held in a local or field (<c>options.ToolMode = ...</c>,
        /// <c>options.ToolChoice = ...</c>) after its creation; see <see cref="RequestToolChoice"/>.
        /// </summary>
        public Dictionary<ISymbol, List<IOperation>> ChoiceWrites { get; } = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        /// <summary>The Semantic Kernel plugin registrations of the type, one entry per kernel (or builder) they go to.</summary>
        public List<KernelCatalog> Kernels { get; } = new List<KernelCatalog>();

        private readonly Dictionary<object, KernelCatalog> _kernels = new Dictionary<object, KernelCatalog>(KeyComparer.Instance);

        public void Add(IOperation root)
        {
            // Dispatched on the operation's kind, then cast: a chain of type patterns tested each operation against up to
            // twelve interfaces, and this walk visits every operation of every indexed type (docs/performance.md, "session 34").
            _roots.Add(root);
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation.Kind)
                {
                    case OperationKind.VariableDeclarator:
                        if (((IVariableDeclaratorOperation)operation) is { Initializer: { } initializer } declarator)
                        {
                            AddWrite(declarator.Symbol, initializer.Value);
                        }

                        break;
                    case OperationKind.FieldInitializer:
                        var fieldInitializer = (IFieldInitializerOperation)operation;
                        foreach (var field in fieldInitializer.InitializedFields)
                        {
                            AddWrite(field, fieldInitializer.Value);
                        }

                        break;
                    case OperationKind.PropertyInitializer:
                        var propertyInitializer = (IPropertyInitializerOperation)operation;
                        foreach (var property in propertyInitializer.InitializedProperties)
                        {
                            AddWrite(property, propertyInitializer.Value);
                        }

                        break;
                    case OperationKind.SimpleAssignment:
                        var assignment = (ISimpleAssignmentOperation)operation;
                        VisitAssignment(assignment.Target, assignment.Value);
                        break;
                    case OperationKind.CoalesceAssignment:
                        var coalesce = (ICoalesceAssignmentOperation)operation;
                        VisitAssignment(coalesce.Target, coalesce.Value);
                        break;
                    case OperationKind.IsPattern:
                        switch ((IIsPatternOperation)operation)
                        {
                            case { Pattern: IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared } } isPattern:
                                // `if (_tools is var cached)`, `_tools is List<AITool> cached`: the local holds what was tested.
                                AddWrite(declared, isPattern.Value);
                                break;
                            case { Pattern: IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol declared } } isPattern:
                                // `if (_tools is { } cached) return cached;`, the cache check of a tool source.
                                AddWrite(declared, isPattern.Value);
                                break;
                        }

                        break;
                    case OperationKind.CompoundAssignment:
                        if (Strip(((ICompoundAssignmentOperation)operation).Target) is IParameterReferenceOperation compounded)
                        {
                            ChangedParameters.Add(compounded.Parameter.OriginalDefinition);
                        }

                        break;
                    case OperationKind.Argument:
                        if (((IArgumentOperation)operation) is { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference
                            && Strip(byReference.Value) is IParameterReferenceOperation passed)
                        {
                            ChangedParameters.Add(passed.Parameter.OriginalDefinition);
                        }

                        break;
                    case OperationKind.MemberInitializer:
                        var memberInitializer = (IMemberInitializerOperation)operation;
                        if (memberInitializer.InitializedMember is IPropertyReferenceOperation initialized && _symbols.IsSinkProperty(initialized.Property))
                        {
                            GetSink(initialized).Initializers.Add(memberInitializer);
                        }

                        break;
                    case OperationKind.Invocation:
                        VisitInvocation((IInvocationOperation)operation);
                        break;
                    case OperationKind.ObjectCreation:
                        if (((IObjectCreationOperation)operation) is { Constructor: { } constructor } creation
                            && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _symbols.ChatClientAgent))
                        {
                            // new ChatClientAgent(chatClient, instructions, name, description, tools): the agent advertises them all.
                            AddArgumentSink(creation.Arguments, "tools", string.Empty);
                        }

                        break;
                }
            }
        }

        /// <summary>
        /// The identifiers one of which a type's source must contain for <see cref="MayCreateSink"/> to hold for one of
        /// its blocks: the sink properties' names and the catalog-taking methods' names (see <see cref="SinkTextPrefilter"/>).
        /// </summary>
        public static HashSet<string> SinkNames(KnownToolSymbols symbols)
        {
            // ChatClientAgent is a type name: a type that creates one only through an alias, or through a target-typed
            // new() whose target type is declared in another file, is not seen (see SinkTextPrefilter).
            // AddKernel: the type calling it reports the container kernel's plugins registered by other types (ProjectContainerKernel).
            var names = new HashSet<string>(StringComparer.Ordinal) { "ToolRunner", "AsAIAgent", "CreateAIAgent", "ChatClientAgent", "AddKernel" };
            foreach (var registration in SemanticKernelPluginNames)
            {
                names.Add(registration);
            }

            foreach (var property in symbols.SinkProperties)
            {
                names.Add(property.Name);
            }

            return names;
        }

        /// <summary>
        /// A cheap superset of "<see cref="Add"/> would create a <see cref="CatalogSink"/> for this block": every sink comes
        /// from a reference to a sink property (its initializer, assignment or mutation receiver) or from a call named like
        /// a tool-runner or Semantic Kernel registration. Allocates nothing per operation.
        /// </summary>
        public static bool MayCreateSink(IOperation root, KnownToolSymbols symbols)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IPropertyReferenceOperation property when symbols.IsSinkProperty(property.Property):
                        return true;
                    case IInvocationOperation invocation
                        when invocation.TargetMethod.Name == "ToolRunner" || SemanticKernelPluginNames.Contains(invocation.TargetMethod.Name)
                            || KnownToolSymbols.IsAgentFactory(invocation.TargetMethod):
                        return true;
                    case IObjectCreationOperation creation
                        when creation.Constructor != null && SymbolEqualityComparer.Default.Equals(creation.Constructor.ContainingType, symbols.ChatClientAgent):
                        return true;
                }
            }

            return false;
        }

        /// <summary>The local, field or parameter an expression reads, looking through conversions.</summary>
        public static ISymbol? Holder(IOperation? operation)
        {
            switch (Strip(operation))
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                default:
                    return null;
            }
        }

        public static IOperation? Strip(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The receiver of an instance call, or the <c>this</c> argument of an extension call.</summary>
        public static IOperation? Receiver(IInvocationOperation invocation) =>
            invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

        private void VisitAssignment(IOperation target, IOperation value)
        {
            switch (target)
            {
                case IPropertyReferenceOperation property when IsAllowedTools(property.Property):
                    if (Holder(property.Instance) is { } tool && !IsNullConstant(value))
                    {
                        AllowedToolsSet.Add(tool);
                    }

                    break;
                case IParameterReferenceOperation parameter:
                    ChangedParameters.Add(parameter.Parameter.OriginalDefinition);
                    break;
                case ILocalReferenceOperation local:
                    AddWrite(local.Local, value);
                    break;
                case IFieldReferenceOperation field:
                    AddWrite(field.Field, value);
                    break;
                case IPropertyReferenceOperation property when _symbols.IsSinkProperty(property.Property):
                    GetSink(property).Values.Add(value);
                    break;
                case IPropertyReferenceOperation property when IsOwnAutoProperty(property):
                    AddWrite(property.Property, value);
                    break;
                case IPropertyReferenceOperation property when _symbols.IsToolChoiceProperty(property.Property) && Holder(property.Instance) is { } options:
                    Add(ChoiceWrites, options, value);
                    break;
                case IPropertyReferenceOperation property when HeldListOf(property) is { } held:
                    Add(HeldWrites, held, value);
                    break;
            }
        }

        private void VisitInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            NoteChangedParameters(invocation);
            if (MutationNames.Contains(method.Name))
            {
                var receiver = Strip(Receiver(invocation));
                if (KernelPlugins.IsPluginsProperty(receiver))
                {
                    // kernel.Plugins.Add(KernelPluginFactory.CreateFromType<T>()) registers (AddRange: plugins not counted);
                    // Remove and Clear shrink.
                    var kernel = KernelOf(invocation, receiver);
                    if (method.Name.StartsWith("Remove", StringComparison.Ordinal) || method.Name == "Clear")
                    {
                        kernel.Shrinks = true;
                    }
                    else
                    {
                        kernel.Registrations.Add(invocation);
                    }

                    return;
                }

                if (receiver is IPropertyReferenceOperation property && _symbols.IsSinkProperty(property.Property))
                {
                    GetSink(property).Mutations.Add(invocation);
                }
                else if (Holder(receiver) is { } holder && !(holder is IParameterSymbol))
                {
                    Add(Mutations, holder, invocation);
                }
                else if (receiver is IPropertyReferenceOperation ownProperty && IsOwnAutoProperty(ownProperty))
                {
                    Add(Mutations, ownProperty.Property, invocation);
                }
                else if (receiver is IPropertyReferenceOperation heldProperty && HeldListOf(heldProperty) is { } held)
                {
                    Add(HeldMutations, held, invocation);
                }

                return;
            }

            if (method.Name == "ToolRunner"
                && (SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.BetaToolRunnerExtensions)
                    || SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.BetaMessageThread)
                    || SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, _symbols.BetaMessageThreadOfT)))
            {
                AddArgumentSink(invocation.Arguments, "tools", "Anthropic");
            }
            else if (KernelPlugins.IsRegistration(method))
            {
                // Semantic Kernel with automatic function choice advertises every function of every registered plugin:
                // a function list is a catalog of its own, and every registration adds to its kernel's total. Without
                // that choice anywhere in the project, no request is given the list (see KernelFunctionChoice).
                if (SemanticKernelRegistrations.Contains(method.Name) && _symbols.FunctionChoice.OffersWholeKernels)
                {
                    AddArgumentSink(invocation.Arguments, "functions", string.Empty);
                }

                if (KernelPlugins.IsFactory(method) && ContainerRegistration(invocation) is { } register
                    && KernelBuilderOfServices(register) is { } kernelBuilder)
                {
                    // builder.Services.AddSingleton(KernelPluginFactory...()): the plugins of the kernel that builder
                    // builds (its own container for Kernel.CreateBuilder(), the container's for services.AddKernel()).
                    KernelOf(invocation, kernelBuilder).Registrations.Add(invocation);
                }
                else if (KernelPlugins.IsFactory(method) && ContainerRegistration(invocation) != null)
                {
                    // services.AddSingleton(KernelPluginFactory.CreateFromType<T>()): see KernelPlugins.MergeContainerPlugins.
                    if (ContainerPlugins == null)
                    {
                        ContainerPlugins = new KernelCatalog(null);
                        Kernels.Add(ContainerPlugins);
                    }

                    ContainerPlugins.Registrations.Add(invocation);
                }
                else if (!(KernelPlugins.IsFactory(method) && IsAddedToPlugins(invocation)))
                {
                    KernelOf(invocation, KernelPlugins.IsFactory(method) ? null : Strip(Receiver(invocation))).Registrations.Add(invocation);
                }
            }
            else if (method.Name == "AddKernel" && method.ContainingType?.Name == "KernelServiceCollectionExtensions")
            {
                CallsAddKernel = true;
            }
            else if (KnownToolSymbols.IsAgentFactory(method))
            {
                AddArgumentSink(invocation.Arguments, "tools", string.Empty);
            }
            else if (KernelPlugins.IsOtherPluginSource(method))
            {
                // ImportPluginFromPromptDirectory, AddFromOpenApiAsync...: plugins AiLint cannot count, so the kernel's
                // count becomes a lower bound ("at least").
                KernelOf(invocation, Strip(Receiver(invocation))).Registrations.Add(invocation);
            }
        }

        /// <summary>
        /// The kernel a registration goes to, keyed by what holds it: <c>kernel.Plugins.AddFromType&lt;T&gt;()</c>,
        /// <c>kernel.ImportPluginFromType&lt;T&gt;()</c> and <c>builder.Plugins.AddFromType&lt;T&gt;()</c> by the local,
        /// field, parameter or own property holding <c>kernel</c> or <c>builder</c>; a fluent chain
        /// (<c>builder.Plugins.AddFromType&lt;A&gt;().AddFromType&lt;B&gt;()</c>) by its start; a lone
        /// <c>KernelPluginFactory</c> call, or a receiver nothing holds, by itself.
        /// </summary>
        private KernelCatalog KernelOf(IInvocationOperation registration, IOperation? receiver)
        {
            while (receiver is IInvocationOperation chained && KernelPlugins.IsRegistration(chained.TargetMethod) && !KernelPlugins.IsFactory(chained.TargetMethod))
            {
                receiver = Strip(Receiver(chained));
            }

            if (KernelPlugins.IsPluginsProperty(receiver))
            {
                receiver = Strip(((IPropertyReferenceOperation)receiver!).Instance);
            }

            var holder = Holder(receiver)
                ?? (receiver is IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } own && IsAutoProperty(own.Property) ? own.Property : null);
            object key = (object?)holder ?? KernelPlugins.AddKernelChainKey(receiver) ?? (object?)receiver ?? registration;
            if (!_kernels.TryGetValue(key, out var kernel))
            {
                kernel = new KernelCatalog(holder);
                _kernels.Add(key, kernel);
                Kernels.Add(kernel);
            }

            // services.AddKernel().Plugins..., or a builder local written once with services.AddKernel().
            var built = holder is ILocalSymbol && Writes.TryGetValue(holder, out var writes) && writes.Count == 1 ? Strip(writes[0]) : receiver;
            if (built is IInvocationOperation { TargetMethod: { Name: "AddKernel", ContainingType.Name: "KernelServiceCollectionExtensions" } })
            {
                kernel.FromAddKernel = true;
                CallsAddKernel = true;
            }

            return kernel;
        }

        /// <summary>Semantic Kernel plugins registered in the container by <see cref="Add"/>, as one kernel (null when none).</summary>
        public KernelCatalog? ContainerPlugins { get; set; }

        /// <summary>The type calls Semantic Kernel's <c>services.AddKernel()</c>.</summary>
        public bool CallsAddKernel { get; private set; }

        /// <summary>
        /// <c>services.AddSingleton(KernelPluginFactory.CreateFromType&lt;T&gt;())</c>, <c>AddSingleton&lt;KernelPlugin&gt;(...)</c>,
        /// <c>AddTransient(sp =&gt; KernelPluginFactory.CreateFromType&lt;T&gt;(serviceProvider: sp))</c>: a plugin the
        /// container hands to every kernel it builds. Keyed registrations are not (Semantic Kernel reads unkeyed ones).
        /// </summary>
        internal static IInvocationOperation? ContainerRegistration(IOperation created)
        {
            var parent = created.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            // sp => KernelPluginFactory.CreateFromType<T>(serviceProvider: sp)
            if (parent is IReturnOperation { Parent: IBlockOperation { Operations.Length: 1, Parent: IAnonymousFunctionOperation lambda } })
            {
                parent = lambda.Parent is IDelegateCreationOperation delegateCreation ? delegateCreation.Parent : null;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "AddSingleton" or "AddTransient" or "AddScoped", TypeArguments.Length: 1 } } register }
                && register.TargetMethod.TypeArguments[0].Name == "KernelPlugin"
                && register.TargetMethod.ContainingType?.Name == "ServiceCollectionServiceExtensions"
                ? register
                : null;
        }

        /// <summary>
        /// The kernel builder whose <c>Services</c> a registration writes to (<c>builder.Services.AddSingleton(...)</c>);
        /// null for any other service collection. A <c>Kernel.CreateBuilder()</c> builder has a container of its own, so
        /// its plugins are not the ones <c>services.AddKernel()</c> hands to the app's kernel.
        /// </summary>
        private static IOperation? KernelBuilderOfServices(IInvocationOperation register)
        {
            var services = register.Instance ?? (register.Arguments.Length > 0 ? register.Arguments[0].Value : null);
            return Strip(services) is IPropertyReferenceOperation { Property.Name: "Services", Instance: { } builder }
                && builder.Type is { Name: "IKernelBuilder" } builderType
                && builderType.ContainingNamespace?.ToDisplayString() == "Microsoft.SemanticKernel"
                ? Strip(builder)
                : null;
        }

        // kernel.Plugins.Add(KernelPluginFactory.CreateFromType<T>()): the Add is the registration and counts the plugin.
        private static bool IsAddedToPlugins(IOperation created)
        {
            var parent = created.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" } add } && KernelPlugins.IsPluginsProperty(Receiver(add));
        }

        private void AddArgumentSink(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameterName, string provider)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameterName && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    var sink = new CatalogSink(provider);
                    sink.Values.Add(argument.Value);
                    Sinks.Add(sink);
                }
            }
        }

        private CatalogSink GetSink(IPropertyReferenceOperation property)
        {
            var (key, creation, holder) = KeyOf(property.Instance);
            if (!_propertySinks.TryGetValue(key, out var sink))
            {
                var provider = _symbols.IsOpenAISink(property.Property) ? "OpenAI"
                    : property.Property.ContainingType.ContainingNamespace?.ToDisplayString().StartsWith("Anthropic", System.StringComparison.Ordinal) == true ? "Anthropic"
                    : string.Empty;
                sink = new CatalogSink(provider) { Holder = holder };
                _propertySinks.Add(key, sink);
                Sinks.Add(sink);
            }

            sink.Creation ??= creation;
            return sink;
        }

        /// <summary>
        /// Identifies the options object: its local or field when it has one (so an initializer and later Adds are one
        /// catalog), otherwise the creation or receiver expression itself.
        /// </summary>
        private static (object Key, IOperation? Creation, ISymbol? Holder) KeyOf(IOperation? instance)
        {
            instance = Strip(instance);
            if (Holder(instance) is { } holder)
            {
                return (holder, null, holder);
            }

            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                var creation = instance.Parent;
                while (creation != null && !(creation is IObjectCreationOperation) && !(creation is IWithOperation))
                {
                    creation = creation.Parent;
                }

                if (creation != null)
                {
                    var user = creation.Parent;
                    while (user is IConversionOperation)
                    {
                        user = user.Parent;
                    }

                    if (user is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                    {
                        return (declarator.Symbol, creation, declarator.Symbol);
                    }

                    if (user is ISimpleAssignmentOperation assignment && Holder(assignment.Target) is { } target)
                    {
                        return (target, creation, target);
                    }

                    return (creation, creation, null);
                }
            }

            return ((object?)instance ?? new object(), null, null);
        }

        /// <summary>
        /// An auto-property of this type read without another object (<c>Tools</c>, <c>this.Tools</c>, <c>Registry.All</c>
        /// from inside Registry): it is state of the type, like a field, so its writes and Adds are indexed. Only tool
        /// collections are indexed: other properties never matter here, and this keeps the syntax look-up rare.
        /// </summary>
        private bool IsOwnAutoProperty(IPropertyReferenceOperation reference) =>
            (reference.Instance == null || reference.Instance is IInstanceReferenceOperation)
            && _symbols.IsToolCollection(reference.Property.Type)
            && IsAutoProperty(reference.Property);

        /// <summary>A property declared in source whose getter has no body (<c>{ get; }</c>, <c>{ get; set; }</c>).</summary>
        public static bool IsAutoProperty(IPropertySymbol property)
        {
            var getter = property.GetMethod;
            if (property.IsAbstract || getter == null || getter.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            return getter.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { Body: null, ExpressionBody: null };
        }

        /// <summary><c>null</c> or <c>default</c>, converted or not: a write that leaves a property as its null default.</summary>
        internal static bool IsNullConstant(IOperation value) => Strip(value) is { ConstantValue: { HasValue: true, Value: null } };

        // HostedMcpServerTool.AllowedTools (MEAI) and McpTool.AllowedTools (OpenAI Responses: set after CreateMcpTool).
        private bool IsAllowedTools(IPropertySymbol property) =>
            property.Name == "AllowedTools"
            && (SymbolEqualityComparer.Default.Equals(property.ContainingType, _symbols.HostedMcpServerTool)
                || SymbolEqualityComparer.Default.Equals(property.ContainingType, _symbols.OpenAIMcpTool));

        /// <summary>
        /// <c>tools.RemoveAll(...)</c>, <c>tools.Clear()</c>, <c>allowed.IntersectWith(...)</c> on a parameter, or a parameter
        /// handed to a void method (<c>Prune(tools, settings)</c>, which can only have changed it in place).
        /// </summary>
        private void NoteChangedParameters(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (Strip(invocation.Instance) is IParameterReferenceOperation receiver && ShrinkNames.Contains(method.Name))
            {
                ChangedParameters.Add(receiver.Parameter.OriginalDefinition);
            }

            // Only void methods: a method that returns a Task is as likely the next step that sends the catalog on.
            if (!method.ReturnsVoid)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (Strip(argument.Value) is IParameterReferenceOperation passed && _symbols.IsToolCollection(passed.Type))
                {
                    ChangedParameters.Add(passed.Parameter.OriginalDefinition);
                }
            }
        }

        private static readonly HashSet<string> ShrinkNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear", "IntersectWith", "ExceptWith", "SymmetricExceptWith",
        };

        private void AddWrite(ISymbol symbol, IOperation value) => Add(Writes, symbol, value);

        private static void Add<TKey, T>(Dictionary<TKey, List<T>> map, TKey key, T value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                list = new List<T>();
                map.Add(key, list);
            }

            list.Add(value);
        }

        private sealed class KeyComparer : IEqualityComparer<object>
        {
            public static readonly KeyComparer Instance = new KeyComparer();

            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b)
                : x is KernelPlugins.AddKernelChain chain ? chain.Equals(y) : ReferenceEquals(x, y);

            public int GetHashCode(object obj) =>
                obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol)
                : obj is KernelPlugins.AddKernelChain chain ? chain.GetHashCode() : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
