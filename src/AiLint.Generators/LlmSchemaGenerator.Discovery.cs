using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Generators.Inputs;
using AiLint.Generators.Pipeline;
using AiLint.Generators.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Generators
{
    public sealed partial class LlmSchemaGenerator
    {
        /// <summary>
        /// Finds the <c>[LlmSchema]</c> types of a compilation and reads each into its <see cref="SchemaTypeModel"/>
        /// (symbols to model): the only place the generator touches symbols or syntax.
        /// </summary>
        internal static class Discovery
        {
            /// <summary>
            /// The model of one <c>[LlmSchema]</c> declaration, or null when the generator cannot add members to it
            /// (the analyzer explains why).
            /// </summary>
            /// <param name="type">The declared type.</param>
            /// <param name="declaration">The declaration that carries the attribute.</param>
            /// <param name="attribute">The first <c>[LlmSchema]</c> application in that declaration's tree (as <c>ForAttributeWithMetadataName</c> gives it).</param>
            /// <param name="known">The compilation's well-known symbols.</param>
            /// <param name="cancellationToken">Cancellation.</param>
            public static SchemaTypeModel? ReadModel(INamedTypeSymbol type, TypeDeclarationSyntax declaration, AttributeData? attribute, SchemaKnownSymbols known, CancellationToken cancellationToken)
            {
                // Non-partial types (AIL0402) and generic types cannot receive members; the analyzer explains.
                if (!IsPartial(declaration) || type.IsGenericType || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    return null;
                }

                var containing = new List<string>();
                for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
                {
                    if (!IsPartial(parent) || parent.TypeParameterList is not null)
                    {
                        return null;
                    }

                    containing.Insert(0, Header(parent));
                }

                cancellationToken.ThrowIfCancellationRequested();
                var shape = SchemaShapeReader.Read(type, attribute, known);
                var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
                var fullName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
                return new SchemaTypeModel(
                    ns,
                    new EquatableArray<string>(containing.ToArray()),
                    Header(declaration),
                    declaration.Identifier.Text,
                    fullName + ".LlmSchema.g.cs",
                    type.IsValueType,
                    shape);
            }

            /// <summary>
            /// Every <c>[LlmSchema]</c> model of the compilation, in tree order and then declaration order: the items
            /// <c>ForAttributeWithMetadataName("AiLint.LlmSchemaAttribute", node is TypeDeclarationSyntax)</c> gave
            /// when it drove <see cref="ReadModel"/>, found with a fraction of its work (see <see cref="Extraction"/>).
            /// </summary>
            public static EquatableArray<SchemaTypeModel> ExtractAll(Compilation compilation, DeclarationKey key, CancellationToken cancellationToken) =>
                new Extraction(compilation, key, cancellationToken).Run();

            public static SdkFlags ReadSdkFlags(Compilation compilation) => new(
                compilation.GetTypeByMetadataName("System.Text.Json.JsonDocument") is not null,
                // The OpenAI binding passes the schema as System.BinaryData (System.Memory.Data, which the OpenAI package brings).
                compilation.GetTypeByMetadataName("OpenAI.Chat.ChatResponseFormat") is not null && compilation.GetTypeByMetadataName("System.BinaryData") is not null,
                compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatResponseFormat") is not null,
                compilation.GetTypeByMetadataName("Anthropic.Models.Messages.OutputConfig") is not null);

            /// <summary>
            /// Finds the <c>[LlmSchema]</c> declarations with <c>ForAttributeWithMetadataName</c>'s semantics: a type
            /// declaration qualifies when one of its own attributes binds to a class whose metadata name is
            /// <c>AiLint.LlmSchemaAttribute</c> (any assembly, any alias, <c>LlmSchema</c> or <c>LlmSchemaAttribute</c>);
            /// the attribute handed to <see cref="ReadModel"/> is the type's first such application in the same tree.
            /// </summary>
            /// <remarks>
            /// Cheap by construction: only trees whose type declarations carry an attribute whose rightmost name could
            /// bind to the attribute (<c>LlmSchema</c>, <c>LlmSchemaAttribute</c>, or any using alias in the
            /// compilation, with or without its <c>Attribute</c> suffix, a superset of what can bind) are walked, the
            /// walk stays at namespace and type level (types cannot be declared in member bodies), and only such
            /// declarations reach the semantic model. One deliberate difference: FAWMN also took a declaration whose
            /// attribute only looked like <c>LlmSchema</c> when another declaration of the same partial type in the same
            /// file had the real one, which produced two outputs with one hint name (a generator crash); here the
            /// declaration's own attribute must bind.
            /// </remarks>
            private sealed class Extraction
            {
                private const string AttributeName = "LlmSchemaAttribute";
                private const string ShortName = "LlmSchema";

                private readonly Compilation compilation;
                private readonly DeclarationKey key;
                private readonly CancellationToken cancellationToken;
                private readonly List<SchemaTypeModel> result = new();
                private SchemaKnownSymbols? known;

                public Extraction(Compilation compilation, DeclarationKey key, CancellationToken cancellationToken)
                {
                    this.compilation = compilation;
                    this.key = key;
                    this.cancellationToken = cancellationToken;
                }

                public EquatableArray<SchemaTypeModel> Run()
                {
                    var names = new HashSet<string>(StringComparer.Ordinal) { ShortName, AttributeName };
                    foreach (var tree in key.Trees)
                    {
                        foreach (var alias in tree.Aliases)
                        {
                            names.Add(alias);
                            if (alias.EndsWith("Attribute", StringComparison.Ordinal))
                            {
                                names.Add(alias.Substring(0, alias.Length - "Attribute".Length));
                            }
                        }
                    }

                    // Any compilation with this key has the key's trees in the same order (the key says so).
                    var index = 0;
                    foreach (var tree in compilation.SyntaxTrees)
                    {
                        if (index >= key.Trees.Length)
                        {
                            throw new InvalidOperationException("AiLint: the declaration key does not match the compilation's syntax trees.");
                        }

                        var attributeNames = key.Trees[index++].AttributeNames;
                        if (attributeNames.Any(names.Contains))
                        {
                            var root = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
                            SemanticModel? model = null;
                            VisitMembers(root.Members, names, ref model);
                        }
                    }

                    return new EquatableArray<SchemaTypeModel>(result.ToArray());
                }

                private void VisitMembers(SyntaxList<MemberDeclarationSyntax> members, HashSet<string> names, ref SemanticModel? model)
                {
                    // Nesting of namespaces and types is the user's: the compiler's CS8785 warning, not a stack overflow.
                    System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
                    foreach (var member in members)
                    {
                        switch (member)
                        {
                            case BaseNamespaceDeclarationSyntax ns:
                                VisitMembers(ns.Members, names, ref model);
                                break;
                            case TypeDeclarationSyntax type:
                                if (HasCandidateAttribute(type, names))
                                {
                                    model ??= compilation.GetSemanticModel(type.SyntaxTree);
                                    Add(type, model);
                                }

                                VisitMembers(type.Members, names, ref model);
                                break;
                        }
                    }
                }

                private static bool HasCandidateAttribute(TypeDeclarationSyntax type, HashSet<string> names)
                {
                    foreach (var list in type.AttributeLists)
                    {
                        foreach (var attribute in list.Attributes)
                        {
                            if (names.Contains(TreeDeclarations.RightmostName(attribute.Name)))
                            {
                                return true;
                            }
                        }
                    }

                    return false;
                }

                private void Add(TypeDeclarationSyntax declaration, SemanticModel model)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { } type)
                    {
                        return;
                    }

                    AttributeData? first = null;
                    var onThisDeclaration = false;
                    foreach (var attribute in type.GetAttributes())
                    {
                        if (attribute.ApplicationSyntaxReference is { } application
                            && application.SyntaxTree == declaration.SyntaxTree
                            && IsLlmSchemaAttribute(attribute.AttributeClass))
                        {
                            first ??= attribute;
                            onThisDeclaration |= declaration.AttributeLists.Span.Contains(application.Span);
                        }
                    }

                    if (onThisDeclaration && ReadModel(type, declaration, first, known ??= SchemaKnownSymbols.Create(compilation), cancellationToken) is { } parsed)
                    {
                        result.Add(parsed);
                    }
                }

                /// <summary>FAWMN compares the class's metadata display name with the requested one: a top-level, non-generic <c>AiLint.LlmSchemaAttribute</c>.</summary>
                private static bool IsLlmSchemaAttribute(INamedTypeSymbol? type) =>
                    type is { Name: AttributeName, Arity: 0, ContainingType: null }
                    && type.ContainingNamespace is { Name: "AiLint", ContainingNamespace.IsGlobalNamespace: true };
            }

            private static bool IsPartial(TypeDeclarationSyntax declaration)
            {
                foreach (var modifier in declaration.Modifiers)
                {
                    if (modifier.IsKind(SyntaxKind.PartialKeyword))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary><c>partial record struct Name</c>: the keyword(s) the partial declaration must repeat.</summary>
            private static string Header(TypeDeclarationSyntax declaration)
            {
                var keyword = declaration switch
                {
                    RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                    StructDeclarationSyntax => "struct",
                    InterfaceDeclarationSyntax => "interface",
                    _ => "class",
                };
                return "partial " + keyword + " " + declaration.Identifier.Text;
            }
        }
    }
}
