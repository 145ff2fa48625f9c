using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// The plugins registered on one Semantic Kernel (a kernel, a kernel builder, or their <c>Plugins</c> collection held
    /// in a local, field, parameter or property of the type). With automatic function choice the kernel advertises every
    /// function of every plugin, so the catalog AIL0201 counts is their sum.
    /// </summary>
    internal sealed class KernelCatalog
    {
        public KernelCatalog(ISymbol? holder)
        {
            Holder = holder;
        }

        /// <summary>The local, field, parameter or property holding the kernel or builder; null for a lone factory call.</summary>
        public ISymbol? Holder { get; }

        /// <summary>Plugin registrations, in the order the type's blocks were indexed.</summary>
        public List<IInvocationOperation> Registrations { get; } = new List<IInvocationOperation>();

        /// <summary>A plugin is removed or the collection cleared somewhere: the sum is no lower bound.</summary>
        public bool Shrinks { get; set; }

        /// <summary>The builder <c>services.AddKernel()</c> returns: its kernel is the one the container builds.</summary>
        public bool FromAddKernel { get; set; }
    }

    /// <summary>
    /// Semantic Kernel plugin registrations and the number of functions each adds. Matched by name on
    /// <c>KernelExtensions</c> and <c>KernelPluginFactory</c> in the <c>Microsoft.SemanticKernel</c> namespace (checked
    /// against Semantic Kernel 1.82).
    /// </summary>
    internal static class KernelPlugins
    {
        /// <summary>Registrations that take a function list (their list is also a catalog sink of its own).</summary>
        public static readonly HashSet<string> FunctionListRegistrations = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddFromFunctions", "ImportPluginFromFunctions", "CreateFromFunctions",
        };

        /// <summary>Registrations that reflect over a class for its <c>[KernelFunction]</c> methods.</summary>
        public static readonly HashSet<string> ClassRegistrations = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddFromType", "AddFromObject", "ImportPluginFromType", "ImportPluginFromObject", "CreateFromType", "CreateFromObject",
        };

        private const string Namespace = "Microsoft.SemanticKernel";

        /// <summary>A registration (or, for <c>KernelPluginFactory</c>, the creation) of a plugin.</summary>
        public static bool IsRegistration(IMethodSymbol method) =>
            (FunctionListRegistrations.Contains(method.Name) || ClassRegistrations.Contains(method.Name))
            && method.ContainingType is { Name: "KernelExtensions" or "KernelPluginFactory" } type
            && type.ContainingNamespace?.ToDisplayString() == Namespace;

        /// <summary>
        /// The type's kernels, with a kernel built from a builder counted together with it: after
        /// <c>builder.Plugins.AddFromType&lt;A&gt;(); var kernel = builder.Build(); kernel.ImportPluginFromType&lt;B&gt;();</c>
        /// the kernel holds both plugins. Only when the kernel's holder is written once, by that <c>Build()</c>.
        /// </summary>
        public static List<KernelCatalog> MergeBuiltKernels(TypeIndex index)
        {
            // Only a kernel whose functions some request is told to choose from is a catalog (see KernelFunctionChoice).
            if (index.Kernels.Count == 0 || !index.Symbols.FunctionChoice.OffersWholeKernels)
            {
                return new List<KernelCatalog>();
            }

            MergeContainerPlugins(index);

            var byHolder = new Dictionary<ISymbol, KernelCatalog>(SymbolEqualityComparer.Default);
            foreach (var kernel in index.Kernels)
            {
                if (kernel.Holder != null)
                {
                    byHolder[kernel.Holder] = kernel;
                }
            }

            var result = new List<KernelCatalog>(index.Kernels.Count);
            foreach (var kernel in index.Kernels)
            {
                if (kernel.Holder != null
                    && index.Writes.TryGetValue(kernel.Holder, out var writes) && writes.Count == 1
                    && TypeIndex.Strip(writes[0]) is IInvocationOperation { TargetMethod.Name: "Build" } build
                    && TypeIndex.Holder(TypeIndex.Receiver(build)) is { } builderHolder
                    && byHolder.TryGetValue(builderHolder, out var builder)
                    && !ReferenceEquals(builder, kernel))
                {
                    builder.Registrations.AddRange(kernel.Registrations);
                    builder.Shrinks |= kernel.Shrinks;
                    continue;
                }

                result.Add(kernel);
            }

            // After the merge, so that a builder's catalog holds the registrations of the kernel it builds.
            result.RemoveAll(kernel => NeverOffersItsFunctions(kernel, index));

            var split = new List<KernelCatalog>(result.Count);
            foreach (var kernel in result)
            {
                split.AddRange(SplitExclusiveBranches(kernel));
            }

            return split;
        }

        /// <summary>
        /// Plugins registered in the container (<c>services.AddSingleton(KernelPluginFactory.CreateFromType&lt;T&gt;())</c>)
        /// all go to the kernel the container builds: Semantic Kernel's <c>AddKernel()</c> gives it every registered
        /// <c>KernelPlugin</c>, together with those added on the builder <c>AddKernel()</c> returns. They are summed with
        /// that builder's plugins when the type makes exactly one such builder, summed on their own when the type calls
        /// <c>AddKernel()</c> without registering on the builder, and left one catalog each otherwise (no <c>AddKernel()</c>
        /// in the type: the kernel may be built some other way, or from a few of them).
        /// </summary>
        private static void MergeContainerPlugins(TypeIndex index)
        {
            // The container's kernel offers its functions only if a whole-kernel choice is written outside the types that
            // build kernels of their own (KernelFunctionChoice.OffersWholeContainerKernels): an `Auto()` next to a
            // `Kernel.CreateBuilder()` goes with that kernel.
            if (!index.Symbols.FunctionChoice.OffersWholeContainerKernels)
            {
                index.Kernels.RemoveAll(kernel => kernel == index.ContainerPlugins || kernel.FromAddKernel);
                index.ContainerPlugins = null;
                return;
            }

            if (index.ContainerPlugins is not { } container)
            {
                return;
            }

            KernelCatalog? builder = null;
            var builders = 0;
            foreach (var kernel in index.Kernels)
            {
                if (kernel.FromAddKernel)
                {
                    builder = kernel;
                    builders++;
                }
            }

            if (builders == 1)
            {
                builder!.Registrations.AddRange(container.Registrations);
                index.Kernels.Remove(container);
            }
            else if (builders > 1 || !index.CallsAddKernel)
            {
                index.Kernels.Remove(container);
                foreach (var registration in container.Registrations)
                {
                    var alone = new KernelCatalog(null);
                    alone.Registrations.Add(registration);
                    index.Kernels.Add(alone);
                }
            }

            index.ContainerPlugins = null;
        }

        /// <summary>
        /// <c>var kernel = new Kernel(); kernel.ImportPluginFromType&lt;A&gt;(); ... await kernel.InvokeAsync("A", "Fn");</c>:
        /// a kernel created in a member (or a private field), given class plugins only, and used for nothing but invoking
        /// their functions directly or running requests whose settings visibly offer no whole kernel never offers all its
        /// functions to a model. Narrow on purpose: every read of the holder must be a registration, a function lookup on
        /// its <c>Plugins</c>, an <c>InvokeAsync</c> of a function looked up there or named by plugin and function, a
        /// service lookup, an <c>InvokePromptAsync</c> or chat service call whose settings <see cref="KernelRequestSettings"/>
        /// reads as offering no whole kernel; and no method of the plugin classes takes a <c>Kernel</c> (a native function
        /// given the kernel could start a chat request with it). A builder (<c>Kernel.CreateBuilder()</c>) held the same way
        /// may also be configured and built once, and the kernel it builds is held to the same rule. Anything else
        /// (returned, stored, passed on, settings from elsewhere) keeps the kernel counted.
        /// </summary>
        private static bool NeverOffersItsFunctions(KernelCatalog kernel, TypeIndex index)
        {
            if (kernel.Holder == null || kernel.Shrinks || kernel.Registrations.Count == 0)
            {
                return false;
            }

            SemanticModel? model = null;
            foreach (var registration in kernel.Registrations)
            {
                if (!IsRegistration(registration.TargetMethod)
                    || !ClassRegistrations.Contains(registration.TargetMethod.Name)
                    || PluginClass(registration) is not { } plugin
                    || TakesKernel(plugin))
                {
                    return false;
                }

                model ??= registration.SemanticModel;
            }

            return model != null && OnlyUsedDirectly(kernel.Holder, kernel, index, model, builderAllowed: true);
        }

        /// <summary>
        /// The holder is a local of one member, or a private field of the type (`private readonly Kernel _kernel = new();`
        /// filled in the constructor and used by the type's methods), written once with a new kernel (or, when
        /// <paramref name="builderAllowed"/>, a new builder), and every read is in code this type declares and direct.
        /// </summary>
        private static bool OnlyUsedDirectly(ISymbol holder, KernelCatalog kernel, TypeIndex index, SemanticModel model, bool builderAllowed)
        {
            if (holder is not (ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } or IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsImplicitlyDeclared: false })
                || !index.Writes.TryGetValue(holder, out var writes) || writes.Count != 1)
            {
                return false;
            }

            bool isBuilder;
            switch (TypeIndex.Strip(writes[0]))
            {
                case IObjectCreationOperation { Type.Name: "Kernel" }:
                case IInvocationOperation { TargetMethod.Name: "Build" }:
                    isBuilder = false;
                    break;
                case IInvocationOperation { TargetMethod: { Name: "CreateBuilder", ContainingType: { Name: "Kernel" } kernelType } }
                    when builderAllowed && kernelType.ContainingNamespace?.ToDisplayString() == Namespace:
                    isBuilder = true;
                    break;
                default:
                    return false;
            }

            if (ReadScopes(holder, model) is not { } scopes)
            {
                return false;
            }

            foreach (var (scope, scopeModel) in scopes)
            {
                if (!EveryReadIsDirect(scope, scopeModel, holder, writes[0], read => isBuilder ? IsDirectBuilderUse(read, kernel, index) : IsDirectUse(read, kernel)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Where the holder can be read: the member declaring a local; every declaration of the type holding a private
        /// field (partial parts in other files included). Null when a scope cannot be bound.
        /// </summary>
        internal static List<(SyntaxNode Scope, SemanticModel Model)>? ReadScopes(ISymbol holder, SemanticModel model)
        {
            var scopes = new List<(SyntaxNode, SemanticModel)>();
            if (holder is ILocalSymbol local)
            {
                var declaration = local.DeclaringSyntaxReferences[0].GetSyntax();
                SyntaxNode? scope = declaration.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>();
                if (scope is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax)
                {
                    scope = scope.Parent;
                }

                if (scope == null || model.SyntaxTree != scope.SyntaxTree)
                {
                    return null;
                }

                scopes.Add((scope, model));
                return scopes;
            }

            if (holder.ContainingType is not { } type)
            {
                return null;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var tree = reference.SyntaxTree;
                var treeModel = tree == model.SyntaxTree ? model : model.Compilation.ContainsSyntaxTree(tree) ? model.Compilation.GetSemanticModel(tree) : null;
                if (treeModel == null)
                {
                    return null;
                }

                scopes.Add((reference.GetSyntax(), treeModel));
            }

            return scopes;
        }

        /// <summary>Every identifier naming the holder in <paramref name="scope"/> is its one write or a direct use.</summary>
        private static bool EveryReadIsDirect(SyntaxNode scope, SemanticModel model, ISymbol holder, IOperation write, Func<IOperation, bool> isDirectUse)
        {
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier || identifier.Identifier.ValueText != holder.Name)
                {
                    continue;
                }

                var read = model.GetOperation(identifier);
                if (read is not (ILocalReferenceOperation or IFieldReferenceOperation) || !SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(read), holder))
                {
                    // Another symbol of the same name, or the name in code that does not bind (or `this._kernel`, not
                    // bound on its name alone: the answer is then the cautious one).
                    if (read == null || model.GetSymbolInfo(identifier).Symbol is not { } other || SymbolEqualityComparer.Default.Equals(other, holder))
                    {
                        return false;
                    }

                    continue;
                }

                if (read.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, read) && assignment.Value.Syntax == write.Syntax)
                {
                    // The one write: `_kernel = new Kernel();` in the constructor.
                    continue;
                }

                if (!isDirectUse(read))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A builder's read: a plugin registration, its <c>Services</c>, a configuration call whose result is dropped
        /// (<c>builder.AddOpenAIChatCompletion(...);</c>), or the one <c>Build()</c> whose kernel is held to the same rule.
        /// </summary>
        private static bool IsDirectBuilderUse(IOperation reference, KernelCatalog kernel, TypeIndex index)
        {
            switch (reference.Parent)
            {
                case IPropertyReferenceOperation { Property.Name: "Plugins" } plugins when ReferenceEquals(plugins.Instance, reference):
                    return CallOn(plugins) is { } registration && IsKernelRegistration(registration, kernel);
                case IPropertyReferenceOperation { Property.Name: "Services" } services when ReferenceEquals(services.Instance, reference):
                    return true;
            }

            if (CallOn(reference) is not { } call || call.TargetMethod.ContainingNamespace?.ToDisplayString() is not { } ns
                || !ns.StartsWith("Microsoft.", StringComparison.Ordinal))
            {
                return false;
            }

            if (call.TargetMethod.Name != "Build")
            {
                return call.Parent is IExpressionStatementOperation;
            }

            // `var kernel = builder.Build();` or `_kernel = builder.Build();`: that kernel must be used directly too.
            var parent = call.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            var built = parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } assignment => TypeIndex.Holder(assignment.Target),
                _ => null,
            };
            return built != null && call.SemanticModel is { } model
                && OnlyUsedDirectly(built, kernel, index, model, builderAllowed: false);
        }

        private static bool IsDirectUse(IOperation reference, KernelCatalog kernel)
        {
            if (IsChatRequestWithoutWholeKernel(reference) || IsPromptFunctionRun(reference))
            {
                return true;
            }

            if (reference.Parent is IPropertyReferenceOperation { Property.Name: "Plugins" } plugins && ReferenceEquals(plugins.Instance, reference))
            {
                // kernel.Plugins.AddFromType<T>(), kernel.Plugins["A"], kernel.Plugins.GetFunction("A", "Fn").
                return CallOn(plugins) is { } call
                    ? IsKernelRegistration(call, kernel) || call.TargetMethod.Name is "GetFunction" or "TryGetFunction"
                    : plugins.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } indexer && ReferenceEquals(indexer.Instance, plugins);
            }

            if (CallOn(reference) is not { } invocation)
            {
                return false;
            }

            if (IsKernelRegistration(invocation, kernel))
            {
                return true;
            }

            if (IsPromptWithoutSettings(invocation) || IsPromptFunctionCreation(invocation))
            {
                return true;
            }

            if (invocation.TargetMethod is { Name: "GetRequiredService" or "GetAllServices", ContainingType.Name: "Kernel" } lookup
                && lookup.ContainingNamespace?.ToDisplayString() == Namespace)
            {
                // kernel.GetRequiredService<IChatCompletionService>(): the service is given the kernel's functions only
                // through a `kernel` argument, a read of its own.
                return true;
            }

            if (invocation.TargetMethod.Name is not ("InvokeAsync" or "InvokeStreamingAsync")
                || invocation.TargetMethod.ContainingType?.Name != "Kernel"
                || invocation.TargetMethod.ContainingNamespace?.ToDisplayString() != Namespace)
            {
                return false;
            }

            // InvokeAsync(pluginName, functionName): one of the kernel's (native) functions. InvokeAsync(function): a
            // function looked up on this kernel's plugins, or a prompt function made with visible settings and run with
            // arguments that visibly carry no others (a prompt function made elsewhere could carry its own settings).
            var function = Argument(invocation, "function");
            return function == null
                ? invocation.TargetMethod.Parameters.Length > 0 && invocation.TargetMethod.Parameters[0].Name == "pluginName"
                : IsLookupOn(function, kernel.Holder!) || (IsVisiblePromptFunction(function, 0) && ArgumentsOfferNoWholeKernel(invocation));
        }

        /// <summary>
        /// <c>kernel.CreateFunctionFromPrompt(template, settings)</c> with settings that visibly offer no whole kernel: the
        /// function is only made here; where it runs, and with which kernel, is a read of its own.
        /// </summary>
        private static bool IsPromptFunctionCreation(IInvocationOperation invocation) =>
            invocation.TargetMethod is { Name: "CreateFunctionFromPrompt", ContainingType.Name: "KernelExtensions" } method
            && method.ContainingNamespace?.ToDisplayString() == Namespace
            && PromptSettingsOfferNoWholeKernel(invocation);

        /// <summary>
        /// <c>function.InvokeAsync(kernel, arguments)</c>: the kernel handed to a prompt function made with visible settings,
        /// run with arguments that visibly carry no others.
        /// </summary>
        private static bool IsPromptFunctionRun(IOperation reference)
        {
            var current = reference;
            while (current.Parent is IConversionOperation conversion)
            {
                current = conversion;
            }

            return current.Parent is IArgumentOperation { Parameter.Name: "kernel", Parent: IInvocationOperation { TargetMethod: { Name: "InvokeAsync" or "InvokeStreamingAsync", ContainingType.Name: "KernelFunction" } method } call }
                && method.ContainingNamespace?.ToDisplayString() == Namespace
                && call.Instance is { } function
                && IsVisiblePromptFunction(function, 0)
                && ArgumentsOfferNoWholeKernel(call);
        }

        // `var f = kernel.CreateFunctionFromPrompt(template, settings)` (or KernelFunctionFactory.CreateFromPrompt), inline or
        // in a local written once (by its declaration), with settings that visibly offer no whole kernel.
        private static bool IsVisiblePromptFunction(IOperation function, int depth)
        {
            switch (TypeIndex.Strip(function))
            {
                case ILocalReferenceOperation { Local: { DeclaringSyntaxReferences.Length: 1 } local } reference when depth == 0:
                    return reference.SemanticModel is { } model
                        && local.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                        && declarator.SyntaxTree == model.SyntaxTree
                        && !IsReassignedOrGivenSettings(declarator, local.Name)
                        && model.GetOperation(initializer.Value) is { } value
                        && IsVisiblePromptFunction(value, depth + 1);
                case IInvocationOperation { TargetMethod: { Name: "CreateFunctionFromPrompt", ContainingType.Name: "KernelExtensions" } or { Name: "CreateFromPrompt", ContainingType.Name: "KernelFunctionFactory" } } creation:
                    return creation.TargetMethod.ContainingNamespace?.ToDisplayString() == Namespace
                        && PromptSettingsOfferNoWholeKernel(creation);
                default:
                    return false;
            }
        }

        // The `executionSettings` of a prompt function's creation: absent, or one settings object (not the list overload,
        // nor a PromptTemplateConfig) that visibly offers no whole kernel.
        private static bool PromptSettingsOfferNoWholeKernel(IInvocationOperation creation)
        {
            if (creation.TargetMethod.Parameters.Length == 0 || creation.TargetMethod.Parameters[creation.TargetMethod.IsExtensionMethod ? 1 : 0] is not { Name: "promptTemplate" })
            {
                return false;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "executionSettings" && argument.ArgumentKind != ArgumentKind.DefaultValue
                    && !(KernelRequestSettings.IsSettingsType(argument.Parameter.Type) && KernelRequestSettings.OffersNoWholeKernel(argument.Value)))
                {
                    return false;
                }
            }

            return true;
        }

        // The `arguments` of an invocation: absent, null, or KernelArguments with no settings or visible ones.
        private static bool ArgumentsOfferNoWholeKernel(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "arguments" && argument.ArgumentKind == ArgumentKind.Explicit
                    && TypeIndex.Strip(argument.Value) is not { ConstantValue: { HasValue: true, Value: null } }
                    && !IsArgumentsWithoutSettings(TypeIndex.Strip(argument.Value)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>chat.GetChatMessageContentAsync(history, settings, kernel)</c> and the other chat and text service calls: the
        /// service offers the kernel's functions only as the settings say, so the kernel passed as <c>kernel</c> with
        /// settings that visibly offer no whole kernel (or none) is offered whole to no model.
        /// </summary>
        private static bool IsChatRequestWithoutWholeKernel(IOperation reference)
        {
            var current = reference;
            while (current.Parent is IConversionOperation conversion)
            {
                current = conversion;
            }

            if (current.Parent is not IArgumentOperation { Parameter.Name: "kernel", Parent: IInvocationOperation call }
                || call.TargetMethod.Name is not ("GetChatMessageContentAsync" or "GetChatMessageContentsAsync" or "GetStreamingChatMessageContentsAsync"
                    or "GetTextContentAsync" or "GetTextContentsAsync" or "GetStreamingTextContentsAsync")
                || call.TargetMethod.ContainingNamespace?.ToDisplayString() is not { } ns
                || !ns.StartsWith(Namespace, StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Name == "executionSettings")
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue || KernelRequestSettings.OffersNoWholeKernel(argument.Value);
                }
            }

            return false;
        }

        /// <summary>
        /// <c>kernel.InvokePromptAsync(prompt)</c>, or with <c>new KernelArguments { ["x"] = x }</c>: the prompt runs with
        /// default execution settings, whose <c>FunctionChoiceBehavior</c> is null, so Semantic Kernel 1.82 sends no tool.
        /// Settings passed in the arguments or a <c>PromptTemplateConfig</c> may ask for them, so those keep the kernel counted.
        /// </summary>
        private static bool IsPromptWithoutSettings(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name is not ("InvokePromptAsync" or "InvokePromptStreamingAsync")
                || method.ContainingType?.Name != "KernelExtensions"
                || method.ContainingNamespace?.ToDisplayString() != Namespace)
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Parameter?.Name is not ("arguments" or "promptTemplateConfig")
                    || TypeIndex.Strip(argument.Value) is { ConstantValue: { HasValue: true, Value: null } })
                {
                    continue;
                }

                if (argument.Parameter.Name == "promptTemplateConfig" || !IsArgumentsWithoutSettings(TypeIndex.Strip(argument.Value)))
                {
                    return false;
                }
            }

            return true;
        }

        // new KernelArguments(), new KernelArguments { ["name"] = value }: no execution settings. Also a local initialised
        // so that is never reassigned nor given settings (`var arguments = new KernelArguments { ["name"] = "Roger" };`).
        private static bool IsArgumentsWithoutSettings(IOperation? value)
        {
            if (value is ILocalReferenceOperation { Local: { DeclaringSyntaxReferences.Length: 1 } local } reference)
            {
                return reference.SemanticModel is { } model
                    && local.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                    && declarator.SyntaxTree == model.SyntaxTree
                    && !IsReassignedOrGivenSettings(declarator, local.Name)
                    && IsArgumentsWithoutSettings(TypeIndex.Strip(model.GetOperation(initializer.Value)));
            }

            if (value is not IObjectCreationOperation { Type.Name: "KernelArguments" } creation
                || creation.Type?.ContainingNamespace?.ToDisplayString() != Namespace)
            {
                return false;
            }

            // new KernelArguments(settings): settings that visibly offer no whole kernel.
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && !(KernelRequestSettings.IsSettingsType(argument.Parameter?.Type) && KernelRequestSettings.OffersNoWholeKernel(argument.Value)))
                {
                    return false;
                }
            }

            if (creation.Initializer == null)
            {
                return true;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } })
                {
                    return false;
                }
            }

            return true;
        }

        // `arguments = ...`, `arguments.ExecutionSettings = ...`, `ref arguments`/`out arguments` in the local's member, by name
        // (a same-named symbol only makes the answer more cautious).
        private static bool IsReassignedOrGivenSettings(SyntaxNode declarator, string name)
        {
            var scope = declarator.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>()?.Parent
                ?? declarator.SyntaxTree.GetRoot();
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
                {
                    continue;
                }

                switch (identifier.Parent)
                {
                    case Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax assignment when assignment.Left == identifier:
                    case Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ExecutionSettings" } member when member.Expression == identifier:
                    case Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                        return true;
                }
            }

            return false;
        }

        // kernel.Plugins["A"]["Fn"], kernel.Plugins.GetFunction("A", "Fn").
        private static bool IsLookupOn(IOperation function, ISymbol holder)
        {
            var current = TypeIndex.Strip(function);
            while (true)
            {
                switch (current)
                {
                    case IPropertyReferenceOperation { Property.Name: "Plugins" } plugins:
                        return SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(plugins.Instance), holder);
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                        current = TypeIndex.Strip(indexer.Instance);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "GetFunction" } lookup:
                        current = TypeIndex.Strip(TypeIndex.Receiver(lookup));
                        break;
                    default:
                        return false;
                }
            }
        }

        private static bool IsKernelRegistration(IInvocationOperation invocation, KernelCatalog kernel) =>
            kernel.Registrations.Contains(invocation);

        /// <summary>The call whose receiver (instance, or <c>this</c> argument of an extension method) is <paramref name="receiver"/>.</summary>
        private static IInvocationOperation? CallOn(IOperation receiver)
        {
            while (receiver.Parent is IConversionOperation conversion)
            {
                receiver = conversion;
            }

            return receiver.Parent switch
            {
                IInvocationOperation invocation when ReferenceEquals(invocation.Instance, receiver) => invocation,
                IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } invocation } argument
                    when argument.Parameter?.Ordinal == 0 => invocation,
                _ => null,
            };
        }

        /// <summary>The class a class registration reflects over, when written there.</summary>
        private static INamedTypeSymbol? PluginClass(IInvocationOperation registration)
        {
            var method = registration.TargetMethod;
            if (method.IsGenericMethod && method.TypeArguments.Length == 1)
            {
                return method.TypeArguments[0] as INamedTypeSymbol;
            }

            // AddFromObject(new LightBulbPlugin()) or AddFromObject(plugin): the object's class (a subclass that takes a
            // Kernel is not considered).
            return Argument(registration, "target") switch
            {
                IObjectCreationOperation { Type: INamedTypeSymbol created } => created,
                { Type: INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } declared } => declared,
                _ => null,
            };
        }

        // Any method of the class or its bases with a Kernel parameter (conservative: not only [KernelFunction] ones).
        private static bool TakesKernel(INamedTypeSymbol type)
        {
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IMethodSymbol method)
                    {
                        foreach (var parameter in method.Parameters)
                        {
                            if (parameter.Type.Name == "Kernel" || parameter.Type.TypeKind == TypeKind.Error)
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>if (support) AddFromType&lt;Support&gt;(); else AddFromType&lt;Sales&gt;();</c>, or one plugin per
        /// <c>switch</c> section: one run registers one branch only, so each alternative is counted on its own (see
        /// <see cref="ExclusiveBranches"/>).
        /// </summary>
        private static List<KernelCatalog> SplitExclusiveBranches(KernelCatalog kernel)
        {
            var declaration = kernel.Holder is ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local ? local.DeclaringSyntaxReferences[0].Span : (Microsoft.CodeAnalysis.Text.TextSpan?)null;
            var alternatives = ExclusiveBranches.Split(kernel.Registrations, declaration);
            if (alternatives.Count == 1)
            {
                return new List<KernelCatalog> { kernel };
            }

            var parts = new List<KernelCatalog>(alternatives.Count);
            foreach (var alternative in alternatives)
            {
                var part = new KernelCatalog(kernel.Holder) { Shrinks = kernel.Shrinks };
                part.Registrations.AddRange(alternative);
                parts.Add(part);
            }

            return parts;
        }

        /// <summary>A registration of a function list, directly or through <c>Plugins.Add(KernelPluginFactory.CreateFromFunctions(...))</c>.</summary>
        public static bool IsFunctionList(IInvocationOperation registration) =>
            FunctionListRegistrations.Contains(registration.TargetMethod.Name)
            || (registration.Arguments.Length > 0
                && TypeIndex.Strip(registration.Arguments[registration.Arguments.Length - 1].Value) is IInvocationOperation created
                && FunctionListRegistrations.Contains(created.TargetMethod.Name));

        /// <summary>
        /// Another way Semantic Kernel adds a plugin to a kernel (<c>ImportPluginFromPromptDirectory</c>,
        /// <c>AddFromOpenApiAsync</c>, <c>ImportPluginFromGrpcFile</c>...): what it adds is not known here, except a
        /// prompt directory whose function folders the AdditionalFiles show (<see cref="PromptDirectoryFunctions"/>).
        /// </summary>
        public static bool IsOtherPluginSource(IMethodSymbol method) =>
            (method.Name.StartsWith("ImportPluginFrom", StringComparison.Ordinal) || method.Name.StartsWith("AddFrom", StringComparison.Ordinal))
            && !IsRegistration(method)
            && method.ContainingNamespace?.ToDisplayString() is { } ns
            && (ns == Namespace || ns.StartsWith(Namespace + ".", StringComparison.Ordinal));

        /// <summary>A <c>KernelPluginFactory.CreateFrom*</c> call: it builds a plugin without registering it anywhere.</summary>
        public static bool IsFactory(IMethodSymbol method) => method.ContainingType?.Name == "KernelPluginFactory";

        /// <summary><c>kernel.Plugins</c> or <c>builder.Plugins</c>.</summary>
        public static bool IsPluginsProperty(IOperation? operation) =>
            TypeIndex.Strip(operation) is IPropertyReferenceOperation { Property: { Name: "Plugins" } property }
            && property.ContainingType?.ContainingNamespace?.ToDisplayString() == Namespace;

        /// <summary>
        /// What one registration adds to the kernel's catalog: the <c>[KernelFunction]</c> methods of the class, or the
        /// function list. A <c>Plugins.Add(plugin)</c> counts the plugin when it is built right there by the factory.
        /// Unbounded sources are left out: the function list's own sink reports them.
        /// </summary>
        public static CatalogContent Count(IInvocationOperation registration, CatalogEvaluator evaluator, KnownToolSymbols symbols)
        {
            var method = registration.TargetMethod;
            if (PromptDirectoryFunctions.IsPromptDirectoryImport(method) && IsOtherPluginSource(method))
            {
                // One function per folder with an skprompt.txt, when the AdditionalFiles show the directory.
                return evaluator.Project?.PromptDirectories?.Count(registration) ?? CatalogContent.Unknown;
            }

            if (!IsRegistration(method))
            {
                // kernel.Plugins.Add(x): counted only when x is a factory call written there.
                return registration.Arguments.Length > 0
                    && TypeIndex.Strip(registration.Arguments[registration.Arguments.Length - 1].Value) is IInvocationOperation created
                    && IsRegistration(created.TargetMethod) && IsFactory(created.TargetMethod)
                    ? Count(created, evaluator, symbols)
                    : CatalogContent.Unknown;
            }

            if (FunctionListRegistrations.Contains(method.Name))
            {
                var functions = Argument(registration, "functions");
                return functions == null ? CatalogContent.Empty : evaluator.Collection(functions, functions).WithoutUnbounded();
            }

            if (symbols.KernelFunctionAttribute == null)
            {
                return CatalogContent.Unknown;
            }

            if (method.IsGenericMethod && method.Name.EndsWith("Type", StringComparison.Ordinal) && method.TypeArguments[0] is INamedTypeSymbol generic)
            {
                return FunctionsOf(generic, symbols.KernelFunctionAttribute, exact: true);
            }

            if (Argument(registration, "instanceType") is ITypeOfOperation { TypeOperand: INamedTypeSymbol typeOf })
            {
                return FunctionsOf(typeOf, symbols.KernelFunctionAttribute, exact: true);
            }

            switch (Argument(registration, "target"))
            {
                case IObjectCreationOperation { Type: INamedTypeSymbol created }:
                    return FunctionsOf(created, symbols.KernelFunctionAttribute, exact: true);
                case { Type: INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } declared }:
                    // SK reflects over the object's run-time type: a subclass may add functions, so the static type
                    // gives a lower bound unless nothing can derive from it.
                    return FunctionsOf(declared, symbols.KernelFunctionAttribute, exact: declared.IsSealed || declared.IsValueType);
                default:
                    return CatalogContent.Unknown;
            }
        }

        /// <summary>
        /// The methods Semantic Kernel turns into functions, as <c>KernelPluginFactory</c> does (Semantic Kernel 1.82):
        /// <c>GetMethods(Public | NonPublic | Instance | Static)</c> on the type, keeping those with
        /// <c>[KernelFunction]</c> (inherited through overrides). That is every method the type declares, whatever its
        /// access, plus the non-private instance methods of its base classes; an override counts once.
        /// </summary>
        public static CatalogContent FunctionsOf(INamedTypeSymbol type, INamedTypeSymbol attribute, bool exact)
        {
            if (type.TypeKind == TypeKind.TypeParameter || type.TypeKind == TypeKind.Error)
            {
                return CatalogContent.Unknown;
            }

            var count = 0;
            var overridden = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                var declaredHere = SymbolEqualityComparer.Default.Equals(current, type);
                foreach (var member in current.GetMembers())
                {
                    if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                        || overridden.Contains(method.OriginalDefinition))
                    {
                        continue;
                    }

                    for (var baseMethod = method.OverriddenMethod; baseMethod != null; baseMethod = baseMethod.OverriddenMethod)
                    {
                        overridden.Add(baseMethod.OriginalDefinition);
                    }

                    if ((declaredHere || (!method.IsStatic && method.DeclaredAccessibility != Accessibility.Private))
                        && HasKernelFunction(method, attribute))
                    {
                        count++;
                    }
                }
            }

            return new CatalogContent(count, exact, 0, false, CatalogContent.Empty.Unbounded);
        }

        private static bool HasKernelFunction(IMethodSymbol method, INamedTypeSymbol attribute)
        {
            for (var current = method; current != null; current = current.OverriddenMethod)
            {
                foreach (var data in current.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static IOperation? Argument(IInvocationOperation invocation, string parameterName)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameterName && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return TypeIndex.Strip(argument.Value);
                }
            }

            return null;
        }
    }
}
