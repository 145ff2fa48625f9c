using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// <c>var run = new AgentRun { StartedAt = DateTime.Now }; ... activity.SetStartTime(run.StartedAt);</c>: a value
    /// written in the object initializer of a local and read back in the same method is as local as a local, as long as
    /// nothing else can have changed it in between.
    /// </summary>
    internal sealed partial class DateTimeKindClassifier
    {
        /// <summary>
        /// The finding for <paramref name="read"/> (<c>run.StartedAt</c>) when <c>run</c> is only ever written by a
        /// <c>new T { StartedAt = ... }</c> whose value is not UTC, the property is a plain auto-property (nothing runs
        /// on set or get), and before the read the local is only used to read or write other members: not passed to a
        /// method, stored, captured by a lambda, or written through the same property again. A read inside a loop is
        /// left alone (a later statement of the loop body runs before the next read).
        /// </summary>
        private NonUtcFinding? FromLocalObjectInitializer(IPropertyReferenceOperation read, ILocalReferenceOperation owner)
        {
            var property = read.Property;
            if (!IsStamp(property.Type) || property.IsStatic || property.SetMethod is null || Overridable(property) || !IsAutoProperty(property)
                || owner.Local.IsRef || !(index.GetWrites(owner.Local) is { Count: 1 } writes)
                || !(Unconverted(writes[0]) is IObjectCreationOperation { Initializer: { } initializer }))
            {
                return null;
            }

            IOperation? written = null;
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                    && SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, property.OriginalDefinition))
                {
                    written = assignment.Value;
                }
                else if (written is not null && RunsCode(member))
                {
                    // `new JobRun { StartedAt = DateTime.Now, Status = "running" }`: a setter with a body may restamp.
                    return null;
                }
            }

            if (written is null || !NothingChangesBefore(read, owner.Local, property))
            {
                return null;
            }

            return Classify(written) is { } finding
                ? new NonUtcFinding("'" + owner.Local.Name + "." + property.Name + "' (from " + finding.Description + ")", finding.Origin, finding.Shape)
                : null;
        }

        private static IOperation Unconverted(IOperation operation) =>
            operation is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : operation;

        /// <summary>Every use of <paramref name="local"/> before <paramref name="read"/> reads or sets another member; none is in a lambda; the read is in no loop.</summary>
        private static bool NothingChangesBefore(IOperation read, ILocalSymbol local, IPropertySymbol property)
        {
            var root = read;
            while (root.Parent is { } parent)
            {
                if (parent is ILoopOperation)
                {
                    return false;
                }

                root = parent;
            }

            var readAt = read.Syntax.SpanStart;
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (!(operation is ILocalReferenceOperation reference) || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                if (InLambda(reference, root))
                {
                    return false;
                }

                if (reference.Syntax.SpanStart >= readAt || reference.Parent is IVariableDeclaratorOperation)
                {
                    continue;
                }

                // `run.Id` read, or `run.Status = ...` set: another member only; a method call, an argument, a store or
                // a write of the same property could change or share it.
                if (!(reference.Parent is IPropertyReferenceOperation member)
                    || (SymbolEqualityComparer.Default.Equals(member.Property.OriginalDefinition, property.OriginalDefinition)
                        && (member.Parent is IAssignmentOperation assignment && assignment.Target == member || member.Parent is ITupleOperation)))
                {
                    return false;
                }

                // `run.Status = "running"` whose setter restamps StartedAt: only a plain auto-property set is harmless.
                if (member.Parent is IAssignmentOperation set && set.Target == member && RunsCode(set))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True for an assignment to anything but a field or a plain auto-property of source (a setter may run any code).</summary>
        private static bool RunsCode(IOperation assignment) => assignment switch
        {
            IAssignmentOperation { Target: IFieldReferenceOperation } => false,
            IAssignmentOperation { Target: IPropertyReferenceOperation { Property: var target } } => Overridable(target) || !IsAutoProperty(target),
            _ => true,
        };

        private static bool InLambda(IOperation operation, IOperation root)
        {
            for (var current = operation.Parent; current != null && current != root; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
