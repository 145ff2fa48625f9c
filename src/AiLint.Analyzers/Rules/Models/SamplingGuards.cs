using System;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Whether a sampling assignment can run for the model its options go to. Apps that serve both kinds of model write
    /// <c>if (!IsReasoningModel(model)) options.Temperature = 0.7f;</c> or <c>if (!model.StartsWith("o")) ...</c>:
    /// with the model a constant the guard is decided here (string tests, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>,
    /// <c>==</c>, and one level of a project helper with an expression body or a single <c>return</c>); a guard that
    /// names the model but cannot be decided shows the code already handles reasoning models, so nothing is reported
    /// either. The enclosing <c>if</c>/<c>else</c> and conditional branches are read, and an earlier
    /// <c>if (...) return;</c> in an enclosing block.
    /// </summary>
    internal static class SamplingGuards
    {
        // Names that show a condition is about which model is called, or whether it takes sampling parameters.
        private static readonly string[] ModelWords = { "model", "reasoning", "temperature", "sampling", "deployment" };

        /// <summary>False when a branch the assignment sits in never runs, or is chosen by a test of the model the code cannot decide.</summary>
        public static bool MayRun(IOperation assignment, CancellationToken cancellationToken)
        {
            IOperation child = assignment;
            for (var node = assignment.Parent; node != null; child = node, node = node.Parent)
            {
                switch (node)
                {
                    case IConditionalOperation conditional when child == conditional.WhenTrue || child == conditional.WhenFalse:
                        var holds = new Evaluator(cancellationToken).Evaluate(conditional.Condition, depth: 0);
                        if (holds == null ? TestsTheModel(conditional.Condition) : holds != (child == conditional.WhenTrue))
                        {
                            return false;
                        }

                        break;
                    case IBlockOperation block:
                        foreach (var earlier in block.Operations)
                        {
                            if (earlier == child)
                            {
                                break;
                            }

                            // `if (IsReasoning(model)) return ...;` before the assignment: past it, the guard was false.
                            if (earlier is IConditionalOperation { WhenFalse: null } leaving && AlwaysLeaves(leaving.WhenTrue))
                            {
                                var left = new Evaluator(cancellationToken).Evaluate(leaving.Condition, depth: 0);
                                if (left == true || (left == null && TestsTheModel(leaving.Condition)))
                                {
                                    return false;
                                }
                            }
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return true;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>Temperature = IsReasoning(model) ? null : 0.7f</c>: the value the assignment writes, when a conditional
        /// chooses it by a test that can be decided; <paramref name="undecidedModelTest"/> when the test names the model
        /// but cannot be decided.
        /// </summary>
        public static IOperation Chosen(IOperation value, out bool undecidedModelTest, CancellationToken cancellationToken)
        {
            undecidedModelTest = false;

            // var temperature = IsReasoning(model) ? (float?)null : 0.7f; options.Temperature = temperature;
            if (ModelIdValue.Unwrap(value) is ILocalReferenceOperation { Local: var local }
                && ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is { } initializer
                && value.SemanticModel?.Compilation is { } compilation
                && SourceBodies.GetSemanticModel(compilation, initializer.SyntaxTree).GetOperation(initializer, cancellationToken) is { } initialValue
                && ModelIdValue.Unwrap(initialValue) is IConditionalOperation)
            {
                value = initialValue;
            }

            while (ModelIdValue.Unwrap(value) is IConditionalOperation { WhenFalse: { } whenFalse } conditional && !conditional.ConstantValue.HasValue)
            {
                var holds = new Evaluator(cancellationToken).Evaluate(conditional.Condition, depth: 0);
                if (holds == null)
                {
                    undecidedModelTest = TestsTheModel(conditional.Condition);
                    return value;
                }

                value = holds.Value ? conditional.WhenTrue : whenFalse;
            }

            return value;
        }

        /// <summary>Whether a condition reads something named for the model or for sampling support (<c>model</c>, <c>IsReasoningModel</c>, <c>supportsTemperature</c>).</summary>
        private static bool TestsTheModel(IOperation condition)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                var name = operation switch
                {
                    ILocalReferenceOperation local => local.Local.Name,
                    IParameterReferenceOperation parameter => parameter.Parameter.Name,
                    IFieldReferenceOperation field => field.Field.Name,
                    IPropertyReferenceOperation property => property.Property.Name,
                    IInvocationOperation invocation => invocation.TargetMethod.Name,
                    _ => null,
                };
                if (name != null && NamesTheModel(name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NamesTheModel(string name)
        {
            foreach (var word in ModelWords)
            {
                if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AlwaysLeaves(IOperation statement) => statement switch
        {
            IReturnOperation => true,
            IThrowOperation => true,
            IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break } => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations.Length: > 0 } block => AlwaysLeaves(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

        /// <summary>Decides a condition from constants; parameters of a helper being read are bound to the caller's constants.</summary>
        private sealed class Evaluator
        {
            private readonly CancellationToken cancellationToken;
            private readonly Dictionary<IParameterSymbol, object?> bound;

            public Evaluator(CancellationToken cancellationToken, Dictionary<IParameterSymbol, object?>? bound = null)
            {
                this.cancellationToken = cancellationToken;
                this.bound = bound ?? new Dictionary<IParameterSymbol, object?>(SymbolEqualityComparer.Default);
            }

            public bool? Evaluate(IOperation condition, int depth)
            {
                System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
                switch (ModelIdValue.Unwrap(condition))
                {
                    case IParenthesizedOperation parenthesized:
                        return Evaluate(parenthesized.Operand, depth);
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                        return !Evaluate(not.Operand, depth);
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                        var leftAnd = Evaluate(and.LeftOperand, depth);
                        var rightAnd = Evaluate(and.RightOperand, depth);
                        return leftAnd == false || rightAnd == false ? false : leftAnd == true && rightAnd == true ? true : null;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                        var leftOr = Evaluate(or.LeftOperand, depth);
                        var rightOr = Evaluate(or.RightOperand, depth);
                        return leftOr == true || rightOr == true ? true : leftOr == false && rightOr == false ? false : null;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                        when ValueOf(comparison.LeftOperand) is { HasValue: true } left && ValueOf(comparison.RightOperand) is { HasValue: true } right:
                        return Equals(left.Value, right.Value) == (comparison.OperatorKind == BinaryOperatorKind.Equals);
                    case IIsPatternOperation isPattern when ValueOf(isPattern.Value) is { HasValue: true } tested:
                        return HelperArguments.Matches(isPattern.Pattern, tested.Value);
                    case IInvocationOperation invocation:
                        return StringTest(invocation) ?? Helper(invocation, depth);
                    case var other when ValueOf(other) is { HasValue: true, Value: bool known }:
                        return known;
                    default:
                        return null;
                }
            }

            // model.StartsWith("o"), model.Contains("gpt-5", StringComparison.OrdinalIgnoreCase), model.Equals("o3"),
            // string.Equals(model, "o3").
            private bool? StringTest(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (method.ContainingType?.SpecialType != SpecialType.System_String)
                {
                    return null;
                }

                string? receiver;
                string? argument;
                var rest = 1;
                if (invocation.Instance != null)
                {
                    receiver = StringOf(invocation.Instance);
                    argument = invocation.Arguments.Length > 0 ? StringOf(invocation.Arguments[0].Value) : null;
                }
                else if (method.Name == "Equals" && invocation.Arguments.Length >= 2)
                {
                    receiver = StringOf(invocation.Arguments[0].Value);
                    argument = StringOf(invocation.Arguments[1].Value);
                    rest = 2;
                }
                else
                {
                    return null;
                }

                if (receiver == null || argument == null)
                {
                    return null;
                }

                var comparison = StringComparison.Ordinal;
                for (var i = rest; i < invocation.Arguments.Length; i++)
                {
                    var extra = invocation.Arguments[i];
                    if (extra.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        continue;
                    }

                    if (extra.Value.ConstantValue is { HasValue: true, Value: int kind } && Enum.IsDefined(typeof(StringComparison), kind))
                    {
                        comparison = (StringComparison)kind;
                    }
                    else
                    {
                        return null;
                    }
                }

                comparison = comparison is StringComparison.CurrentCultureIgnoreCase or StringComparison.InvariantCultureIgnoreCase or StringComparison.OrdinalIgnoreCase
                    ? StringComparison.OrdinalIgnoreCase
                    : StringComparison.Ordinal;
                return method.Name switch
                {
                    "StartsWith" => receiver.StartsWith(argument, comparison),
                    "EndsWith" => receiver.EndsWith(argument, comparison),
                    "Contains" => receiver.IndexOf(argument, comparison) >= 0,
                    "Equals" => string.Equals(receiver, argument, comparison),
                    _ => null,
                };
            }

            // IsReasoningModel(Model): a project helper with one returned expression, read with its string parameters bound.
            private bool? Helper(IInvocationOperation call, int depth)
            {
                var method = call.TargetMethod;
                if (depth > 1
                    || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                    || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                    || method.ReturnType.SpecialType != SpecialType.System_Boolean
                    || call.SemanticModel?.Compilation is not { } compilation
                    || !SourceBodies.IsInSource(method, compilation)
                    || method.DeclaringSyntaxReferences.Length != 1)
                {
                    return null;
                }

                var returned = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
                {
                    MethodDeclarationSyntax { ExpressionBody.Expression: { } expression } => expression,
                    LocalFunctionStatementSyntax { ExpressionBody.Expression: { } expression } => expression,
                    MethodDeclarationSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } single } => single,
                    LocalFunctionStatementSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } single } => single,
                    _ => null,
                };
                if (returned == null)
                {
                    return null;
                }

                var bindings = new Dictionary<IParameterSymbol, object?>(SymbolEqualityComparer.Default);
                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter != null && ValueOf(argument.Value) is { HasValue: true } value)
                    {
                        bindings[argument.Parameter.OriginalDefinition] = value.Value;
                    }
                }

                var model = SourceBodies.GetSemanticModel(compilation, returned.SyntaxTree);
                return model.GetOperation(returned, cancellationToken) is { } body
                    ? new Evaluator(cancellationToken, bindings).Evaluate(body, depth + 1)
                    : null;
            }

            private string? StringOf(IOperation operation) => ValueOf(operation) is { HasValue: true, Value: string text } ? text : null;

            private Optional<object?> ValueOf(IOperation operation)
            {
                var value = ModelIdValue.Unwrap(operation);
                if (value.ConstantValue.HasValue)
                {
                    return value.ConstantValue;
                }

                switch (value)
                {
                    case IParameterReferenceOperation { Parameter: var parameter }:
                        return bound.TryGetValue(parameter.OriginalDefinition, out var known) ? new Optional<object?>(known) : default;
                    case IInvocationOperation { Instance: { } instance, Arguments.Length: 0, TargetMethod.Name: "ToLowerInvariant" or "ToLower" or "Trim" } lowered
                            when lowered.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String && StringOf(instance) is { } text:
                        return new Optional<object?>(lowered.TargetMethod.Name == "Trim" ? text.Trim() : text.ToLowerInvariant());
                    default:
                        return ModelIdValue.Fold(value, cancellationToken) is { } folded ? new Optional<object?>(folded) : default;
                }
            }
        }
    }
}
