// TypeIndex: a plugin-registration helper of the project invoked through reflection by a constant name,
// `typeof(PluginRegistration).GetMethod("RegisterPlugins")!.Invoke(null, new object[] { kernel })`: read as a direct call
// of that helper (KernelPlugins.FillingHelpers).
using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    internal sealed partial class TypeIndex
    {
        /// <summary>
        /// The <c>parameters</c> argument of <c>MethodBase.Invoke(obj, parameters)</c> on <c>typeof(T).GetMethod("Name")</c>
        /// (directly, or through a local written once), when that finds exactly one public method of a type of the project
        /// and the array written there passes a kernel, builder or plugin collection to one of its kernel parameters: the
        /// call is noted as that helper's call, as <see cref="NoteKernelHelperArgument"/> notes a direct one.
        /// </summary>
        private void NoteReflectedKernelHelper(IArgumentOperation argument)
        {
            if (argument.Parameter is not { Name: "parameters" }
                || argument.Parent is not IInvocationOperation { TargetMethod: { Name: "Invoke" } invoke } call
                || !IsReflectionType(invoke.ContainingType, "MethodBase")
                || KernelHelperCalls.ContainsKey(call)
                || ReflectedMethod(ReceiverOf(call)) is not { } helper
                || Strip(argument.Value) is not IArrayCreationOperation { Initializer: { } values }
                || values.ElementValues.Length != helper.Parameters.Length)
            {
                return;
            }

            for (var i = 0; i < helper.Parameters.Length; i++)
            {
                var parameter = helper.Parameters[i];
                if (!KernelPlugins.IsKernelParameter(parameter))
                {
                    continue;
                }

                var value = Strip(values.ElementValues[i]);
                var kernel = KernelPlugins.IsPluginsProperty(value) ? Strip(((IPropertyReferenceOperation)value!).Instance) : value;
                if (kernel is IParameterReferenceOperation handedOn)
                {
                    HandedOnKernelParameters.Add(handedOn.Parameter.OriginalDefinition);
                }
                else if (kernel is ILocalReferenceOperation || kernel is IFieldReferenceOperation)
                {
                    KernelHelperCalls.Add(call, (helper, parameter));
                    KernelOf(call, value).Registrations.Add(call);
                }

                // One kernel per call, as for a direct call.
                return;
            }
        }

        /// <summary>The object <c>Invoke</c> is called on, also as <c>GetMethod("Name")?.Invoke(...)</c>.</summary>
        private static IOperation? ReceiverOf(IInvocationOperation call)
        {
            if (Strip(call.Instance) is not IConditionalAccessInstanceOperation)
            {
                return call.Instance;
            }

            for (var parent = call.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access)
                {
                    return access.Operation;
                }
            }

            return null;
        }

        /// <summary>
        /// The method <c>typeof(T).GetMethod("Name")</c> returns when <c>T</c> is a type of the project: the one public
        /// ordinary method of that name in <c>T</c> and its base types (none or several: null, as GetMethod returns null
        /// or throws). Only the one-argument form, whose search is the public static and instance methods.
        /// </summary>
        private IMethodSymbol? ReflectedMethod(IOperation? instance)
        {
            instance = Strip(instance);
            if (instance is ILocalReferenceOperation local && Writes.TryGetValue(local.Local, out var writes) && writes.Count == 1)
            {
                instance = Strip(writes[0]);
            }

            if (instance is not IInvocationOperation { TargetMethod: { Name: "GetMethod" } getMethod, Arguments: { Length: 1 } arguments } lookup
                || !IsReflectionType(getMethod.ContainingType, "Type", "System")
                || Strip(lookup.Instance) is not ITypeOfOperation { TypeOperand: INamedTypeSymbol type }
                || type.DeclaringSyntaxReferences.Length == 0
                || arguments[0].Value.ConstantValue is not { HasValue: true, Value: string name })
            {
                return null;
            }

            IMethodSymbol? found = null;
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public } method)
                    {
                        if (found != null)
                        {
                            return null;
                        }

                        found = method;
                    }
                }
            }

            return found != null && found.DeclaringSyntaxReferences.Length > 0 ? found : null;
        }

        private static bool IsReflectionType(INamedTypeSymbol? type, string name, string space = "System.Reflection") =>
            type is { } named && named.Name == name && string.Equals(named.ContainingNamespace?.ToDisplayString(), space, StringComparison.Ordinal);
    }
}
