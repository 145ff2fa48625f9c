using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Decides from syntax alone, once per file, whether a type's files can hold a call that <see cref="LlmCallRecognizer"/>
    /// recognises, so that an analyzer whose diagnostics all sit at such calls registers its operation actions only for
    /// types that pass. A type that does not pass costs its files one token scan, and the driver builds no IOperation
    /// tree for its members on the analyzer's behalf.
    /// </summary>
    /// <remarks>
    /// Sound because every recognised call is an invocation (or a method group) that spells its method's name, and the
    /// names are a superset of what the recognizer can match (<see cref="MayCallModelNames"/>): SDK entry points and the
    /// calls whose arguments decide, configured methods, the LLM wrappers referenced projects recorded, methods carrying
    /// <c>[LlmCall]</c> (also through a using alias), and every project method whose body mentions one of these names,
    /// transitively (names, not symbols: interface methods share the answer with their implementations). Identifier
    /// tokens are compared by value, so <c>@Name</c> and Unicode escapes are seen. A method of a referenced assembly can
    /// carry <c>[LlmCall]</c> under a name nothing here knows, so when a reference may apply the attribute
    /// (<see cref="LlmCallAttributeUse.MayBeAppliedInReferences"/>) every type passes. Implicitly declared types (the
    /// Program class of top-level statements) always pass.
    /// Precision only costs time: a file that merely mentions a common entry-point name (Create, SendAsync, RunAsync)
    /// is analysed in full. One instance per compilation; nothing outlives it.
    /// </remarks>
    internal sealed class LlmCallFileGate
    {
        private readonly Lazy<HashSet<string>?> names;
        private readonly ConcurrentDictionary<SyntaxTree, bool> byTree = new ConcurrentDictionary<SyntaxTree, bool>();

        /// <param name="compilation">The compilation being analysed.</param>
        /// <param name="recognizer">Its recognizer (the names it can match without a body).</param>
        /// <param name="otherNames">Further method names the caller reports at (e.g. HTTP resilience registrations).</param>
        /// <param name="cancellationToken">The compilation-start token.</param>
        public LlmCallFileGate(Compilation compilation, LlmCallRecognizer recognizer, IEnumerable<string> otherNames, CancellationToken cancellationToken)
        {
            // Lazy: computed on the first type's symbol-start action, not on the compilation-start path.
            names = new Lazy<HashSet<string>?>(
                () => Compute(compilation, recognizer, otherNames, cancellationToken),
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>True when one of <paramref name="type"/>'s files spells a name an LLM call can have.</summary>
        public bool MayHoldLlmCall(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.IsImplicitlyDeclared || type.DeclaringSyntaxReferences.IsEmpty || names.Value is not { } known)
            {
                return true;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var tree = reference.SyntaxTree;
                if (!byTree.TryGetValue(tree, out var mentions))
                {
                    mentions = byTree.GetOrAdd(tree, Mentions(tree, known, cancellationToken));
                }

                if (mentions)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The names, or null when the gate must let every type through.</summary>
        private static HashSet<string>? Compute(Compilation compilation, LlmCallRecognizer recognizer, IEnumerable<string> otherNames, CancellationToken cancellationToken)
        {
            if (recognizer.AnnotatedMethodsMayBeReferenced)
            {
                return null;
            }

            return MayCallModelNames.Compute(compilation, recognizer.DirectCallNames().Concat(otherNames), cancellationToken);
        }

        private static bool Mentions(SyntaxTree tree, HashSet<string> names, CancellationToken cancellationToken)
        {
            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
