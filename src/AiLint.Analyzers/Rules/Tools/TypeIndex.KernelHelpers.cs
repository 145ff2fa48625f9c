// TypeIndex: kernels handed to a helper of the project that may register plugins on them (`AddPlugins(kernel)`,
// `Register(builder)`, `AddMail(kernel.Plugins)`), and kernel parameters a helper hands on further, so the helper's
// registrations can be read at the call (KernelPlugins.FillingHelpers).
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    internal sealed partial class TypeIndex
    {
        /// <summary>
        /// Calls of a method declared in source that are handed a kernel, a kernel builder or one of their plugin
        /// collections held by a local or field, with the helper and its parameter that receives it (for a helper invoked
        /// through reflection, the method the constant name finds, see TypeIndex.ReflectedKernelHelpers). Each call is also
        /// one of that kernel's <see cref="KernelCatalog.Registrations"/>, so it is summed, split by exclusive branches and
        /// merged with a built kernel as a registration written there is.
        /// </summary>
        public Dictionary<IInvocationOperation, (IMethodSymbol Helper, IParameterSymbol Parameter)> KernelHelperCalls { get; } =
            new Dictionary<IInvocationOperation, (IMethodSymbol Helper, IParameterSymbol Parameter)>();

        /// <summary>
        /// Kernel parameters handed on to a method or constructor of the project (a further helper, a plugin that takes
        /// the kernel): what that code registers on them is not read, so a helper doing this adds no sure number.
        /// </summary>
        public HashSet<ISymbol> HandedOnKernelParameters { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        private void NoteKernelHelperArgument(IArgumentOperation argument)
        {
            if (!KernelPlugins.IsKernelParameter(argument.Parameter))
            {
                NoteReflectedKernelHelper(argument);
                return;
            }

            var target = argument.Parent switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };

            // Only code of the project: Semantic Kernel's own methods (a request given the kernel) register nothing.
            if (target == null || target.OriginalDefinition.DeclaringSyntaxReferences.Length == 0)
            {
                return;
            }

            var value = Strip(argument.Value);
            var kernel = KernelPlugins.IsPluginsProperty(value) ? Strip(((IPropertyReferenceOperation)value!).Instance) : value;
            if (kernel is IParameterReferenceOperation parameter)
            {
                HandedOnKernelParameters.Add(parameter.Parameter.OriginalDefinition);
                return;
            }

            // One kernel per call, read through an ordinary call only (a constructor's body is not read).
            if (argument.Parent is IInvocationOperation call && !KernelHelperCalls.ContainsKey(call)
                && (kernel is ILocalReferenceOperation || kernel is IFieldReferenceOperation))
            {
                KernelHelperCalls.Add(call, (call.TargetMethod, argument.Parameter!));
                KernelOf(call, value).Registrations.Add(call);
            }
        }
    }
}
