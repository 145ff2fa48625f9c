using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// The operation blocks of every declaration in one file, grouped and owned as the analyzer driver groups them for
    /// an operation-block action: per declared member (and per field declarator, accessor, primary constructor, top-level
    /// program), its bodies, expression bodies, constructor initializer or primary-constructor base call, initializer,
    /// parameter default values and attributes, in the driver's order. Local functions and lambdas are inside their
    /// member's blocks. A partial member is seen in each file of its declarations, with that declaration's blocks, so a
    /// body is visited once, in its own file. Like the driver with <c>GeneratedCodeAnalysisFlags.None</c>, it skips the
    /// members of a symbol marked <c>[GeneratedCode]</c> (the driver runs no semantic-model action on a generated file).
    /// </summary>
    /// <remarks>
    /// Why: an analyzer that registers its block actions per type (a symbol-start action, to skip irrelevant files)
    /// makes the driver keep per-type state for every type of the compilation, about 9 to 12 MB per analyzer on 2,000
    /// plain types (docs/performance.md). A semantic-model action that returns at once for an irrelevant file and, for
    /// a relevant one, walks these blocks costs nothing per type. The declarations mirror Roslyn's
    /// CSharpDeclarationComputer, which the driver uses; tests/AiLint.Tests/Gating/OperationBlocksOfFileTests.cs
    /// compares this enumeration with the driver's on every kind of declaration.
    /// </remarks>
    internal static class OperationBlocksOfFile
    {
        // The enumeration of each semantic model, shared by the analyzers that walk the same file's blocks (Of): the
        // driver hands every analyzer's semantic-model action the same model of a tree, so Retry, Models and AIL0101
        // enumerate each relevant file once between them instead of once each. Keyed by the model, the list lives as
        // long as the model whose operation trees it points into, and no longer.
        private static readonly ConditionalWeakTable<SemanticModel, List<(ISymbol Symbol, ImmutableArray<IOperation> Blocks)>> Shared =
            new ConditionalWeakTable<SemanticModel, List<(ISymbol Symbol, ImmutableArray<IOperation> Blocks)>>();

        /// <summary>
        /// The declarations of <paramref name="model"/>'s file with their (non-empty) operation blocks, in the order
        /// <see cref="ForEach"/> visits them: enumerated by the first caller and shared with every later caller that
        /// holds the same model (the same symbols and the same operation instances <see cref="ForEach"/> would give).
        /// </summary>
        /// <remarks>
        /// A cancelled enumeration throws before anything is stored, so a partial list is never shared. Two callers
        /// that race may both enumerate; the first stored list is returned to both, and the lists are equal anyway.
        /// </remarks>
        public static IReadOnlyList<(ISymbol Symbol, ImmutableArray<IOperation> Blocks)> Of(SemanticModel model, CancellationToken cancellationToken)
        {
            if (Shared.TryGetValue(model, out var cached))
            {
                return cached;
            }

            var declarations = new List<(ISymbol Symbol, ImmutableArray<IOperation> Blocks)>();
            ForEach(model, declarations, static (symbol, blocks, list) => list.Add((symbol, blocks)), cancellationToken);
            return Shared.GetValue(model, _ => declarations);
        }

        /// <summary>Calls <paramref name="visit"/> with each declaration's owning symbol and its (non-empty) operation blocks.</summary>
        public static void ForEach<TState>(SemanticModel model, TState state, Action<ISymbol, ImmutableArray<IOperation>, TState> visit, CancellationToken cancellationToken)
        {
            var root = model.SyntaxTree.GetRoot(cancellationToken);
            if (root is CompilationUnitSyntax unit)
            {
                var generatedCode = model.Compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
                new Walker<TState>(model, state, visit, generatedCode, cancellationToken).CompilationUnit(unit);
            }
        }

        /// <summary>
        /// Calls <paramref name="visit"/> with the operation blocks of one declaration of a type: its own members, primary
        /// constructor and attributes, not its nested types' (the driver hands those to the nested type). For the
        /// compilation unit of top-level statements, the synthesized entry point's one block.
        /// </summary>
        public static void ForEachOfDeclaration<TState>(SemanticModel model, SyntaxNode declaration, TState state, Action<ISymbol, ImmutableArray<IOperation>, TState> visit, CancellationToken cancellationToken)
        {
            var generatedCode = model.Compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
            var walker = new Walker<TState>(model, state, visit, generatedCode, cancellationToken);
            switch (declaration)
            {
                case TypeDeclarationSyntax type:
                    walker.OwnDeclarations(type);
                    break;
                case CompilationUnitSyntax unit:
                    walker.TopLevelProgram(unit);
                    break;
            }
        }

        /// <summary>Whether the file holds top-level statements (the implicit Program's entry point).</summary>
        public static bool HasTopLevelStatements(CompilationUnitSyntax unit)
        {
            foreach (var member in unit.Members)
            {
                if (member.IsKind(SyntaxKind.GlobalStatement))
                {
                    return true;
                }
            }

            return false;
        }

        private readonly struct Walker<TState>
        {
            private readonly SemanticModel model;
            private readonly TState state;
            private readonly Action<ISymbol, ImmutableArray<IOperation>, TState> visit;
            private readonly INamedTypeSymbol? generatedCode;
            private readonly CancellationToken cancellationToken;

            // Whether a containing type is generated code, remembered for the walk of one file: every member of a type
            // asks it of the same containers, and each ask built their declaration arrays and read their attributes.
            private readonly Dictionary<ISymbol, bool>? generatedContainers;

            public Walker(SemanticModel model, TState state, Action<ISymbol, ImmutableArray<IOperation>, TState> visit, INamedTypeSymbol? generatedCode, CancellationToken cancellationToken)
            {
                this.model = model;
                this.state = state;
                this.visit = visit;
                this.generatedCode = generatedCode;
                this.cancellationToken = cancellationToken;
                generatedContainers = generatedCode is null ? null : new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            }

            public void CompilationUnit(CompilationUnitSyntax unit)
            {
                foreach (var member in unit.Members)
                {
                    Member(member);
                }

                TopLevelProgram(unit);

                // Assembly and module attributes: the driver hands them out as blocks of the global namespace.
                if (unit.AttributeLists.Count > 0)
                {
                    var blocks = ImmutableArray.CreateBuilder<IOperation>();
                    AddAttributes(blocks, unit.AttributeLists);
                    Visit(model.Compilation.Assembly.GlobalNamespace, blocks);
                }
            }

            /// <summary>Top-level statements: the whole compilation unit is the synthesized entry point's one block.</summary>
            public void TopLevelProgram(CompilationUnitSyntax unit)
            {
                if (HasTopLevelStatements(unit) && model.GetDeclaredSymbol(unit, cancellationToken) is IMethodSymbol main)
                {
                    var blocks = ImmutableArray.CreateBuilder<IOperation>(1);
                    Add(blocks, unit);
                    Visit(main, blocks);
                }
            }

            /// <summary>One declaration of a type without its nested types, enums and delegates.</summary>
            public void OwnDeclarations(TypeDeclarationSyntax type)
            {
                foreach (var member in type.Members)
                {
                    if (member is not BaseTypeDeclarationSyntax and not DelegateDeclarationSyntax)
                    {
                        Member(member);
                    }
                }

                TypeHeader(type);
            }

            private void TypeHeader(TypeDeclarationSyntax type)
            {
                if (type.ParameterList is { } parameters && PrimaryConstructor(type) is { } constructor)
                {
                    var constructorBlocks = ImmutableArray.CreateBuilder<IOperation>();
                    AddParameters(constructorBlocks, parameters);
                    if (type.BaseList is { Types.Count: > 0 } baseList && baseList.Types[0] is PrimaryConstructorBaseTypeSyntax baseCall)
                    {
                        Add(constructorBlocks, baseCall);
                    }

                    Visit(constructor, constructorBlocks);
                }

                var blocks = ImmutableArray.CreateBuilder<IOperation>();
                AddAttributes(blocks, type.AttributeLists);
                AddTypeParameters(blocks, type.TypeParameterList);
                Visit(type, blocks);
            }

            private void Member(MemberDeclarationSyntax node)
            {
                cancellationToken.ThrowIfCancellationRequested();
                System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting of namespaces and types is the user's: AD0001, not a stack overflow
                var blocks = ImmutableArray.CreateBuilder<IOperation>();
                switch (node)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        foreach (var member in ns.Members)
                        {
                            Member(member);
                        }

                        return;

                    case TypeDeclarationSyntax type:
                        foreach (var member in type.Members)
                        {
                            Member(member);
                        }

                        TypeHeader(type);
                        return;

                    case EnumDeclarationSyntax enumeration:
                        foreach (var member in enumeration.Members)
                        {
                            var memberBlocks = ImmutableArray.CreateBuilder<IOperation>();
                            Add(memberBlocks, member.EqualsValue);
                            AddAttributes(memberBlocks, member.AttributeLists);
                            Visit(member, memberBlocks);
                        }

                        AddAttributes(blocks, enumeration.AttributeLists);
                        Visit(node, blocks);
                        return;

                    case DelegateDeclarationSyntax @delegate:
                        AddAttributes(blocks, @delegate.AttributeLists);
                        AddParameters(blocks, @delegate.ParameterList);
                        AddTypeParameters(blocks, @delegate.TypeParameterList);
                        Visit(node, blocks);
                        return;

                    case EventDeclarationSyntax @event:
                        Accessors(@event.AccessorList);
                        AddAttributes(blocks, @event.AttributeLists);
                        Visit(node, blocks);
                        return;

                    case BaseFieldDeclarationSyntax field:
                        // One declaration per declarator, each with the shared attributes (as the driver has it).
                        foreach (var variable in field.Declaration.Variables)
                        {
                            var variableBlocks = ImmutableArray.CreateBuilder<IOperation>();
                            Add(variableBlocks, variable.Initializer);
                            AddAttributes(variableBlocks, field.AttributeLists);
                            Visit(variable, variableBlocks);
                        }

                        return;

                    case PropertyDeclarationSyntax property:
                        Accessors(property.AccessorList);
                        ExpressionBodiedGetter(property, property.ExpressionBody);
                        Add(blocks, property.Initializer);
                        AddAttributes(blocks, property.AttributeLists);
                        Visit(node, blocks);
                        return;

                    case IndexerDeclarationSyntax indexer:
                        Accessors(indexer.AccessorList);
                        ExpressionBodiedGetter(indexer, indexer.ExpressionBody);
                        AddParameters(blocks, indexer.ParameterList);
                        AddAttributes(blocks, indexer.AttributeLists);
                        Visit(node, blocks);
                        return;

                    case BaseMethodDeclarationSyntax method:
                        AddParameters(blocks, method.ParameterList);
                        Add(blocks, method.Body);
                        if (method is ConstructorDeclarationSyntax { Initializer: { } initializer })
                        {
                            Add(blocks, initializer);
                        }

                        Add(blocks, method.ExpressionBody);
                        AddAttributes(blocks, method.AttributeLists);
                        if (method is MethodDeclarationSyntax { TypeParameterList: { } typeParameters })
                        {
                            AddTypeParameters(blocks, typeParameters);
                        }

                        Visit(node, blocks);
                        return;

                    // Global statements are handled once for the compilation unit; anything else declares no block.
                    default:
                        return;
                }
            }

            private void Accessors(AccessorListSyntax? accessors)
            {
                if (accessors is null)
                {
                    return;
                }

                foreach (var accessor in accessors.Accessors)
                {
                    var blocks = ImmutableArray.CreateBuilder<IOperation>();
                    Add(blocks, accessor.Body);
                    Add(blocks, accessor.ExpressionBody);
                    AddAttributes(blocks, accessor.AttributeLists);
                    Visit(accessor, blocks);
                }
            }

            /// <summary><c>int P => x;</c>: the arrow is the getter's declaration, owned by the getter.</summary>
            private void ExpressionBodiedGetter(BasePropertyDeclarationSyntax property, ArrowExpressionClauseSyntax? arrow)
            {
                if (arrow is null || (model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod is not { } getter)
                {
                    return;
                }

                var blocks = ImmutableArray.CreateBuilder<IOperation>(1);
                Add(blocks, arrow);
                Visit(getter, blocks);
            }

            private IMethodSymbol? PrimaryConstructor(TypeDeclarationSyntax type)
            {
                if (model.GetDeclaredSymbol(type, cancellationToken) is not INamedTypeSymbol symbol)
                {
                    return null;
                }

                foreach (var constructor in symbol.InstanceConstructors)
                {
                    foreach (var reference in constructor.DeclaringSyntaxReferences)
                    {
                        if (reference.SyntaxTree == type.SyntaxTree && reference.Span == type.Span)
                        {
                            return constructor;
                        }
                    }
                }

                return null;
            }

            private void Visit(SyntaxNode declaration, ImmutableArray<IOperation>.Builder blocks)
            {
                // The driver runs block actions only for a declared symbol with at least one operation.
                if (blocks.Count > 0 && model.GetDeclaredSymbol(declaration, cancellationToken) is { } symbol)
                {
                    Visit(symbol, blocks);
                }
            }

            private void Visit(ISymbol symbol, ImmutableArray<IOperation>.Builder blocks)
            {
                if (blocks.Count > 0 && !IsGeneratedCode(symbol))
                {
                    visit(symbol, blocks.Count == blocks.Capacity ? blocks.MoveToImmutable() : blocks.ToImmutable(), state);
                }
            }

            /// <summary>
            /// The driver's test for a symbol in generated code: it, or a symbol containing it, carries
            /// <c>[GeneratedCode]</c>; a symbol with several declarations (a partial one) is not judged by its own
            /// attributes, since a generator may mark only its part.
            /// </summary>
            private bool IsGeneratedCode(ISymbol symbol) =>
                generatedContainers is not null
                && symbol.Kind != SymbolKind.Namespace
                && (CarriesGeneratedCode(symbol) || IsGeneratedContainer(symbol.ContainingSymbol));

            private bool IsGeneratedContainer(ISymbol? container)
            {
                if (container is null || container.Kind == SymbolKind.Namespace)
                {
                    return false;
                }

                if (!generatedContainers!.TryGetValue(container, out var generated))
                {
                    generated = CarriesGeneratedCode(container) || IsGeneratedContainer(container.ContainingSymbol);
                    generatedContainers[container] = generated;
                }

                return generated;
            }

            private bool CarriesGeneratedCode(ISymbol symbol)
            {
                if (symbol.DeclaringSyntaxReferences.Length > 1)
                {
                    return false;
                }

                foreach (var attribute in symbol.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, generatedCode))
                    {
                        return true;
                    }
                }

                return false;
            }

            private void Add(ImmutableArray<IOperation>.Builder blocks, SyntaxNode? node)
            {
                if (node is not null && model.GetOperation(node, cancellationToken) is { } operation)
                {
                    blocks.Add(operation);
                }
            }

            private void AddAttributes(ImmutableArray<IOperation>.Builder blocks, SyntaxList<AttributeListSyntax> lists)
            {
                foreach (var list in lists)
                {
                    foreach (var attribute in list.Attributes)
                    {
                        Add(blocks, attribute);
                    }
                }
            }

            private void AddParameters(ImmutableArray<IOperation>.Builder blocks, BaseParameterListSyntax? parameters)
            {
                if (parameters is null)
                {
                    return;
                }

                foreach (var parameter in parameters.Parameters)
                {
                    Add(blocks, parameter.Default);
                    AddAttributes(blocks, parameter.AttributeLists);
                }
            }

            private void AddTypeParameters(ImmutableArray<IOperation>.Builder blocks, TypeParameterListSyntax? typeParameters)
            {
                if (typeParameters is null)
                {
                    return;
                }

                foreach (var typeParameter in typeParameters.Parameters)
                {
                    AddAttributes(blocks, typeParameter.AttributeLists);
                }
            }
        }
    }
}
