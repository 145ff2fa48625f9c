using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    // Prompt functions and chat requests run on a kernel without settings that offer the whole kernel to the model.
    internal static partial class KernelPlugins
    {
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
    }
}
