using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// Values overwritten before they are read. A handler that stamps the request DTO with the server clock on arrival
    /// (<c>body.ReceivedAt = clock.GetUtcNow();</c>, <c>dto = dto with { SentAt = clock.GetUtcNow() };</c>, or
    /// <c>sentAt = clock.GetUtcNow();</c> for a bound parameter) and then stamps the span from it is using the server's
    /// time: the client's value for that member is gone. Only a plain statement that runs on every path before the
    /// read replaces it (<see cref="StraightLineWrites"/>); a write under a condition leaves the client's value possible.
    /// </summary>
    internal sealed partial class ClientTaintEvaluator
    {
        private readonly StraightLineWrites straightLine = new StraightLineWrites();
        private readonly Dictionary<IOperation, ClientTaint> referenceMemo = new Dictionary<IOperation, ClientTaint>();
        private readonly Dictionary<IOperation, Dictionary<ISymbol, ClientTaint>> memberMemo = new Dictionary<IOperation, Dictionary<ISymbol, ClientTaint>>();

        /// <summary>
        /// A local or parameter at one read. When a plain statement assigns it on every path before the read, the value is
        /// what that statement (and any write that may follow it before the read) put there, not what the parameter was
        /// bound to. Otherwise every write of the symbol counts (<see cref="EvaluateSymbol"/>).
        /// </summary>
        private ClientTaint EvaluateReference(ISymbol symbol, IOperation reference)
        {
            var writes = index.GetWrites(symbol);
            if (writes.Count == 0 || (symbol is ILocalSymbol && writes.Count == 1))
            {
                // No write, or a local's only write: the answer does not depend on where the read is.
                return EvaluateSymbol(symbol, reference);
            }

            if (referenceMemo.TryGetValue(reference, out var known))
            {
                return known;
            }

            if (LatestWrite(writes, NoMemberWrites, reference, out var repeats) is not { } latest)
            {
                // Not memoised per read: EvaluateSymbol has its own memo, and a per-read placeholder seen while the
                // symbol is being evaluated would stick.
                return EvaluateSymbol(symbol, reference);
            }

            // A placeholder breaks cycles through writes in a loop ("t = t.AddSeconds(1)").
            referenceMemo[reference] = ClientTaint.None;
            var result = AfterWrite(latest, writes, NoMemberWrites, reference, repeats, member: null);
            referenceMemo[reference] = result;
            return result;
        }

        private static readonly IReadOnlyList<IAssignmentOperation> NoMemberWrites = new IAssignmentOperation[0];

        /// <summary>
        /// A member read of a local or parameter (<c>body.ReceivedAt</c>) that a plain statement wrote on every path
        /// before: <c>body.ReceivedAt = ...;</c>, or the symbol itself (<c>dto = dto with { SentAt = ... };</c>, or a
        /// parameter reassigned). Null when there is no such write, or when the latest is a whole write of a local that is
        /// not a <c>with</c>: the local's own rules (<see cref="BuiltObjectMember"/>) then apply.
        /// </summary>
        private ClientTaint? OverwrittenMember(IOperation? instance, ISymbol member)
        {
            while (instance is IConversionOperation or IParenthesizedOperation)
            {
                instance = instance is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)instance).Operand;
            }

            if (instance is null || StraightLineWrites.SymbolOf(instance) is not { } symbol)
            {
                return null;
            }

            var writes = index.GetWrites(symbol);
            var memberWrites = MemberWritesOf(straightLine.MemberWrites(instance, symbol), member);
            if (writes.Count == 0 && memberWrites.Count == 0)
            {
                return null;
            }

            if (!memberMemo.TryGetValue(instance, out var byMember))
            {
                byMember = new Dictionary<ISymbol, ClientTaint>(SymbolEqualityComparer.Default);
                memberMemo.Add(instance, byMember);
            }

            if (byMember.TryGetValue(member, out var known))
            {
                return known;
            }

            if (LatestWrite(writes, memberWrites, instance, out var repeats) is not { } latest
                || (latest is not IAssignmentOperation { Target: IMemberReferenceOperation } && symbol is ILocalSymbol && Unwrap(latest) is not IWithOperation))
            {
                return null;
            }

            byMember[member] = ClientTaint.None;
            var result = AfterWrite(latest, writes, memberWrites, instance, repeats, member);
            byMember[member] = result;
            return result;
        }

        private static List<IAssignmentOperation> MemberWritesOf(IReadOnlyList<IAssignmentOperation> writes, ISymbol member)
        {
            var result = new List<IAssignmentOperation>();
            foreach (var write in writes)
            {
                if (SymbolEqualityComparer.Default.Equals(((IMemberReferenceOperation)write.Target).Member, member))
                {
                    result.Add(write);
                }
            }

            return result;
        }

        /// <summary>The write (a value from the index, or a member assignment) whose plain statement runs last before the read.</summary>
        private static IOperation? LatestWrite(
            IReadOnlyList<IOperation> writes,
            IReadOnlyList<IAssignmentOperation> memberWrites,
            IOperation read,
            out bool repeats)
        {
            IOperation? latest = null;
            var latestStart = -1;
            repeats = false;
            foreach (var write in Concat(writes, memberWrites))
            {
                if (StraightLineWrites.PlainStatement(write) is { } statement
                    && statement.Syntax.SpanStart > latestStart
                    && StraightLineWrites.RunsBefore(statement, read, out var crossesLoop))
                {
                    latest = write;
                    latestStart = statement.Syntax.SpanStart;
                    repeats = crossesLoop;
                }
            }

            return latest;
        }

        /// <summary>What the read sees: the latest write's value, joined with every write that may run between it and the read.</summary>
        private ClientTaint AfterWrite(
            IOperation latest,
            IReadOnlyList<IOperation> writes,
            IReadOnlyList<IAssignmentOperation> memberWrites,
            IOperation read,
            bool repeats,
            ISymbol? member)
        {
            var statement = StraightLineWrites.PlainStatement(latest)!;
            var result = WrittenValue(latest, member);
            foreach (var write in Concat(writes, memberWrites))
            {
                if (write != latest && StraightLineWrites.InWindow(write, statement, read, repeats))
                {
                    result = result.Or(WrittenValue(write, member));
                }
            }

            return result;
        }

        /// <summary>What one write puts in the symbol (<paramref name="member"/> null) or in one member of it.</summary>
        private ClientTaint WrittenValue(IOperation write, ISymbol? member)
        {
            if (write is IAssignmentOperation { Target: IMemberReferenceOperation } memberWrite)
            {
                // x.M = v, x.M ??= v: v. x.M += d: a duration added to a time point carries no clock of its own.
                return memberWrite is ICompoundAssignmentOperation && symbols.IsTimeType(memberWrite.Target.Type)
                    ? EvaluateTimePoint(memberWrite.Value)
                    : Evaluate(memberWrite.Value);
            }

            return member is null ? Evaluate(write) : MemberOfValue(write, member);
        }

        /// <summary>
        /// One member of an object value: what a <c>with</c>, an object initializer or a positional record puts there. A
        /// member a <c>with</c> leaves alone is read from the original, at the place of the <c>with</c>.
        /// </summary>
        private ClientTaint MemberOfValue(IOperation value, ISymbol member)
        {
            switch (Unwrap(value))
            {
                case IWithOperation with:
                    return AssignedIn(with.Initializer.Initializers, member) is { } replaced ? Evaluate(replaced) : EvaluateMember(with.Operand, member);
                case IObjectCreationOperation built when !symbols.IsConversionType(built.Type):
                    if (built.Initializer is { } initializer && AssignedIn(initializer.Initializers, member) is { } assigned)
                    {
                        return Evaluate(assigned);
                    }

                    return PositionalRecordArgument(built, member) is { } argument ? Evaluate(argument) : ClientTaint.None;
                case IAnonymousObjectCreationOperation anonymous:
                    return AssignedIn(anonymous.Initializers, member) is { } initialized ? Evaluate(initialized) : ClientTaint.None;
                default:
                    return Evaluate(value);
            }
        }

        /// <summary>A read of <paramref name="member"/> on <paramref name="instance"/>.</summary>
        private ClientTaint EvaluateMember(IOperation? instance, ISymbol member) =>
            OverwrittenMember(instance, member) ?? BuiltObjectMember(instance, member) ?? Evaluate(instance);

        private static IOperation Unwrap(IOperation value)
        {
            while (value is IConversionOperation or IParenthesizedOperation)
            {
                value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
            }

            return value;
        }

        private static IEnumerable<IOperation> Concat(IReadOnlyList<IOperation> writes, IReadOnlyList<IAssignmentOperation> memberWrites)
        {
            foreach (var write in writes)
            {
                yield return write;
            }

            foreach (var write in memberWrites)
            {
                yield return write;
            }
        }
    }
}
