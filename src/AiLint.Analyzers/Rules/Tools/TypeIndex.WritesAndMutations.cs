// TypeIndex: what the walk records for assignments and calls (writes, mutations, tool choice and allow-list writes, parameters the method changes); separate from the walk's dispatch in TypeIndex.cs so each kind of record reads on its own.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    internal sealed partial class TypeIndex
    {
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
                else if (receiver is IParameterReferenceOperation listParameter && _symbols.IsToolCollection(listParameter.Type))
                {
                    // A filling helper's `tools.Add(...)`: read at each call that hands it a list (CatalogEvaluator.FillingHelpers).
                    Add(ParameterMutations, listParameter.Parameter.OriginalDefinition, invocation);
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
            else if (ProjectContainerKernel.IsAddKernel(method))
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
    }
}
