using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Where a value held in a member's local goes, for the Models rules that follow an options or settings object to the
    /// call it is sent to (<see cref="SettingsKernels"/>, <see cref="McpSamplingHints"/>, <see cref="AzureOnlyChatClient"/>).
    /// </summary>
    internal static class MemberLocals
    {
        // The object a call is made on: its instance, or the first argument of an extension method called as one.
        internal static IOperation? Receiver(IInvocationOperation call) =>
            call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);

        // Reads of a local in its member (for top-level statements, the file), writes excluded.
        internal static IEnumerable<ILocalReferenceOperation> LocalReads(ILocalSymbol local, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                var declarator = reference.GetSyntax(cancellationToken);
                var scope = declarator.Ancestors().FirstOrDefault(ancestor => ancestor is MemberDeclarationSyntax and not GlobalStatementSyntax)
                    ?? declarator.SyntaxTree.GetRoot(cancellationToken);
                var model = LlmCalls.SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == local.Name
                        && model.GetOperation(identifier, cancellationToken) is ILocalReferenceOperation read
                        && SymbolEqualityComparer.Default.Equals(read.Local, local)
                        && !(read.Parent is ISimpleAssignmentOperation written && written.Target == read))
                    {
                        yield return read;
                    }
                }
            }
        }
    }
}
