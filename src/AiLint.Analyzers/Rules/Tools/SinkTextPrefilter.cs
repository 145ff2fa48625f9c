using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Decides, before a type's blocks are read, whether it can hold a catalog sink: one of its source files
    /// must spell a sink property's or a catalog-taking method's name (<see cref="TypeIndex.SinkNames"/>). A sink always
    /// comes from a reference to such a member written in the type's own declarations (<see cref="TypeIndex.MayCreateSink"/>:
    /// no implicit references to them exist), so a type none of whose files contains one of the names has no sink.
    /// </summary>
    /// <remarks>
    /// Why text, once per file, and not the type's tokens: walking every token of every type (nested types again for each
    /// enclosing type) realised the red tree of the whole compilation and was most of this analyzer's callback time.
    /// The text is read by the gate's <see cref="IdentifierScan"/> (whole words, no string per word), which is sound for
    /// identifier tokens: a token whose value is a sink name is spelled as that whole word (possibly after '@'), or with a
    /// Unicode escape (<c>\u0054ools</c>) or a formatting character, and a file containing either counts as mentioning
    /// every name. Words in comments, strings or other types of the file only make the filter let more types through,
    /// which changes no diagnostic (a type without a sink reports nothing).
    /// Why the answers of all trees in one pass (docs/performance.md, "session 34"): asked per tree from the analyzer's
    /// threads, the answers went into a concurrent table whose locks spun when their holder was preempted, and each
    /// question allocated its own read buffer; one pass on the first question reads every file with one buffer and
    /// leaves a table that is only read afterwards. The analyzer asks about every file anyway.
    /// One instance per compilation: trees belong to one compilation, and nothing outlives it.
    /// </remarks>
    internal sealed class SinkTextPrefilter
    {
        private readonly string[] _names;

        // The answers of the trees given at construction, made on the first question (null: no trees given).
        private readonly System.Lazy<Dictionary<SyntaxTree, bool>>? _byTree;

        // The answers of a compilation's trees, from its shared words (null: no compilation given).
        private readonly System.Lazy<SpelledFiles>? _shared;

        // A scan for questions outside the table; taken and given back without a lock (a second asker makes its own).
        private IdentifierScan? _spare;

        /// <summary>A prefilter that scans each tree asked about (for callers that ask about each tree once).</summary>
        /// <param name="sinkNames">The names whose mention lets a file through.</param>
        public SinkTextPrefilter(IEnumerable<string> sinkNames)
        {
            _names = new List<string>(sinkNames).ToArray();
        }

        /// <summary>A prefilter whose answers for <paramref name="trees"/> are computed in one pass on the first question.</summary>
        /// <param name="sinkNames">The names whose mention lets a file through.</param>
        /// <param name="trees">The trees that will be asked about (the compilation's); others are scanned when asked.</param>
        /// <remarks>
        /// No cancellation token: the pass is shared by every later question, whatever its token, and reads texts the
        /// parsed trees already hold (as the gate's <c>RelevantFiles</c> does).
        /// </remarks>
        public SinkTextPrefilter(IEnumerable<string> sinkNames, IEnumerable<SyntaxTree> trees)
            : this(sinkNames)
        {
            _byTree = new System.Lazy<Dictionary<SyntaxTree, bool>>(() => ScanAll(trees), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// A prefilter whose answers for <paramref name="compilation"/>'s trees come from the words its files spell, read
        /// once per compilation and shared with the gate and the other searches (<see cref="FileWords"/>, issue 16), made
        /// on the first question; other trees are scanned when asked.
        /// </summary>
        public SinkTextPrefilter(IEnumerable<string> sinkNames, Compilation compilation)
            : this(sinkNames)
        {
            _shared = new System.Lazy<SpelledFiles>(() => FileWords.For(compilation).Spelling(_names), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public bool MayMentionSink(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.IsImplicitlyDeclared || type.DeclaringSyntaxReferences.IsEmpty)
            {
                // For example the Program class of top-level statements: keep the full analysis.
                return true;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (MayMentionSink(reference.SyntaxTree, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the text of <paramref name="tree"/> may mention a sink.</summary>
        public bool MayMentionSink(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (_shared != null)
            {
                return _shared.Value.Contains(tree, cancellationToken);
            }

            if (_byTree != null && _byTree.Value.TryGetValue(tree, out var mentions))
            {
                return mentions;
            }

            var scan = Interlocked.Exchange(ref _spare, null) ?? new IdentifierScan(_names);
            var spells = scan.Spells(tree.GetText(cancellationToken));
            _spare = scan;
            return spells;
        }

        private Dictionary<SyntaxTree, bool> ScanAll(IEnumerable<SyntaxTree> trees)
        {
            var scan = new IdentifierScan(_names);
            var byTree = new Dictionary<SyntaxTree, bool>();
            foreach (var tree in trees)
            {
                byTree[tree] = scan.Spells(tree.GetText());
            }

            return byTree;
        }
    }
}
