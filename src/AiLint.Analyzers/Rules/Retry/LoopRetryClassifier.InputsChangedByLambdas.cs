using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Changes to a call's inputs made through a lambda rather than inline or through a method: a delegate local called
    /// in the loop (<c>Action trim = () =&gt; history.RemoveAt(1); ... trim();</c>, <c>await shrink();</c> of an async
    /// lambda assigning the prompt), or a lambda handed to a method (<c>history.ForEach(m =&gt; m.Contents.Clear())</c>,
    /// <c>copy.ForEach(m =&gt; history.Remove(m))</c>). Such a loop sends a different request on its next pass: a
    /// reformulation, not a retry (see <see cref="Inputs.HandedToOtherCode"/>).
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        private sealed partial class Inputs
        {
            /// <summary>
            /// A call that runs a lambda which changes an input: a delegate local whose assigned lambda (or local function
            /// or method of this object, as a method group) changes a captured input or a mutable input handed to it, or a
            /// lambda argument that does. On a call whose receiver is an input (<c>history.ForEach(...)</c>), a lambda that
            /// writes through its own parameter changes the input's elements too. A lambda that holds the call itself (a
            /// pipeline's callback) is the attempt, not a change made between attempts.
            /// </summary>
            private bool LambdasMayChangeInputs(IInvocationOperation invocation, int depth, HashSet<IMethodSymbol> followed)
            {
                if (depth > MaxHandOnDepth)
                {
                    return false;
                }

                var receiver = ValueOrigins.Receiver(invocation) is { } r ? ValueOrigins.Unwrap(r) : null;
                var elementsAreInputs = receiver is not null && ReadSymbol(receiver) is { } read
                    && Symbols.Contains(read.OriginalDefinition) && IsMutableObject(receiver.Type);
                foreach (var argument in invocation.Arguments)
                {
                    if (Lambda(argument.Value) is { } lambda && !HoldsTheCall(lambda)
                        && LambdaChangesInputs(lambda, depth, followed, elementsAreInputs ? (IEnumerable<IParameterSymbol>)lambda.Symbol.Parameters : Enumerable.Empty<IParameterSymbol>()))
                    {
                        return true;
                    }
                }

                if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke || DelegateLocal(invocation) is not { } local)
                {
                    return false;
                }

                foreach (var value in DelegateValues(local, invocation))
                {
                    if (DelegateChangesInputs(value, invocation, depth, followed))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>One value given to the delegate local: a lambda, or a method group of the project.</summary>
            private bool DelegateChangesInputs(IOperation value, IInvocationOperation invocation, int depth, HashSet<IMethodSymbol> followed)
            {
                if (Lambda(value) is { } lambda)
                {
                    // `Action<List<ChatMessage>> trim = h => h.RemoveAt(1); trim(history);`: the parameters handed an input.
                    var handedInputs = invocation.Arguments
                        .Where(a => a.Parameter is { } p && p.Ordinal < lambda.Symbol.Parameters.Length && PassesInput(a))
                        .Select(a => lambda.Symbol.Parameters[a.Parameter!.Ordinal]);
                    return !HoldsTheCall(lambda) && LambdaChangesInputs(lambda, depth, followed, handedInputs);
                }

                if (DelegateTarget(value) is not IMethodReferenceOperation reference
                    || !SourceBodies.IsInSource(reference.Method.OriginalDefinition, compilation))
                {
                    return false;
                }

                var method = reference.Method.OriginalDefinition;
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter && PassesInput(argument) && ProjectMethodMayChange(method, parameter.Ordinal, depth))
                    {
                        return true;
                    }
                }

                if (method.MethodKind == MethodKind.LocalFunction)
                {
                    return followed.Add(method) && LocalFunctionChangesInputs(method, depth, followed);
                }

                var ownMethod = method.IsStatic
                    || (reference.Instance is { } instance && ValueOrigins.Unwrap(instance) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance });
                return ownMethod && followed.Add(method) && OwnMethodChangesInputs(method, depth, followed);
            }

            /// <summary>
            /// Whether the lambda's body changes an input it captures (as a local function's would), or writes through
            /// one of <paramref name="inputParameters"/>, the parameters that receive an input or its elements.
            /// </summary>
            private bool LambdaChangesInputs(IAnonymousFunctionOperation lambda, int depth, HashSet<IMethodSymbol> followed, IEnumerable<IParameterSymbol> inputParameters)
            {
                var function = lambda.Symbol;
                if (!followed.Add(function))
                {
                    return false;
                }

                var parameters = new HashSet<IParameterSymbol>(inputParameters, SymbolEqualityComparer.Default);
                foreach (var operation in lambda.Body.Descendants())
                {
                    var changes = operation switch
                    {
                        IAssignmentOperation assignment => WritesCaptured(assignment.Target, function) || WritesThrough(assignment.Target, parameters, wholeObject: false),
                        IIncrementOrDecrementOperation increment => WritesCaptured(increment.Target, function) || WritesThrough(increment.Target, parameters, wholeObject: false),
                        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef => WritesCaptured(byRef.Value, function),
                        IInvocationOperation nested => (IsMutation(nested) && ValueOrigins.Receiver(nested) is { } captured && WritesCaptured(captured, function))
                            || (IsAppendName(nested.TargetMethod.Name) && ValueOrigins.Receiver(nested) is { } own && IsCollectionOrBuilder(own.Type)
                                && WritesThrough(own, parameters, wholeObject: true))
                            || MayChangeInputs(nested, depth + 1, followed),
                        _ => false,
                    };
                    if (changes)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A target rooted at one of <paramref name="parameters"/>: through a member or element (<c>m.AuthorName =
            /// ...</c>, <c>m.Contents.Clear()</c>), or the parameter's own object for an append (<c>h.RemoveAt(1)</c>) when
            /// <paramref name="wholeObject"/>. Assigning the parameter itself changes nothing outside the lambda.
            /// </summary>
            private static bool WritesThrough(IOperation target, HashSet<IParameterSymbol> parameters, bool wholeObject)
            {
                if (parameters.Count == 0)
                {
                    return false;
                }

                var throughMember = false;
                var current = ValueOrigins.Unwrap(target);
                for (var depth = 0; depth < MaxExpansion; depth++)
                {
                    switch (current)
                    {
                        case IParameterReferenceOperation parameter:
                            return (throughMember || wholeObject) && parameters.Contains(parameter.Parameter);
                        case IMemberReferenceOperation { Instance: { } instance }:
                            current = ValueOrigins.Unwrap(instance);
                            throughMember = true;
                            break;
                        case IArrayElementReferenceOperation element:
                            current = ValueOrigins.Unwrap(element.ArrayReference);
                            throughMember = true;
                            break;
                        default:
                            return false;
                    }
                }

                return false;
            }

            /// <summary>An argument that is one of the call's inputs and an object a callee could change.</summary>
            private bool PassesInput(IArgumentOperation argument) =>
                ReadSymbol(ValueOrigins.Unwrap(argument.Value)) is { } passed
                && Symbols.Contains(passed.OriginalDefinition)
                && IsMutableObject(ValueOrigins.Unwrap(argument.Value).Type);

            /// <summary>A lambda that contains the call the loop repeats: running it is the attempt itself.</summary>
            private bool HoldsTheCall(IAnonymousFunctionOperation lambda) =>
                lambda.Syntax.SpanStart < callEnd && lambda.Syntax.Span.End >= callEnd;

            /// <summary>The local a delegate invocation calls: <c>trim()</c>, <c>trim.Invoke()</c>, <c>trim?.Invoke()</c>.</summary>
            private static ILocalSymbol? DelegateLocal(IInvocationOperation invocation)
            {
                var instance = invocation.Instance is { } held ? ValueOrigins.Unwrap(held) : null;
                if (instance is IConditionalAccessInstanceOperation)
                {
                    for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IConditionalAccessOperation access)
                        {
                            instance = ValueOrigins.Unwrap(access.Operation);
                            break;
                        }
                    }
                }

                return (instance as ILocalReferenceOperation)?.Local;
            }

            /// <summary>The values the method gives the delegate local: its initializer and every assignment to it.</summary>
            private static IEnumerable<IOperation> DelegateValues(ILocalSymbol local, IOperation from)
            {
                var root = from;
                while (root.Parent is { } parent)
                {
                    root = parent;
                }

                foreach (var operation in root.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                            && declarator.GetVariableInitializer() is { } initializer:
                            yield return initializer.Value;
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                            when SymbolEqualityComparer.Default.Equals(target.Local, local):
                            yield return assignment.Value;
                            break;
                    }
                }
            }

            private static IAnonymousFunctionOperation? Lambda(IOperation value) => DelegateTarget(value) as IAnonymousFunctionOperation;

            /// <summary>What a delegate value runs: the lambda or method group inside its conversions and delegate creation.</summary>
            private static IOperation DelegateTarget(IOperation value)
            {
                var unwrapped = ValueOrigins.Unwrap(value);
                return unwrapped is IDelegateCreationOperation creation ? ValueOrigins.Unwrap(creation.Target) : unwrapped;
            }
        }
    }
}
