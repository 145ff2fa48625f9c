using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// MCP list builders across projects (AIL0202): an Infrastructure project declares
    /// <c>public async Task&lt;(IList&lt;AITool&gt; tools, McpClient client)&gt; GetHttpMcpToolAsync(string name, string endpoint)</c>
    /// that returns a server's whole list, and an app deconstructs the call and sends the tools (review56, ContosoAutoTech).
    /// The library records, under <see cref="Key"/>, each public non-virtual method whose every input is an MCP client, a
    /// cancellation token or only says where the server is (<see cref="ServerLocatorInputs"/>), and whose every return
    /// (or every return's tuple element) is found by its own <see cref="CatalogEvaluator"/> to carry an MCP server's whole
    /// list: <c>docId|position</c>, position <c>-1</c> for the list itself. The app reads the record where it would read a
    /// builder of its own (any arguments: every input of a recorded method is a locator).
    /// </summary>
    internal static class McpListBuilderSummary
    {
        public const string Key = "AiLint.McpListBuilder";

        private static readonly ConditionalWeakTable<Compilation, HashSet<string>> Referenced = new ConditionalWeakTable<Compilation, HashSet<string>>();

        /// <summary>
        /// The library side. Only files whose text spells <c>ListToolsAsync</c> are walked, and only methods whose own
        /// text spells it are bound: a builder that lists through another helper is not recorded (cheap first).
        /// </summary>
        public static List<SummaryEntry> Entries(Compilation compilation, CancellationToken cancellationToken)
        {
            var entries = new List<SummaryEntry>();
            var mentions = new SinkTextPrefilter(new[] { "ListToolsAsync" });
            KnownToolSymbols? symbols = null;
            ProjectCatalogs? project = null;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!mentions.MayMentionSink(tree, cancellationToken))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(descendIntoChildren: child => child is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    if (node is not MethodDeclarationSyntax declaration || (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not { } body
                        || body.ToString().IndexOf("ListToolsAsync", StringComparison.Ordinal) < 0)
                    {
                        continue;
                    }

                    if (symbols == null)
                    {
                        symbols = KnownToolSymbols.TryCreate(compilation);
                        if (symbols == null || symbols.McpClientTransport == null)
                        {
                            return entries;
                        }

                        project = new ProjectCatalogs(compilation, symbols, cancellationToken);
                    }

                    var model = AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(compilation, tree);
                    if (model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method
                        || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsGenericMethod
                        || !ProjectSummaryBuilder.IsRecordable(method) || !OnlyLocatorInputs(method, symbols, project!)
                        || method.GetDocumentationCommentId() is not { } docId)
                    {
                        continue;
                    }

                    var evaluator = new CatalogEvaluator(symbols, project!.IndexOf(method.ContainingType), AiLintOptions.DefaultMaxTools, project, depth: 1);
                    foreach (var position in ToolPositions(method, symbols))
                    {
                        if (evaluator.ReturnsWholeMcpList(method, position))
                        {
                            entries.Add(new SummaryEntry(Key, docId + "|" + position.ToString(CultureInfo.InvariantCulture)));
                        }
                    }
                }
            }

            return entries;
        }

        /// <summary>
        /// The app side: whether a referenced assembly recorded that <paramref name="method"/> returns an MCP server's whole
        /// list (at tuple element <paramref name="position"/>, or <c>-1</c> for the list itself).
        /// </summary>
        public static bool IsRecorded(IMethodSymbol method, int position, Compilation compilation)
        {
            method = method.OriginalDefinition;
            if (method.DeclaringSyntaxReferences.Length != 0 || method.ContainingAssembly is not { } assembly)
            {
                return false;
            }

            var recorded = Referenced.GetValue(compilation, Read);
            return recorded.Count > 0 && method.GetDocumentationCommentId() is { } docId
                && recorded.Contains(assembly.Identity.Name + "|" + docId + "|" + position.ToString(CultureInfo.InvariantCulture));
        }

        private static bool OnlyLocatorInputs(IMethodSymbol method, KnownToolSymbols symbols, ProjectCatalogs project)
        {
            foreach (var parameter in method.Parameters)
            {
                if (!SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.CancellationToken)
                    && !symbols.IsMcpClient(parameter.Type) && !project.IsServerLocator(parameter))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>-1 when the method returns a tool collection; else each tuple element that is one.</summary>
        private static IEnumerable<int> ToolPositions(IMethodSymbol method, KnownToolSymbols symbols)
        {
            var returned = CatalogEvaluator.UnwrapTask(method.ReturnType);
            if (symbols.IsToolCollection(returned))
            {
                yield return -1;
            }
            else if (returned is INamedTypeSymbol { IsTupleType: true } tuple)
            {
                for (var i = 0; i < tuple.TupleElements.Length; i++)
                {
                    if (symbols.IsToolCollection(tuple.TupleElements[i].Type))
                    {
                        yield return i;
                    }
                }
            }
        }

        private static HashSet<string> Read(Compilation compilation)
        {
            var recorded = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (assembly, value) in SummaryRecords.Of(compilation, Key))
            {
                recorded.Add(assembly.Identity.Name + "|" + value);
            }

            return recorded;
        }
    }
}
