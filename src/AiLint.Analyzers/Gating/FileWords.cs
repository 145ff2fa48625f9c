using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// The words each file of a compilation spells, read once per compilation (<see cref="WordIndex"/>) and shared by
    /// every caller that asks which files spell any of its names: the gate (<see cref="RelevantFiles"/>, each round of
    /// its closure), <c>SourceBodies.InvocationsNamed</c> (Retry's registration searches and the other callers), Tools'
    /// sink prefilter and the prompts family's searches. Each answer is <see cref="IdentifierScan.Spells"/>'s for the same
    /// names and file.
    /// </summary>
    /// <remarks>
    /// The first question is answered by a direct scan of the files until one spells a name; from there (or from the
    /// second question) the index answers, built once. Why not the index at once: it costs about 1.2 direct scans and
    /// allocates about 1 MB per 1,000 files (docs/performance.md, session 36), and a project without an LLM API asks
    /// one question (the gate's seeds, which no file spells), so it would pay that for nothing; a project with one
    /// asks several (the gate's rounds, Retry's registrations, Tools' sinks), so the index comes anyway.
    /// Both read the texts with no cancellation token (the answers serve every later question, whatever its token; the
    /// texts are the ones the parsed trees hold, as the gate reads them). A tree that is not one of the compilation's
    /// (a caller's own) is scanned directly.
    /// </remarks>
    internal sealed class FileWords
    {
        private static readonly ConditionalWeakTable<Compilation, FileWords> Cache = new ConditionalWeakTable<Compilation, FileWords>();

        private readonly Dictionary<SyntaxTree, int> positions = new Dictionary<SyntaxTree, int>();
        private readonly List<SourceText> texts = new List<SourceText>();
        private readonly Lazy<WordIndex> index;
        private int questions;

        private FileWords(Compilation compilation)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                positions[tree] = texts.Count;
                texts.Add(tree.GetText());
            }

            index = new Lazy<WordIndex>(() => WordIndex.Build(texts), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The shared words of <paramref name="compilation"/>'s files.</summary>
        public static FileWords For(Compilation compilation) => Cache.GetValue(compilation, c => new FileWords(c));

        /// <summary>Whether the index is built (for the tests: the first question is scanned, later ones are not).</summary>
        internal bool IsIndexed => index.IsValueCreated;

        /// <summary>Which files spell one of <paramref name="names"/> as a whole word (or may: see <see cref="IdentifierScan"/>).</summary>
        public SpelledFiles Spelling(IEnumerable<string> names)
        {
            var list = names as IReadOnlyCollection<string> ?? new List<string>(names);
            if (!index.IsValueCreated && Interlocked.Increment(ref questions) == 1)
            {
                // A file that spells a name means more questions follow (the gate's next round asks for the names that
                // file declares; Retry's and Tools' searches ask in the same build): the scan stops there and the index,
                // which the next question would build anyway, answers this one too, so only the texts before that file
                // are read twice, not every text. A question no file answers is one full scan, as before.
                var scan = new IdentifierScan(list);
                var spelled = new bool[texts.Count];
                for (var i = 0; i < spelled.Length; i++)
                {
                    if (scan.Spells(texts[i]))
                    {
                        return new SpelledFiles(index.Value.TextsSpellingAny(list), positions, list);
                    }
                }

                return new SpelledFiles(spelled, positions, list);
            }

            return new SpelledFiles(index.Value.TextsSpellingAny(list), positions, list);
        }
    }

    /// <summary>One caller's answer: the files of the compilation that spell one of its names.</summary>
    internal sealed class SpelledFiles
    {
        private readonly bool[] spelled;
        private readonly Dictionary<SyntaxTree, int> positions;
        private readonly IEnumerable<string> names;

        internal SpelledFiles(bool[] spelled, Dictionary<SyntaxTree, int> positions, IEnumerable<string> names)
        {
            this.spelled = spelled;
            this.positions = positions;
            this.names = names;
        }

        /// <summary>Whether <paramref name="tree"/>'s text spells one of the names; a tree of another compilation is scanned.</summary>
        public bool Contains(SyntaxTree tree, CancellationToken cancellationToken) =>
            positions.TryGetValue(tree, out var position)
                ? spelled[position]
                : new IdentifierScan(names).Spells(tree.GetText(cancellationToken));
    }
}
