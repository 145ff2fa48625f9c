using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Changes to a call's inputs made by code of the project the loop calls rather than inline: a method handed an
    /// input, a method of the object whose members the request reads, and a local function that captures an input
    /// (see <see cref="Inputs.HandedToOtherCode"/>).
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        private sealed partial class Inputs
        {
            /// <summary>How many calls deep the project's own code is followed from the loop.</summary>
            private const int MaxHandOnDepth = 2;

            /// <summary>
            /// An input changed, in the loop, by code of the project: an input object handed to a project method that may
            /// change it (<c>await RunToolsAsync(response, messages); continue;</c> in a tool loop appends the tool results,
            /// so the next pass sends a longer conversation); a method called on <c>this</c> or on an input object whose body
            /// writes a member the request reads (<c>await RewritePromptAsync();</c> assigning the <c>_messages</c> field that
            /// <c>ExecuteAsync()</c> copies into the request, <c>conv.TrimOldest();</c> removing from <c>conv.Messages</c>); or a
            /// local function that changes an input it captures (<c>void Trim() =&gt; history.RemoveRange(1, 2);</c>). Calls
            /// judged as appends already (<c>messages.AddMessages(r)</c>) are left to <see cref="ChangedIn"/>, and the call
            /// itself is not counted. SDK and BCL methods are not followed (they do not add to the caller's request).
            /// </summary>
            public bool HandedToOtherCode(IEnumerable<IOperation> operations, IOperation call)
            {
                var followed = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                foreach (var operation in operations)
                {
                    if (operation is IInvocationOperation other && other != call && !call.Syntax.Span.Contains(other.Syntax.Span)
                        && !IsMutation(other) && MayChangeInputs(other, 0, followed))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>One call of the kinds <see cref="HandedToOtherCode"/> follows (lambdas: <see cref="LambdasMayChangeInputs"/>).</summary>
            private bool MayChangeInputs(IInvocationOperation invocation, int depth, HashSet<IMethodSymbol> followed)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter
                        && ReadSymbol(ValueOrigins.Unwrap(argument.Value)) is { } passed
                        && Symbols.Contains(passed.OriginalDefinition)
                        && IsMutableObject(ValueOrigins.Unwrap(argument.Value).Type)
                        && ProjectMethodMayChange(invocation.TargetMethod, parameter.Ordinal, depth))
                    {
                        return true;
                    }
                }

                // `trim();` of `Action trim = () => history.RemoveAt(1);`, `history.ForEach(m => m.Contents.Clear())`.
                if (LambdasMayChangeInputs(invocation, depth, followed))
                {
                    return true;
                }

                var method = invocation.TargetMethod.OriginalDefinition;
                if (depth > MaxHandOnDepth || !SourceBodies.IsInSource(method, compilation))
                {
                    return false;
                }

                if (method.MethodKind == MethodKind.LocalFunction)
                {
                    return followed.Add(method) && LocalFunctionChangesInputs(method, depth, followed);
                }

                // Only this object's members or those of an input object: the same method of another instance
                // (`_other.AddHint()`) changes that instance, not the request.
                var onInputObject = invocation.Instance is { } instance
                    && (ValueOrigins.Unwrap(instance) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                        || (ReadSymbol(ValueOrigins.Unwrap(instance)) is { } receiver && Symbols.Contains(receiver.OriginalDefinition)
                            && IsMutableObject(ValueOrigins.Unwrap(instance).Type)));
                var ownStatic = invocation.Instance is null && method.IsStatic && !method.IsExtensionMethod;
                return (onInputObject || ownStatic) && followed.Add(method) && OwnMethodChangesInputs(method, depth, followed);
            }

            /// <summary>
            /// A method whose body, or a method of the same object it calls, writes, appends to or hands to a changing
            /// project method a member of its object (or a static member) that the request reads. A member the request
            /// does not read (a failure counter) is no change to it.
            /// </summary>
            private bool OwnMethodChangesInputs(IMethodSymbol method, int depth, HashSet<IMethodSymbol> followed) =>
                BodyChanges(
                    method,
                    WritesOwnMember,
                    nested => MutatesOwnMember(nested) || OwnMemberHandedOn(nested, depth)
                        || (nested.Instance is null or IInstanceReferenceOperation && MayChangeInputs(nested, depth + 1, followed)));

            /// <summary>
            /// A local function whose body changes an input it captures, as the same code inline in the loop would
            /// (without the on-the-way-out exemption: its body ending is not the loop's), or calls code that does.
            /// </summary>
            private bool LocalFunctionChangesInputs(IMethodSymbol function, int depth, HashSet<IMethodSymbol> followed) =>
                BodyChanges(
                    function,
                    target => WritesCaptured(target, function),
                    nested => (IsMutation(nested) && ValueOrigins.Receiver(nested) is { } receiver && WritesCaptured(receiver, function))
                        || MayChangeInputs(nested, depth + 1, followed));

            /// <summary>
            /// Whether a body of <paramref name="method"/> assigns, increments or passes by reference a target
            /// <paramref name="writes"/> accepts, or makes a call <paramref name="changingCall"/> accepts: the one walk both
            /// kinds of followed code (a method of the object, a local function) share, each with its own idea of what
            /// a write to the request is.
            /// </summary>
            private bool BodyChanges(IMethodSymbol method, System.Func<IOperation, bool> writes, System.Func<IInvocationOperation, bool> changingCall)
            {
                foreach (var body in SourceBodies.GetBodies(method, compilation, System.Threading.CancellationToken.None))
                {
                    foreach (var operation in body.Descendants())
                    {
                        var changes = operation switch
                        {
                            IAssignmentOperation assignment => writes(assignment.Target),
                            IIncrementOrDecrementOperation increment => writes(increment.Target),
                            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef => writes(byRef.Value),
                            IInvocationOperation nested => changingCall(nested),
                            _ => false,
                        };
                        if (changes)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>
            /// A write to an input the local function captures: not to its own locals and parameters (<c>clone.Content =
            /// ...</c> in a copy helper writes the new object, though the request reads a member of that name).
            /// </summary>
            private bool WritesCaptured(IOperation target, IMethodSymbol function)
            {
                var root = ValueOrigins.Unwrap(target);
                for (var depth = 0; depth < MaxExpansion; depth++)
                {
                    var next = root switch
                    {
                        IMemberReferenceOperation { Instance: { } instance } => instance,
                        IArrayElementReferenceOperation element => element.ArrayReference,
                        _ => null,
                    };
                    if (next is null)
                    {
                        break;
                    }

                    root = ValueOrigins.Unwrap(next);
                }

                var owner = root switch
                {
                    ILocalReferenceOperation local => local.Local.ContainingSymbol,
                    IParameterReferenceOperation parameter => parameter.Parameter.ContainingSymbol,
                    _ => null,
                };
                return !SymbolEqualityComparer.Default.Equals(owner?.OriginalDefinition, function) && WritesInput(target);
            }

            /// <summary><c>Messages.RemoveAt(1)</c>, <c>_messages.Add(...)</c> on a collection member of the object the request reads.</summary>
            private bool MutatesOwnMember(IInvocationOperation invocation) =>
                IsAppendName(invocation.TargetMethod.Name)
                && ValueOrigins.Receiver(invocation) is { } receiver
                && IsCollectionOrBuilder(receiver.Type)
                && WritesOwnMember(receiver);

            /// <summary><c>Sanitize(_messages)</c>: a member the request reads handed to a project method that changes it.</summary>
            private bool OwnMemberHandedOn(IInvocationOperation invocation, int depth)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter
                        && ValueOrigins.Unwrap(argument.Value) is IMemberReferenceOperation member
                        && IsMutableObject(member.Type)
                        && WritesOwnMember(member)
                        && ProjectMethodMayChange(invocation.TargetMethod, parameter.Ordinal, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A member chain (<c>_messages</c>, <c>this.Options.Model</c>, <c>Messages[0]</c>) starting at this object or at
            /// a static member, with a member on it that the request reads.
            /// </summary>
            private bool WritesOwnMember(IOperation target)
            {
                var touched = false;
                for (var current = ValueOrigins.Unwrap(target); current is not null;)
                {
                    switch (current)
                    {
                        case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                            return touched;
                        case IMemberReferenceOperation member:
                            touched |= Referenced(member) is { } symbol && Symbols.Contains(symbol);
                            if (member.Instance is null)
                            {
                                return touched;
                            }

                            current = ValueOrigins.Unwrap(member.Instance);
                            break;
                        case IArrayElementReferenceOperation element:
                            current = ValueOrigins.Unwrap(element.ArrayReference);
                            break;
                        default:
                            return false;
                    }
                }

                return false;
            }

            /// <summary>
            /// A method of the project whose body appends to, assigns a member of, or hands on to another such method, its
            /// parameter <paramref name="ordinal"/>.
            /// </summary>
            private bool ProjectMethodMayChange(IMethodSymbol method, int ordinal, int depth)
            {
                method = (method.ReducedFrom ?? method).OriginalDefinition;
                if (depth > MaxHandOnDepth || !SourceBodies.IsInSource(method, compilation) || ordinal >= method.Parameters.Length)
                {
                    return false;
                }

                var parameter = method.Parameters[ordinal];
                foreach (var body in SourceBodies.GetBodies(method, compilation, System.Threading.CancellationToken.None))
                {
                    foreach (var reference in body.Descendants().OfType<IParameterReferenceOperation>())
                    {
                        if (!SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter))
                        {
                            continue;
                        }

                        var user = reference.Parent is IConversionOperation conversion ? conversion.Parent : reference.Parent;
                        switch (user)
                        {
                            case IInvocationOperation invocation when ReferenceEquals(ValueOrigins.Receiver(invocation) is { } receiver ? ValueOrigins.Unwrap(receiver) : null, reference)
                                && IsAppendName(invocation.TargetMethod.Name):
                                return true;
                            case IMemberReferenceOperation member when member.Parent is IAssignmentOperation assignment && assignment.Target == member:
                                return true;
                            case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation extension }
                                when extension.TargetMethod.IsExtensionMethod && IsAppendName(extension.TargetMethod.Name):
                                return true; // messages.AddMessages(response)
                            case IArgumentOperation { Parameter: { } next, Parent: IInvocationOperation passedOn }
                                when ProjectMethodMayChange(passedOn.TargetMethod, next.Ordinal, depth + 1):
                                return true;
                        }
                    }
                }

                return false;
            }
        }
    }
}
