using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The second test of <see cref="LoopRetryClassifier.RetriesCall"/>: the inputs stay the same. What the call reads
    /// (<see cref="Inputs.Collect"/>) and whether the loop changes it (<see cref="Inputs.ChangedIn"/>); where the values
    /// of its locals come from is in <c>LoopRetryClassifier.InputSources.cs</c>.
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>The call's inputs when the loop leaves them all as they were (see <see cref="Inputs"/>); null otherwise.</summary>
        private static Inputs? UnchangedInputs(IOperation call, ILoopOperation loop, Compilation compilation)
        {
            var inputs = new Inputs(loop.Body.Syntax, compilation);
            if (!inputs.Collect(call, loop))
            {
                return null;
            }

            // A foreach hands the call a new element each time round: a batch, a round-robin or a failover.
            if (loop is IForEachLoopOperation forEach && forEach.Locals.Any(inputs.Symbols.Contains))
            {
                return null;
            }

            var scanned = RetryContextFinder.DescendantsInSameFunction(loop.Body);
            scanned = loop switch
            {
                IForLoopOperation forLoop => scanned.Concat(forLoop.AtLoopBottom.SelectMany(RetryContextFinder.DescendantsInSameFunction))
                    .Concat(forLoop.Condition is null ? Enumerable.Empty<IOperation>() : RetryContextFinder.DescendantsInSameFunction(forLoop.Condition)),
                IWhileLoopOperation whileLoop when whileLoop.Condition is not null => scanned.Concat(RetryContextFinder.DescendantsInSameFunction(whileLoop.Condition)),
                _ => scanned,
            };

            // A change in a catch that always returns or throws never reaches a later attempt (LeavingCatches).
            scanned = OutsideLeavingCatches(scanned, loop).ToList();
            return inputs.ChangedIn(scanned, loop, lateChangesRetry: true) || inputs.HandedToOtherCode(scanned, call) ? null : inputs;
        }

        /// <summary>
        /// What a call reads: the symbols of its receiver and arguments, with locals declared inside <c>scope</c>
        /// (the loop body, or the method for recursion) followed to the values assigned to them there.
        /// </summary>
        private sealed partial class Inputs
        {
            private readonly SyntaxNode scope;
            private readonly Compilation compilation;
            private INamedTypeSymbol? keyAttribute;

            public Inputs(SyntaxNode scope, Compilation compilation)
            {
                this.scope = scope;
                this.compilation = compilation;
            }

            public HashSet<ISymbol> Symbols { get; } = new(SymbolEqualityComparer.Default);

            /// <summary>Collects the inputs; false when one of them is new on every pass (a console read, an out variable).</summary>
            public bool Collect(IOperation call, IOperation searchRoot)
            {
                callEnd = call.Syntax.Span.End;
                var roots = new List<IOperation>();
                if (call is IInvocationOperation invocation)
                {
                    if (invocation.Instance is { } instance)
                    {
                        roots.Add(instance);
                    }

                    // A cancellation token is not part of the request: a fresh per-attempt timeout
                    // (`cts = new CancellationTokenSource(timeout)`) still sends the same request again.
                    // Nor is the idempotency key: a key that changes per attempt (`$"{id}-{attempt}"`) is AIL0004's bug,
                    // not a new request.
                    roots.AddRange(invocation.Arguments.Where(a => !IsCancellationToken(a.Value.Type) && !IsKeyValue(a)).Select(a => a.Value));
                }
                else
                {
                    roots.Add(call);
                }

                var pending = new Queue<ILocalSymbol>();
                foreach (var root in roots)
                {
                    // `GetResponseAsync(ReadQuestion())`: as for a local's value below.
                    if (ReadsExternalInput(root))
                    {
                        return false;
                    }

                    Add(root, pending);
                }

                // `return await AskAsync();` where AskAsync builds the request from this object's fields.
                if (call is IInvocationOperation own)
                {
                    AddMembersReadByOwnMethod(own, 0);
                }

                for (var expanded = 0; pending.Count > 0; expanded++)
                {
                    if (expanded > MaxExpansion)
                    {
                        return false;
                    }

                    var local = pending.Dequeue();
                    var sources = SourcesOf(local, searchRoot);
                    if (sources is null)
                    {
                        return false;
                    }

                    foreach (var source in sources)
                    {
                        if (ReadsExternalInput(source))
                        {
                            return false;
                        }

                        Add(source, pending);
                    }
                }

                return true;
            }

            /// <summary>
            /// True when the operations assign, increment or append to one of the inputs carried between passes. A change
            /// made on the way out (see <see cref="OnTheWayOut"/>) is carried to no later pass and does not count.
            /// With <paramref name="lateChangesRetry"/>, a change the loop cannot make on its first two passes
            /// (<see cref="SkippedOnFirstPasses"/>: a fallback model after five same-model attempts) does not count either:
            /// those passes send the same request.
            /// </summary>
            public bool ChangedIn(IEnumerable<IOperation> operations, ILoopOperation? loop = null, bool lateChangesRetry = false)
            {
                foreach (var operation in operations)
                {
                    var changes = operation switch
                    {
                        IAssignmentOperation assignment => WritesInput(assignment.Target) && !OnTheWayOut(assignment, loop),
                        IIncrementOrDecrementOperation increment => WritesInput(increment.Target) && !OnTheWayOut(increment, loop),
                        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef => WritesInput(byRef.Value),
                        IInvocationOperation mutation => IsMutation(mutation) && !OnTheWayOut(mutation, loop),
                        _ => false,
                    };
                    if (changes && !(lateChangesRetry && loop is not null && SkippedOnFirstPasses(operation, loop)))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsAppendName(string name) =>
                name.StartsWith("Add", System.StringComparison.Ordinal) || name.StartsWith("Insert", System.StringComparison.Ordinal)
                || name.StartsWith("Remove", System.StringComparison.Ordinal) || name.StartsWith("Append", System.StringComparison.Ordinal)
                || name is "Clear" or "Push" or "Enqueue";

            /// <summary>
            /// The change is a statement of its own followed, in the same block, only by other input changes and then a
            /// <c>return</c> of a plain value (or nothing) or a <c>break</c> out of the retry loop:
            /// <c>history.AddAssistantMessage(content); return content;</c>. Nothing after it can fail and send the grown
            /// request again, so the pass that made the change is the last one.
            /// </summary>
            private bool OnTheWayOut(IOperation change, ILoopOperation? loop)
            {
                if (change.Parent is not IExpressionStatementOperation statement || statement.Parent is not IBlockOperation block)
                {
                    return false;
                }

                for (var i = block.Operations.IndexOf(statement) + 1; i > 0 && i < block.Operations.Length; i++)
                {
                    switch (block.Operations[i])
                    {
                        case IReturnOperation { Kind: OperationKind.Return } exit:
                            return exit.ReturnedValue is null || IsPlainValue(exit.ReturnedValue);
                        case IBranchOperation { BranchKind: BranchKind.Break } branch:
                            return loop is not null && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel);
                        case IExpressionStatementOperation { Operation: IInvocationOperation next } when IsMutation(next):
                        case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation nextAssignment } when WritesInput(nextAssignment.Target) && IsPlainValue(nextAssignment.Value):
                            continue;
                        default:
                            return false;
                    }
                }

                return false;
            }

            /// <summary>A value read without running code that could fail: a local, parameter, constant, or a member chain of those.</summary>
            private static bool IsPlainValue(IOperation value)
            {
                for (var depth = 0; depth < 8; depth++)
                {
                    value = ValueOrigins.Unwrap(value);
                    switch (value)
                    {
                        case ILocalReferenceOperation or IParameterReferenceOperation or ILiteralOperation or IDefaultValueOperation or IInstanceReferenceOperation:
                            return true;
                        case IMemberReferenceOperation { Instance: null }:
                            return value is IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false };
                        case IFieldReferenceOperation { Instance: { } instance }:
                            value = instance;
                            break;
                        case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } instance }:
                            value = instance;
                            break;
                        default:
                            return value.ConstantValue.HasValue;
                    }
                }

                return false;
            }

            private void Add(IOperation root, Queue<ILocalSymbol> pending)
            {
                foreach (var operation in DescendantsOutsideKeys(root))
                {
                    if (operation is IInvocationOperation invocation)
                    {
                        AddMembersReadByOwnMethod(invocation, 0);
                    }

                    if (Referenced(operation) is not { } symbol || !Symbols.Add(symbol))
                    {
                        continue;
                    }

                    if (symbol is ILocalSymbol local && IsDeclaredInScope(local))
                    {
                        pending.Enqueue(local);
                    }
                }
            }
        }
    }
}
