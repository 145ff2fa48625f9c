using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The sources of a call's inputs: the values assigned to the locals it reads, the writes and mutations that change
    /// them, and what is read from outside the loop (see <see cref="LoopRetryClassifier.UnchangedInputs"/>).
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        // Where the locals a call reads get their values, and which writes change them.
        private sealed partial class Inputs
        {
            /// <summary>Where the call ends: an append to a local of the pass after it reaches no request (see <see cref="AppendsTo"/>).</summary>
            private int callEnd = int.MaxValue;

            /// <summary>Initializer and assigned values of a local declared in scope; null when it gets a value another way.</summary>
            private List<IOperation>? SourcesOf(ILocalSymbol local, IOperation searchRoot)
            {
                var sources = new List<IOperation>();
                foreach (var operation in searchRoot.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                            if (declarator.GetVariableInitializer() is { } initializer)
                            {
                                sources.Add(initializer.Value);
                            }

                            break;
                        case ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                            sources.Add(assignment.Value);
                            break;
                        case ISimpleAssignmentOperation memberAssignment when IsMemberOf(memberAssignment.Target, local):
                            // `request.Content = new StringContent(body)`, `request.Headers.Authorization = ...`,
                            // `options.Metadata["app"] = ...` fill in the object the local holds: the local still holds its
                            // initializer's object, and the value written (and any indexer key) is one more thing the call reads.
                            sources.Add(memberAssignment.Value);
                            AddIndexerArguments(memberAssignment.Target, sources);
                            break;
                        case IInvocationOperation append when append.Syntax.SpanStart < callEnd && AppendsTo(append, local):
                            // `messages.Add(new ChatMessage(ChatRole.User, $"Your previous response was invalid: {lastError}"))`
                            // on a list rebuilt each pass: what is appended is part of the request, so a kept error the
                            // catch sets (a self-correction) changes the next pass's request. Half-typed code appending
                            // something unresolved is not decided.
                            var appended = append.Arguments.Where(a => !IsExtensionReceiver(a)).Select(a => a.Value).ToList();
                            if (appended.Any(value => value.DescendantsAndSelf().OfType<IInvalidOperation>().Any()))
                            {
                                return null;
                            }

                            sources.AddRange(appended);
                            break;
                        case IInvalidOperation invalid when invalid.ChildOperations.Any(child => ValueOrigins.Unwrap(child) is ILocalReferenceOperation reference
                            && SymbolEqualityComparer.Default.Equals(reference.Local, local)):
                            // `messages.Add();` while typing: whatever it will append is not visible yet.
                            return null;
                        case IAssignmentOperation or IIncrementOrDecrementOperation or IDeclarationPatternOperation or IDeconstructionAssignmentOperation or IArgumentOperation
                            when Writes(operation, local):
                            return null;
                        case IForEachLoopOperation forEach when forEach.Locals.Contains(local, SymbolEqualityComparer.Default):
                            return null;
                    }
                }

                // A `using` or pattern variable, or one assigned in a way not seen above: its value is not visible.
                return sources.Count == 0 ? null : sources;
            }

            /// <summary>
            /// An append (<c>Add</c>, <c>Insert</c>, <c>Append</c>, ...) on the collection or <c>StringBuilder</c> the local
            /// holds, also at the end of a fluent chain (<c>prompt.AppendLine().Append(lastError)</c>): it fills in the
            /// object the local holds, and what it appends is one more thing the call reads. Only appends written before the
            /// call count: the local is declared anew on every pass (or call, for recursion), so an append after the call
            /// (<c>catch (Exception ex) { messages.Add(... ex.Message ...); }</c> on a list the next pass rebuilds) never reaches
            /// a request.
            /// </summary>
            private bool AppendsTo(IInvocationOperation invocation, ILocalSymbol local)
            {
                for (var depth = 0; depth < MaxExpansion; depth++)
                {
                    if (!IsAppendName(invocation.TargetMethod.Name)
                        || ValueOrigins.Receiver(invocation) is not { } receiver
                        || !IsCollectionOrBuilder(receiver.Type))
                    {
                        return false;
                    }

                    switch (ValueOrigins.Unwrap(receiver))
                    {
                        case ILocalReferenceOperation reference:
                            return SymbolEqualityComparer.Default.Equals(reference.Local, local);
                        case IInvocationOperation chained when SymbolEqualityComparer.Default.Equals(chained.Type, invocation.Type):
                            invocation = chained;
                            break;
                        default:
                            return false;
                    }
                }

                return false;
            }

            private static bool IsExtensionReceiver(IArgumentOperation argument) =>
                argument.Parent is IInvocationOperation { TargetMethod.IsExtensionMethod: true, Instance: null } && argument.Parameter?.Ordinal == 0;

            /// <summary>
            /// <c>local.Member = ...</c>, and chains through members and indexers of the object the local holds
            /// (<c>local.Headers.Authorization = ...</c>, <c>local.Metadata["k"] = ...</c>, review 59's ScriptHelper
            /// <c>chat.RequestParameters.Model = model</c>): a write into that object, not a new value for the local.
            /// A write to the local itself (no member) is not one.
            /// </summary>
            private static bool IsMemberOf(IOperation target, ILocalSymbol local)
            {
                var owner = MemberOwner(target);
                if (owner is null)
                {
                    return false;
                }

                while (MemberOwner(owner) is { } next)
                {
                    owner = next;
                }

                return owner is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
            }

            private static IOperation? MemberOwner(IOperation operation) => operation switch
            {
                IPropertyReferenceOperation property => property.Instance,
                IFieldReferenceOperation field => field.Instance,
                _ => null,
            };

            /// <summary>The keys of the indexers along a member chain (<c>options.Metadata[key] = ...</c>): inputs too.</summary>
            private static void AddIndexerArguments(IOperation target, List<IOperation> sources)
            {
                for (var operation = (IOperation?)target; operation is not null; operation = MemberOwner(operation))
                {
                    if (operation is IPropertyReferenceOperation { Property.IsIndexer: true } indexer)
                    {
                        foreach (var argument in indexer.Arguments)
                        {
                            sources.Add(argument.Value);
                        }
                    }
                }
            }

            private static bool Writes(IOperation operation, ILocalSymbol local)
            {
                var target = operation switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IIncrementOrDecrementOperation increment => increment.Target,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                    IDeclarationPatternOperation pattern => null,
                    _ => null,
                };

                if (operation is IDeclarationPatternOperation declaration)
                {
                    return SymbolEqualityComparer.Default.Equals(declaration.DeclaredSymbol, local);
                }

                return target is not null && target.DescendantsAndSelf().Any(o =>
                    (o is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    || (o is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)));
            }

            /// <summary>
            /// An input written in the code scanned. Locals declared in scope are rebuilt on every pass from their
            /// sources (already among the inputs), so writing to them (<c>options.AddHeader(...)</c> on a fresh
            /// <c>RequestOptions</c>) changes nothing carried from one pass to the next.
            /// </summary>
            private bool WritesInput(IOperation target)
            {
                var touched = false;
                for (var current = ValueOrigins.Unwrap(target); current is not null;)
                {
                    if (Referenced(current) is { } symbol)
                    {
                        if (symbol is ILocalSymbol local && IsDeclaredInScope(local))
                        {
                            return false;
                        }

                        touched |= Symbols.Contains(symbol);
                    }

                    current = current switch
                    {
                        IMemberReferenceOperation member => member.Instance is { } instance ? ValueOrigins.Unwrap(instance) : null,
                        IArrayElementReferenceOperation element => ValueOrigins.Unwrap(element.ArrayReference),
                        ITupleOperation => null,
                        _ => null,
                    };
                }

                if (!touched && target is ITupleOperation or IDeclarationExpressionOperation)
                {
                    return target.DescendantsAndSelf().Any(o => Referenced(o) is { } symbol && Symbols.Contains(symbol));
                }

                return touched;
            }

            /// <summary><c>history.Add(...)</c>, <c>messages.AddMessages(response)</c>, <c>chatHistory.AddUserMessage(...)</c>, <c>prompt.Append(...)</c> on an input.</summary>
            private bool IsMutation(IInvocationOperation invocation)
            {
                var name = invocation.TargetMethod.Name;

                // Advancing an enumerator, queue or reader that feeds the call hands it the next item.
                if (name is "MoveNext" or "MoveNextAsync" or "Dequeue" or "TryDequeue" or "Pop" or "TryPop" or "Take" or "TryTake"
                    || name.StartsWith("Read", System.StringComparison.Ordinal))
                {
                    return ValueOrigins.Receiver(invocation) is { } advanced && WritesInput(advanced);
                }

                if (!(name.StartsWith("Add", System.StringComparison.Ordinal) || name.StartsWith("Insert", System.StringComparison.Ordinal)
                    || name.StartsWith("Remove", System.StringComparison.Ordinal) || name.StartsWith("Append", System.StringComparison.Ordinal)
                    || name is "Clear" or "Push" or "Enqueue"))
                {
                    return false;
                }

                if (ValueOrigins.Receiver(invocation) is not { } receiver || !IsCollectionOrBuilder(receiver.Type))
                {
                    return false;
                }

                return WritesInput(receiver);
            }

            private bool IsCollectionOrBuilder(ITypeSymbol? type)
            {
                if (type is null)
                {
                    return false;
                }

                if (type.SpecialType == SpecialType.System_Collections_IEnumerable || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
                {
                    return true;
                }

                return SymbolEqualityComparer.Default.Equals(type, compilation.GetTypeByMetadataName("System.Text.StringBuilder"));
            }

            /// <summary>
            /// A read from the console or a text reader: a turn loop's next message, not a repeat. Followed into up to two
            /// levels of the project's own methods (<c>var question = ReadQuestion();</c> around a <c>Console.ReadLine()</c>),
            /// where taking an item off a queue or enumerator field counts too.
            /// </summary>
            private bool ReadsExternalInput(IOperation source, int depth = 0)
            {
                foreach (var operation in source.DescendantsAndSelf())
                {
                    if (operation is not IInvocationOperation invocation)
                    {
                        continue;
                    }

                    // Inside a helper of the project: taking the next item off a queue, stack or enumerator kept in a
                    // field (`string NextPrompt() => pending.Dequeue();`) hands every pass a new input too.
                    if (depth > 0 && invocation.TargetMethod.Name is "Dequeue" or "TryDequeue" or "MoveNext" or "MoveNextAsync" or "Pop" or "TryPop" or "Take" or "TryTake"
                        && ValueOrigins.Receiver(invocation) is { } receiver && ValueOrigins.Unwrap(receiver) is IFieldReferenceOperation or IPropertyReferenceOperation)
                    {
                        return true;
                    }

                    if (invocation.TargetMethod.Name.StartsWith("Read", System.StringComparison.Ordinal)
                        && invocation.TargetMethod.ContainingType is { } type
                        && (KnownRetrySymbols.IsOrInherits(type, compilation.GetTypeByMetadataName("System.Console"))
                            || KnownRetrySymbols.IsOrInherits(type, compilation.GetTypeByMetadataName("System.IO.TextReader"))
                            || KnownRetrySymbols.IsOrInherits(type, compilation.GetTypeByMetadataName("System.Threading.Channels.ChannelReader`1"))))
                    {
                        return true;
                    }

                    var method = invocation.TargetMethod.OriginalDefinition;
                    if (depth < 2 && SourceBodies.IsInSource(method, compilation)
                        && SourceBodies.GetBodies(method, compilation, System.Threading.CancellationToken.None).Any(body => ReadsExternalInput(body, depth + 1)))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// The fields and properties that a method of this object (or a static method) of the project reads, as many
            /// calls deep as <see cref="ReadOnlyProjectMethods"/> follows, count as inputs of a request built by it:
            /// <c>var prompt = BuildPrompt(text);</c> with a builder that adds <c>lastError</c> sends a new prompt once the
            /// catch sets <c>lastError</c> (a self-correction), and one reading a readonly <c>_options</c> field sends
            /// another model once the loop sets <c>_options.Model</c>.
            /// </summary>
            private void AddMembersReadByOwnMethod(IInvocationOperation invocation, int depth)
            {
                var method = invocation.TargetMethod.OriginalDefinition;
                if (depth > ReadOnlyProjectMethods.MaxDepth || invocation.Instance is not (null or IInstanceReferenceOperation) || !SourceBodies.IsInSource(method, compilation))
                {
                    return;
                }

                foreach (var body in SourceBodies.GetBodies(method, compilation, System.Threading.CancellationToken.None))
                {
                    foreach (var operation in body.Descendants())
                    {
                        if (operation is IFieldReferenceOperation or IPropertyReferenceOperation && Referenced(operation) is { } member)
                        {
                            Symbols.Add(member);
                        }
                        else if (operation is IInvocationOperation nested)
                        {
                            AddMembersReadByOwnMethod(nested, depth + 1);
                        }
                    }
                }
            }

            /// <summary>The operations under <paramref name="root"/>, leaving out the values given as idempotency keys.</summary>
            private IEnumerable<IOperation> DescendantsOutsideKeys(IOperation root)
            {
                var stack = new Stack<IOperation>();
                stack.Push(root);
                while (stack.Count > 0)
                {
                    var operation = stack.Pop();
                    // A token carried inside the request (OpenAI's `new RequestOptions { CancellationToken = cts.Token }`) is
                    // no more part of it than a token argument: a new per-attempt token source sends the same request.
                    if (operation != root && (IsKeyValue(operation) || IsCancellationToken(operation.Type)))
                    {
                        continue;
                    }

                    yield return operation;
                    foreach (var child in operation.ChildOperations)
                    {
                        stack.Push(child);
                    }
                }
            }

            /// <summary>
            /// An argument for an <c>[IdempotencyKey]</c> parameter, or an initializer setting an <c>[IdempotencyKey]</c>
            /// property (<c>new Request { RequestId = key }</c>).
            /// </summary>
            private bool IsKeyValue(IOperation operation)
            {
                if (operation is not (IArgumentOperation or ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation }))
                {
                    return false;
                }

                keyAttribute ??= compilation.GetTypeByMetadataName(KnownRetrySymbols.IdempotencyKeyAttributeName);
                return operation switch
                {
                    IArgumentOperation { Parameter: { } parameter } => IdempotencyKeys.HasKeyAttribute(parameter, keyAttribute),
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } => IdempotencyKeys.HasKeyAttribute(property.Property, keyAttribute),
                    _ => false,
                };
            }

            private bool IsCancellationToken(ITypeSymbol? type) => LogAndWaitCalls.For(compilation).IsCancellationToken(type);

            private bool IsDeclaredInScope(ILocalSymbol local) =>
                local.DeclaringSyntaxReferences.Length > 0
                && local.DeclaringSyntaxReferences.All(r => r.SyntaxTree == scope.SyntaxTree && scope.Span.Contains(r.Span));

            /// <remarks>
            /// A member set in an object initializer (<c>new Request { Text = text }</c>) names a member of the new
            /// object, not a value carried between passes: it is neither an input nor a write to one.
            /// </remarks>
            private static ISymbol? Referenced(IOperation operation) => operation switch
            {
                IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } => null,
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter.OriginalDefinition,
                IFieldReferenceOperation field => field.Field.OriginalDefinition,
                IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.OriginalDefinition,
                _ => null,
            };
        }
    }
}
