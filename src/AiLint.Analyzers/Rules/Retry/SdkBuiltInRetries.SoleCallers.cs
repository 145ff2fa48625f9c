using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A client that reaches the retried call as a parameter of a local function or a private method whose only call in
    /// the compilation passes a client built in view: a console tool's top-level program builds the client and hands it to
    /// the local function whose loop retries it. Nothing else can pass another client there, so that construction is the
    /// client's. Two calls, a method group (a delegate may be invoked with anything), a method other types can call or a
    /// parameter the body writes leave the client unknown, as any parameter is.
    /// </summary>
    internal sealed partial class SdkBuiltInRetries
    {
        // Parameter-to-caller steps followed (a helper handing the client on to a helper of its own).
        private const int MaxCallerSteps = 4;

        /// <summary><see cref="ValueOrigins.Trace"/>, then on from such a parameter to the argument of its only call.</summary>
        private IOperation TraceToSoleCaller(IOperation operation, CancellationToken cancellationToken)
        {
            var current = ValueOrigins.Trace(operation, compilation, cancellationToken);
            for (var step = 0; step < MaxCallerSteps && current is IParameterReferenceOperation reference; step++)
            {
                if (SoleCallerArgument(reference.Parameter, cancellationToken) is not { } argument)
                {
                    break;
                }

                current = ValueOrigins.Trace(argument, compilation, cancellationToken);
            }

            return current;
        }

        private IOperation? SoleCallerArgument(IParameterSymbol parameter, CancellationToken cancellationToken)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams
                || parameter.ContainingSymbol is not IMethodSymbol method
                || !IsReachableOnlyByName(method)
                || method.DeclaringSyntaxReferences.Length != 1
                || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                return null;
            }

            var declaration = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var model = SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree);
            if (WritesParameter(model.GetOperation(declaration, cancellationToken), parameter)
                || SoleCall(method, declaration, cancellationToken) is not { } call)
            {
                return null;
            }

            var argument = call.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.OriginalDefinition, parameter.OriginalDefinition));
            return argument is { ArgumentKind: ArgumentKind.Explicit } ? argument.Value : null;
        }

        // A local function, or a private non-virtual method: only code in view can name it.
        private static bool IsReachableOnlyByName(IMethodSymbol method) =>
            method.MethodKind == MethodKind.LocalFunction
            || (method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility == Accessibility.Private
                && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern && method.PartialDefinitionPart is null && method.PartialImplementationPart is null);

        /// <summary>
        /// The one invocation of <paramref name="method"/> where it can be named (the block around a local function, the
        /// whole top-level program, or every part of the private method's type); null when there are several, none, or
        /// a use that is not a call (a method group, <c>nameof</c>).
        /// </summary>
        private IInvocationOperation? SoleCall(IMethodSymbol method, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            // A local function declared in a block is named only there; one in a switch section shares the whole
            // switch's scope, so it is not followed (null scope).
            var scopes = method.MethodKind == MethodKind.LocalFunction
                ? new[] { declaration.Parent is GlobalStatementSyntax ? declaration.SyntaxTree.GetRoot(cancellationToken) : declaration.Parent as BlockSyntax }
                : method.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).ToArray();

            IInvocationOperation? sole = null;
            foreach (var scope in scopes)
            {
                if (scope is null)
                {
                    return null;
                }

                var model = SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                foreach (var name in scope.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (name.Identifier.ValueText != method.Name)
                    {
                        continue;
                    }

                    var info = model.GetSymbolInfo(name, cancellationToken);
                    var named = IsMethod(info.Symbol, method) || info.CandidateSymbols.Any(c => IsMethod(c, method));
                    if (!named)
                    {
                        continue;
                    }

                    var expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (ExpressionSyntax)access : name;
                    if (sole is not null
                        || expression.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != expression
                        || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call
                        || !IsMethod(call.TargetMethod, method))
                    {
                        return null;
                    }

                    sole = call;
                }
            }

            return sole;
        }

        private static bool IsMethod(ISymbol? symbol, IMethodSymbol method) =>
            symbol is IMethodSymbol candidate && SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, method.OriginalDefinition);

        // `chatClient = other;`, `ref chatClient`, `(chatClient, x) = ...`: the parameter may hold another client.
        private static bool WritesParameter(IOperation? body, IParameterSymbol parameter)
        {
            if (body is null)
            {
                return true;
            }

            foreach (var reference in body.Descendants().OfType<IParameterReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                {
                    continue;
                }

                IOperation current = reference;
                while (current.Parent is ITupleOperation or IConversionOperation)
                {
                    current = current.Parent;
                }

                if (current.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, current)
                    || current.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }
                    || current.Parent is IIncrementOrDecrementOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
