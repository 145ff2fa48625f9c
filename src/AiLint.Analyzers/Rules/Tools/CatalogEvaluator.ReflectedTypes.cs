using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Reflection over a type the project declares: <c>typeof(MyTools).GetMethods()</c>, or <c>GetType().GetMethods()</c>
    /// on an object whose class is sealed. Its methods are fixed at compile time, so AIL0202's usual "can hold any number of
    /// tools" is untrue there; what makes the catalog grow is a method added to that type, and the message says so. The
    /// source stays unbounded (the rule's scope is unchanged): nobody chose the tools, and the next method added to the
    /// class reaches the model with no change to this code.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        // System.Reflection.BindingFlags: the bits that decide which methods GetMethods returns.
        private const long InstanceFlag = 4;
        private const long StaticFlag = 8;
        private const long PublicFlag = 16;
        private const long NonPublicFlag = 32;

        /// <summary><c>every public method added to 'MyTools'</c>, or null when the reflected type is not fixed in the project.</summary>
        private string? ReflectedProjectTypeGrowth(IInvocationOperation getMethods)
        {
            var type = ReflectedProjectType(TypeIndex.Strip(getMethods.Instance));
            return type == null ? null : $"every {MethodsRead(getMethods)} added to '{type.Name}'";
        }

        /// <summary>
        /// The type whose methods are read, when the project declares it and nothing else can stand in its place at run
        /// time: named in <c>typeof</c>, or the static type of a <c>GetType()</c> receiver that cannot be derived from.
        /// </summary>
        private INamedTypeSymbol? ReflectedProjectType(IOperation? receiver)
        {
            INamedTypeSymbol? type;
            switch (receiver)
            {
                case ITypeOfOperation { TypeOperand: INamedTypeSymbol named }:
                    type = named;
                    break;
                case IInvocationOperation { TargetMethod: { Name: "GetType", Parameters.Length: 0, ContainingType.SpecialType: SpecialType.System_Object } } getType
                        when TypeIndex.Strip(getType.Instance)?.Type is INamedTypeSymbol { IsSealed: true } runTime:
                    type = runTime;
                    break;
                default:
                    return null;
            }

            return type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface
                && (_project?.IsInSource(type.OriginalDefinition) ?? type.OriginalDefinition.DeclaringSyntaxReferences.Length > 0)
                ? type
                : null;
        }

        /// <summary>
        /// The methods <c>GetMethods</c> returns, in words: with no flags the public ones (instance and static); with
        /// constant flags the visibility and kind they select; with flags computed at run time, any method.
        /// </summary>
        private static string MethodsRead(IInvocationOperation getMethods)
        {
            if (getMethods.Arguments.Length == 0)
            {
                return "public method";
            }

            if (getMethods.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: IConvertible value })
            {
                return "method";
            }

            long bits;
            try
            {
                bits = value.ToInt64(CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                return "method";
            }
            catch (InvalidCastException)
            {
                return "method";
            }
            catch (OverflowException)
            {
                return "method";
            }

            var visibility = Either(bits, PublicFlag, "public ", NonPublicFlag, "non-public ");
            var kind = Either(bits, InstanceFlag, "instance ", StaticFlag, "static ");
            return visibility + kind + "method";
        }

        /// <summary>The word for the one flag set of two; nothing when both are set (or neither: the words would mislead).</summary>
        private static string Either(long bits, long first, string firstWord, long second, string secondWord)
        {
            var hasFirst = (bits & first) != 0;
            var hasSecond = (bits & second) != 0;
            return hasFirst == hasSecond ? string.Empty : hasFirst ? firstWord : secondWord;
        }
    }
}
