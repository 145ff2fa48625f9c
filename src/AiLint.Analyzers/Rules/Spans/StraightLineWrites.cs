using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// Which writes of a local or parameter (or of a member of one) run on every path before a read: a plain statement
    /// of a block (<c>x = v;</c>, <c>x.M = v;</c>, <c>var x = v;</c>) that comes earlier in a block enclosing the read.
    /// A write under an <c>if</c>, in a loop, a <c>try</c> or a <c>switch</c> section is not in an enclosing block of a
    /// read outside it, so it never counts. This is deliberately syntactic (no control-flow graph): a block with a
    /// label (a <c>goto</c> target) is skipped, and a read in a local function never counts a write outside it, because
    /// the function may be called before the write.
    /// </summary>
    internal sealed class StraightLineWrites
    {
        private static readonly IReadOnlyList<IAssignmentOperation> NoWrites = new IAssignmentOperation[0];
        private readonly Dictionary<IOperation, Dictionary<ISymbol, List<IAssignmentOperation>>> memberWritesByRoot =
            new Dictionary<IOperation, Dictionary<ISymbol, List<IAssignmentOperation>>>();

        /// <summary>Every assignment (plain, compound, <c>??=</c>) to a member of <paramref name="instance"/> in the tree of <paramref name="read"/>.</summary>
        public IReadOnlyList<IAssignmentOperation> MemberWrites(IOperation read, ISymbol instance)
        {
            var root = read;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            if (!memberWritesByRoot.TryGetValue(root, out var byInstance))
            {
                byInstance = new Dictionary<ISymbol, List<IAssignmentOperation>>(SymbolEqualityComparer.Default);
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (operation is IAssignmentOperation { Target: IMemberReferenceOperation { Instance: { } target } } assignment
                        && SymbolOf(target) is { } written)
                    {
                        if (!byInstance.TryGetValue(written, out var list))
                        {
                            list = new List<IAssignmentOperation>();
                            byInstance.Add(written, list);
                        }

                        list.Add(assignment);
                    }
                }

                memberWritesByRoot.Add(root, byInstance);
            }

            return byInstance.TryGetValue(instance, out var writes) ? writes : NoWrites;
        }

        /// <summary>The local or parameter a reference names, or null.</summary>
        public static ISymbol? SymbolOf(IOperation? reference) => reference switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

        /// <summary>
        /// The statement of a block that a write is, when it is a plain one: <paramref name="write"/> is an assignment, or a
        /// value recorded by <see cref="LocalValueIndex"/> (the right side of an assignment or a declaration's initializer).
        /// </summary>
        public static IOperation? PlainStatement(IOperation write)
        {
            var assignment = write as ISimpleAssignmentOperation
                ?? (write.Parent is ISimpleAssignmentOperation parent && parent.Value == write ? parent : null);
            if (assignment is not null)
            {
                return !assignment.IsRef && assignment.Parent is IExpressionStatementOperation { Parent: IBlockOperation } statement ? statement : null;
            }

            if (write.Parent is IVariableInitializerOperation initializer)
            {
                var declaration = initializer.Parent as IVariableDeclarationOperation ?? initializer.Parent?.Parent as IVariableDeclarationOperation;
                if (declaration?.Parent is IVariableDeclarationGroupOperation { Parent: IBlockOperation } group)
                {
                    return group;
                }
            }

            return null;
        }

        /// <summary>
        /// True when <paramref name="statement"/> (a plain statement) runs on every path before <paramref name="read"/>.
        /// <paramref name="repeats"/> is set when a loop or a lambda lies between the two: a write after the read may
        /// then run before it again.
        /// </summary>
        public static bool RunsBefore(IOperation statement, IOperation read, out bool repeats)
        {
            repeats = false;
            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            for (var current = read; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case ILocalFunctionOperation:
                        return false;
                    case ILoopOperation or IAnonymousFunctionOperation:
                        repeats = true;
                        break;
                }

                if (current.Parent == block)
                {
                    var statementIndex = block.Operations.IndexOf(statement);
                    var readIndex = block.Operations.IndexOf(current);
                    return statementIndex >= 0 && readIndex > statementIndex && !HasLabel(block);
                }
            }

            return false;
        }

        /// <summary>
        /// True when a write other than the dominating one may still change the value seen by the read: it comes after
        /// the dominating statement and before the read, or anywhere after the statement when the read repeats.
        /// </summary>
        public static bool InWindow(IOperation write, IOperation statement, IOperation read, bool repeats) =>
            write.Syntax.SpanStart >= statement.Syntax.Span.End && (repeats || write.Syntax.SpanStart < read.Syntax.SpanStart);

        private static bool HasLabel(IBlockOperation block)
        {
            foreach (var operation in block.Operations)
            {
                if (operation is ILabeledOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
