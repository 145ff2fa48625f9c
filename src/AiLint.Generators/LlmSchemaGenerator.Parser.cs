using System.Collections.Generic;
using System.Threading;
using AiLint.Generators.Model;
using AiLint.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Generators
{
    public sealed partial class LlmSchemaGenerator
    {
        /// <summary>Symbols to model: the only place the generator touches symbols or syntax.</summary>
        internal static class Parser
        {
            public static SchemaTypeModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
            {
                if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
                {
                    return null;
                }

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
                var known = SchemaKnownSymbols.Create(context.SemanticModel.Compilation);
                AttributeData? attribute = context.Attributes.Length > 0 ? context.Attributes[0] : null;
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

            public static SdkFlags ReadSdkFlags(Compilation compilation) => new(
                compilation.GetTypeByMetadataName("System.Text.Json.JsonDocument") is not null,
                // The OpenAI binding passes the schema as System.BinaryData (System.Memory.Data, which the OpenAI package brings).
                compilation.GetTypeByMetadataName("OpenAI.Chat.ChatResponseFormat") is not null && compilation.GetTypeByMetadataName("System.BinaryData") is not null,
                compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatResponseFormat") is not null,
                compilation.GetTypeByMetadataName("Anthropic.Models.Messages.OutputConfig") is not null);

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
