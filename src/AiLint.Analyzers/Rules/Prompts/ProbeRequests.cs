using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Connectivity probes: a settings page's "test connection" request (<c>new SystemChatMessage("You are a helpful
    /// assistant.")</c>, <c>new UserChatMessage("Say 'connected' if you can read this.")</c>, the answer only checked for
    /// being non-empty). Every part of the request is constant and the app only tests the answer for null, empty, a count
    /// or success (or ignores it), so the app keeps nothing of what the model says: its system text is not a prompt
    /// anyone writes eval cases for. The same idea as AIL0001's warm-up/probe (<c>Retry/WarmUpProbes.cs</c>), widened
    /// to a request held in locals and an answer that is tested rather than dropped; that helper is not shared because
    /// it rejects a collection initializer's <c>Add</c> calls and a read answer, which Retry relies on.
    /// </summary>
    internal static class ProbeRequests
    {
        /// <summary>How many locals deep an argument's constant value is followed.</summary>
        private const int MaxDepth = 3;

        /// <summary>
        /// Whether <paramref name="operation"/> (the message creation, assignment or single-turn request FindSlotValues
        /// read its slots from) belongs to a probe request.
        /// </summary>
        public static bool IsInProbe(IOperation operation, bool isSingleTurn)
        {
            var request = isSingleTurn ? operation as IInvocationOperation : RequestTaking(operation);
            return request != null && IsProbe(request);
        }

        private static bool IsProbe(IInvocationOperation request) =>
            IsPlainSdkCall(request) && IsConstantCallWithTestedAnswer(request);

        /// <summary>
        /// A plain chat call of an SDK: a Semantic Kernel function, an agent run or a project method may act (run tools,
        /// store, send) whatever happens to the answer. A project wrapper is judged by its body (<see cref="WrapperProbes"/>).
        /// </summary>
        internal static bool IsPlainSdkCall(IInvocationOperation request)
        {
            var method = request.TargetMethod;
            return !method.ReturnsVoid && method.DeclaringSyntaxReferences.IsEmpty && !MayAct(method);
        }

        /// <summary>
        /// Whether every part of the request <paramref name="call"/> sends is constant and the app keeps nothing of its
        /// answer: the call-site half of a probe, for an SDK call and for a call of a wrapper that is one.
        /// </summary>
        internal static bool IsConstantCallWithTestedAnswer(IInvocationOperation call) =>
            Root(call) is { } root && RequestArgumentsAre(call, root, parametersOf: null) && AnswerOnlyTested(call, root);

        /// <summary>
        /// Whether every argument of <paramref name="call"/> that is part of the request is built from constants (and,
        /// when <paramref name="parametersOf"/> is given, from that wrapper's own parameters: its request is whatever its
        /// caller passes, judged at the caller; a captured primary-constructor parameter is not one of them).
        /// </summary>
        internal static bool RequestArgumentsAre(IInvocationOperation call, IOperation root, IMethodSymbol? parametersOf)
        {
            var method = call.TargetMethod;
            foreach (var argument in call.Arguments)
            {
                // The receiver of an extension (`chat.GetResponseAsync(...)`) and the cancellation token are not the request.
                if (argument.ArgumentKind == ArgumentKind.DefaultValue
                    || (method.IsExtensionMethod && argument.Parameter?.Ordinal == 0)
                    || argument.Value.Type?.ToDisplayString() == "System.Threading.CancellationToken")
                {
                    continue;
                }

                if (!BuiltFromConstants(argument.Value, root, 0, parametersOf))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool MayAct(IMethodSymbol method)
        {
            var ns = method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns.StartsWith("Microsoft.SemanticKernel", System.StringComparison.Ordinal)
                || ns.StartsWith("Microsoft.Agents", System.StringComparison.Ordinal)
                || ns.StartsWith("AutoGen", System.StringComparison.Ordinal);
        }

        /// <summary>The SDK call a message is sent with: written into its argument, or into a local only that call reads.</summary>
        internal static IInvocationOperation? RequestTaking(IOperation message)
        {
            var current = message;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IConversionOperation:
                    case IObjectOrCollectionInitializerOperation:
                    case IObjectCreationOperation:
                    case { Syntax: CollectionExpressionSyntax }: // ICollectionExpressionOperation is newer than the Roslyn compiled against
                    case IArrayInitializerOperation:
                    case IArrayCreationOperation:
                    case IInvocationOperation { IsImplicit: true }:
                    case IArgumentOperation { Parent: IInvocationOperation { IsImplicit: true } }:
                        current = parent;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation request }:
                        return request;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return OnlyReader(declarator.Symbol, Root(parent))?.Parent is IArgumentOperation { Parent: IInvocationOperation reader } ? reader : null;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>The one read of <paramref name="local"/> (conversions around it included), when it is read exactly once.</summary>
        private static IOperation? OnlyReader(ILocalSymbol local, IOperation? root)
        {
            if (root == null)
            {
                return null;
            }

            IOperation? only = null;
            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    if (only != null || reference.IsDeclaration)
                    {
                        return null;
                    }

                    only = reference;
                }
            }

            while (only?.Parent is IConversionOperation conversion)
            {
                only = conversion;
            }

            return only;
        }

        /// <summary>
        /// A constant, or an object, array or collection made only of constants, static members (<c>ChatRole.User</c>),
        /// static factories (<c>ChatMessage.CreateUserMessage("ping")</c>) and locals read only here that hold such a value.
        /// </summary>
        private static bool BuiltFromConstants(IOperation value, IOperation root, int depth, IMethodSymbol? parametersOf)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ILocalReferenceOperation { Local.IsConst: true }:
                        break;
                    case ILocalReferenceOperation local:
                        if (depth >= MaxDepth
                            || OnlyReader(local.Local, root) == null
                            || !(LocalInitializer(local.Local, root) is { } initializer && BuiltFromConstants(initializer, root, depth + 1, parametersOf)))
                        {
                            return false;
                        }

                        break;
                    case IParameterReferenceOperation parameter when parametersOf != null && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, parametersOf):
                        break;
                    // An SDK's static factory (`ChatMessage.CreateUserMessage`); a project's own `CreateOptions()` may add tools.
                    case IInvocationOperation invocation when !invocation.IsImplicit
                        && !(invocation.TargetMethod.IsStatic && invocation.TargetMethod.Name.StartsWith("Create", System.StringComparison.Ordinal)
                            && invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty):
                        return false;
                    case IParameterReferenceOperation:
                    case IAwaitOperation:
                    case IAnonymousFunctionOperation:
                    case IMethodReferenceOperation: // a tool (`AIFunctionFactory.Create(GetWeather)`): the model may act
                    case IDelegateCreationOperation:
                        return false;

                    // `this`, but not the implicit receiver of an object initializer (`new ChatOptions { MaxOutputTokens = 10 }`).
                    case IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ImplicitReceiver }:
                        return false;
                    case IMemberReferenceOperation { Instance: not null } member when member.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                        return false;
                    case IFieldReferenceOperation { Field.IsStatic: true, Field.IsConst: false, Field.IsReadOnly: false }:
                        return false;
                }
            }

            return true;
        }

        /// <summary>The value a local's declaration gives it inside <paramref name="root"/>, null without one.</summary>
        internal static IOperation? LocalInitializer(ILocalSymbol local, IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator.Initializer?.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the app keeps nothing of the answer: the call is a statement, its answer is discarded, or every read
        /// of it only tests it (null, empty, a count, a success flag), directly or through the local it is stored in.
        /// </summary>
        internal static bool AnswerOnlyTested(IInvocationOperation request, IOperation root)
        {
            IOperation current = request;
            while (current.Parent is IAwaitOperation or IConversionOperation
                || current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance == current)
            {
                current = current.Parent!;
            }

            switch (current.Parent)
            {
                case IExpressionStatementOperation:
                case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                    return true;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    foreach (var operation in root.Descendants())
                    {
                        if (operation is ILocalReferenceOperation reference
                            && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                            && !OnlyTested(reference))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return OnlyTested(current);
            }
        }

        /// <summary>
        /// Whether a read of the answer only tests it: <c>response.Value.Content.Count &gt; 0</c>,
        /// <c>!string.IsNullOrEmpty(r.Text)</c>, <c>r?.Text is not null</c>, <c>r.Messages.Any()</c>, a bool member.
        /// An indexer, a method of the answer or any other use (shown, returned, stored, parsed) keeps it.
        /// </summary>
        private static bool OnlyTested(IOperation read)
        {
            var current = read;
            while (true)
            {
                switch (current.Parent)
                {
                    case IConversionOperation conversion:
                        current = conversion;
                        continue;
                    case IPropertyReferenceOperation property when property.Instance == current && ConstantArguments(property):
                        current = property;
                        continue;
                    case IFieldReferenceOperation field when field.Instance == current:
                        current = field;
                        continue;
                    case IConditionalAccessOperation access when access.Operation == current && OnlyMembers(access.WhenNotNull):
                        current = access;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation invocation }:
                        var method = invocation.TargetMethod;
                        if (method.IsStatic && method.ContainingType?.SpecialType == SpecialType.System_String
                            && (method.Name == "IsNullOrEmpty" || method.Name == "IsNullOrWhiteSpace"))
                        {
                            return true;
                        }

                        if (method.IsExtensionMethod && invocation.Arguments.Length == 1 && method.ContainingNamespace?.ToDisplayString() == "System.Linq")
                        {
                            if (method.Name == "Any")
                            {
                                return true;
                            }

                            if (method.Name == "Count")
                            {
                                current = invocation;
                                continue;
                            }
                        }

                        return false;
                    case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                        var other = binary.LeftOperand == current ? binary.RightOperand : binary.LeftOperand;
                        while (other is IConversionOperation lifted)
                        {
                            other = lifted.Operand; // `answer?.Length > 0` compares with the constant lifted to int?
                        }

                        return other.ConstantValue.HasValue;
                    case IIsPatternOperation pattern:
                        return !Captures(pattern.Pattern);
                    default:
                        // A success flag read off the answer (`result.IsSuccess`, `response.HasValue`) is itself the test.
                        return current != read && current.Type?.SpecialType == SpecialType.System_Boolean && current is IMemberReferenceOperation;
                }
            }
        }

        /// <summary>A member or a constant index into it (<c>Content[0]</c>): still the answer, not a use of it.</summary>
        internal static bool ConstantArguments(IPropertyReferenceOperation property)
        {
            foreach (var argument in property.Arguments)
            {
                if (!argument.Value.ConstantValue.HasValue)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsComparison(BinaryOperatorKind kind) =>
            kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual;

        /// <summary>A pattern that binds part of the answer to a variable (<c>is { Text: var text }</c>) keeps it.</summary>
        private static bool Captures(IPatternOperation pattern)
        {
            foreach (var operation in pattern.DescendantsAndSelf())
            {
                if (operation is IDeclarationPatternOperation { DeclaredSymbol: not null } || operation is IRecursivePatternOperation { DeclaredSymbol: not null })
                {
                    return true;
                }
            }

            return false;
        }

        internal static bool OnlyMembers(IOperation whenNotNull)
        {
            foreach (var operation in whenNotNull.DescendantsAndSelf())
            {
                if (!(operation is IPropertyReferenceOperation { Arguments.IsEmpty: true } || operation is IFieldReferenceOperation
                    || operation is IConditionalAccessInstanceOperation || operation is IConditionalAccessOperation || operation is IConversionOperation))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The body the operation is in (the outermost operation above it).</summary>
        internal static IOperation? Root(IOperation operation)
        {
            var root = operation;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            return root == operation ? null : root;
        }
    }
}
