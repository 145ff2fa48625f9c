using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A <c>functions</c> list given to <c>FunctionChoiceBehavior.Auto</c>/<c>Required</c> that is every function of a
    /// kernel: <c>kernel.Plugins.SelectMany(p =&gt; p)</c> (then <c>ToList()</c>/<c>ToArray()</c>), also through a
    /// <c>Where</c> whose predicate lets every function by when a switch is null
    /// (<c>f =&gt; allowedNames is null || allowedNames.Contains(f.Name)</c>, review83 tombly/ancela, whose chat profile
    /// passes null) or a flag is true (<c>f =&gt; isOwner || !IsOwnerOnly(f.Name)</c>), also held in a local written once. Such a list offers the whole kernel as <c>Auto()</c> does, so it opens the project's gate
    /// (<see cref="KernelFunctionChoice"/>). A filter with no null escape, <c>Take</c>, one plugin's functions or a list
    /// written out element by element are selections and are not this.
    /// </summary>
    internal static class KernelWideFunctionLists
    {
        public static bool ListsEveryFunction(IOperation value)
        {
            var current = TypeIndex.Strip(value);
            // `var advertised = kernel.Plugins.SelectMany(...)...ToList(); Auto(functions: advertised)`: a local written once.
            if (current is ILocalReferenceOperation local)
            {
                current = TypeIndex.Strip(Retry.ValueOrigins.LocalValue(local));
            }

            for (var depth = 0; depth < 8 && current is IInvocationOperation call && IsEnumerable(call.TargetMethod); depth++)
            {
                switch (call.TargetMethod.Name)
                {
                    case "ToList" or "ToArray" or "AsEnumerable" when call.Arguments.Length == 1:
                        break;
                    case "Where" when call.Arguments.Length == 2 && MayPassEverything(call.Arguments[1].Value):
                        break;
                    case "SelectMany" when call.Arguments.Length == 2:
                        return ReturnsItsParameter(call.Arguments[1].Value) && IsKernelPlugins(call.Arguments[0].Value);
                    default:
                        return false;
                }

                current = TypeIndex.Strip(call.Arguments[0].Value);
            }

            return false;
        }

        private static bool IsEnumerable(IMethodSymbol method) =>
            method.IsExtensionMethod
            && method.ContainingType is { Name: "Enumerable" } type
            && type.ContainingNamespace?.ToDisplayString() == "System.Linq";

        // `kernel.Plugins` (KernelPluginCollection of Microsoft.SemanticKernel).
        private static bool IsKernelPlugins(IOperation receiver) =>
            TypeIndex.Strip(receiver) is IPropertyReferenceOperation { Property: { Name: "Plugins" } property }
            && property.ContainingType is { Name: "Kernel" } kernel
            && kernel.ContainingNamespace?.ToDisplayString() == "Microsoft.SemanticKernel";

        // `p => p`: each plugin is the sequence of its functions.
        private static bool ReturnsItsParameter(IOperation selector) =>
            SingleReturn(selector) is { } returned
            && TypeIndex.Strip(returned) is IParameterReferenceOperation reference
            && Lambda(selector) is { } lambda
            && lambda.Symbol.Parameters.Length == 1
            && SymbolEqualityComparer.Default.Equals(reference.Parameter, lambda.Symbol.Parameters[0]);

        // `f => switch is null || ...` / `f => switch == null || ...`: with the switch null every function passes; and
        // `f => isOwner || ...`: with the flag (a local, parameter, field or property of bool) true, every function passes.
        private static bool MayPassEverything(IOperation predicate)
        {
            if (SingleReturn(predicate) is not { } returned)
            {
                return false;
            }

            var condition = TypeIndex.Strip(returned);
            while (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or)
            {
                if (IsNullTest(TypeIndex.Strip(or.RightOperand)))
                {
                    return true;
                }

                condition = TypeIndex.Strip(or.LeftOperand);
            }

            return IsNullTest(condition);
        }

        private static bool IsNullTest(IOperation? condition) => condition switch
        {
            IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } => IsNull(constant),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals => IsNull(equals.RightOperand) || IsNull(equals.LeftOperand),
            ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                => condition.Type?.SpecialType == SpecialType.System_Boolean,
            _ => false,
        };

        private static bool IsNull(IOperation operand) => TypeIndex.Strip(operand) is { ConstantValue: { HasValue: true, Value: null } };

        private static IAnonymousFunctionOperation? Lambda(IOperation argument) =>
            TypeIndex.Strip(argument) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? lambda : null;

        private static IOperation? SingleReturn(IOperation argument) =>
            Lambda(argument) is { Body.Operations: { Length: >= 1 } operations } && operations[0] is IReturnOperation { ReturnedValue: { } value }
                ? value
                : null;
    }
}
