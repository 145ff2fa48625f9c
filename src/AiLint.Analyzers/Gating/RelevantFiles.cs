using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// Which files of a compilation can matter to AiLint's operation-based rules (Retry, Models, Observability,
    /// Evaluation), decided from text and syntax alone, once per compilation and shared by every analyzer. The rules
    /// read operation trees only in relevant files, from semantic-model actions (<see cref="MemberBlocksContext"/> for
    /// the block-based ones), so for the other files the driver builds no IOperation tree on AiLint's behalf and keeps
    /// no per-type state.
    /// </summary>
    /// <remarks>
    /// A file is relevant when its text spells, as a whole word, one of:
    /// <list type="bullet">
    /// <item>a seed (<see cref="RelevanceSeeds"/>): a name the families' symbol tables resolve (SDK entry points and the
    /// calls whose arguments decide, SDK types and their string-taking methods, a distinctive segment of their
    /// namespaces, model and instruction properties, span sinks, HTTP resilience registrations), configured
    /// methods (<c>ailint.llm_call_methods</c>, <c>ailint.retry_methods</c>), referenced projects' recorded wrappers,
    /// AiLint's attribute names;</item>
    /// <item>the name of a project member (method, constructor, property, field, event) or type one of whose
    /// declarations, in a relevant file, spells a name of this list (transitively), or a using alias whose target does.</item>
    /// </list>
    /// Why that is sound: every diagnostic of these rules is found by an operation action in a body that either calls,
    /// constructs, assigns or names an SDK member (which spells its name, its type's name, or, through a using, its
    /// namespace), or calls a project member that leads to one (which spells that member's name). A file reached only
    /// through a value it declares (a settings class with a model-id default, a prompt constant) is read from the
    /// relevant file's analysis through the semantic model and needs no action of its own. Whole words in comments and
    /// strings count too, which only makes more files relevant. Every file is relevant when a referenced assembly may
    /// carry <c>[LlmCall]</c> (an annotated method is recognised under a name nothing here knows) or when a
    /// <c>global using</c> imports an SDK namespace (a file may then spell an SDK type's name alone; the type names are
    /// seeds, but not every member a global using static could bring in).
    /// Known gaps, documented in docs/design/relevant-files.md: a member reached only implicitly (an indexer, an
    /// operator, a <c>foreach</c> over a project type) on a value whose type the file never spells.
    /// </remarks>
    internal sealed class RelevantFiles
    {
        private static readonly ConditionalWeakTable<Compilation, RelevantFiles> Cache = new ConditionalWeakTable<Compilation, RelevantFiles>();

        private readonly Lazy<Dictionary<SyntaxTree, bool>?> byTree;

        private RelevantFiles(Compilation compilation, AnalyzerOptions options)
        {
            // Lazy: computed on the first question, not on the compilation-start path; every analyzer shares it.
            byTree = new Lazy<Dictionary<SyntaxTree, bool>?>(() => Compute(compilation, options), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The gate of <paramref name="compilation"/>, shared by the analyzers that run on it.</summary>
        public static RelevantFiles For(Compilation compilation, AnalyzerOptions options) =>
            Cache.GetValue(compilation, c => new RelevantFiles(c, options));

        /// <summary>True when every file is relevant (no gate applies).</summary>
        public bool Everything => byTree.Value is null;

        /// <summary>Whether <paramref name="tree"/> can matter to an operation-based rule. Unknown trees are relevant.</summary>
        public bool IsRelevant(SyntaxTree? tree) =>
            tree is null || byTree.Value is not { } map || !map.TryGetValue(tree, out var relevant) || relevant;

        /// <summary>The relevance of every tree, or null when every file is relevant.</summary>
        private static Dictionary<SyntaxTree, bool>? Compute(Compilation compilation, AnalyzerOptions options)
        {
            var seeds = RelevanceSeeds.Compute(compilation, options);
            if (seeds.Everything)
            {
                return null;
            }

            var trees = new List<SyntaxTree>(compilation.SyntaxTrees);
            var relevant = new bool[trees.Count];
            var names = new HashSet<string>(seeds.Names, StringComparer.Ordinal);
            var pending = new List<Member>();
            var frontier = new List<string>(names);
            var firstPass = true;
            var words = FileWords.For(compilation);
            while (frontier.Count > 0)
            {
                // Files not yet relevant were checked against every earlier name: only the new ones are looked for, in
                // the words read once per compilation (FileWords), not by reading the texts again each round.
                var spelling = words.Spelling(frontier);
                var newlyRelevant = new List<int>();
                for (var i = 0; i < trees.Count; i++)
                {
                    if (!relevant[i] && spelling.Contains(trees[i], CancellationToken.None))
                    {
                        relevant[i] = true;
                        newlyRelevant.Add(i);

                        // A global using of an SDK namespace spells the namespace's token, a seed: found on the first pass.
                        if (firstPass && HasGlobalSdkUsing(trees[i], seeds.NamespaceTokens))
                        {
                            return null;
                        }
                    }
                }

                firstPass = false;
                var added = new List<string>();
                foreach (var i in newlyRelevant)
                {
                    Member.Collect(trees[i], pending, names, added);
                }

                Close(pending, names, added);
                frontier = added;
            }

            var map = new Dictionary<SyntaxTree, bool>(trees.Count);
            for (var i = 0; i < trees.Count; i++)
            {
                map[trees[i]] = relevant[i];
            }

            return map;
        }

        /// <summary>
        /// Adds the declared names of every pending member that mentions a known name, until nothing changes, and lists
        /// the new names in <paramref name="added"/>. The result is the least closed set whatever the order, so members
        /// declared as soon as they were collected (<see cref="Member.Collect"/>) give the same names.
        /// </summary>
        private static void Close(List<Member> pending, HashSet<string> names, List<string> added)
        {
            bool changed;
            do
            {
                changed = false;
                for (var i = pending.Count - 1; i >= 0; i--)
                {
                    var member = pending[i];
                    if (!MentionsAny(member.Mentions, names))
                    {
                        continue;
                    }

                    pending.RemoveAt(i);
                    foreach (var name in member.Declared)
                    {
                        if (names.Add(name))
                        {
                            added.Add(name);
                            changed = true;
                        }
                    }
                }
            }
            while (changed);
        }

        /// <summary>
        /// Whether a member's few mentions meet the known names. Not <c>HashSet.Overlaps</c>, which enumerates its
        /// argument: that walked the thousands of seed names once per pending member and pass (docs/performance.md,
        /// "2026-12-05, late").
        /// </summary>
        private static bool MentionsAny(HashSet<string> mentions, HashSet<string> names)
        {
            foreach (var mention in mentions)
            {
                if (names.Contains(mention))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>global using</c> (not an alias: aliases are names the closure follows) of an SDK namespace.</summary>
        private static bool HasGlobalSdkUsing(SyntaxTree tree, HashSet<string> namespaceTokens)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit)
            {
                return false;
            }

            foreach (var directive in unit.Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.None) || directive.Alias is not null || directive.Name is null)
                {
                    continue;
                }

                foreach (var token in directive.Name.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && namespaceTokens.Contains(token.ValueText))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A declaration of a relevant file: the names it declares and the identifiers it spells.</summary>
        private sealed class Member
        {
            private Member(List<string> declared, HashSet<string> mentions)
            {
                Declared = declared;
                Mentions = mentions;
            }

            public List<string> Declared { get; }

            public HashSet<string> Mentions { get; }

            /// <summary>
            /// The members of <paramref name="tree"/>: each member of a type (its attributes, signature and body), each
            /// type's header (attributes, primary constructor, base list), each using alias. A member declares its own
            /// name(s) and the names of its enclosing types (a call through a constructor, an indexer or an operator
            /// spells the type, not the member).
            /// </summary>
            /// <remarks>
            /// A member that already mentions one of <paramref name="known"/> is not kept: its declared names are added
            /// to <paramref name="known"/> and <paramref name="added"/> at once, and its walk stops at that mention, so
            /// no set of its identifiers is built (most members of an LLM-dense file mention an SDK name).
            /// </remarks>
            public static void Collect(SyntaxTree tree, List<Member> members, HashSet<string> known, List<string> added)
            {
                // One walk stack for the file's members (AddIdentifiers).
                var stack = new Stack<SyntaxNode>();
                foreach (var node in tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax || n is TypeDeclarationSyntax))
                {
                    switch (node)
                    {
                        case UsingDirectiveSyntax { Alias: { } alias } directive:
                            Keep(new List<string> { alias.Name.Identifier.ValueText }, Identifiers(directive, exclude: alias, known, stack), members, known, added);
                            break;
                        case TypeDeclarationSyntax type:
                            // A record's primary-constructor parameters are properties others read by name.
                            var typeNames = TypeNames(type);
                            if (type is RecordDeclarationSyntax { ParameterList: { } parameters })
                            {
                                foreach (var parameter in parameters.Parameters)
                                {
                                    typeNames.Add(parameter.Identifier.ValueText);
                                }
                            }

                            Keep(typeNames, HeaderIdentifiers(type, known, stack), members, known, added);
                            break;
                        case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or GlobalStatementSyntax:
                            // Enums and delegates are read through the semantic model; top-level statements are never called.
                            break;
                        case MemberDeclarationSyntax member when member.Parent is TypeDeclarationSyntax container:
                            var declared = TypeNames(container);
                            declared.AddRange(DeclaredNames(member));
                            Keep(declared, Identifiers(member, exclude: null, known, stack), members, known, added);
                            break;
                    }
                }
            }

            /// <summary>A member whose walk met a known name (null mentions) declares its names now; any other waits.</summary>
            private static void Keep(List<string> declared, HashSet<string>? mentions, List<Member> members, HashSet<string> known, List<string> added)
            {
                if (mentions is not null)
                {
                    members.Add(new Member(declared, mentions));
                    return;
                }

                foreach (var name in declared)
                {
                    if (known.Add(name))
                    {
                        added.Add(name);
                    }
                }
            }

            private static IEnumerable<string> DeclaredNames(MemberDeclarationSyntax member)
            {
                switch (member)
                {
                    case MethodDeclarationSyntax method:
                        yield return method.Identifier.ValueText;
                        break;
                    case PropertyDeclarationSyntax property:
                        yield return property.Identifier.ValueText;
                        break;
                    case EventDeclarationSyntax @event:
                        yield return @event.Identifier.ValueText;
                        break;
                    case BaseFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            yield return variable.Identifier.ValueText;
                        }

                        break;
                }
            }

            /// <summary>The type's name and its enclosing types' names.</summary>
            private static List<string> TypeNames(TypeDeclarationSyntax type)
            {
                var names = new List<string>();
                for (SyntaxNode? current = type; current is not null; current = current.Parent)
                {
                    if (current is BaseTypeDeclarationSyntax declaration)
                    {
                        names.Add(declaration.Identifier.ValueText);
                    }
                }

                return names;
            }

            /// <summary>What a type declaration spells outside its members: attributes, parameters, base list, constraints.</summary>
            /// <returns>The identifiers, or null when one of them is in <paramref name="known"/>.</returns>
            private static HashSet<string>? HeaderIdentifiers(TypeDeclarationSyntax type, HashSet<string> known, Stack<SyntaxNode> stack)
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                foreach (var child in type.ChildNodes())
                {
                    if (child is not MemberDeclarationSyntax && !AddIdentifiers(child, set, exclude: null, known, stack))
                    {
                        return null;
                    }
                }

                return set;
            }

            /// <returns>The identifiers, or null when one of them is in <paramref name="known"/>.</returns>
            private static HashSet<string>? Identifiers(SyntaxNode node, SyntaxNode? exclude, HashSet<string> known, Stack<SyntaxNode> stack)
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                return AddIdentifiers(node, set, exclude, known, stack) ? set : null;
            }

            /// <summary>Adds the identifiers of <paramref name="node"/>; false (and stops) at the first one in <paramref name="known"/>.</summary>
            /// <remarks>
            /// The tokens of <c>node.DescendantTokens(n => n != exclude)</c>, walked with a stack of nodes instead of
            /// that call's three nested iterators and its closure, made for every member the gate reads (docs/performance.md,
            /// "2026-12-06, session 29"). The order of the walk differs, the answer does not: the
            /// same tokens are read, a known one anywhere gives false, and otherwise the set holds them all.
            /// </remarks>
            private static bool AddIdentifiers(SyntaxNode node, HashSet<string> set, SyntaxNode? exclude, HashSet<string> known, Stack<SyntaxNode> stack)
            {
                if (node == exclude)
                {
                    return true;
                }

                stack.Clear();
                stack.Push(node);
                while (stack.Count > 0)
                {
                    foreach (var child in stack.Pop().ChildNodesAndTokens())
                    {
                        if (child.AsNode() is { } inner)
                        {
                            if (inner != exclude)
                            {
                                stack.Push(inner);
                            }
                        }
                        else if (child.IsKind(SyntaxKind.IdentifierToken))
                        {
                            var text = child.AsToken().ValueText;
                            if (known.Contains(text))
                            {
                                stack.Clear();
                                return false;
                            }

                            set.Add(text);
                        }
                    }
                }

                return true;
            }
        }
    }
}
