using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>Binds the bodies of methods declared in the compilation, for facts that span methods.</summary>
    internal static class SourceBodies
    {
        /// <summary>True when <paramref name="method"/> is declared in source in <paramref name="compilation"/>.</summary>
        public static bool IsInSource(IMethodSymbol method, Compilation compilation)
        {
            method = method.OriginalDefinition;
            // The assembly test first: it is a field read, while DeclaringSyntaxReferences builds an array for source methods.
            return SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly)
                && method.DeclaringSyntaxReferences.Length > 0;
        }

        /// <summary>
        /// The operation trees of the method's body (one per declaring part; empty for abstract, extern or
        /// body-less partial methods).
        /// </summary>
        public static IEnumerable<IOperation> GetBodies(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var node in GetBodySyntax(method, cancellationToken))
            {
                var model = GetSemanticModel(compilation, node.SyntaxTree);
                var operation = model.GetOperation(node, cancellationToken);
                if (operation is not null)
                {
                    yield return operation;
                }
            }
        }

        /// <summary>
        /// The values a source method or getter returns: its own <c>return</c> statements, not those of the lambdas and
        /// local functions inside it (rules follow a helper's result through these: a clock, a prompt, a tool list).
        /// </summary>
        public static List<IOperation> ReturnedValues(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            var values = new List<IOperation>();
            foreach (var body in GetBodies(method, compilation, cancellationToken))
            {
                CollectReturns(body, values);
            }

            return values;
        }

        private static void CollectReturns(IOperation operation, List<IOperation> values)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            foreach (var child in operation.ChildOperations)
            {
                if (child is IAnonymousFunctionOperation || child is ILocalFunctionOperation)
                {
                    continue;
                }

                if (child is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value })
                {
                    values.Add(value);
                    continue;
                }

                // A return is a statement, and outside a lambda (skipped above) no statement sits inside an expression:
                // the walk need not enter one. So its depth follows the nesting of statements, not the length of an
                // expression (a 10,000-term concatenation is one left-deep chain of 10,000 operations).
                if (child.Syntax is ExpressionSyntax && child is not IBlockOperation)
                {
                    continue;
                }

                CollectReturns(child, values);
            }
        }

        /// <summary>
        /// The declarations whose operation trees <see cref="GetBodies"/> returns (one per declaring part that has a
        /// body), unbound: for callers that bind only parts of a body. For a top-level program's entry point this is the
        /// compilation unit, whose syntax also holds the file's type declarations (their members are not part of the
        /// entry point's operation tree).
        /// </summary>
        public static IEnumerable<SyntaxNode> GetBodySyntax(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (method.PartialImplementationPart is { } implementation)
            {
                method = implementation;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var node = reference.GetSyntax(cancellationToken);
                if (HasBody(node))
                {
                    yield return node;
                }
            }
        }

        /// <summary>
        /// Every invocation in the compilation whose called name (<c>x.Name(...)</c> or <c>Name(...)</c>) is one of
        /// <paramref name="names"/>, bound; the name test is syntax-only, so nothing else is bound.
        /// </summary>
        /// <remarks>
        /// Only files whose text spells one of the names are walked (<see cref="FileWords"/>, <see cref="IdentifierScan"/>'s
        /// answers from one shared reading per compilation: sound for identifier tokens, Unicode escapes included). Walking every node of every file cost more CPU than any rule's own work on
        /// the 1,000-file benchmark, where no file registers a service (docs/performance.md, "2026-12-05, late").
        /// </remarks>
        public static IEnumerable<IInvocationOperation> InvocationsNamed(Compilation compilation, ISet<string> names, CancellationToken cancellationToken)
        {
            // The compilation's words are read once and shared with the gate and the other searches (FileWords).
            var spelling = FileWords.For(compilation).Spelling(names);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!spelling.Contains(tree, cancellationToken))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = InvokedNames.CalledName(node);
                    if (name is not null && names.Contains(name) && GetOperation(node, compilation, cancellationToken) is IInvocationOperation invocation)
                    {
                        yield return invocation;
                    }
                }
            }
        }

        /// <summary>The operation of a node in any tree of the compilation (for example a field initializer).</summary>
        public static IOperation? GetOperation(SyntaxNode node, Compilation compilation, CancellationToken cancellationToken) =>
            GetSemanticModel(compilation, node.SyntaxTree).GetOperation(node, cancellationToken);

        /// <summary>
        /// Facts that span methods (the project call graph, retry helpers) need the bodies of other methods than the one
        /// under analysis. Inside the analyzer driver, <see cref="Compilation.GetSemanticModel"/> returns the driver's cached
        /// model (Compilation.SemanticModelProvider), so this does not bind a tree twice; each body is bound at most once
        /// per compilation because callers memoise their facts.
        /// </summary>
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() within a diagnostic analyzer: see the remarks above.
        public static SemanticModel GetSemanticModel(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

        /// <remarks>
        /// The entry point of a top-level program (<c>Program.&lt;Main&gt;$</c>) is declared by the compilation unit that
        /// holds the statements; its operation is the method body of those statements (the lambdas and local functions
        /// in them included, the file's type declarations not). Without it, what a top-level program does was invisible
        /// to every fact read through a method's bodies, such as the tool catalog a minimal-API handler hands to a
        /// factory's parameter (review32 M1).
        /// </remarks>
        private static bool HasBody(SyntaxNode node) => node switch
        {
            BaseMethodDeclarationSyntax m => m.Body is not null || m.ExpressionBody is not null,
            LocalFunctionStatementSyntax f => f.Body is not null || f.ExpressionBody is not null,
            AccessorDeclarationSyntax a => a.Body is not null || a.ExpressionBody is not null,
            ArrowExpressionClauseSyntax => true,
            CompilationUnitSyntax unit => OperationBlocksOfFile.HasTopLevelStatements(unit),
            _ => false,
        };

        /// <summary>
        /// Every type declared in the compilation's own source, nested ones included (metadata types are not code the
        /// project ships): the one walk for readers that look for a member's implementations or candidates.
        /// </summary>
        public static IEnumerable<INamedTypeSymbol> SourceTypes(Compilation compilation, CancellationToken cancellationToken)
        {
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = pending.Pop();
                if (current is INamespaceSymbol ns)
                {
                    foreach (var member in ns.GetMembers())
                    {
                        pending.Push(member);
                    }

                    continue;
                }

                if (current is INamedTypeSymbol type && !type.DeclaringSyntaxReferences.IsEmpty)
                {
                    yield return type;
                    foreach (var nested in type.GetTypeMembers())
                    {
                        pending.Push(nested);
                    }
                }
            }
        }
    }
}
