using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// Conversions into a time zone: <c>TimeZoneInfo.ConvertTimeFromUtc(utc, zone)</c>, <c>ConvertTime(t, zone)</c>,
    /// <c>ConvertTime(t, source, zone)</c> and <c>ConvertTimeBySystemTimeZoneId(t, ..., "Europe/Berlin")</c>. The .NET docs
    /// give the result Kind Utc only when the destination is <c>TimeZoneInfo.Utc</c> (ConvertTimeFromUtc: "Utc if
    /// destinationTimeZone is Utc; otherwise ... Unspecified"). The runtime decides by reference to the
    /// <c>TimeZoneInfo.Utc</c> instance: <c>TimeZoneInfo.Local</c> gives Kind Local, also on a server whose zone is
    /// Etc/UTC, and any other zone Unspecified (checked on .NET 10; docs/design/sdk-facts.md section G has the sink side).
    /// So a conversion is reported only when its destination is certainly not that instance: <c>TimeZoneInfo.Local</c>, or
    /// <c>FindSystemTimeZoneById</c> with a constant id that names no UTC zone, directly or through a local or a
    /// read-only field every write of which is one of these. A zone from configuration, a parameter or a service may be
    /// UTC (<c>FindSystemTimeZoneById("UTC")</c> returns <c>TimeZoneInfo.Utc</c> itself) and is not reported.
    /// </summary>
    internal sealed partial class DateTimeKindClassifier
    {
        /// <summary>Ids that name UTC or a zone at offset zero: never counted as certainly non-UTC (some resolve to TimeZoneInfo.Utc).</summary>
        private static readonly string[] UtcLikeIds = { "UTC", "UCT", "GMT", "ZULU", "UNIVERSAL", "GREENWICH" };

        private NonUtcFinding? ClassifyZoneConversion(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!method.IsStatic || !Is(method.ContainingType, symbols.TimeZoneInfo) || !symbols.IsDateTime(method.ReturnType)
                || method.Parameters.Length < 2)
            {
                return null;
            }

            // In every overload that returns a DateTime the destination is the last parameter.
            var destination = method.Parameters[method.Parameters.Length - 1];
            string? zone;
            switch (method.Name)
            {
                case "ConvertTimeFromUtc":
                case "ConvertTime":
                    zone = Is(destination.Type, symbols.TimeZoneInfo) ? NonUtcZone(ArgumentFor(invocation, destination), new HashSet<ISymbol>(SymbolEqualityComparer.Default)) : null;
                    break;
                case "ConvertTimeBySystemTimeZoneId":
                    zone = destination.Type.SpecialType == SpecialType.System_String ? NonUtcZoneId(ArgumentFor(invocation, destination)) : null;
                    break;
                default:
                    // ConvertTimeToUtc and anything newer: not a conversion into a zone.
                    return null;
            }

            if (zone is null)
            {
                return null;
            }

            var kind = zone == "TimeZoneInfo.Local" ? "Local" : "Unspecified";
            return new NonUtcFinding("TimeZoneInfo." + method.Name + " to " + zone + " (Kind " + kind + ")", invocation, NonUtcShape.Other);
        }

        private static IOperation? ArgumentFor(IInvocationOperation invocation, IParameterSymbol parameter)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } p && p.Ordinal == parameter.Ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>A description of the zone when it is certainly not <c>TimeZoneInfo.Utc</c>; null when it may be.</summary>
        private string? NonUtcZone(IOperation? zone, HashSet<ISymbol> visiting)
        {
            while (zone is IConversionOperation or IParenthesizedOperation)
            {
                zone = zone is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)zone).Operand;
            }

            switch (zone)
            {
                case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Local" } local } when Is(local.ContainingType, symbols.TimeZoneInfo):
                    return "TimeZoneInfo.Local";
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FindSystemTimeZoneById" } find } call
                    when Is(find.ContainingType, symbols.TimeZoneInfo) && call.Arguments.Length == 1:
                    return NonUtcZoneId(call.Arguments[0].Value);
                case ILocalReferenceOperation reference when visiting.Add(reference.Local):
                    return EveryWriteNonUtcZone(index.GetWrites(reference.Local), visiting);
                case IFieldReferenceOperation { Field: { IsReadOnly: true } field } when compilation != null
                    && SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, compilation.Assembly)
                    && field.DeclaringSyntaxReferences.Length == 1 && field.ContainingType is { } type && visiting.Add(field):
                    var writes = new List<IOperation>();
                    return CollectMemberWrites(field.OriginalDefinition, ConstructorBodies(field, type), writes) ? EveryWriteNonUtcZone(writes, visiting) : null;
                default:
                    return null;
            }
        }

        /// <summary>The zone every write names (the first one's description); null when one write may be UTC, or there is none (an <c>out</c> argument is such a write).</summary>
        private string? EveryWriteNonUtcZone(IEnumerable<IOperation> writes, HashSet<ISymbol> visiting)
        {
            string? first = null;
            foreach (var write in writes)
            {
                if (NonUtcZone(write, visiting) is not { } zone)
                {
                    return null;
                }

                first ??= zone;
            }

            return first;
        }

        /// <summary>A constant zone id that names no UTC zone, quoted; null otherwise.</summary>
        private static string? NonUtcZoneId(IOperation? id)
        {
            if (id?.ConstantValue is not { HasValue: true, Value: string text } || text.Length == 0)
            {
                return null;
            }

            var upper = text.ToUpperInvariant();
            foreach (var utc in UtcLikeIds)
            {
                if (upper.Contains(utc))
                {
                    return null;
                }
            }

            return "\"" + text + "\"";
        }
    }
}
