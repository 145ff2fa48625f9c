using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The constant arguments of one call to a project helper (<c>ModelFor(Tier.Fast)</c>), and which of the helper's
    /// branches they leave reachable: the arm of a switch on that parameter, the branch of a condition on it, the section
    /// of a switch statement, the side of an <c>if</c>. A call that passes <c>Tier.Fast</c> never gets the id the
    /// <c>Tier.Legacy</c> arm returns, so that id is not reported there. Where a branch cannot be decided (a guard, a
    /// relational pattern) with the parameter known, the branch counts as unreachable: the call sends one id, and
    /// guessing which would report ids the call never sends.
    /// </summary>
    internal sealed class HelperArguments
    {
        private readonly Dictionary<IParameterSymbol, object?> constants;
        private readonly IInvocationOperation call;

        private HelperArguments(Dictionary<IParameterSymbol, object?> constants, IInvocationOperation call)
        {
            this.constants = constants;
            this.call = call;
        }

        public static HelperArguments Of(IInvocationOperation call)
        {
            var constants = new Dictionary<IParameterSymbol, object?>(SymbolEqualityComparer.Default);
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter != null && argument.ArgumentKind != ArgumentKind.ParamArray
                    && argument.Value.ConstantValue is { HasValue: true } constant)
                {
                    constants[argument.Parameter.OriginalDefinition] = constant.Value;
                }
            }

            return new HelperArguments(constants, call);
        }

        public bool IsEmpty => constants.Count == 0;

        /// <summary>The value <paramref name="operation"/> has for this call, when it is a constant or a parameter the call passes a constant to.</summary>
        public Optional<object?> ValueOf(IOperation operation)
        {
            var value = ModelIdValue.Unwrap(operation);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue;
            }

            return value is IParameterReferenceOperation { Parameter: var parameter } && constants.TryGetValue(parameter.OriginalDefinition, out var bound)
                ? new Optional<object?>(bound)
                : default;
        }

        /// <summary>
        /// The constant string the call passes to the parameter a helper returns: <c>ModelOrDefault("INPUT_OPENAI_MODEL",
        /// DefaultOpenAiModel)</c> with <c>return string.IsNullOrWhiteSpace(value) ? defaultModel : value;</c> (review61,
        /// DocTranslator.LLM) sends the default whenever the environment variable is unset. Null when the helper writes
        /// the parameter, or when an argument of the call reads configuration: the helper may then be a configured
        /// key's fallback (<c>Pick(config["OpenAI:Model"], "gpt-4")</c>) that the settings files make dead, which only
        /// the call site's rules can tell.
        /// </summary>
        public string? ReturnedConstant(IOperation value, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (ModelIdValue.Unwrap(value) is not IParameterReferenceOperation { Parameter: var parameter }
                || !constants.TryGetValue(parameter.OriginalDefinition, out var bound)
                || bound is not string id
                || parameter.RefKind != RefKind.None
                || parameter.DeclaringSyntaxReferences.Length != 1
                || parameter.ContainingSymbol.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && HelperReturnIds.ConfigurationRead(argument.Value, symbols, cancellationToken) != null)
                {
                    return null;
                }
            }

            var declaration = parameter.ContainingSymbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            foreach (var identifier in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == parameter.Name && ModelIdValue.IsWritten(identifier))
                {
                    return null;
                }
            }

            return id;
        }

        /// <summary>Whether <paramref name="value"/> reads a parameter the call passes a constant to.</summary>
        public bool Binds(IOperation value) =>
            ModelIdValue.Unwrap(value) is IParameterReferenceOperation { Parameter: var parameter } && constants.ContainsKey(parameter.OriginalDefinition);

        /// <summary>A condition's value for this call: <c>cheap</c>, <c>tier == Tier.Fast</c>, <c>tier is Tier.Fast</c>, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>.</summary>
        public bool? Evaluate(IOperation condition)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            var value = ModelIdValue.Unwrap(condition);
            switch (value)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return !Evaluate(not.Operand);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return Evaluate(and.LeftOperand) is { } leftAnd && Evaluate(and.RightOperand) is { } rightAnd ? leftAnd && rightAnd
                        : Evaluate(and.LeftOperand) == false || Evaluate(and.RightOperand) == false ? false : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    return Evaluate(or.LeftOperand) is { } leftOr && Evaluate(or.RightOperand) is { } rightOr ? leftOr || rightOr
                        : Evaluate(or.LeftOperand) == true || Evaluate(or.RightOperand) == true ? true : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when ValueOf(comparison.LeftOperand) is { HasValue: true } left && ValueOf(comparison.RightOperand) is { HasValue: true } right:
                    return Equals(left.Value, right.Value) == (comparison.OperatorKind == BinaryOperatorKind.Equals);
                case IIsPatternOperation isPattern when ValueOf(isPattern.Value) is { HasValue: true } tested:
                    return Matches(isPattern.Pattern, tested.Value);
            }

            return ValueOf(value) is { HasValue: true, Value: bool known } ? known : null;
        }

        /// <summary>Whether a pattern matches a constant: constant patterns, <c>_</c>, <c>not</c>, <c>or</c>; null when it cannot tell.</summary>
        public static bool? Matches(IPatternOperation pattern, object? value)
        {
            switch (pattern)
            {
                case IDiscardPatternOperation:
                    return true;
                case IConstantPatternOperation { Value.ConstantValue: { HasValue: true } constant }:
                    return Equals(constant.Value, value);
                case INegatedPatternOperation negated:
                    return !Matches(negated.Pattern, value);
                case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either:
                    return Matches(either.LeftPattern, value) is { } left && Matches(either.RightPattern, value) is { } right ? left || right : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The value a switch expression on a bound parameter produces for this call: its first matching arm's value;
        /// null when the switch is not on a bound parameter (<paramref name="decided"/> false) or when no arm can be
        /// decided (<paramref name="decided"/> true, nothing reachable is known).
        /// </summary>
        public IOperation? ArmFor(ISwitchExpressionOperation choice, out bool decided)
        {
            decided = false;
            if (ValueOf(choice.Value) is not { HasValue: true } tested || !Binds(choice.Value))
            {
                return null;
            }

            decided = true;
            foreach (var arm in choice.Arms)
            {
                var matches = Matches(arm.Pattern, tested.Value);
                if (matches == false)
                {
                    continue;
                }

                return matches == true && arm.Guard == null ? arm.Value : null;
            }

            return null;
        }

        /// <summary>
        /// Whether a <c>return</c> of the helper can run for this call: not in the branch of an <c>if</c>, the arm
        /// of a conditional, or a section of a switch statement that the call's constants rule out, nor after an
        /// <c>if</c> in the same block that returns or throws whenever it runs for this call.
        /// </summary>
        public bool MayRun(ReturnStatementSyntax statement, SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode child = statement;
            for (var node = statement.Parent; node != null && child != body; child = node, node = node.Parent)
            {
                switch (node)
                {
                    case IfStatementSyntax ifStatement when Condition(ifStatement.Condition, model, cancellationToken) is { } taken:
                        if ((child == ifStatement.Statement && !taken) || (child == ifStatement.Else && taken))
                        {
                            return false;
                        }

                        break;
                    case SwitchSectionSyntax section when node.Parent is SwitchStatementSyntax switchStatement
                            && model.GetOperation(switchStatement.Expression, cancellationToken) is { } governing && Binds(governing):
                        if (!SectionFor(switchStatement, ValueOf(governing).Value, model, cancellationToken, out var runs) || runs != section)
                        {
                            return false;
                        }

                        break;
                    case BlockSyntax block when ReturnsEarlier(block, child, model, cancellationToken):
                        return false;
                }
            }

            return true;
        }

        private bool? Condition(ExpressionSyntax condition, SemanticModel model, CancellationToken cancellationToken) =>
            model.GetOperation(condition, cancellationToken) is { } operation ? Evaluate(operation) : null;

        /// <summary>
        /// Whether the call decides which section of <paramref name="switchStatement"/> runs (it switches on a parameter the
        /// call passes a constant to, and every label can be read), and that section: the first with a matching case
        /// label, else the default's, null when none runs.
        /// </summary>
        public bool DecidesSection(SwitchStatementSyntax switchStatement, SemanticModel model, CancellationToken cancellationToken, out SwitchSectionSyntax? section)
        {
            section = null;
            return model.GetOperation(switchStatement.Expression, cancellationToken) is { } governing && Binds(governing)
                && SectionFor(switchStatement, ValueOf(governing).Value, model, cancellationToken, out section);
        }

        // The section a switch statement runs for a constant: the first with a matching case label, else the default's
        // (null when there is none); false (none decided) when a label is a pattern it cannot read.
        private static bool SectionFor(SwitchStatementSyntax switchStatement, object? value, SemanticModel model, CancellationToken cancellationToken, out SwitchSectionSyntax? found)
        {
            found = null;
            SwitchSectionSyntax? fallback = null;
            foreach (var section in switchStatement.Sections)
            {
                foreach (var label in section.Labels)
                {
                    switch (label)
                    {
                        case DefaultSwitchLabelSyntax:
                            fallback = section;
                            break;
                        case CaseSwitchLabelSyntax caseLabel when model.GetConstantValue(caseLabel.Value, cancellationToken) is { HasValue: true } constant:
                            if (Equals(constant.Value, value))
                            {
                                found = section;
                                return true;
                            }

                            break;
                        default:
                            return false;
                    }
                }
            }

            found = fallback;
            return true;
        }

        // `if (tier == Tier.Fast) return "gpt-5-mini";` before the statement, in the same block, taken for this call.
        private bool ReturnsEarlier(BlockSyntax block, SyntaxNode statement, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var earlier in block.Statements)
            {
                if (earlier == statement)
                {
                    return false;
                }

                if (earlier is IfStatementSyntax { Else: null } ifStatement
                    && AlwaysLeaves(ifStatement.Statement)
                    && Condition(ifStatement.Condition, model, cancellationToken) == true)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AlwaysLeaves(StatementSyntax statement) =>
            statement switch
            {
                ReturnStatementSyntax or ThrowStatementSyntax => true,
                BlockSyntax { Statements.Count: > 0 } block => AlwaysLeaves(block.Statements[block.Statements.Count - 1]),
                _ => false,
            };
    }
}
