using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    // How many functions a registration adds to the catalog.
    internal static partial class KernelPlugins
    {
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
