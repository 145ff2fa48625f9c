using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// An implementation of a chat-service interface that stands in for the real one in development or tests
    /// (<c>MockOpenAiService.CompleteAsync(systemPrompt, userPrompt)</c> that writes <c>$"Mock called with system prompt:
    /// {systemPrompt}"</c> to the console and returns <c>"{}"</c>): it reads none of its inputs except to log them, so
    /// whatever it answers does not depend on them and it sends nothing anywhere. Such a body neither confirms nor
    /// contradicts what the real implementation does with a parameter (<see cref="ContractPromptParameters"/>).
    /// A body that uses any input otherwise (returns it, looks an answer up with it, stores it, hands it to a helper,
    /// sends it) is not a stand-in, nor is one that cannot be read (a syntax error, no body). Cancellation tokens are
    /// not inputs.
    /// </summary>
    internal static class StandInImplementations
    {
        private static readonly ConditionalWeakTable<Compilation, LoggingTypes> Loggers = new ConditionalWeakTable<Compilation, LoggingTypes>();

        public static bool IsStandIn(IMethodSymbol implementation, Compilation compilation, CancellationToken cancellationToken)
        {
            if (implementation.DeclaringSyntaxReferences.Length != 1
                || !(implementation.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
                || declaration.ContainsDiagnostics
                || (declaration.Body == null && declaration.ExpressionBody == null))
            {
                return false;
            }

            var model = SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree);
            if (!(model.GetOperation(declaration, cancellationToken) is { } body))
            {
                return false;
            }

            var loggers = Loggers.GetValue(compilation, c => new LoggingTypes(c));
            foreach (var operation in body.Descendants())
            {
                if (operation is IParameterReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, implementation)
                    && !SymbolEqualityComparer.Default.Equals(reference.Parameter.Type, loggers.CancellationToken)
                    && !IsOnlyLogged(reference, loggers))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The value goes, as it is or formatted into a string (an interpolation, a concatenation, a <c>params</c> array),
        /// straight into an argument of a logging call, or is only named (<c>nameof(systemPrompt)</c>).
        /// </summary>
        private static bool IsOnlyLogged(IOperation reference, LoggingTypes loggers)
        {
            var current = reference;
            for (var parent = current.Parent; parent != null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case INameOfOperation _:
                        return true;
                    case IConversionOperation _:
                    case IInterpolationOperation _:
                    case IInterpolatedStringOperation _:
                    case IArrayInitializerOperation _:
                    case IArrayCreationOperation _:
                    case IArgumentOperation _:
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type: { SpecialType: SpecialType.System_String } }:
                        continue;
                    case IInvocationOperation call:
                        return current is IArgumentOperation && loggers.Logs(call.TargetMethod);
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The types whose methods write a log line: the console, Debug and Trace, and Microsoft.Extensions.Logging.</summary>
        private sealed class LoggingTypes
        {
            private readonly INamedTypeSymbol? console;
            private readonly INamedTypeSymbol? debug;
            private readonly INamedTypeSymbol? trace;
            private readonly INamedTypeSymbol? logger;
            private readonly INamedTypeSymbol? loggerExtensions;

            public LoggingTypes(Compilation compilation)
            {
                console = compilation.GetTypeByMetadataName("System.Console");
                debug = compilation.GetTypeByMetadataName("System.Diagnostics.Debug");
                trace = compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
                logger = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
                loggerExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerExtensions");
                CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            }

            public INamedTypeSymbol? CancellationToken { get; }

            public bool Logs(IMethodSymbol method)
            {
                var type = method.ContainingType?.OriginalDefinition;
                if (type == null)
                {
                    return false;
                }

                if (SymbolEqualityComparer.Default.Equals(type, console))
                {
                    return method.Name == "Write" || method.Name == "WriteLine";
                }

                return SymbolEqualityComparer.Default.Equals(type, debug)
                    || SymbolEqualityComparer.Default.Equals(type, trace)
                    || SymbolEqualityComparer.Default.Equals(type, loggerExtensions)
                    || (SymbolEqualityComparer.Default.Equals(type, logger) && method.Name == "Log");
            }
        }
    }
}
