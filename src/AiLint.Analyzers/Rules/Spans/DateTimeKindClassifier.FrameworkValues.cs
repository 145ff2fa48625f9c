// DateTimeKindClassifier: framework members and calls whose result is not UTC: local-time getters, DateTime constructors, parsing without AdjustToUniversal, a DateTimeKind argument.
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    internal sealed partial class DateTimeKindClassifier
    {
        // DateTimeStyles values (System.Globalization): a parse result is Utc only with AdjustToUniversal.
        private const int AdjustToUniversal = 0x10;
        private const int RoundtripKind = 0x80;

        /// <summary>
        /// Framework members that return local time: <c>Process.StartTime</c> / <c>ExitTime</c> (the dotnet CLI once
        /// backdated its main span with the first, which SetStartTime ignored) and a file's <c>CreationTime</c>,
        /// <c>LastWriteTime</c>, <c>LastAccessTime</c>, each of which has a <c>...Utc</c> twin.
        /// </summary>
        private NonUtcFinding? LocalTimeProperty(IPropertyReferenceOperation property)
        {
            var member = property.Property;
            if (member.IsStatic || !symbols.IsDateTime(member.Type))
            {
                return null;
            }

            if (Is(member.ContainingType, symbols.Process) && (member.Name == "StartTime" || member.Name == "ExitTime"))
            {
                return new NonUtcFinding("Process." + member.Name + " (Kind Local)", property, NonUtcShape.LocalTime);
            }

            return IsFileTime(member.Name) && InheritsFrom(member.ContainingType, symbols.FileSystemInfo)
                ? new NonUtcFinding("FileSystemInfo." + member.Name + " (Kind Local)", property, NonUtcShape.LocalWithUtcTwin)
                : null;
        }

        /// <summary><c>File.GetLastWriteTime(path)</c> and the other local-time getters of File and Directory; <c>Convert.ToDateTime(string)</c>, which parses like DateTime.Parse.</summary>
        private NonUtcFinding? LocalTimeMethod(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!method.IsStatic || !symbols.IsDateTime(method.ReturnType))
            {
                return null;
            }

            if ((Is(method.ContainingType, symbols.File) || Is(method.ContainingType, symbols.Directory))
                && method.Name.StartsWith("Get", System.StringComparison.Ordinal) && IsFileTime(method.Name.Substring(3)))
            {
                return new NonUtcFinding(method.ContainingType.Name + "." + method.Name + " (Kind Local)", invocation, NonUtcShape.LocalWithUtcTwin);
            }

            return Is(method.ContainingType, symbols.Convert) && method.Name == "ToDateTime"
                && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String
                ? new NonUtcFinding("Convert.ToDateTime (parses like DateTime.Parse: Kind Local or Unspecified)", invocation, NonUtcShape.Other)
                : null;
        }

        private static bool IsFileTime(string name) => name == "CreationTime" || name == "LastWriteTime" || name == "LastAccessTime";

        private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var current = type; current != null && baseType != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
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
