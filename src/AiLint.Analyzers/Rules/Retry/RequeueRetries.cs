using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A work loop whose catch puts the failed item back on the queue it takes items from:
    /// <code>
    /// await foreach (var job in jobs.Reader.ReadAllAsync(ct))
    /// {
    ///     try { var r = await chat.GetResponseAsync(job.Prompt); ... }
    ///     catch (HttpRequestException) when (job.Attempts &lt; 3) { await jobs.Writer.WriteAsync(job with { Attempts = job.Attempts + 1 }); }
    /// }
    /// </code>
    /// The loop reaches the same item again and sends the same request: a retry, although the loop walks a queue.
    /// </summary>
    /// <remarks>
    /// Read only when all of these hold (anything else is a work loop that moves on, and stays silent):
    /// <list type="bullet">
    /// <item>the loop takes its item off one collection: <c>foreach</c>/<c>await foreach</c> over <c>q.Reader.ReadAllAsync()</c>
    /// or <c>q.GetConsumingEnumerable()</c>, <c>while (q.TryDequeue(out var item))</c> or <c>while (q.Reader.TryRead(out var
    /// item))</c>, or a first statement of the body <c>var item = await q.Reader.ReadAsync()</c> / <c>q.Dequeue()</c> / <c>q.Take()</c>;</item>
    /// <item>a catch of the try (a statement of the loop body, or nested in one) writes the item back to the same collection
    /// (the same field, property, local or parameter <c>q</c>): <c>q.Writer.WriteAsync</c>/<c>TryWrite</c>, <c>q.Enqueue</c>,
    /// <c>q.Add</c>, <c>q.Push</c>;</item>
    /// <item>what it writes back is the item itself, or a copy <c>item with { ... }</c> that sets only members the call does
    /// not read (a retry counter), and the call reads the item.</item>
    /// </list>
    /// A queue written through a separate writer field or a method of the project (<c>Requeue(job)</c>) is not followed.
    /// </remarks>
    internal static class RequeueRetries
    {
        private static readonly HashSet<string> TakeMethods = new() { "ReadAsync", "Dequeue", "Take", "Pop" };
        private static readonly HashSet<string> TryTakeMethods = new() { "TryDequeue", "TryRead", "TryTake", "TryPop" };
        private static readonly HashSet<string> EnumerateMethods = new() { "ReadAllAsync", "GetConsumingEnumerable" };
        private static readonly HashSet<string> PutMethods = new() { "WriteAsync", "TryWrite", "Enqueue", "Add", "Push", "TryAdd" };

        /// <summary>The name of the queue a catch of <paramref name="try"/> puts the loop's item back on, or null.</summary>
        public static string? RequeueName(ITryOperation @try, ILoopOperation loop, System.Func<ICatchClauseOperation, bool> counts) =>
            Requeue(@try, loop, counts) is { } found ? found.Queue.Name : null;

        /// <summary>True when <paramref name="call"/> reads the loop's item and a catch puts that item back unchanged where the call reads it.</summary>
        public static bool RetriesCall(IOperation call, ITryOperation @try, ILoopOperation loop, System.Func<ICatchClauseOperation, bool> counts)
        {
            if (Requeue(@try, loop, counts) is not { } found)
            {
                return false;
            }

            var readMembers = new HashSet<string>();
            var readsItem = false;
            foreach (var reference in ReadsThroughLocals(call, loop))
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Local, found.Item))
                {
                    continue;
                }

                readsItem = true;
                if (reference.Parent is IMemberReferenceOperation member)
                {
                    readMembers.Add(member.Member.Name);
                }
                else
                {
                    readMembers.Add("*"); // the whole item goes into the request
                }
            }

            return readsItem && found.ChangedMembers.All(m => !readMembers.Contains(m) && !readMembers.Contains("*"));
        }

        /// <summary>
        /// The local references the call reads, directly or through locals of the loop body built from them
        /// (<c>var prompt = $"Summarise {job.Text}";</c>), one level deep.
        /// </summary>
        private static IEnumerable<ILocalReferenceOperation> ReadsThroughLocals(IOperation call, ILoopOperation loop)
        {
            var direct = call.DescendantsAndSelf().OfType<ILocalReferenceOperation>().ToList();
            var declarators = RetryContextFinder.DescendantsInSameFunction(loop.Body).OfType<IVariableDeclaratorOperation>().ToList();
            foreach (var reference in direct)
            {
                yield return reference;
                foreach (var declarator in declarators)
                {
                    if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local) && declarator.Initializer?.Value is { } initial)
                    {
                        foreach (var inner in initial.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
                        {
                            yield return inner;
                        }
                    }
                }
            }
        }

        private static (ISymbol Queue, ILocalSymbol Item, List<string> ChangedMembers)? Requeue(ITryOperation @try, ILoopOperation loop, System.Func<ICatchClauseOperation, bool> counts)
        {
            if (TakenItem(loop) is not { } taken)
            {
                return null;
            }

            foreach (var @catch in @try.Catches.Where(counts))
            {
                foreach (var operation in RetryContextFinder.DescendantsInSameFunction(@catch.Handler))
                {
                    if (operation is IInvocationOperation put && PutMethods.Contains(put.TargetMethod.Name)
                        && put.Arguments.Length > 0
                        && SymbolEqualityComparer.Default.Equals(QueueRoot(put.Instance), taken.Queue)
                        && SameItem(put.Arguments[0].Value, taken.Item) is { } changed
                        && GoesRoundAfter(put, @catch, loop))
                    {
                        return (taken.Queue, taken.Item, changed);
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// False when every way on from the write-back leaves the loop (<c>queue.Writer.TryWrite(job); break;</c>, or
        /// <c>return</c>/<c>throw</c>): the job put back on shutdown is not taken again by this loop. Read on the statements
        /// after the write, block by block out to the catch; a construct other than a block or an <c>if</c> between them
        /// keeps the write counted (it may go round).
        /// </summary>
        private static bool GoesRoundAfter(IInvocationOperation put, ICatchClauseOperation @catch, ILoopOperation loop)
        {
            if (put.SemanticModel is not { } model
                || @catch.Syntax is not CatchClauseSyntax { Block: { } catchBlock }
                || put.Syntax.FirstAncestorOrSelf<StatementSyntax>() is not { } current)
            {
                return true;
            }

            while (current != catchBlock)
            {
                StatementSyntax last;
                StatementSyntax next;
                switch (current.Parent)
                {
                    case BlockSyntax block:
                        last = block.Statements.Last();
                        next = block;
                        break;
                    case IfStatementSyntax test:
                        last = current;
                        next = test;
                        break;
                    case ElseClauseSyntax { Parent: IfStatementSyntax test }:
                        last = current;
                        next = test;
                        break;
                    default:
                        return true;
                }

                var flow = model.AnalyzeControlFlow(current, last);
                if (!flow.Succeeded || flow.ExitPoints.Any(e => e is ContinueStatementSyntax && ContinuesThisLoop(e, loop.Syntax)))
                {
                    return true;
                }

                if (!flow.EndPointIsReachable)
                {
                    return false;
                }

                current = next;
            }

            return true;
        }

        private static bool ContinuesThisLoop(SyntaxNode @continue, SyntaxNode loop) =>
            @continue.Ancestors().FirstOrDefault(a => a is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax) == loop;

        /// <summary>The collection the loop takes its item from and the local holding the item.</summary>
        private static (ISymbol Queue, ILocalSymbol Item)? TakenItem(ILoopOperation loop)
        {
            switch (loop)
            {
                case IForEachLoopOperation forEach
                    when ValueOrigins.Unwrap(forEach.Collection) is IInvocationOperation enumerate
                        && EnumerateMethods.Contains(enumerate.TargetMethod.Name)
                        && QueueRoot(enumerate.Instance) is { } queue
                        && forEach.Locals.Length == 1:
                    return (queue, forEach.Locals[0]);
                case IWhileLoopOperation { Condition: { } condition }
                    when ValueOrigins.Unwrap(condition) is IInvocationOperation tryTake
                        && TryTakeMethods.Contains(tryTake.TargetMethod.Name)
                        && QueueRoot(tryTake.Instance) is { } queue
                        && tryTake.Arguments.FirstOrDefault(a => a.Parameter?.RefKind == RefKind.Out)?.Value is { } outValue
                        && LoopRetryClassifier.OutLocal(ValueOrigins.Unwrap(outValue)) is { } item:
                    return (queue, item);
            }

            // `var item = await q.Reader.ReadAsync(ct);` as the first statement of the body.
            if (loop.Body is IBlockOperation { Operations: { Length: > 0 } operations }
                && operations[0] is IVariableDeclarationGroupOperation { Declarations: { Length: 1 } declarations }
                && declarations[0].Declarators is { Length: 1 } declarators
                && declarators[0].Initializer?.Value is { } value
                && ValueOrigins.Unwrap(value is IAwaitOperation awaited ? awaited.Operation : value) is IInvocationOperation take
                && TakeMethods.Contains(take.TargetMethod.Name)
                && QueueRoot(take.Instance) is { } taken)
            {
                return (taken, declarators[0].Symbol);
            }

            return null;
        }

        // `out var item` or `out item`.
        /// <summary>
        /// The symbol a queue is named by: <c>q</c> for <c>q</c>, <c>q.Reader</c> and <c>q.Writer</c> of a channel. Only a
        /// field, property, local or parameter counts: two reads of them name the same queue.
        /// </summary>
        private static ISymbol? QueueRoot(IOperation? instance)
        {
            if (instance is null)
            {
                return null;
            }

            var value = ValueOrigins.Unwrap(instance);
            if (value is IPropertyReferenceOperation { Property.Name: "Reader" or "Writer", Instance: { } channel }
                && value.Type?.ContainingNamespace?.ToDisplayString() == "System.Threading.Channels")
            {
                value = ValueOrigins.Unwrap(channel);
            }

            return value switch
            {
                IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation => field.Field,
                IPropertyReferenceOperation property when property.Instance is null or IInstanceReferenceOperation => property.Property,
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
        }

        /// <summary>The members a written-back value changes: none for the item itself, those set by <c>item with { ... }</c>; null for anything else.</summary>
        private static List<string>? SameItem(IOperation value, ILocalSymbol item)
        {
            value = ValueOrigins.Unwrap(value);
            if (value is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, item))
            {
                return new List<string>();
            }

            if (value is IWithOperation { Operand: var operand, Initializer: { } initializer }
                && ValueOrigins.Unwrap(operand) is ILocalReferenceOperation copied && SymbolEqualityComparer.Default.Equals(copied.Local, item))
            {
                var changed = new List<string>();
                foreach (var set in initializer.Initializers)
                {
                    if (set is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation member })
                    {
                        return null;
                    }

                    changed.Add(member.Member.Name);
                }

                return changed;
            }

            return null;
        }
    }
}
