using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Decides whether a hand-written loop (or a method calling itself from its catch) re-runs one particular call
    /// <em>with the same inputs</em> after a failure. Conversation loops, round-robins over agents, batches over work
    /// items, failover over clients and self-correction loops all call the model again and again, but each time with
    /// something new; none of them sends a duplicate of a request that may already have been billed.
    /// </summary>
    /// <remarks>
    /// Two tests, both on the call rather than on the try around it:
    /// <list type="number">
    /// <item>Success leaves the loop: once the call returns, the code after it always returns or breaks out of the
    /// loop (or sets the flag the loop condition reads). A loop that goes round again after a success is a turn loop
    /// or a batch, whatever its catch does.</item>
    /// <item>The inputs stay the same: nothing the call reads (its receiver and arguments, followed through locals
    /// declared in the loop) is reassigned, incremented, appended to, advanced (an enumerator, a queue) or taken from
    /// a foreach or a console read inside the loop. Cancellation tokens are not inputs.</item>
    /// </list>
    /// When either test cannot be decided (a nested loop between call and retry, a local with no visible value) the
    /// answer is "not a retry": a missed retry costs less than a false error in someone's build.
    /// </remarks>
    internal static partial class LoopRetryClassifier
    {
        private const int MaxExpansion = 32;

        /// <summary>True when <paramref name="loop"/> re-runs <paramref name="call"/> unchanged after a failed attempt.</summary>
        public static bool RetriesCall(IOperation call, ILoopOperation loop)
        {
            var model = loop.SemanticModel;
            if (model is null)
            {
                return false;
            }

            // The hand-written `await foreach`: a pass that succeeds reads on from the same enumerator, so the failure
            // path alone decides (LoopRetryClassifier.HandWrittenStreams), whatever the loop's condition reads.
            if (HandWrittenStreamRemade(call, loop, model) is { } remade)
            {
                return remade != StreamRemake.NotRemade && UnchangedInputs(call, loop, model.Compilation) is not null;
            }

            return SuccessLeavesLoop(call, loop, model) && UnchangedInputs(call, loop, model.Compilation) is not null;
        }

        /// <summary>
        /// True when a recursive call in one of <paramref name="try"/>'s catches passes every parameter that feeds
        /// <paramref name="call"/> through unchanged (<c>return await AskAsync(q, attempt + 1)</c>), and the catch does
        /// not append to the call's inputs. <c>AskAsync(q + "\nThat was not JSON")</c> is a self-correction, not a retry.
        /// </summary>
        public static bool RecursionRetriesCall(IOperation call, ITryOperation @try, IMethodSymbol method)
        {
            var model = @try.SemanticModel;
            if (model is null)
            {
                return false;
            }

            var root = ValueOrigins.Root(@try);
            var inputs = new Inputs(root.Syntax, model.Compilation);
            if (!inputs.Collect(call, root))
            {
                return false;
            }

            var definition = method.OriginalDefinition;
            foreach (var @catch in @try.Catches)
            {
                if (inputs.ChangedIn(RetryContextFinder.DescendantsInSameFunction(@catch.Handler)))
                {
                    continue;
                }

                foreach (var operation in RetryContextFinder.DescendantsInSameFunction(@catch.Handler))
                {
                    if (operation is IInvocationOperation recursive
                        && SymbolEqualityComparer.Default.Equals(recursive.TargetMethod.OriginalDefinition, definition)
                        && PassesThrough(recursive, inputs.Symbols))
                    {
                        return true;
                    }
                }
            }

            // The call of itself after the try, reached only from a catch that falls out (see RecursionAfterTry): the
            // catch and those statements together are the way round, and neither may change the request.
            var after = RecursionAfterTry.StatementsAfterFailure(@try).SelectMany(RetryContextFinder.DescendantsInSameFunction).ToList();
            return after.Count > 0
                && !inputs.ChangedIn(after)
                && RecursionAfterTry.FallingOut(@try).Any(c => !inputs.ChangedIn(RetryContextFinder.DescendantsInSameFunction(c.Handler)))
                && after.Any(o => o is IInvocationOperation recursive
                    && SymbolEqualityComparer.Default.Equals(recursive.TargetMethod.OriginalDefinition, definition)
                    && PassesThrough(recursive, inputs.Symbols));
        }

        /// <summary>
        /// True when a <c>goto</c> retry (see <see cref="GotoRetries"/>) re-runs <paramref name="call"/> unchanged: neither the
        /// statements between the label and the try nor the catches that jump back change what the call reads.
        /// </summary>
        public static bool GotoRetriesCall(IOperation call, ITryOperation @try)
        {
            var model = @try.SemanticModel;
            if (model is null || GotoRetries.RetryLabel(@try) is not { } labeled)
            {
                return false;
            }

            var inputs = new Inputs(@try.Syntax, model.Compilation);
            if (!inputs.Collect(call, @try))
            {
                return false;
            }

            var rerun = GotoRetries.StatementsBefore(@try)
                .Concat(GotoRetries.JumpingCatches(@try, labeled.Label).Select(c => (IOperation)c.Handler))
                .SelectMany(RetryContextFinder.DescendantsInSameFunction);
            return !inputs.ChangedIn(rerun);
        }

        private static bool PassesThrough(IInvocationOperation recursive, HashSet<ISymbol> inputs)
        {
            foreach (var argument in recursive.Arguments)
            {
                if (argument.Parameter is not { } parameter || !inputs.Contains(parameter.OriginalDefinition))
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.DefaultValue
                    || ValueOrigins.Unwrap(argument.Value) is not IParameterReferenceOperation passed
                    || !SymbolEqualityComparer.Default.Equals(passed.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                {
                    return false;
                }
            }

            return true;
        }

        // ---- Success path -------------------------------------------------------------------------------------------

        private static bool SuccessLeavesLoop(IOperation call, ILoopOperation loop, SemanticModel model)
        {
            var loopSyntax = loop.Syntax;
            var statement = StatementOfCall(call.Syntax, loopSyntax);
            if (statement is null)
            {
                return false;
            }

            var conditionSymbols = ConditionSymbols(loop);
            var fallThrough = new FallThroughPath();
            var first = true;
            for (SyntaxNode node = statement; node.Parent is { } parent && parent != loopSyntax; node = parent, first = false)
            {
                // At the call's own level the range starts with the call's statement; above it, only the statements
                // after the enclosing one run after the call.
                switch (parent)
                {
                    case BlockSyntax block:
                        if (RangeLeaves(block.Statements, (StatementSyntax)node, first, loopSyntax, model, conditionSymbols))
                        {
                            return true;
                        }

                        fallThrough.Add(block.Statements, (StatementSyntax)node, first, loopSyntax, model);
                        break;
                    case SwitchSectionSyntax section:
                        if (RangeLeaves(section.Statements, (StatementSyntax)node, first, loopSyntax, model, conditionSymbols))
                        {
                            return true;
                        }

                        fallThrough.Stop();
                        break;
                    case WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax:
                        // A nested loop between the call and the retry: which iteration is retried is not clear.
                        return false;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                        return false;
                    default:
                        // `if (failed) continue; else return await Call();`: the embedded statement on its own.
                        if (first && node is StatementSyntax embedded && StatementsLeave(embedded, embedded, loopSyntax, model, conditionSymbols))
                        {
                            return true;
                        }

                        if (first && node is StatementSyntax alone)
                        {
                            fallThrough.Add(alone, loopSyntax, model);
                        }

                        break;
                }
            }

            // Reaching the end of the loop body goes round exactly like a `continue`.
            return fallThrough.LeavesOnAnswer(call, statement, loop, model);
        }

        /// <summary>The statement of the loop's own function that contains the call (a call inside a lambda: the statement around the lambda).</summary>
        private static StatementSyntax? StatementOfCall(SyntaxNode call, SyntaxNode loopSyntax)
        {
            StatementSyntax? statement = null;
            for (var node = call; node is not null && node != loopSyntax; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    statement = null;
                }
                else if (statement is null && node is StatementSyntax found)
                {
                    statement = found;
                }
            }

            return statement;
        }

        private static bool RangeLeaves(SyntaxList<StatementSyntax> statements, StatementSyntax current, bool includeCurrent, SyntaxNode loopSyntax, SemanticModel model, HashSet<ISymbol> conditionSymbols)
        {
            var index = statements.IndexOf(current);
            var first = includeCurrent ? index : index + 1;
            if (index < 0 || first >= statements.Count)
            {
                return false;
            }

            return StatementsLeave(statements[first], statements[statements.Count - 1], loopSyntax, model, conditionSymbols);
        }

        /// <summary>
        /// The statements from <paramref name="first"/> to <paramref name="last"/> never fall through and leave by a
        /// return or a break out of the retry loop, or they set a variable the loop condition reads.
        /// </summary>
        private static bool StatementsLeave(StatementSyntax first, StatementSyntax last, SyntaxNode loopSyntax, SemanticModel model, HashSet<ISymbol> conditionSymbols)
        {
            var flow = first == last ? model.AnalyzeControlFlow(first) : model.AnalyzeControlFlow(first, last);
            if (flow.Succeeded && !flow.EndPointIsReachable)
            {
                var breakLeavesLoop = !first.Ancestors().TakeWhile(a => a != loopSyntax).Any(a => a is SwitchStatementSyntax);
                if (flow.ExitPoints.Any(e => MethodExits.EndsMethod(e) || (breakLeavesLoop && e is BreakStatementSyntax)))
                {
                    return true;
                }
            }

            if (conditionSymbols.Count == 0)
            {
                return false;
            }

            var dataFlow = first == last ? model.AnalyzeDataFlow(first) : model.AnalyzeDataFlow(first, last);
            return dataFlow.Succeeded && dataFlow.WrittenInside.Any(conditionSymbols.Contains);
        }

        /// <summary>The condition a <c>while</c>, <c>do</c> or <c>for</c> loop tests before going round; null for <c>foreach</c> or none.</summary>
        internal static IOperation? ConditionOf(ILoopOperation loop) => loop switch
        {
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            IForLoopOperation forLoop => forLoop.Condition,
            _ => null,
        };

        private static HashSet<ISymbol> ConditionSymbols(ILoopOperation loop)
        {
            var condition = ConditionOf(loop);
            var read = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (condition is not null)
            {
                foreach (var operation in condition.DescendantsAndSelf())
                {
                    if (operation is ILocalReferenceOperation local)
                    {
                        read.Add(local.Local);
                    }
                    else if (operation is IParameterReferenceOperation parameter)
                    {
                        read.Add(parameter.Parameter);
                    }
                }
            }

            return read;
        }

        // ---- Inputs -------------------------------------------------------------------------------------------------

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
        private sealed class Inputs
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

            /// <summary>
            /// An input object handed, in the loop, to a project method that may change it:
            /// <c>await RunToolsAsync(response, messages); continue;</c> in a tool loop appends the tool results, so the next
            /// pass sends a longer conversation. Calls judged as appends already (<c>messages.AddMessages(r)</c>) are left to
            /// <see cref="ChangedIn"/>, and the call itself is not counted. SDK and BCL methods are not followed (they do not
            /// add to the caller's request).
            /// </summary>
            public bool HandedToOtherCode(IEnumerable<IOperation> operations, IOperation call)
            {
                foreach (var operation in operations)
                {
                    if (operation is not IInvocationOperation other || other == call || call.Syntax.Span.Contains(other.Syntax.Span) || IsMutation(other))
                    {
                        continue;
                    }

                    foreach (var argument in other.Arguments)
                    {
                        if (argument.Parameter is { } parameter
                            && ReadSymbol(ValueOrigins.Unwrap(argument.Value)) is { } passed
                            && Symbols.Contains(passed.OriginalDefinition)
                            && IsMutableObject(ValueOrigins.Unwrap(argument.Value).Type)
                            && ProjectMethodMayChange(other.TargetMethod, parameter.Ordinal, 0))
                        {
                            return true;
                        }
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
                if (depth > 2 || !SourceBodies.IsInSource(method, compilation) || ordinal >= method.Parameters.Length)
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
                    if (operation != root && IsKeyValue(operation))
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
