using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// The nodes of one file that the per-file semantic-model actions of Evaluation (AIL0301-AIL0303) and AIL0102 read,
    /// in document order (<see cref="SyntaxNode.DescendantNodes(System.Func{SyntaxNode, bool}?, bool)"/>): every
    /// invocation, object creation (<c>new T(...)</c> and target-typed <c>new(...)</c>) and assignment, each with its
    /// operation, and every field and property declaration (which the prompt rules read for <c>[Prompt]</c>). Computed
    /// once per semantic model and shared, like <see cref="OperationBlocksOfFile.Of"/>.
    /// </summary>
    /// <remarks>
    /// Why: each of the two actions walked every node of each relevant file and asked the operation of its calls, so the
    /// second walk and the second look-up of every invocation repeated the first (docs/performance.md, "2026-12-05/06,
    /// session 28"). A reader sees the very nodes, in the very order, and the very operation instances, its own walk gave
    /// it: <see cref="Operation"/> is the semantic model's <c>GetOperation</c> of the node (the model caches each
    /// member's operation tree, so every caller gets the same instance), asked on first use only, so an analyzer that
    /// reads only the invocations does not make the look-ups of creations and assignments.
    /// </remarks>
    internal sealed class CallSitesOfFile
    {
        // Keyed by the model: the driver hands every analyzer's semantic-model action the same model of a tree, and the
        // operations kept here belong to that model's trees, so they live exactly as long.
        private static readonly ConditionalWeakTable<SemanticModel, CallSitesOfFile> Shared = new ConditionalWeakTable<SemanticModel, CallSitesOfFile>();

        // Marks a node whose operation was asked and is null (broken code), so it is not asked again.
        private static readonly object NoOperation = new object();

        private readonly SemanticModel model;

        // One slot per node: null until asked, then the operation or NoOperation. Two readers that race both ask the
        // model and write the same instance, so a plain write is enough.
        private readonly object?[] operations;

        private CallSitesOfFile(SemanticModel model, ImmutableArray<SyntaxNode> nodes)
        {
            this.model = model;
            Nodes = nodes;
            operations = new object?[nodes.Length];
        }

        /// <summary>The invocations, object creations, assignments, field and property declarations, in document order.</summary>
        public ImmutableArray<SyntaxNode> Nodes { get; }

        /// <summary>
        /// The nodes of <paramref name="model"/>'s file: walked by the first caller, shared with every later caller that
        /// holds the same model. Two callers that race may both walk; the first stored result is returned to both.
        /// </summary>
        public static CallSitesOfFile Of(SemanticModel model, CancellationToken cancellationToken)
        {
            if (Shared.TryGetValue(model, out var cached))
            {
                return cached;
            }

            var sites = Walk(model, cancellationToken);
            return Shared.GetValue(model, _ => sites);
        }

        /// <summary>The nodes of <paramref name="model"/>'s file, walked now and not kept (<see cref="Of"/> keeps them).</summary>
        internal static CallSitesOfFile Walk(SemanticModel model, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var nodes = ImmutableArray.CreateBuilder<SyntaxNode>();
            foreach (var node in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (IsCallSite(node) || node is FieldDeclarationSyntax || node is PropertyDeclarationSyntax)
                {
                    nodes.Add(node);
                }
            }

            return new CallSitesOfFile(model, nodes.ToImmutable());
        }

        /// <summary>Whether <paramref name="node"/> is an invocation, an object creation or an assignment.</summary>
        public static bool IsCallSite(SyntaxNode node) =>
            node is BaseObjectCreationExpressionSyntax || node is InvocationExpressionSyntax || node is AssignmentExpressionSyntax;

        /// <summary>
        /// <c>GetOperation</c> of the call site <c>Nodes[index]</c> (null for a field or property declaration, or where the
        /// model has none), asked once per model. A look-up that throws (cancelled) stores nothing.
        /// </summary>
        public IOperation? Operation(int index, CancellationToken cancellationToken)
        {
            var known = Volatile.Read(ref operations[index]);
            if (known is null)
            {
                var node = Nodes[index];
                known = (IsCallSite(node) ? model.GetOperation(node, cancellationToken) : null) ?? NoOperation;
                Volatile.Write(ref operations[index], known);
            }

            return known as IOperation;
        }
    }
}
