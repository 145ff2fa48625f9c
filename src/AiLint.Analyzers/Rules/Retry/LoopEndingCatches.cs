using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A <c>catch</c> that falls out of its handler but first makes the loop's own condition false, so that the loop's next
    /// test leaves it: it ends the loop like a <c>break</c>, and nothing is sent again (review 44, F1):
    /// <code>
    /// while (!response.IsError)
    /// {
    ///     try { ...read the next chunk...; response = response with { Message = text }; }
    ///     catch (Exception) { response = response with { IsError = true }; }
    ///     yield return response;
    /// }
    /// </code>
    /// </summary>
    /// <remarks>
    /// Precise by construction, else the catch still goes round:
    /// <list type="bullet">
    /// <item>the condition is one test, or an <c>&amp;&amp;</c> of tests, one of which reads a local (or a property of a local)
    /// as <c>!x</c>, <c>x</c>, <c>x == K</c>, <c>x != K</c>, <c>x is K</c> or <c>x is not K</c>;</item>
    /// <item>a statement of the handler itself (not one inside an <c>if</c>) gives it a constant that makes that test false:
    /// <c>failed = true;</c>, <c>running = false;</c>, <c>r = r with { IsError = true };</c>, <c>r = new R { IsError = true };</c>,
    /// <c>r.IsError = true;</c>; no <c>continue</c> or <c>goto</c> comes before it in the handler, and nothing after it in
    /// the handler writes the local again;</item>
    /// <item>nothing that runs between the catch and the loop's next test (the statements after the <c>try</c> in the
    /// loop body, a <c>finally</c>, a <c>for</c> loop's increment) writes the local, and no loop lies between the catch and
    /// the retry loop.</item>
    /// </list>
    /// A flag set only sometimes (<c>if (++failures &gt;= 3) failed = true;</c>, <c>running = ++attempts &lt; 3;</c>) or one the
    /// condition does not read leaves the catch going round.
    /// </remarks>
    internal static class LoopEndingCatches
    {
        /// <summary>True when <paramref name="catch"/> makes <paramref name="loop"/>'s condition false on every way out of its end.</summary>
        public static bool EndsLoop(ICatchClauseOperation @catch, ILoopOperation loop)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's
            if (LoopRetryClassifier.ConditionOf(loop) is not { } condition || @catch.Parent is not ITryOperation owner)
            {
                return false;
            }

            var tests = ConditionChains.Terms(condition, BinaryOperatorKind.ConditionalAnd, ValueOrigins.Unwrap)
                .Select(ReadTest.Of).Where(t => t is not null).Select(t => t!.Value).ToList();
            if (tests.Count == 0)
            {
                return false;
            }

            if (!RunsBeforeNextTest(owner, loop, out var between))
            {
                return false;
            }

            var handler = @catch.Handler.Operations;
            for (var i = 0; i < handler.Length; i++)
            {
                if (handler[i] is not IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment })
                {
                    continue;
                }

                foreach (var test in tests)
                {
                    if (test.MadeFalseBy(assignment)
                        && !handler.Take(i).Any(JumpsBack)
                        && !handler.Skip(i + 1).Any(o => Writes(o, test.Local))
                        && !between.Any(o => Writes(o, test.Local)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A <c>continue</c> or <c>goto</c> among the operations: it could go round before the flag is set.</summary>
        private static bool JumpsBack(IOperation operation) =>
            operation.DescendantsAndSelf().Any(o => o is IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.GoTo });

        private static bool Writes(IOperation root, ILocalSymbol local) =>
            root.DescendantsAndSelf().Any(o => o switch
            {
                IDeconstructionAssignmentOperation deconstruction => deconstruction.Target.DescendantsAndSelf().Any(t => Targets(t, local)),
                IAssignmentOperation assignment => Targets(assignment.Target, local),
                IIncrementOrDecrementOperation increment => Targets(increment.Target, local),
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef => Targets(byRef.Value, local),
                _ => false,
            });

        /// <summary>The target is the local or a member of it (<c>r.IsError = false</c>).</summary>
        private static bool Targets(IOperation target, ILocalSymbol local)
        {
            for (var current = ValueOrigins.Unwrap(target); current is not null;)
            {
                switch (current)
                {
                    case ILocalReferenceOperation reference:
                        return SymbolEqualityComparer.Default.Equals(reference.Local, local);
                    case IMemberReferenceOperation { Instance: { } instance }:
                        current = ValueOrigins.Unwrap(instance);
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// What runs after the try falls out and before the loop tests its condition again: the statements after each
        /// enclosing statement up to the loop body, the <c>finally</c> of the try and of enclosing tries, and a <c>for</c>
        /// loop's increment. False when another loop, a lambda or a local function lies between (its own rules apply).
        /// </summary>
        private static bool RunsBeforeNextTest(ITryOperation @try, ILoopOperation loop, out List<IOperation> between)
        {
            between = new List<IOperation>();
            if (@try.Finally is { } ownFinally)
            {
                between.Add(ownFinally);
            }

            IOperation current = @try;
            for (var parent = @try.Parent; parent != loop; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case null or ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case IBlockOperation block:
                        between.AddRange(block.Operations.Skip(block.Operations.IndexOf(current) + 1));
                        break;
                    case ITryOperation { Finally: { } enclosingFinally } enclosing when current == enclosing.Body:
                        between.Add(enclosingFinally);
                        break;
                }
            }

            if (loop is IForLoopOperation forLoop)
            {
                between.AddRange(forLoop.AtLoopBottom);
            }

            return true;
        }

        /// <summary>
        /// One test of the loop condition on a local: <c>!x</c>, <c>x</c>, <c>x == K</c>, <c>x != K</c> (also as patterns),
        /// where x is the local or one property of it, and what value of x makes the test false.
        /// </summary>
        private readonly struct ReadTest
        {
            private ReadTest(ILocalSymbol local, IPropertySymbol? property, object expected, bool falseWhenEqual)
            {
                Local = local;
                Property = property;
                Expected = expected;
                FalseWhenEqual = falseWhenEqual;
            }

            public ILocalSymbol Local { get; }

            /// <summary>The property of the local the test reads (<c>response.IsError</c>), or null for the local itself.</summary>
            public IPropertySymbol? Property { get; }

            private object Expected { get; }

            /// <summary>True when the test is false for a value equal to <see cref="Expected"/>; false when for any other.</summary>
            private bool FalseWhenEqual { get; }

            public static ReadTest? Of(IOperation test)
            {
                switch (test)
                {
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                        return Read(not.Operand, true, falseWhenEqual: true);
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                        var equals = comparison.OperatorKind == BinaryOperatorKind.Equals;
                        return Constant(comparison.RightOperand) is { } right ? Read(comparison.LeftOperand, right, falseWhenEqual: !equals)
                            : Constant(comparison.LeftOperand) is { } left ? Read(comparison.RightOperand, left, falseWhenEqual: !equals)
                            : null;
                    case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern when Constant(constant.Value) is { } value:
                        return Read(pattern.Value, value, falseWhenEqual: false);
                    case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation negated } } pattern when Constant(negated.Value) is { } value:
                        return Read(pattern.Value, value, falseWhenEqual: true);
                    default:
                        return test.Type?.SpecialType == SpecialType.System_Boolean ? Read(test, false, falseWhenEqual: true) : null;
                }
            }

            private static ReadTest? Read(IOperation value, object expected, bool falseWhenEqual) => ValueOrigins.Unwrap(value) switch
            {
                ILocalReferenceOperation local => new ReadTest(local.Local, null, expected, falseWhenEqual),
                IPropertyReferenceOperation { Property.IsIndexer: false, Instance: ILocalReferenceOperation owner } property =>
                    new ReadTest(owner.Local, property.Property, expected, falseWhenEqual),
                _ => null,
            };

            private static object? Constant(IOperation operation)
            {
                var value = operation.ConstantValue.HasValue ? operation.ConstantValue : ValueOrigins.Unwrap(operation).ConstantValue;
                return value.HasValue ? value.Value : null;
            }

            /// <summary>
            /// The assignment gives the value the test reads a constant that makes the test false: <c>x = K</c>, or for a
            /// property <c>x = x with { P = K }</c>, <c>x = new T { P = K }</c>, <c>x.P = K</c>.
            /// </summary>
            public bool MadeFalseBy(ISimpleAssignmentOperation assignment)
            {
                var target = ValueOrigins.Unwrap(assignment.Target);
                if (Property is null)
                {
                    return target is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, Local) && MakesFalse(assignment.Value);
                }

                if (target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } member
                    && SymbolEqualityComparer.Default.Equals(owner.Local, Local) && SymbolEqualityComparer.Default.Equals(member.Property, Property))
                {
                    return MakesFalse(assignment.Value);
                }

                if (target is not ILocalReferenceOperation whole || !SymbolEqualityComparer.Default.Equals(whole.Local, Local))
                {
                    return false;
                }

                var initializer = ValueOrigins.Unwrap(assignment.Value) switch
                {
                    IWithOperation with => with.Initializer,
                    IObjectCreationOperation creation => creation.Initializer,
                    _ => null,
                };

                // The last setting of the property in the initializer is the one the new value keeps.
                var property = Property;
                var set = initializer?.Initializers.OfType<ISimpleAssignmentOperation>()
                    .LastOrDefault(a => a.Target is IPropertyReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Property, property));
                return set is not null && MakesFalse(set.Value);
            }

            private bool MakesFalse(IOperation value)
            {
                if (Constant(value) is not { } constant || constant.GetType() != Expected.GetType())
                {
                    return false;
                }

                return constant.Equals(Expected) == FalseWhenEqual;
            }
        }
    }
}
