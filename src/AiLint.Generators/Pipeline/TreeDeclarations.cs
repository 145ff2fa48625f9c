using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Generators.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Generators.Pipeline
{
    /// <summary>
    /// What one syntax tree declares, as far as schema extraction can tell: a 128-bit fingerprint of the tree without
    /// its member bodies, plus the syntactic facts the extraction uses to skip trees (attribute names on type
    /// declarations, using-alias names). Computed from syntax alone, and only for trees that changed.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Soundness: the extraction reads declared symbols only (types, members, signatures, attributes and their
    /// arguments, constants, nullable annotations, constructors' parameters), never a member body or a documentation
    /// comment. The fingerprint is a prefix-free serialization of the whole tree (every node's kind and child count in
    /// pre-order, every token's kind and text, directive and skipped-token trivia) in which each body is replaced by a
    /// marker; the body's own directives are kept, in order, because a <c>#nullable</c> or <c>#if</c> inside a body
    /// changes the declarations after it. Bodies are: method, constructor, destructor, operator and conversion
    /// operator bodies, accessor bodies, local function bodies, <c>=&gt; expr</c> of methods, properties, indexers and
    /// accessors, and top-level statements (they declare no type or member the extraction can see: the synthesized
    /// entry point's signature is not read). Field, property and parameter initializers, constructor initializers,
    /// attribute arguments and enum member values are declarations and stay in. The file path and the parse options
    /// (language version, preprocessor symbols, features) are hashed too.
    /// </para>
    /// <para>
    /// Equality uses the tree instance as well as the hash, so the per-tree pipeline step never keeps an old tree
    /// alive (a tree edited in a body gets a new entry) and the next step can put the fingerprints in the
    /// compilation's tree order; the declaration key itself holds only the hashes.
    /// </para>
    /// </remarks>
    internal sealed class TreeDeclarations : IEquatable<TreeDeclarations>
    {
        // Every element of the serialization starts with one of these tags, which keeps the word stream prefix-free.
        private const ulong NodeTag = 1;
        private const ulong TokenTag = 2;
        private const ulong TriviaTag = 3;
        private const ulong TriviaEndTag = 4;
        private const ulong BodyTag = 5;
        private const ulong BodyEndTag = 6;

        private TreeDeclarations(SyntaxTree tree, TreeFingerprint fingerprint)
        {
            Tree = tree;
            Fingerprint = fingerprint;
        }

        /// <summary>The tree (the current one: an edited tree is a new instance with a new entry).</summary>
        public SyntaxTree Tree { get; }

        public TreeFingerprint Fingerprint { get; }

        public static TreeDeclarations Compute(CompilationUnitSyntax root, CancellationToken cancellationToken)
        {
            var tree = root.SyntaxTree;
            var hash = default(Hash128);
            hash.Add(tree.FilePath);
            AddOptions(ref hash, tree.Options);

            var attributeNames = new HashSet<string>(StringComparer.Ordinal);
            var aliases = new HashSet<string>(StringComparer.Ordinal);
            var visited = 0;
            foreach (var item in root.DescendantNodesAndTokensAndSelf(static node => !IsBody(node)))
            {
                if ((++visited & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (item.IsToken)
                {
                    AddToken(ref hash, item.AsToken());
                    continue;
                }

                var node = item.AsNode()!;
                if (IsBody(node))
                {
                    hash.Add(BodyTag);
                    hash.Add((ulong)node.RawKind);
                    if (node.ContainsDirectives)
                    {
                        foreach (var trivia in node.DescendantTrivia())
                        {
                            if (trivia.IsDirective)
                            {
                                AddStructuredTrivia(ref hash, trivia);
                            }
                        }
                    }

                    hash.Add(BodyEndTag);
                    continue;
                }

                hash.Add(NodeTag);
                hash.Add((ulong)node.RawKind);
                hash.Add((ulong)node.ChildNodesAndTokens().Count);
                switch (node)
                {
                    case TypeDeclarationSyntax type:
                        foreach (var list in type.AttributeLists)
                        {
                            foreach (var attribute in list.Attributes)
                            {
                                attributeNames.Add(RightmostName(attribute.Name));
                            }
                        }

                        break;
                    case UsingDirectiveSyntax { Alias: { } alias }:
                        aliases.Add(alias.Name.Identifier.ValueText);
                        break;
                }
            }

            var (low, high) = hash.Finish();
            return new TreeDeclarations(tree, new TreeFingerprint(tree.FilePath, low, high, Sorted(attributeNames), Sorted(aliases)));
        }

        /// <summary>The rightmost identifier of an attribute name (<c>AiLint.LlmSchema</c>: <c>LlmSchema</c>).</summary>
        public static string RightmostName(NameSyntax name) => name switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
            _ => name.ToString(),
        };

        public bool Equals(TreeDeclarations? other) => other is not null && ReferenceEquals(Tree, other.Tree) && Fingerprint.Equals(other.Fingerprint);

        public override bool Equals(object? obj) => Equals(obj as TreeDeclarations);

        public override int GetHashCode() => Fingerprint.GetHashCode();

        private static bool IsBody(SyntaxNode node) => node.Parent switch
        {
            BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax => node is BlockSyntax or ArrowExpressionClauseSyntax,
            BasePropertyDeclarationSyntax => node is ArrowExpressionClauseSyntax,
            GlobalStatementSyntax => true,
            _ => false,
        };

        private static void AddToken(ref Hash128 hash, SyntaxToken token)
        {
            if (token.HasStructuredTrivia)
            {
                AddTrivia(ref hash, token.LeadingTrivia);
            }

            hash.Add(TokenTag);
            hash.Add((ulong)token.RawKind);
            hash.Add(token.Text);
            if (token.HasStructuredTrivia)
            {
                AddTrivia(ref hash, token.TrailingTrivia);
            }
        }

        /// <summary>Directives and skipped tokens; whitespace, comments, disabled text and documentation comments are not declarations.</summary>
        private static void AddTrivia(ref Hash128 hash, SyntaxTriviaList list)
        {
            foreach (var trivia in list)
            {
                if (trivia.HasStructure && !trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) && !trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                {
                    AddStructuredTrivia(ref hash, trivia);
                }
            }
        }

        private static void AddStructuredTrivia(ref Hash128 hash, SyntaxTrivia trivia)
        {
            hash.Add(TriviaTag);
            hash.Add((ulong)trivia.RawKind);
            foreach (var token in trivia.GetStructure()!.DescendantTokens())
            {
                hash.Add(TokenTag);
                hash.Add((ulong)token.RawKind);
                hash.Add(token.Text);
            }

            hash.Add(TriviaEndTag);
        }

        private static void AddOptions(ref Hash128 hash, ParseOptions options)
        {
            hash.Add((ulong)options.Kind);
            hash.Add((ulong)options.DocumentationMode);
            if (options is CSharpParseOptions csharp)
            {
                hash.Add((ulong)csharp.LanguageVersion);
            }

            var symbols = options.PreprocessorSymbolNames.ToList();
            hash.Add((ulong)symbols.Count);
            foreach (var symbol in symbols)
            {
                hash.Add(symbol);
            }

            var features = options.Features.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
            hash.Add((ulong)features.Count);
            foreach (var feature in features)
            {
                hash.Add(feature.Key);
                hash.Add(feature.Value ?? string.Empty);
            }
        }

        private static EquatableArray<string> Sorted(HashSet<string> names)
        {
            var array = names.ToArray();
            Array.Sort(array, StringComparer.Ordinal);
            return new EquatableArray<string>(array);
        }
    }
}
