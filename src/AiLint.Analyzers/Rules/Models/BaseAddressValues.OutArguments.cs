using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// A local a base address is read from that gets its value through <c>out</c> (JakeLunn/discord-chatgpt-personality-bot's
    /// options-change handler: <c>if (Uri.TryCreate(newOptions.BaseUrl, new UriCreationOptions(), out var u)) _httpClient.BaseAddress = u;</c>).
    /// </summary>
    internal sealed partial class BaseAddressValues
    {
        /// <summary>
        /// The texts the <c>out</c> arguments of <paramref name="local"/> give it, in its member: <c>Uri.TryCreate(text, kind,
        /// out u)</c> and <c>Uri.TryCreate(text, options, out u)</c> give it the URI of <c>text</c>, read as <c>new Uri(text)</c>
        /// is (when the text is no URI, <c>TryCreate</c> gives null, no base address). Empty when no <c>out</c> or <c>ref</c>
        /// argument names the local; null (not known) when one hands it to anything else: another <c>TryCreate</c>
        /// (<c>TryCreate(baseUri, relative, out u)</c>), a parser of the project, code that does not bind.
        /// </summary>
        private List<IOperation>? OutArgumentValues(ILocalSymbol local, CancellationToken cancellationToken)
        {
            var filled = new List<IOperation>();
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                var scope = declaration.Ancestors().FirstOrDefault(node => node is MemberDeclarationSyntax and not GlobalStatementSyntax)
                    ?? declaration.SyntaxTree.GetRoot(cancellationToken);
                SemanticModel? model = null;
                foreach (var argument in scope.DescendantNodes().OfType<ArgumentSyntax>())
                {
                    if ((!argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) && !argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword))
                        || !NamesLocal(argument.Expression, local.Name))
                    {
                        continue;
                    }

                    model ??= SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                    if (model.GetOperation(argument, cancellationToken) is not IArgumentOperation { Parent: var call } bound)
                    {
                        return null;
                    }

                    if (!IsLocal(bound.Value, local))
                    {
                        continue; // another local of the same name
                    }

                    if (UriTextOf(call) is not { } text)
                    {
                        return null;
                    }

                    filled.Add(text);
                }
            }

            return filled;
        }

        // `out var u`, `out Uri u`, `out u`, `ref u`.
        private static bool NamesLocal(ExpressionSyntax expression, string name) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax designation } => designation.Identifier.ValueText == name,
            _ => false,
        };

        private static bool IsLocal(IOperation value, ILocalSymbol local) => value switch
        {
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => SymbolEqualityComparer.Default.Equals(declared.Local, local),
            ILocalReferenceOperation referenced => SymbolEqualityComparer.Default.Equals(referenced.Local, local),
            _ => false,
        };

        /// <summary>The text of <c>Uri.TryCreate(text, kind or options, out u)</c>; null for any other call.</summary>
        private IOperation? UriTextOf(IOperation? call)
        {
            if (call is not IInvocationOperation { TargetMethod: { Name: nameof(System.Uri.TryCreate), IsStatic: true } method } invocation
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, uri)
                || method.Parameters.Length != 3
                || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            return invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == 0)?.Value;
        }
    }
}
