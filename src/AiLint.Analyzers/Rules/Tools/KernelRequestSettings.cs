using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Execution settings whose function choice can be read where they are written, and that visibly do not offer the
    /// model a whole kernel (Semantic Kernel 1.82, see <see cref="KernelFunctionChoice"/>): no settings, settings with no
    /// <c>FunctionChoiceBehavior</c>, <c>None()</c>, or <c>Auto</c>/<c>Required</c> given a function list written out
    /// element by element. Anything else (a field, a parameter, a list computed by a call, a settings local changed later,
    /// <c>ToolCallBehavior</c>, <c>ExtensionData</c>) is not visible, and the caller keeps the kernel counted.
    /// </summary>
    internal static class KernelRequestSettings
    {
        private const string Namespace = "Microsoft.SemanticKernel";

        /// <summary>A settings value (an argument, or an initializer) that visibly offers no whole kernel.</summary>
        public static bool OffersNoWholeKernel(IOperation? settings)
        {
            settings = TypeIndex.Strip(settings);
            switch (settings)
            {
                case null:
                case { ConstantValue: { HasValue: true, Value: null } }:
                case IDefaultValueOperation:
                    return true;
                case ILocalReferenceOperation { Local: { DeclaringSyntaxReferences.Length: 1 } local } reference:
                    return reference.SemanticModel is { } model
                        && local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                        && declarator.SyntaxTree == model.SyntaxTree
                        && !IsChangedAfterDeclaration(declarator, local.Name, model)
                        && model.GetOperation(initializer.Value) is { } value
                        && TypeIndex.Strip(value) is IObjectCreationOperation
                        && OffersNoWholeKernel(value);
                case IObjectCreationOperation creation:
                    return IsSettingsType(creation.Type) && creation.Arguments.Length == 0 && InitializerOffersNoWholeKernel(creation.Initializer);
                default:
                    return false;
            }
        }

        /// <summary>A type that is, or derives from, Semantic Kernel's <c>PromptExecutionSettings</c>.</summary>
        public static bool IsSettingsType(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.Name == "PromptExecutionSettings" && current.ContainingNamespace?.ToDisplayString() == Namespace)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InitializerOffersNoWholeKernel(IObjectOrCollectionInitializerOperation? initializer)
        {
            if (initializer == null)
            {
                return true;
            }

            foreach (var member in initializer.Initializers)
            {
                // Nested initializers (`ExtensionData = { ... }`) and anything but a plain property assignment: not read.
                if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment)
                {
                    return false;
                }

                switch (property.Name)
                {
                    case "FunctionChoiceBehavior":
                        if (!IsListedOrNoChoice(assignment.Value))
                        {
                            return false;
                        }

                        break;
                    case "ToolCallBehavior":
                    case "ExtensionData":
                        // ToolCallBehavior.EnableFunctions takes any list (the kernel's whole list included); the extension
                        // data can carry a function choice read by name.
                        if (TypeIndex.Strip(assignment.Value) is not { ConstantValue: { HasValue: true, Value: null } })
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }

        // null, FunctionChoiceBehavior.None(...), or Auto/Required with a function list written out.
        private static bool IsListedOrNoChoice(IOperation value)
        {
            var stripped = TypeIndex.Strip(value);
            if (stripped is { ConstantValue: { HasValue: true, Value: null } })
            {
                return true;
            }

            if (stripped is not IInvocationOperation { TargetMethod: { ContainingType: { Name: "FunctionChoiceBehavior" } type } method } invocation
                || type.ContainingNamespace?.ToDisplayString() != Namespace)
            {
                return false;
            }

            if (method.Name == "None")
            {
                return true;
            }

            if (method.Name is not ("Auto" or "Required"))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "functions")
                {
                    return argument.ArgumentKind == ArgumentKind.Explicit && IsWrittenOutList(TypeIndex.Strip(argument.Value));
                }
            }

            return false;
        }

        // [f1, f2], new[] { f1 }, new KernelFunction[] { ... }, new List<KernelFunction> { f1 }: each element written there
        // (a spread, AddRange or computed list could be the whole kernel).
        private static bool IsWrittenOutList(IOperation? list)
        {
            // Collection expressions are read from syntax (the operation kind is newer than the Roslyn AiLint builds on).
            if (list?.Syntax is CollectionExpressionSyntax collection)
            {
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax)
                    {
                        return false;
                    }
                }

                return true;
            }

            switch (list)
            {
                case IArrayCreationOperation { Initializer: { } }:
                    return true;
                case IObjectCreationOperation { Arguments.Length: 0, Initializer: { } initializer }:
                    foreach (var element in initializer.Initializers)
                    {
                        if (element is not IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 })
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        // `settings = ...`, `settings.FunctionChoiceBehavior = ...` (or ToolCallBehavior, ExtensionData), `ref settings`, or
        // `Configure(settings)` (a method outside Semantic Kernel may set its choice), in the local's member, by name (a
        // same-named symbol only makes the answer more cautious).
        private static bool IsChangedAfterDeclaration(VariableDeclaratorSyntax declarator, string name, SemanticModel model)
        {
            // The member's type (or, for top-level statements, the whole file): wider than the local's member only makes
            // the answer more cautious, and a global statement is one statement of the program, not its body.
            var scope = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>()?.Parent ?? declarator.SyntaxTree.GetRoot();
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
                {
                    continue;
                }

                switch (identifier.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left == identifier:
                    case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FunctionChoiceBehavior" or "ToolCallBehavior" or "ExtensionData" } member when member.Expression == identifier:
                    case ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                        return true;
                    case ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call }
                        when model.SyntaxTree != call.SyntaxTree
                            || model.GetSymbolInfo(call).Symbol is not IMethodSymbol { ContainingNamespace: { } called }
                            || !called.ToDisplayString().StartsWith(Namespace, StringComparison.Ordinal):
                        return true;
                }
            }

            return false;
        }
    }
}
