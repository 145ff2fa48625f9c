using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.CodeFixes.Rules.Retry
{
    /// <summary>
    /// Where an awaited OpenAI call's <c>ClientResult&lt;T&gt;</c> goes, for the AiLint.Runtime fix: the runtime stores
    /// the model <c>T</c> (its own JSON), not the <c>ClientResult</c> (which wraps the raw HTTP response and cannot be
    /// rebuilt from a store). So the fix stores <c>.Value</c> and every read of <c>.Value</c> becomes a read of the
    /// value itself. Found only when the code reads nothing but <c>.Value</c> of the result, through one of:
    /// <list type="bullet">
    /// <item><c>(await call).Value</c>;</item>
    /// <item><c>var x = await call;</c> then only <c>x.Value</c>;</item>
    /// <item>the call awaited as a lambda's whole result, the lambda handed to a generic retry method whose awaited
    /// result is <c>(await retry(...)).Value</c> or <c>var x = await retry(...);</c> then only <c>x.Value</c>
    /// (the retry's result type is inferred from the lambda, so it follows the new type).</item>
    /// </list>
    /// Any other use (<c>GetRawResponse()</c>, passing the result on, an explicit type) and the fix is not offered.
    /// </summary>
    internal sealed class ClientResultUnwrap
    {
        private ClientResultUnwrap(ITypeSymbol valueType, ImmutableArray<MemberAccessExpressionSyntax> valueReads)
        {
            ValueType = valueType;
            ValueReads = valueReads;
        }

        /// <summary>The <c>T</c> of <c>ClientResult&lt;T&gt;</c>: what is stored.</summary>
        public ITypeSymbol ValueType { get; }

        /// <summary>The <c>.Value</c> reads to replace by their receiver.</summary>
        public ImmutableArray<MemberAccessExpressionSyntax> ValueReads { get; }

        /// <summary>Null when <paramref name="result"/> is not a <c>ClientResult&lt;T&gt;</c> or flows anywhere but <c>.Value</c>.</summary>
        public static ClientResultUnwrap? Find(SemanticModel model, InvocationExpressionSyntax call, ITypeSymbol result, CancellationToken cancellationToken)
        {
            var clientResult = model.Compilation.GetTypeByMetadataName("System.ClientModel.ClientResult`1");
            if (clientResult is null
                || result is not INamedTypeSymbol { IsGenericType: true } named
                || !SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, clientResult)
                || Unparenthesized(call) is not AwaitExpressionSyntax awaited)
            {
                return null;
            }

            var reads = FindValueReads(model, awaited, clientResult, cancellationToken);
            if (reads is null && ThroughRetry(model, awaited) is { } retryAwaited)
            {
                reads = FindValueReads(model, retryAwaited, clientResult, cancellationToken);
            }

            return reads is { Count: > 0 } ? new ClientResultUnwrap(named.TypeArguments[0], reads.ToImmutableArray()) : null;
        }

        /// <summary>The awaited call is a lambda's whole result and the lambda an argument of an awaited generic method call.</summary>
        private static AwaitExpressionSyntax? ThroughRetry(SemanticModel model, AwaitExpressionSyntax awaited)
        {
            SyntaxNode? lambda = Unparenthesized(awaited) switch
            {
                LambdaExpressionSyntax l when l.ExpressionBody is not null => l,
                ReturnStatementSyntax { Parent: BlockSyntax { Statements.Count: 1, Parent: LambdaExpressionSyntax l } } => l,
                _ => null,
            };
            // An explicit lambda return type (ClientResult<T> (t) => ...) would not follow the new type.
            if (lambda is ParenthesizedLambdaExpressionSyntax { ReturnType: not null }
                || lambda?.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax retry } }
                || retry.Expression is GenericNameSyntax or MemberAccessExpressionSyntax { Name: GenericNameSyntax }
                || model.GetSymbolInfo(retry).Symbol is not IMethodSymbol { IsGenericMethod: true })
            {
                return null;
            }

            return Unparenthesized(retry) as AwaitExpressionSyntax;
        }

        /// <summary>The <c>.Value</c> reads of the value of <paramref name="result"/>; null when it is used any other way.</summary>
        private static List<MemberAccessExpressionSyntax>? FindValueReads(SemanticModel model, AwaitExpressionSyntax result, INamedTypeSymbol clientResult, CancellationToken cancellationToken)
        {
            var parent = Unparenthesized(result);
            if (parent is MemberAccessExpressionSyntax access && IsValueRead(model, access, clientResult, cancellationToken))
            {
                return new List<MemberAccessExpressionSyntax> { access };
            }

            if (parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.Parent is not VariableDeclarationSyntax { Type.IsVar: true, Variables.Count: 1 }
                || declarator.Parent.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax scope }
                || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
            {
                return null;
            }

            var reads = new List<MemberAccessExpressionSyntax>();
            foreach (var name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != local.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
                {
                    continue;
                }

                if (name.Parent is not MemberAccessExpressionSyntax read || read.Expression != name || !IsValueRead(model, read, clientResult, cancellationToken))
                {
                    return null;
                }

                reads.Add(read);
            }

            return reads;
        }

        private static bool IsValueRead(SemanticModel model, MemberAccessExpressionSyntax access, INamedTypeSymbol clientResult, CancellationToken cancellationToken) =>
            access.Name.Identifier.ValueText == "Value"
            && model.GetSymbolInfo(access, cancellationToken).Symbol is IPropertySymbol property
            && SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, clientResult)
            && !IsWritten(access);

        private static bool IsWritten(ExpressionSyntax access) =>
            access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access
            || access.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 };

        /// <summary>The first ancestor that is not a parenthesis around <paramref name="node"/>.</summary>
        private static SyntaxNode? Unparenthesized(SyntaxNode node)
        {
            var parent = node.Parent;
            while (parent is ParenthesizedExpressionSyntax)
            {
                parent = parent.Parent;
            }

            return parent;
        }
    }
}
