using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Connectivity probes sent through the app's own wrapper (review48 FP-1: a settings page's "test" button calling
    /// <c>IChatService.TestCompletionAsync("You are a test assistant...", "Respond with only 'OK'.")</c>, whose one
    /// implementation makes a plain <c>GetResponseAsync</c> call and returns its text). <see cref="ProbeRequests"/> exempts
    /// a probe only at a direct SDK call, because a project method may act whatever happens to the answer. PromptFlow
    /// already follows the constant through this wrapper's parameter (to its implementations, through
    /// <see cref="AbstractImplementations"/> for a contract), so the wrapper's body can be judged: a call of it is a probe
    /// when every body that can run makes exactly one plain SDK chat request (<see cref="ProbeRequests.IsPlainSdkCall"/>),
    /// found by the same slot recognition that found the prompt, built only from its parameters and constants (no tool,
    /// no field of its own), returns that answer or a plain projection of it (<c>.Text</c>, <c>?.Content</c>,
    /// <c>.Messages[0].Text</c>) or a constant, and does nothing else but log; and when the call site passes only
    /// constants and keeps nothing of the answer but a test (<see cref="ProbeRequests.IsConstantCallWithTestedAnswer"/>,
    /// as for a direct call).
    /// </summary>
    internal sealed class WrapperProbes
    {
        /// <summary>How many locals an answer is followed through to a return.</summary>
        private const int MaxDepth = 3;

        private readonly Compilation compilation;
        private readonly KnownPromptSymbols symbols;

        /// <summary>Per method of this compilation: whether its body is one plain chat call whose answer it returns.</summary>
        private readonly ConcurrentDictionary<IMethodSymbol, bool> plainWrappers = new(SymbolEqualityComparer.Default);

        public WrapperProbes(Compilation compilation, KnownPromptSymbols symbols)
        {
            this.compilation = compilation;
            this.symbols = symbols;
        }

        /// <summary>
        /// Whether <paramref name="argument"/> (a value <see cref="CallSiteIndex"/> recorded for a wrapper's parameter) is
        /// passed in a probe through a plain wrapper, so the text in it is not a prompt.
        /// </summary>
        public bool IsPassedToProbe(IOperation argument, CancellationToken cancellationToken)
        {
            if (!(argument.Parent is IArgumentOperation { Parent: IInvocationOperation call })
                || !ProbeRequests.IsConstantCallWithTestedAnswer(call)
                || Bodies(call.TargetMethod.OriginalDefinition, cancellationToken) is not { Count: > 0 } bodies)
            {
                return false;
            }

            foreach (var implementation in bodies)
            {
                if (!plainWrappers.GetOrAdd(implementation, method => IsPlainChatWrapper(method, cancellationToken)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The methods a call may run: every implementation of an interface or abstract method (all known, as prompt
        /// following requires), or the method itself when nothing can override it.
        /// </summary>
        private List<IMethodSymbol>? Bodies(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return AbstractImplementations.Find(method, compilation, cancellationToken);
            }

            return method.MethodKind == MethodKind.Ordinary && !method.IsVirtual && !method.IsOverride && !method.IsExtern
                && SourceBodies.IsInSource(method, compilation)
                ? new List<IMethodSymbol> { method }
                : null;
        }

        private bool IsPlainChatWrapper(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.IsAsync && method.ReturnsVoid)
            {
                return false;
            }

            IOperation? body = null;
            foreach (var found in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                if (body != null)
                {
                    return false;
                }

                body = found;
            }

            // Code that does not bind (half-typed) is not judged a probe.
            if (body == null || body.Syntax.ContainsDiagnostics || !(TheRequest(method, body) is { } request))
            {
                return false;
            }

            foreach (var operation in body.Descendants())
            {
                if (!IsHarmless(operation, request, body))
                {
                    return false;
                }
            }

            foreach (var returned in SourceBodies.ReturnedValues(method, compilation, cancellationToken))
            {
                if (!IsAnswerOrConstant(returned, request, body, 0))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The one SDK request the body sends its slots with (every slot the prompt recognition finds in the body goes
        /// into it), when it is a plain chat call built only from parameters and constants; else null.
        /// </summary>
        private IInvocationOperation? TheRequest(IMethodSymbol method, IOperation body)
        {
            IInvocationOperation? request = null;
            var slots = new List<PromptSlot>();
            foreach (var operation in body.Descendants())
            {
                if (!(operation is IObjectCreationOperation || operation is IInvocationOperation || operation is ISimpleAssignmentOperation))
                {
                    continue;
                }

                slots.Clear();
                symbols.FindSlotValues(operation, slots);
                if (slots.Count == 0)
                {
                    continue;
                }

                var taking = slots[0].IsSingleTurn ? operation as IInvocationOperation : ProbeRequests.RequestTaking(operation);
                if (taking == null || (request != null && taking != request))
                {
                    return null;
                }

                request = taking;
            }

            return request != null && ProbeRequests.IsPlainSdkCall(request) && ProbeRequests.RequestArgumentsAre(request, body, method)
                ? request
                : null;
        }

        /// <summary>
        /// What the body may do beside the request: compute locals, create SDK objects, test, branch, throw and log. Any
        /// other call (a project method, a store, a second request), a write to a field, property or array, an await of
        /// anything else, or a lambda (a callback that may act) makes the wrapper more than a plain call.
        /// </summary>
        private bool IsHarmless(IOperation operation, IInvocationOperation request, IOperation body)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    return invocation == request
                        || invocation.IsImplicit // a collection initializer's Add
                        || (invocation.TargetMethod.Name == "ConfigureAwait" && invocation.Instance == request)
                        || (invocation.TargetMethod.IsStatic && invocation.TargetMethod.Name.StartsWith("Create", System.StringComparison.Ordinal)
                            && !SourceBodies.IsInSource(invocation.TargetMethod, compilation) && IsInRequest(invocation, request, body, 0))
                        || IsLogging(invocation.TargetMethod)
                        || IsPureCheck(invocation.TargetMethod);
                case IObjectCreationOperation creation:
                    // An SDK message or options object; a project type's constructor may act.
                    return creation.Constructor == null || !SourceBodies.IsInSource(creation.Constructor, compilation);
                case ISimpleAssignmentOperation assignment:
                    return IsLocalOrInitializedMember(assignment.Target);
                case ICompoundAssignmentOperation compound:
                    return IsLocalOrInitializedMember(compound.Target);
                case ICoalesceAssignmentOperation coalesce:
                    return IsLocalOrInitializedMember(coalesce.Target);
                case IIncrementOrDecrementOperation increment:
                    return IsLocalOrInitializedMember(increment.Target);
                case IAwaitOperation await:
                    var awaited = await.Operation;
                    return awaited == request || (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance == request);
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                case IDeconstructionAssignmentOperation:
                case IEventAssignmentOperation:
                case IRaiseEventOperation:
                case IDynamicInvocationOperation:
                case IDynamicMemberReferenceOperation:
                case IInvalidOperation:
                    return false;
                default:
                    return true;
            }
        }

        /// <summary>
        /// Whether <paramref name="operation"/> is part of the request: inside its arguments, or inside a local it reads
        /// (<c>var messages = new List&lt;ChatMessage&gt; { ChatMessage.CreateUserMessage(user) }</c>).
        /// </summary>
        private static bool IsInRequest(IOperation operation, IInvocationOperation request, IOperation body, int depth)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current == request)
                {
                    return true;
                }

                if (current is IVariableDeclaratorOperation declarator)
                {
                    if (depth >= MaxDepth)
                    {
                        return false;
                    }

                    foreach (var read in body.Descendants())
                    {
                        if (read is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                            && IsInRequest(reference, request, body, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }

            return false;
        }

        private static bool IsLocalOrInitializedMember(IOperation target) =>
            target is ILocalReferenceOperation
            || (target is IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } });

        /// <summary><c>logger.LogDebug(...)</c>: an observation of the call, not an action on its answer.</summary>
        private static bool IsLogging(IMethodSymbol method) =>
            method.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Logging";

        /// <summary>
        /// A string's own methods (<c>string.IsNullOrWhiteSpace(systemPrompt)</c>, <c>text.Trim()</c>) and argument
        /// guards (<c>ArgumentException.ThrowIfNullOrWhiteSpace(userPrompt)</c>): they compute or throw, and act on nothing.
        /// What the wrapper returns is judged apart, so a trimmed answer is still not a plain projection of it.
        /// </summary>
        private static bool IsPureCheck(IMethodSymbol method) =>
            method.ContainingType?.SpecialType == SpecialType.System_String
            || (method.IsStatic && method.Name.StartsWith("ThrowIf", System.StringComparison.Ordinal)
                && method.ContainingNamespace?.ToDisplayString() == "System"
                && (method.ContainingType?.Name == "ArgumentException" || method.ContainingType?.Name == "ArgumentNullException"));

        private static bool IsConstant(IOperation value)
        {
            value = KnownPromptSymbols.Unwrap(value);
            return value.ConstantValue.HasValue || value is IDefaultValueOperation;
        }

        /// <summary>The answer, a constant, or a choice between them (<c>ok ? response.Text : null</c>, <c>r?.Text ?? ""</c>).</summary>
        private static bool IsAnswerOrConstant(IOperation value, IInvocationOperation request, IOperation body, int depth)
        {
            value = KnownPromptSymbols.Unwrap(value);
            return value switch
            {
                _ when IsConstant(value) => true,
                IConditionalOperation { WhenFalse: { } whenFalse } choice when depth < MaxDepth =>
                    IsAnswerOrConstant(choice.WhenTrue, request, body, depth + 1) && IsAnswerOrConstant(whenFalse, request, body, depth + 1),
                ICoalesceOperation coalesce when depth < MaxDepth =>
                    IsAnswerOrConstant(coalesce.Value, request, body, depth + 1) && IsAnswerOrConstant(coalesce.WhenNull, request, body, depth + 1),
                _ => IsAnswer(value, request, body, depth),
            };
        }

        /// <summary>
        /// The request's answer: the call itself (a task handed back), its awaited result, a local holding one, or a
        /// plain projection of one (members, constant indexes and <c>?.</c> reads: <c>response.Text</c>, <c>r?.Content</c>).
        /// </summary>
        private static bool IsAnswer(IOperation value, IInvocationOperation request, IOperation body, int depth)
        {
            var current = value;
            while (true)
            {
                switch (current)
                {
                    case IConversionOperation conversion:
                        current = conversion.Operand;
                        continue;
                    case IPropertyReferenceOperation { Instance: { } instance } property when ProbeRequests.ConstantArguments(property):
                        current = instance;
                        continue;
                    case IFieldReferenceOperation { Instance: { } instance }:
                        current = instance;
                        continue;
                    case IConditionalAccessOperation access when ProbeRequests.OnlyMembers(access.WhenNotNull):
                        current = access.Operation;
                        continue;
                    case IAwaitOperation await:
                        current = await.Operation;
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured }:
                        current = configured;
                        continue;
                    case IInvocationOperation invocation:
                        return invocation == request;
                    case ILocalReferenceOperation local:
                        return depth < MaxDepth
                            && !IsAssigned(local.Local, body)
                            && ProbeRequests.LocalInitializer(local.Local, body) is { } initializer
                            && IsAnswer(initializer, request, body, depth + 1);
                    default:
                        return false;
                }
            }
        }

        private static bool IsAssigned(ILocalSymbol local, IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is IAssignmentOperation { Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
