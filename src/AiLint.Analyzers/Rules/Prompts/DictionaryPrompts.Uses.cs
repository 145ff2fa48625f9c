using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>Who writes a prompt dictionary and the locals its lookups fill: the uses that keep its values known.</summary>
    internal sealed partial class DictionaryPrompts
    {
        /// <summary>
        /// What a local without an initializer of its own holds when a prompt dictionary's <c>TryGetValue(key, out var
        /// prompt)</c> writes it: that read, and the values of the plain assignments the local also gets
        /// (<c>if (!Prompts.TryGetValue(route, out var prompt)) prompt = DefaultPrompt;</c>). Null when something else
        /// writes it (a compound assignment, another <c>ref</c>/<c>out</c> argument) or no prompt dictionary does.
        /// </summary>
        public (DictionaryRead Read, List<IOperation> Assigned)? WrittenByTryGetValue(ILocalSymbol local, CancellationToken cancellationToken, SemanticModel? readIn = null)
        {
            if (local.Type.SpecialType != SpecialType.System_String || local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var declaration = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var scope = declaration.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is ArrowExpressionClauseSyntax || n is CompilationUnitSyntax || n is AnonymousFunctionExpressionSyntax);
            if (scope == null || scope.ContainsDiagnostics)
            {
                return null;
            }

            // The model that bound a read of the local bound its method, declaration included (PromptFlow.LocalInitializer).
            var model = readIn != null && readIn.SyntaxTree == declaration.SyntaxTree ? readIn : SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree);
            var assigned = new List<IOperation>();
            DictionaryRead? read = null;

            // `out var prompt` / `out string prompt`: the declaration itself is the out argument.
            if (declaration is SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax declared } })
            {
                read = TryGetValueWriting(declared, model, cancellationToken);
                if (read == null)
                {
                    return null;
                }
            }
            else if (declaration is VariableDeclaratorSyntax declarator && declarator.Initializer != null)
            {
                if (!(model.GetOperation(declarator.Initializer.Value, cancellationToken) is { } initial))
                {
                    return null;
                }

                assigned.Add(initial);
            }
            else if (!(declaration is VariableDeclaratorSyntax))
            {
                return null;
            }

            foreach (var node in scope.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax name) || name.Identifier.ValueText != local.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
                {
                    continue;
                }

                if (name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name)
                {
                    if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || !(model.GetOperation(assignment.Right, cancellationToken) is { } value))
                    {
                        return null;
                    }

                    assigned.Add(value);
                }
                else if (name.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                {
                    // `string prompt; Prompts.TryGetValue(route, out prompt)`: one dictionary write, nothing else by reference.
                    if (read != null || !(TryGetValueWriting(argument, model, cancellationToken) is { } written))
                    {
                        return null;
                    }

                    read = written;
                }
                else if (name.Parent is TupleExpressionSyntax || name.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax })
                {
                    return null;
                }
            }

            return read != null ? (read, assigned) : ((DictionaryRead, List<IOperation>)?)null;
        }

        /// <summary>The read an <c>out</c> argument of a prompt dictionary's <c>TryGetValue(key, out value)</c> stands for.</summary>
        private DictionaryRead? TryGetValueWriting(ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword)
                || !(argument.Parent?.Parent is InvocationExpressionSyntax invocation)
                || !(model.GetOperation(invocation, cancellationToken) is IInvocationOperation { TargetMethod: { Name: "TryGetValue" } } call)
                || call.Instance == null)
            {
                return null;
            }

            IOperation? key = null;
            foreach (var candidate in call.Arguments)
            {
                if (candidate.Parameter?.RefKind == RefKind.Out)
                {
                    if (candidate.Syntax != argument)
                    {
                        return null;
                    }
                }
                else
                {
                    key = candidate.Value;
                }
            }

            return Of(call.Instance, cancellationToken) is { } read ? new DictionaryRead(read, key, fallback: null) : null;
        }

        /// <summary>
        /// Whether every use of the member is a lookup or adds constant text, so the initializer's entries (and those
        /// constants) are all it holds: a write of the member itself, an add or set of another value, a use as a value
        /// (passed, returned, enumerated) or any other member call makes its values unknown.
        /// </summary>
        internal bool OnlyLookedUp(ISymbol member, CancellationToken cancellationToken)
        {
            var scopes = new List<SyntaxNode>();
            if (member.DeclaredAccessibility == Accessibility.Private)
            {
                foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
                {
                    scopes.Add(reference.GetSyntax(cancellationToken));
                }
            }
            else
            {
                foreach (var tree in compilation.SyntaxTrees)
                {
                    scopes.Add(tree.GetRoot(cancellationToken));
                }
            }

            foreach (var scope in scopes)
            {
                SemanticModel? model = null;
                foreach (var node in scope.DescendantNodes())
                {
                    if (!(node is IdentifierNameSyntax name) || name.Identifier.ValueText != member.Name)
                    {
                        continue;
                    }

                    model ??= SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                    if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, member))
                    {
                        continue;
                    }

                    if (!IsLookup(name, model, cancellationToken))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        internal static bool IsLookup(IdentifierNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
        {
            // `this.Prompts`, `Owner.Prompts`: the access is the use.
            SyntaxNode use = name.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == name ? qualified : name;
            switch (use.Parent)
            {
                case ElementAccessExpressionSyntax element when element.Expression == use:
                    // `Prompts[key]` read, or `Prompts[key] = "constant";`.
                    return !(element.Parent is AssignmentExpressionSyntax assignment && assignment.Left == element)
                        || (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && IsConstantText(assignment.Right, model, cancellationToken));
                case MemberAccessExpressionSyntax access when access.Expression == use:
                    switch (access.Name.Identifier.ValueText)
                    {
                        case "TryGetValue":
                        case "GetValueOrDefault":
                        case "ContainsKey":
                        case "Keys":
                        case "Count":
                        case "Length": // an array of prompts picked by index (IndexedPromptArrays)
                            return !(access.Parent is AssignmentExpressionSyntax);
                        case "Add":
                        case "TryAdd":
                            // `Prompts.Add("legal", "You are ...")`: constant text only.
                            return access.Parent is InvocationExpressionSyntax { ArgumentList: { Arguments: { Count: 2 } arguments } }
                                && IsConstantText(arguments[1].Expression, model, cancellationToken);
                        default:
                            return false;
                    }

                case ArgumentSyntax argument when argument.Parent?.Parent is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier: { ValueText: "nameof" } } }:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsConstantText(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken) =>
            model.GetConstantValue(value, cancellationToken) is { HasValue: true, Value: string _ };
    }
}
