using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The syntax-first part of <see cref="ModelParameterSummary"/>: which files and declarations can hand a string
    /// parameter to a model slot, decided from text and syntax, and from the places the parameter is handed on, each
    /// bound alone. The summary's compilation is one the build discards, so every method kept here costs the build.
    /// </summary>
    internal static class ModelParameterCandidates
    {
        // A file that spells none of these names no SDK type or namespace (unless a global using does): its methods cannot
        // hand a parameter to a model slot, and are not bound.
        private static readonly string[] SdkTokens = { "OpenAI", "Anthropic", "Extensions.AI", "SemanticKernel", "Agents.AI" };

        /// <summary>
        /// Methods and constructors with a body, written <c>public</c> or <c>protected</c> (or as an explicit interface
        /// implementation), in classes, structs and records; and classes and structs with a primary constructor (not
        /// records, whose positional parameters members read as properties).
        /// </summary>
        public static IEnumerable<SyntaxNode> Of(SyntaxNode root)
        {
            foreach (var node in root.DescendantNodes(descendIntoChildren: child => child is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax))
            {
                if (node is ClassDeclarationSyntax { ParameterList.Parameters.Count: > 0 } or StructDeclarationSyntax { ParameterList.Parameters.Count: > 0 })
                {
                    yield return node;
                    continue;
                }

                if (node is not (MethodDeclarationSyntax or ConstructorDeclarationSyntax)
                    || node is not BaseMethodDeclarationSyntax declaration
                    || node.Parent is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax)
                    || (declaration.Body == null && declaration.ExpressionBody == null)
                    || !(declaration.Modifiers.Any(SyntaxKind.PublicKeyword) || declaration.Modifiers.Any(SyntaxKind.ProtectedKeyword)
                        || declaration is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null }))
                {
                    continue;
                }

                yield return declaration;
            }
        }

        /// <summary>
        /// Whether the body hands a string parameter on where a model slot may take it: as an argument of an SDK model
        /// parameter or the value of a request's model property (each place bound alone), or, in a constructor, to a
        /// field (<c>_model = model;</c>, which <see cref="ModelParameterFields.StoredFieldSlots"/> follows). Syntax first: most methods hand
        /// their strings to nothing, or only to calls that are read here without binding the rest of the body.
        /// </summary>
        public static bool HandsToSlot(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
        {
            // A primary constructor's parameters are read by the type's members (bodies and initializers).
            var (parameters, scopes) = declaration switch
            {
                TypeDeclarationSyntax { ParameterList: { } list } type => (list, type.Members.Cast<SyntaxNode>()),
                BaseMethodDeclarationSyntax method => (method.ParameterList, new[] { (SyntaxNode?)method.Body ?? method.ExpressionBody! }),
                _ => (null, Enumerable.Empty<SyntaxNode>()),
            };
            var names = parameters == null ? new List<string>() : StringParameterNames(parameters);
            if (names.Count == 0)
            {
                return false;
            }

            foreach (var node in scopes.SelectMany(scope => scope.DescendantNodes()))
            {
                if (node is not IdentifierNameSyntax identifier || !names.Contains(identifier.Identifier.ValueText))
                {
                    continue;
                }

                switch (identifier.Parent)
                {
                    case ArgumentSyntax argument
                        when model.GetOperation(argument, cancellationToken) is IArgumentOperation { Parameter: var parameter } && KnownModelSymbols.IsModelParameter(parameter):
                        return true;
                    case AssignmentExpressionSyntax { Left: var left } assignment when assignment.Right == identifier:
                        if (declaration is ConstructorDeclarationSyntax && left is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
                        {
                            return true;
                        }

                        if (RightmostName(left) is "Model" or "ModelId"
                            && model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property }
                            && KnownModelSymbols.IsModelProperty(property.Property))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static string? RightmostName(ExpressionSyntax expression) =>
            expression switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };

        private static List<string> StringParameterNames(ParameterListSyntax parameters)
        {
            var names = new List<string>();
            foreach (var parameter in parameters.Parameters)
            {
                var type = parameter.Type is NullableTypeSyntax nullable ? nullable.ElementType : parameter.Type;
                if (type is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword } && parameter.Modifiers.Count == 0)
                {
                    names.Add(parameter.Identifier.ValueText);
                }
            }

            return names;
        }

        public static bool SpellsSdk(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var text = tree.GetText(cancellationToken).ToString();
            foreach (var token in SdkTokens)
            {
                if (text.IndexOf(token, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        // `global using OpenAI.Chat;` in any file: a file may then spell `ChatClient` alone, so every file is read.
        public static bool HasGlobalSdkUsing(Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit
                    && unit.Usings.Any(directive => !directive.GlobalKeyword.IsKind(SyntaxKind.None) && SdkTokens.Any(token => directive.ToString().IndexOf(token, StringComparison.Ordinal) >= 0)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
