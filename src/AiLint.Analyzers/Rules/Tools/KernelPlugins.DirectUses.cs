using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    // Kernels whose functions are never offered to the model: every read of the kernel invokes one function directly.
    internal static partial class KernelPlugins
    {
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
    }
}
