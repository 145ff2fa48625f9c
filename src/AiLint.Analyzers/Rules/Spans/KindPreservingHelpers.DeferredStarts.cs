using System.Collections.Concurrent;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// A scope wrapper's <c>SetStartTime</c> that passes the time to <c>Activity.SetStartTime</c> only once its activity
    /// exists, and otherwise keeps it as a <c>DateTimeOffset</c> for the start. Azure.Core's <c>DiagnosticScope</c>
    /// (azure-sdk-for-net, sdk/core/Azure.Core/src/Shared/DiagnosticScope.cs) does
    /// <c>_startTime = startTime; _currentActivity?.SetStartTime(startTime);</c>, where <c>_currentActivity</c> is set
    /// in <c>Start()</c> and <c>Start()</c> hands <c>_startTime</c> to <c>StartActivity(startTime:)</c> or
    /// <c>SetStartTime(_startTime.UtcDateTime)</c>. Its callers set the time before <c>Start()</c>
    /// (<c>scope.SetStartTime(DateTime.Now); scope.Start();</c>, the order Azure.Identity uses), where the implicit
    /// conversion to <c>DateTimeOffset</c> keeps a local time's instant and nothing is dropped: reporting "ignores this
    /// value" there would be wrong for the usual call order, so such a wrapper is not a sink (review47, debatable 1).
    /// </summary>
    /// <remarks>
    /// All three must hold, otherwise the wrapper stays a sink:
    /// the call is guarded by a field of the wrapper's own type holding the activity (<c>_activity?.SetStartTime(t)</c>,
    /// or inside <c>if (_activity != null)</c> / <c>is not null</c>, or the else of <c>== null</c>, or after
    /// <c>if (_activity == null) { ...; return; }</c>);
    /// that field is not set by an initializer or a constructor, so it is still null before some later method (a
    /// <c>Start()</c>) runs; and the same method stores the parameter, Kind unchanged, into a <c>DateTimeOffset</c>
    /// member of that type (<c>_startTime = t</c>, which converts correctly). A wrapper whose activity is created with it
    /// (in the constructor) reaches <c>Activity.SetStartTime</c> on every call and is still reported. Only start times:
    /// <c>StartActivity</c> takes a <c>DateTimeOffset</c> start, while an end time has no such way in.
    /// </remarks>
    internal sealed partial class KindPreservingHelpers
    {
        private readonly ConcurrentDictionary<IFieldSymbol, bool> setAtConstruction = new ConcurrentDictionary<IFieldSymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>True when the <paramref name="sink"/> call in <paramref name="method"/> only runs once the wrapper's activity exists and the start time is otherwise kept for the start.</summary>
        private bool DeferredUntilStart(SpanSink sink, IInvocationOperation call, int ordinal, IMethodSymbol method, IOperation body, LocalValueIndex index)
        {
            return sink.Role == SinkRole.Start
                && GuardingField(call, method, body) is { } field
                && StoresAsOffset(body, method, ordinal, index)
                && !SetAtConstruction(field);
        }

        /// <summary>The wrapper's own activity field that must be non-null for <paramref name="call"/> to run, or null.</summary>
        private static IFieldSymbol? GuardingField(IInvocationOperation call, IMethodSymbol method, IOperation body)
        {
            if (call.Instance is IConditionalAccessInstanceOperation)
            {
                // `_activity?.SetStartTime(t)`: the nearest conditional access is the one whose receiver `?.` tested.
                for (var current = call.Parent; current is not null && current != body; current = current.Parent)
                {
                    if (current is IConditionalAccessOperation access)
                    {
                        return OwnField(access.Operation, method);
                    }
                }

                return null;
            }

            if (OwnField(call.Instance, method) is not { } field)
            {
                return null;
            }

            // `if (_activity != null) _activity.SetStartTime(t); else _startTime = t;`, or a guard clause before the call:
            // `if (_activity == null) { _startTime = t; return; } _activity.SetStartTime(t);`
            IOperation child = call;
            for (var current = call.Parent; current is not null && child != body; child = current, current = current.Parent)
            {
                if (current is IConditionalOperation conditional
                    && ((child == conditional.WhenTrue && TestsNonNull(conditional.Condition, field))
                        || (child == conditional.WhenFalse && TestsNull(conditional.Condition, field))))
                {
                    return field;
                }

                if (current is IBlockOperation block && ReturnsEarlyWhenNull(block, child, field))
                {
                    return field;
                }
            }

            return null;
        }

        /// <summary>A statement of <paramref name="block"/> before <paramref name="statement"/> that returns when the field is null.</summary>
        private static bool ReturnsEarlyWhenNull(IBlockOperation block, IOperation statement, IFieldSymbol field)
        {
            foreach (var earlier in block.Operations)
            {
                if (earlier == statement)
                {
                    return false;
                }

                if (earlier is IConditionalOperation { WhenFalse: null } guard && TestsNull(guard.Condition, field) && EndsInReturn(guard.WhenTrue))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool EndsInReturn(IOperation operation) => operation switch
        {
            IReturnOperation { Kind: OperationKind.Return } => true,
            IBlockOperation { Operations.Length: > 0 } block => EndsInReturn(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

        /// <summary>A field of <paramref name="method"/>'s own type read off <c>this</c> (or static), holding what may be the activity.</summary>
        private static IFieldSymbol? OwnField(IOperation? operation, IMethodSymbol method)
        {
            while (operation is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            return operation is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } reference
                && SymbolEqualityComparer.Default.Equals(reference.Field.ContainingType?.OriginalDefinition, method.ContainingType?.OriginalDefinition)
                ? reference.Field.OriginalDefinition
                : null;
        }

        private static bool TestsNonNull(IOperation condition, IFieldSymbol field) => condition switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } binary => ComparesWithNull(binary, field),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both => TestsNonNull(both.LeftOperand, field) || TestsNonNull(both.RightOperand, field),
            IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation negated } } pattern => IsNull(negated.Value) && IsField(pattern.Value, field),
            IIsPatternOperation { Pattern: IRecursivePatternOperation or ITypePatternOperation } pattern => IsField(pattern.Value, field),
            IParenthesizedOperation parenthesized => TestsNonNull(parenthesized.Operand, field),
            _ => false,
        };

        private static bool TestsNull(IOperation condition, IFieldSymbol field) => condition switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } binary => ComparesWithNull(binary, field),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either => TestsNull(either.LeftOperand, field) || TestsNull(either.RightOperand, field),
            IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern => IsNull(constant.Value) && IsField(pattern.Value, field),
            IParenthesizedOperation parenthesized => TestsNull(parenthesized.Operand, field),
            _ => false,
        };

        private static bool ComparesWithNull(IBinaryOperation binary, IFieldSymbol field) =>
            (IsField(binary.LeftOperand, field) && IsNull(binary.RightOperand)) || (IsField(binary.RightOperand, field) && IsNull(binary.LeftOperand));

        private static bool IsNull(IOperation operation) => operation.ConstantValue is { HasValue: true, Value: null };

        private static bool IsField(IOperation operation, IFieldSymbol field)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } reference
                && SymbolEqualityComparer.Default.Equals(reference.Field.OriginalDefinition, field);
        }

        /// <summary><c>_startTime = start;</c> with <c>_startTime</c> a <c>DateTimeOffset</c> member of the method's type and <c>start</c> the parameter, Kind unchanged.</summary>
        private bool StoresAsOffset(IOperation body, IMethodSymbol method, int ordinal, LocalValueIndex index)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } target } assignment
                    && target.Member is IFieldSymbol or IPropertySymbol
                    && SymbolEqualityComparer.Default.Equals(target.Member.ContainingType?.OriginalDefinition, method.ContainingType?.OriginalDefinition)
                    && IsOffset(target.Type)
                    && ParameterReached(OffsetOperand(assignment.Value), method, index, 0) == ordinal)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The <c>DateTime</c> an offset is made from: the implicit conversion, or <c>new DateTimeOffset(t)</c>. Into a
        /// <c>DateTimeOffset?</c> member the conversion is nested (to <c>DateTimeOffset</c>, then to the nullable).
        /// </summary>
        private IOperation? OffsetOperand(IOperation? value)
        {
            for (var hops = 0; value is not null && hops < 4; hops++)
            {
                switch (value)
                {
                    case IConversionOperation conversion when IsStamp(conversion.Operand.Type):
                        return conversion.Operand;
                    case IConversionOperation conversion when IsOffset(conversion.Operand.Type):
                        value = conversion.Operand;
                        break;
                    case IObjectCreationOperation { Arguments.Length: 1 } creation when IsOffset(creation.Type):
                        return creation.Arguments[0].Value;
                    default:
                        return null;
                }
            }

            return null;
        }

        private bool IsOffset(ITypeSymbol? type) =>
            symbols.IsDateTimeOffset(type)
            || (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && symbols.IsDateTimeOffset(nullable.TypeArguments[0]));

        /// <summary>
        /// True when an initializer or a constructor of the field's type gives it a value: then the activity exists from
        /// the start and a call never takes the stored path alone. A <c>null</c> or <c>default</c> initializer does not count.
        /// </summary>
        private bool SetAtConstruction(IFieldSymbol field) => setAtConstruction.GetOrAdd(field, f =>
        {
            foreach (var reference in f.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial }
                    && !initial.IsKind(SyntaxKind.NullLiteralExpression) && !initial.IsKind(SyntaxKind.DefaultLiteralExpression))
                {
                    return true;
                }
            }

            if (f.DeclaringSyntaxReferences.Length == 0 || f.ContainingType is not { } type)
            {
                return true;
            }

            foreach (var constructor in f.IsStatic ? type.StaticConstructors : type.InstanceConstructors)
            {
                foreach (var body in SourceBodies.GetBodies(constructor, compilation, cancellationToken))
                {
                    foreach (var operation in body.DescendantsAndSelf())
                    {
                        if (operation is IAssignmentOperation { Target: IFieldReferenceOperation written } && SymbolEqualityComparer.Default.Equals(written.Field.OriginalDefinition, f))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        });
    }
}
