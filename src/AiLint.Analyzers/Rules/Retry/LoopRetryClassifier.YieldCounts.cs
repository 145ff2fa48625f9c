using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The count form of a hand-written stream retry's "nothing yielded yet" guard: <c>int yielded = 0;</c> before the
    /// loop, <c>yielded++;</c> beside the <c>yield return</c>, and a catch filtered on <c>when (yielded == 0)</c> or
    /// starting with <c>if (yielded &gt; 0) throw;</c>. It says what the bool flag (<c>!yieldedAny</c>) says, so
    /// <see cref="GuardsNothingShown"/> takes either.
    /// </summary>
    /// <remarks>
    /// Only a count that is "parts yielded so far" is read: declared before the loop with a constant <c>0</c>, and
    /// written in it only by <c>n++</c>, <c>++n</c> or <c>n += k</c> (k a positive constant) in a block that holds a
    /// <c>yield return</c>. A count reset in the loop (<c>n = 0</c>) is zero again after parts were shown; one counted in
    /// the catch counts failures; one declared in the loop starts at zero on every pass. Compared with anything but zero
    /// (<c>when (n &lt; 3)</c>) it lets the catch go round after the user saw parts. All of these keep AIL0002.
    /// </remarks>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>
        /// True when <paramref name="test"/> holds only while nothing was yielded (<c>n == 0</c>, <c>n &lt; 1</c>,
        /// <c>n is 0</c>), false when only once something was (<c>n &gt; 0</c>, <c>n != 0</c>), on a count of the parts
        /// <paramref name="loop"/> yielded (<see cref="CountsYieldedParts"/>); null otherwise.
        /// </summary>
        private static bool? TestsYieldCount(IOperation test, ILoopOperation loop)
        {
            ILocalSymbol? counter = null;
            foreach (var read in test.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
            {
                if (counter is not null && !SymbolEqualityComparer.Default.Equals(counter, read.Local))
                {
                    return null; // `n == m`: not a test of one count
                }

                counter = read.Local;
            }

            // The shape first (cheap), then the writes in the loop.
            return counter is not null && NothingShownGuards.MeansForCount(test, counter) is { } means && CountsYieldedParts(counter, loop) ? means : null;
        }

        /// <summary>See the remarks: an integer local declared before <paramref name="loop"/> as 0, counted up in it only beside a <c>yield return</c>.</summary>
        private static bool CountsYieldedParts(ILocalSymbol counter, ILoopOperation loop)
        {
            if (!IsIntegral(counter.Type) || counter.DeclaringSyntaxReferences.Length != 1
                || counter.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: var initial } declarator
                || ValueOrigins.IsWithin(declarator, loop.Syntax)
                || loop.SemanticModel is not { } model || declarator.SyntaxTree != model.SyntaxTree
                || model.GetConstantValue(initial) is not { HasValue: true, Value: int or long } start
                || System.Convert.ToInt64(start.Value, System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                return false;
            }

            var counted = false;
            foreach (var operation in RetryContextFinder.DescendantsInSameFunction(loop.Body))
            {
                if (!WritesCount(operation, counter))
                {
                    continue;
                }

                if (CountsUp(operation)
                    && operation.Parent is IExpressionStatementOperation { Parent: IBlockOperation block }
                    && block.Operations.Any(o => o.Syntax is YieldStatementSyntax yield && yield.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.YieldReturnStatement)))
                {
                    counted = true;
                    continue;
                }

                return false;
            }

            return counted;
        }

        /// <summary><c>n++</c>, <c>++n</c>, or <c>n += k</c> with k a positive constant.</summary>
        private static bool CountsUp(IOperation write) => write switch
        {
            IIncrementOrDecrementOperation { Kind: OperationKind.Increment } => true,
            ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } add => ValueOrigins.ConstantInt(ValueOrigins.Unwrap(add.Value)) is > 0,
            _ => false,
        };

        /// <summary>Any write of the count: assignment, <c>++</c>/<c>--</c>, a deconstruction into it, or a <c>ref</c>/<c>out</c> argument.</summary>
        private static bool WritesCount(IOperation operation, ILocalSymbol counter) => operation switch
        {
            IIncrementOrDecrementOperation change => OnceCreatedEnumerators.IsLocal(change.Target, counter),
            IDeconstructionAssignmentOperation deconstruction => deconstruction.Target.DescendantsAndSelf()
                .Any(t => t is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, counter)),
            _ => OnceCreatedEnumerators.WritesLocal(operation, counter),
        };

        private static bool IsIntegral(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
            or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16;
    }
}
