using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

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
    /// Scanning each file's characters once is a superset of the token test, so it is sound:
    /// an identifier token whose value is a sink name is spelled in the text either verbatim (possibly after '@', which
    /// leaves the name as a substring) or with a Unicode escape (<c>\u0054ools</c>), and a file containing any
    /// <c>\u</c>/<c>\U</c> counts as mentioning a sink. Matches in comments, strings or other types of the file only make
    /// the filter let more types through, which changes no diagnostic (a type without a sink reports nothing).
    /// One instance per compilation: trees belong to one compilation, and nothing outlives it.
    /// </remarks>
    internal sealed class SinkTextPrefilter
    {
        /// <summary>
        /// Characters read per copy. Small on purpose: the buffer is allocated once per file, and a 4K-character buffer
        /// per file cost more allocation than the token walk this replaces.
        /// </summary>
        internal const int ChunkLength = 256;

        private readonly string[] _names;
        private readonly int _longestName;
        private readonly ConcurrentDictionary<SyntaxTree, bool> _byTree;

        /// <param name="sinkNames">The names whose mention lets a file through.</param>
        /// <param name="treeCount">
        /// How many trees the compilation has: the table holds one answer per tree, and one sized from the start does not
        /// grow (a growing table takes every lock, and its growth and the waits on it showed in profiles under load).
        /// </param>
        public SinkTextPrefilter(IEnumerable<string> sinkNames, int treeCount)
        {
            _byTree = new ConcurrentDictionary<SyntaxTree, bool>(concurrencyLevel: 4, System.Math.Max(treeCount, 31));
            _names = new List<string>(sinkNames).ToArray();
            foreach (var name in _names)
            {
                _longestName = System.Math.Max(_longestName, name.Length);
            }
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

        /// <summary>Whether the text of <paramref name="tree"/> may mention a sink (computed once per tree).</summary>
        public bool MayMentionSink(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (!_byTree.TryGetValue(tree, out var mentions))
            {
                mentions = _byTree.GetOrAdd(tree, TextMayMention(tree.GetText(cancellationToken)));
            }

            return mentions;
        }

        /// <summary>Whether <paramref name="text"/> contains a sink name or a Unicode escape, read in chunks (no copy of the whole file).</summary>
        private bool TextMayMention(SourceText text)
        {
            // Each chunk is read with an overlap of the longest name, so a name or escape that straddles two chunks is
            // still seen whole by the chunk in which it starts.
            var overlap = System.Math.Max(_longestName, 2);
            var buffer = new char[System.Math.Min(text.Length, ChunkLength + overlap)];
            for (var start = 0; start < text.Length; start += ChunkLength)
            {
                var count = System.Math.Min(ChunkLength + overlap, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                var limit = System.Math.Min(ChunkLength, count);
                for (var i = 0; i < limit; i++)
                {
                    var c = buffer[i];
                    if (c == '\\')
                    {
                        if (i + 1 < count && (buffer[i + 1] == 'u' || buffer[i + 1] == 'U'))
                        {
                            return true;
                        }

                        continue;
                    }

                    foreach (var name in _names)
                    {
                        if (name[0] == c && StartsWith(buffer, i, count, name))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool StartsWith(char[] buffer, int index, int count, string name)
        {
            if (index + name.Length > count)
            {
                return false;
            }

            for (var j = 1; j < name.Length; j++)
            {
                if (buffer[index + j] != name[j])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
