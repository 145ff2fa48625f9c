using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The sampling parameters a client's Microsoft.Extensions.AI pipeline removes from every request:
    /// <c>chat.AsBuilder().ConfigureOptions(o => o.TopP = null).Build()</c> runs the lambda on each request's options
    /// (ConfigureOptionsChatClient, on a clone) before the inner client sends them, so options that set <c>TopP</c> never
    /// send it through that client. The client is read where it is built in view: the receiver's own chain, a local's one
    /// initializer, or a <c>readonly</c> field's one write in its type. The lambda must clear the parameter on every
    /// request, or under a test that reads only the options' own sampling values (<c>if (o.Temperature is not null &amp;&amp;
    /// o.TopP is not null) o.TopP = null;</c>, which clears it whenever both are set); a lambda that writes something else,
    /// or clears it under any other condition, clears nothing.
    /// </summary>
    internal static class ClearingPipelines
    {
        // A pipeline nests a few builder calls; more than this many steps down the chain is not followed.
        private const int MaxChain = 16;

        /// <summary>
        /// What the pipeline of the client <paramref name="receiver"/> clears: each property (<c>"TopP"</c>) with the
        /// properties a request must set for the clearing to run (empty when it always runs); null when it clears nothing.
        /// </summary>
        public static Dictionary<string, HashSet<string>>? Cleared(IOperation receiver, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (symbols.ConfigureOptionsExtensions == null)
            {
                return null;
            }

            var built = BuiltValue(ModelIdValue.Unwrap(receiver), cancellationToken);
            Dictionary<string, HashSet<string>>? cleared = null;
            for (var step = 0; step < MaxChain && built is IInvocationOperation call; step++)
            {
                if (symbols.IsConfigureOptions(call.TargetMethod) && call.Arguments.Length == 2)
                {
                    Read(call.Arguments[1].Value, ref cleared);
                }

                var next = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                built = next == null ? null : ModelIdValue.Unwrap(next);
            }

            return cleared;
        }

        /// <summary>Whether <paramref name="property"/> is cleared for a request that sets <paramref name="set"/>.</summary>
        public static bool Clears(Dictionary<string, HashSet<string>> cleared, string property, IEnumerable<string> set) =>
            cleared.TryGetValue(property, out var requires) && requires.All(required => set.Contains(required));

        /// <summary>The expression that built the client: itself, a local's one initializer, or a readonly field's one write.</summary>
        private static IOperation? BuiltValue(IOperation receiver, CancellationToken cancellationToken)
        {
            switch (receiver)
            {
                case ILocalReferenceOperation { Local: var local }:
                    if (ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is { } initializer
                        && receiver.SemanticModel is { } model && model.SyntaxTree == initializer.SyntaxTree)
                    {
                        return model.GetOperation(initializer, cancellationToken) is { } value ? ModelIdValue.Unwrap(value) : null;
                    }

                    return null;
                case IFieldReferenceOperation { Field: { IsReadOnly: true } field } when receiver.SemanticModel?.Compilation is { } compilation:
                    var writes = WrittenValues.Of(field, compilation, cancellationToken).Take(2).ToList();
                    return writes.Count == 1 && ClientFields.WritesByName(field, cancellationToken) <= 1 ? ModelIdValue.Unwrap(writes[0]) : null;
                default:
                    return receiver;
            }
        }

        /// <summary>The properties a <c>ConfigureOptions</c> lambda sets to null, with the properties its guard requires set.</summary>
        private static void Read(IOperation argument, ref Dictionary<string, HashSet<string>>? cleared)
        {
            if (ModelIdValue.Unwrap(argument) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.Parameters: { Length: 1 } parameters } lambda })
            {
                return;
            }

            var found = new Dictionary<string, HashSet<string>>();
            ReadStatements(lambda.Body.Operations, parameters[0], found, requires: null);
            foreach (var entry in found)
            {
                cleared ??= new Dictionary<string, HashSet<string>>();
                // Two pipelines clearing the same property: the one with fewer conditions decides.
                if (!cleared.TryGetValue(entry.Key, out var known) || known.Count > entry.Value.Count)
                {
                    cleared[entry.Key] = entry.Value;
                }
            }
        }

        private static void ReadStatements(IEnumerable<IOperation> statements, IParameterSymbol options, Dictionary<string, HashSet<string>> found, HashSet<string>? requires)
        {
            foreach (var statement in statements)
            {
                switch (statement)
                {
                    case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }:
                        Assign(assignment, options, found, requires);
                        break;
                    case IReturnOperation { ReturnedValue: ISimpleAssignmentOperation returned }:
                        Assign(returned, options, found, requires);
                        break;
                    case IBlockOperation block:
                        ReadStatements(block.Operations, options, found, requires);
                        break;
                    case IConditionalOperation { WhenFalse: null } conditional when requires == null:
                        var tested = new HashSet<string>();
                        if (SetTests(conditional.Condition, options, tested))
                        {
                            ReadStatements(new[] { conditional.WhenTrue }, options, found, tested);
                        }

                        break;
                }
            }
        }

        private static void Assign(ISimpleAssignmentOperation assignment, IParameterSymbol options, Dictionary<string, HashSet<string>> found, HashSet<string>? requires)
        {
            if (OptionsProperty(assignment.Target, options) is not { } name)
            {
                return;
            }

            var value = ModelIdValue.Unwrap(assignment.Value);
            if (value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation)
            {
                found[name] = requires ?? new HashSet<string>();
            }
            else
            {
                // A later write sets it again.
                found.Remove(name);
            }
        }

        /// <summary>
        /// A guard that holds exactly when the request sets some sampling properties: <c>o.TopP is not null</c>,
        /// <c>o.TopP != null</c>, <c>o.TopP.HasValue</c>, joined by <c>&amp;&amp;</c>. Anything else is no such guard.
        /// </summary>
        private static bool SetTests(IOperation condition, IParameterSymbol options, HashSet<string> tested)
        {
            switch (ModelIdValue.Unwrap(condition))
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                    return SetTests(both.LeftOperand, options, tested) && SetTests(both.RightOperand, options, tested);
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } } isNot
                    when IsNull(constant) && OptionsProperty(isNot.Value, options) is { } notNull:
                    return Note(tested, notNull);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals
                    when IsNull(notEquals.RightOperand) && OptionsProperty(notEquals.LeftOperand, options) is { } compared:
                    return Note(tested, compared);
                case IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } nullable } when OptionsProperty(nullable, options) is { } hasValue:
                    return Note(tested, hasValue);
                default:
                    return false;
            }
        }

        private static bool Note(HashSet<string> tested, string property)
        {
            tested.Add(property);
            return true;
        }

        private static bool IsNull(IOperation operation) => ModelIdValue.Unwrap(operation).ConstantValue is { HasValue: true, Value: null };

        /// <summary>The name of a sampling property read or written on the lambda's own options parameter.</summary>
        private static string? OptionsProperty(IOperation operation, IParameterSymbol options) =>
            ModelIdValue.Unwrap(operation) is IPropertyReferenceOperation { Instance: { } instance, Property.Name: var name }
            && ModelIdValue.Unwrap(instance) is IParameterReferenceOperation { Parameter: var read }
            && SymbolEqualityComparer.Default.Equals(read, options)
            && SamplingRules.ApiName(name) != null
                ? name
                : null;
    }
}
