using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Where the project throws its own exception types. A catch of an exception class declared in the project can only
    /// see what the project's code throws: an SDK cannot create it (a referenced assembly cannot name a type of the
    /// assembly that references it), so it reaches the catch only from a <c>throw</c> written in this compilation
    /// (in the try itself, or in a project method or callback the SDK runs).
    /// </summary>
    /// <remarks>
    /// Used for a client-side limiter: <c>using var lease = await limiter.AcquireAsync(); if (!lease.IsAcquired) throw new
    /// LeaseRejectedException(); var r = await chat.CompleteChatAsync(...);</c> inside a loop whose only catch is
    /// <c>catch (LeaseRejectedException)</c>. When every throw that may produce the caught type is in the try, before the
    /// call, the catch only ever sees a failure from before the request was sent: nothing is re-sent.
    /// The throw sites are found syntactically, once per compilation; a <c>throw new X()</c> is bound only when its type's
    /// name is the caught type's or a project subclass's, and a <c>throw expr;</c> of any other shape is always bound and
    /// counts when its static type could be the caught type (a base such as <c>Exception</c>, or a subclass).
    /// A rethrow (<c>throw;</c>) rethrows what was caught, which came from one of the other sites.
    /// </remarks>
    internal sealed class ProjectThrows
    {
        private readonly Compilation compilation;
        private readonly System.Lazy<List<ThrowSite>> sites;

        public ProjectThrows(Compilation compilation)
        {
            this.compilation = compilation;
            sites = new System.Lazy<List<ThrowSite>>(Collect);
        }

        /// <summary>
        /// True when <paramref name="caught"/> is a project exception type and every throw in the compilation that may
        /// produce it lies in <paramref name="tryBlock"/> before <paramref name="call"/> (and outside lambdas).
        /// </summary>
        public bool OnlyThrownBefore(ITypeSymbol? caught, SyntaxNode call, SyntaxNode tryBlock, CancellationToken cancellationToken)
        {
            if (caught is not INamedTypeSymbol type || type.TypeKind != TypeKind.Class
                || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly)
                || !DerivesFrom(type, compilation.GetTypeByMetadataName("System.Exception")))
            {
                return false;
            }

            var names = NamesOfTypeAndSubclasses(type);
            var found = false;
            foreach (var site in sites.Value)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (site.Thrown is ObjectCreationExpressionSyntax { Type: var created } && !names.Contains(SimpleName(created)))
                {
                    continue;
                }

                var model = SourceBodies.GetSemanticModel(compilation, site.Node.SyntaxTree);
                var thrownType = model.GetTypeInfo(site.Thrown, cancellationToken).Type;
                var mayBeCaught = site.Thrown is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                    ? DerivesFrom(thrownType, type)
                    : thrownType is null || thrownType.TypeKind == TypeKind.Error || DerivesFrom(thrownType, type) || DerivesFrom(type, thrownType);
                if (!mayBeCaught)
                {
                    continue;
                }

                var before = site.Node.SyntaxTree == tryBlock.SyntaxTree && tryBlock.Span.Contains(site.Node.Span)
                    && site.Node.Span.End <= call.SpanStart
                    && !site.Node.Ancestors().TakeWhile(a => a != tryBlock).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
                if (!before)
                {
                    return false;
                }

                found = true;
            }

            return found;
        }

        private static string SimpleName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => type.ToString(),
        };

        private HashSet<string> NamesOfTypeAndSubclasses(INamedTypeSymbol type)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal) { type.Name };
            var containers = new Stack<INamespaceOrTypeSymbol>();
            containers.Push(compilation.Assembly.GlobalNamespace);
            while (containers.Count > 0)
            {
                foreach (var member in containers.Pop().GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol nested)
                    {
                        containers.Push(nested);
                    }

                    if (member is INamedTypeSymbol candidate && DerivesFrom(candidate, type))
                    {
                        names.Add(candidate.Name);
                    }
                }
            }

            return names;
        }

        /// <summary>The type is <paramref name="base"/> or derives from it (original definitions compared).</summary>
        internal static bool DerivesFrom(ITypeSymbol? type, ITypeSymbol? @base)
        {
            for (var current = type; current is not null && @base is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, @base.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private List<ThrowSite> Collect()
        {
            var found = new List<ThrowSite>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    var thrown = node switch
                    {
                        ThrowStatementSyntax statement => statement.Expression,
                        ThrowExpressionSyntax expression => expression.Expression,
                        _ => null,
                    };

                    if (thrown is not null)
                    {
                        found.Add(new ThrowSite(node, thrown));
                    }
                }
            }

            return found;
        }

        private readonly struct ThrowSite
        {
            public ThrowSite(SyntaxNode node, ExpressionSyntax thrown)
            {
                Node = node;
                Thrown = thrown;
            }

            public SyntaxNode Node { get; }

            public ExpressionSyntax Thrown { get; }
        }
    }
}
