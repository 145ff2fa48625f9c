using System.Collections.Generic;
using System.Globalization;
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
    /// ToLocalTime(), Parse without AdjustToUniversal, new DateTime without DateTimeKind.Utc), following locals whose
    /// every write is such a value and Kind-preserving arithmetic (AddX, +/- TimeSpan, .Date). Values of unknown Kind
    /// (a parameter, a deserialised property) are not reported: precision first.
    /// </summary>
    internal sealed class DateTimeKindClassifier
    {
        // DateTimeStyles values (System.Globalization): a parse result is Utc only with AdjustToUniversal.
        private const int AdjustToUniversal = 0x10;
        private const int RoundtripKind = 0x80;

        private readonly KnownSpanSymbols symbols;
        private readonly LocalValueIndex index;
        private readonly Dictionary<ILocalSymbol, NonUtcFinding?> memo = new Dictionary<ILocalSymbol, NonUtcFinding?>(SymbolEqualityComparer.Default);

        public DateTimeKindClassifier(KnownSpanSymbols symbols, LocalValueIndex index)
        {
            this.symbols = symbols;
            this.index = index;
        }

        public NonUtcFinding? Classify(IOperation? operation)
        {
            switch (operation)
            {
                case IConversionOperation conversion when symbols.IsDateTime(conversion.Operand.Type):
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
                case ILocalReferenceOperation local:
                    return ClassifyLocal(local.Local);
                default:
                    return null;
            }
        }

        private NonUtcFinding? ClassifyProperty(IPropertyReferenceOperation property)
        {
            var type = property.Property.ContainingType;
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

            return null;
        }

        private NonUtcFinding? ClassifyInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!symbols.IsDateTime(method.ContainingType) || !symbols.IsDateTime(method.ReturnType))
            {
                return null;
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

        private NonUtcFinding? ClassifyConstructor(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.DateTimeKind))
                {
                    return KindArgument(creation.Arguments, out var kind) && kind != "Utc"
                        ? new NonUtcFinding("new DateTime(...) with DateTimeKind." + kind, creation, NonUtcShape.Constructor)
                        : null;
                }
            }

            return new NonUtcFinding("new DateTime(...) without DateTimeKind.Utc (Kind Unspecified)", creation, NonUtcShape.Constructor);
        }

        private NonUtcFinding? ClassifyLocal(ILocalSymbol local)
        {
            if (memo.TryGetValue(local, out var known))
            {
                return known;
            }

            memo[local] = null;
            NonUtcFinding? first = null;
            var writes = index.GetWrites(local);
            foreach (var write in writes)
            {
                var finding = write is IArgumentOperation { Parent: IInvocationOperation tryParse } ? ClassifyTryParse(tryParse) : Classify(write);
                if (finding is null)
                {
                    // One write of unknown or Utc Kind is enough to stay silent.
                    first = null;
                    break;
                }

                first ??= finding;
            }

            var result = first is { } found
                ? new NonUtcFinding("'" + local.Name + "' (from " + found.Description + ")", found.Origin, found.Shape)
                : (NonUtcFinding?)null;
            memo[local] = result;
            return result;
        }

        private NonUtcFinding? ClassifyTryParse(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            return method.IsStatic && symbols.IsDateTime(method.ContainingType) && (method.Name == "TryParse" || method.Name == "TryParseExact")
                && ParseWithoutAdjustToUniversal(invocation)
                ? new NonUtcFinding("DateTime." + method.Name + " without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified)", invocation, NonUtcShape.Parse)
                : null;
        }

        /// <summary>True when the parse call has no styles argument, or a constant one without AdjustToUniversal (and without RoundtripKind, whose Kind depends on the text).</summary>
        private bool ParseWithoutAdjustToUniversal(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.DateTimeStyles))
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        return true;
                    }

                    var value = argument.Value.ConstantValue;
                    if (!value.HasValue || value.Value is null)
                    {
                        return false;
                    }

                    var styles = System.Convert.ToInt32(value.Value, CultureInfo.InvariantCulture);
                    return (styles & (AdjustToUniversal | RoundtripKind)) == 0;
                }
            }

            return true;
        }

        private bool KindArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, out string kind)
        {
            kind = string.Empty;
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.DateTimeKind))
                {
                    var value = argument.Value.ConstantValue;
                    if (!value.HasValue || value.Value is null)
                    {
                        return false;
                    }

                    kind = System.Convert.ToInt32(value.Value, CultureInfo.InvariantCulture) switch
                    {
                        1 => "Utc",
                        2 => "Local",
                        _ => "Unspecified",
                    };
                    return true;
                }
            }

            return false;
        }
    }
}
