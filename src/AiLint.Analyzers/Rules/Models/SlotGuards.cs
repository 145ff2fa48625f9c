using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// What the branch a model slot sits in says about the value a switch picked its id by. A multi-provider factory
    /// writes <c>var model = provider switch { Provider.Azure =&gt; "gpt-4", _ =&gt; "gpt-5.5" };</c> and then
    /// <c>provider == Provider.Azure ? azure.GetChatClient(model) : openAI.GetChatClient(model)</c>: the OpenAI client
    /// never gets the Azure arm. Read from the slot outwards: a switch-expression arm, a conditional or <c>if</c>, a
    /// switch-statement section on the same value, and an earlier <c>if (provider == X) return ...;</c> in an enclosing
    /// block. Only a parameter or local that its member never writes again is followed (its value is the same at the
    /// switch and at the slot); anything else leaves every arm in play.
    /// </summary>
    internal sealed class SlotGuards
    {
        private readonly ISymbol governing;
        private Optional<object?> known;
        private readonly HashSet<object?> excluded = new HashSet<object?>();

        private SlotGuards(ISymbol governing) => this.governing = governing;

        /// <summary>The facts the slot's branches give about the value <paramref name="tested"/> reads; null when none.</summary>
        public static SlotGuards? For(IOperation tested, IOperation? slot, CancellationToken cancellationToken)
        {
            if (slot == null || Governing(tested, cancellationToken) is not { } symbol)
            {
                return null;
            }

            var guards = new SlotGuards(symbol);
            IOperation child = slot;
            for (var node = slot.Parent; node != null; child = node, node = node.Parent)
            {
                guards.Learn(node, child);
            }

            return guards.known.HasValue || guards.excluded.Count > 0 ? guards : null;
        }

        /// <summary>The arms of <paramref name="choice"/> the slot can get: all of them when nothing is known.</summary>
        public static IEnumerable<ISwitchExpressionArmOperation> ReachableArms(ISwitchExpressionOperation choice, IOperation? slot, CancellationToken cancellationToken)
        {
            if (For(choice.Value, slot, cancellationToken) is not { } guards)
            {
                return choice.Arms;
            }

            if (guards.known.HasValue)
            {
                // First match wins; an arm that cannot be decided (a guard, a relational pattern) stops the search with
                // nothing: which id the slot gets is not known, and guessing would report ids it never gets.
                foreach (var arm in choice.Arms)
                {
                    var matches = HelperArguments.Matches(arm.Pattern, guards.known.Value);
                    if (matches == false)
                    {
                        continue;
                    }

                    return matches == true && arm.Guard == null ? new[] { arm } : Enumerable.Empty<ISwitchExpressionArmOperation>();
                }

                return Enumerable.Empty<ISwitchExpressionArmOperation>();
            }

            return choice.Arms.Where(arm => !(arm.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true } constant }
                && guards.excluded.Contains(constant.Value)));
        }

        /// <summary>A condition's value at the slot (<c>provider == Provider.Azure</c>), when the slot's branches decide it.</summary>
        public static bool? Evaluate(IOperation condition, IOperation? slot, CancellationToken cancellationToken)
        {
            if (Comparison(condition) is not { } comparison || For(comparison.Tested, slot, cancellationToken) is not { } guards)
            {
                return null;
            }

            bool? equal = guards.known.HasValue ? Equals(guards.known.Value, comparison.Constant)
                : guards.excluded.Contains(comparison.Constant) ? false : null;
            return equal == null ? null : equal == comparison.Equal;
        }

        private void Learn(IOperation node, IOperation child)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            switch (node)
            {
                case ISwitchExpressionArmOperation arm when child == arm.Value && arm.Parent is ISwitchExpressionOperation choice && Reads(choice.Value):
                    if (arm.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true } armConstant })
                    {
                        Know(armConstant.Value);
                    }
                    else if (arm.Pattern is IDiscardPatternOperation)
                    {
                        // `_ =>` after constant arms: none of those constants.
                        foreach (var earlier in choice.Arms.TakeWhile(a => a != arm))
                        {
                            if (earlier.Guard == null && earlier.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true } earlierConstant })
                            {
                                excluded.Add(earlierConstant.Value);
                            }
                        }
                    }

                    break;
                case IConditionalOperation conditional when Comparison(conditional.Condition) is { } comparison && Reads(comparison.Tested):
                    if (child == conditional.WhenTrue)
                    {
                        Learn(comparison, holds: true);
                    }
                    else if (child == conditional.WhenFalse)
                    {
                        Learn(comparison, holds: false);
                    }

                    break;
                case ISwitchCaseOperation section when child != null && section.Body.Contains(child) && section.Parent is ISwitchOperation statement && Reads(statement.Value):
                    LearnSection(section, statement);
                    break;
                case IBlockOperation block:
                    // `if (provider == Provider.Azure) return azure...;` before the slot: past it, not Azure.
                    foreach (var earlier in block.Operations)
                    {
                        if (earlier == child)
                        {
                            break;
                        }

                        if (earlier is IConditionalOperation { WhenFalse: null } guard && AlwaysLeaves(guard.WhenTrue)
                            && Comparison(guard.Condition) is { } leaving && Reads(leaving.Tested))
                        {
                            Learn(leaving, holds: false);
                        }
                    }

                    break;
            }
        }

        private void LearnSection(ISwitchCaseOperation section, ISwitchOperation statement)
        {
            if (section.Clauses.Length == 1 && section.Clauses[0] is ISingleValueCaseClauseOperation { Value.ConstantValue: { HasValue: true } single })
            {
                Know(single.Value);
            }
            else if (section.Clauses.All(clause => clause is IDefaultCaseClauseOperation))
            {
                foreach (var other in statement.Cases)
                {
                    foreach (var clause in other.Clauses)
                    {
                        if (clause is ISingleValueCaseClauseOperation { Value.ConstantValue: { HasValue: true } otherValue })
                        {
                            excluded.Add(otherValue.Value);
                        }
                    }
                }
            }
        }

        private void Learn((IOperation Tested, object? Constant, bool Equal) comparison, bool holds)
        {
            if (comparison.Equal == holds)
            {
                Know(comparison.Constant);
            }
            else
            {
                excluded.Add(comparison.Constant);
            }
        }

        // The innermost fact wins (the slot is read outwards); an outer one cannot contradict it on a path that runs.
        private void Know(object? value)
        {
            if (!known.HasValue)
            {
                known = new Optional<object?>(value);
            }
        }

        private bool Reads(IOperation value) => ModelIdValue.Unwrap(value) switch
        {
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, governing),
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, governing),
            _ => false,
        };

        // `provider == Provider.Azure`, `Provider.Azure != provider`, `provider is Provider.Azure`.
        private static (IOperation Tested, object? Constant, bool Equal)? Comparison(IOperation condition)
        {
            switch (ModelIdValue.Unwrap(condition))
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    var equal = binary.OperatorKind == BinaryOperatorKind.Equals;
                    if (ModelIdValue.Unwrap(binary.RightOperand).ConstantValue is { HasValue: true } right && !ModelIdValue.Unwrap(binary.LeftOperand).ConstantValue.HasValue)
                    {
                        return (binary.LeftOperand, right.Value, equal);
                    }

                    if (ModelIdValue.Unwrap(binary.LeftOperand).ConstantValue is { HasValue: true } left && !ModelIdValue.Unwrap(binary.RightOperand).ConstantValue.HasValue)
                    {
                        return (binary.RightOperand, left.Value, equal);
                    }

                    return null;
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true } constant } } isPattern:
                    return (isPattern.Value, constant.Value, true);
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true } negated } } } isNot:
                    return (isNot.Value, negated.Value, false);
                default:
                    return null;
            }
        }

        private static bool AlwaysLeaves(IOperation statement) => statement switch
        {
            IReturnOperation => true,
            IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations.Length: > 0 } block => AlwaysLeaves(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

        // A parameter its member never writes, or a local never written after its declaration.
        private static ISymbol? Governing(IOperation tested, CancellationToken cancellationToken)
        {
            switch (ModelIdValue.Unwrap(tested))
            {
                case ILocalReferenceOperation { Local: var local }:
                    return ModelIdValue.NeverReassignedInitializer(local, cancellationToken) != null ? local : null;
                case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
                        when parameter.ContainingSymbol.DeclaringSyntaxReferences.Length == 1:
                    var member = parameter.ContainingSymbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
                    return member.DescendantNodes().OfType<IdentifierNameSyntax>()
                        .Any(identifier => identifier.Identifier.ValueText == parameter.Name && ModelIdValue.IsWritten(identifier))
                        ? null
                        : parameter;
                default:
                    return null;
            }
        }
    }
}
