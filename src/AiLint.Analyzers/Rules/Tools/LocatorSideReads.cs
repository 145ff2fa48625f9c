using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// The reads of a builder's input that choose no tools besides the transport itself (review91): a logging argument
    /// (howardginsburg/MicrosoftAgentSDKDemo's <c>GetToolsFromClientAsync(mcpClient, serverName)</c>, where
    /// <c>serverName</c> only fills <c>_logger.LogDebug("... {ServerName}", serverName)</c>) and a null or emptiness
    /// guard of the server's address (nashtech-garage/ntg-agent's <c>if (!string.IsNullOrEmpty(agent.McpServer?.Trim()))</c>
    /// around the transport made from <c>agent.McpServer</c>). <see cref="ServerLocatorInputs"/> lets such reads stand beside
    /// the transport's; every other read (a name list, a <c>Where</c>, a <c>Take</c>) still makes the builder a selection step.
    /// </summary>
    /// <remarks>
    /// Logging is Microsoft.Extensions.Logging only: <c>ILogger</c> (and its implementations), <c>LoggerExtensions</c>
    /// and methods marked <c>[LoggerMessage]</c>. <c>Console.WriteLine(user)</c> stays a use elsewhere: a console line is
    /// often the app's output, and the page's quiet example of an input a helper may use later is written that way.
    /// A guard is <c>string.IsNullOrEmpty</c>/<c>IsNullOrWhiteSpace</c>, <c>ArgumentNullException.ThrowIfNull</c>,
    /// <c>ArgumentException.ThrowIfNullOrEmpty</c>/<c>ThrowIfNullOrWhiteSpace</c>, or a comparison with <c>null</c>
    /// (<c>== null</c>, <c>!= null</c>, <c>is null</c>, <c>is not null</c>), of the input itself or a member chain of it
    /// (<c>agent.McpServer?.Trim()</c>): a test of whether there is an address, never of which tools.
    /// </remarks>
    internal sealed class LocatorSideReads
    {
        private static readonly ConditionalWeakTable<Compilation, LocatorSideReads> Cache = new();

        private readonly INamedTypeSymbol? logger;
        private readonly INamedTypeSymbol? loggerExtensions;
        private readonly INamedTypeSymbol? loggerMessageAttribute;
        private readonly INamedTypeSymbol? argumentNullException;
        private readonly INamedTypeSymbol? argumentException;

        private LocatorSideReads(Compilation compilation)
        {
            logger = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
            loggerExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerExtensions");
            loggerMessageAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerMessageAttribute");
            argumentNullException = compilation.GetTypeByMetadataName("System.ArgumentNullException");
            argumentException = compilation.GetTypeByMetadataName("System.ArgumentException");
        }

        public static LocatorSideReads For(Compilation compilation) => Cache.GetValue(compilation, c => new LocatorSideReads(c));

        /// <summary>What one read of an input is, seen from the read outwards.</summary>
        public ReadKind Classify(IOperation reference, IOperation body)
        {
            // The value read: the input, or a member chain of it (`agent.McpServer`, `agent.McpServer?.Trim()`).
            var value = reference;
            while (value.Parent is { } parent && !ReferenceEquals(parent, body) && ExtendsTheValue(parent, value))
            {
                value = parent;
            }

            if (IsGuardOf(value))
            {
                return ReadKind.Guard;
            }

            for (var current = reference.Parent; current != null && !ReferenceEquals(current, body); current = current.Parent)
            {
                if (current is IInvocationOperation invocation && IsLogging(invocation.TargetMethod))
                {
                    return ReadKind.Log;
                }

                // A read inside a lambda or a nested statement is judged by what it is in, never by an outer log call.
                if (current is IAnonymousFunctionOperation || current is IBlockOperation)
                {
                    break;
                }
            }

            return ReadKind.Other;
        }

        /// <summary>A member of the value, a conversion of it, or a <c>?.</c> / <c>Trim()</c> on it: still the same address.</summary>
        private static bool ExtendsTheValue(IOperation parent, IOperation value) => parent switch
        {
            IMemberReferenceOperation member => ReferenceEquals(member.Instance, value),
            IConversionOperation => true,
            IConditionalAccessOperation access => ReferenceEquals(access.Operation, value) || ReferenceEquals(access.WhenNotNull, value),
            IInvocationOperation { TargetMethod: { Name: "Trim", ContainingType.SpecialType: SpecialType.System_String } } trim => ReferenceEquals(trim.Instance, value),
            _ => IsConditionalInstanceOf(parent, value),
        };

        /// <summary>`agent.McpServer?.Trim()`: the `.Trim()` reads the conditional access's instance placeholder, not the value itself.</summary>
        private static bool IsConditionalInstanceOf(IOperation parent, IOperation value) =>
            parent is IInvocationOperation { Instance: IConditionalAccessInstanceOperation } or IMemberReferenceOperation { Instance: IConditionalAccessInstanceOperation }
            && value.Parent is IConditionalAccessOperation;

        private bool IsGuardOf(IOperation value)
        {
            var parent = value.Parent is IArgumentOperation argument ? argument.Parent : value.Parent;
            switch (parent)
            {
                case IInvocationOperation invocation when !ReferenceEquals(invocation.Instance, value):
                    var method = invocation.TargetMethod;
                    var type = method.ContainingType;
                    if (type?.SpecialType == SpecialType.System_String)
                    {
                        return method.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace";
                    }

                    return (SymbolEqualityComparer.Default.Equals(type, argumentNullException) && method.Name == "ThrowIfNull")
                        || (SymbolEqualityComparer.Default.Equals(type, argumentException) && method.Name is "ThrowIfNullOrEmpty" or "ThrowIfNullOrWhiteSpace");
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    return IsNull(ReferenceEquals(comparison.LeftOperand, value) ? comparison.RightOperand : comparison.LeftOperand);
                case IIsPatternOperation pattern:
                    return pattern.Pattern is IConstantPatternOperation constant && IsNull(constant.Value)
                        || pattern.Pattern is INegatedPatternOperation { Pattern: IConstantPatternOperation negated } && IsNull(negated.Value);
                default:
                    return false;
            }
        }

        private static bool IsNull(IOperation operand)
        {
            while (operand is IConversionOperation conversion)
            {
                operand = conversion.Operand;
            }

            return operand is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
        }

        private bool IsLogging(IMethodSymbol method)
        {
            var type = (method.ReducedFrom ?? method).ContainingType;
            if (type == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, loggerExtensions) || SymbolEqualityComparer.Default.Equals(type, logger)
                || (logger != null && type.AllInterfaces.Contains(logger, SymbolEqualityComparer.Default)))
            {
                return true;
            }

            return loggerMessageAttribute != null
                && method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, loggerMessageAttribute));
        }

        public enum ReadKind
        {
            /// <summary>A read that may choose tools (or that AiLint cannot tell apart from one).</summary>
            Other,

            /// <summary>An argument of a log call.</summary>
            Log,

            /// <summary>A null or emptiness test of the value.</summary>
            Guard,
        }
    }
}
