// DateTimeKindClassifier: the finding type, the classifier's state, and the dispatch on the shape of a DateTime value (properties, calls, locals).
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>A DateTime known not to be of Kind Utc: what it is, where it was made and how the fix can repair it.</summary>
    internal readonly struct NonUtcFinding
    {
        public NonUtcFinding(string description, IOperation origin, string shape)
        {
            Description = description;
            Origin = origin;
            Shape = shape;
        }

        public string Description { get; }

        /// <summary>The operation that produced the non-UTC value (the fix rewrites it).</summary>
        public IOperation Origin { get; }

        public string Shape { get; }
    }

    /// <summary>
    /// Finds DateTime values whose Kind is certainly not Utc (Now, Today, DateTimeOffset.DateTime/LocalDateTime,
    /// ToLocalTime(), Parse without AdjustToUniversal or RoundtripKind, new DateTime without DateTimeKind.Utc, a
    /// TimeZoneInfo conversion into a zone that is certainly not UTC), following locals whose
    /// every write is such a value and Kind-preserving arithmetic (AddX, +/- TimeSpan, .Date). Values of unknown Kind
    /// (a parameter, a deserialised property) are not reported: precision first.
    /// </summary>
    internal sealed partial class DateTimeKindClassifier
    {
        private readonly KnownSpanSymbols symbols;
        private readonly LocalValueIndex index;
        private readonly Compilation? compilation;
        private readonly Dictionary<ILocalSymbol, NonUtcFinding?> memo = new Dictionary<ILocalSymbol, NonUtcFinding?>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, NonUtcFinding?> memberMemo;

        /// <summary>Creates a classifier over the writes in <paramref name="index"/>.</summary>
        /// <param name="symbols">The span symbols of the compilation.</param>
        /// <param name="index">The writes of the locals the classified values can read.</param>
        /// <param name="compilation">When given, read-only fields and get-only auto-properties of the compilation are followed to their writes.</param>
        public DateTimeKindClassifier(KnownSpanSymbols symbols, LocalValueIndex index, Compilation? compilation = null)
            : this(symbols, index, compilation, new Dictionary<ISymbol, NonUtcFinding?>(SymbolEqualityComparer.Default))
        {
        }

        private DateTimeKindClassifier(KnownSpanSymbols symbols, LocalValueIndex index, Compilation? compilation, Dictionary<ISymbol, NonUtcFinding?> memberMemo)
        {
            this.symbols = symbols;
            this.index = index;
            this.compilation = compilation;
            this.memberMemo = memberMemo;
        }

        public NonUtcFinding? Classify(IOperation? operation)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            switch (operation)
            {
                case IConversionOperation conversion when symbols.IsDateTime(conversion.Operand.Type) || symbols.IsNullableDateTime(conversion.Operand.Type):
                    return Classify(conversion.Operand);
                case IParenthesizedOperation parenthesized:
                    return Classify(parenthesized.Operand);
                case IPropertyReferenceOperation property:
                    return ClassifyProperty(property);
                case IInvocationOperation invocation:
                    return ClassifyInvocation(invocation);
                case IObjectCreationOperation creation when symbols.IsDateTime(creation.Type):
                    return ClassifyConstructor(creation);
                case IBinaryOperation binary when symbols.IsDateTime(binary.Type) && symbols.IsDateTime(binary.LeftOperand.Type):
                    return Classify(binary.LeftOperand);
                case IConditionalOperation conditional:
                    return Classify(conditional.WhenTrue) is { } whenTrue && Classify(conditional.WhenFalse) is not null ? whenTrue : null;
                case ICoalesceOperation coalesce:
                    // `response.CreatedAt?.DateTime ?? DateTime.UtcNow`: whenever the left side has a value the sink gets
                    // that value, so a left side certainly not UTC is the span's time each time it is present; the
                    // fallback is used only without one and decides nothing. (A `?:` still needs both arms: which arm
                    // runs is the condition's business, and an arm may be dead.)
                    return Classify(coalesce.Value);
                case IConditionalAccessOperation access:
                    // `created?.DateTime`: null (no Kind) or the member read on the value, whose Kind decides.
                    return Classify(access.WhenNotNull);
                case ILocalReferenceOperation local:
                    return ClassifyLocal(local.Local);
                case IFieldReferenceOperation field when field.Field.IsReadOnly && symbols.IsDateTime(field.Field.Type):
                    return ClassifyReadOnlyMember(field.Field.OriginalDefinition, field);
                case IFieldReferenceOperation field when field.Field.DeclaredAccessibility == Accessibility.Private && IsStamp(field.Field.Type):
                    return ClassifyPrivateMember(field.Field.OriginalDefinition);
                default:
                    return null;
            }
        }

        private NonUtcFinding? ClassifyProperty(IPropertyReferenceOperation property)
        {
            var type = property.Property.ContainingType;
            if (LocalTimeProperty(property) is { } local)
            {
                return local;
            }

            if (property.Instance is ILocalReferenceOperation owner && FromLocalObjectInitializer(property, owner) is { } initialized)
            {
                return initialized;
            }

            if (property.Property.IsReadOnly && symbols.IsDateTime(property.Property.Type) && IsAutoProperty(property.Property) && !Overridable(property.Property))
            {
                return ClassifyReadOnlyMember(property.Property.OriginalDefinition, property);
            }

            if (WrittenOnlyByItsType(property.Property) && IsStamp(property.Property.Type) && IsAutoProperty(property.Property)
                && (property.Property.DeclaredAccessibility == Accessibility.Private || property.Instance is null or IInstanceReferenceOperation))
            {
                return ClassifyPrivateMember(property.Property.OriginalDefinition);
            }

            if (property.Property.Name == "Value" && symbols.IsNullableDateTime(type))
            {
                // stamp.Value: the Kind of whatever was stored (a null write is of no Kind, so it keeps the member silent).
                return Classify(property.Instance);
            }

            if (symbols.IsDateTime(type))
            {
                switch (property.Property.Name)
                {
                    case "Now" when property.Instance is null:
                        return new NonUtcFinding("DateTime.Now (Kind Local)", property, NonUtcShape.Now);
                    case "Today" when property.Instance is null:
                        return new NonUtcFinding("DateTime.Today (Kind Local)", property, NonUtcShape.Today);
                    case "Date":
                        return Classify(property.Instance);
                }
            }
            else if (symbols.IsDateTimeOffset(type))
            {
                switch (property.Property.Name)
                {
                    case "DateTime":
                        return new NonUtcFinding("DateTimeOffset.DateTime (Kind Unspecified)", property, NonUtcShape.OffsetDateTime);
                    case "LocalDateTime":
                        return new NonUtcFinding("DateTimeOffset.LocalDateTime (Kind Local)", property, NonUtcShape.OffsetLocalDateTime);
                }
            }
            else if (property.Property.IsReadOnly && property.Property.GetMethod is { } getter && !IsAutoProperty(property.Property) && !Overridable(property.Property))
            {
                // `public static DateTime Now => DateTime.Now;` of the app's clock class.
                return ClassifyReturns(getter, property, type.Name + "." + property.Property.Name);
            }

            return null;
        }

        private NonUtcFinding? ClassifyInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (LocalTimeMethod(invocation) is { } local)
            {
                return local;
            }

            if (ClassifyZoneConversion(invocation) is { } zoned)
            {
                return zoned;
            }

            if (method.Name == "GetValueOrDefault" && method.Parameters.IsEmpty && symbols.IsNullableDateTime(method.ContainingType))
            {
                return Classify(invocation.Instance);
            }

            if (!symbols.IsDateTime(method.ContainingType) || !symbols.IsDateTime(method.ReturnType))
            {
                // `clock.Now()` of the app's own clock class: what its body returns.
                return method.ContainingType is { } owner ? ClassifyReturns(method, invocation, owner.Name + "." + method.Name + "()") : null;
            }

            if (!method.IsStatic)
            {
                // Instance methods returning DateTime (AddMinutes, Add, Subtract(TimeSpan)) keep the Kind.
                return method.Name switch
                {
                    "ToLocalTime" => new NonUtcFinding("ToLocalTime() (Kind Local)", invocation, NonUtcShape.ToLocalTime),
                    "ToUniversalTime" => null,
                    _ => Classify(invocation.Instance),
                };
            }

            switch (method.Name)
            {
                case "Parse":
                case "ParseExact":
                    return ParseWithoutAdjustToUniversal(invocation)
                        ? new NonUtcFinding("DateTime." + method.Name + " without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified)", invocation, NonUtcShape.Parse)
                        : null;
                case "SpecifyKind":
                    return KindArgument(invocation.Arguments, out var kind) && kind != "Utc"
                        ? new NonUtcFinding("DateTime.SpecifyKind(..., DateTimeKind." + kind + ")", invocation, NonUtcShape.SpecifyKind)
                        : null;
                case "FromFileTime":
                    return new NonUtcFinding("DateTime.FromFileTime (Kind Local)", invocation, NonUtcShape.Other);
                case "FromOADate":
                    return new NonUtcFinding("DateTime.FromOADate (Kind Unspecified)", invocation, NonUtcShape.Other);
                default:
                    return null;
            }
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) => known != null && SymbolEqualityComparer.Default.Equals(type, known);

        private bool IsStamp(ITypeSymbol type) => symbols.IsDateTime(type) || symbols.IsNullableDateTime(type);

        private NonUtcFinding? ClassifyLocal(ILocalSymbol local)
        {
            if (memo.TryGetValue(local, out var known))
            {
                return known;
            }

            memo[local] = null;
            var result = FromEveryWrite(
                local.Name,
                index.GetWrites(local),
                write => write is IArgumentOperation { Parent: IInvocationOperation tryParse } ? ClassifyTryParse(tryParse) : Classify(write));
            memo[local] = result;
            return result;
        }

        /// <summary>
        /// A variable (local, read-only field or get-only property) is non-UTC when every write to it is: the finding is
        /// named after it and points at its first write's origin. One write of unknown or Utc Kind, or no write at all,
        /// is enough to stay silent.
        /// </summary>
        private static NonUtcFinding? FromEveryWrite(string name, IEnumerable<IOperation> writes, System.Func<IOperation, NonUtcFinding?> classify)
        {
            NonUtcFinding? first = null;
            foreach (var write in writes)
            {
                if (classify(write) is not { } finding)
                {
                    return null;
                }

                first ??= finding;
            }

            return first is { } found
                ? new NonUtcFinding("'" + name + "' (from " + found.Description + ")", found.Origin, found.Shape)
                : null;
        }
    }
}
